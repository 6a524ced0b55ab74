"""Any two negotiators can be run against each other; deals happen exactly when they can."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from game.negotiation.customer import CustomerNegotiator
from game.negotiation.protocol import run_bilateral
from game.negotiation.space import OutcomeSpace
from game.negotiation.utility import customer_utilities, seller_utilities
from game.scenario.models import Scenario, Tactic

KINDS = st.sampled_from(["boulware", "linear", "conceder", "tit_for_tat"])
BETAS = st.floats(0.1, 10)


def _utilities(
    s: Scenario, account_id: str = "hx-bank"
) -> tuple[OutcomeSpace, np.ndarray, np.ndarray]:
    space = OutcomeSpace(s.negotiation)
    account = next(a for a in s.key_accounts if a.id == account_id)
    return space, seller_utilities(space, s, account), customer_utilities(space, account)


@settings(max_examples=60, deadline=None)
@given(
    rv_a=st.floats(0, 1),
    kind_a=KINDS,
    kind_b=KINDS,
    beta_a=BETAS,
    beta_b=BETAS,
    deadline=st.integers(2, 12),
    data=st.data(),
)
def test_without_a_zone_of_agreement_there_is_never_a_deal(
    east_china: Scenario,
    rv_a: float,
    kind_a: str,
    kind_b: str,
    beta_a: float,
    beta_b: float,
    deadline: int,
    data: st.DataObject,
) -> None:
    space, u_a, u_b = _utilities(east_china)
    acceptable_to_a = u_a >= rv_a
    best_b = float(u_b[acceptable_to_a].max()) if acceptable_to_a.any() else 0.0
    assume(best_b < 0.999)
    rv_b = data.draw(st.floats(best_b + 1e-6, 1.0))  # nothing a accepts is good enough for b
    a = CustomerNegotiator(space, u_a, rv_a, Tactic(kind=kind_a, beta=beta_a), deadline)
    b = CustomerNegotiator(space, u_b, rv_b, Tactic(kind=kind_b, beta=beta_b), deadline)
    result = run_bilateral(a, b, space, max_rounds=deadline + 2)
    assert result.agreement is None
    assert result.ended_by in ("ended", "max_rounds")


@settings(max_examples=150, deadline=None)
@given(
    value=st.floats(500, 1000),
    walk_price=st.floats(500, 1000),
    beta_a=st.floats(1.01, 10),
    beta_b=st.floats(1.01, 10),
    deadline=st.integers(2, 12),
    a_is_seller=st.booleans(),
)
def test_two_conceders_over_one_issue_always_agree_when_a_deal_exists(
    single_price: Callable[..., Scenario],
    value: float,
    walk_price: float,
    beta_a: float,
    beta_b: float,
    deadline: int,
    a_is_seller: bool,
) -> None:
    """Seller and buyer haggle over the price alone, both conceding (beta > 1) to the same
    deadline; the seller will not go below ``walk_price``, the buyer not above ``value``."""
    discounts = [round(0.05 * k, 2) for k in range(11)]  # prices 1000 .. 500
    s = single_price(400.0, 1000.0, discounts, 0.0)
    space, u_s, u_c = _utilities(s)
    prices = 1000.0 * (1 - np.array([space.offer_at(i)["price"] for i in range(space.n_outcomes)]))
    rv_s = float(np.interp(walk_price, prices[::-1], u_s[::-1]))
    rv_c = float(np.interp(value, prices[::-1], u_c[::-1]))
    zone = (u_s >= rv_s) & (u_c >= rv_c)
    seller = CustomerNegotiator(space, u_s, rv_s, Tactic(kind="conceder", beta=beta_a), deadline)
    buyer = CustomerNegotiator(space, u_c, rv_c, Tactic(kind="conceder", beta=beta_b), deadline)
    a, b = (seller, buyer) if a_is_seller else (buyer, seller)
    result = run_bilateral(a, b, space, max_rounds=deadline)
    if zone.any():
        assert result.agreement is not None, result
        i = space.index_of(result.agreement)
        assert u_s[i] >= rv_s and u_c[i] >= rv_c
        assert result.rounds <= deadline
    else:
        assert result.agreement is None


def test_history_alternates_and_is_seen_from_each_side(east_china: Scenario) -> None:
    space, u_a, u_b = _utilities(east_china)
    a = CustomerNegotiator(space, u_a, 0.3, Tactic(kind="linear"), 6)
    b = CustomerNegotiator(space, u_b, 0.3, Tactic(kind="linear"), 6)
    result = run_bilateral(a, b, space, max_rounds=6)
    whos = [m.who for m in result.history]
    assert whos == ["a", "b"] * (len(whos) // 2) + ["a"] * (len(whos) % 2)
    assert result.agreement is not None  # a zone exists and both reach their rv by the deadline
