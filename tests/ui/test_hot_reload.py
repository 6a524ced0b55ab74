"""Hot reload for trainers: saving the scenario file while practice runs rebuilds the game from
it (same seed, the trainee's steps re-applied); a broken file is shown with its positioned errors
and the game goes on."""

from __future__ import annotations

import os
import re
import shutil

import pytest

from game.engine.actions import action_to_dict
from game.engine.phases import Phase
from game.records.store import Store
from game.ui.reload import POLL_SECONDS
from game.ui.script import Driver

FRAMES = int(POLL_SECONDS * 60) + 6  # enough frames at 1/60 s for the watcher to look once


@pytest.fixture
def scenario_file(tmp_path, shipped_path, monkeypatch):
    """A copy of the shipped scenario the test edits; loaded for real, with a small market."""
    import game.ui.window as window_module
    from game.scenario.loader import load_scenario

    def small(path):
        scenario, sha = load_scenario(path)
        market = scenario.market.model_copy(update={"customers": 1000})
        return scenario.model_copy(update={"market": market}), sha

    monkeypatch.setattr(window_module, "load_scenario", small)
    path = tmp_path / "mine.yaml"
    shutil.copy(shipped_path, path)
    return path


def save(path, text: str) -> None:
    """Write the file as an editor does, and make sure its time stamp moves."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


def playing(make_app, path, mode: str = "practice") -> Driver:
    app = make_app(lang="en", scenario=str(path))
    d = Driver(app)
    d.pump(2)
    d.click("#trainee_id")
    d.type("T-042")
    d.click(f"#mode_{mode}")
    d.click("#start_game")  # the file named on the command line is the one picked
    assert app.play.scenario_path == str(path)
    d.key("RETURN")
    d.key("RETURN")
    d.key("1")  # questionnaire
    d.key("3")  # market research
    assert app.play.game.phase == Phase.ANALYSIS and len(app.play.game.actions) == 3
    return d


def test_saving_the_scenario_reloads_it_and_reapplies_the_steps(make_app, scenario_file, tmp_path):
    d = playing(make_app, scenario_file)
    app = d.app
    old_game, old_session = app.play.game, app.play.session_id
    actions = [action_to_dict(a) for a in old_game.actions]
    assert old_game.scenario.company.products[0].list_price == 800
    text = scenario_file.read_text(encoding="utf-8")
    save(scenario_file, text.replace("list_price: 800", "list_price: 880"))
    d.pump(FRAMES)
    game = app.play.game
    assert game is not old_game
    assert game.scenario.company.products[0].list_price == 880  # the engine plays the new file
    assert game.seed == old_game.seed
    assert [action_to_dict(a) for a in game.actions] == actions  # every step re-applied
    assert game.view().knowledge.market is not None and game.phase == Phase.ANALYSIS
    assert app.status == (app.strings.t("reload.done", n=3), "good")
    assert app.problems is None
    # the records: the old session is abandoned, the new one holds the re-applied steps
    with Store.open(tmp_path / "records", create=False) as store:
        assert store.session(old_session).status == "abandoned"
        new = store.session(app.play.session_id)
        assert new.status == "open" and new.actions == 3
        assert store.scenario_of(new).company.products[0].list_price == 880
    # saved again without a change: nothing to rebuild
    save(scenario_file, text.replace("list_price: 800", "list_price: 880"))
    d.pump(FRAMES)
    assert app.play.game is game


def test_a_broken_file_shows_its_errors_and_the_game_goes_on(make_app, scenario_file):
    d = playing(make_app, scenario_file)
    app = d.app
    game, digest = app.play.game, app.play.game.log_digest()
    text = scenario_file.read_text(encoding="utf-8")
    line = text.splitlines().index("      list_price: 800") + 1
    save(scenario_file, text.replace("list_price: 800", "list_price: -800"))
    d.pump(FRAMES)
    assert app.play.game is game and game.log_digest() == digest  # the game is kept
    assert d.exists("#reload_problems") and d.exists("#problems_text")
    assert re.search(rf"mine\.yaml:{line}:19: error E104: .*list_price", app.problems.text)
    assert "hint:" in app.problems.text
    assert app.status == (app.strings.t("reload.failed", n=1), "bad")
    d.key("2")  # the game goes on behind the panel: an interview
    assert len(app.play.game.actions) == 4
    d.click("#problems_close")
    assert app.problems is None and not d.exists("#reload_problems")
    save(scenario_file, text.replace("list_price: 800", "list_price: 900"))  # fixed
    d.pump(FRAMES)
    assert app.play.game.scenario.company.products[0].list_price == 900
    assert len(app.play.game.actions) == 4 and app.problems is None


def test_reloading_stops_at_the_first_step_the_new_scenario_refuses(make_app, scenario_file):
    d = playing(make_app, scenario_file)
    app = d.app
    text = scenario_file.read_text(encoding="utf-8")
    save(scenario_file, text.replace("effort_per_round: 20", "effort_per_round: 2"))
    d.pump(FRAMES)
    game = app.play.game
    assert game.scenario.company.effort_per_round == 2
    assert [a.type for a in game.actions] == ["end_phase", "questionnaire"]  # research: no effort
    status, kind = app.status
    assert kind == "warn"
    assert status.startswith("Scenario reloaded: 2 of 3 steps re-applied; stopped at "
                             "'market research'")
    assert status == d.find("#status_line").text or d.find("#status_line").text.endswith("…")


def test_lint_warnings_are_shown_after_a_reload(make_app, scenario_file):
    d = playing(make_app, scenario_file)
    app = d.app
    app.set_language("zh")
    text = scenario_file.read_text(encoding="utf-8")
    save(scenario_file, text.replace("  zh: 华东区域：商用电脑的一年\n", "", 1))
    d.pump(FRAMES)
    title = app.play.game.scenario.title  # rebuilt from the file: English only now
    assert title.pick("zh") == title.pick("en") == "East China territory: a year of business PCs"
    assert app.problems is not None
    assert re.search(r"mine\.yaml:8:3: 警告 W401：'title' 只有英文", app.problems.text)
    assert "提示：加上 'zh: ...' 并写出中文" in app.problems.text  # the interface's language
    assert app.status == (app.strings.t("reload.done", n=3), "good")


def test_no_hot_reload_in_assessment_mode(make_app, scenario_file):
    d = playing(make_app, scenario_file, mode="assessment")
    app = d.app
    game = app.play.game
    assert app.watcher is None
    save(scenario_file, scenario_file.read_text(encoding="utf-8").replace("list_price: 800",
                                                                           "list_price: 880"))
    d.pump(FRAMES)
    assert app.play.game is game and game.scenario.company.products[0].list_price == 800
