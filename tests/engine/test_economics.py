"""The consequence rules (economics): each against a closed form or a simulation with tolerances
from sample size, played through the engine."""

from __future__ import annotations

import math

import numpy as np
import pytest

from game.bots.base import play
from game.bots.heuristic import HeuristicBot
from game.engine import accounts, operations
from game.engine.actions import AllocateEffort, EndPhase, Pursue, ResolveComplaint, SetForecast
from game.engine.game import Game
from game.engine.phases import Phase
from game.engine.review import profit_waterfall
from game.engine.state import Books, Complaint, Contract
from game.scenario.models import Scenario


def _to(game: Game, phase: Phase) -> None:
    while game.phase != phase:
        assert game.apply(EndPhase()).accepted


def _with_economics(scenario: Scenario, **blocks: dict) -> Scenario:
    econ = scenario.economics
    updates = {name: getattr(econ, name).model_copy(update=values) for name, values in blocks.items()}
    return scenario.model_copy(update={"economics": econ.model_copy(update=updates)})


def _sign(game: Game, account: str, units: int = 1300, payment_days: int = 60) -> Contract:
    """Make ``account`` a customer with a contract that delivers 100 units a week from now."""
    ka = next(k for k in game.scenario.key_accounts if k.id == account)
    contract = Contract(account=account, terms={"payment_days": payment_days}, unit_price=700.0,
                        units=units, product=ka.product, signed_week=game.week,
                        schedule_week=game.week, weekly_units=100.0, end_week=game.week + 13)
    state = game.accounts[account]
    state.contract, state.status, state.served, state.last_price = contract, "won", True, 700.0
    game.stock.receive(ka.product, 1e9)
    return contract


# ----------------------------------------------------------------- credit


def test_bad_debt_averages_exposure_times_default_chance_times_loss_given_default(small):
    """Each week a customer owing O_t defaults with the weekly hazard h of its rating's yearly
    probability; E[bad debt] = sum_t (1 - h)^t h O_t (1 - recovery) over the receivable path."""
    scenario = _with_economics(small, credit={"recovery": 0.4},
                               accounts={"complaint_threshold": 0.0})
    scenario = scenario.model_copy(update={"fulfilment": scenario.fulfilment.model_copy(
        update={"incident_rate": 0.0, "complaint_rate": 0.0})})
    account = next(k for k in scenario.key_accounts if k.credit_rating == "BB").id
    pd = scenario.economics.credit.default_probability["BB"]
    weeks = 13
    # 100 units at 700 a week, invoices due 9 weeks later (60 days): at week t's draw the
    # account owes the invoices of weeks t-9 .. t
    owed = [70_000.0 * min(t + 1, 10) for t in range(weeks)]
    h = 1 - (1 - pd) ** (1 / 52)
    expected = sum((1 - h) ** t * h * o * 0.6 for t, o in enumerate(owed))

    n = 3000
    losses = []
    game = Game(scenario, seed=1)
    start = game.week
    for seed in range(n):
        game.week, game.books[1] = start, Books()
        _sign(game, account)
        game.rng_credit = np.random.default_rng(seed)
        for _ in range(weeks):
            accounts.week(game, 0.8)
            game.week += 1
        losses.append(game.books[1].costs["bad_debt"])
    se = np.std(losses, ddof=1) / math.sqrt(n)
    assert abs(np.mean(losses) - expected) < 4 * se


# ----------------------------------------------------------------- field coverage


def test_coverage_fades_without_a_plan_and_moves_toward_one(small):
    """c_t = p + (c_0 - p)(1 - 1/T)^t with p = share ** response, T = coverage_weeks."""
    game = Game(small)
    c0 = game.coverage.copy()
    response = small.economics.field.response
    assert np.allclose(c0, (1 / len(small.market.segments)) ** response)  # the inherited plan
    T = small.economics.field.coverage_weeks
    _to(game, Phase.FULFILMENT)
    game.apply(EndPhase())  # 13 weeks with no field plan
    assert np.allclose(game.coverage, c0 * (1 - 1 / T) ** 13)
    _to(game, Phase.PLANNING)
    ids = [s.id for s in small.market.segments]
    plan = dict.fromkeys(ids, 0.0)
    plan[ids[0]] = 1.0
    assert game.apply(AllocateEffort(shares=plan)).accepted
    before = game.coverage.copy()
    _to(game, Phase.FULFILMENT)
    game.apply(EndPhase())
    target = np.array([plan[i] for i in ids]) ** response
    assert np.allclose(game.coverage, target + (before - target) * (1 - 1 / T) ** 13)


