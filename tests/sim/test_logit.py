"""Multinomial logit: closed-form shares and sampling that reproduces them."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from game.sim.logit import choice_probabilities, sample_choices, sample_logit


def softmax_by_hand(row: list[float]) -> list[float]:
    weights = [float(np.exp(v)) for v in row]
    return [w / sum(weights) for w in weights]


def test_probabilities_are_exp_v_over_the_sum() -> None:
    V = np.array([[0.0, 1.0, -2.0], [0.5, 0.5, 0.5], [3.0, -1.0, 0.2]])
    P = choice_probabilities(V)
    for row, probs in zip(V.tolist(), P, strict=True):
        np.testing.assert_allclose(probs, softmax_by_hand(row), rtol=1e-12)


def test_huge_utilities_stay_finite() -> None:
    P = choice_probabilities(np.array([[1000.0, 999.0], [-1000.0, -1001.0]]))
    expected = 1 / (1 + np.exp(-1.0))
    np.testing.assert_allclose(P[:, 0], [expected, expected], rtol=1e-12)


def test_unavailable_vendor_gets_nothing_and_is_never_chosen() -> None:
    V = np.tile([0.0, -np.inf, 0.5], (20_000, 1))
    P = choice_probabilities(V)
    assert np.all(P[:, 1] == 0)
    choices = sample_choices(P, np.random.default_rng(1))
    assert not np.any(choices == 1)


def test_row_without_any_vendor_chooses_none() -> None:
    V = np.array([[-np.inf, -np.inf], [0.0, 0.0]])
    P = choice_probabilities(V)
    assert P[0].tolist() == [0.0, 0.0]
    choices = sample_choices(P, np.random.default_rng(2))
    assert choices[0] == -1
    assert choices[1] in (0, 1)


def test_the_callers_utilities_are_left_alone() -> None:
    V = np.array([[1.0, 2.0, 3.0], [0.0, -1.0, 4.0]])
    W = np.asfortranarray(V)  # its transpose is contiguous: the layout used internally
    choice_probabilities(V)
    choice_probabilities(W)
    np.testing.assert_array_equal(V, [[1.0, 2.0, 3.0], [0.0, -1.0, 4.0]])
    np.testing.assert_array_equal(W, V)


def test_sampled_shares_match_the_probabilities() -> None:
    """Many identical buyers: each vendor's empirical share within 4 standard errors."""
    n = 200_000
    V = np.tile([0.3, -0.4, 1.1, 0.0], (n, 1))
    P = choice_probabilities(V)
    choices = sample_choices(P, np.random.default_rng(3))
    shares = np.bincount(choices, minlength=4) / n
    p = P[0]
    se = np.sqrt(p * (1 - p) / n)
    assert np.all(np.abs(shares - p) < 4 * se), (shares, p)


def test_one_uniform_per_row_so_the_stream_advances_by_rows_only() -> None:
    rng_a, rng_b = np.random.default_rng(4), np.random.default_rng(4)
    sample_choices(np.full((10, 3), 1 / 3), rng_a)
    sample_choices(np.full((10, 7), 1 / 7), rng_b)
    assert rng_a.random() == rng_b.random()


@settings(max_examples=60, deadline=None)
@given(
    arrays(
        np.float64, st.tuples(st.integers(1, 20), st.integers(1, 6)), elements=st.floats(-50, 50)
    ),
    st.floats(-100, 100),
)
def test_probabilities_sum_to_one_and_ignore_a_common_shift(V: np.ndarray, shift: float) -> None:
    P = choice_probabilities(V)
    np.testing.assert_allclose(P.sum(axis=1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(choice_probabilities(V + shift), P, atol=1e-9)
    choices = sample_choices(P, np.random.default_rng(0))
    assert np.all((choices >= 0) & (choices < V.shape[1]))


# --------------------------------------------------------------------------- fused sampler


def test_sample_logit_matches_the_closed_form() -> None:
    """Utilities as vendors x buyers: each vendor's share within 4 standard errors of softmax."""
    n = 200_000
    row = [0.3, -0.4, 1.1, 0.0]
    p = np.array(softmax_by_hand(row))
    choices = sample_logit(np.tile(np.array(row)[:, None], (1, n)), np.random.default_rng(5))
    shares = np.bincount(choices, minlength=4) / n
    se = np.sqrt(p * (1 - p) / n)
    assert np.all(np.abs(shares - p) < 4 * se), (shares, p)


def test_sample_logit_never_picks_an_unavailable_vendor_and_none_without_vendors() -> None:
    Vt = np.tile(np.array([[0.0], [-np.inf], [0.5]]), (1, 20_000))
    Vt[:, :3] = -np.inf  # three buyers without any vendor
    choices = sample_logit(Vt, np.random.default_rng(6))
    assert choices[:3].tolist() == [-1, -1, -1]
    assert set(np.unique(choices[3:]).tolist()) == {0, 2}


def test_sample_logit_uses_one_uniform_per_buyer_and_huge_utilities() -> None:
    rng_a, rng_b = np.random.default_rng(7), np.random.default_rng(7)
    choices = sample_logit(np.array([[1000.0, -1000.0], [999.0, -1001.0]]), rng_a)
    sample_logit(np.zeros((7, 2)), rng_b)
    assert rng_a.random() == rng_b.random()
    assert set(choices.tolist()) <= {0, 1}
