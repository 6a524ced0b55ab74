"""The lab's statistics against hand computations and a published example."""

from __future__ import annotations

import math

import numpy as np
import pytest

from game.assessment.stats import (
    auc,
    error_curve,
    half_weight_occasions,
    hedges_g,
    icc,
    lengthening,
    mean_sd,
    nonnegative_least_squares,
    spearman_brown,
)


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


def test_the_bootstrap_interval_covers_a_known_icc_about_95_times_in_100() -> None:
    """Trainees with a true score of variance rho and a game's luck of variance 1 - rho have
    ICC(2,1) = rho; over many such studies the 95 % interval holds rho in about 95 of 100
    (percentile intervals run a little short on 100 trainees; the tolerance is four binomial
    standard errors over the studies)."""
    from game.assessment.stats import bootstrap_interval

    rho, trainees, studies = 0.75, 100, 150
    rng = np.random.default_rng(2)
    covered = 0
    for _ in range(studies):
        true = rng.normal(0, math.sqrt(rho), size=(trainees, 1))
        m = true + rng.normal(0, math.sqrt(1 - rho), size=(trainees, 2))
        low, high = bootstrap_interval(lambda idx, m=m: icc(m[idx]), trainees, rng, reps=400)
        assert low <= icc(m) <= high
        covered += low <= rho <= high
    assert abs(covered / studies - 0.95) < 4 * math.sqrt(0.95 * 0.05 / studies)


def test_the_bootstrap_interval_is_reproducible_and_needs_units() -> None:
    from game.assessment.stats import bootstrap_interval

    x = np.arange(30, dtype=float)
    mean = lambda idx: float(x[idx].mean())  # noqa: E731
    a = bootstrap_interval(mean, 30, np.random.default_rng(4))
    assert a == bootstrap_interval(mean, 30, np.random.default_rng(4))
    assert a is not None and a[0] < 14.5 < a[1]
    # the mean of 30 draws has SE sd / sqrt(30); the interval spans about 2 x 1.96 of it
    assert (a[1] - a[0]) == pytest.approx(2 * 1.96 * x.std() / math.sqrt(30), rel=0.15)
    assert bootstrap_interval(mean, 1, np.random.default_rng(4)) is None
    assert bootstrap_interval(lambda idx: math.nan, 30, np.random.default_rng(4)) is None


def test_the_spearman_brown_prophecy_matches_averaged_parallel_occasions() -> None:
    # true score T ~ N(0, 1), each occasion T + e with e ~ N(0, s^2): one occasion's reliability
    # is 1 / (1 + s^2); the mean of m occasions has 1 / (1 + s^2 / m), the prophecy's figure
    rng = np.random.default_rng(11)
    n, s2 = 4000, 1.5
    one = 1.0 / (1.0 + s2)
    truth = rng.normal(size=(n, 1))
    for m in (1, 3, 6):
        games = truth + rng.normal(0.0, math.sqrt(s2), size=(n, 2, m)).mean(axis=2)
        found = icc(games)
        assert spearman_brown(one, m) == pytest.approx(1.0 / (1.0 + s2 / m), abs=1e-12)
        # the ICC of n subjects sits within 4 SE of its truth: SE ~ (1 - r^2) / sqrt(n)
        assert abs(found - spearman_brown(one, m)) < 4 * (1 - found**2) / math.sqrt(n)


def test_the_half_weight_found_from_a_games_reliability_is_one_occasions_noise() -> None:
    # one occasion is T + e, e ~ N(0, s^2) with T ~ N(0, 1): its reliability is 1 / (1 + s^2),
    # so evidence weighting's k (n occasions count n / (n + k)) is s^2; recovered from the ICC
    # of games that each average m occasions, as the validity study recovers it
    rng = np.random.default_rng(12)
    n = 4000
    for s2, m in ((1.5, 4), (6.0, 2), (0.5, 8)):
        truth = rng.normal(size=(n, 1))
        games = truth + rng.normal(0.0, math.sqrt(s2), size=(n, 2, m)).mean(axis=2)
        r = icc(games)
        found = half_weight_occasions(r, m)
        assert found is not None
        # k = m (1 - r) / r moves by m / r^2 per unit of r; r within 4 SE ~ 4 (1 - r^2) / sqrt(n)
        assert abs(found - s2) < 4 * (1 - r**2) / math.sqrt(n) * m / r**2, (s2, m, found)
        # and the weight it gives m occasions is the reliability of their mean
        assert m / (m + s2) == pytest.approx(spearman_brown(1.0 / (1.0 + s2), m), abs=1e-12)
    assert half_weight_occasions(math.nan, 3) is None
    assert half_weight_occasions(-0.1, 3) is None
    assert half_weight_occasions(0.5, 0) is None
    assert half_weight_occasions(1.0, 3) == 0.0