def test_a_plan_nobody_works_fades_as_no_plan_does(small):
    """A team's vacant region (``set_field_force(False)``): the plan stands, but with no one in
    the field its coverage fades as c_0 (1 - 1/T)^t, and comes back toward it once staffed."""
    game = Game(small)
    _to(game, Phase.PLANNING)
    ids = [s.id for s in small.market.segments]
    plan = dict.fromkeys(ids, 1.0 / len(ids))
    assert game.apply(AllocateEffort(shares=plan)).accepted
    game.set_field_force(False)
    before = game.coverage.copy()
    T = small.economics.field.coverage_weeks
    _to(game, Phase.FULFILMENT)
    game.apply(EndPhase())
    assert np.allclose(game.coverage, before * (1 - 1 / T) ** 13)
    game.set_field_force(True)
    faded = game.coverage.copy()
    _to(game, Phase.FULFILMENT)
    game.apply(EndPhase())
    target = np.array([plan[i] for i in ids]) ** small.economics.field.response
    assert np.allclose(game.coverage, target + (faded - target) * (1 - 1 / T) ** 13)


def test_a_rep_without_a_field_plan_loses_customers_to_one_with_it(small):
    def customers(shares: bool) -> int:
        game = Game(small, seed=4)
        ids = [s.id for s in small.market.segments]
        for _ in range(2):
            _to(game, Phase.PLANNING)
            if shares:
                game.apply(AllocateEffort(shares=dict.fromkeys(ids, 1 / len(ids))))
            _to(game, Phase.REVIEW)
            game.apply(EndPhase())
        return game.kpis[-1]["customers"]

    assert customers(False) < customers(True)


# ----------------------------------------------------------------- stock


def test_the_forecast_orders_the_stock_and_no_forecast_plans_to_the_target(small):
    game = Game(small, seed=2)
    _to(game, Phase.FULFILMENT)
    ordered = [e for e in game.events if e.kind == "stock_ordered"][-1].payload
    assert ordered["basis"] == "target"
    assert ordered["forecast"] == pytest.approx(small.targets.revenue / small.rounds)

    game = Game(small, seed=2)
    _to(game, Phase.PLANNING)
    forecast = 1_000_000.0
    game.apply(SetForecast(revenue=forecast))
    _to(game, Phase.FULFILMENT)
    ordered = [e for e in game.events if e.kind == "stock_ordered"][-1].payload
    assert ordered["basis"] == "forecast"
    warm = game.warm_up_books
    value = sum(
        units * warm.product_revenue[p] / warm.product_units[p]
        for p, units in game.stock.on_hand.items()
    )  # the stock at last quarter's prices is worth the forecast plus the safety stock
    assert value == pytest.approx(forecast * (1 + small.economics.stock.safety_stock), rel=1e-6)


def test_a_low_forecast_runs_out_loses_sales_and_rush_orders(small):
    """Stock for a tenth of the demand runs out in the first week: sales are lost, supply
    rush-orders at the premium and the rush arrives ``emergency_weeks`` later."""
    scenario = _with_economics(small, stock={"emergency_weeks": 3, "emergency_premium": 0.1})
    game = Game(scenario, seed=2)
    _to(game, Phase.PLANNING)
    game.apply(SetForecast(revenue=100_000.0))
    _to(game, Phase.FULFILMENT)
    game.apply(EndPhase())
    assert [e for e in game.events if e.kind == "stock_out"]
    rushed = [e for e in game.events if e.kind == "stock_rushed"]
    assert rushed and all(e.payload["arrives_week"] == e.week + 3 for e in rushed)
    arrived = {(e.week, e.payload["product"]) for e in game.events if e.kind == "stock_arrived"}
    assert {(e.week + 3, e.payload["product"]) for e in rushed} <= arrived
    books = game.books[1]
    assert books.lost_sales > 0 and books.costs["emergency"] > 0
    full = Game(scenario, seed=2)
    _to(full, Phase.REVIEW)
    assert books.revenue < full.books[1].revenue


