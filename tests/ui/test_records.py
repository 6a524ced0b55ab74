"""The window records every step in the HR store as it happens, and resumes by replay.

Each test drives the window with real clicks and keys, then opens the store on its own, as a
process started after a crash would, and checks what is in it.
"""

from __future__ import annotations

from game.engine.actions import action_to_dict
from game.engine.phases import Phase
from game.records.store import Store
from game.trainer.variants import make_variant
from game.ui.script import Driver


def begin(make_app, trainee: str = "T-042", mode: str = "practice", **kw) -> Driver:
    """The start screen: trainee id typed, mode clicked, Start clicked; then into analysis."""
    app = make_app(lang="en", **kw)
    d = Driver(app)
    d.pump(2)
    if trainee:
        d.click("#trainee_id")
        d.type(trainee)
    d.click(f"#mode_{mode}")
    d.click("#start_game")
    assert app.play is not None, app.status
    d.key("RETURN")
    d.key("RETURN")
    assert app.play.game.phase == Phase.ANALYSIS
    return d


def committed(tmp_path, session_id: str) -> list[dict]:
    with Store.open(tmp_path / "records", create=False) as store:
        return [action for action, _ in store.actions(session_id)]


def test_every_step_is_committed_before_the_window_shows_it(make_app, tmp_path):
    d = begin(make_app)
    app = d.app
    session = app.play.session_id
    assert session is not None
    for key in ("1", "3"):  # a questionnaire, market research: each committed when it shows
        d.key(key)
        game = app.play.game
        assert committed(tmp_path, session) == [action_to_dict(a) for a in game.actions]
    d.click("#target_seg_midmarket")
    d.click("#save_targets")
    assert committed(tmp_path, session)[-1] == {"type": "select_targets", "segments": ["midmarket"],
                                                "accounts": []}
    with Store.open(tmp_path / "records", create=False) as store:
        info = store.session(session)
    assert (info.trainee_id, info.mode, info.player, info.status) == ("T-042", "practice",
                                                                     "human", "open")


def test_undo_takes_the_step_back_in_the_store_too(make_app, tmp_path):
    d = begin(make_app)
    app = d.app
    d.key("3")
    assert len(committed(tmp_path, app.play.session_id)) == 2
    d.key("z", "ctrl")
    assert [a["type"] for a in committed(tmp_path, app.play.session_id)] == ["end_phase"]
    assert app.view.knowledge.market is None


def test_continue_on_the_start_screen_resumes_a_dropped_game(make_app, tmp_path):
    d = begin(make_app)
    first = d.app
    d.key("1")
    d.key("3")
    phase, digest = first.play.game.phase, first.play.game.log_digest()
    session = first.play.session_id
    # the window is dropped without closing anything (a crash); a new one starts
    again = make_app(lang="en")
    d2 = Driver(again)
    d2.pump(2)
    assert not d2.find("#continue_game").is_enabled  # no id typed: no unfinished session
    d2.click("#trainee_id")
    d2.type("T-042")
    assert d2.find("#continue_game").is_enabled
    info = " ".join(d2.find(f"#continue_info_{i}").text for i in (0, 1))
    assert "Practice" in info and "3 steps" in info  # end_phase and two research steps
    d2.click("#continue_game")
    game = again.play.game
    assert again.play.session_id == session
    assert (game.phase, game.log_digest()) == (phase, digest)
    assert again.screen_key() == "analysis" and again.status[1] == "good"
    d2.key("4")  # play on: the next step is committed to the same session
    assert committed(tmp_path, session)[-1]["type"] == "data_analysis"


def test_play_resume_continues_the_latest_unfinished_game(make_app):
    d = begin(make_app, trainee="T-007")
    d.key("3")
    before = d.app.play.game
    phase, digest, n = before.phase, before.log_digest(), len(before.actions)
    resumed = make_app(lang="zh", trainee="T-007", resume=True)  # play --trainee T-007 --resume
    game = resumed.play.game
    assert (game.phase, game.log_digest(), len(game.actions)) == (phase, digest, n)
    assert resumed.screen_key() == "analysis"
    anyone = make_app(lang="en", resume=True)  # play --resume: the latest of anyone's
    assert anyone.play.game.log_digest() == digest


