"""Weeks are counted one way everywhere, from 1 like the weekly chart: the status line never says
'week 0', and it names the week the chart and the progress card have reached."""

from __future__ import annotations

import re

import pytest

from game.bots.registry import make_bot
from game.engine.actions import EndPhase
from game.engine.phases import Phase
from game.ui.screens.fulfilment import weekly_revenue
from game.ui.script import Driver
from tests.ui.test_window import start_game


def _status_week(d: Driver) -> int:
    text = d.find("#round_week").text
    weeks = re.findall(r"(\d+)/\d+", text)
    return int(weeks[1])  # round r/R, then week w/W


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_status_line_card_and_chart_count_the_same_weeks(make_app, lang):
    d = Driver(make_app(lang=lang))
    start_game(d, "T-042", lang=lang)
    app = d.app
    assert _status_week(d) == 1  # the game opens on week 1, not 'week 0'
    game = app.play.recorded
    bot = make_bot("expert", game.seed)
    while game.phase != Phase.FULFILMENT:
        if not game.apply(bot.next_action(game.view())).accepted:
            assert game.apply(EndPhase()).accepted
    app.refresh(force=True)
    d.pump(2)
    assert _status_week(d) == 1
    per = app.view.brief.weeks_per_round
    d.key("space")  # run one week
    d.pump(2)
    labels, values = weekly_revenue(app.play.game.events, app.view)
    played = [label for label, v in zip(labels, values, strict=True) if v is not None]
    assert played == [labels[0]]
    assert _status_week(d) == int(played[-1]) + 1  # the week now in play follows the chart's last
    for comp in app.view.complaints:  # raised in the week just run: the chart's week 1
        said = "".join(d.find(f"#complaint_{comp.id}_{i}").text for i in range(3)
                       if d.exists(f"#complaint_{comp.id}_{i}"))
        assert re.findall(r"\d+", said)[-1] == played[-1]
    assert d.find("#week_progress").text == app.strings.t("fulfilment.week_of", done=1, weeks=per)
    d.key("r")  # run the rest of the round
    d.pump(4)
    while app.view.phase == Phase.FULFILMENT and app.view.week < app.view.round_end_week:
        d.key("r")
        d.pump(4)
    if app.view.phase == Phase.FULFILMENT:
        labels, values = weekly_revenue(app.play.game.events, app.view)
        assert all(v is not None for v in values)
        assert _status_week(d) == int(labels[-1]) <= app.view.brief.total_weeks