def test_unsold_stock_is_written_down_at_the_round_end(small):
    game = Game(small, seed=2)
    _to(game, Phase.PLANNING)
    game.apply(SetForecast(revenue=50_000_000.0))  # far more than the market buys
    _to(game, Phase.REVIEW)
    e = [e for e in game.events if e.kind == "stock_written_down"][-1].payload
    share = small.economics.stock.write_down
    value = sum(u * game.stock.unit_costs[p] for p, u in e["left"].items())
    assert e["value"] == pytest.approx(value * share, rel=1e-3)
    assert game.books[1].costs["write_down"] == pytest.approx(e["value"], rel=1e-3)
    assert game.books[1].costs["holding"] > 0


# ----------------------------------------------------------------- key accounts


def test_an_opportunity_nobody_pursues_goes_to_the_rival_with_the_best_bid(small):
    game = Game(small, seed=3)
    first = [k.id for k in small.key_accounts if k.opportunity_round == 1]
    _to(game, Phase.NEGOTIATION)
    game.apply(EndPhase())
    lost = {e.payload["account"] for e in game.events if e.kind == "opportunity_lost"}
    assert lost == set(first)
    from game.engine.dealing import best_bid

    for e in (e for e in game.events if e.kind == "rival_won"):
        competitor, bid = best_bid(game, e.payload["account"])
        assert e.payload["competitor"] == competitor and e.payload["terms"] == bid
        assert game.accounts[e.payload["account"]].status == "lost"
    assert game.rival_contracts  # their volume now counts in the market's units
    assert Pursue(account=first[0]) and not game.apply(Pursue(account=first[0])).accepted


def test_a_dissatisfied_account_buys_part_of_what_is_due_elsewhere(small):
    game = Game(small, seed=1)
    account = small.key_accounts[0].id
    contract = _sign(game, account)
    econ = small.economics
    s = (econ.accounts.calloff_floor + econ.retention.reference) / 2  # halfway: half the orders
    game.accounts[account].satisfaction = s
    share = accounts.calloff_share(game, s)
    assert share == pytest.approx(0.5)
    before = game.books[1].key_account_revenue
    accounts._deliver(game, game.accounts[account], contract)
    assert game.books[1].key_account_revenue - before == pytest.approx(50 * 700.0)
    assert contract.bought_elsewhere == pytest.approx(50.0)
    assert [e for e in game.events if e.kind == "orders_reduced"]
    assert accounts.calloff_share(game, econ.retention.reference) == 1.0
    assert accounts.calloff_share(game, econ.accounts.calloff_floor) == 0.0


@pytest.mark.parametrize("offset", [-0.15, 0.0, 0.1])
def test_renewals_follow_the_logistic_in_satisfaction(small, offset):
    econ = small.economics.accounts
    s = econ.renewal_midpoint + offset
    expected = 1 / (1 + math.exp(-econ.renewal_steepness * offset))
    n, renewed = 1500, 0
    game = Game(small, seed=1)
    account = small.key_accounts[0].id
    for seed in range(n):
        contract = _sign(game, account)
        contract.delivered_units = contract.units
        game.accounts[account].satisfaction = s
        game.rng_operations = np.random.default_rng(seed)
        accounts._contract_ends(game, game.accounts[account], contract)
        renewed += game.accounts[account].status == "won"
    assert abs(renewed / n - expected) < 4 * math.sqrt(expected * (1 - expected) / n) + 1e-9


