"""The feasibility rules agree with the game: their allowances cover the engine's rules, their
bounds hold in played games, and their deal zones match the negotiation package's."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from game.bots.base import play
from game.bots.registry import make_bot
from game.engine import operations
from game.engine.game import Game
from game.engine.review import totals
from game.negotiation.pareto import nash_point
from game.negotiation.space import OutcomeSpace
from game.negotiation.utility import customer_utilities, seller_rv, seller_utilities
from game.scenario.loader import load_scenario
from game.trainer import lint_targets
from game.trainer.lint_deals import deal_possible, deal_zone

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))
LINT_CORPUS = Path(__file__).resolve().parent / "lint_corpus"


def test_allowances_cover_the_engine_and_market_rules(shipped) -> None:
    assert lint_targets.MAX_PURCHASE_SIZE == np.iinfo(np.int32).max
    econ = shipped.economics
    for seg in shipped.market.segments:  # at least all effort plus a loyal, delighted customer
        assert operations.best_case_bonus(shipped, seg.id) >= (
            econ.field.relationship_gain + shipped.market.logit.relationship
            + econ.retention.loyalty * (1 - econ.retention.reference))



def test_the_share_bound_reads_the_scenarios_rival_ceiling(shipped) -> None:
    """Rivals allowed to price higher leave us a larger best-case share: lint asks the same
    economics block the market obeys, not a copy of its limit."""
    draws = lint_targets._draws(shipped)
    rivals = shipped.economics.rivals
    higher = shipped.model_copy(update={"economics": shipped.economics.model_copy(
        update={"rivals": rivals.model_copy(update={"price_ceiling": rivals.price_ceiling * 2})})})
    assert lint_targets.share_bound(higher, draws, rivals_at_ceiling=True) > \
        lint_targets.share_bound(shipped, draws, rivals_at_ceiling=True)

@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_played_games_stay_within_the_static_bounds(path: Path) -> None:
    scenario, _ = load_scenario(path)
    draws = lint_targets._draws(scenario)
    strict_share = lint_targets.share_bound(scenario, draws, rivals_at_ceiling=True)
    practical_share = lint_targets.share_bound(scenario, draws, rivals_at_ceiling=False)
    assert practical_share <= strict_share
    hard, expected = lint_targets.revenue_bounds(scenario, draws)
    assert expected <= hard
    game = Game(scenario, seed=1)
    play(game, make_bot("heuristic", 1))
    result = totals(game)
    assert result["market_share"] <= practical_share
    assert result["revenue"] <= expected
    assert result["customers"] <= scenario.market.customers + len(scenario.key_accounts)
    best_margin = max(
        (p.list_price - p.unit_cost) / p.list_price for p in scenario.company.products
    )
    assert result["margin"] <= best_margin


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_deal_zones_agree_with_the_negotiation_package(path: Path) -> None:
    scenario, _ = load_scenario(path)
    space = OutcomeSpace(scenario.negotiation)
    for ka in scenario.key_accounts:
        zone = deal_zone(space, scenario, ka)
        nash = nash_point(
            seller_utilities(space, scenario, ka),
            customer_utilities(space, ka),
            seller_rv(space, scenario, ka),
            ka.preferences.reservation,
        )
        assert zone.acceptable > 0 and nash is not None, ka.id
        assert deal_possible(scenario, ka)


def test_the_impossible_deal_of_the_corpus_has_no_zone_of_agreement() -> None:
    scenario, _ = load_scenario(LINT_CORPUS / "e201-impossible-deal.yaml")
    space = OutcomeSpace(scenario.negotiation)
    ka = scenario.key_accounts[0]
    assert deal_zone(space, scenario, ka).acceptable == 0
    assert not deal_possible(scenario, ka)
    rv_s = seller_rv(space, scenario, ka)
    u_c = customer_utilities(space, ka)
    assert (
        nash_point(seller_utilities(space, scenario, ka), u_c, rv_s, ka.preferences.reservation)
        is None
    )
