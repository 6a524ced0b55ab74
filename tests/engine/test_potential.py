"""A segment's potential against the buyers' choice model it stands for: the change of our revenue
when what buyers think of us lifts a little, found by finite differences of the logit shares."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine.potential import potentials, segment_potential


def _our_revenue(utilities: np.ndarray, buyers: float, spend: float) -> float:
    """Our revenue in a segment whose buyers pick a vendor by logit (we are vendor 0)."""
    weights = np.exp(utilities - utilities.max())
    return float(buyers * spend * weights[0] / weights.sum())


@given(
    utilities=st.lists(st.floats(-3.0, 3.0), min_size=2, max_size=5),
    buyers=st.floats(10.0, 1e5),
    spend=st.floats(1.0, 1e4),
)
def test_potential_is_what_a_small_lift_in_our_standing_earns(utilities, buyers, spend):
    u = np.array(utilities, dtype=float)
    revenue = _our_revenue(u, buyers, spend)
    weights = np.exp(u - u.max())
    ours = buyers * weights[0] / weights.sum()
    h = 1e-5
    lifted = u.copy()
    lifted[0] += h
    dropped = u.copy()
    dropped[0] -= h
    slope = (_our_revenue(lifted, buyers, spend) - _our_revenue(dropped, buyers, spend)) / (2 * h)
    assert segment_potential(revenue, ours, buyers) == pytest.approx(slope, rel=1e-5, abs=1e-6)


def test_no_buyers_or_no_revenue_is_no_potential_and_a_full_share_none_left():
    assert segment_potential(1000.0, 10, 0) == 0.0
    assert segment_potential(0.0, 0, 500) == 0.0
    assert segment_potential(1000.0, 500, 500) == 0.0
    assert segment_potential(1000.0, 600, 500) == 0.0  # more counted than the brief's buyers


def test_potentials_read_figures_as_the_log_or_the_view_carries_them():
    class Figures:
        def __init__(self, customers: int, revenue: float) -> None:
            self.customers, self.revenue = customers, revenue

    segments = [("a", 0.75), ("b", 0.25)]
    from_log = potentials(1000, segments, {"a": {"customers": 375, "revenue": 900.0}})
    from_view = potentials(1000, segments, {"a": Figures(375, 900.0)})
    assert from_log == from_view == {"a": 450.0, "b": 0.0}  # b: no figure, nothing earned
