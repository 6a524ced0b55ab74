"""One trainee-vs-customer negotiation, as the engine drives it: moves in, event descriptions out.

Every move returns a list of event descriptions ``{"kind": "<snake_case>", ...}`` with JSON-able
payloads. A move the rules do not allow raises IllegalMove and changes nothing.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from typing import Any, Literal

import numpy as np

from game.negotiation import trust as trust_rules
from game.negotiation.authority import approval_probability
from game.negotiation.customer import CustomerNegotiator
from game.negotiation.errors import IllegalMove
from game.negotiation.metrics import SELLER_METRICS, negotiation_metrics
from game.negotiation.moves import within_authority
from game.negotiation.pareto import nash_point, pareto_frontier
from game.negotiation.protocol import Move, NegotiationState
from game.negotiation.questions import TOPICS, Answer
from game.negotiation.space import Offer, OutcomeSpace
from game.negotiation.utility import profit, seller_rv, seller_utilities, value_tables
from game.negotiation.value_selling import Presented, fits, non_price_aspects, reply, step
from game.scenario.models import KeyAccount, Scenario

Status = Literal["open", "agreed", "customer_walked", "trainee_walked", "deadline"]
Event = dict[str, Any]
"""An event description: ``{"kind": "<snake_case>", ...payload}`` (JSON-able)."""

_QUALITY_RANK = {"refused": 0, "vague": 1, "truthful": 2}
_TOL = 1e-9


def _r(x: float) -> float:
    return round(float(x), 4)


def _discount(offer: Mapping[str, object]) -> float:
    price = offer.get("price", 0.0)
    return float(price) if isinstance(price, int | float) else 0.0


def _coarse(delta: float) -> float:
    """A trust change as the trainee reads it from the customer's tone: in steps of 0.05."""
    steps = max(1, round(abs(delta) / 0.05))
    return round(0.05 * steps if delta > 0 else -0.05 * steps, 2)


