"""Metrics of a finished negotiation, on hand-made cases."""

from __future__ import annotations

import numpy as np
import pytest

from game.negotiation.metrics import (
    SELLER_METRICS,
    advantage,
    negotiation_metrics,
    question_quality,
    seller_metrics,
)
from game.negotiation.moves import estimated_values
from game.negotiation.pareto import nash_point, pareto_frontier
from game.negotiation.space import OutcomeSpace
from game.scenario.models import Scenario


def test_advantage_is_zero_at_rv_and_one_at_best() -> None:
    assert advantage(0.3, 0.3, 1.0) == 0.0
    assert advantage(1.0, 0.3, 1.0) == 1.0
    assert advantage(0.65, 0.3, 1.0) == pytest.approx(0.5)
    assert advantage(0.2, 0.3, 1.0) < 0  # a deal worse than walking away


def test_concessions_shrank_and_trade_share_follow_the_rules_of_moves(
    east_china: Scenario,
) -> None:
    space = OutcomeSpace(east_china.negotiation)
    base = {
        "price": 0.0,
        "volume": 1.0,
        "delivery_weeks": 4,
        "payment_days": 30,
        "service": "standard",
    }
    offers = [
        space.index_of(base),
        space.index_of({**base, "price": 0.05}),  # price only
        # premium service for longer delivery: gives on one term, takes on another
        space.index_of({**base, "price": 0.05, "service": "premium", "delivery_weeks": 6}),
    ]
    u_s = np.zeros(space.n_outcomes)
    u_s[offers] = [1.0, 0.8, 0.75]  # concessions 0.2 then 0.05: shrinking
    metrics = negotiation_metrics(
        space=space,
        status="agreed",
        u_seller=u_s,
        u_customer=np.zeros(space.n_outcomes),
        rv_seller=0.0,
        rv_customer=0.0,
        agreement=offers[-1],
        trainee_offers=offers,
        customer_values=estimated_values(space),  # the usual direction: premium service is more
        frontier=np.array([offers[0]]),
        nash=None,
        weight_estimate=None,
        true_weights={"price": 1.0},
        trust_end=0.5,
    )
    assert metrics["concessions_shrank"] is True
    assert metrics["concession_rate"] == pytest.approx(0.125)
    assert metrics["trade_share"] == pytest.approx(0.5)  # one trade in two moves


def test_the_seller_metrics_need_nothing_of_the_customer() -> None:
    u_s = np.array([0.2, 0.6, 1.0])
    got = seller_metrics(
        status="agreed", u_seller=u_s, rv_seller=0.2, agreement=1, trainee_offers=[2, 1]
    )
    assert tuple(got) == SELLER_METRICS
    assert got["value_claimed"] == pytest.approx(0.5)  # (0.6 - 0.2) / (1.0 - 0.2)
    assert got["anchor_to_final"] == pytest.approx(0.4)
    assert got["concessions_shrank"] is None  # one concession cannot shrink


def test_question_quality_is_one_minus_weight_error() -> None:
    true = {"price": 0.5, "service": 0.5}
    assert question_quality(None, true) == 0.0
    assert question_quality({"price": 0.5, "service": 0.5}, true) == 1.0
    assert question_quality({"price": 0.7, "service": 0.3}, true) == pytest.approx(0.8)


def test_a_deal_on_the_frontier_has_zero_distance(east_china: Scenario) -> None:
    space = OutcomeSpace(east_china.negotiation)
    rng = np.random.default_rng(0)
    u_s, u_c = rng.random(space.n_outcomes), rng.random(space.n_outcomes)
    frontier = pareto_frontier(u_s, u_c)
    nash = nash_point(u_s, u_c, 0.2, 0.2)
    common = {
        "space": space,
        "status": "agreed",
        "u_seller": u_s,
        "u_customer": u_c,
        "rv_seller": 0.2,
        "rv_customer": 0.2,
        "trainee_offers": [0, 1, int(frontier[0])],
        "customer_values": estimated_values(space),
        "frontier": frontier,
        "nash": nash,
        "weight_estimate": None,
        "true_weights": {"price": 1.0},
        "trust_end": 0.5,
    }
    on = negotiation_metrics(agreement=int(frontier[0]), **common)
    assert on["distance_to_frontier"] == 0.0 and on["agreement"] is True and on["rounds"] == 3
    at_nash = negotiation_metrics(agreement=nash, **common)
    assert at_nash["distance_to_nash"] == 0.0
    none = negotiation_metrics(agreement=None, **{**common, "status": "trainee_walked"})
    assert none["value_claimed"] == 0.0 and none["u_seller"] == 0.2 and none["u_customer"] == 0.2