def test_complaint_recovery_halves_with_every_half_life_of_waiting(small):
    gains = {}
    for wait in (0, 2, 4):
        game = Game(small, seed=1)
        account = small.key_accounts[0].id
        _sign(game, account)
        game.accounts[account].satisfaction = 0.5
        game.complaints.append(Complaint(id=0, account=account, week=game.week))
        game.week += wait
        _to(game, Phase.MAINTENANCE)
        game.week = wait  # the phase walk ran the round's weeks; judge the wait we set
        game.accounts[account].satisfaction = 0.5
        assert game.apply(ResolveComplaint(complaint=0)).accepted
        gains[wait] = game.accounts[account].satisfaction - 0.5
    half = small.economics.accounts.recovery_half_life_weeks
    assert gains[0] == pytest.approx(small.economics.accounts.recovery)
    assert gains[2] == pytest.approx(gains[0] * 0.5 ** (2 / half))
    assert gains[4] == pytest.approx(gains[0] * 0.5 ** (4 / half))


# ----------------------------------------------------------------- profit


def test_the_profit_waterfall_adds_up_every_round(small):
    game = Game(small, seed=5)
    play(game, HeuristicBot(5))
    for books in game.books.values():
        w = profit_waterfall(books)
        parts = sum(v for k, v in w.items() if k != "profit")
        assert parts == pytest.approx(w["profit"], abs=0.1)
        assert w["profit"] == pytest.approx(books.revenue - books.cogs - books.fees
                                            - sum(books.costs.values()), abs=0.01)
    ended = [e for e in game.events if e.kind == "game_ended"][-1].payload
    assert ended["totals"]["profit"] == ended["waterfall"]["profit"]


def test_the_policy_sees_coverage_and_stock(small):
    game = Game(small, seed=1)
    game.coverage[:] = 0.5
    product = small.market.segments[0].product
    policy = operations.our_policy(game, 0.8, {product: True})
    gain = small.economics.field.relationship_gain
    assert policy.relationship_bonus[0] == pytest.approx(gain * 0.5)
    assert policy.reach[0] == 0.0  # out of stock: small customers cannot buy it from us


def test_a_scenario_written_before_the_economics_block_still_loads_and_plays():
    """No economics block, no competitor reaction: the defaults apply."""
    from pathlib import Path

    from game.bots.idle import IdleBot
    from game.scenario.loader import load_scenario

    path = Path(__file__).resolve().parents[1] / "trainer" / "lint_corpus" / "w206-deadline-beyond-limit.yaml"
    text = path.read_text(encoding="utf-8")
    assert "economics:" not in text and "reaction:" not in text
    scenario, _ = load_scenario(path)
    assert scenario.economics == type(scenario.economics)()
    game = Game(scenario, seed=1)
    play(game, IdleBot())
    assert game.over and [e for e in game.events if e.kind == "game_ended"]


@pytest.mark.parametrize("gain", [0.0, 0.05, 0.2])
def test_the_first_interview_adds_the_trust_the_scenario_sets_and_a_second_none(small, gain):
    from game.engine.actions import Interview

    scenario = _with_economics(small, accounts={"interview_trust": gain})
    game = Game(scenario, seed=1)
    _to(game, Phase.ANALYSIS)
    account = scenario.key_accounts[0].id
    before = game.accounts[account].trust
    assert game.apply(Interview(account=account)).accepted
    assert game.accounts[account].trust == pytest.approx(min(1.0, before + gain))
    assert game.apply(Interview(account=account)).accepted
    assert game.accounts[account].trust == pytest.approx(min(1.0, before + gain))


@pytest.mark.parametrize("sample", [5, 80])
def test_a_satisfaction_survey_asks_as_many_customers_as_the_scenario_sets(small, sample):
    from game.engine.actions import SatisfactionSurvey

    scenario = _with_economics(small, service={"survey_sample": sample})
    game = Game(scenario, seed=1)
    _to(game, Phase.MAINTENANCE)
    segment = scenario.market.segments[0].id
    assert game.apply(SatisfactionSurvey(segment=segment)).accepted
    [survey] = [e for e in game.events if e.kind == "satisfaction_surveyed"]
    pop = game.market.population
    ours = int(np.count_nonzero((pop.segment == 0) & (pop.vendor == 0)))  # the segment's, ours
    assert ours > sample
    assert survey.payload["n"] == sample
