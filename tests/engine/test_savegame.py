"""Saved games replay bit for bit, and an edited one says where it first diverges."""

from __future__ import annotations

import json

import pytest

from game.bots.base import play
from game.bots.heuristic import HeuristicBot
from game.engine.game import Game
from game.engine.savegame import SaveError, read_save, replay, write_save


@pytest.fixture(scope="module")
def saved(small, tmp_path_factory):
    game = Game(small, seed=11)
    play(game, HeuristicBot(11))
    path = tmp_path_factory.mktemp("saves") / "game.jsonl"
    write_save(game, path)
    return game, path


def test_a_saved_game_replays_to_the_same_event_log(saved, small):
    game, path = saved
    lines = path.read_text(encoding="utf-8").splitlines()
    header, footer = json.loads(lines[0]), json.loads(lines[-1])
    assert header["type"] == "header" and header["seed"] == 11 and header["engine_version"]
    assert footer["event_log_sha256"] == game.log_digest()
    report = replay(read_save(path), small)
    assert report.match, report.describe()
    assert report.event_log_sha256 == game.log_digest()
    assert "match" in report.describe()


def _edit_first(path, tmp_path, kind, change):
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        record = json.loads(line)
        if record.get("type") == "action" and record["action"]["type"] == kind:
            change(record["action"])
            lines[i] = json.dumps(record)
            out = tmp_path / "edited.jsonl"
            out.write_text("\n".join(lines) + "\n", encoding="utf-8")
            return out, i + 1, record["n"]
    raise AssertionError(f"no {kind} action in the saved game")


def test_editing_one_action_reports_the_first_diverging_event(saved, small, tmp_path):
    game, path = saved

    def cheaper(action):
        action["discount"] = 0.0 if action["discount"] > 0 else 0.05

    edited, line, n = _edit_first(path, tmp_path, "set_price", cheaper)
    report = replay(read_save(edited), small)
    assert not report.match
    d = report.divergence
    assert d["action"] == n and d["line"] == line
    lo, _ = game.action_bounds[n]
    assert d["event_seq"] == lo  # the edited action's own event is the first to differ
    assert f"#{lo}" in report.describe()


def test_a_cut_or_garbled_save_is_refused_with_its_line(saved, tmp_path):
    _, path = saved
    lines = path.read_text(encoding="utf-8").splitlines()
    garbled = tmp_path / "garbled.jsonl"
    garbled.write_text("\n".join(lines[:3] + ["{not json"] + lines[3:]) + "\n", encoding="utf-8")
    with pytest.raises(SaveError) as exc:
        read_save(garbled)
    assert exc.value.line == 4 and "hint" in str(exc.value)
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(SaveError):
        read_save(binary)


@pytest.mark.parametrize("digests", [None, 7, [1, 2], {"a": "b"}])
def test_an_action_whose_digests_are_not_text_is_refused_with_its_line(saved, tmp_path, digests):
    _, path = saved
    lines = path.read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines) if json.loads(line).get("type") == "action")
    record = json.loads(lines[n])
    record["events"] = digests
    lines[n] = json.dumps(record)
    edited = tmp_path / "edited.jsonl"
    edited.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SaveError) as exc:
        read_save(edited)
    assert exc.value.line == n + 1 and "edited" in str(exc.value)


def test_a_save_cut_short_does_not_match(saved, small, tmp_path):
    _, path = saved
    lines = path.read_text(encoding="utf-8").splitlines()
    cut = tmp_path / "cut.jsonl"
    cut.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    report = replay(read_save(cut), small)
    assert not report.match and "cut short" in report.describe()


def test_a_game_saved_under_other_rules_is_refused_naming_both_engines(saved, tmp_path):
    _, path = saved
    lines = path.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    header["engine_version"] = "1.0.0"
    old = tmp_path / "old.jsonl"
    old.write_text("\n".join([json.dumps(header), *lines[1:]]) + "\n", encoding="utf-8")
    with pytest.raises(SaveError) as err:
        read_save(old)
    from game import ENGINE_VERSION

    assert err.value.line == 1
    assert "1.0.0" in str(err.value) and ENGINE_VERSION in str(err.value)
    assert err.value.hint and "start a new game" in err.value.hint


def test_a_game_saved_by_the_engine_before_the_opening_figures_replays_and_matches():
    """A real save of engine 5.0, whose log did not carry round 1's figures of the quarter before
    the rep: it replays to the log it saved, once the fields logged since are left out."""
    from pathlib import Path

    from game.engine.events import as_logged_by, log_digest
    from game.scenario.loader import load_scenario

    root = Path(__file__).resolve().parents[2]
    saved = read_save(Path(__file__).parent / "data" / "riverside-novice-engine-5.0.jsonl")
    assert saved.header["engine_version"] == "5.0.0"
    scenario, _ = load_scenario(root / "scenarios" / "riverside-first-territory.yaml")
    report = replay(saved, scenario)
    assert report.match, report.describe()
    assert report.event_log_sha256 == saved.footer["event_log_sha256"]
    assert report.game.log_digest() != report.event_log_sha256  # the log carries more now
    # a save of this engine is checked against the whole log
    assert log_digest(as_logged_by(report.game.events, "5.1.0")) == report.game.log_digest()