def test_play_resume_with_nothing_to_resume_stays_on_the_start_screen(make_app):
    app = make_app(lang="zh", trainee="T-404", resume=True)
    assert app.play is None and app.screen_key() == "start"
    assert app.status == (app.strings.t("status.nothing_to_resume"), "bad")


def test_assessment_needs_a_trainee_id(make_app):
    app = make_app(lang="en")
    d = Driver(app)
    d.pump(2)
    d.click("#mode_assessment")
    d.click("#start_game")
    assert app.play is None
    assert app.status == (app.strings.t("start.need_trainee"), "bad")
    d.click("#trainee_id")
    d.type("Zhang San")  # a name, not a pseudonymous id
    d.click("#start_game")
    assert app.play is None and app.status[0] == app.strings.t("start.bad_trainee")


def test_assessment_plays_the_trainees_own_variant(make_app, monkeypatch, tmp_path):
    import game.ui.window as window_module
    from game.scenario.loader import load_scenario
    from game.ui.paths import SCENARIOS

    varied, sha = load_scenario(SCENARIOS / "key-account-deals.yaml")
    assert varied.variation is not None
    monkeypatch.setattr(window_module, "load_scenario", lambda path: (varied, sha))
    d = begin(make_app, trainee="T-101", mode="assessment")
    app = d.app
    assert app.play.game.scenario == make_variant(varied, "T-101")
    assert app.play.game.scenario != varied
    assert not d.exists("#undo")
    with Store.open(tmp_path / "records", create=False) as store:
        info = store.session(app.play.session_id)
        assert (info.variant, info.mode) == ("T-101", "assessment")
        assert store.scenario_of(info) == app.play.game.scenario  # resume plays the variant


def test_a_store_that_cannot_be_opened_leaves_practice_unrecorded(make_app, tmp_path):
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "records.sqlite3").write_bytes(b"this is not a database" * 100)
    app = make_app(lang="en")
    d = Driver(app)
    d.pump(2)
    d.click("#trainee_id")
    d.type("T-042")
    d.click("#mode_assessment")
    d.click("#start_game")
    assert app.play is None and app.status == (app.strings.t("records.needed"), "bad")
    d.click("#mode_practice")
    d.click("#start_game")
    assert app.play is not None and app.play.session_id is None
    assert app.status == (app.strings.t("status.started_unrecorded"), "warn")
    d.key("RETURN")
    d.key("RETURN")
    d.key("3")
    assert app.view.knowledge.market is not None  # practice goes on
    assert (folder / "records.sqlite3").read_bytes() == b"this is not a database" * 100


def test_a_step_the_store_refuses_is_taken_back_and_said(make_app):
    d = begin(make_app)
    app = d.app
    n = len(app.play.game.actions)
    app.set_language("zh")
    store = app.play.store

    def refuse(*args, **kwargs):
        from game.records.errors import StoreError

        raise StoreError(str(store.path), "disk full", "free some space")

    store.record_action = refuse  # the disk fills up
    d.key("3")
    assert len(app.play.game.actions) == n
    assert app.view.knowledge.market is None
    text, kind = app.status
    assert kind == "bad" and app.strings.t("reject.not_saved") in text


def test_a_game_from_an_older_engine_says_why_it_cannot_be_resumed(make_app, tmp_path):
    import sqlite3

    d = begin(make_app, trainee="T-008")
    d.key("3")
    d.app.play = None
    db = sqlite3.connect(tmp_path / "records" / "records.sqlite3")
    with db:  # the game was begun before an update that changed the rules
        db.execute("UPDATE sessions SET engine_version = '1'")
    db.close()
    app = make_app(lang="zh", trainee="T-008", resume=True)
    assert app.play is None
    text, tone = app.status
    assert tone == "bad" and text.startswith("无法恢复这局游戏："), text
    assert "引擎 1" in text and "开始新的对局" in text, text  # what happened and what to do
    # the start screen says so before anyone clicks: Continue is off, the line names the engine
    start = Driver(make_app(lang="zh"))
    start.pump(2)
    start.click("#trainee_id")
    start.type("T-008")
    start.pump(2)
    assert not start.find("#continue_game").is_enabled
    info = " ".join(start.find(f"#continue_info_{i}").text for i in (0, 1)
                    if start.exists(f"#continue_info_{i}"))
    assert "引擎 1" in info and "无法继续" in info, info
