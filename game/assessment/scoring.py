"""From indicator values to levels, and from levels to competency scores.

An indicator's value (0..1) maps to a level 1..L at its cut points (default: the nearest level,
1 + round(value (L - 1))). A competency's score is S = sum w (level - 1) / (L - 1) / sum w over
its applicable indicators, and its level is the nearest level to S. A rubric that scores from
values puts the unrounded position of each value on the scale in place of its level. w is the
rubric's weight, scaled by the evidence behind the indicator in that game where the rubric says
so (``counted_weight``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from game.assessment.indicators import IndicatorResult
from game.assessment.rubric import IndicatorSpec, Words
from game.text.counted import counted

DIGITS = 6


def default_cuts(levels: int) -> list[float]:
    """Where levels 2..L begin when a value is rounded to the nearest level."""
    return [(k - 0.5) / (levels - 1) for k in range(1, levels)]


def level_of(value: float, levels: int, cuts: Sequence[float] | None = None) -> int:
    edges = default_cuts(levels) if cuts is None else list(cuts)
    return 1 + sum(1 for edge in edges if value >= edge - 1e-12)


def position(value: float, levels: int, cuts: Sequence[float] | None = None) -> float:
    """What ``value`` earns on the level scale, 0..1, without rounding: 0 while it stays at
    level 1 (the behaviour not shown: a little chance above nothing is no credit), above that
    where it sits, linear between the cut points, which sit half-way between levels, so that
    the nearest level to the position is ``level_of(value)`` (with even cuts the position is
    the value itself from the first cut on)."""
    edges = default_cuts(levels) if cuts is None else list(cuts)
    if level_of(value, levels, edges) == 1:
        return 0.0
    knots = [0.0, *edges, 1.0]
    marks = [0.0, *((k - 0.5) / (levels - 1) for k in range(1, levels)), 1.0]
    v = min(1.0, max(0.0, value))
    return float(np.interp(v, knots, marks))


def counted_weight(weight: float, occasions: int, half_weight_occasions: float) -> float:
    """What an indicator with ``weight`` counts in a game where it judged ``occasions``:
    weight x n / (n + k), k the occasions at which it counts half (0: the whole weight). An
    indicator that applied rests on one occasion at least."""
    if half_weight_occasions <= 0:
        return weight
    n = max(1, occasions)
    return round(weight * n / (n + half_weight_occasions), DIGITS)


def counted_less(weight: float, counted: float | None) -> bool:
    """Whether an indicator counted visibly less than its weight (it shows at two decimals):
    what the debrief, the text report and the HR report then say. None (a record scored before
    evidence weighting, or an indicator that did not apply): no."""
    return counted is not None and weight - float(counted) >= 0.005


def rollup(graded: Sequence[tuple[float, float]], levels: int) -> float | None:
    """S from (level, weight) pairs; None when there are none. A level may be fractional
    (``1 + position * (L - 1)``, when a rubric scores from values)."""
    total = sum(w for _, w in graded)
    if not graded or total <= 0:
        return None
    return round(sum(w * (lvl - 1) / (levels - 1) for lvl, w in graded) / total, DIGITS)


def level_for_score(score: float, levels: int) -> int:
    return 1 + int(math.floor(score * (levels - 1) + 0.5 + 1e-12))


def explanation(spec: IndicatorSpec, result: IndicatorResult) -> Words:
    """The rubric's words for this result, filled with its facts."""
    template = spec.explain if result.value is not None else spec.not_applicable
    return Words(en=counted(template.en, **result.facts), zh=counted(template.zh, **result.facts))