def test_lengthening_is_the_factor_the_prophecy_needs() -> None:
    for r in (0.3, 0.55, 0.74):
        m = lengthening(r, 0.75)
        assert m > 1.0
        assert spearman_brown(r, m) == pytest.approx(0.75, abs=1e-12)
    assert lengthening(0.9, 0.75) < 1.0  # already there: less evidence would do
    assert math.isinf(lengthening(0.0, 0.75))


def test_nonnegative_least_squares_meets_the_optimality_conditions() -> None:
    """Karush-Kuhn-Tucker, an independent check of optimality: at the fit, the gradient of the
    squared error is 0 on the intercept and on every positive weight, and not negative on a
    weight held at 0 (lowering it below 0 is what would help)."""
    rng = np.random.default_rng(4)
    for _ in range(40):
        n, k = 60, int(rng.integers(2, 7))
        x = np.c_[np.ones(n), rng.uniform(size=(n, k))]
        y = x[:, 1:] @ rng.normal(0, 2, size=k) + rng.normal(0, 0.5, size=n)
        w = nonnegative_least_squares(x, y)
        assert np.all(w[1:] >= 0.0)
        gradient = x.T @ (x @ w - y)
        scale = 1e-7 * max(1.0, float(np.abs(x.T @ y).max()))
        assert abs(gradient[0]) < scale
        assert np.all(np.abs(gradient[1:][w[1:] > 0]) < scale)
        assert np.all(gradient[1:][w[1:] == 0] > -scale)


def test_nonnegative_least_squares_is_least_squares_when_every_weight_is_positive() -> None:
    rng = np.random.default_rng(9)
    x = np.c_[np.ones(50), rng.uniform(size=(50, 3))]
    y = x @ np.array([1.0, 2.0, 0.5, 3.0]) + rng.normal(0, 0.01, size=50)
    plain, *_ = np.linalg.lstsq(x, y, rcond=None)
    assert nonnegative_least_squares(x, y) == pytest.approx(plain)


def test_the_error_curve_recovers_how_one_game_s_error_shrinks_with_its_evidence() -> None:
    """Pairs of games of one person, each score its skill plus an error of variance a + b/n on
    n occasions: the fit finds a and b within four standard errors. A squared difference of
    two normal errors has variance 2 E[d^2]^2, so the least-squares errors are those of that
    heteroscedastic fit (sandwich form), computed here from the design itself."""
    a, b = 0.004, 0.12
    rng = np.random.default_rng(21)
    pairs = 4000
    n1, n2 = rng.integers(2, 16, size=pairs), rng.integers(2, 16, size=pairs)
    x1 = rng.normal(0, np.sqrt(a + b / n1))
    x2 = rng.normal(0, np.sqrt(a + b / n2))
    inverse = 1 / n1 + 1 / n2
    fit = error_curve((x1 - x2) ** 2, inverse)
    design = np.c_[np.full(pairs, 2.0), inverse]
    expected = 2 * a + b * inverse
    bread = np.linalg.inv(design.T @ design)
    meat = design.T @ (design * (2 * expected**2)[:, None])
    se = np.sqrt(np.diag(bread @ meat @ bread))
    assert abs(fit[0] - a) < 4 * se[0] and abs(fit[1] - b) < 4 * se[1]
    assert se[1] < b / 4  # the test can tell b from nothing


def test_the_error_curve_cannot_split_an_error_that_every_game_shares_evenly() -> None:
    # every game on 6 occasions: nothing tells a from b, so it is all a, the mean half square
    squared = [0.01, 0.04, 0.0, 0.09]
    assert error_curve(squared, [1 / 3] * 4) == pytest.approx((0.0175, 0.0))
    # an error that grows with evidence is not what the curve describes: b stays at 0
    a, b = error_curve([0.0, 0.0, 0.2, 0.2], [2 / 3, 2 / 3, 1 / 6, 1 / 6])
    assert b == 0.0 and a == pytest.approx(0.05)
    assert all(math.isnan(v) for v in error_curve([], []))
