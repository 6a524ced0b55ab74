"""The screenshot option: ``main.py play --script FILE --screenshot-dir DIR`` saves every screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.ui.script import ScriptError, load_script

ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_screenshot_script_is_valid():
    steps = load_script(ROOT / "docs" / "screenshot-script.json")
    kinds = {next(iter(s)) for s in steps}
    assert {"click", "key", "type", "select", "slide", "auto", "screenshot", "expect"} <= kinds
    assert steps[-1].get("screenshot") or any("debrief" in json.dumps(s) for s in steps)


def test_the_shipped_screenshot_script_plays_a_whole_game_through_the_window(tmp_path):
    """The command docs/ui.md gives runs to the debrief: every click reaches its widget (a
    dialog in the way stops the script instead of taking the click)."""
    shots = tmp_path / "shots"
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    run = subprocess.run(
        [sys.executable, "main.py", "play", "--lang", "zh", "--screenshot-dir", str(shots),
         "--script", str(ROOT / "docs" / "screenshot-script.json"),
         "--data-dir", str(tmp_path / "records")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    names = {p.name.split("-", 1)[1] for p in shots.glob("*.png")}
    assert {"conduct-dilemma.png", "negotiation-room.png", "debrief-assessment.png"} <= names


@pytest.mark.parametrize("bad, message", [
    ({"steps": 3}, "a JSON list of steps"),
    ([{"click": "#a", "key": "RETURN"}], "exactly one of"),
    ([{"slide": "#a", "to": 3}], "unknown key 'to'"),
    (["click"], "a step is an object"),
])
def test_a_bad_script_is_refused_with_the_step_named(tmp_path, bad, message):
    path = tmp_path / "s.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(ScriptError) as err:
        load_script(path)
    assert message in str(err.value)


def test_play_with_a_script_saves_a_png_of_every_screen_it_passes(tmp_path):
    script = tmp_path / "walk.json"
    script.write_text(json.dumps([
        {"click": "#lang_zh"},
        {"click": "#start_game"},
        {"expect": {"screen": "briefing", "round": 1}},
        {"key": "RETURN"}, {"key": "RETURN"},
        {"expect": {"phase": "analysis"}},
        {"click": "#run_market_research"},
        {"screenshot": "after research"},
    ]), encoding="utf-8")
    shots = tmp_path / "shots"
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    run = subprocess.run(
        [sys.executable, "main.py", "play", "--screenshot-dir", str(shots), "--script", str(script),
         "--data-dir", str(tmp_path / "records")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    names = sorted(p.name for p in shots.glob("*.png"))
    assert names == ["00-start.png", "01-start.png", "02-briefing-r1.png", "03-analysis-r1.png",
                     "04-after-research.png"]


def test_a_step_that_cannot_be_done_fails_the_run(tmp_path):
    script = tmp_path / "bad.json"
    script.write_text(json.dumps([{"click": "#no_such_button"}]), encoding="utf-8")
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    run = subprocess.run([sys.executable, "main.py", "play", "--script", str(script),
                          "--data-dir", str(tmp_path / "records")],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert "no widget '#no_such_button' on the 'start' screen" in run.stdout


SCRIPT_TEXT = json.loads((ROOT / "game" / "ui" / "script_text.json").read_text(encoding="utf-8"))


def test_each_script_error_pattern_fills_its_chinese_from_its_own_groups():
    import re
    import string

    for pattern in SCRIPT_TEXT["patterns"]:
        names = {n for _, n, _, _ in string.Formatter().parse(pattern["zh"]) if n}
        assert names <= set(re.compile(pattern["en"]).groupindex), pattern
        assert re.search(r"[\u4e00-\u9fff]", pattern["zh"]), pattern


@pytest.mark.parametrize("bad", [
    {"steps": 3}, [{"click": "#a", "key": "RETURN"}], [{"slide": "#a", "to": 3}], ["click"],
])
def test_a_bad_script_is_refused_in_chinese_with_lang_zh(tmp_path, bad):
    from game.ui.script import said

    path = tmp_path / "s.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(ScriptError) as err:
        load_script(path)
    told = said(str(err.value), "zh")
    assert "：错误：" in told and " error: " not in told, told


def test_a_step_that_cannot_be_done_is_told_in_chinese_with_lang_zh(tmp_path):
    script = tmp_path / "bad.json"
    script.write_text(json.dumps([{"key": "RETURN"}, {"expect": {"screen": "analysis"}}]),
                      encoding="utf-8")
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    run = subprocess.run([sys.executable, "main.py", "play", "--lang", "zh", "--script",
                          str(script), "--data-dir", str(tmp_path / "records")],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert '脚本第 2 步 {"expect": {"screen": "analysis"}}：错误：期望 screen 为' in run.stdout
