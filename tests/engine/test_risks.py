"""Risk (CW-50): an early warning comes before the strike, and a prepared response softens it."""

from __future__ import annotations

from game.engine.actions import EndPhase, RespondToRisk, RunWeeks
from game.engine.game import Game
from game.engine.phases import Phase
from game.engine.state import Strike


def _game_with_one_shock(small, warning_week: int = 3, strike_week: int = 6) -> Game:
    game = Game(small, seed=5)
    game.strikes = [
        Strike(id=0, risk="export-slump", kind="demand_shock", warning_week=warning_week,
               strike_week=strike_week, end_week=strike_week + 8, impact=0.25, target=None)
    ]
    while game.phase != Phase.FULFILMENT:
        assert game.apply(EndPhase()).accepted
    return game


def _weekly(game: Game, key: str) -> list[float]:
    return [e.payload[key] for e in game.events if e.kind == "week_simulated"]


def test_run_weeks_stops_at_the_warning_and_a_prepared_response_mitigates(small):
    game = _game_with_one_shock(small)
    result = game.apply(RunWeeks())
    assert result.accepted
    kinds = [e.kind for e in result.events]
    assert "risk_warning" in kinds
    assert game.week == 4  # paused after the week the warning arrived in (week 3)
    assert game.view().risks[0].status == "warning"
    responded = game.apply(RespondToRisk(strike=0, response="promotion"))
    assert responded.accepted
    payload = responded.events[0].payload
    assert payload["before_strike"] is True and payload["mitigation"] == 0.6
    game.apply(RunWeeks())
    struck = next(e for e in game.events if e.kind == "risk_struck")
    assert struck.week == 6 and struck.payload["warned"] is True
    assert abs(struck.payload["effect"]["demand_multiplier"] - (1 - 0.25 * 0.4)) < 1e-9


def test_a_demand_shock_lowers_demand_in_its_weeks_only(small):
    shocked = _game_with_one_shock(small)
    calm = Game(small, seed=5)
    calm.strikes = []
    while calm.phase != Phase.FULFILMENT:
        calm.apply(EndPhase())
    shocked.apply(EndPhase())
    calm.apply(EndPhase())
    a, b = _weekly(shocked, "demand"), _weekly(calm, "demand")
    assert a[:6] == b[:6]
    assert all(x < y for x, y in zip(a[6:13], b[6:13], strict=True))


def test_a_response_after_the_strike_only_helps_for_the_weeks_left(small):
    game = _game_with_one_shock(small, warning_week=6, strike_week=6)
    game.apply(RunWeeks(weeks=8))
    result = game.apply(RespondToRisk(strike=0, response="promotion"))
    assert result.accepted
    payload = result.events[0].payload
    assert payload["before_strike"] is False
    assert 0 < payload["mitigation"] < 0.6
    again = game.apply(RespondToRisk(strike=0, response="cut-forecast"))
    assert not again.accepted and again.code == "already_answered"
