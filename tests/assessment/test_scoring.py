"""Levels and the roll-up formula S = sum w (level - 1) / (L - 1) / sum w."""

from __future__ import annotations

import pytest

from game.assessment.indicators import IndicatorResult
from game.assessment.scoring import default_cuts, level_for_score, level_of, rollup


def test_values_map_to_the_nearest_level_by_default():
    assert default_cuts(5) == [0.125, 0.375, 0.625, 0.875]
    assert [level_of(v, 5) for v in (0.0, 0.12, 0.13, 0.5, 0.62, 0.63, 1.0)] == [
        1,
        1,
        2,
        3,
        3,
        4,
        5,
    ]


def test_a_rubric_may_give_its_own_cut_points():
    assert level_of(0.5, 5, [0.1, 0.2, 0.3, 0.9]) == 4


def test_the_rollup_is_the_weighted_mean_of_rescaled_levels():
    assert rollup([(5, 2.0), (3, 1.0)], 5) == pytest.approx((2 * 1.0 + 1 * 0.5) / 3, abs=1e-6)
    assert rollup([(1, 1.0), (1, 3.0)], 5) == 0.0
    assert rollup([], 5) is None


def test_a_score_maps_back_to_the_nearest_level():
    assert [level_for_score(s, 5) for s in (0.0, 0.12, 0.13, 0.5, 0.875, 1.0)] == [1, 1, 2, 3, 5, 5]


def test_an_indicator_value_without_evidence_is_refused():
    with pytest.raises(ValueError, match="cite the events"):
        IndicatorResult(0.5, ())
    with pytest.raises(ValueError, match="0..1"):
        IndicatorResult(1.5, (1,))
    assert IndicatorResult(None, ()).value is None  # not applicable needs no evidence
