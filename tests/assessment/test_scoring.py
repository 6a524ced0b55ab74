"""Levels, positions on the level scale and the roll-up formula
S = sum w (level - 1) / (L - 1) / sum w."""

from __future__ import annotations

import pytest

from game.assessment.indicators import IndicatorResult
from game.assessment.scoring import (
    counted_less,
    counted_weight,
    default_cuts,
    level_for_score,
    level_of,
    position,
    rollup,
)


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


def test_with_even_cuts_a_values_position_is_the_value_from_level_2_on():
    for v in (0.125, 0.37, 0.5, 0.99, 1.0):
        assert position(v, 5) == pytest.approx(v)
    for v in (0.0, 0.05, 0.124):  # level 1, the behaviour not shown: no credit for a little
        assert position(v, 5) == 0.0


def test_a_position_is_linear_between_the_cuts_and_rounds_to_the_level():
    cuts = [0.1, 0.2, 0.3, 0.9]  # level 2 from 0.1, 3 from 0.2, 4 from 0.3, 5 from 0.9
    # each cut sits half-way between two levels: 0.125, 0.375, 0.625, 0.875 on the scale
    assert [position(c, 5, cuts) for c in cuts] == pytest.approx([0.125, 0.375, 0.625, 0.875])
    assert position(0.6, 5, cuts) == pytest.approx(0.625 + 0.25 * 0.3 / 0.6)  # in 0.3..0.9
    assert position(0.05, 5, cuts) == 0.0  # below the first cut: level 1
    for k in range(101):
        v = k / 100
        assert 1 + round(position(v, 5, cuts) * 4 + 1e-9) == level_of(v, 5, cuts), v


def test_the_rollup_is_the_weighted_mean_of_rescaled_levels():
    assert rollup([(5, 2.0), (3, 1.0)], 5) == pytest.approx((2 * 1.0 + 1 * 0.5) / 3, abs=1e-6)
    assert rollup([(1, 1.0), (1, 3.0)], 5) == 0.0
    assert rollup([], 5) is None
    assert rollup([(4.2, 1.0), (2.0, 1.0)], 5) == pytest.approx((0.8 + 0.25) / 2)  # fractional


def test_a_score_maps_back_to_the_nearest_level():
    assert [level_for_score(s, 5) for s in (0.0, 0.12, 0.13, 0.5, 0.875, 1.0)] == [1, 1, 2, 3, 5, 5]


def test_an_indicator_value_without_evidence_is_refused():
    with pytest.raises(ValueError, match="cite the events"):
        IndicatorResult(0.5, ())
    with pytest.raises(ValueError, match="0..1"):
        IndicatorResult(1.5, (1,))
    assert IndicatorResult(None, ()).value is None  # not applicable needs no evidence


def test_evidence_weighting_counts_an_indicator_by_the_occasions_behind_it():
    # weight x n / (n + k): half the weight at k occasions, nearly all of it with many
    assert counted_weight(2.0, 3, 3.0) == pytest.approx(1.0)
    assert counted_weight(2.0, 1, 3.0) == pytest.approx(0.5)
    assert counted_weight(2.0, 97, 3.0) == pytest.approx(1.94)
    assert counted_weight(2.0, 0, 3.0) == pytest.approx(0.5)  # it applied: one occasion at least
    # more evidence never counts less
    found = [counted_weight(1.0, n, 2.5) for n in range(1, 40)]
    assert found == sorted(found) and found[-1] < 1.0
    # without the setting an indicator counts its whole weight, as rubrics always did
    assert counted_weight(2.0, 1, 0.0) == 2.0
    # what reports call "counted less": visibly less at two decimals, never for an old record
    assert counted_less(2.0, 1.99) and not counted_less(2.0, 1.999)
    assert not counted_less(2.0, None) and not counted_less(2.0, 2.0)
