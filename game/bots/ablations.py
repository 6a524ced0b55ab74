"""The expert with one behaviour removed at a time: what each step of the sales process is worth.

Each ablation names the behaviour it removes, the KPI the courseware ties that behaviour to and
whether a higher KPI is better. ``lab --ablations`` plays them paired with the expert on the same
seeds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from game.bots.graded import EXPERT, GradedRep, Style
from game.sim.rng import stream


@dataclass(frozen=True)
class Ablation:
    id: str
    removes: str  # what the rep no longer does
    cw: tuple[str, ...]
    kpi: str  # the KPI the courseware ties the behaviour to (a key of ``ablation_kpis``)
    higher_is_better: bool
    change: Callable[[Style], Style]


ABLATIONS: tuple[Ablation, ...] = (
    Ablation("no_research", "no questionnaires, interviews, market research or data analysis",
             ("CW-10", "CW-11", "CW-12"), "revenue", True,
             lambda s: replace(s, research="none", analyse_from_round=None)),
    Ablation("forecast_target", "the forecast is the revenue target", ("CW-21",),
             "forecast_error", False, lambda s: replace(s, forecast="target")),
    Ablation("no_complaints", "complaints are left open", ("CW-43",),
             "satisfaction", True, lambda s: replace(s, complaints="never")),
    Ablation("no_incidents", "delivery incidents are neither expedited nor announced",
             ("CW-40",), "late_deliveries", False,
             lambda s: replace(s, incidents="never", expedite_big=False)),
    Ablation("no_credit_checks", "no credit checks, so no protection against weak customers",
             ("CW-50",), "expected_credit_loss", False,
             lambda s: replace(s, credit_check=False, protect_weak=False)),
    Ablation("no_risk_responses", "risk warnings and strikes go unanswered", ("CW-50",),
             "revenue", True, lambda s: replace(s, risks="never")),
    Ablation("max_discount", "every deal at the deepest discount the rep may give or get approved",
             ("CW-30", "CW-32"), "value_claimed", True,
             lambda s: replace(s, deal_discount="max")),
    Ablation("no_visits", "key accounts are never visited", ("CW-41", "CW-42"),
             "key_account_satisfaction", True, lambda s: replace(s, visit=False)),
)

BY_ID: dict[str, Ablation] = {a.id: a for a in ABLATIONS}


def ablated_expert(ablation: str, seed: int) -> GradedRep:
    """The expert without the behaviour ``ablation`` removes."""
    a = BY_ID[ablation]
    bot = GradedRep(seed, replace(a.change(EXPERT), name=f"expert-{a.id}"))
    bot.rng = stream(seed, f"bot:{EXPERT.name}")  # the expert's own draws: paired runs
    return bot
