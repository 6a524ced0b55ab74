"""Stock (CW-21) against the newsvendor's closed forms: with demand D ~ N(mu, sigma) over a round
and q units in stock, a stock-out happens with probability 1 - Phi(z), z = (q - mu) / sigma, and
the expected units short are sigma * L(z), L(z) = phi(z) - z (1 - Phi(z))."""

from __future__ import annotations

import math

import numpy as np
import pytest

from game.sim.stock import StockLedger

WEEKS = 13
WEEKLY_MEAN, WEEKLY_SD = 100.0, 30.0


def _phi(z: float) -> float:
    return math.exp(-z * z / 2) / math.sqrt(2 * math.pi)


def _Phi(z: float) -> float:
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


def _round(q: float, demand: np.ndarray) -> tuple[bool, float]:
    """One round from ``q`` units: (stocked out?, units short)."""
    ledger = StockLedger({"notebook": 500.0})
    ledger.receive("notebook", q)
    short = 0.0
    for d in demand:
        got = ledger.take("notebook", float(d))
        short += float(d) - got
    return short > 1e-9, short


@pytest.mark.parametrize("z", [-0.5, 0.0, 0.8, 1.5])
def test_stock_out_chance_and_units_short_follow_the_newsvendor(z: float) -> None:
    mu, sigma = WEEKS * WEEKLY_MEAN, math.sqrt(WEEKS) * WEEKLY_SD
    q = mu + z * sigma
    rng = np.random.default_rng(11)
    n = 4000
    outs, shorts = [], []
    for _ in range(n):
        demand = np.maximum(0.0, rng.normal(WEEKLY_MEAN, WEEKLY_SD, WEEKS))
        out, short = _round(q, demand)
        outs.append(out)
        shorts.append(short)
    p = 1 - _Phi(z)
    assert abs(np.mean(outs) - p) < 4 * math.sqrt(p * (1 - p) / n)
    expected_short = sigma * (_phi(z) - z * (1 - _Phi(z)))
    se = np.std(shorts, ddof=1) / math.sqrt(n)
    assert abs(np.mean(shorts) - expected_short) < 4 * se + 0.5  # weekly demand floored at 0


def test_order_up_to_tops_up_to_the_wanted_units() -> None:
    ledger = StockLedger({"a": 10.0, "b": 20.0})
    ledger.receive("a", 30)
    ordered = ledger.order_up_to({"a": 100, "b": 5})
    assert ordered == {"a": 70.0, "b": 5.0}
    assert ledger.on_hand == {"a": 100.0, "b": 5.0}
    assert ledger.order_up_to({"a": 50, "b": 5}) == {"a": 0.0, "b": 0.0}  # never sells back


def test_holding_cost_and_write_down_value_stock_at_unit_cost() -> None:
    ledger = StockLedger({"a": 10.0, "b": 20.0})
    ledger.receive("a", 100)
    ledger.receive("b", 50)
    assert ledger.holding_cost(0.004) == pytest.approx((100 * 10 + 50 * 20) * 0.004)
    lost, scrapped = ledger.write_down(0.15)
    assert lost == pytest.approx(0.15 * 2000)
    assert scrapped == pytest.approx({"a": 15.0, "b": 7.5})
    assert ledger.on_hand == pytest.approx({"a": 85.0, "b": 42.5})


def test_a_rush_order_arrives_in_its_week_and_not_before() -> None:
    ledger = StockLedger({"a": 10.0})
    ledger.order_rush("a", 40, arrives_week=5)
    assert ledger.rush_pending("a") and ledger.out("a")
    assert ledger.arrivals(4) == {}
    assert ledger.arrivals(5) == {"a": 40.0}
    assert not ledger.rush_pending("a") and ledger.on_hand["a"] == 40.0
