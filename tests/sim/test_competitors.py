"""Competitor agents: price bounds, cadence, each strategy's reaction, price wars, bids."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.scenario.models import Competitor, Scenario
from game.sim.competitors import (
    CompetitorAgent,
    PriceLeader,
    PublicFigures,
    make_competitor,
)

LIST = np.array([800.0, 800.0, 5000.0])  # list prices of the shipped segments' products


def agent(scenario: Scenario, strategy: str, **spec: object) -> CompetitorAgent:
    """A competitor of ``strategy`` in the place of the shipped scenario's first competitor;
    it follows its strategy all the way (reaction 1) unless ``spec`` says otherwise."""
    base = scenario.competitors[0].model_dump()
    base.update(strategy=strategy, reaction=1.0)
    base.update(spec)
    competitors = [Competitor.model_validate(base), *scenario.competitors[1:]]
    scenario = scenario.model_copy(update={"competitors": competitors})
    return make_competitor(competitors[0], scenario)


def figures(
    prices_index: list[float], shares: list[float] | None = None, week: int = 0
) -> PublicFigures:
    """Figures where every segment has vendor prices ``prices_index`` x list and unit ``shares``."""
    shares = shares or [0.25] * len(prices_index)
    return PublicFigures(
        week=week,
        units=np.tile(np.array(shares) * 1000, (3, 1)),
        prices=LIST[:, None] * np.array(prices_index)[None, :],
        demand_index=1.0,
    )


def run(a: CompetitorAgent, public: PublicFigures, cadences: int) -> None:
    """Reprice on ``cadences`` cadence weeks, with ``a``'s own current price in the figures."""
    every = a.spec.reprice_every_weeks
    for k in range(cadences):
        prices = public.prices.copy()
        prices[:, a.index] = a.prices
        public = PublicFigures(public.week, public.units, prices, public.demand_index)
        a.reprice(k * every, public, np.random.default_rng(k))


def test_starting_prices_are_price_index_times_list(east_china: Scenario) -> None:
    for spec in east_china.competitors:
        a = make_competitor(spec, east_china)
        np.testing.assert_allclose(a.prices, spec.price_index * LIST)
        assert a.index == 1 + east_china.competitors.index(spec)


def test_nothing_changes_between_cadence_weeks(east_china: Scenario) -> None:
    a = agent(east_china, "follower", reprice_every_weeks=4, price_index=1.4)
    before = a.prices.copy()
    for week in (1, 2, 3, 5, 7):
        a.reprice(week, figures([1.0, 1.4, 1.0, 1.0]), np.random.default_rng(0))
    np.testing.assert_array_equal(a.prices, before)
    a.reprice(8, figures([1.0, 1.4, 1.0, 1.0]), np.random.default_rng(0))
    assert np.all(a.prices < before)


def test_price_leader_becomes_the_cheapest_in_a_few_cadences(east_china: Scenario) -> None:
    a = agent(east_china, "price_leader", price_index=1.3, cost_index=0.5, aggressiveness=0.5)
    public = figures([1.0, 1.3, 0.95, 1.05])
    run(a, public, cadences=4)
    rivals = np.delete(public.prices, a.index, axis=1)
    assert np.all(a.prices < rivals.min(axis=1))


def test_price_leader_stops_at_its_floor(east_china: Scenario) -> None:
    a = agent(east_china, "price_leader", price_index=0.9, cost_index=0.8, aggressiveness=1.0)
    run(a, figures([0.7, 0.9, 0.7, 0.7]), cadences=10)
    np.testing.assert_allclose(a.prices, 0.8 * LIST * 1.02)


def test_premium_holds_a_premium_and_raises_it_where_its_share_is_high(
    east_china: Scenario,
) -> None:
    low = agent(east_china, "premium", price_index=1.2)
    high = agent(east_china, "premium", price_index=1.2)
    prices = [1.0, 1.2, 0.9, 1.1]
    run(low, figures(prices, shares=[0.4, 0.05, 0.3, 0.25]), cadences=3)
    run(high, figures(prices, shares=[0.2, 0.5, 0.1, 0.2]), cadences=3)
    average = LIST * np.mean([1.0, 0.9, 1.1])
    assert np.all(low.prices > average * 1.05)
    np.testing.assert_allclose(low.prices, 1.2 * LIST, rtol=0.02)
    assert np.all(high.prices > low.prices * 1.05)


