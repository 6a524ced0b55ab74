"""Credit risk (CW-50): a yearly default probability compounds weekly, and the expected loss is
exposure x probability of default x (1 - recovery)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from game.sim.credit import default_probability, expected_loss, weekly_default_probability


@pytest.mark.parametrize(("yearly", "weeks"), [(0.35, 26), (0.15, 13), (0.02, 52)])
def test_weekly_hazards_compound_to_the_yearly_default_probability(yearly: float, weeks: int) -> None:
    rng = np.random.default_rng(3)
    n = 40_000
    hazard = weekly_default_probability(yearly)
    defaulted = (rng.random((n, weeks)) < hazard).any(axis=1)
    p = default_probability(yearly, weeks)
    assert p == pytest.approx(1 - (1 - yearly) ** (weeks / 52))
    assert abs(defaulted.mean() - p) < 4 * math.sqrt(p * (1 - p) / n)
    assert default_probability(yearly, 52) == pytest.approx(yearly)


def test_default_probability_rejects_values_outside_zero_one() -> None:
    with pytest.raises(ValueError):
        default_probability(1.5, 10)


def test_expected_loss_is_exposure_times_pd_times_loss_given_default() -> None:
    assert expected_loss(100_000, 0.35, 26, 0.4) == pytest.approx(
        100_000 * (1 - 0.65 ** 0.5) * 0.6)
