"""Pareto frontier, Nash point and distance to the frontier against brute force and theory."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.negotiation.pareto import distance_to_frontier, nash_point, pareto_frontier
from game.negotiation.session import NegotiationSession
from game.negotiation.space import OutcomeSpace
from game.negotiation.utility import customer_utilities, seller_rv, seller_utilities
from game.scenario.models import Scenario


def brute_frontier(a: np.ndarray, b: np.ndarray) -> list[int]:
    keep = []
    for i in range(a.size):
        dominated = any(
            a[j] >= a[i] and b[j] >= b[i] and (a[j] > a[i] or b[j] > b[i]) for j in range(a.size)
        )
        if not dominated:
            keep.append(i)
    return keep


def brute_nash(a: np.ndarray, b: np.ndarray, rv_a: float, rv_b: float) -> int | None:
    best, best_value = None, -np.inf
    for i in range(a.size):
        if a[i] > rv_a and b[i] > rv_b and (a[i] - rv_a) * (b[i] - rv_b) > best_value:
            best, best_value = i, (a[i] - rv_a) * (b[i] - rv_b)
    return best


# small integer grids force many ties and duplicates
utilities = st.integers(1, 40).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(0, 6), min_size=n, max_size=n),
        st.lists(st.integers(0, 6), min_size=n, max_size=n),
    )
)


@settings(max_examples=300, deadline=None)
@given(utilities)
def test_frontier_equals_brute_force(pair: tuple[list[int], list[int]]) -> None:
    a, b = np.array(pair[0], float) / 6, np.array(pair[1], float) / 6
    assert pareto_frontier(a, b).tolist() == brute_frontier(a, b)


@settings(max_examples=300, deadline=None)
@given(utilities, st.integers(0, 6), st.integers(0, 6))
def test_nash_point_equals_brute_force(pair: tuple[list[int], list[int]], ra: int, rb: int) -> None:
    a, b = np.array(pair[0], float) / 6, np.array(pair[1], float) / 6
    assert nash_point(a, b, ra / 6, rb / 6) == brute_nash(a, b, ra / 6, rb / 6)


@settings(max_examples=200, deadline=None)
@given(utilities, st.floats(0, 1), st.floats(0, 1))
def test_distance_is_to_the_nearest_frontier_point(
    pair: tuple[list[int], list[int]], x: float, y: float
) -> None:
    a, b = np.array(pair[0], float) / 6, np.array(pair[1], float) / 6
    front = pareto_frontier(a, b)
    points = np.column_stack([a[front], b[front]])
    expected = min(float(np.hypot(px - x, py - y)) for px, py in points)
    assert distance_to_frontier((x, y), points) == pytest.approx(expected)
    assert distance_to_frontier(points[0], points) == 0.0


def test_frontier_and_nash_of_a_shipped_account_match_brute_force(east_china: Scenario) -> None:
    space = OutcomeSpace(east_china.negotiation)
    account = east_china.key_accounts[0]
    u_s = seller_utilities(space, east_china, account)
    u_c = customer_utilities(space, account)
    dominated = (
        (u_s[None, :] >= u_s[:, None])
        & (u_c[None, :] >= u_c[:, None])
        & ((u_s[None, :] > u_s[:, None]) | (u_c[None, :] > u_c[:, None]))
    ).any(axis=1)
    assert pareto_frontier(u_s, u_c).tolist() == np.flatnonzero(~dominated).tolist()
    rv_s, rv_c = seller_rv(space, east_china, account), account.preferences.reservation
    assert nash_point(u_s, u_c, rv_s, rv_c) == brute_nash(u_s, u_c, rv_s, rv_c)


def test_no_zone_of_agreement_has_no_nash_point() -> None:
    a = np.array([0.1, 0.5, 0.9])
    b = np.array([0.9, 0.5, 0.1])
    assert nash_point(a, b, 0.5, 0.5) is None
    assert nash_point(a, b, 0.4, 0.4) == 1


@pytest.mark.parametrize("value", [900.0, 800.0, 1000.0, 880.0])
def test_single_issue_nash_price_is_halfway_between_cost_and_value(
    single_price: Callable[..., Scenario], value: float
) -> None:
    """One issue, price: the seller's cost is 500, the buyer values the goods at ``value``.
    Nash bargaining splits the difference: price (cost + value) / 2, here to the nearest 50."""
    cost, list_price = 500.0, 1000.0
    discounts = [round(0.05 * k, 2) for k in range(11)]  # prices 1000, 950, ..., 500
    # the buyer's utility is linear in the discount (0 at list price, 1 at 50% off); it is
    # indifferent between buying at ``value`` and walking away
    reservation = (1 - value / list_price) / 0.5
    s = single_price(cost, list_price, discounts, reservation)
    session = NegotiationSession(s, "hx-bank", np.random.default_rng(0), None)
    nash = session.truth()["nash"]
    assert nash is not None
    price = list_price * (1 - nash["offer"]["price"])
    assert price == pytest.approx(round((cost + value) / 2 / 50) * 50)
    space = session.space
    account = session.account
    direct = nash_point(
        seller_utilities(space, s, account),
        customer_utilities(space, account),
        seller_rv(space, s, account),
        reservation,
    )
    assert space.offer_at(direct) == nash["offer"]
