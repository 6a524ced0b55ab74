"""Negotiation and quoting (CW-30..32): concessions that shrink, trading across issues, value
claimed, joint value."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from game.assessment.indicators.base import IndicatorResult, Params, clip01, indicator, mean
from game.assessment.log import EventLog
from game.engine.events import Event
from game.negotiation.metrics import joint_value
from game.negotiation.moves import (
    STILL,
    concession_positions,
    move_kind,
    shrank,
    shrink_score,
    went_back,
)
from game.negotiation.space import OutcomeSpace
from game.negotiation.utility import (
    customer_utilities,
    normalised_weights,
    seller_rv,
    seller_utilities,
    value_tables,
)
from game.negotiation.value_selling import Presented, credit_after, fits
from game.scenario.models import Scenario

MIN_OFFERS = 3  # concessions need at least two steps to shrink


def offers_by_account(events: Sequence[Event]) -> dict[str, list[Event]]:
    """The trainee's offers (trades included), per account, in order."""
    out: dict[str, list[Event]] = {}
    for e in EventLog(events).of("trainee_offered"):
        out.setdefault(e.payload["account"], []).append(e)
    return out


def positions_by_account(events: Sequence[Event]) -> dict[str, list[Event]]:
    """The trainee's positions per account, in order: its offers and, when it took the
    customer's terms, that acceptance (taking the customer's counter is the rep's last move)."""
    out: dict[str, list[Event]] = {}
    for e in EventLog(events).of("trainee_offered", "trainee_accepted"):
        out.setdefault(e.payload["account"], []).append(e)
    return out


@dataclass(frozen=True)
class Concessions:
    """How one negotiation's concessions read: ``score`` as ``shrink_score`` has it (0 for the
    whole concession made at once, None when not judged), ``kind`` why ("judged", "at_once",
    "still": held too often to leave three positions, "few": too few positions), and the
    positions' event numbers."""

    score: float | None
    kind: Literal["judged", "at_once", "still", "few"]
    evidence: tuple[int, ...]

    @property
    def shrank(self) -> bool | None:
        """Whether judged concessions shrank (``game.negotiation.moves.shrank``); None when the
        negotiation was not judged on its steps."""
        return shrank(self.score) if self.kind == "judged" else None


def concessions_by_account(events: Sequence[Event], gains_hold: bool) -> dict[str, Concessions]:
    """Each negotiation's concessions, by account (see ``concessions_shrink``)."""
    out: dict[str, Concessions] = {}
    for account, offers in positions_by_account(events).items():
        positions = [(e.payload["offer"], float(e.payload["u_seller"]),
                      e.kind == "trainee_accepted") for e in offers]
        moved = [offers[k] for k in concession_positions(positions, gains_hold)]
        seqs = tuple(e.seq for e in moved)
        if (len(moved) == 2 and moved[1].kind == "trainee_accepted"
                and float(moved[0].payload["u_seller"]) - float(moved[1].payload["u_seller"])
                > STILL):
            out[account] = Concessions(0.0, "at_once", seqs)
        elif len(moved) < MIN_OFFERS:
            out[account] = Concessions(None, "still" if len(offers) >= MIN_OFFERS else "few", ())
        else:
            out[account] = Concessions(
                shrink_score([float(e.payload["u_seller"]) for e in moved]), "judged", seqs)
    return out


@indicator("concessions_shrink", facts=("negotiations", "shrinking", "still", "at_once"),
           optional=("gains_hold",))
def concessions_shrink(
    events: Sequence[Event], scenario: Scenario, params: Params
) -> IndicatorResult:
    """Per negotiation with at least three positions (offers, and the customer's terms when the
    trainee took them): whether the trainee's concessions (the drop in its own utility from one
    position to the next) got smaller over the negotiation. An offer repeated unchanged is left
    out of the steps (stalling is judged once, under good faith); a negotiation that never moved
    has no concessions to compare. Taking the customer's counter after a single offer is the
    whole concession made at once: it scores 0. With ``gains_hold``, taking customer terms worth
    at least the rep's own last offer to it is left out of the steps too: it conceded nothing
    (without the switch it counted as a step back up, which looks like a concession that shrank
    to below nothing). Which positions are steps is ``game.negotiation.moves``'s
    ``concession_positions``; the debrief reads each negotiation by ``concessions_by_account``."""
    verdicts = concessions_by_account(events, bool(params.get("gains_hold"))).values()
    scores = [v.score for v in verdicts if v.score is not None]
    evidence = [seq for v in verdicts for seq in v.evidence]
    facts = {"negotiations": len(scores),
             "shrinking": sum(1 for v in verdicts if v.shrank),
             "still": sum(1 for v in verdicts if v.kind == "still"),
             "at_once": sum(1 for v in verdicts if v.kind == "at_once")}
    return IndicatorResult(mean(scores), tuple(evidence), facts)


def customer_values(scenario: Scenario) -> dict[str, dict[str, np.ndarray]]:
    """Each key account's value (0..1) of every option of every issue."""
    space = OutcomeSpace(scenario.negotiation)
    return {a.id: value_tables(space, a) for a in scenario.key_accounts}


@indicator("trades_across_issues",
           facts=("judged", "moves", "trades", "price_only", "gave", "unchanged", "taken",
                  "went_back"),
           optional=("own_trades", "went_back"))
