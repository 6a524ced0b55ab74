"""References the schema accepts but the game cannot honour (E208, W208, W209)."""

from __future__ import annotations

from collections.abc import Iterator

from game.scenario.errors import Problem
from game.scenario.messages import joined, msg
from game.scenario.models import Scenario
from game.trainer.courseware import courseware_sections
from game.trainer.lint_base import LintContext


def reference_rules(ctx: LintContext) -> Iterator[Problem]:
    scenario = ctx.scenario
    if scenario is None:  # only called once the file loaded
        return
    yield from _price_war_targets(ctx, scenario)
    yield from _delivery_costs(ctx, scenario)
    yield from _courseware(ctx, scenario)


def _price_war_targets(ctx: LintContext, scenario: Scenario) -> Iterator[Problem]:
    rivals = joined([c.id for c in scenario.competitors], "ids")
    for i, risk in enumerate(scenario.risks):
        if risk.kind == "price_war" and risk.target is None:
            yield ctx.problem(
                ("risks", i, "kind"),
                "E208",
                msg("E208.price_war_without_target", id=risk.id),
                msg("E208.price_war_without_target_hint", rivals=rivals),
            )


def _delivery_costs(ctx: LintContext, scenario: Scenario) -> Iterator[Problem]:
    costs = scenario.company.delivery_cost
    known = joined([str(k) for k in sorted(costs)], "ids") if costs else msg("value.none_listed")
    for k, issue in enumerate(scenario.negotiation.issues):
        if issue.id != "delivery_weeks":
            continue
        for m, weeks in enumerate(issue.values):
            if isinstance(weeks, str) or float(weeks) in {float(w) for w in costs}:
                continue
            shown = int(weeks) if float(weeks).is_integer() else weeks
            yield ctx.problem(
                ("negotiation", "issues", k, "values", m),
                "W208",
                msg("W208.delivery_without_cost", weeks=shown, known=known),
                msg("W208.delivery_without_cost_hint", weeks=shown),
            )


def _courseware(ctx: LintContext, scenario: Scenario) -> Iterator[Problem]:
    sections = courseware_sections()
    for j, cw in enumerate(scenario.courseware):
        if cw in sections:
            continue
        yield ctx.problem(
            ("courseware", j),
            "W209",
            msg("W209.unknown_courseware", id=cw),
            msg("W209.unknown_courseware_hint", sections=joined(list(sections), "ids")),
        )
