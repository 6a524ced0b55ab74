"""Definitions that are certain, mismatched, untranslated or unused (W204, W205, W212, W401, W50x)."""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Iterator
from typing import Any

from pydantic import BaseModel

from game.scenario.errors import Problem
from game.scenario.messages import msg
from game.scenario.models import Scenario
from game.scenario.persona import Persona
from game.scenario.text import Text
from game.scenario.yaml_nodes import dotted
from game.trainer.lint_base import LintContext
from game.trainer.persona_claims import contradictions

CERTAIN_FACTOR = 4.0
"""A risk expected to strike this many times its max_times is as good as certain."""


def definition_rules(ctx: LintContext) -> Iterator[Problem]:
    scenario = ctx.scenario
    if scenario is None:  # only called once the file loaded
        return
    yield from _risks(ctx, scenario)
    yield from _account_products(ctx, scenario)
    yield from _persona_words(ctx, scenario)
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
                msg(
                    "W204.certain_risk",
                    id=risk.id,
                    hazard=hazard,
                    week=sure_by,
                    expected=expected,
                    weeks=weeks,
                    max_times=risk.max_times,
                ),
                msg(
                    "W204.certain_risk_hint",
                    suggestion=suggestion,
                    strikes=suggestion * weeks,
                    weeks=weeks,
                ),
            )
        if risk.warning is not None and risk.warning_weeks == 0:
            yield ctx.problem(
                ("risks", i, "warning"),
                "W505",
                msg("W505.warning_never_shown", id=risk.id),
                msg("W505.warning_never_shown_hint"),
            )


def _account_products(ctx: LintContext, scenario: Scenario) -> Iterator[Problem]:
    for i, ka in enumerate(scenario.key_accounts):
        buys = scenario.segment(ka.segment).product
        if ka.product != buys:
            yield ctx.problem(
                ("key_accounts", i, "product"),
                "W205",
                msg(
                    "W205.account_product",
                    id=ka.id,
                    product=ka.product,
                    segment=ka.segment,
                    buys=buys,
                ),
                msg("W205.account_product_hint", buys=buys, product=ka.product),
            )


def _persona_words(ctx: LintContext, scenario: Scenario) -> Iterator[Problem]:
    """A key account whose own words ask for what its values rank low, or give another number of
    units than its volume (``persona_claims``), in English or Chinese."""
    options = {issue.id: issue.values for issue in scenario.negotiation.issues}
    for c in contradictions(scenario):
        ka = scenario.key_accounts[c.account]
        at = (("key_accounts", c.account, "persona") if isinstance(ka.persona, Persona)
              else ("key_accounts", c.account, c.field, c.lang))
        if c.kind == "count":
            yield ctx.problem(
                at, "W212",
                msg("W212.count_contradicts_volume", field=c.field, lang=c.lang, id=ka.id,
                    said=c.said, count=c.count, volume=ka.volume),
                msg("W212.count_contradicts_volume_hint", count=c.count, volume=ka.volume),
            )
            continue
        values = options[c.issue]
        example = [1.0 if _plain(v) == c.stated else 0.8 for v in values]
        if c.kind == "number":
            yield ctx.problem(
                at, "W212",
                msg("W212.number_contradicts_values", field=c.field, lang=c.lang, id=ka.id,
                    said=c.said, issue=c.issue, stated=c.stated, stated_value=c.stated_value,
                    favourite=c.favourite, favourite_value=c.favourite_value),
                msg("W212.number_contradicts_values_hint", issue=c.issue, stated=c.stated,
                    favourite=c.favourite, example=f"{c.issue}: {example}"),
            )
            continue
        yield ctx.problem(
            at,
            "W212",
            msg("W212.words_contradict_values", field=c.field, lang=c.lang, said=c.said, id=ka.id,
                stated=c.stated,
                issue=c.issue, stated_value=c.stated_value, favourite=c.favourite,
                favourite_value=c.favourite_value),
            msg("W212.words_contradict_values_hint", issue=c.issue, stated=c.stated,
                favourite=c.favourite, example=f"{c.issue}: {example}"),
        )


def _plain(value: float | str) -> str:
    return value if isinstance(value, str) else f"{float(value):g}"


def _translations(ctx: LintContext, scenario: Scenario) -> Iterator[Problem]:
    yield from translation_problems(ctx, scenario, scenario.languages)


def translation_problems(ctx: LintContext, model: BaseModel,
                         languages: Iterable[str]) -> Iterator[Problem]:
    """W401 for every text of ``model`` written in the file in one of ``languages`` only."""
    for path, text in _texts(model, ()):
        if path not in ctx.tree.nodes:
            continue  # a default, not written in the file
        missing = [lang for lang in text.missing_languages() if lang in languages]
        if len(missing) == 1:
            only = "W401.chinese_only" if missing[0] == "en" else "W401.english_only"
            yield ctx.problem(
                path, "W401", msg(only, where=dotted(path)), msg(f"{only}_hint")
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
                msg("W501.unused_product", id=product.id),
                msg("W501.unused_product_hint"),
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
                    msg(
                        "W502.dominated_channel",
                        id=a.id,
                        other=b.id,
                        other_fee=b.fee,
                        fee=a.fee,
                        other_reach=b.reach,
                        reach=a.reach,
                    ),
                    msg("W502.dominated_channel_hint"),
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
                    msg("W504.values_without_weight", id=ka.id, issue=issue),
                    msg("W504.values_without_weight_hint", issue=issue),
                    key=True,
                )
    if not accounts:
        return
    for i, issue in enumerate(scenario.negotiation.issues):
        if all(ka.preferences.weights.get(issue.id, 0.0) <= 0 for ka in accounts):
            yield ctx.problem(
                ("negotiation", "issues", i, "id"),
                "W503",
                msg("W503.unwanted_issue", issue=issue.id),
                msg("W503.unwanted_issue_hint", issue=issue.id),
            )
