"""Negotiating policies of graded skill, playing a NegotiationSession as a trainee would.

A policy sees only what a trainee may know: ``session.view()``, ``session.knowledge()``, the
company's own economics (``session.seller_utility``, ``session.seller_utilities()``,
``session.seller_reservation``) and the options on the table. ``next_move`` returns one of
``("offer", offer)``, ``("ask", topic)``, ``("trade", give, want)``,
``("request_authority", discount)``, ``("accept",)`` or ``("walk_away",)``.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np

from game.negotiation.questions import TOPICS
from game.negotiation.session import Event, NegotiationSession
from game.negotiation.space import Offer, OutcomeSpace
from game.negotiation.utility import default_value_table

Move = tuple[Any, ...]
_TOL = 1e-9


class NegotiationPolicy(Protocol):
    def next_move(self, session: NegotiationSession, rng: np.random.Generator) -> Move: ...


# --------------------------------------------------------------------------- what a rep can read


def _offers_made(view: dict[str, Any]) -> int:
    return sum(1 for o in view["offers"] if o["who"] == "trainee")


def _refused_from(view: dict[str, Any]) -> float:
    """The smallest discount the manager has refused (1.0 if none)."""
    refused = [r["discount"] for r in view["authority_requests"] if not r["granted"]]
    return min(refused, default=1.0)


def _can_request(session: NegotiationSession, discount: float) -> bool:
    """Whether the manager might still grant ``discount`` (not above the manager's limit, not as
    large as one already refused)."""
    view = session.view()
    return (
        discount <= float(view["manager_authority"]) + _TOL
        and discount < _refused_from(view) - _TOL
    )


def _within_reach(session: NegotiationSession, discounts: np.ndarray) -> np.ndarray:
    """Which discounts the rep may give now or could still be allowed to give."""
    view = session.view()
    now = discounts <= session.authority + _TOL
    later = (discounts <= float(view["manager_authority"]) + _TOL) & (
        discounts < _refused_from(view) - _TOL
    )
    return now | later


def _discounts(space: OutcomeSpace) -> np.ndarray:
    return np.array(space.options["price"], dtype=float)[space.grid[:, space.column("price")]]


def _authority_move(session: NegotiationSession, discount: float) -> Move | None:
    """A request for authority to give ``discount``, if one is needed and could be granted."""
    if discount <= session.authority + _TOL or not _can_request(session, discount):
        return None
    return ("request_authority", discount)


def estimated_customer_utilities(session: NegotiationSession) -> np.ndarray:
    """The rep's estimate of the customer's utility of every outcome, from its answers.

    Weights come from the answer on priorities (else equal weight, with the issues named in the
    answer on needs counted double); value tables assume the usual directions (bigger discount,
    faster delivery, ...) except where the customer named its ideal option.
    """
    space = session.space
    know = session.knowledge()
    weights = dict.fromkeys(space.issues, 1.0)
    needs = know.get("needs", {}).get("estimate") or {}
    for issue in needs.get("top_issues", []):
        weights[issue] = 2.0
    priorities = know.get("priorities", {}).get("estimate") or {}
    if "weights" in priorities:
        weights = {i: float(w["mean"]) for i, w in priorities["weights"].items()}
    total = sum(weights.values()) or 1.0
    ideal = needs.get("ideal", {})
    u = np.zeros(space.n_outcomes)
    for j, issue in enumerate(space.issues):
        n = len(space.options[issue])
        if issue in ideal:
            best = space.option_index(issue, ideal[issue])
            table = 1.0 - np.abs(np.arange(n) - best) / (n - 1)
        else:
            table = default_value_table(space, issue)
        u += weights.get(issue, 0.0) / total * table[space.grid[:, j]]
    return u


# --------------------------------------------------------------------------- policies


class PriceOnly:
    """A novice: opens near list price on standard terms, concedes on price only, step by step,
    asks the manager whenever it runs out of discount, and accepts the customer's counter as soon
    as it makes any money at all."""

    def next_move(self, session: NegotiationSession, rng: np.random.Generator) -> Move:
        view = session.view()
        space = session.space
        made = _offers_made(view)
        counter: Offer | None = view["customer_last_offer"]
        if (
            counter is not None
            and made >= 2
            and session.seller_utility(counter) >= session.seller_reservation
        ):
            ask = _authority_move(session, float(counter["price"]))
            if ask is not None:
                return ask
            if float(counter["price"]) <= session.authority + _TOL:
                return ("accept",)
        discounts = sorted(float(d) for d in space.options["price"])
        own: Offer | None = view["trainee_last_offer"]
        if own is None:
            price = discounts[min(1, len(discounts) - 1)]
        else:
            higher = [d for d in discounts if d > float(own["price"]) + _TOL]
            price = higher[0] if higher else float(own["price"])
        if price > session.authority + _TOL:
            ask = _authority_move(session, price)
            if ask is not None:
                return ask
            price = max(d for d in discounts if d <= session.authority + _TOL)
        offer: Offer = {
            issue: values[(len(values) - 1) // 2] for issue, values in space.options.items()
        }
        offer["price"] = price
        if own is not None and offer == own:
            if (
                counter is not None
                and session.seller_utility(counter) >= session.seller_reservation
            ):
                if float(counter["price"]) <= session.authority + _TOL:
                    return ("accept",)
            return ("walk_away",)
        return ("offer", offer)


class Integrative:
    """A skilled rep: asks about needs, priorities, timeline and rivals before quoting, opens
    ambitiously, and at each offer gives the customer as much as its estimate says they value
    for the profit it still aims at; its aim falls fastest early, so concessions shrink. It asks
    for authority only when the offer it wants needs it and never accepts below its floor."""

    def __init__(self, opening: float = 0.9, floor: float = 0.2, exponent: float = 0.5) -> None:
        self.opening = opening  # share of the best profit aimed at in the first offer
        self.floor = floor  # share of the best profit it will not go below
        self.exponent = exponent  # < 1: concessions shrink

    def aim(self, offers_made: int, deadline: float) -> float:
        """Share of the best profit aimed at in the next offer (``offers_made`` so far)."""
        t = min(1.0, offers_made / max(1.0, deadline - 2.0))
        return self.floor + (self.opening - self.floor) * (1.0 - t**self.exponent)

    def next_move(self, session: NegotiationSession, rng: np.random.Generator) -> Move:
        view = session.view()
        know = session.knowledge()
        made = _offers_made(view)
        if made == 0:
            for topic in ("needs", "priorities", "timeline", "competitors"):
                if topic not in know:
                    return ("ask", topic)
        deadline = float(view["deadline"])
        timeline = know.get("timeline", {}).get("estimate") or {}
        if "deadline_rounds" in timeline:
            guess = timeline["deadline_rounds"]
            deadline = max(2.0, float(guess["mean"]) - float(guess["sd"]))
        u_s = session.seller_utilities()
        rv_s = session.seller_reservation
        claim = (u_s - rv_s) / max(1e-12, 1.0 - rv_s)
        aim = self.aim(made, deadline)
        counter: Offer | None = view["customer_last_offer"]
        space = session.space
        if counter is not None:
            counter_claim = claim[space.index_of(counter)]
            if counter_claim >= max(aim, self.floor) - _TOL:
                ask = _authority_move(session, float(counter["price"]))
                if ask is not None:
                    return ask
                if float(counter["price"]) <= session.authority + _TOL:
                    return ("accept",)
        if (
            made >= deadline + 1
            and counter is not None
            and claim[space.index_of(counter)] < self.floor
        ):
            return ("walk_away",)
        discounts = _discounts(space)
        allowed = _within_reach(session, discounts)
        u_c = estimated_customer_utilities(session)
        own = view["trainee_last_offer"]
        last = None if own is None else space.index_of(own)
        demand = None if counter is None else float(u_c[space.index_of(counter)])
        pick = self._choose(claim, u_c, allowed, aim, last, demand)
        offer = space.offer_at(pick)
        ask = _authority_move(session, float(offer["price"]))
        if ask is not None:
            return ask
        if float(offer["price"]) > session.authority + _TOL:  # refused: stay within authority
            pick = self._choose(
                claim, u_c, discounts <= session.authority + _TOL, aim, last, demand
            )
            offer = space.offer_at(pick)
        return ("offer", offer)

    @staticmethod
    def _choose(
        claim: np.ndarray,
        u_c: np.ndarray,
        allowed: np.ndarray,
        aim: float,
        last: int | None,
        demand: float | None,
    ) -> int:
        """Among the allowed outcomes meeting the aim: if some give the customer (by the estimate)
        what its last counter asked for, the most profitable of those; else the one the customer
        likes best, the more profitable on ties. Not a repeat of the last offer when another
        will do."""
        ok = allowed & (claim >= aim - _TOL)
        if not ok.any():
            ok = allowed & (claim >= claim[allowed].max() - _TOL)
        enough = ok & (u_c >= demand - _TOL) if demand is not None else np.zeros_like(ok)
        if enough.any():
            candidates = np.flatnonzero(enough)
            ranked = candidates[np.lexsort((-np.round(u_c[candidates], 9), -claim[candidates]))]
        else:
            candidates = np.flatnonzero(ok)
            ranked = candidates[np.lexsort((-claim[candidates], -np.round(u_c[candidates], 9)))]
        if ranked[0] == last and ranked.size > 1:
            return int(ranked[1])
        return int(ranked[0])


class RandomNegotiator:
    """Random legal moves: offers, questions, trades, authority requests, accepting, walking."""

    KINDS = ("offer", "ask", "trade", "request_authority", "accept", "walk_away")
    CHANCES = (0.5, 0.15, 0.15, 0.07, 0.1, 0.03)

    def next_move(self, session: NegotiationSession, rng: np.random.Generator) -> Move:
        kind = self.KINDS[int(rng.choice(len(self.KINDS), p=self.CHANCES))]
        space = session.space
        view = session.view()
        prices = [float(d) for d in space.options["price"]]
        legal_prices = [d for d in prices if d <= session.authority + _TOL]
        base: Offer | None = view["trainee_last_offer"] or view["customer_last_offer"]
        if kind == "ask":
            return ("ask", TOPICS[int(rng.integers(len(TOPICS)))])
        if kind == "request_authority":
            higher = [d for d in prices if session.authority + _TOL < d]
            if higher:
                return ("request_authority", higher[int(rng.integers(len(higher)))])
        if kind == "accept":
            counter: Offer | None = view["customer_last_offer"]
            if counter is not None and float(counter["price"]) <= session.authority + _TOL:
                return ("accept",)
        if kind == "walk_away":
            return ("walk_away",)
        if kind == "trade" and base is not None:
            issues = list(space.issues)
            give_issue, want_issue = (
                issues[int(k)] for k in rng.choice(len(issues), 2, replace=False)
            )
            change = {}
            for issue in (give_issue, want_issue):
                values = legal_prices if issue == "price" else space.options[issue]
                change[issue] = values[int(rng.integers(len(values)))]
            if float(base["price"]) > session.authority + _TOL and "price" not in change:
                change["price"] = legal_prices[int(rng.integers(len(legal_prices)))]
            give = {k: v for k, v in change.items() if k != want_issue}
            return ("trade", give, {want_issue: change[want_issue]})
        offer: Offer = {}
        for issue in space.issues:
            values = legal_prices if issue == "price" else space.options[issue]
            offer[issue] = values[int(rng.integers(len(values)))]
        return ("offer", offer)


POLICIES: dict[str, type[PriceOnly] | type[Integrative] | type[RandomNegotiator]] = {
    "price_only": PriceOnly,
    "integrative": Integrative,
    "random": RandomNegotiator,
}


# --------------------------------------------------------------------------- driving a session


def apply_move(session: NegotiationSession, move: Move) -> list[Event]:
    """Play one policy move on the session (IllegalMove if it is not allowed)."""
    kind = move[0]
    if kind == "offer":
        return session.offer(move[1])
    if kind == "ask":
        return session.ask(move[1])
    if kind == "trade":
        return session.propose_trade(move[1], move[2])
    if kind == "request_authority":
        return session.request_authority(move[1])
    if kind == "accept":
        return session.accept()
    if kind == "walk_away":
        return session.walk_away()
    raise ValueError(f"unknown move {kind!r}")


def play_out(
    session: NegotiationSession,
    policy: NegotiationPolicy,
    rng: np.random.Generator,
    max_moves: int = 60,
) -> list[Event]:
    """Let ``policy`` play ``session`` to its end; walks away if it is still open after
    ``max_moves`` moves. Returns every event description, in order."""
    events: list[Event] = []
    for _ in range(max_moves):
        if session.status != "open":
            return events
        events += apply_move(session, policy.next_move(session, rng))
    if session.status == "open":
        events += session.walk_away()
    return events
