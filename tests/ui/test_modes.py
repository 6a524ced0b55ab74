"""Practice mode undoes exactly (the engine replays); assessment mode cannot undo; saving works."""

from __future__ import annotations

import json

from game.engine.phases import Phase
from game.ui.script import Driver


def start(make_app, mode: str) -> Driver:
    app = make_app(lang="en")
    d = Driver(app)
    d.pump(2)
    d.click("#trainee_id")
    d.type("T-042")
    d.click(f"#mode_{mode}")
    d.click("#start_game")
    d.key("RETURN")
    d.key("RETURN")
    assert app.play.game.phase == Phase.ANALYSIS
    return d


def test_practice_mode_undoes_the_last_action_exactly(make_app):
    d = start(make_app, "practice")
    app = d.app
    d.key("1")  # questionnaire
    before = [e.to_dict() for e in app.play.game.events]
    effort = app.play.game.effort_left
    d.key("3")  # market research
    assert app.view.knowledge.market is not None
    d.key("z", "ctrl")
    game = app.play.game
    assert [e.to_dict() for e in game.events] == before
    assert game.effort_left == effort and game.view().knowledge.market is None
    d.click("#undo")  # the button does the same
    assert len(app.play.game.actions) == 1  # back to before the questionnaire (EndPhase kept)


def test_assessment_mode_has_no_undo(make_app):
    d = start(make_app, "assessment")
    app = d.app
    d.key("3")
    n = len(app.play.game.actions)
    assert not d.exists("#undo")
    d.key("z", "ctrl")
    assert len(app.play.game.actions) == n
    assert app.view.knowledge.market is not None


def test_ctrl_s_saves_a_replayable_game(make_app, tmp_path):
    d = start(make_app, "practice")
    app = d.app
    d.key("3")
    d.key("s", "ctrl")
    text, kind = app.status
    assert kind == "good"
    saved = list((tmp_path / "data").rglob("*.jsonl"))
    assert len(saved) == 1
    lines = [json.loads(line) for line in saved[0].read_text(encoding="utf-8").splitlines()]
    assert lines[0]["type"] == "header" and lines[-1]["type"] == "footer"
    assert [x["action"]["type"] for x in lines if x["type"] == "action"] == [
        "end_phase", "market_research"]
