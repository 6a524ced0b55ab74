"""Values the game can store or use only up to a limit (E209), or that dwarf the game (W211)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from game.scenario.errors import Problem
from game.scenario.models import Scenario
from game.trainer.lint_base import LintContext
from game.trainer.lint_targets import MAX_PURCHASE_SIZE, draws_of, revenue_bounds

COSTLY_RESEARCH = 0.1
"""One use of a research method costing this share of the whole market's revenue is absurd."""
SIZE_SAMPLE = 20_000
"""Purchase sizes drawn per segment to see whether any go beyond the limit."""


def limit_rules(ctx: LintContext) -> Iterator[Problem]:
    scenario = ctx.scenario
    if scenario is None:  # only called once the file loaded
        return
    yield from _purchase_sizes(ctx, scenario)
    yield from _research_costs(ctx, scenario)


def _research_costs(ctx: LintContext, scenario: Scenario) -> Iterator[Problem]:
    _, market = revenue_bounds(scenario, draws_of(scenario))
    research = scenario.company.research
    for name in type(research).model_fields:
        cost = getattr(research, name).cost
        if cost > COSTLY_RESEARCH * market:
            yield ctx.problem(
                ("company", "research", name, "cost"),
                "W211",
                f"one use of {name} costs {cost:,.0f}, more than {COSTLY_RESEARCH:.0%} of what "
                f"the whole market buys over the game at list price ({market:,.0f}): a trainee "
                "who researches once ends with a hugely negative margin",
                "give the cost of one use in money, a small share of a round's revenue (the "
                "shipped scenarios use 0 to 8,000)",
            )


def _purchase_sizes(ctx: LintContext, scenario: Scenario) -> Iterator[Problem]:
    rng = np.random.default_rng(0)
    for i, seg in enumerate(scenario.market.segments):
        sizes = np.rint(seg.size.sample(rng, SIZE_SAMPLE))
        beyond = float(np.mean(sizes > MAX_PURCHASE_SIZE))
        if beyond == 0.0:
            continue
        yield ctx.problem(
            ("market", "segments", i, "size"),
            "E209",
            f"segment '{seg.id}' has purchase sizes above {MAX_PURCHASE_SIZE:,} units "
            f"({beyond:.1%} of its customers); the game cannot hold them and would cut them "
            f"to {MAX_PURCHASE_SIZE:,}",
            f"lower the sizes, or bound them with 'clip: [1, {MAX_PURCHASE_SIZE}]'; for bigger "
            "buyers, count a purchase in packs of several units",
        )
