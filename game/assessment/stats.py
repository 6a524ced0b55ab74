"""The statistics of the validity lab: effect size, discrimination, test-retest reliability.

Hedges' g = d (1 - 3 / (4N - 9)) with d on the pooled SD; AUC = U / (n1 n2) (Mann-Whitney,
ties count half); ICC(2,1) (two-way random, absolute agreement, single measure) and ICC(3,1)
(two-way mixed, consistency) after Shrout & Fleiss (1979); percentile bootstrap intervals
(Efron & Tibshirani 1993, ch. 13) for the validity study's figures; the Spearman-Brown
prophecy (Brown 1910, Spearman 1910) of how much evidence a reliability needs; non-negative
least squares (Lawson & Hanson 1974 state the problem; here solved exactly by its supports) for
the weights a composite needs to follow profit.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

SPREAD_EPS = 1e-12


def mean_sd(xs: Sequence[float]) -> tuple[float, float]:
    """Mean and sample SD (ddof 1; 0 for fewer than two values)."""
    a = np.asarray(xs, dtype=float)
    if a.size == 0:
        return math.nan, math.nan
    return float(a.mean()), float(a.std(ddof=1)) if a.size > 1 else 0.0


def spearman_brown(reliability: float, factor: float) -> float:
    """The reliability of a measure ``factor`` times as long (``factor`` parallel parts averaged),
    from the reliability of one: m r / (1 + (m - 1) r)."""
    return factor * reliability / (1.0 + (factor - 1.0) * reliability)


def lengthening(reliability: float, target: float) -> float:
    """How many times the evidence a measure of ``reliability`` needs to reach ``target`` by the
    Spearman-Brown prophecy: target (1 - r) / (r (1 - target)); infinite at r <= 0."""
    if reliability <= 0.0:
        return math.inf
    return target * (1.0 - reliability) / (reliability * (1.0 - target))


def half_weight_occasions(reliability: float, occasions: float) -> float | None:
    """The k of evidence weighting (an indicator counts n / (n + k) of its weight on n
    occasions) that a measure of ``reliability`` over a mean of ``occasions`` implies: by
    Spearman-Brown one occasion repeats with r1 = r / (n - (n - 1) r), and k = (1 - r1) / r1,
    which is n (1 - r) / r. None where the reliability says nothing (NaN, or not above 0) or no
    occasion was judged."""
    if math.isnan(reliability) or reliability <= 0.0 or occasions <= 0.0:
        return None
    return occasions * max(0.0, 1.0 - reliability) / reliability


def paired_d(diffs: Sequence[float]) -> float:
    """Paired effect size d_z: the mean of paired differences over their SD. NaN for fewer than
    two pairs; infinite when the differences have no spread but a mean; 0 when nothing differs."""
    n = len(diffs)
    if n < 2:
        return math.nan
    mean = sum(diffs) / n
    sd = math.sqrt(sum((x - mean) ** 2 for x in diffs) / (n - 1))
    if sd <= SPREAD_EPS * max(1.0, abs(mean)):
        return 0.0 if abs(mean) <= SPREAD_EPS else math.copysign(math.inf, mean)
    return mean / sd


def hedges_g(lower: Sequence[float], upper: Sequence[float]) -> float:
    """Standardised difference upper - lower, small-sample corrected. Infinite when both groups
    have no spread but different means; 0 when nothing differs."""
    n1, n2 = len(lower), len(upper)
    if n1 < 2 or n2 < 2:
        return math.nan
    m1, s1 = mean_sd(lower)
    m2, s2 = mean_sd(upper)
    pooled = math.sqrt(((n1 - 1) * s1**2 + (n2 - 1) * s2**2) / (n1 + n2 - 2))
    diff = m2 - m1
    if pooled < SPREAD_EPS:  # no spread beyond float rounding
        return 0.0 if abs(diff) < SPREAD_EPS else math.copysign(math.inf, diff)
    return diff / pooled * (1.0 - 3.0 / (4.0 * (n1 + n2) - 9.0))


def auc(lower: Sequence[float], upper: Sequence[float]) -> float:
    """Probability that a score from ``upper`` exceeds one from ``lower`` (ties count half)."""
    a = np.asarray(lower, dtype=float)[:, None]
    b = np.asarray(upper, dtype=float)[None, :]
    if a.size == 0 or b.size == 0:
        return math.nan
    wins = (b > a).sum() + 0.5 * (b == a).sum()
    return float(wins) / (a.size * b.size)


def icc(scores: np.ndarray, kind: str = "2,1") -> float:
    """ICC of an n-subjects x k-occasions matrix: "2,1" (absolute agreement) or "3,1"
    (consistency)."""
    x = np.asarray(scores, dtype=float)
    n, k = x.shape
    if n < 2 or k < 2:
        return math.nan
    grand = x.mean()
    ss_rows = k * ((x.mean(axis=1) - grand) ** 2).sum()
    ss_cols = n * ((x.mean(axis=0) - grand) ** 2).sum()
    ss_err = ((x - grand) ** 2).sum() - ss_rows - ss_cols
    msr = ss_rows / (n - 1)
    msc = ss_cols / (k - 1)
    mse = ss_err / ((n - 1) * (k - 1))
    if kind == "3,1":
        denom = msr + (k - 1) * mse
    elif kind == "2,1":
        denom = msr + (k - 1) * mse + k * (msc - mse) / n
    else:
        raise ValueError(f"unknown ICC kind '{kind}' (use '2,1' or '3,1')")
    if denom <= 0:
        return math.nan
    return float((msr - mse) / denom)


BOOTSTRAP_REPS = 1000


def bootstrap_interval(statistic: Callable[[np.ndarray], float], n: int,
                       rng: np.random.Generator, reps: int = BOOTSTRAP_REPS,
                       level: float = 0.95) -> tuple[float, float] | None:
    """Percentile bootstrap interval of a statistic of ``n`` units: ``statistic`` gets the
    indices of a resample drawn with replacement. None with fewer than two units, or when fewer
    than half the resamples give a figure (NaN)."""
    if n < 2:
        return None
    draws = rng.integers(0, n, size=(reps, n))
    values = np.array([statistic(idx) for idx in draws], dtype=float)
    values = values[np.isfinite(values)]
    if values.size < reps / 2:
        return None
    tail = (1.0 - level) / 2.0
    low, high = np.quantile(values, [tail, 1.0 - tail])
    return float(low), float(high)


def nonnegative_least_squares(x: np.ndarray, y: np.ndarray, free: int = 1) -> np.ndarray:
    """Least squares of ``y`` on the columns of ``x`` with every coefficient after the first
    ``free`` (an intercept) at least 0. Exact: the optimum is the unconstrained fit on its own
    support, so the best fit among every support whose fit stays non-negative is it (2^k
    small fits for k constrained columns; a study has a handful)."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    k = x.shape[1] - free
    best, best_loss = np.zeros(x.shape[1]), math.inf
    for mask in range(1 << k):
        cols = [*range(free), *(free + j for j in range(k) if mask >> j & 1)]
        if not cols:
            loss = float(y @ y)
            if loss < best_loss:
                best, best_loss = np.zeros(x.shape[1]), loss
            continue
        coef, *_ = np.linalg.lstsq(x[:, cols], y, rcond=None)
        if np.any(coef[free:] < 0.0):
            continue
        residual = y - x[:, cols] @ coef
        loss = float(residual @ residual)
        if loss < best_loss:
            best = np.zeros(x.shape[1])
            best[cols] = coef
            best_loss = loss
    return best


