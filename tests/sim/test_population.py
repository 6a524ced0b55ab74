"""The customer population: construction, the logit path, satisfaction drift and churn."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from game.scenario.economics import PopulationService
from game.scenario.models import Scenario
from game.sim.population import (
    Population,
    WeekFlows,
    bernoulli_indices,
    standard_normal_f32,
)

SATISFACTION_PULL = PopulationService().satisfaction_pull
SATISFACTION_NOISE = PopulationService().satisfaction_noise

IdenticalMarket = Callable[..., Scenario]  # the identical_market fixture (tests/sim/conftest.py)

COMPETITOR_QUALITY = [0.6, 0.88, 0.68]  # dragon, summit, harbor in the shipped scenario


def week_inputs(scenario: Scenario, **overrides: object) -> dict[str, object]:
    """Neutral inputs for Population.step_week: list prices, full reach, no bonus."""
    n_seg = len(scenario.market.segments)
    lists = np.array([scenario.product(s.product).list_price for s in scenario.market.segments])
    n_vendors = 1 + len(scenario.competitors)
    inputs: dict[str, object] = {
        "prices": np.tile(lists[:, None], (1, n_vendors)),
        "quality": np.array([0.72, *COMPETITOR_QUALITY]),
        "relationship_bonus": np.zeros(n_seg),
        "reach": np.ones(n_seg),
        "demand": 1.0,
        "service_quality": np.full(n_vendors, 0.9),
        "churn_multiplier": 1.0,
    }
    inputs.update(overrides)
    return inputs


def expected_shares(
    scenario: Scenario,
    prices: np.ndarray,
    quality: np.ndarray,
    current: int | None,
    bonus: float,
    reach: float,
) -> np.ndarray:
    """The closed form exp(V_j) / sum_k exp(V_k) for the identical customers of ``scenario``:
    loyalty grows with satisfaction above the reference, and our satisfied customers refer the
    buyers who are not ours."""
    seg = scenario.market.segments[0]
    lg = scenario.market.logit
    ret = scenario.economics.retention
    sat = seg.satisfaction.constant
    list_price = scenario.product(seg.product).list_price
    ps, qw = seg.price_sensitivity.constant, seg.quality_weight.constant
    V = -lg.price * ps * prices / list_price + lg.quality * qw * quality
    V[0] += bonus + np.log(reach)
    if current is not None:
        V[current] += lg.relationship + ret.loyalty * (sat - ret.reference)
    if current != 0:
        ours_mean = sat if seg.vendor_shares.get("us", 0) > 0 else ret.reference
        V[0] += ret.referral * (ours_mean - ret.reference)
    e = np.exp(V)
    return e / e.sum()


# --------------------------------------------------------------------------- construction


def test_segment_counts_follow_shares_with_the_remainder_on_the_largest(data: dict) -> None:
    data["market"]["customers"] = 1001
    data["market"]["segments"][0]["share"] = 0.333
    data["market"]["segments"][1]["share"] = 0.333
    data["market"]["segments"][2]["share"] = 0.334
    scenario = Scenario.model_validate(data)
    pop = Population.from_scenario(scenario, np.random.default_rng(0))
    counts = np.bincount(pop.segment, minlength=3)
    assert counts.tolist() == [333, 333, 1001 - 666]
    assert pop.n == 1001
    assert np.all(np.diff(pop.segment) >= 0)


def test_initial_vendors_follow_vendor_shares(data: dict) -> None:
    data["market"]["customers"] = 50_000
    scenario = Scenario.model_validate(data)
    pop = Population.from_scenario(scenario, np.random.default_rng(1))
    vendors = ["us", "dragon", "summit", "harbor"]
    for index, seg in enumerate(scenario.market.segments):
        mine = pop.vendor[pop.segment == index]
        n = len(mine)
        declared = [seg.vendor_shares.get(v, 0.0) for v in vendors]
        for vendor, p in enumerate([*declared, 1 - sum(declared)]):
            code = vendor if vendor < len(vendors) else -1
            observed = np.count_nonzero(mine == code) / n
            assert abs(observed - p) <= 4 * np.sqrt(p * (1 - p) / n) + 1e-12, (seg.id, code)


def test_attributes_are_drawn_from_their_distributions(east_china: Scenario) -> None:
    pop = Population.from_scenario(east_china, np.random.default_rng(2))
    for index, seg in enumerate(east_china.market.segments):
        rows = pop.segment == index
        for name in ("price_sensitivity", "quality_weight", "credit_score", "purchase_rate"):
            lo, hi = getattr(seg, name).bounds()
            values = getattr(pop, name)[rows]
            assert values.min() >= np.float32(lo) and values.max() <= np.float32(hi), name
        lo, hi = seg.purchase_rate.uniform
        se = (hi - lo) / np.sqrt(12 * np.count_nonzero(rows))
        assert abs(pop.purchase_rate[rows].mean() - (lo + hi) / 2) < 4 * se
        assert pop.size[rows].min() >= 1


def test_purchases_above_32767_units_are_held_and_bought_whole(data: dict) -> None:
    data["market"]["customers"] = 2_000
    for seg in data["market"]["segments"]:
        seg["size"] = {"uniform": [40_000, 40_000]}
    scenario = Scenario.model_validate(data)
    pop = Population.from_scenario(scenario, np.random.default_rng(5))
    assert pop.size.min() == pop.size.max() == 40_000  # not cut to int16's 32,767
    flows = pop.step_week(np.random.default_rng(6), **week_inputs(scenario))
    assert flows.buyers > 0 and flows.units.sum() == 40_000 * flows.buyers


def test_memory_stays_within_200_bytes_per_customer(east_china: Scenario) -> None:
    pop = Population.from_scenario(east_china, np.random.default_rng(3))
    assert pop.nbytes() / pop.n <= 200
    pop.step_week(np.random.default_rng(4), **week_inputs(east_china))
    assert pop.nbytes() / pop.n <= 200


# --------------------------------------------------------------------------- vendor choice


@pytest.mark.parametrize(
    ("current", "bonus", "reach"),
    [(None, 0.0, 1.0), ("us", 0.0, 1.0), ("summit", 0.4, 0.7), (None, 0.8, 0.3)],
)
def test_unit_shares_follow_the_logit_closed_form(
    identical_market: IdenticalMarket, current: str | None, bonus: float, reach: float
) -> None:
    n = 40_000
    scenario = identical_market(n, vendor_shares={current: 1.0} if current else {})
    pop = Population.from_scenario(scenario, np.random.default_rng(5))
    prices = np.array([[800.0, 700.0, 930.0, 780.0]])
    quality = np.array([0.72, *COMPETITOR_QUALITY])
    inputs = week_inputs(
        scenario, prices=prices, quality=quality, relationship_bonus=[bonus], reach=[reach]
    )
    flows = pop.step_week(np.random.default_rng(6), **inputs)
    vendor_ids = ["us", "dragon", "summit", "harbor"]
    current_index = vendor_ids.index(current) if current else None
    p = expected_shares(scenario, prices[0], quality, current_index, bonus, reach)
    assert flows.buyers == n
    shares = flows.units[0] / flows.total_units
    se = np.sqrt(p * (1 - p) / n)
    assert np.all(np.abs(shares - p) < 4 * se), (shares, p)
    np.testing.assert_allclose(flows.revenue, flows.units * prices)


def test_zero_reach_means_no_sales_for_us(identical_market: IdenticalMarket) -> None:
    scenario = identical_market(5_000, vendor_shares={"us": 1.0})
    pop = Population.from_scenario(scenario, np.random.default_rng(7))
    flows = pop.step_week(np.random.default_rng(8), **week_inputs(scenario, reach=[0.0]))
    assert flows.units[0, 0] == 0
    assert flows.lost_ours[0] == 5_000
    assert flows.ours[0] == 0
    assert np.isnan(flows.satisfaction_ours[0])


def test_buyers_who_switch_start_a_new_relationship(identical_market: IdenticalMarket) -> None:
    scenario = identical_market(5_000, vendor_shares={"dragon": 1.0})
    pop = Population.from_scenario(scenario, np.random.default_rng(9))
    flows = pop.step_week(np.random.default_rng(10), **week_inputs(scenario))
    stayed = pop.vendor == 1
    assert 0 < np.count_nonzero(stayed) < 5_000
    assert flows.new_ours[0] == np.count_nonzero(pop.vendor == 0) > 0
    assert np.all(pop.weeks_with_vendor[stayed] == 1)
    assert np.all(pop.weeks_with_vendor[~stayed] == 0)


def test_purchases_follow_rate_times_demand(identical_market: IdenticalMarket) -> None:
    n, rate, demand = 40_000, 0.05, 1.6
    scenario = identical_market(n, purchase_rate=rate, size=3)
    pop = Population.from_scenario(scenario, np.random.default_rng(12))
    flows = pop.step_week(np.random.default_rng(13), **week_inputs(scenario, demand=demand))
    p = rate * demand
    assert abs(flows.buyers / n - p) < 4 * np.sqrt(p * (1 - p) / n)
    assert flows.total_units == 3 * flows.buyers
    saturated = pop.step_week(np.random.default_rng(14), **week_inputs(scenario, demand=50.0))
    assert saturated.buyers == n


def test_customer_counts_add_up_week_to_week(east_china: Scenario) -> None:
    pop = Population.from_scenario(east_china, np.random.default_rng(15))
    before = np.bincount(pop.segment[pop.vendor == 0], minlength=3)
    rng = np.random.default_rng(16)
    for _ in range(8):
        flows: WeekFlows = pop.step_week(rng, **week_inputs(east_china, demand=3.0))
        after = before + flows.new_ours - flows.lost_ours - flows.churned_ours
        np.testing.assert_array_equal(after, flows.ours)
        np.testing.assert_array_equal(
            flows.ours, np.bincount(pop.segment[pop.vendor == 0], minlength=3)
        )
        before = flows.ours
    for index in range(3):
        mine = (pop.segment == index) & (pop.vendor == 0)
        assert flows.satisfaction_ours[index] == pytest.approx(
            pop.satisfaction[mine].mean(), rel=1e-5
        )


# --------------------------------------------------------------------------- satisfaction, churn


def test_satisfaction_relaxes_toward_the_service_level(identical_market: IdenticalMarket) -> None:
    """E[s_t] = q + (s_0 - q) 0.9^t and Var[s_t] = 0.02^2 (1 - 0.81^t) / 0.19 (no clipping)."""
    n, s0, q, weeks = 20_000, 0.8, 0.3, 10
    scenario = identical_market(n, purchase_rate=0.0, satisfaction=s0, vendor_shares={"us": 1.0})
    pop = Population.from_scenario(scenario, np.random.default_rng(17))
    rng = np.random.default_rng(18)
    for _ in range(weeks):
        pop.step_week(rng, **week_inputs(scenario, service_quality=np.full(4, q)))
    keep = 1 - SATISFACTION_PULL
    mean = q + (s0 - q) * keep**weeks
    var = SATISFACTION_NOISE**2 * (1 - keep ** (2 * weeks)) / (1 - keep**2)
    assert abs(pop.satisfaction.mean() - mean) < 4 * np.sqrt(var / n)
    assert pop.satisfaction.var() == pytest.approx(var, rel=4 * np.sqrt(2 / n))


def test_satisfied_customers_survive_geometrically(identical_market: IdenticalMarket) -> None:
    """Constant hazard h: survival after t weeks is (1 - h)^t; our multiplier scales only ours."""
    n, base, multiplier = 40_000, 0.04, 2.0
    scenario = identical_market(
        n,
        purchase_rate=0.0,
        vendor_shares={"us": 0.5, "harbor": 0.5},
        churn={"base": base, "threshold": 0.45, "slope": 0.08},
    )
    pop = Population.from_scenario(scenario, np.random.default_rng(19))
    start_us = np.count_nonzero(pop.vendor == 0)
    start_them = np.count_nonzero(pop.vendor == 3)
    rng = np.random.default_rng(20)
    churned = 0
    for week in range(1, 13):
        flows = pop.step_week(rng, **week_inputs(scenario, churn_multiplier=multiplier))
        churned += int(flows.churned_ours[0])
        for start, hazard, code in ((start_us, base * multiplier, 0), (start_them, base, 3)):
            r = (1 - hazard) ** week
            survived = np.count_nonzero(pop.vendor == code) / start
            assert abs(survived - r) < 4 * np.sqrt(r * (1 - r) / start), (week, code)
    assert churned == start_us - np.count_nonzero(pop.vendor == 0)
    assert np.all(pop.weeks_with_vendor[pop.vendor == -1] == 0)


def test_dissatisfied_customers_churn_faster(identical_market: IdenticalMarket) -> None:
    """Satisfaction held at 0.2 below a 0.45 threshold: h = base + slope (0.45 - 0.2)."""
    n, s, base, slope, weeks = 20_000, 0.2, 0.002, 0.2, 10
    scenario = identical_market(
        n,
        purchase_rate=0.0,
        satisfaction=s,
        vendor_shares={"us": 1.0},
        churn={"base": base, "threshold": 0.45, "slope": slope},
    )
    pop = Population.from_scenario(scenario, np.random.default_rng(21))
    rng = np.random.default_rng(22)
    for _ in range(weeks):
        pop.step_week(rng, **week_inputs(scenario, service_quality=np.full(4, s)))
    r = (1 - (base + slope * (0.45 - s))) ** weeks
    survived = np.count_nonzero(pop.vendor == 0) / n
    assert abs(survived - r) < 4 * np.sqrt(r * (1 - r) / n)


def test_same_generator_state_gives_the_same_week(east_china: Scenario) -> None:
    a = Population.from_scenario(east_china, np.random.default_rng(23))
    b = Population.from_scenario(east_china, np.random.default_rng(23))
    fa = a.step_week(np.random.default_rng(24), **week_inputs(east_china))
    fb = b.step_week(np.random.default_rng(24), **week_inputs(east_china))
    np.testing.assert_array_equal(fa.units, fb.units)
    for name in Population.ARRAYS:
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    c = Population.from_scenario(east_china, np.random.default_rng(23))
    fc = c.step_week(np.random.default_rng(25), **week_inputs(east_china))
    assert not np.array_equal(fa.units, fc.units)


def test_bad_input_shapes_are_refused(east_china: Scenario) -> None:
    pop = Population.from_scenario(east_china, np.random.default_rng(26))
    with pytest.raises(ValueError, match="prices must have shape"):
        pop.step_week(np.random.default_rng(0), **week_inputs(east_china, prices=np.ones((3, 2))))
    with pytest.raises(ValueError, match="churn_multiplier"):
        pop.step_week(np.random.default_rng(0), **week_inputs(east_china, churn_multiplier=-1.0))


# --------------------------------------------------------------------------- samplers, thinning


@pytest.mark.parametrize(
    ("n", "p"), [(1_000, 0.3), (50_000, 0.002), (20_000, 0.06), (200_000, 0.05)]
)
def test_bernoulli_indices_are_independent_trials(n: int, p: float) -> None:
    """Counts per draw ~ Binomial(n, p); each index is a success with probability p (numpy's
    geometric sampler for a few successes, inversion in bulk for many)."""
    rng = np.random.default_rng(30)
    draws = 400
    hits = np.zeros(n)
    counts = []
    for _ in range(draws):
        idx = bernoulli_indices(rng, n, p)
        assert np.all(np.diff(idx) > 0) and (len(idx) == 0 or 0 <= idx[0] <= idx[-1] < n)
        hits[idx] += 1
        counts.append(len(idx))
    var = n * p * (1 - p)
    assert abs(np.mean(counts) - n * p) < 4 * np.sqrt(var / draws)
    assert np.var(counts) == pytest.approx(var, rel=4 * np.sqrt(2 / draws))
    # the first and last tenth of the indices are hit as often as any (no edge effects)
    tenth = n // 10
    for part in (hits[:tenth], hits[-tenth:]):
        assert abs(part.mean() / draws - p) < 4 * np.sqrt(p * (1 - p) / (draws * tenth))


def test_bernoulli_indices_edge_probabilities() -> None:
    rng = np.random.default_rng(31)
    assert len(bernoulli_indices(rng, 100, 0.0)) == 0
    assert bernoulli_indices(rng, 100, 1.0).tolist() == list(range(100))
    assert len(bernoulli_indices(rng, 0, 0.5)) == 0


def test_standard_normal_f32_is_gaussian() -> None:
    """Moments and the CDF at a few points against N(0, sd^2), within sampling error."""
    n, sd = 400_001, 0.02
    z = standard_normal_f32(np.random.default_rng(32), n, sd).astype(np.float64) / sd
    assert z.shape == (n,)
    assert abs(z.mean()) < 4 / np.sqrt(n)
    assert z.var() == pytest.approx(1.0, rel=4 * np.sqrt(2 / n))
    assert abs(np.mean(z**3)) < 4 * np.sqrt(15 / n)  # skewness 0
    assert np.mean(z**4) == pytest.approx(3.0, abs=4 * np.sqrt(96 / n))  # kurtosis 3
    for x, cdf in ((-2.0, 0.0227501), (-1.0, 0.1586553), (0.5, 0.6914625), (1.5, 0.9331928)):
        assert abs(np.mean(z <= x) - cdf) < 4 * np.sqrt(cdf * (1 - cdf) / n), x
    half = n // 2  # the two Box-Muller outputs of one pair are uncorrelated
    assert abs(np.corrcoef(z[:half], z[half : 2 * half])[0, 1]) < 4 / np.sqrt(half)


def test_needs_follow_each_customers_own_rate(east_china: Scenario) -> None:
    """Rates differ within and between segments: each customer buys with p = rate x demand, so
    a segment's units over W weeks have mean W sum(size p) and variance W sum(size^2 p (1-p))."""
    weeks, demand = 30, 1.4
    pop = Population.from_scenario(east_china, np.random.default_rng(33))
    p = np.minimum(1.0, pop.purchase_rate.astype(np.float64) * demand)
    size = pop.size.astype(np.float64)
    rng = np.random.default_rng(34)
    units = sum(pop.step_week(rng, **week_inputs(east_china, demand=demand)).units.sum(axis=1)
                for _ in range(weeks))
    for index in range(3):
        rows = pop.segment == index
        mean = weeks * np.sum(size[rows] * p[rows])
        sd = np.sqrt(weeks * np.sum(size[rows] ** 2 * p[rows] * (1 - p[rows])))
        assert abs(units[index] - mean) < 4 * sd, (index, units[index], mean)


