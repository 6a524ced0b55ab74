"""Pareto frontier, Nash bargaining point and distance to the frontier over a finite space."""

from __future__ import annotations

import numpy as np


def pareto_frontier(u_a: np.ndarray, u_b: np.ndarray) -> np.ndarray:
    """Indices (ascending) of the outcomes no other outcome dominates; exact, O(n log n).

    An outcome is dominated when another is at least as good for both sides and strictly better
    for one. Outcomes with identical utilities do not dominate each other, so all are kept.
    """
    a = np.asarray(u_a, dtype=float)
    b = np.asarray(u_b, dtype=float)
    if a.shape != b.shape or a.ndim != 1:
        raise ValueError("u_a and u_b must be 1-d arrays of the same length")
    if a.size == 0:
        return np.zeros(0, dtype=np.int64)
    order = np.lexsort((-b, -a))  # by a descending, then b descending
    a_s, b_s = a[order], b[order]
    new_group = np.r_[True, a_s[1:] != a_s[:-1]]
    group = np.cumsum(new_group) - 1
    group_max_b = b_s[new_group]  # the first of each group has the group's largest b
    best_before = np.r_[-np.inf, np.maximum.accumulate(group_max_b)[:-1]]
    # kept: the group's best points, if no outcome with a strictly larger a has as large a b
    kept = (group_max_b > best_before)[group] & (b_s == group_max_b[group])
    return np.sort(order[kept]).astype(np.int64)


def nash_point(u_a: np.ndarray, u_b: np.ndarray, rv_a: float, rv_b: float) -> int | None:
    """The outcome maximising (u_a - rv_a)(u_b - rv_b) among those both prefer to no deal.

    None when no outcome beats both reservation values (no zone of agreement); ties go to the
    lowest index.
    """
    a = np.asarray(u_a, dtype=float) - rv_a
    b = np.asarray(u_b, dtype=float) - rv_b
    zone = (a > 0) & (b > 0)
    if not zone.any():
        return None
    product = np.where(zone, a * b, -np.inf)
    return int(np.argmax(product))


def distance_to_frontier(
    point: tuple[float, float] | np.ndarray, frontier_points: np.ndarray
) -> float:
    """Euclidean distance from ``point`` (u_a, u_b) to the nearest of ``frontier_points``."""
    pts = np.asarray(frontier_points, dtype=float).reshape(-1, 2)
    if pts.shape[0] == 0:
        raise ValueError("the frontier has no points")
    p = np.asarray(point, dtype=float).reshape(2)
    return float(np.min(np.hypot(pts[:, 0] - p[0], pts[:, 1] - p[1])))