class NegotiationSession:
    """The trainee (the company's rep) negotiates one deal with one key account.

    The account's deadline (offers it will receive) is ``min(account.deadline,
    negotiation.max_rounds)`` and is hidden; ``view()["deadline"]`` is the public limit of the
    meeting, ``negotiation.max_rounds``.
    """

    def __init__(
        self,
        scenario: Scenario,
        account_id: str,
        rng: np.random.Generator,
        best_alternative: Offer | None = None,
    ) -> None:
        accounts = {a.id: a for a in scenario.key_accounts}
        if account_id not in accounts:
            known = ", ".join(accounts) or "none"
            raise ValueError(f"unknown key account '{account_id}' (known: {known})")
        self.scenario = scenario
        self.account: KeyAccount = accounts[account_id]
        self.space = OutcomeSpace(scenario.negotiation)
        seq = getattr(rng.bit_generator, "seed_seq", None)
        if not isinstance(seq, np.random.SeedSequence):  # a generator without a seed sequence
            seq = np.random.SeedSequence(int(rng.integers(0, 2**63)))
        self._seed_seq = seq
        self._draws: dict[tuple[str | int, ...], int] = {}  # event key -> draws made so far
        self.deadline = min(self.account.deadline, scenario.negotiation.max_rounds)
        rules = scenario.negotiation
        self.customer = CustomerNegotiator.for_account(
            self.space, self.account, self.deadline, best_alternative, rules.trust,
            answer_rules=rules.answers, near_tie=rules.near_tie,
            authority=scenario.company.discount_authority,
        )
        self._u_s = seller_utilities(self.space, scenario, self.account)
        self._profit = profit(self.space, scenario, self.account)
        self.seller_reservation: float = seller_rv(self.space, scenario, self.account)
        self._list_price = scenario.product(self.account.product).list_price
        self.status: Status = "open"
        self.round = 0
        self.agreement: Offer | None = None
        self.customer_last_offer: Offer | None = None
        self.trainee_last_offer: Offer | None = None
        self.authority: float = scenario.company.discount_authority
        self._history: list[Move] = []
        self._moves: list[dict[str, object]] = []
        self._trainee_indices: list[int] = []
        self._answers: list[tuple[int, Answer]] = []
        self._requests: list[Event] = []
        self._refused_from: float | None = None
        self._trust_trail: list[dict[str, object]] = []
        self._trust_start = float(self.account.trust)
        self._frontier: np.ndarray | None = None
        self._presented: list[Presented] = []
        self._pitches: list[tuple[str, bool, str]] = []  # aspect, answered an objection, reply
        self._answered_at: int | None = None  # history length when an objection was answered
        self._metrics: dict[str, object] | None = None

    # ------------------------------------------------------------------ what the trainee knows

    @property
    def trust(self) -> float:
        trust = self.customer.trust
        if trust is None:  # a session always makes a customer that tracks trust
            raise RuntimeError("the customer of a session must track trust")
        return trust

    def seller_utility(self, offer: Mapping[str, object]) -> float:
        """The rep's own utility of ``offer`` (profit rescaled; walking away is worth
        ``seller_reservation``)."""
        return float(self._u_s[self.space.index_of(offer)])

    def seller_utilities(self) -> np.ndarray:
        """The rep's own utility of every outcome of ``space`` (a copy)."""
        return self._u_s.copy()

    def own_profits(self) -> np.ndarray:
        """The company's profit (money) on every outcome of ``space`` (a copy): the rep's own
        price book, which the trainee view carries."""
        return self._profit.copy()

    def profit_of(self, offer: Mapping[str, object]) -> float:
        """The company's profit (money) on a deal on these terms."""
        return float(self._profit[self.space.index_of(offer)])

    # ------------------------------------------------------------------ moves

    def offer(self, offer: Mapping[str, object]) -> list[Event]:
        """The trainee's full offer; the customer accepts, ends, or rejects and counters."""
        return self._offer(offer, None)

    def propose_trade(self, give: Mapping[str, object], want: Mapping[str, object]) -> list[Event]:
        """A package: the trainee's last offer (or the customer's, if the trainee has made none)
        with the issues in ``give`` and ``want`` changed, offered as a full offer."""
        self._require_open()
        base = self.trainee_last_offer or self.customer_last_offer
        if base is None:
            raise IllegalMove(
                "make a full offer first; a trade changes an offer on the table",
                "no_offer_to_trade_from",
            )
        if not isinstance(give, Mapping) or not isinstance(want, Mapping):
            raise IllegalMove("a trade names what you give and what you want", "not_a_trade")
        if not give and not want:
            raise IllegalMove("a trade must change at least one issue", "empty_trade")
        both = set(give) & set(want)
        if both:
            raise IllegalMove(
                f"'{sorted(both)[0]}' cannot be both given and wanted", "trade_overlap"
            )
        canon = {
            part: {k: self.space.options[k][self.space.option_index(k, v)] for k, v in side.items()}
            for part, side in (("give", give), ("want", want))
        }
        return self._offer({**base, **canon["give"], **canon["want"]}, canon)

    @property
    def draws(self) -> dict[tuple[str | int, ...], int]:
        """How many draws each event of the talks (its key) has made: what an illegal move must
        leave as it was."""
        return dict(self._draws)

    def _stream(self, *key: str | int) -> np.random.Generator:
        """The draws of one event of the talks, named by ``key`` (the topic of an answer, the
        discount of a decision) and how often it came before: the session's stream with those
        parts added to its key, as ``game.sim.rng.keyed_stream`` adds them to a subsystem's (the
        layers keep the customer's package from importing the market's). So asking one more
        question never changes what the manager decides, nor another answer."""
        n = self._draws.get(key, 0)
        self._draws[key] = n + 1
        seq = self._seed_seq
        parts = [p if isinstance(p, int) else zlib.crc32(p.encode("utf-8")) for p in key]
        return np.random.Generator(np.random.PCG64(
            np.random.SeedSequence(seq.entropy, spawn_key=(*seq.spawn_key, *parts, n))))

    def ask(self, topic: str) -> list[Event]:
        """Ask the customer about ``topic``; the answer's quality depends on trust."""
        self._require_open()
        if topic not in TOPICS:
            raise IllegalMove(f"you can ask about: {', '.join(TOPICS)}", "unknown_topic")
        rng = self._stream("answer", topic)
        answer = self.customer.answer(topic, self.round, self._list_price, rng)
        self._answers.append((self.round, answer))
        events: list[Event] = self._trust_events()
        events.append(
            {
                "kind": "customer_answered",
                "round_of_talks": self.round,
                "topic": topic,
                "quality": answer.quality,
                "estimate": answer.estimate,
            }
        )
        if self.trust < self.customer.trust_rules.walk_away_below:
            events += self._end("customer_walked")
        return events

    def objection(self) -> bool:
        """Whether a price objection is open: the customer's last counter pushed the price down
        (a bigger discount than the rep's offer just before it) and the rep has not answered it
        with value yet."""
        if len(self._history) < 2 or self._answered_at == len(self._history):
            return False
        last, before = self._history[-1], self._history[-2]
        if last.who != "customer" or before.who != "trainee":
            return False
        return _discount(last.offer) > _discount(before.offer) + _TOL

    def present_value(self, aspect: str, answer_objection: bool = False) -> list[Event]:
        """Present the product's value on ``aspect`` (an issue other than price), unprompted or
        (``answer_objection``) as the answer to the customer's price objection. When the aspect
        is among what the customer weights most, its reservation value drops
        (``value_selling``); otherwise the pitch falls flat and costs a little trust."""
        self._require_open()
        aspects = non_price_aspects(self.space.issues)
        if aspect not in aspects:
            raise IllegalMove(
                f"present value on one of: {', '.join(aspects)}", "unknown_aspect",
                {"aspects": aspects},
            )
        if answer_objection and not self.objection():
            raise IllegalMove(
                "there is no price objection to answer: the customer's last counter did not push "
                "the price down", "no_objection",
            )
        rules = self.scenario.negotiation.value_selling
        fitted = fits(self.customer.weights or {}, aspect, rules)
        now = Presented("objection" if answer_objection else "pitch", fitted)
        self.customer.value_credit += step(self._presented, now, rules)
        self._presented.append(now)
        self._pitches.append((aspect, answer_objection, reply(fitted)))
        if answer_objection:
            self._answered_at = len(self._history)
        if not fitted and rules.misfit_trust > 0:
            self.customer.record_trust(
                [trust_rules.TrustChange(-rules.misfit_trust, "value_misfit")]
            )
        events: list[Event] = self._trust_events()
        events.append(
            {
                "kind": "value_presented",
                "round_of_talks": self.round,
                "aspect": aspect,
                "answer_objection": answer_objection,
                "reply": reply(fitted),
            }
        )
        if self.trust < self.customer.trust_rules.walk_away_below:
            events += self._end("customer_walked")
        return events

    def request_authority(self, discount: float) -> list[Event]:
        """Ask the manager for authority to give up to ``discount`` off list."""
        self._require_open()
        if (
            isinstance(discount, bool)
            or not isinstance(discount, int | float)
            or not 0 <= discount < 1
        ):
            raise IllegalMove("ask for a discount between 0 and 1, e.g. 0.15", "bad_discount")
        discount = float(discount)
        if within_authority(discount, self.authority):
            raise IllegalMove(
                f"you may already give up to {self.authority:.0%}", "already_authorised",
                {"authority": self.authority},
            )
        company = self.scenario.company
        if not within_authority(discount, company.manager_authority):
            granted, reason = False, "beyond_manager_authority"
        elif self._refused_from is not None and discount >= self._refused_from - _TOL:
            granted, reason = False, "already_refused"
        else:
            chance = approval_probability(
                discount, company.discount_authority, company.manager_authority,
                company.approval_at_limit,
            )
            rng = self._stream("manager", round(discount * 10_000))  # in basis points
            granted, reason = bool(rng.random() < chance), "manager_decision"
        if granted:
            self.authority = discount
            event: Event = {
                "kind": "authority_granted",
                "round_of_talks": self.round,
                "discount": discount,
                "authority": self.authority,
            }
        else:
            self._refused_from = (
                discount if self._refused_from is None else min(self._refused_from, discount)
            )
            event = {
                "kind": "authority_refused",
                "round_of_talks": self.round,
                "discount": discount,
                "reason": reason,
                "authority": self.authority,
            }
        self._requests.append(
            {"discount": discount, "granted": granted, "reason": reason, "round": self.round}
        )
        return [event]

    def accept(self) -> list[Event]:
        """Accept the customer's last offer."""
        self._require_open()
        offer = self.customer_last_offer
        if offer is None:
            raise IllegalMove(
                "the customer has no offer on the table to accept", "nothing_to_accept"
            )
        self._check_authority(offer)
        self.agreement = offer
        self._moves.append(self._move_record("trainee_accepted", offer))
        events: list[Event] = [
            {
                "kind": "trainee_accepted",
                "round_of_talks": self.round,
                "offer": dict(offer),
                "u_seller": _r(self.seller_utility(offer)),
            }
        ]
        return events + self._end("agreed")

    def walk_away(self) -> list[Event]:
        """The trainee ends the negotiation without a deal."""
        self._require_open()
        return self._end("trainee_walked")

    def set_best_alternative(self, offer: Offer | None) -> list[Event]:
        """A market event changed the customer's best rival bid (or there is none now).

        Returns [] when nothing the trainee could notice changed, else a note; the customer
        withdraws a standing offer it now likes less than the rival's, and walks away when no
        deal could beat the rival's bid.
        """
        if self.status != "open":
            return []
        before = self.customer.rv
        self.customer.set_best_alternative(offer)
        after = self.customer.rv
        if abs(after - before) < _TOL:
            return []
        note: Event = {
            "kind": "customer_alternative_changed",
            "round_of_talks": self.round,
            "direction": "stronger" if after > before else "weaker",
            "message_key": "rival_offer_better" if after > before else "rival_offer_weaker",
            "withdrawn": False,
        }
        standing = self.customer_last_offer
        if standing is not None and self.customer.utility(standing) < after:
            self.customer_last_offer = None
            note["withdrawn"] = True
        events = [note]
        if not self.customer.has_zone():
            events += self._end("customer_walked")
        return events

    # ------------------------------------------------------------------ reports

    def metrics(self) -> dict[str, Any]:
        """The negotiation's metrics (see ``metrics.negotiation_metrics``), the customer's hidden
        side included: for the debrief and assessment, once it has ended."""
        if self._metrics is None:
            raise IllegalMove("the negotiation is still open", "still_open")
        return dict(self._metrics)

    def knowledge(self) -> dict[str, dict[str, Any]]:
        """What the trainee has learned: per topic asked, the most precise answer so far."""
        best: dict[str, tuple[int, int, Answer]] = {}
        for k, (_, answer) in enumerate(self._answers):
            rank = _QUALITY_RANK[answer.quality]
            if answer.topic not in best or rank >= best[answer.topic][0]:
                best[answer.topic] = (rank, k, answer)
        asked = {t: sum(1 for _, a in self._answers if a.topic == t) for t in best}
        return {
            topic: {
                "quality": answer.quality,
                "estimate": answer.estimate,
                "round": self._answers[k][0],
                "times_asked": asked[topic],
            }
            for topic, (_, k, answer) in best.items()
        }

    def revision(self) -> tuple[object, ...]:
        """Changes whenever anything ``view()`` or ``knowledge()`` shows may have changed (the
        key under which a caller may keep a copy of them)."""
        return (self.status, self.round, len(self._history), len(self._answers),
                len(self._requests), self.authority, round(self.trust, 1), len(self._pitches))

    def view(self) -> dict[str, Any]:
        """What the trainee can see (JSON-able): nothing hidden."""
        return {
            "account_id": self.account.id,
            "status": self.status,
            "round": self.round,
            "deadline": self.scenario.negotiation.max_rounds,
            "trust": round(self.trust, 1),
            "authority": self.authority,
            "own_authority": self.scenario.company.discount_authority,
            "manager_authority": self.scenario.company.manager_authority,
            "issues": {issue: list(values) for issue, values in self.space.options.items()},
            "offers": [{"who": m.who, "offer": dict(m.offer)} for m in self._history],
            "customer_last_offer": None
            if self.customer_last_offer is None
            else dict(self.customer_last_offer),
            "trainee_last_offer": None
            if self.trainee_last_offer is None
            else dict(self.trainee_last_offer),
            "agreement": None if self.agreement is None else dict(self.agreement),
            "questions": [answer.topic for _, answer in self._answers],
            "authority_requests": [dict(r) for r in self._requests],
            "objection": self.objection(),
            "value_presented": [
                {"aspect": a, "answer_objection": o, "reply": r} for a, o, r in self._pitches
            ],
        }

    def truth(self) -> dict[str, Any]:
        """The hidden truth for the debrief (JSON-able)."""
        u_c = self.customer.u
        frontier = self.frontier()
        order = frontier[np.argsort(self._u_s[frontier], kind="stable")]
        nash = nash_point(self._u_s, u_c, self.seller_reservation, self.customer.rv)
        return {
            "weights": {k: _r(v) for k, v in (self.customer.weights or {}).items()},
            "reservation": _r(self.customer.rv),
            "reservation_floor": _r(self.customer.floor),
            "alternative_utility": None
            if self.customer.alternative_u is None
            else _r(self.customer.alternative_u),
            "deadline": self.deadline,
            "tactic": {"kind": self.account.tactic.kind, "beta": float(self.account.tactic.beta)},
            "trust_start": self._trust_start,
            "value_credit": _r(self.customer.value_credit),
            "trust": list(self._trust_trail),
            "seller_reservation": _r(self.seller_reservation),
            "moves": [dict(m) for m in self._moves],
            "metrics": None if self._metrics is None else dict(self._metrics),
            "frontier": [[_r(self._u_s[i]), _r(u_c[i])] for i in order],
            "nash": None
            if nash is None
            else {
                "offer": self.space.offer_at(nash),
                "u_seller": _r(self._u_s[nash]),
                "u_customer": _r(u_c[nash]),
            },
        }

    def frontier(self) -> np.ndarray:
        """Indices of the Pareto-efficient outcomes (seller vs customer utility)."""
        if self._frontier is None:
            self._frontier = pareto_frontier(self._u_s, self.customer.u)
        return self._frontier

    # ------------------------------------------------------------------ internals

    def _require_open(self) -> None:
        if self.status != "open":
            raise IllegalMove("this negotiation has ended", "negotiation_over")

    def _check_authority(self, offer: Mapping[str, object]) -> None:
        price = offer["price"]
        discount = float(price) if isinstance(price, int | float) else 0.0
        if not within_authority(discount, self.authority):
            raise IllegalMove(
                f"a {discount:.0%} discount is above your authority ({self.authority:.0%}); "
                "ask your manager first",
                "above_authority",
                {"discount": discount, "authority": self.authority},
            )

    def _state(self) -> NegotiationState:
        return NegotiationState(self.round, self.deadline, tuple(self._history), "customer")

    def _move_record(self, kind: str, offer: Mapping[str, object]) -> dict[str, object]:
        i = self.space.index_of(offer)
        return {
            "kind": kind,
            "round": self.round,
            "offer": dict(offer),
            "u_seller": _r(self._u_s[i]),
            "u_customer": _r(self.customer.u[i]),
        }

    def _offer(
        self, offer: Mapping[str, object], trade: dict[str, dict[str, object]] | None
    ) -> list[Event]:
        self._require_open()
        canon = self.space.canonical(offer)
        self._check_authority(canon)
        state = self._state()
        decision = self.customer.respond(state, canon)
        self.round += 1
        self._history.append(Move("trainee", canon))
        self._trainee_indices.append(self.space.index_of(canon))
        self.trainee_last_offer = canon
        self._moves.append(self._move_record("trainee_offered", canon))
        offered: Event = {
            "kind": "trainee_offered",
            "round_of_talks": self.round,
            "offer": dict(canon),
            "u_seller": _r(self.seller_utility(canon)),
        }
        if trade is not None:
            offered["trade"] = trade
        events: list[Event] = [offered, *self._trust_events()]
        if decision == "accept":
            self.agreement = canon
            events.append(
                {"kind": "customer_accepted", "round_of_talks": self.round, "offer": dict(canon)}
            )
            return events + self._end("agreed")
        if decision == "end":
            walked = not self.customer.deadline_passed(self.round)
            return events + self._end("customer_walked" if walked else "deadline")
        previous = self.customer_last_offer
        counter = self.customer.propose(state.with_move("trainee", canon))
        self._history.append(Move("customer", counter))
        self._moves.append(self._move_record("customer_countered", counter))
        self.customer_last_offer = counter
        events.append(
            {
                "kind": "customer_countered",
                "round_of_talks": self.round,
                "offer": dict(counter),
                "u_seller": _r(self.seller_utility(counter)),
                "message_key": self._counter_message(previous, counter),
            }
        )
        return events

    def _counter_message(self, previous: Offer | None, counter: Offer) -> str:
        if self.round >= self.deadline:
            return "final_offer"
        if previous is None:
            return "counter_opening"
        if self.customer.utility(counter) < self.customer.utility(previous) - _TOL:
            return "counter_moving"
        return "counter_firm"

    def _trust_events(self) -> list[Event]:
        events: list[Event] = []
        for change in self.customer.new_trust_changes():
            self._trust_trail.append(
                {
                    "round": self.round,
                    "trust": _r(self.trust),
                    "delta": change.delta,
                    "reason": change.reason,
                }
            )
            events.append(
                {
                    "kind": "trust_changed",
                    "round_of_talks": self.round,
                    "direction": "up" if change.delta > 0 else "down",
                    "delta": _coarse(change.delta),
                    "reason": change.reason,
                }
            )
        return events

    def _weight_estimate(self) -> dict[str, float] | None:
        known = self.knowledge().get("priorities")
        if known is None or not known["estimate"]:
            return None
        weights = known["estimate"]["weights"]
        return {issue: float(w["mean"]) for issue, w in weights.items()}

    def _end(self, status: Status) -> list[Event]:
        self.status = status
        agreement = None if self.agreement is None else self.space.index_of(self.agreement)
        self._metrics = negotiation_metrics(
            space=self.space,
            status=status,
            u_seller=self._u_s,
            u_customer=self.customer.u,
            rv_seller=self.seller_reservation,
            rv_customer=self.customer.rv,
            agreement=agreement,
            trainee_offers=self._trainee_indices,
            customer_values=self.customer.tables or value_tables(self.space, self.account),
            frontier=self.frontier(),
            nash=nash_point(self._u_s, self.customer.u, self.seller_reservation, self.customer.rv),
            weight_estimate=self._weight_estimate(),
            true_weights=self.customer.weights or {},
            trust_end=self.trust,
            customer_floor=max(0.0, self.customer.floor - self.customer.value_credit),
        )
        return [
            {
                "kind": "negotiation_ended",
                "round_of_talks": self.round,
                "status": status,
                "agreement": None if self.agreement is None else dict(self.agreement),
                # only what the rep can work out itself: the log is read during play
                "metrics": {k: self._metrics[k] for k in SELLER_METRICS},
            }
        ]