def test_follower_closes_the_gap_to_the_average(east_china: Scenario) -> None:
    a = agent(east_china, "follower", price_index=1.5, aggressiveness=0.4)
    public = figures([1.0, 1.5, 0.9, 1.1])
    average = LIST * 1.0
    gaps = []
    for k in range(4):
        gaps.append(a.prices - average)
        a.reprice(0, public, np.random.default_rng(k))
    rate = 0.3 + 0.5 * 0.4
    for before, after in zip(gaps, gaps[1:], strict=False):
        np.testing.assert_allclose(after, before * (1 - rate))


def test_poacher_cuts_price_where_we_gained_share(east_china: Scenario) -> None:
    a = agent(east_china, "poacher", price_index=1.0, aggressiveness=0.5)
    start = a.prices.copy()
    at_list = np.tile(LIST[:, None], (1, 4))
    first = PublicFigures(0, np.full((3, 4), 250.0), at_list, 1.0)
    a.reprice(0, first, np.random.default_rng(0))
    np.testing.assert_array_equal(a.prices, start)  # first look: nothing to compare with yet
    units = np.array([[400.0, 200, 200, 200], [100.0, 300, 300, 300], [250.0, 250, 250, 250]])
    later = PublicFigures(4, units, at_list, 1.0)
    a.reprice(4 * a.spec.reprice_every_weeks, later, np.random.default_rng(1))
    assert a.prices[0] < start[0]  # we gained in segment 0
    assert a.prices[1] == start[1]  # we lost in segment 1
    assert a.prices[2] == start[2]  # no change in segment 2


def test_price_war_lowers_prices_to_at_most_the_floor_and_ends(east_china: Scenario) -> None:
    a = agent(east_china, "follower", price_index=1.0, cost_index=0.7)
    before = a.prices.copy()
    a.apply_price_war(0.85)
    np.testing.assert_allclose(a.prices, 0.85 * before)
    a.apply_price_war(0.3)
    np.testing.assert_allclose(a.prices, 0.7 * LIST * 1.02)
    a.end_price_war()
    np.testing.assert_array_equal(a.prices, before)


strategies = st.sampled_from(["price_leader", "premium", "follower", "poacher"])


@settings(max_examples=60, deadline=None)
@given(
    strategy=strategies,
    aggressiveness=st.floats(0, 1),
    price_index=st.floats(0.3, 2.5),
    cost_index=st.floats(0.2, 1.2),
    seed=st.integers(0, 2**32 - 1),
    war=st.one_of(st.none(), st.floats(0.05, 1.5)),
)
def test_prices_never_leave_floor_and_ceiling(
    east_china: Scenario,
    strategy: str,
    aggressiveness: float,
    price_index: float,
    cost_index: float,
    seed: int,
    war: float | None,
) -> None:
    a = agent(
        east_china,
        strategy,
        aggressiveness=aggressiveness,
        price_index=price_index,
        cost_index=cost_index,
        reprice_every_weeks=1,
    )
    rng = np.random.default_rng(seed)
    floor = cost_index * LIST * 1.02
    ceiling = np.maximum(1.6 * LIST, floor)
    for week in range(12):
        prices = LIST[:, None] * rng.uniform(0.1, 3.0, (3, 4))
        prices[:, a.index] = a.prices
        units = rng.integers(0, 100, (3, 4)).astype(float)
        a.reprice(week, PublicFigures(week, units, prices, 1.0), rng)
        if war is not None and week % 3 == 0:
            a.apply_price_war(war)
        elif week % 3 == 2:
            a.end_price_war()
        assert np.all(a.prices >= floor - 1e-9) and np.all(a.prices <= ceiling + 1e-9)


# --------------------------------------------------------------------------- key-account bids


def test_bids_follow_each_strategy(east_china: Scenario) -> None:
    issues = east_china.negotiation.issues
    account = east_china.key_accounts[0]  # hx-bank, midmarket notebooks, with summit now
    options = {i.id: i.values for i in issues}
    bids = {
        s: agent(east_china, s, price_index=p).bid(account, issues)
        for s, p in (("premium", 1.2), ("price_leader", 0.85), ("follower", 0.92))
    }
    for bid in bids.values():
        assert set(bid) == set(options)
        assert all(bid[k] in options[k] for k in bid)
        assert bid["volume"] == max(options["volume"])
    assert bids["premium"]["service"] == "premium"
    assert bids["premium"]["delivery_weeks"] == min(options["delivery_weeks"])
    assert bids["premium"]["price"] == 0.0  # dearer than our list: no discount
    assert bids["price_leader"]["service"] == "basic"
    assert bids["price_leader"]["price"] == 0.2  # 15 % under our list, one option deeper
    assert bids["follower"]["service"] == "standard"
    assert bids["follower"]["price"] == pytest.approx(0.1)  # 8 % under list: closest option
    assert bids["follower"]["payment_days"] == 30


