"""The improvement plan: the changes that would have mattered most to this trainee, measured.

What a behaviour is worth depends on who adds it, so the plan does not quote the expert's
ablations. It reads from the event log which behaviours the trainee already showed, builds a
stand-in — the graded rep that plays most like the trainee: of the novice with exactly those
behaviours adopted and the three graded tiers as they are (``game.bots.additions``), the one
whose own game shows the same behaviours, nearest in profit on the same seed — and plays it on
the trainee's scenario and seed, once as it is and once with each behaviour the trainee did not
show added. Every run is deterministic and paired (same seed, same random streams), so the difference
in profit is the effect of that one behaviour on this market, not noise. The plan is the missing
behaviours ranked by that gain, those that gain nothing left out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.bots.additions import ANSWER_WEEKS
from game.bots.graded import Style
from game.engine.events import Event
from game.scenario.models import Scenario

if TYPE_CHECKING:
    from game.assessment.rubric import Rubric

PLAN_ITEMS = 3
RESEARCH_METHODS = ("questionnaire", "interview", "market_research")


@dataclass(frozen=True)
class PlanItem:
    behaviour: str  # an addition id (game.bots.additions), a key of the content's behaviours
    profit_gain: float  # the stand-in's profit with the behaviour minus without, same seed
    profit_with: float


@dataclass(frozen=True)
class Plan:
    shown: frozenset[str]  # behaviours the trainee already showed
    stand_in: str  # the tier the stand-in is built on
    stand_in_profit: float  # the stand-in's profit as it is (to compare with the trainee's)
    measured: list[PlanItem]  # every missing behaviour, best first
    items: list[PlanItem]  # the plan: the best PLAN_ITEMS with a gain


def copy_band(rubric: Rubric) -> float | None:
    """Within what share of the round's revenue target the rubric counts a forecast as the target
    copied (``forecast_accuracy``'s ``copy_band``; None: it counts none as copied)."""
    band = rubric.param("forecast_accuracy", "copy_band")
    return float(band) if isinstance(band, int | float) else None


def shown_behaviours(events: Sequence[Event], band: float | None) -> frozenset[str]:
    """The behaviours (addition ids) the trainee showed throughout the game; one with no occasion
    to show it (no complaint, no warning ...) counts as shown. Complaints and incidents count as
    answered the way their additions answer them: each within ``ANSWER_WEEKS``; a forecast within
    ``band`` of the target (``copy_band``) is the target copied, as the score judges it."""
    of: dict[str, list[Event]] = {}
    for e in events:
        of.setdefault(e.kind, []).append(e)

    def kind(k: str) -> list[Event]:
        return of.get(k, [])

    rounds = {e.round for e in kind("round_started")}
    shown: set[str] = set()
    researched = {e.round for e in kind("research_done")
                  if e.payload.get("method") in RESEARCH_METHODS}
    if rounds and 2 * len(researched & rounds) >= len(rounds):
        shown.add("research")
    if rounds and rounds <= {e.round for e in kind("targets_selected")}:
        shown.add("targets")
    targets = {e.round: float(e.payload["targets"]["revenue"]) for e in kind("round_started")}
    forecasts = {e.round: float(e.payload["revenue"]) for e in kind("forecast_set")}
    if rounds and rounds <= set(forecasts) and all([
        band is None or not targets[r] or abs(forecasts[r] - targets[r]) > band * targets[r]
        for r in rounds
    ]):
        shown.add("forecast")
    opened = [(e.round, e.payload["account"]) for e in kind("negotiation_opened")]
    asked_first: dict[tuple[int, str], bool] = {}
    for e in events:
        if e.kind in ("customer_answered", "trainee_offered"):
            asked_first.setdefault((e.round, e.payload["account"]), e.kind == "customer_answered")
    if opened and all([asked_first.get(k, False) for k in opened]):
        shown.add("ask_and_trade")
    if all([bool(e.payload.get("credit_checked")) for e in kind("contract_signed")]):
        shown.add("credit")
    resolved = {(e.payload["account"], e.payload["complaint"]): int(e.payload["response_weeks"])
                for e in kind("complaint_resolved")}
    if all([resolved.get((e.payload["account"], e.payload["complaint"]), ANSWER_WEEKS + 1)
             <= ANSWER_WEEKS for e in kind("complaint_received")]):
        shown.add("complaints")
    answered = {(e.payload["account"], e.payload["incident"]): int(e.payload["response_weeks"])
                for k in ("incident_expedited", "customer_informed") for e in kind(k)}
    if all([answered.get((e.payload["account"], e.payload["incident"]), ANSWER_WEEKS + 1)
             <= ANSWER_WEEKS for e in kind("delivery_incident")]):
        shown.add("incidents")
    responded = {e.payload["strike"] for e in kind("risk_responded") if e.payload.get("before_strike")}
    if all([e.payload["strike"] in responded for e in kind("risk_warning")]):
        shown.add("risks")
    if kind("account_visited") and kind("satisfaction_surveyed"):
        shown.add("account_care")
    if all([e.payload.get("answered") and e.payload.get("act") != "comply"
            for e in kind("dilemma_resolved")]):
        shown.add("conduct")
    return frozenset(shown)


def improvement_plan(events: Sequence[Event], scenario: Scenario, seed: int,
                     band: float | None) -> Plan:
    """Measure every behaviour the trainee did not show on a stand-in for the trainee (see the
    module's docstring) and rank them by the profit they add on ``scenario`` with ``seed``;
    ``band`` is the rubric's ``copy_band``."""
    from game.assessment.outcomes import game_outcomes
    from game.assessment.runs import play_bot
    from game.bots.additions import ADDITIONS, STAND_INS, stand_in, stand_in_style

    shown = shown_behaviours(events, band)
    own = float(game_outcomes(events).get("profit") or 0.0)

    def play(style: Style, added: str | None) -> tuple[float, frozenset[str]]:
        game = play_bot(scenario, stand_in(seed, style, added), seed)
        profit = float(game_outcomes(game.events).get("profit") or 0.0)
        return profit, shown_behaviours(game.events, band)

    candidates = list(dict.fromkeys((stand_in_style(shown), *STAND_INS)))
    played = {style: play(style, None) for style in candidates}
    style = min(candidates, key=lambda s: (len(played[s][1] ^ shown), abs(played[s][0] - own),
                                          candidates.index(s)))
    base = played[style][0]
    measured = sorted(
        (PlanItem(a.id, (p := play(style, a.id)[0]) - base, p)
         for a in ADDITIONS if a.id not in shown),
        key=lambda i: (-i.profit_gain, i.behaviour),
    )
    return Plan(shown, style.name, base, measured,
                [i for i in measured if i.profit_gain > 0][:PLAN_ITEMS])
