"""The composed weekly market: determinism, stream independence, reports and effects."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from game.scenario.models import Scenario
from game.sim.market import Market, MarketEffects, OurPolicy, WeekReport
from game.sim.population import Population


@pytest.fixture
def small(east_china: Scenario) -> Scenario:
    """The shipped scenario with 4,000 customers."""
    market = east_china.market.model_copy(update={"customers": 4_000})
    return east_china.model_copy(update={"market": market})


def play(market: Market, weeks: int, policy: OurPolicy | None = None) -> list[WeekReport]:
    policy = policy or market.default_policy()
    return [market.step_week(policy) for _ in range(weeks)]


def test_same_seed_same_weeks_and_hashes(small: Scenario) -> None:
    a, b = Market.from_scenario(small), Market.from_scenario(small)
    assert a.state_hash() == b.state_hash()
    for _ in range(6):
        ra, rb = a.step_week(a.default_policy()), b.step_week(b.default_policy())
        assert ra.to_dict() == rb.to_dict()
        assert a.state_hash() == b.state_hash()


def test_different_seed_different_weeks(small: Scenario) -> None:
    a = Market.from_scenario(small)
    b = Market.from_scenario(small.model_copy(update={"seed": small.seed + 1}))
    assert a.state_hash() != b.state_hash()
    assert [r.to_dict() for r in play(a, 3)] != [r.to_dict() for r in play(b, 3)]


def test_the_hash_moves_every_week(small: Scenario) -> None:
    market = Market.from_scenario(small)
    hashes = {market.state_hash()}
    for _ in range(4):
        market.step_week(market.default_policy())
        hashes.add(market.state_hash())
    assert len(hashes) == 5


def test_adding_a_competitor_leaves_the_population_draws_alone(data: dict[str, Any]) -> None:
    data["market"]["customers"] = 3_000
    before = Scenario.model_validate(data)
    data["competitors"].append({**data["competitors"][2], "id": "newcomer", "strategy": "poacher"})
    after = Scenario.model_validate(data)
    a, b = Market.from_scenario(before), Market.from_scenario(after)
    assert b.vendor_ids == ["us", "dragon", "summit", "harbor", "newcomer"]
    for name in Population.ARRAYS:
        np.testing.assert_array_equal(getattr(a.population, name), getattr(b.population, name))
    reseeded = Market.from_scenario(before.model_copy(update={"seed": before.seed + 1}))
    assert not np.array_equal(a.population.satisfaction, reseeded.population.satisfaction)


def test_report_adds_up_and_is_json(small: Scenario) -> None:
    market = Market.from_scenario(small)
    policy = market.default_policy()
    policy.channel_fee = [0.08, 0.05, 0.0]
    policy.prices = [760.0, 820.0, 4800.0]
    customers = market.customers_of_us()
    for _ in range(5):
        report = market.step_week(policy)
        json.dumps(report.to_dict(), allow_nan=False)
        totals = report.totals
        segs = report.segments
        assert list(segs) == ["smb", "midmarket", "datacenter"]
        for (sid, seg), price, fee, cost in zip(
            segs.items(), policy.prices, policy.channel_fee, [520, 520, 3400], strict=True
        ):
            assert seg.prices["us"] == price
            assert seg.our_revenue == pytest.approx(seg.our_units * price)
            assert seg.channel_fees == pytest.approx(seg.our_revenue * fee)
            assert seg.our_cogs == pytest.approx(seg.our_units * cost)
            assert 0 <= seg.our_units <= seg.market_units, sid
        assert totals.revenue == pytest.approx(sum(s.our_revenue for s in segs.values()))
        assert totals.market_share == pytest.approx(totals.our_units / totals.market_units)
        shortcuts = (report.revenue, report.cogs, report.fees, report.customers, report.demand)
        assert shortcuts == (
            totals.revenue,
            totals.cogs,
            totals.fees,
            totals.our_customers,
            report.demand_index,
        )
        moved = sum(s.new_customers - s.churned_customers - s.lost_customers for s in segs.values())
        assert totals.our_customers == customers + moved == market.customers_of_us()
        customers = totals.our_customers
        weighted = sum(s.our_satisfaction * s.our_customers for s in segs.values())
        assert totals.satisfaction == pytest.approx(weighted / customers)


def test_competitors_reprice_only_on_their_cadence(small: Scenario) -> None:
    market = Market.from_scenario(small)
    cadence = {c.id: c.reprice_every_weeks for c in small.competitors}
    reports = play(market, 13)
    for rid, every in cadence.items():
        prices = [tuple(r.segments[s].prices[rid] for s in market.segment_ids) for r in reports]
        changes = [w for w in range(1, 13) if prices[w] != prices[w - 1]]
        assert changes, rid
        assert all(w % every == 0 for w in changes), (rid, changes)


def test_price_war_multiplier_lasts_while_it_is_passed(small: Scenario) -> None:
    market = Market.from_scenario(small)
    policy = market.default_policy()
    normal = market.step_week(policy).segments["smb"].prices["dragon"]
    war = market.step_week(policy, MarketEffects(competitor_price_multipliers={"dragon": 0.8}))
    assert war.segments["smb"].prices["dragon"] == pytest.approx(0.8 * normal)
    assert war.segments["smb"].prices["summit"] > 0
    after = market.step_week(policy).segments["smb"].prices["dragon"]
    assert after == pytest.approx(normal)
    with pytest.raises(ValueError, match="unknown competitors"):
        market.step_week(policy, MarketEffects(competitor_price_multipliers={"nobody": 0.5}))


def test_effects_move_demand_and_churn(small: Scenario) -> None:
    def totals(effects: MarketEffects) -> tuple[float, int]:
        market = Market.from_scenario(small)
        reports = [market.step_week(market.default_policy(), effects) for _ in range(6)]
        units = sum(r.totals.market_units for r in reports)
        churned = sum(s.churned_customers for r in reports for s in r.segments.values())
        return units, churned

    units, churned = totals(MarketEffects())
    more_units, _ = totals(MarketEffects(demand_multiplier=1.5))
    _, more_churned = totals(MarketEffects(churn_multiplier=8.0))
    # the same seed and the same uniforms: the ratio is close to 1.5 (seeds 0..4 gave 1.44..1.52)
    assert more_units / units == pytest.approx(1.5, abs=0.15)
    # hazards of a few per mille do not saturate, so churn scales ~8x (Poisson noise on ~10)
    assert more_churned > 4 * max(churned, 1)


def test_a_higher_price_loses_share(small: Scenario) -> None:
    def share(prices: list[float]) -> float:
        market = Market.from_scenario(small)
        policy = market.default_policy()
        policy.prices = prices
        reports = play(market, 4, policy)
        return sum(r.totals.our_units for r in reports) / sum(
            r.totals.market_units for r in reports
        )

    assert (
        share([880.0, 880.0, 5500.0])
        < share([800.0, 800.0, 5000.0])
        < share([720.0, 720.0, 4500.0])
    )


def test_public_figures_cover_recent_weeks(small: Scenario) -> None:
    market = Market.from_scenario(small)
    first = market.public_figures()
    assert first.week == -1 and first.units.sum() == 0
    np.testing.assert_allclose(first.prices[:, 0], [800.0, 800.0, 5000.0])
    reports = play(market, 6)
    public = market.public_figures()
    recent = sum(r.totals.market_units for r in reports[-4:])
    assert public.week == 5 and public.units.sum() == pytest.approx(recent)
    assert public.demand_index == market.demand_level() == reports[-1].demand_index
    np.testing.assert_allclose(public.shares.sum(axis=1), 1.0)


def test_policy_with_a_wrong_length_is_refused(small: Scenario) -> None:
    market = Market.from_scenario(small)
    policy = market.default_policy()
    policy.reach = [1.0]
    with pytest.raises(ValueError, match=r"policy\.reach"):
        market.step_week(policy)
    assert market.week == 0
