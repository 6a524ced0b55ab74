"""Lint: what a scenario's schema cannot catch, as positioned errors and warnings.

``check_source`` loads a scenario like the loader does (its errors come first) and then runs the
lint rules: impossible or unreachable setups (E2xx/W2xx), YAML traps (W3xx), missing
translations (W4xx) and unused or pointless definitions (W5xx). Every problem is an
``errors.Problem``, so it prints as ``path:line:col: error|warning CODE: message`` + a hint.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pydantic import ValidationError

from game.scenario.errors import Problem, ScenarioError
from game.scenario.loader import (
    decode_source,
    load_model,
    parse_tree,
    read_source,
    validation_problems,
)
from game.scenario.messages import Lang
from game.scenario.models import Scenario
from game.trainer.lint_base import LINT_CODES, LintContext, lint_problem
from game.trainer.lint_deals import deal_rules
from game.trainer.lint_definitions import definition_rules
from game.trainer.lint_dilemmas import dilemma_rules
from game.trainer.lint_economics import economics_rules
from game.trainer.lint_limits import limit_rules
from game.trainer.lint_references import reference_rules
from game.trainer.lint_targets import target_rules
from game.trainer.lint_yaml import yaml_traps

__all__ = ["LINT_CODES", "check_file", "check_source", "lint", "lint_problem", "problems_json"]

TREE_RULES: list[Callable[[LintContext], Iterator[Problem]]] = [yaml_traps]
"""Rules that read only the YAML: they also run when the scenario does not validate."""
MODEL_RULES: list[Callable[[LintContext], Iterator[Problem]]] = [
    deal_rules,
    target_rules,
    definition_rules,
    economics_rules,
    reference_rules,
    limit_rules,
    dilemma_rules,
]
"""Rules that need the validated scenario."""


def lint(ctx: LintContext) -> list[Problem]:
    """The lint problems of a parsed (and, if ``ctx.scenario`` is set, validated) scenario."""
    found: list[Problem] = []
    for rule in TREE_RULES:
        found.extend(rule(ctx))
    if ctx.scenario is not None:
        for rule in MODEL_RULES:
            found.extend(rule(ctx))
    return _sorted(found)


def check_source(source: str | bytes, path: str = "<text>") -> list[Problem]:
    """Every problem of scenario ``source``: the loader's errors, then lint errors and warnings,
    sorted by position. An empty list means the scenario is clean."""
    try:
        text = decode_source(source, path)
        tree = parse_tree(text, path)
        if not isinstance(tree.data, dict):
            load_model(text, Scenario, path)  # raises the loader's positioned E014
    except ScenarioError as err:
        return list(err.problems)
    ctx = LintContext(tree=tree, text=text, path=path)
    problems: list[Problem] = []
    try:
        ctx.scenario = Scenario.model_validate(tree.data)
    except ValidationError as exc:
        problems = validation_problems(exc, tree, Scenario, path)
    return _sorted([*problems, *lint(ctx)])


def check_file(path: str | Path) -> list[Problem]:
    """``check_source`` of the file at ``path`` (unreadable files give the loader's E001/E002)."""
    try:
        raw = read_source(path)
    except ScenarioError as err:
        return list(err.problems)
    return check_source(raw, str(path))


def problems_json(problems: Iterable[Problem], lang: Lang = "en") -> str:
    """A JSON list of problems for tools: path, line, column, severity, code, the message and
    hint in ``lang`` and their catalog keys."""
    return json.dumps(
        [
            {
                "path": p.path,
                "line": p.line,
                "column": p.column,
                "severity": p.severity,
                "code": p.code,
                "message": p.message_in(lang),
                "hint": p.hint_in(lang),
                "key": p.text.key,
                "hint_key": p.advice.key if p.advice is not None else None,
                "lang": lang,
            }
            for p in problems
        ],
        ensure_ascii=False,
        indent=2,
    )


def _sorted(problems: list[Problem]) -> list[Problem]:
    unique = {(p.line, p.column, p.code, p.message): p for p in problems}
    return sorted(unique.values(), key=lambda p: p.sort_key)
