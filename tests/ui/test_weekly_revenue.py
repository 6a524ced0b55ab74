"""The weekly revenue bars add up to the round's revenue shown beside them: key-account deliveries
are revenue of the week they are delivered in, not only the market's sales."""

from __future__ import annotations

import pytest

from game.bots.registry import make_bot
from game.engine.actions import EndPhase
from game.engine.phases import Phase
from game.ui.screens.fulfilment import weekly_revenue
from game.ui.script import Driver
from tests.ui.test_window import start_game


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_weekly_bars_sum_to_the_rounds_revenue(make_app, lang):
    d = Driver(make_app(lang=lang))
    start_game(d, "T-042", lang=lang)
    app = d.app
    game = app.play.recorded
    bot = make_bot("expert", game.seed)
    while game.phase != Phase.FULFILMENT:
        if not game.apply(bot.next_action(game.view())).accepted:
            assert game.apply(EndPhase()).accepted
    app.refresh(force=True)
    d.pump(2)
    for _ in range(3):
        d.key("space")  # run a week with the key the button names
        d.pump(2)
    view = app.view
    assert view.phase == Phase.FULFILMENT
    _, values = weekly_revenue(app.play.game.events, view)
    assert sum(v for v in values if v is not None) == pytest.approx(view.now.revenue, abs=1.0)
    market = sum(e.payload["revenue"] for e in app.play.game.events
                 if e.kind == "week_simulated" and e.round == view.round)
    assert view.now.revenue > market + 1.0  # key accounts were delivered to: market sales fall short
