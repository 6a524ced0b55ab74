"""Utilities: the customer's hidden linear-additive preferences and the seller's profit."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from game.negotiation.space import OutcomeSpace
from game.negotiation.utility import (
    customer_utilities,
    offer_utility,
    profit,
    seller_rv,
    seller_utilities,
)
from game.scenario.models import KeyAccount, Scenario

BASE = {
    "price": 0.1,
    "volume": 0.75,
    "delivery_weeks": 4,
    "payment_days": 30,
    "service": "standard",
}


def _account(s: Scenario, account_id: str) -> KeyAccount:
    return next(a for a in s.key_accounts if a.id == account_id)


def _u(space: OutcomeSpace, u: np.ndarray, **changes: object) -> float:
    return float(u[space.index_of({**BASE, **changes})])


def test_customer_utilities_lie_in_0_1_and_the_ideal_scores_1(east_china: Scenario) -> None:
    space = OutcomeSpace(east_china.negotiation)
    for account in east_china.key_accounts:
        u = customer_utilities(space, account)
        assert u.min() >= 0 and u.max() <= 1
    u = customer_utilities(space, _account(east_china, "hx-bank"))
    ideal = {
        "price": 0.25,
        "volume": 1.0,
        "delivery_weeks": 2,
        "payment_days": 90,
        "service": "premium",
    }
    assert u[space.index_of(ideal)] == pytest.approx(1.0)
    assert int(np.argmax(u)) == space.index_of(ideal)


def test_default_preferences_point_the_usual_way(east_china: Scenario) -> None:
    """Jinling declares a value table for service alone ("basic service is enough"): more
    discount, volume, payment days and faster delivery are each better for it by default."""
    space = OutcomeSpace(east_china.negotiation)
    u = customer_utilities(space, _account(east_china, "jinling-mfg"))
    assert _u(space, u, price=0.2) > _u(space, u, price=0.1) > _u(space, u, price=0.0)
    assert _u(space, u, volume=1.0) > _u(space, u, volume=0.5)
    assert _u(space, u, delivery_weeks=2) > _u(space, u, delivery_weeks=8)
    assert _u(space, u, payment_days=90) > _u(space, u, payment_days=0)
    assert _u(space, u, service="basic") > _u(space, u, service="premium")  # as it declares


def test_declared_value_tables_override_the_defaults(east_china: Scenario) -> None:
    """Ningbo port values standard service above premium, as its scenario says."""
    space = OutcomeSpace(east_china.negotiation)
    u = customer_utilities(space, _account(east_china, "ningbo-port"))
    assert (
        _u(space, u, service="standard")
        > _u(space, u, service="premium")
        > _u(space, u, service="basic")
    )


def test_an_issue_without_weight_does_not_matter(variant: Callable[..., Scenario]) -> None:
    s = variant("hx-bank", weights={"price": 2.0, "service": 2.0})
    space = OutcomeSpace(s.negotiation)
    u = customer_utilities(space, _account(s, "hx-bank"))
    assert _u(space, u, volume=0.5) == _u(space, u, volume=1.0)
    assert _u(space, u, price=0.25, service="premium") == pytest.approx(1.0)  # weights normalised


def test_a_rival_bid_between_the_options_is_valued_between_them(east_china: Scenario) -> None:
    space = OutcomeSpace(east_china.negotiation)
    account = _account(east_china, "hx-bank")
    low, high = (
        offer_utility(space, account, BASE),
        offer_utility(space, account, {**BASE, "price": 0.15}),
    )
    middle = offer_utility(space, account, {**BASE, "price": 0.125})
    assert low < middle < high
    assert middle == pytest.approx((low + high) / 2)


def test_profit_of_one_deal_worked_by_hand(east_china: Scenario) -> None:
    """hx-bank, 75% of 3,000 notebooks at 10% off 800, 4-week delivery (15/unit), standard
    service (20/unit), 60 days at 8% a year."""
    space = OutcomeSpace(east_china.negotiation)
    account = _account(east_china, "hx-bank")
    money = profit(space, east_china, account)[space.index_of({**BASE, "payment_days": 60})]
    units, price = 2250, 720.0
    expected = units * (price - 520 - 15 - 20) - price * units * 0.08 * 60 / 365
    assert money == pytest.approx(expected)


def test_seller_utility_is_profit_rescaled_with_walking_away_at_rv(east_china: Scenario) -> None:
    space = OutcomeSpace(east_china.negotiation)
    for account in east_china.key_accounts:
        money = profit(space, east_china, account)
        u = seller_utilities(space, east_china, account)
        rv = seller_rv(space, east_china, account)
        assert u.max() == pytest.approx(1.0) and u.min() >= 0
        assert int(np.argmax(u)) == int(np.argmax(money))
        # linear in profit: u = rv + (1 - rv) * profit / max_profit
        assert np.allclose(u, rv + (1 - rv) * money / money.max())
        losing = money < 0
        assert (u[losing] < rv).all() and (u[~losing] >= rv).all()


def test_training_costs_the_companys_share_of_list_price() -> None:
    """The fullest training option costs ``company.training_cost_share`` of the list price per
    unit, the options between proportionally less; a company that trains for free pays nothing."""
    from pathlib import Path

    from game.negotiation.utility import option_costs
    from game.scenario.loader import load_scenario

    scenario, _ = load_scenario(Path(__file__).resolve().parents[2] / "scenarios"
                                / "key-account-deals.yaml")
    space = OutcomeSpace(scenario.negotiation)
    n = len(space.options["training"])
    share = scenario.company.training_cost_share
    costs = option_costs(space, scenario, 1000.0)["training"]
    assert costs == pytest.approx(share * 1000.0 * np.arange(n) / (n - 1))
    free = scenario.model_copy(update={"company": scenario.company.model_copy(
        update={"training_cost_share": 0.0})})
    assert not option_costs(space, free, 1000.0)["training"].any()