def test_churn_follows_each_customers_own_hazard(data: dict) -> None:
    """Satisfaction spread over [0, 1]: after one week each customer with a vendor has left
    with h = base + slope x max(0, threshold - s), s its satisfaction after the drift."""
    n, base, slope, threshold = 60_000, 0.01, 0.6, 0.5
    data["market"]["customers"] = n
    for seg in data["market"]["segments"]:
        seg["satisfaction"] = {"uniform": [0.0, 1.0]}
        seg["purchase_rate"] = {"constant": 0.0}
        seg["churn"] = {"base": base, "threshold": threshold, "slope": slope}
    scenario = Scenario.model_validate(data)
    pop = Population.from_scenario(scenario, np.random.default_rng(35))
    had_vendor = pop.vendor >= 0
    pop.step_week(np.random.default_rng(36), **week_inputs(scenario, churn_multiplier=1.0))
    left = had_vendor & (pop.vendor < 0)
    h = base + slope * np.maximum(0.0, threshold - pop.satisfaction[had_vendor].astype(float))
    s = pop.satisfaction[had_vendor]
    for low, high in ((0.0, 0.2), (0.2, 0.5), (0.5, 1.0)):
        rows = (s >= low) & (s < high)
        expected = h[rows].sum()
        sd = np.sqrt(np.sum(h[rows] * (1 - h[rows])))
        assert abs(np.count_nonzero(left[had_vendor][rows]) - expected) < 4 * sd, (low, high)


def test_constant_attributes_are_read_only_and_the_digest_follows_the_state(
    east_china: Scenario,
) -> None:
    pop = Population.from_scenario(east_china, np.random.default_rng(37))
    for name in Population.CONSTANT_ARRAYS:
        with pytest.raises(ValueError, match="read-only"):
            getattr(pop, name)[0] = 1
    digest = pop.digest()
    assert pop.digest() == digest
    for array in (pop.vendor, pop.satisfaction):
        old = array[123].copy()
        array[123] = old + 1
        assert pop.digest() != digest
        array[123] = old
        assert pop.digest() == digest
    pop.size = pop.size.copy()  # a new array (writeable) is hashed again
    pop.size[5] += 1
    assert pop.digest() != digest
    pop.size[5] -= 1
    assert pop.digest() == digest
    vendor, weeks = pop.vendor.copy(), pop.weeks_with_vendor
    pop.step_week(np.random.default_rng(38), **week_inputs(east_china))
    assert pop.digest() != digest
    kept = (pop.vendor == vendor) & (vendor >= 0)
    assert np.all(pop.weeks_with_vendor[kept] == weeks[kept] + 1)
