"""Does the process pay? The idle rep and the graded tiers on one scenario, the same seeds for
each: contribution profit and satisfaction per tier, and how far apart adjacent tiers are."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from game.assessment.outcomes import play_all
from game.assessment.stats import hedges_g

TIERS: tuple[str, ...] = ("idle", "novice", "intermediate", "expert")
"""The reps compared, least skilled first."""
G_MIN = 1.0
IDLE_SHARE_MAX = 0.6


@dataclass(frozen=True)
class TierResult:
    bot: str
    profit: list[float]
    revenue: list[float]
    satisfaction: list[float]

    @property
    def mean_profit(self) -> float:
        return statistics.fmean(self.profit)


@dataclass(frozen=True)
class TierStudy:
    scenario: str
    revenue_target: float
    seeds: list[int]
    tiers: list[TierResult]

    def tier(self, bot: str) -> TierResult:
        return next(t for t in self.tiers if t.bot == bot)

    def profit_g(self) -> list[tuple[str, str, float]]:
        """(lower, upper, Hedges' g on profit) for each adjacent pair of tiers."""
        return [(a.bot, b.bot, hedges_g(a.profit, b.profit))
                for a, b in zip(self.tiers, self.tiers[1:], strict=False)]

    def satisfaction_g(self) -> float:
        return hedges_g(self.tier("novice").satisfaction, self.tier("expert").satisfaction)

    def idle_share(self) -> float:
        """The idle rep's mean profit as a share of the expert's."""
        return self.tier("idle").mean_profit / self.tier("expert").mean_profit

    def idle_misses_target(self) -> bool:
        return all(r < self.revenue_target for r in self.tier("idle").revenue)

    @property
    def passed(self) -> bool:
        means = [t.mean_profit for t in self.tiers]
        return (all(a < b for a, b in zip(means, means[1:], strict=False))
                and all(g >= G_MIN for _, _, g in self.profit_g())
                and self.idle_share() <= IDLE_SHARE_MAX
                and self.satisfaction_g() >= G_MIN)


def study_tiers(scenario_path: str, seeds: Sequence[int], workers: int = 2,
                customers: int | None = None, tiers: Sequence[str] = TIERS) -> TierStudy:
    """Play every tier on every seed of ``scenario_path``."""
    from game.scenario.loader import load_scenario

    scenario, _ = load_scenario(scenario_path)
    played = [
        (float(out["profit"] or 0.0), float(out["revenue"] or 0.0),
         float(out["satisfaction"] or 0.0), target)
        for out, target in play_all(
            [(scenario_path, bot, s, customers) for bot in tiers for s in seeds], workers)
    ]
    n = len(seeds)
    results = []
    for i, bot in enumerate(tiers):
        rows = played[i * n:(i + 1) * n]
        results.append(TierResult(bot, [r[0] for r in rows], [r[1] for r in rows],
                                  [r[2] for r in rows]))
    return TierStudy(scenario.id, played[0][3], list(seeds), results)


def study_line(study: TierStudy) -> str:
    """One line of the study table."""
    means = " ".join(f"{t.mean_profit / 1e6:8.3f}" for t in study.tiers)
    gs = " ".join(f"{g:5.2f}" for _, _, g in study.profit_g())
    return (f"{study.scenario:<28} {means}   {gs}   {study.idle_share():5.0%} "
            f"{'yes' if study.idle_misses_target() else 'NO':>5} {study.satisfaction_g():6.2f}  "
            f"{'ok' if study.passed else 'FAIL'}")


STUDY_HEADER = (f"{'scenario':<28} {'profit (M): idle   novice    inter.   expert':<38}"
                f"   g: i-n   n-i   i-e   idle/expert  idle<target  sat g(n-e)")
