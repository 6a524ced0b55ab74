"""The AR(1) demand index against its closed forms, and demand shocks."""

from __future__ import annotations

import numpy as np
import pytest

from game.scenario.models import Demand
from game.sim.demand import DemandIndex


def test_long_run_variance_and_lag_one_correlation() -> None:
    """Stationary variance sigma^2 / (1 - phi^2) and lag-1 correlation phi.

    Standard errors for T steps: Var of the sample variance ~ 2 v^2 (1 + phi^2) / (1 - phi^2) / T,
    of the lag-1 correlation ~ (1 - phi^2) / T.
    """
    mean, phi, sigma, T = 1.0, 0.85, 0.04, 100_000
    index = DemandIndex(mean, phi, sigma)
    rng = np.random.default_rng(11)
    for _ in range(200):  # burn-in: the index starts at its mean, not in its stationary law
        index.step(rng)
    x = np.array([index.step(rng) for _ in range(T)])
    v = sigma**2 / (1 - phi**2)
    se_var = v * np.sqrt(2 * (1 + phi**2) / (1 - phi**2) / T)
    assert abs(x.var() - v) < 4 * se_var
    assert abs(x.mean() - mean) < 4 * np.sqrt(v * (1 + phi) / (1 - phi) / T)
    lag1 = np.corrcoef(x[:-1], x[1:])[0, 1]
    assert abs(lag1 - phi) < 4 * np.sqrt((1 - phi**2) / T)


def test_starts_at_the_mean_and_stays_there_without_noise() -> None:
    index = DemandIndex.from_scenario(Demand(mean=1.3, phi=0.5, sigma=0.0))
    assert index.x == 1.3
    assert [index.step(np.random.default_rng(0)) for _ in range(3)] == [1.3] * 3


def test_a_shock_scales_demand_for_exactly_its_weeks() -> None:
    index = DemandIndex(1.0, 0.0, 0.0)
    rng = np.random.default_rng(1)
    index.shock(0.75, weeks=3)
    index.shock(0.5, weeks=1)
    values = [index.step(rng) for _ in range(5)]
    assert values == pytest.approx([0.375, 0.75, 0.75, 1.0, 1.0])
    assert index.shocks == []


def test_effective_demand_never_falls_below_the_minimum() -> None:
    index = DemandIndex(1.0, 0.0, 0.0)
    index.shock(0.0, weeks=2)
    assert index.step(np.random.default_rng(2)) == 0.05  # the documented default floor
    wild = DemandIndex(0.1, 0.0, 1.0)
    values = [wild.step(np.random.default_rng(seed)) for seed in range(200)]
    assert min(values) == 0.05 and max(values) > 1.0


def test_the_scenario_sets_the_demand_floor() -> None:
    spec = Demand(mean=1.0, phi=0.0, sigma=0.0, floor=0.3)
    index = DemandIndex.from_scenario(spec)
    index.shock(0.1, weeks=1)
    assert index.step(np.random.default_rng(0)) == pytest.approx(0.3)
    assert index.step(np.random.default_rng(0)) == pytest.approx(1.0)


def test_same_generator_same_path() -> None:
    a, b = DemandIndex(1.0, 0.8, 0.1), DemandIndex(1.0, 0.8, 0.1)
    ra, rb = np.random.default_rng(3), np.random.default_rng(3)
    assert [a.step(ra) for _ in range(20)] == [b.step(rb) for _ in range(20)]