def test_poacher_bids_aggressively_for_a_rivals_account(east_china: Scenario) -> None:
    issues = east_china.negotiation.issues
    poacher = agent(east_china, "poacher", price_index=0.95)
    rivals = east_china.key_accounts[0]
    own = rivals.model_copy(update={"current_vendor": poacher.id})
    attack, defend = poacher.bid(rivals, issues), poacher.bid(own, issues)
    assert attack["price"] > defend["price"]
    assert attack["payment_days"] == 90 and defend["payment_days"] == 30
    assert poacher.bid(rivals, issues) == attack  # deterministic


def test_bid_discount_tracks_the_competitors_current_price(east_china: Scenario) -> None:
    issues = east_china.negotiation.issues
    follower = agent(east_china, "follower", price_index=1.0)
    account = east_china.key_accounts[0]
    assert follower.bid(account, issues)["price"] == 0.0
    follower.apply_price_war(0.8)
    assert follower.bid(account, issues)["price"] == pytest.approx(0.2)


def test_make_competitor_picks_the_declared_strategy(east_china: Scenario) -> None:
    dragon = make_competitor(east_china.competitors[0], east_china)
    assert isinstance(dragon, PriceLeader) and dragon.id == "dragon"
    kinds = [make_competitor(c, east_china).strategy for c in east_china.competitors]
    assert kinds == [c.strategy for c in east_china.competitors]


@pytest.mark.parametrize("reaction", [0.0, 0.3, 0.7])
def test_a_partial_reaction_settles_part_of_the_way_from_the_start(
    east_china: Scenario, reaction: float
) -> None:
    """With rivals' prices fixed, a follower settles at start + reaction x (average - start): a
    price cut by a rival is matched only in part."""
    a = agent(east_china, "follower", price_index=1.2, aggressiveness=0.6, reaction=reaction)
    public = figures([0.8, 1.2, 0.9, 1.0])
    for k in range(60):
        a.reprice(0, public, np.random.default_rng(k))
    average = LIST * np.mean([0.8, 0.9, 1.0])
    np.testing.assert_allclose(a.prices, 1.2 * LIST + reaction * (average - 1.2 * LIST), rtol=1e-6)


# --------------------------------------------------------------------------- the scenario's rules


def _with_rivals(scenario: Scenario, **rules: float) -> Scenario:
    economics = scenario.economics.model_copy(
        update={"rivals": scenario.economics.rivals.model_copy(update=rules)})
    return scenario.model_copy(update={"economics": economics})


def test_a_scenario_sets_the_rivals_limits_and_pace(east_china: Scenario) -> None:
    """The floor, ceiling and follower pace are the trainer's numbers, not the engine's."""
    tuned = _with_rivals(east_china, floor_margin=1.1, price_ceiling=1.25, follower_rate=0.1,
                         follower_rate_per_aggressiveness=0.0)
    leader = agent(tuned, "price_leader", price_index=0.9, cost_index=0.8, aggressiveness=1.0)
    run(leader, figures([0.7, 0.9, 0.7, 0.7]), cadences=10)
    np.testing.assert_allclose(leader.prices, 0.8 * LIST * 1.1)
    premium = agent(tuned, "premium", price_index=1.5)
    run(premium, figures([1.0, 1.5, 1.2, 1.3], shares=[0.1, 0.6, 0.1, 0.2]), cadences=6)
    assert np.all(premium.prices <= 1.25 * LIST + 1e-9)
    follower = agent(tuned, "follower", price_index=1.5, aggressiveness=0.9)
    before = follower.prices - LIST
    follower.reprice(0, figures([1.0, 1.5, 0.9, 1.1]), np.random.default_rng(0))
    np.testing.assert_allclose(follower.prices - LIST, before * 0.9)


def test_rival_rules_that_contradict_themselves_are_refused() -> None:
    from pydantic import ValidationError

    from game.scenario.economics import Rivals

    with pytest.raises(ValidationError, match="premium_min"):
        Rivals(premium_min=0.5, premium_max=0.2)
    with pytest.raises(ValidationError, match="follower_rate"):
        Rivals(follower_rate=0.7, follower_rate_per_aggressiveness=0.5)
