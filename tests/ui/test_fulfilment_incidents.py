"""Incidents and complaints are told in full, with their cause: "#3 Huaxia Commercial Bank
(Shanghai): delivery pro…" never said what the problem was, and a complaint had no content."""

from __future__ import annotations

import pytest

from game.bots.registry import make_bot
from game.engine.actions import EndPhase
from game.engine.phases import Phase
from game.ui.script import Driver
from tests.ui.test_window import start_game


def _shown(d: Driver, object_id: str) -> str:
    lines = []
    while d.exists(f"{object_id}_{len(lines)}"):
        lines.append(d.find(f"{object_id}_{len(lines)}").text)
    return "".join(lines).replace(" ", "")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_incidents_and_complaints_are_told_in_full_with_their_cause(make_app, lang):
    d = Driver(make_app(lang=lang))
    start_game(d, "T-042", lang=lang)
    app = d.app
    game = app.play.recorded
    bot = make_bot("expert", game.seed)
    seen_incident = seen_complaint = False
    while not game.over and not (seen_incident and seen_complaint):
        if game.phase == Phase.FULFILMENT:
            app.refresh(force=True)
            d.click("#run_week")  # the rep runs the weeks with the button
            d.pump(2)
            if game.phase != Phase.FULFILMENT:
                continue
            view, names, t = app.view, app.names(), app.strings.t
            for inc in view.incidents[:3]:
                said = _shown(d, f"#incident_{inc.id}")
                assert "…" not in said
                assert t("cause." + inc.cause).replace(" ", "") in said
                assert names.account(inc.account).replace(" ", "") in said
                seen_incident = True
            for comp in view.complaints[:3]:
                said = _shown(d, f"#complaint_{comp.id}")
                assert "…" not in said
                assert t("complaint_cause." + comp.cause).replace(" ", "") in said
                seen_complaint = True
            if game.week == app.view.round_end_week:
                assert game.apply(EndPhase()).accepted
            continue
        if not game.apply(bot.next_action(game.view())).accepted:
            assert game.apply(EndPhase()).accepted
    assert seen_incident and seen_complaint