def error_curve(squared_diffs: Sequence[float],
                inverse_occasions: Sequence[float]) -> tuple[float, float]:
    """(a, b) of a score's error variance ``a + b / n`` when its game gave it n occasions, from
    pairs of one person's games: the squared difference of the two scores and ``1/n1 + 1/n2``
    of each pair, since E[d^2] = 2a + b (1/n1 + 1/n2) (a shift between the games counts in a, as
    in an ICC of absolute agreement). Both at least 0; b is 0 where every pair had the same
    evidence, which cannot tell them apart. NaN without pairs."""
    y = np.asarray(squared_diffs, dtype=float)
    v = np.asarray(inverse_occasions, dtype=float)
    if y.size == 0:
        return math.nan, math.nan
    if float(np.ptp(v)) <= SPREAD_EPS * max(1.0, float(np.abs(v).max())):
        return float(y.mean() / 2.0), 0.0
    a, b = nonnegative_least_squares(np.column_stack([np.full(v.size, 2.0), v]), y, free=0)
    return float(a), float(b)


def error_on(base: float, per_occasion: float, occasions: float) -> float:
    """The SEM of one game's score on ``occasions`` occasions, by an ``error_curve``'s
    (base, per_occasion): sqrt(base + per_occasion / n)."""
    return math.sqrt(base + per_occasion / occasions)
