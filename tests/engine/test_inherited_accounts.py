"""Key accounts the rep takes over under contract: ours from the first week, kept or lost by how
they are looked after, with no deal to win."""

from __future__ import annotations

from game.engine.actions import EndPhase, Pursue, Visit
from game.engine.game import Game
from game.engine.phases import Phase
from game.scenario.models import Scenario

TERMS = {"price": 0.05, "volume": 1.0, "delivery_weeks": 4.0, "payment_days": 30.0, "service": "standard"}


def _inheriting(small: Scenario, account: str = "hx-bank") -> Scenario:
    accounts = [ka.model_copy(update={"inherited": dict(TERMS)}) if ka.id == account else ka
                for ka in small.key_accounts]
    return small.model_copy(update={"key_accounts": accounts})


def _to(game: Game, phase: Phase) -> None:
    while game.phase != phase:
        assert game.apply(EndPhase()).accepted


def test_an_inherited_account_is_ours_from_the_start_under_its_terms(small):
    game = Game(_inheriting(small), seed=3)
    ka = next(k for k in small.key_accounts if k.id == "hx-bank")
    taken = [e for e in game.events if e.kind == "account_inherited"]
    assert [e.payload["account"] for e in taken] == ["hx-bank"]
    list_price = small.product(ka.product).list_price
    assert taken[0].payload["units"] == ka.volume
    assert taken[0].payload["unit_price"] == round(list_price * 0.95, 2)
    view = game.view()
    assert view.account("hx-bank").status == "won"
    assert view.brief.account("hx-bank").inherited
    assert not view.brief.account("jinling-mfg").inherited
    assert "hx-bank" not in view.opportunities


def test_its_deliveries_run_from_the_first_week_and_bring_revenue(small):
    plain, inheriting = Game(small, seed=3), Game(_inheriting(small), seed=3)
    for game in (plain, inheriting):
        _to(game, Phase.MAINTENANCE)
    contract = inheriting.accounts["hx-bank"].contract
    assert contract is not None and contract.delivered_units > 0
    assert inheriting.books[1].key_account_revenue > plain.books[1].key_account_revenue


def test_there_is_no_deal_to_pursue_with_it_and_it_can_be_visited(small):
    game = Game(_inheriting(small), seed=3)
    _to(game, Phase.NEGOTIATION)
    refused = game.apply(Pursue(account="hx-bank"))
    assert not refused.accepted and refused.code == "not_open"
    _to(game, Phase.MAINTENANCE)
    assert game.apply(Visit(account="hx-bank")).accepted


def test_the_same_game_gives_the_same_events(small):
    scenario = _inheriting(small)
    first, second = Game(scenario, seed=5), Game(scenario, seed=5)
    for game in (first, second):
        _to(game, Phase.MAINTENANCE)
    assert first.events == second.events
    assert sum(e.kind == "account_inherited" for e in first.events) == 1
