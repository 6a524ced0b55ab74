"""The customer negotiator: a key account's hidden preferences, tactic, deadline and trust."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from game.negotiation import questions, trust
from game.negotiation.protocol import NegotiationState, Response
from game.negotiation.space import Offer, OutcomeSpace, standard_index
from game.negotiation.tactics import target_utility
from game.negotiation.utility import (
    customer_utilities,
    normalised_weights,
    offer_utility,
    value_tables,
)
from game.scenario.models import AnswerRules, KeyAccount, Negotiation, Tactic, TrustRules

NEAR_TIE_DEFAULT: float = Negotiation.model_fields["near_tie"].default
"""Proposals may sit this much above the lowest outcome that meets the target, to stay close to
the other side's last offer (so the customer trades across issues instead of only on price); the
scenario's ``negotiation.near_tie``."""


class CustomerNegotiator:
    """Concedes along its tactic's curve, never accepts below its reservation value.

    ``utilities`` gives its utility of every outcome of ``space``; ``reservation`` is its own
    floor; the reservation value in force, ``rv``, is the larger of the floor and the utility of
    the best alternative (a rival's bid). With ``trust`` None the negotiator ignores behaviour
    (useful for machine-vs-machine runs); otherwise trust moves with the other side's conduct and
    it ends the negotiation when trust falls below ``trust_rules.walk_away_below`` (the
    scenario's ``negotiation.trust``; its defaults when None).
    """

    def __init__(
        self,
        space: OutcomeSpace,
        utilities: np.ndarray,
        reservation: float,
        tactic: Tactic,
        deadline: int,
        trust_level: float | None = None,
        tables: Mapping[str, np.ndarray] | None = None,
        weights: Mapping[str, float] | None = None,
        utility_of: Callable[[Mapping[str, object]], float] | None = None,
        trust_rules: TrustRules | None = None,
        answer_rules: AnswerRules | None = None,
        near_tie: float = NEAR_TIE_DEFAULT,
        standard_values: Mapping[str, float] | None = None,
    ) -> None:
        if deadline < 1:
            raise ValueError("deadline must be at least 1 offer")
        self.space = space
        self.u = np.asarray(utilities, dtype=float)
        self.floor = float(reservation)
        self.tactic = tactic
        self.deadline = int(deadline)
        self.trust = trust_level
        self.trust_rules = trust_rules or trust.DEFAULT
        self.answer_rules = answer_rules or questions.DEFAULT
        self.near_tie = float(near_tie)
        self.tables = dict(tables) if tables is not None else None
        self.weights = dict(weights) if weights is not None else None
        self._utility_of = utility_of or self.utility
        self.alternative: Offer | None = None
        self.alternative_u: float | None = None
        self.value_credit = 0.0  # how far value presented has lowered its reservation value
        self.u_max = float(self.u.max())
        self.u_min = float(self.u.min())
        self.stated_top: str | None = None
        # its values of the company's standard terms, issue by issue (what every customer hears)
        self.standard_values = dict(standard_values) if standard_values is not None else None
        self.asked: set[str] = set()
        self.trust_log: list[trust.TrustChange] = []
        self._unread = 0
        spans = np.maximum(np.array(space.sizes) - 1, 1)
        self._coords = space.grid / spans  # each issue scaled to 0..1 for "closeness" of offers

    @classmethod
    def for_account(
        cls,
        space: OutcomeSpace,
        account: KeyAccount,
        deadline: int,
        best_alternative: Offer | None = None,
        trust_rules: TrustRules | None = None,
        answer_rules: AnswerRules | None = None,
        near_tie: float = NEAR_TIE_DEFAULT,
        authority: float | None = None,
    ) -> CustomerNegotiator:
        """The negotiator of a scenario's key account; ``authority`` is the rep's own discount
        authority, which sets the discount of the company's standard terms it may hear."""
        tables = value_tables(space, account)
        customer = cls(
            space,
            customer_utilities(space, account),
            account.preferences.reservation,
            account.tactic,
            deadline,
            trust_level=account.trust,
            tables=tables,
            weights=normalised_weights(space, account),
            utility_of=lambda offer: offer_utility(space, account, offer),
            trust_rules=trust_rules,
            answer_rules=answer_rules,
            near_tie=near_tie,
            standard_values={issue: float(table[standard_index(space, issue, authority)])
                             for issue, table in tables.items()},
        )
        customer.set_best_alternative(best_alternative)
        return customer

    # ------------------------------------------------------------------ valuation

    @property
    def rv(self) -> float:
        """The reservation value in force: its own floor or its best alternative, the higher,
        less what value the rep presented has earned (``value_credit``)."""
        base = self.floor if self.alternative_u is None else max(self.floor, self.alternative_u)
        if self.value_credit == 0.0:
            return base
        return max(0.0, base - self.value_credit)

    def utility(self, offer: Mapping[str, object]) -> float:
        return float(self.u[self.space.index_of(offer)])

    def set_best_alternative(self, offer: Offer | None) -> None:
        """Take a rival's bid (or none) as the alternative to a deal; ``rv`` follows."""
        if offer is None:
            self.alternative, self.alternative_u = None, None
            return
        self.alternative_u = float(self._utility_of(offer))
        self.alternative = {k: v if isinstance(v, str) else float(v) for k, v in offer.items()}

    def has_zone(self) -> bool:
        """Whether any outcome is at least as good as the reservation value."""
        return self.u_max >= self.rv

    # ------------------------------------------------------------------ proposing

    def target(self, received: list[int]) -> float:
        """The utility aimed for after receiving the outcomes ``received`` (oldest first)."""
        t = len(received) / self.deadline
        return target_utility(
            self.tactic, t, [float(self.u[i]) for i in received], self.rv, self.u_max, self.u_min
        )

    def choose(self, target: float, near: int | None) -> int:
        """The outcome with utility closest to ``target`` from above; among near-ties the one
        closest to outcome ``near`` (the other side's last offer)."""
        meets = (self.u >= target - 1e-12) & (self.u >= self.rv)  # never below rv
        if not meets.any():
            return int(np.argmax(self.u))
        lowest = float(self.u[meets].min())
        band = np.flatnonzero(meets & (self.u <= lowest + self.near_tie))
        if near is None:
            return int(band[np.argmin(self.u[band])])
        gap = np.round(((self._coords[band] - self._coords[near]) ** 2).sum(axis=1), 12)
        return int(band[np.lexsort((band, self.u[band], gap))[0]])

    def _received(self, state: NegotiationState) -> list[int]:
        return [self.space.index_of(o) for o in state.received()]

    def propose_index(self, state: NegotiationState) -> int:
        received = self._received(state)
        return self.choose(self.target(received), received[-1] if received else None)

    def propose(self, state: NegotiationState) -> Offer:
        return self.space.offer_at(self.propose_index(state))

    # ------------------------------------------------------------------ responding

    def respond(self, state: NegotiationState, offer: Offer) -> Response:
        received = self._received(state)
        i = self.space.index_of(offer)
        self._observe_offer(received, i)
        received.append(i)
        if len(received) > self.deadline:
            return "end"
        if self.trust is not None and self.trust < self.trust_rules.walk_away_below:
            return "end"
        if not self.has_zone():
            return "end"
        next_offer = self.choose(self.target(received), i)
        if self.u[i] >= self.u[next_offer] and self.u[i] >= self.rv:
            return "accept"
        return "reject"

    def deadline_passed(self, offers_received: int) -> bool:
        return offers_received > self.deadline

    # ------------------------------------------------------------------ trust and questions

    def _issue_values(self, i: int) -> dict[str, float]:
        if self.tables is None:
            raise RuntimeError("this customer was made without value tables")
        row = self.space.grid[i]
        return {
            issue: float(self.tables[issue][row[j]]) for j, issue in enumerate(self.space.issues)
        }

    def _record(self, changes: list[trust.TrustChange]) -> None:
        if self.trust is None or not changes:
            return
        self.trust = trust.apply(self.trust, changes)
        self.trust_log.extend(changes)

    def record_trust(self, changes: list[trust.TrustChange]) -> None:
        """Apply trust changes the session's own rules decided (e.g. a value pitch that missed)."""
        self._record(changes)

    def _observe_offer(self, received: list[int], i: int) -> None:
        if self.trust is None:
            return
        previous = received[-1] if received else None
        has_values = self.tables is not None
        self._record(
            trust.offer_trust_changes(
                self._issue_values(i) if has_values else {},
                self._issue_values(previous) if has_values and previous is not None else None,
                repeated=previous == i,
                utility=float(self.u[i]),
                reservation=self.rv,
                stated_top=self.stated_top if has_values else None,
                rules=self.trust_rules,
                standard_values=self.standard_values,
                asked_gain=sum(c.delta for c in self.trust_log
                               if c.reason == "asked_before_offering"),
            )
        )

    def new_trust_changes(self) -> list[trust.TrustChange]:
        """Trust changes since the last call."""
        fresh = self.trust_log[self._unread :]
        self._unread = len(self.trust_log)
        return fresh

    def facts(self, list_price: float) -> questions.CustomerFacts:
        """The hidden facts behind the customer's answers."""
        if self.tables is None or self.weights is None:
            raise ValueError("this negotiator has no preferences to talk about")
        ideal = {
            issue: self.space.options[issue][int(np.argmax(self.tables[issue]))]
            for issue in self.space.issues
        }
        price_col = self.space.column("price")
        discounts = np.array(self.space.options["price"], dtype=float)
        reachable = self.space.grid[self.u >= self.rv, price_col]
        min_discount = (
            float(discounts[reachable].min()) if reachable.size else float(discounts.max())
        )
        alt = None
        if self.alternative is not None:
            price = self.alternative.get("price")
            alt = price if isinstance(price, float) else None
        return questions.CustomerFacts(
            weights=dict(self.weights),
            ideal=ideal,
            deadline=self.deadline,
            alternative_discount=alt,
            min_discount=min_discount,
            list_price=list_price,
        )

    def answer(
        self, topic: str, offers_received: int, list_price: float, rng: np.random.Generator
    ) -> questions.Answer:
        """Answer a question; asking well before the first offer builds trust first."""
        if topic not in questions.TOPICS:
            raise ValueError(f"unknown topic '{topic}'")
        prepared = len(self.asked & set(trust.PREPARATION_TOPICS))
        self._record(trust.question_trust_changes(
            topic, topic in self.asked, offers_received, self.trust_rules, prepared))
        self.asked.add(topic)
        level = 1.0 if self.trust is None else self.trust
        result = questions.answer(topic, self.facts(list_price), level, rng, self.answer_rules)
        if result.stated_top is not None:
            self.stated_top = result.stated_top
        return result
