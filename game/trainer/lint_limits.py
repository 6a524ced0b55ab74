"""Values the game can store or use only up to a limit (E209), or that dwarf the game (W211)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from game.scenario.errors import Problem
from game.scenario.messages import msg
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
                msg(
                    "W211.research_costly",
                    method=name,
                    cost=cost,
                    share=COSTLY_RESEARCH,
                    market=market,
                ),
                msg("W211.research_costly_hint"),
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
            msg("E209.purchase_too_large", id=seg.id, limit=MAX_PURCHASE_SIZE, beyond=beyond),
            msg("E209.purchase_too_large_hint", limit=MAX_PURCHASE_SIZE),
        )
