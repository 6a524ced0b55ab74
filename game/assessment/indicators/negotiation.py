"""Negotiation and quoting (CW-30..32): concessions that shrink, trading across issues, value
claimed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from game.assessment.indicators.base import IndicatorResult, Params, clip01, indicator, mean
from game.assessment.log import EventLog
from game.engine.events import Event
from game.negotiation.space import OutcomeSpace
from game.negotiation.utility import value_tables
from game.scenario.models import Scenario

MIN_OFFERS = 3  # concessions need at least two steps to shrink
STILL = 1e-9


def offers_by_account(events: Sequence[Event]) -> dict[str, list[Event]]:
    """The trainee's offers (trades included), per account, in order."""
    out: dict[str, list[Event]] = {}
    for e in EventLog(events).of("trainee_offered"):
        out.setdefault(e.payload["account"], []).append(e)
    return out


def shrink_score(utilities: Sequence[float]) -> float:
    """0.5 for even concessions, towards 1 as the later ones get smaller than the earlier ones,
    towards 0 as they grow; 0 when the offer never moved."""
    drops = [a - b for a, b in zip(utilities, utilities[1:], strict=False)]
    if all(abs(d) < STILL for d in drops):
        return 0.0
    half = len(drops) // 2
    early = sum(drops[:half]) / half
    late = sum(drops[-half:]) / half
    scale = abs(early) + abs(late)
    if scale < STILL:
        return 0.5
    return clip01(0.5 + (early - late) / (2.0 * scale))


@indicator("concessions_shrink", facts=("negotiations", "shrinking", "still"))
def concessions_shrink(
    events: Sequence[Event], scenario: Scenario, params: Params
) -> IndicatorResult:
    """Per negotiation with at least three offers: whether the trainee's concessions (the drop in
    its own utility from one offer to the next) got smaller over the negotiation. An offer
    repeated without moving scores 0."""
    scores: list[float] = []
    evidence: list[int] = []
    shrinking = still = 0
    for offers in offers_by_account(events).values():
        if len(offers) < MIN_OFFERS:
            continue
        utilities = [float(e.payload["u_seller"]) for e in offers]
        score = shrink_score(utilities)
        if all(abs(a - b) < STILL for a, b in zip(utilities, utilities[1:], strict=False)):
            still += 1
        shrinking += score > 0.5
        scores.append(score)
        evidence += [e.seq for e in offers]
    facts = {"negotiations": len(scores), "shrinking": shrinking, "still": still}
    return IndicatorResult(mean(scores), tuple(evidence), facts)


def customer_values(scenario: Scenario) -> dict[str, dict[str, np.ndarray]]:
    """Each key account's value (0..1) of every option of every issue."""
    space = OutcomeSpace(scenario.negotiation)
    return {a.id: value_tables(space, a) for a in scenario.key_accounts}


def move_kind(
    space: OutcomeSpace,
    tables: dict[str, np.ndarray],
    before: dict[str, Any],
    after: dict[str, Any],
) -> str:
    """ "trade" when the move gives the customer something on one issue and takes something on
    another, or gives on a term other than price while holding the price; "price_only",
    "unchanged", or "concession" (giving on several terms at once, price included) otherwise."""
    changed = [k for k in space.issues if before.get(k) != after.get(k)]
    if not changed:
        return "unchanged"
    if changed == ["price"]:
        return "price_only"
    deltas = {
        k: float(
            tables[k][space.option_index(k, after[k])] - tables[k][space.option_index(k, before[k])]
        )
        for k in changed
    }
    gives = [k for k, d in deltas.items() if d > 1e-12]
    takes = [k for k, d in deltas.items() if d < -1e-12]
    if gives and takes:
        return "trade"
    if gives and "price" not in changed:
        return "trade"
    return "concession"


@indicator("trades_across_issues", facts=("moves", "trades", "price_only", "unchanged"))
def trades_across_issues(
    events: Sequence[Event], scenario: Scenario, params: Params
) -> IndicatorResult:
    """Per move from one of the trainee's offers to the next: 1 if it was a trade across issues
    — giving the customer something on one issue for something on another, or giving on a term
    other than price while holding the price (valued as the customer values the options) — 0 if
    it moved the price alone, gave on every term it touched price included, or did not move."""
    space = OutcomeSpace(scenario.negotiation)
    values = customer_values(scenario)
    scores: list[float] = []
    evidence: list[int] = []
    counts = {"trade": 0, "price_only": 0, "unchanged": 0, "concession": 0}
    for account, offers in offers_by_account(events).items():
        for before, after in zip(offers, offers[1:], strict=False):
            kind = move_kind(
                space, values[account], before.payload["offer"], after.payload["offer"]
            )
            counts[kind] += 1
            scores.append(1.0 if kind == "trade" else 0.0)
            evidence.append(after.seq)
    facts = {
        "moves": len(scores),
        "trades": counts["trade"],
        "price_only": counts["price_only"],
        "unchanged": counts["unchanged"],
    }
    return IndicatorResult(mean(scores), tuple(evidence), facts)


@indicator("value_claimed", facts=("negotiations", "deals", "mean_pct"))
def value_claimed(events: Sequence[Event], scenario: Scenario, params: Params) -> IndicatorResult:
    """Per negotiation that ended: the share of the room above the company's walk-away value the
    trainee kept, (u - rv) / (u_max - rv); a negotiation without a deal keeps nothing."""
    ended = EventLog(events).of("negotiation_ended")
    scores = [
        clip01(float((e.payload.get("metrics") or {}).get("value_claimed") or 0.0)) for e in ended
    ]
    deals = sum(1 for e in ended if e.payload.get("status") == "agreed")
    value = mean(scores)
    facts = {
        "negotiations": len(ended),
        "deals": deals,
        "mean_pct": round(100 * value, 1) if value is not None else 0.0,
    }
    return IndicatorResult(value, tuple(e.seq for e in ended), facts)
