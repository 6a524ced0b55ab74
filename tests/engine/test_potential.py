"""A segment's potential against the buyers' choice model it stands for: the change of our revenue
when what buyers think of us lifts a little, found by finite differences of the logit shares."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from game.engine.potential import best_split, potentials, segment_potential


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


def _earned(worth: list[float], shares: np.ndarray, response: float) -> float:
    return float(np.dot(worth, shares ** response))


@given(
    worth=st.lists(st.floats(0.0, 1e6), min_size=2, max_size=5),
    response=st.floats(0.2, 0.95),
    seed=st.integers(0, 2**32 - 1),
)
@example(worth=[0.0, 8e-248], response=0.5, seed=0)  # its square underflows to nothing
@example(worth=[1e200, 1e199], response=0.5, seed=0)  # its square overflows
def test_the_best_split_earns_at_least_any_other_split(worth, response, seed):
    split = best_split({str(k): w for k, w in enumerate(worth)}, response)
    shares = np.array([split[str(k)] for k in range(len(worth))])
    assert shares.sum() == pytest.approx(1.0) and (shares >= 0).all()
    others = np.random.default_rng(seed).dirichlet(np.ones(len(worth)), size=400)
    best = _earned(worth, shares, response)
    assert all(_earned(worth, o, response) <= best * (1 + 1e-9) + 1e-9 for o in others)
    assert best >= _earned(worth, np.full(len(worth), 1 / len(worth)), response) * (1 - 1e-9)


def test_the_best_split_is_the_potential_squared_at_the_default_response():
    split = best_split({"a": 3.0, "b": 1.0}, 0.5)
    assert split == pytest.approx({"a": 0.9, "b": 0.1})


def test_with_effort_counting_in_proportion_everything_goes_where_most_is_to_win():
    assert best_split({"a": 2.0, "b": 5.0, "c": 5.0}, 1.0) == {"a": 0.0, "b": 0.5, "c": 0.5}


def test_with_nothing_to_win_anywhere_the_best_split_is_even():
    assert best_split({"a": 0.0, "b": 0.0}, 0.5) == {"a": 0.5, "b": 0.5}
