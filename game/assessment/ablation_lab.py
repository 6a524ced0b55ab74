"""Ablations: the expert, then the expert with one behaviour removed at a time, paired on the
same seeds — what each step of the courseware's sales process is worth in profit and in the KPI
the courseware ties it to."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from game.assessment.outcomes import HIGHER_IS_BETTER, play_all
from game.assessment.stats import paired_d
from game.bots.ablations import ABLATIONS, Ablation
from game.text.progress import Progress

EFFECT_MIN = 0.5
"""The paired effect size an ablation must reach on profit or its own KPI."""

Outcomes = dict[str, float | None]


@dataclass(frozen=True)
class Effect:
    """The paired change an ablation makes to one outcome, signed so that positive = worse."""

    outcome: str
    expert_mean: float
    ablated_mean: float
    loss_mean: float  # mean over seeds of (expert - ablated), oriented: positive = worse
    loss_sd: float
    effect: float  # loss_mean / loss_sd (paired d_z); inf when every seed lost the same
    pairs: int


@dataclass(frozen=True)
class AblationResult:
    ablation: Ablation
    profit: Effect
    kpi: Effect

    @property
    def passed(self) -> bool:
        return max(self.profit.effect, self.kpi.effect) >= EFFECT_MIN


@dataclass(frozen=True)
class AblationReport:
    scenario: str
    seeds: list[int]
    results: list[AblationResult]

    @property
    def passed(self) -> bool:
        return all(r.passed for r in self.results)


def paired_effect(outcome: str, expert: Sequence[Outcomes], ablated: Sequence[Outcomes]) -> Effect:
    """Paired d_z of the loss (expert minus ablated, flipped for lower-is-better outcomes)."""
    sign = 1.0 if HIGHER_IS_BETTER[outcome] else -1.0
    pairs = [(e[outcome], a[outcome]) for e, a in zip(expert, ablated, strict=True)
             if e.get(outcome) is not None and a.get(outcome) is not None]
    if not pairs:
        return Effect(outcome, math.nan, math.nan, math.nan, math.nan, math.nan, 0)
    losses = [sign * (float(e) - float(a)) for e, a in pairs]  # type: ignore[arg-type]
    n = len(losses)
    mean = sum(losses) / n
    sd = math.sqrt(sum((x - mean) ** 2 for x in losses) / (n - 1)) if n > 1 else math.nan
    effect = paired_d(losses)
    return Effect(
        outcome,
        sum(float(e) for e, _ in pairs) / n,  # type: ignore[arg-type]
        sum(float(a) for _, a in pairs) / n,  # type: ignore[arg-type]
        mean, sd, effect, n,
    )


def run_ablations(scenario_path: str, runs: int = 30, seed0: int = 1, workers: int = 2,
                  customers: int | None = None,
                  ablations: Sequence[Ablation] = ABLATIONS,
                  progress: Progress | None = None) -> AblationReport:
    """Play the expert and every ablation on seeds seed0 .. seed0 + runs - 1; ``progress``
    hears (done, total) after each game."""
    from game.scenario.loader import load_scenario

    scenario, _ = load_scenario(scenario_path)
    seeds = list(range(seed0, seed0 + runs))
    who = ["expert", *(a.id for a in ablations)]
    played = [out for out, _ in play_all(
        [(scenario_path, w, s, customers) for w in who for s in seeds], workers, progress)]
    by = {w: played[i * len(seeds):(i + 1) * len(seeds)] for i, w in enumerate(who)}
    results = [
        AblationResult(a, paired_effect("profit", by["expert"], by[a.id]),
                       paired_effect(a.kpi, by["expert"], by[a.id]))
        for a in ablations
    ]
    return AblationReport(scenario.id, seeds, results)


def ablation_json(report: AblationReport) -> dict:
    """The report as plain JSON-able data (NaN and infinities as strings)."""

    def num(x: float) -> float | str:
        return x if math.isfinite(x) else str(x)

    def effect(eff: Effect) -> dict:
        return {"outcome": eff.outcome, "expert": num(eff.expert_mean),
                "ablated": num(eff.ablated_mean), "loss": num(eff.loss_mean),
                "loss_sd": num(eff.loss_sd), "effect": num(eff.effect), "pairs": eff.pairs}

    return {
        "scenario": report.scenario,
        "seeds": report.seeds,
        "effect_min": EFFECT_MIN,
        "passed": report.passed,
        "results": [
            {"ablation": r.ablation.id, "removes": r.ablation.removes, "cw": list(r.ablation.cw),
             "profit": effect(r.profit), "kpi": effect(r.kpi), "passed": r.passed}
            for r in report.results
        ],
    }


def ablation_table(report: AblationReport) -> str:
    """The report as a plain-text table."""
    lines = [
        f"Ablations on {report.scenario}: the expert with one behaviour removed, "
        f"{len(report.seeds)} paired seeds (effect = mean loss / SD of the loss; "
        f"needs >= {EFFECT_MIN} on profit or the KPI)",
        f"{'ablation':<19} {'profit loss':>13} {'effect':>7}  {'KPI':<25} {'expert':>11} "
        f"{'ablated':>11} {'effect':>7}  ok",
    ]
    for r in report.results:
        k = r.kpi
        lines.append(
            f"{r.ablation.id:<19} {r.profit.loss_mean:>13,.0f} {_fmt(r.profit.effect):>7}  "
            f"{r.ablation.kpi:<25} {_num(k.expert_mean):>11} {_num(k.ablated_mean):>11} "
            f"{_fmt(k.effect):>7}  {'yes' if r.passed else 'NO'}"
        )
    return "\n".join(lines)


def _fmt(x: float) -> str:
    if math.isnan(x):
        return "-"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return f"{x:.2f}"


def _num(x: float) -> str:
    if math.isnan(x):
        return "-"
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.3f}"
