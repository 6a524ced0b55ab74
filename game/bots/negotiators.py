"""Negotiating policies of graded skill, reading one negotiation as a trainee sees it.

A policy reads only the rep's ``NegotiationView`` — the offers and answers so far, the
authority it holds, the company's own profit on every outcome — and answers with one of the
engine's negotiation actions (``MakeOffer``, ``AskQuestion``, ``ProposeTrade``,
``RequestAuthority``, ``AcceptOffer``, ``WalkAway``). The same policies play inside a game (the
heuristic bot) and against the customer negotiator alone (``game.engine.selfplay``).
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from game.bots.reading import (
    TOL,
    TOPICS,
    Move,
    Offer,
    authority_move,
    claims,
    deadline_guess,
    discounts,
    estimated_customer_utilities,
    offers_made,
    own_reservation,
    own_utility,
    standard_offer,
    within_reach,
)
from game.engine.actions import (
    AcceptOffer,
    AskQuestion,
    MakeOffer,
    ProposeTrade,
    RequestAuthority,
    WalkAway,
)
from game.engine.view_models import NegotiationView
from game.negotiation.moves import within_authority


class NegotiationPolicy(Protocol):
    def next_move(self, nv: NegotiationView, rng: np.random.Generator) -> Move: ...


class PriceOnly:
    """A novice: opens near list price on standard terms, concedes on price only, step by step,
    asks the manager whenever it runs out of discount, and accepts the customer's counter as soon
    as it makes any money at all."""

    def next_move(self, nv: NegotiationView, rng: np.random.Generator) -> Move:
        made = len(offers_made(nv))
        counter = nv.customer_last_offer
        pays = counter is not None and own_utility(nv, counter) >= own_reservation(nv)
        if counter is not None and made >= 2 and pays:
            ask = authority_move(nv, float(counter["price"]))
            if ask is not None:
                return ask
            if within_authority(float(counter["price"]), nv.authority):
                return AcceptOffer(account=nv.account)
        prices = sorted(float(d) for d in nv.issues["price"])
        own = nv.trainee_last_offer
        if own is None:
            price = prices[min(1, len(prices) - 1)]
        else:
            higher = [d for d in prices if d > float(own["price"]) + TOL]
            price = higher[0] if higher else float(own["price"])
        if not within_authority(price, nv.authority):
            ask = authority_move(nv, price)
            if ask is not None:
                return ask
            price = max(d for d in prices if within_authority(d, nv.authority))
        offer = standard_offer(nv, price)
        if own is not None and offer == own:
            if counter is not None and pays and within_authority(float(counter["price"]), nv.authority):
                return AcceptOffer(account=nv.account)
            return WalkAway(account=nv.account)
        return MakeOffer(account=nv.account, offer=offer)


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

    def next_move(self, nv: NegotiationView, rng: np.random.Generator) -> Move:
        made = len(offers_made(nv))
        if made == 0:
            for topic in ("needs", "priorities", "timeline", "competitors"):
                if topic not in nv.learned:
                    return AskQuestion(account=nv.account, topic=topic)
        deadline = float(nv.max_rounds)
        guess = deadline_guess(nv)
        if guess is not None:
            deadline = max(2.0, guess[0] - guess[1])
        claim = claims(nv)
        aim = self.aim(made, deadline)
        counter = nv.customer_last_offer
        if counter is not None:
            if claim[nv.index_of(counter)] >= max(aim, self.floor) - TOL:
                ask = authority_move(nv, float(counter["price"]))
                if ask is not None:
                    return ask
                if within_authority(float(counter["price"]), nv.authority):
                    return AcceptOffer(account=nv.account)
            if made >= deadline + 1 and claim[nv.index_of(counter)] < self.floor:
                return WalkAway(account=nv.account)
        allowed = within_reach(nv)
        u_c = estimated_customer_utilities(nv)
        own = nv.trainee_last_offer
        last = None if own is None else nv.index_of(own)
        demand = None if counter is None else float(u_c[nv.index_of(counter)])
        pick = self._choose(claim, u_c, allowed, aim, last, demand)
        offer = nv.offer_at(pick)
        ask = authority_move(nv, float(offer["price"]))
        if ask is not None:
            return ask
        if not within_authority(float(offer["price"]), nv.authority):  # refused: stay within it
            within = within_authority(discounts(nv), nv.authority)
            offer = nv.offer_at(self._choose(claim, u_c, within, aim, last, demand))
        return MakeOffer(account=nv.account, offer=offer)

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
        ok = allowed & (claim >= aim - TOL)
        if not ok.any():
            ok = allowed & (claim >= claim[allowed].max() - TOL)
        enough = ok & (u_c >= demand - TOL) if demand is not None else np.zeros_like(ok)
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

    def next_move(self, nv: NegotiationView, rng: np.random.Generator) -> Move:
        kind = self.KINDS[int(rng.choice(len(self.KINDS), p=self.CHANCES))]
        account = nv.account
        prices = [float(d) for d in nv.issues["price"]]
        legal_prices = [d for d in prices if within_authority(d, nv.authority)]
        base: Offer | None = nv.trainee_last_offer or nv.customer_last_offer
        if kind == "ask":
            return AskQuestion(account=account, topic=TOPICS[int(rng.integers(len(TOPICS)))])
        if kind == "request_authority":
            higher = [d for d in prices if not within_authority(d, nv.authority)]
            if higher:
                return RequestAuthority(account=account,
                                        discount=higher[int(rng.integers(len(higher)))])
        if kind == "accept":
            counter = nv.customer_last_offer
            if counter is not None and within_authority(float(counter["price"]), nv.authority):
                return AcceptOffer(account=account)
        if kind == "walk_away":
            return WalkAway(account=account)
        if kind == "trade" and base is not None:
            issues = list(nv.issues)
            give_issue, want_issue = (
                issues[int(k)] for k in rng.choice(len(issues), 2, replace=False)
            )
            change = {}
            for issue in (give_issue, want_issue):
                values = legal_prices if issue == "price" else list(nv.issues[issue])
                change[issue] = values[int(rng.integers(len(values)))]
            if not within_authority(float(base["price"]), nv.authority) and "price" not in change:
                change["price"] = legal_prices[int(rng.integers(len(legal_prices)))]
            give = {k: v for k, v in change.items() if k != want_issue}
            return ProposeTrade(account=account, give=give, want={want_issue: change[want_issue]})
        offer: Offer = {}
        for issue, options in nv.issues.items():
            values = legal_prices if issue == "price" else list(options)
            offer[issue] = values[int(rng.integers(len(values)))]
        return MakeOffer(account=account, offer=offer)


POLICIES: dict[str, type[PriceOnly] | type[Integrative] | type[RandomNegotiator]] = {
    "price_only": PriceOnly,
    "integrative": Integrative,
    "random": RandomNegotiator,
}
