"""The lab's statistics against hand computations and a published example."""

from __future__ import annotations

import math

import numpy as np
import pytest

from game.assessment.stats import auc, hedges_g, icc, mean_sd


def test_hedges_g_is_the_pooled_standardised_difference_with_the_small_sample_correction():
    lower, upper = [1.0, 2.0, 3.0], [3.0, 4.0, 5.0]
    # means 2 and 4, both SD 1, pooled SD 1, d = 2, J = 1 - 3 / (4 * 6 - 9) = 0.8
    assert hedges_g(lower, upper) == pytest.approx(1.6)
    assert hedges_g(upper, lower) == pytest.approx(-1.6)


def test_hedges_g_without_spread():
    assert hedges_g([0.0, 0.0], [1.0, 1.0]) == math.inf
    assert hedges_g([1.0, 1.0], [1.0, 1.0]) == 0.0


def test_auc_is_the_mann_whitney_probability_with_ties_as_halves():
    assert auc([1, 2], [3, 4]) == 1.0
    assert auc([3, 4], [1, 2]) == 0.0
    # pairs (lower, upper): (1,2) win, (1,3) win, (2,2) tie, (2,3) win -> 3.5 / 4
    assert auc([1, 2], [2, 3]) == pytest.approx(0.875)


def test_icc_matches_shrout_and_fleiss():
    # Shrout & Fleiss (1979), table 2: six targets rated by four judges.
    ratings = np.array(
        [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]
    )
    assert icc(ratings, "2,1") == pytest.approx(0.29, abs=0.005)
    assert icc(ratings, "3,1") == pytest.approx(0.71, abs=0.005)


def test_icc_of_perfect_agreement_is_one():
    x = np.array([[0.1, 0.1], [0.5, 0.5], [0.9, 0.9]])
    assert icc(x, "2,1") == pytest.approx(1.0)
    with pytest.raises(ValueError):
        icc(x, "1,1")


def test_mean_sd_uses_the_sample_sd():
    assert mean_sd([1.0, 2.0, 3.0]) == (2.0, 1.0)


def test_float_rounding_is_not_spread():
    same = [0.1 + 0.2, 0.3] * 5  # equal on paper, one ulp apart in floats
    assert np.std(same) > 0
    assert hedges_g([0.0] * 10, same) == math.inf


def test_the_paired_effect_size_is_the_mean_difference_over_its_sd() -> None:
    import math

    from game.assessment.stats import paired_d

    diffs = [1.0, 2.0, 3.0, 6.0]  # mean 3, sample SD sqrt(14/3)
    assert paired_d(diffs) == pytest.approx(3.0 / math.sqrt(14.0 / 3.0))
    assert paired_d([2.0, 2.0]) == math.inf and paired_d([0.0, 0.0]) == 0.0
    assert math.isnan(paired_d([1.0]))
