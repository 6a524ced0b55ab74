"""Definitions that are certain, mismatched, untranslated or unused (W204, W205, W401, W50x)."""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterator
from typing import Any

from pydantic import BaseModel

from game.scenario.errors import Problem
from game.scenario.models import Scenario
from game.scenario.text import Text
from game.trainer.lint_base import LintContext

CERTAIN_FACTOR = 4.0
"""A risk expected to strike this many times its max_times is as good as certain."""


def definition_rules(ctx: LintContext) -> Iterator[Problem]:
    scenario = ctx.scenario
    if scenario is None:  # only called once the file loaded
        return
    yield from _risks(ctx, scenario)
    yield from _account_products(ctx, scenario)
    yield from _translations(ctx, scenario)
    yield from _unused_products(ctx, scenario)
    yield from _dominated_channels(ctx, scenario)
    yield from _unweighted_issues(ctx, scenario)


def _risks(ctx: LintContext, scenario: Scenario) -> Iterator[Problem]:
    weeks = scenario.rounds * scenario.weeks_per_round
    for i, risk in enumerate(scenario.risks):
        hazard = risk.hazard_per_week
        expected = hazard * weeks
        if hazard >= 1 or expected >= CERTAIN_FACTOR * risk.max_times:
            sure_by = 1 if hazard >= 1 else math.ceil(math.log(0.01) / math.log(1 - hazard))
            suggestion = min(0.5, risk.max_times / weeks)
            yield ctx.problem(
                ("risks", i, "hazard_per_week"),
                "W204",
                f"'{risk.id}' is certain to strike: with a hazard of {hazard:g} per week it "
                f"strikes by week {sure_by} in 99 games out of 100 (it would strike "
                f"{expected:.1f} times in {weeks} weeks, but may strike at most "
                f"{risk.max_times})",
                f"lower hazard_per_week, e.g. to {suggestion:.3g} for about "
                f"{suggestion * weeks:.3g} strike(s) over the game's {weeks} weeks, so that it "
                "may or may not happen",
            )
        if risk.warning is not None and risk.warning_weeks == 0:
            yield ctx.problem(
                ("risks", i, "warning"),
                "W505",
                f"the warning of '{risk.id}' is never shown, because warning_weeks is 0",
                "set warning_weeks to the weeks of notice the trainee gets, or remove 'warning'",
            )


def _account_products(ctx: LintContext, scenario: Scenario) -> Iterator[Problem]:
    for i, ka in enumerate(scenario.key_accounts):
        buys = scenario.segment(ka.segment).product
        if ka.product != buys:
            yield ctx.problem(
                ("key_accounts", i, "product"),
                "W205",
                f"'{ka.id}' wants '{ka.product}', but its segment '{ka.segment}' buys '{buys}'",
                f"use product '{buys}', or put the account in a segment that buys "
                f"'{ka.product}' (so research on the segment tells the trainee about it)",
            )


def _translations(ctx: LintContext, scenario: Scenario) -> Iterator[Problem]:
    for path, text in _texts(scenario, ()):
        if path not in ctx.tree.nodes:
            continue  # a default, not written in the file
        missing = [lang for lang in text.missing_languages() if lang in scenario.languages]
        if len(missing) == 1:
            lang = missing[0]
            given = "Chinese" if lang == "en" else "English"
            word = "English" if lang == "en" else "Chinese"
            yield ctx.problem(
                path,
                "W401",
                f"'{_dotted(path)}' is given in {given} only",
                f"add '{lang}: ...' with the {word} text, so trainees playing in {word} do not "
                f"see {given}; or, if the scenario is written for {given} readers only, "
                f"declare 'languages: [{'zh' if lang == 'en' else 'en'}]' at the top level",
            )


def _texts(value: Any, path: tuple[Hashable, ...]) -> Iterator[tuple[tuple[Hashable, ...], Text]]:
    if isinstance(value, Text):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, (*path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, BaseModel | list | dict):
                yield from _texts(item, (*path, key))


def _unused_products(ctx: LintContext, scenario: Scenario) -> Iterator[Problem]:
    used = {s.product for s in scenario.market.segments} | {
        ka.product for ka in scenario.key_accounts
    }
    for i, product in enumerate(scenario.company.products):
        if product.id not in used:
            yield ctx.problem(
                ("company", "products", i, "id"),
                "W501",
                f"no segment or key account buys the product '{product.id}'",
                "name it as the product of a segment or key account, or remove it",
            )


def _dominated_channels(ctx: LintContext, scenario: Scenario) -> Iterator[Problem]:
    channels = scenario.company.channels
    for i, a in enumerate(channels):
        for b in channels:
            if b is a:
                continue
            if b.fee <= a.fee and b.reach >= a.reach and (b.fee, b.reach) != (a.fee, a.reach):
                yield ctx.problem(
                    ("company", "channels", i, "id"),
                    "W502",
                    f"the channel '{a.id}' is never worth choosing: '{b.id}' costs no more "
                    f"(fee {b.fee:g} vs {a.fee:g}) and reaches at least as many buyers "
                    f"(reach {b.reach:g} vs {a.reach:g})",
                    "give each channel a trade-off (more reach for a higher fee), or remove it",
                )
                break


def _unweighted_issues(ctx: LintContext, scenario: Scenario) -> Iterator[Problem]:
    accounts = scenario.key_accounts
    for i, ka in enumerate(accounts):
        for issue in ka.preferences.values:
            if ka.preferences.weights.get(issue, 0.0) <= 0:
                yield ctx.problem(
                    ("key_accounts", i, "preferences", "values", issue),
                    "W504",
                    f"'{ka.id}' has option values for '{issue}' but gives it no weight, so they "
                    "never count",
                    f"give '{issue}' a weight under preferences.weights, or remove its values",
                    key=True,
                )
    if not accounts:
        return
    for i, issue in enumerate(scenario.negotiation.issues):
        if all(ka.preferences.weights.get(issue.id, 0.0) <= 0 for ka in accounts):
            yield ctx.problem(
                ("negotiation", "issues", i, "id"),
                "W503",
                f"no key account gives '{issue.id}' any weight, so conceding on it never helps",
                f"give '{issue.id}' a weight in some account's preferences, or take it off the "
                "table",
            )


def _dotted(path: tuple[Hashable, ...]) -> str:
    out = ""
    for element in path:
        if isinstance(element, int) and not isinstance(element, bool):
            out += f"[{element}]"
        else:
            out += f".{element}" if out else str(element)
    return out
