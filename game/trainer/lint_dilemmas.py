"""Conduct dilemmas that cannot teach what they mean to: a consequence due after the game's last
week, which never strikes (W213), and money so large against the revenue target that one answer
decides the game on its own (W214)."""

from __future__ import annotations

from collections.abc import Iterator

from game.scenario.errors import Problem
from game.scenario.messages import msg
from game.trainer.lint_base import LintContext

DECISIVE_SHARE = 0.1
"""Money from one answer or consequence above this share of the revenue target swamps the game."""

_PHASE_WEEK = {"maintenance": 1, "risk": 1}
"""Phases that start after the round's weeks have run (their answers come a round's weeks later)."""


def dilemma_rules(ctx: LintContext) -> Iterator[Problem]:
    scenario = ctx.scenario
    if scenario is None:
        return
    last = scenario.rounds * scenario.weeks_per_round
    decisive = DECISIVE_SHARE * scenario.targets.revenue
    for i, d in enumerate(scenario.dilemmas):
        raised = (d.round - 1 + _PHASE_WEEK.get(d.phase, 0)) * scenario.weeks_per_round
        for j, c in enumerate(d.choices):
            at = ("dilemmas", i, "choices", j)
            if abs(c.money) > decisive:
                yield ctx.problem((*at, "money"), "W214",
                                  msg("W214.decisive", id=d.id, choice=c.id, money=abs(c.money),
                                      share=DECISIVE_SHARE),
                                  msg("W214.decisive_hint", limit=decisive))
            for k, later in enumerate(c.later):
                if raised + later.after_weeks >= last:
                    yield ctx.problem((*at, "later", k, "after_weeks"), "W213",
                                      msg("W213.never_strikes", id=d.id, choice=c.id,
                                          weeks=later.after_weeks, left=max(0, last - raised)),
                                      msg("W213.never_strikes_hint"))
                if abs(later.money) > decisive:
                    yield ctx.problem((*at, "later", k, "money"), "W214",
                                      msg("W214.decisive", id=d.id, choice=c.id,
                                          money=abs(later.money), share=DECISIVE_SHARE),
                                      msg("W214.decisive_hint", limit=decisive))
