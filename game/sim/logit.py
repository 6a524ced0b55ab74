"""Multinomial logit: choice probabilities from utilities, and vectorised sampling of choices.

``choice_probabilities`` and ``sample_choices`` take (customers x vendors) arrays but work on the
transpose internally: numpy reduces a few long rows much faster than many rows of four or five
entries. ``sample_logit`` does both in one pass on utilities already laid out as vendors x
customers.
"""

from __future__ import annotations

import math

import numpy as np

# the lowest finite value per float type (by dtype.char): a floor for the utilities' maxima
_LOWEST = {"f": np.finfo(np.float32).min, "d": np.finfo(np.float64).min}


def logistic(x: float) -> float:
    """1 / (1 + e^-x), without overflow for any finite ``x`` (a trainer's coefficient can be huge)."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def choice_probabilities(V: np.ndarray) -> np.ndarray:
    """Row-wise softmax of utilities ``V`` (rows = customers, columns = vendors).

    ``-inf`` marks a vendor the customer cannot choose. Subtracting each row's maximum keeps the
    exponentials finite for any utility size. A row with no available vendor gets all zeros.
    """
    V = np.asarray(V, dtype=np.float64)
    if V.ndim != 2:
        raise ValueError(
            f"utilities must be a 2-d array (customers x vendors), got shape {V.shape}"
        )
    Vt = np.array(V.T, order="C")  # a copy, vendors x customers; the caller's V is untouched
    if Vt.shape[0] == 0:
        return np.zeros(V.shape)
    top = Vt.max(axis=0)
    top[~np.isfinite(top)] = 0.0
    Vt -= top
    np.exp(Vt, out=Vt)
    total = Vt.sum(axis=0)
    empty = total == 0
    total[empty] = 1.0
    Vt /= total
    return Vt.T


def sample_choices(P: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One choice per row of probabilities ``P`` by inverse CDF, using one uniform per row.

    Returns column indices (int64); a row whose probabilities are all zero gets -1. A column of
    probability zero is never chosen.
    """
    P = np.asarray(P, dtype=np.float64)
    if P.ndim != 2:
        raise ValueError(f"probabilities must be a 2-d array, got shape {P.shape}")
    n, k = P.shape
    u = rng.random(n)
    if k == 0:
        return np.full(n, -1, dtype=np.int64)
    C = np.array(P.T, order="C")  # vendors x customers, cumulated row by row below
    for j in range(1, k):  # a loop over the few vendors beats numpy's cumsum along axis 0
        C[j] += C[j - 1]
    total = C[-1]
    x = u * total  # below total whenever total > 0, so the last column is the furthest reach
    choice = (C <= x).sum(axis=0, dtype=np.int64)
    choice[total <= 0] = -1
    return choice


def sample_logit(Vt: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One choice per column of utilities ``Vt`` (vendors x choosers), one uniform per chooser.

    The same law as ``sample_choices(choice_probabilities(Vt.T), rng)`` without building the
    probabilities: ``Vt`` (float32 or float64, C-contiguous) is overwritten, and the work is
    done in its precision (float32: probabilities good to ~1e-7, twice as fast). ``-inf`` marks
    a vendor the chooser cannot choose; a column without any vendor gets -1. Returns int8 (so
    at most 127 vendors).
    """
    k, n = Vt.shape
    u = rng.random(n, dtype=Vt.dtype)
    if k == 0:
        return np.full(n, -1, dtype=np.int8)
    top = np.maximum.reduce(Vt, axis=0)
    np.maximum(top, _LOWEST[Vt.dtype.char], out=top)  # a column of -inf stays -inf, not nan
    Vt -= top
    np.exp(Vt, out=Vt)
    for j in range(1, k):  # cumulate over the few vendors
        Vt[j] += Vt[j - 1]
    total = Vt[-1]
    u *= total  # below total whenever total > 0, so the last column is the furthest reach
    choice = (Vt[:-1] <= u).sum(axis=0, dtype=np.int8)
    choice[total <= 0] = -1
    return choice
