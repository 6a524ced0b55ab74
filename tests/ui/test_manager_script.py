"""``play MANAGER.yaml --script FILE --screenshot-dir DIR``: the manager window is driven by the
steps its screens have and saves a PNG of every screen it passes; a step it cannot take stops
the script with a line that says why (before, both options were ignored and a scripted run
never ended)."""

from __future__ import annotations

import json
from pathlib import Path

import pygame
import pytest

from game.cli import main
from game.records.store import Store
from tests.conftest import ROOT

TEAM = ROOT / "scenarios" / "manager" / "east-china-team.yaml"


def play(tmp_path: Path, steps: list[dict]) -> tuple[int, Path]:
    script = tmp_path / "steps.json"
    script.write_text(json.dumps(steps), encoding="utf-8")
    shots = tmp_path / "shots"
    code = main(["play", str(TEAM), "--lang", "zh", "--seed", "3", "--trainee", "t-1",
                 "--script", str(script), "--screenshot-dir", str(shots),
                 "--data-dir", str(tmp_path / "records")])
    return code, shots


def test_a_script_plays_the_team_to_the_debrief_and_every_screen_is_saved(tmp_path, capsys):
    code, shots = play(tmp_path, [
        {"click": "candidates"}, {"expect": {"screen": "hiring"}}, {"click": "#back"},
        {"select": "plan-basis", "option": "margin"}, {"click": "set-plan"},
        {"auto": True, "until": 2}, {"expect": {"screen": "team", "round": 2}},
        {"screenshot": "second-round"}, {"auto": True},
        {"expect": {"screen": "debrief", "over": True}},
    ])
    assert code == 0, capsys.readouterr().out
    names = sorted(p.name for p in shots.glob("*.png"))
    rounds = len({n.split("-r")[1] for n in names if "-team-r" in n})
    assert any(n.endswith("-hiring-r1.png") for n in names)
    assert any(n.endswith("-second-round.png") for n in names)
    assert names[-1].endswith("-debrief.png") and rounds >= 2
    for path in shots.glob("*.png"):
        assert pygame.image.load(str(path)).get_size() == (1280, 720)
    with Store.open(tmp_path / "records") as store:  # decisions went through the recorded game
        session = store.sessions("t-1")[-1]
        assert session.track == "manager" and session.status == "finished"
        first = store.actions(session.id)[0][0]
        assert first["type"] == "set_plan" and first["basis"] == "margin"  # the picked option


@pytest.mark.parametrize(("steps", "said"), [
    ([{"type": "abc"}], "经理窗口没有 'type' 这种步骤"),
    ([{"click": "no-such-button"}], "'team' 界面上没有按钮 'no-such-button'"),
    ([{"select": "plan-basis", "option": "nothing"}], "'plan-basis' 没有选项 'nothing'"),
    ([{"expect": {"round": 4}}], "期望 round 为 4，实际为 1"),
])
def test_a_step_the_window_cannot_take_stops_the_script_and_says_why(tmp_path, capsys, steps,
                                                                      said):
    code, _ = play(tmp_path, steps)
    assert code == 1
    assert said in capsys.readouterr().out
