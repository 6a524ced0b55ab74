"""Risk alerts show only risks that are live, with the week they struck counted as the weekly chart
counts it; the timeline numbers a mid-week event by the same week."""

from __future__ import annotations

import re

from game.engine.actions import EndPhase, RunWeeks
from game.engine.phases import Phase
from game.ui import story
from game.ui.script import Driver
from tests.ui.test_window import start_game


def _step(app) -> None:
    """One week of play, or the next phase when the round's weeks have all run."""
    view = app.play.game.view()
    if view.phase == Phase.FULFILMENT and view.week < view.round_end_week:
        assert app.play.apply(RunWeeks(weeks=1)).accepted
    else:
        assert app.play.apply(EndPhase()).accepted


def test_a_struck_risk_names_the_week_the_chart_shows_it_in(make_app):
    d = Driver(make_app(lang="en"))
    start_game(d, "T-091", lang="en")
    app = d.app
    struck = []
    while not struck and not app.play.game.view().over:
        _step(app)
        struck = [r for r in app.play.game.view().risks if r.status != "warning"]
    assert struck, "no risk struck in the whole game"
    view = app.play.game.view()
    risk = struck[0]
    assert view.phase == Phase.FULFILMENT  # strikes come as a week runs
    app.refresh(force=True)
    d.pump(2)
    weeks_run = view.week  # the chart's last bar: the week just run, in which it struck
    assert d.exists(f"#risk_card_{risk.id}")  # on show while it lasts
    said = d.find(f"#risk_state_{risk.id}").text
    assert int(re.findall(r"struck in week (\d+)", said)[0]) == weeks_run
    event = next(e for e in reversed(app.play.game.events) if e.kind == "risk_struck")
    assert story.week_of(event, app.names()) == weeks_run
    assert f"Week {weeks_run} ·" in "\n".join(t for t, _ in story.timeline(app.play.game.events, app.names()))


def test_a_risk_whose_weeks_have_run_is_no_longer_an_alert(make_app):
    d = Driver(make_app(lang="zh"))
    start_game(d, "T-092", lang="zh")
    app = d.app
    ended = []
    while not ended and not app.play.game.view().over:
        _step(app)
        view = app.play.game.view()
        ended = [r for r in view.risks if r.status != "warning" and (r.end_week or 0) <= view.week]
    assert ended, "no risk struck and ended in the whole game"
    while app.play.game.view().phase != Phase.MAINTENANCE and not app.play.game.view().over:
        _step(app)
    app.refresh(force=True)
    d.pump(2)
    for risk in ended:
        assert not d.exists(f"#risk_card_{risk.id}")
