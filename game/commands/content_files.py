"""What kind of content a YAML file holds — a scenario, a manager-track scenario, a rubric, the
manager rubric or the coaching content — told from its top-level keys, and its problems as
``validate`` reports them (each kind checked against its own model, with positions)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from game.scenario.errors import Problem, ScenarioError

Kind = Literal["scenario", "manager", "rubric", "manager_rubric", "coaching"]

_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*:")

KEYS: dict[Kind, frozenset[str]] = {
    "rubric": frozenset({"indicators", "competencies"}),
    "manager_rubric": frozenset({"competencies", "kpis"}),
    "coaching": frozenset({"points", "behaviours"}),
}
"""The top-level keys that mark a file as each kind other than a scenario (all must be there)."""


def top_keys(path: str | Path) -> set[str]:
    """The keys at the top level of the YAML at ``path`` (a cheap look at the text: the loaders
    report what is wrong with it); empty if it cannot be read."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return set()
    return {m.group(1) for line in text.splitlines() if (m := _TOP_KEY.match(line))}


def content_kind(path: str | Path) -> Kind:
    """The kind of content at ``path``; a file that is none of the others is a scenario, so
    that its problems read as a scenario's."""
    from game.manager.loader import is_manager_file

    if is_manager_file(path):
        return "manager"
    keys = top_keys(path)
    for kind, marks in KEYS.items():  # in order: a rubric's keys come first
        if marks <= keys:
            return kind
    return "scenario"


def check_content(path: str | Path) -> tuple[Kind, list[Problem]]:
    """The kind of the file at ``path`` and every problem ``validate`` reports for it."""
    from game.manager.loader import check_manager_file
    from game.trainer.lint import check_file

    kind = content_kind(path)
    if kind == "scenario":
        return kind, check_file(path)
    if kind == "manager":
        return kind, check_manager_file(path)
    try:
        _load(kind, path)
    except ScenarioError as err:
        return kind, list(err.problems)
    return kind, []


def _load(kind: Kind, path: str | Path) -> None:
    if kind == "rubric":
        from game.assessment.rubric import load_rubric

        load_rubric(path)
    elif kind == "manager_rubric":
        from game.manager.scoring import ManagerRubric
        from game.scenario.loader import load_file

        load_file(path, ManagerRubric)
    else:
        from game.assessment.coaching_content import load_coaching_content

        load_coaching_content(path)
