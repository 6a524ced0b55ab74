"""Values the game can store or use only up to a limit (E209)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from game.scenario.errors import Problem
from game.scenario.models import Scenario
from game.trainer.lint_base import LintContext
from game.trainer.lint_targets import MAX_PURCHASE_SIZE

SIZE_SAMPLE = 20_000
"""Purchase sizes drawn per segment to see whether any go beyond the limit."""


def limit_rules(ctx: LintContext) -> Iterator[Problem]:
    scenario = ctx.scenario
    if scenario is None:  # only called once the file loaded
        return
    yield from _purchase_sizes(ctx, scenario)


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