def trades_across_issues(
    events: Sequence[Event], scenario: Scenario, params: Params
) -> IndicatorResult:
    """Per move from one of the trainee's positions to the next (its offers, and the customer's
    terms when it took them): 1 if it was a trade across issues — giving the customer something
    on one issue for something on another in return, valued as the customer values the options
    (``game.negotiation.moves.move_kind``) — 0 if it moved the price alone or gave (or took)
    without anything in return. A move that changed nothing is counted but not scored here:
    stalling is judged once, under good faith, and is no occasion here. With ``own_trades``, a
    trade the customer built and the rep merely took (accepting its counter) is the customer's,
    no occasion either; taking a counter that only gives still scores 0. With ``went_back``, an
    offer that goes back to terms the trainee already offered in that negotiation
    (``game.negotiation.moves.went_back``) scores 0 whatever it changed: swinging between two
    packages gives on one term and takes it back on the next, and trades nothing."""
    space = OutcomeSpace(scenario.negotiation)
    values = customer_values(scenario)
    own_only = bool(params.get("own_trades"))
    back_rule = bool(params.get("went_back"))
    scores: list[float] = []
    evidence: list[int] = []
    counts = {"trade": 0, "price_only": 0, "unchanged": 0, "concession": 0}
    taken = back = 0
    for account, offers in positions_by_account(events).items():
        made: list[dict] = []  # the trainee's own offers so far
        for before, after in zip(offers, offers[1:], strict=False):
            if before.kind == "trainee_offered":
                made.append(before.payload["offer"])
            if (back_rule and after.kind == "trainee_offered"
                    and went_back(made, after.payload["offer"])):
                back += 1
                scores.append(0.0)
                evidence.append(after.seq)
                continue
            kind = move_kind(
                space, values[account], before.payload["offer"], after.payload["offer"]
            )  # the customer's true values: the assessment knows them, the player did not
            if own_only and kind == "trade" and after.kind == "trainee_accepted":
                taken += 1
                continue
            counts[kind] += 1
            if kind != "unchanged":
                scores.append(1.0 if kind == "trade" else 0.0)
                evidence.append(after.seq)
    facts = {
        "judged": len(scores),
        "moves": sum(counts.values()) + taken + back,
        "trades": counts["trade"],
        "price_only": counts["price_only"],
        "gave": counts["concession"],
        "unchanged": counts["unchanged"],
        "taken": taken,
        "went_back": back,
    }
    return IndicatorResult(mean(scores), tuple(evidence), facts)


@indicator("value_claimed", facts=("negotiations", "deals", "mean_pct"))
def value_claimed(events: Sequence[Event], scenario: Scenario, params: Params) -> IndicatorResult:
    """Per negotiation that ended: the share of the room above the company's walk-away value the
    trainee kept, (u - rv) / (u_max - rv); a negotiation without a deal keeps nothing. Talks left
    hanging until the game closed them are judged once, under negotiations concluded."""
    ended = [e for e in EventLog(events).of("negotiation_ended") if e.phase == "negotiation"]
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


def value_presentations(events: Sequence[Event], scenario: Scenario) -> dict[str, list[Presented]]:
    """The value the trainee presented per account, in order, each judged against the account's
    true weights (the same fit rule the customer applied during play)."""
    space = OutcomeSpace(scenario.negotiation)
    rules = scenario.negotiation.value_selling
    weights = {a.id: normalised_weights(space, a) for a in scenario.key_accounts}
    out: dict[str, list[Presented]] = {}
    for e in EventLog(events).of("value_presented"):
        account = e.payload["account"]
        kind = "objection" if e.payload.get("answer_objection") else "pitch"
        out.setdefault(account, []).append(
            Presented(kind, fits(weights[account], e.payload["aspect"], rules))
        )
    return out


def joint_values(events: Sequence[Event], scenario: Scenario) -> list[tuple[Event, float]]:
    """Per negotiation that ended in the negotiation phase: its joint value (``metrics.joint_value``)
    recomputed from the scenario's hidden preferences. The customer's walk-away point is its own
    reservation value less what the value the trainee presented earned; a negotiation where no
    outcome gains anything jointly is left out."""
    space = OutcomeSpace(scenario.negotiation)
    rules = scenario.negotiation.value_selling
    presented = value_presentations(events, scenario)
    accounts = {a.id: a for a in scenario.key_accounts}
    out: list[tuple[Event, float]] = []
    for e in EventLog(events).of("negotiation_ended"):
        if e.phase != "negotiation":
            continue
        account = accounts[e.payload["account"]]
        terms = e.payload.get("agreement") if e.payload.get("status") == "agreed" else None
        floor = account.preferences.reservation - credit_after(
            presented.get(account.id, []), rules
        )
        value = joint_value(
            seller_utilities(space, scenario, account),
            customer_utilities(space, account),
            seller_rv(space, scenario, account),
            max(0.0, floor),
            None if terms is None else space.index_of(terms),
        )
        if value is not None:
            out.append((e, value))
    return out


@indicator("joint_value", facts=("negotiations", "deals", "mean_pct"))
def joint_value_indicator(
    events: Sequence[Event], scenario: Scenario, params: Params
) -> IndicatorResult:
    """Per negotiation that ended: joint value (双方满意) — both sides' gains over their walk-away
    points at the agreement, as a share of the largest joint gain any deal could give (the best
    sum on the Pareto frontier), judged with the customer's hidden preferences; no deal: 0."""
    scored = joint_values(events, scenario)
    value = mean([v for _, v in scored])
    facts = {
        "negotiations": len(scored),
        "deals": sum(1 for e, _ in scored if e.payload.get("status") == "agreed"),
        "mean_pct": round(100 * value, 1) if value is not None else 0.0,
    }
    return IndicatorResult(value, tuple(e.seq for e, _ in scored), facts)
