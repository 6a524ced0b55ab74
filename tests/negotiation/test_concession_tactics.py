"""The customer concedes along its tactic: Faratin's time-dependent curves and tit-for-tat."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from game.negotiation.customer import NEAR_TIE_DEFAULT as NEAR_TIE
from game.negotiation.session import NegotiationSession
from game.negotiation.tactics import time_dependent_target, tit_for_tat_target
from game.scenario.models import Scenario

# two offers the seller loves and the customer does not: alternating them is not "the same offer
# again", so trust stays up and the customer keeps countering
HARD_A = {"price": 0.0, "volume": 0.5, "delivery_weeks": 8, "payment_days": 0, "service": "basic"}
HARD_B = {**HARD_A, "volume": 0.75}


def _counter_utilities(session: NegotiationSession, rounds: int) -> list[float]:
    found = []
    for r in range(rounds):
        events = session.offer(HARD_A if r % 2 == 0 else HARD_B)
        counters = [e for e in events if e["kind"] == "customer_countered"]
        assert len(counters) == 1, events
        found.append(session.customer.utility(counters[0]["offer"]))
    return found


def _within_one_step(u: np.ndarray, got: float, target: float) -> bool:
    """``got`` meets ``target`` and is at most one level of the grid (plus the near-tie band
    the customer uses to stay close to the trainee's offer) above it."""
    next_level = float(u[u >= target - 1e-12].min())
    return target - 1e-9 <= got <= next_level + NEAR_TIE + 1e-9


@pytest.mark.parametrize(
    ("kind", "beta"),
    [("boulware", 0.2), ("boulware", 0.5), ("linear", 1.0), ("conceder", 2.0), ("conceder", 5.0)],
)
def test_counter_offers_follow_the_time_dependent_curve(
    variant: Callable[..., Scenario], kind: str, beta: float
) -> None:
    deadline = 10
    s = variant("xihu-cloud", tactic={"kind": kind, "beta": beta}, deadline=deadline, trust=1.0)
    session = NegotiationSession(s, "xihu-cloud", np.random.default_rng(1), None)
    u = session.customer.u
    rv, u_max = session.customer.rv, float(u.max())
    assert session.customer.utility(HARD_A) < rv and session.customer.utility(HARD_B) < rv
    got = _counter_utilities(session, deadline)
    for r, value in enumerate(got, start=1):
        t = r / deadline
        target = rv + (u_max - rv) * (1 - t ** (1 / beta))  # Faratin et al., in utility space
        assert _within_one_step(u, value, target), (r, value, target)
    assert got[-1] <= float(u[u >= rv].min()) + NEAR_TIE  # at the deadline: its reservation
    events = session.offer(HARD_B)  # one offer too many
    assert session.status == "deadline" and events[-1]["kind"] == "negotiation_ended"


def test_boulware_holds_firm_and_conceder_gives_ground_early(
    variant: Callable[..., Scenario],
) -> None:
    halfway = {}
    for kind, beta in (("boulware", 0.3), ("linear", 1.0), ("conceder", 3.0)):
        s = variant("xihu-cloud", tactic={"kind": kind, "beta": beta}, deadline=10, trust=1.0)
        session = NegotiationSession(s, "xihu-cloud", np.random.default_rng(1), None)
        halfway[kind] = _counter_utilities(session, 5)[-1]
    assert halfway["boulware"] > halfway["linear"] > halfway["conceder"]


def test_target_formula_end_points() -> None:
    for beta in (0.2, 1.0, 5.0):
        assert time_dependent_target(0.0, 0.3, 0.9, beta) == pytest.approx(0.9)
        assert time_dependent_target(1.0, 0.3, 0.9, beta) == pytest.approx(0.3)
        assert time_dependent_target(2.0, 0.3, 0.9, beta) == pytest.approx(0.3)


def test_tit_for_tat_mirrors_the_trainees_concessions(variant: Callable[..., Scenario]) -> None:
    """No concession from the trainee, none from the customer; a concession closing a share of
    the gap to the customer's ideal is answered by closing the same share of its gap to rv."""
    s = variant(
        "jinling-mfg",
        tactic={"kind": "tit_for_tat", "beta": 1.0},
        weights={"price": 0.5, "payment_days": 0.3, "delivery_weeks": 0.2},  # volume: weight 0
        deadline=10,
        trust=1.0,
    )
    session = NegotiationSession(s, "jinling-mfg", np.random.default_rng(3), None)
    customer = session.customer
    u = customer.u
    rv, u_max = customer.rv, float(u.max())
    offers = [
        HARD_A,
        HARD_B,  # same value to the customer: no concession
        {**HARD_B, "price": 0.05},
        {**HARD_B, "price": 0.05, "payment_days": 30},
        {**HARD_B, "price": 0.1, "payment_days": 30},
    ]
    received: list[float] = []
    for offer in offers:
        events = session.offer(offer)
        received.append(customer.utility(offer))
        counter = next(e["offer"] for e in events if e["kind"] == "customer_countered")
        expected = rv + (u_max - rv)
        for prev, last in zip(received, received[1:], strict=False):
            if last > prev:
                expected -= (last - prev) / (u_max - prev) * (expected - rv)
        assert tit_for_tat_target(received, rv, u_max) == pytest.approx(expected)
        assert _within_one_step(u, customer.utility(counter), expected)
    assert received[0] == received[1]
    first_two = [
        customer.utility(m["offer"])
        for m in session.truth()["moves"]
        if m["kind"] == "customer_countered"
    ][:2]
    assert first_two == [u_max, u_max]


def test_tit_for_tat_never_drops_below_rv() -> None:
    assert tit_for_tat_target([0.0, 1.0], 0.4, 1.0) == pytest.approx(0.4)
    assert tit_for_tat_target([0.0, 0.9, 0.95, 0.99], 0.4, 1.0) >= 0.4
