"""The forecast box, typed into with real key events: it keeps what was typed, refuses what is
not a number in the round's sane range and says the range, and takes a well-formed figure."""

from __future__ import annotations

import pytest

from game.engine.actions import SetForecast
from game.engine.game import Game
from game.engine.phases import Phase
from game.ui.script import Driver
from tests.ui.test_phase_end_warnings import _to
from tests.ui.test_window import start_game


def _type_forecast(d: Driver, text: str) -> None:
    d.click("#forecast")
    box = d.find("#forecast")
    box.set_text("")
    d.type(text)
    assert box.get_text() == text  # nothing silently stripped
    d.click("#apply_plan")
    d.pump(2)


@pytest.mark.parametrize("typed", ["abc-1e99", "9" * 30, "-5", "1e12"])
def test_what_is_not_a_sane_number_is_refused_with_the_range(make_app, typed):
    d = Driver(make_app(lang="en"))
    start_game(d, "T-091", lang="en")
    _to(d.app, Phase.PLANNING)
    d.pump(2)
    _type_forecast(d, typed)
    text, kind = d.app.status
    assert kind == "bad" and "from 0 to" in text
    assert d.app.view.plan.forecast is None


def test_a_figure_with_thousands_separators_is_taken(make_app):
    d = Driver(make_app(lang="zh"))
    start_game(d, "T-092", lang="zh")
    _to(d.app, Phase.PLANNING)
    d.pump(2)
    _type_forecast(d, "3,500,000")
    assert d.app.view.plan.forecast == 3_500_000


def test_the_engine_refuses_a_forecast_beyond_its_limit(small):
    game = Game(small)
    while game.phase != Phase.PLANNING:
        game.apply({"type": "end_phase"})
    target = small.targets.revenue / small.rounds
    result = game.apply(SetForecast(revenue=1e30))
    assert not result.accepted and result.code == "forecast_out_of_range"
    assert result.params["maximum"] == round(small.economics.forecast_limit * target)
    assert game.apply(SetForecast(revenue=target)).accepted
