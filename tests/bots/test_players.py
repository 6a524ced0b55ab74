"""Players written outside the game (``--bot FILE.py:NAME``, ``lab --player``): they play from the
trainee view like every bot, the lab judges them as it judges the gaming bots, and a player that
cannot load or fails while it plays gets one message naming its file and line."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.assessment.lab import run_lab
from game.bots.base import play
from game.bots.registry import make_bot
from game.engine.game import Game
from game.engine.view_models import TraineeView
from game.scenario.loader import load_scenario

ROOT = Path(__file__).resolve().parents[2]
RIVERSIDE = str(ROOT / "scenarios" / "riverside-first-territory.yaml")
LISTENER = str(ROOT / "examples" / "players" / "listener.py")


def _main(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *argv], capture_output=True,
                          text=True, timeout=300, cwd=ROOT)


def _write(folder: Path, name: str, code: str) -> str:
    path = folder / name
    path.write_text(code, encoding="utf-8")
    return str(path)


NOVICE_AGAIN = """
from game.bots.registry import make_bot

class Novice:
    targets = ("customer-analysis",)  # the trick it claims to play

    def __init__(self, seed):
        self.inner, self.name = make_bot("novice", seed), "novice-again"

    def next_action(self, view):
        return self.inner.next_action(view)
"""

WATCHER = """
from game.engine.actions import EndPhase

SEEN = []

class Player:
    def __init__(self, seed):
        self.name = "watcher"

    def next_action(self, view):
        SEEN.append(view)
        return {"type": "end_phase"}
"""


def test_the_example_player_plays_a_whole_game_the_same_way_twice() -> None:
    runs = [_main("simulate", RIVERSIDE, "--bot", LISTENER, "--seed", "3", "--json")
            for _ in range(2)]
    documents = [json.loads(run.stdout) for run in runs]
    assert [run.returncode for run in runs] == [0, 0]
    assert documents[0]["ok"] and documents[0]["bot"] == LISTENER
    assert documents[0]["event_log_sha256"] == documents[1]["event_log_sha256"]
    statuses = {n["status"] for n in documents[0]["negotiations"].values()}
    assert statuses and statuses != {None}  # it pursued and negotiated, not only pressed next

    scenario, _ = load_scenario(RIVERSIDE)
    game = Game(scenario, seed=3)
    play(game, make_bot(LISTENER, 3))
    assert game.log_digest() == documents[0]["event_log_sha256"]


def test_a_player_is_handed_the_trainee_view_and_nothing_else(tmp_path: Path) -> None:
    spec = _write(tmp_path, "watcher.py", WATCHER)
    scenario, _ = load_scenario(RIVERSIDE)
    game = Game(scenario, seed=1)
    bot = make_bot(spec, 1)
    play(game, bot)
    seen = sys.modules[type(bot.player).__module__].SEEN  # type: ignore[attr-defined]
    assert game.over and len(seen) >= 9 * scenario.rounds - 1  # every phase of every round
    assert {type(v) for v in seen} == {TraineeView}


def test_the_lab_judges_an_outside_player_as_it_judges_the_gaming_bots(tmp_path: Path) -> None:
    """A player that is the novice under another name is level with the novice everywhere (and
    the trick it names in ``targets`` is marked as its aim); the
    example listener, which asks what each customer needs before it quotes, leads it on customer
    analysis, and the lab says so and names the indicator. Played in worker processes, which load
    the players on their own."""
    clone = _write(tmp_path, "novice_again.py", NOVICE_AGAIN) + ":Novice"
    report = run_lab(RIVERSIDE, 4, workers=2, players=[clone, LISTENER])
    assert report.gaming[-2:] == [clone, LISTENER]
    judged = {(c.id, g["bot"]): g for c in report.competencies for g in c.gaming}
    for c in report.competencies:
        if c.tiers["novice"]["n"]:
            assert c.tiers[clone] == c.tiers["novice"], c.id
            assert judged[(c.id, clone)]["pass"], c.id
        assert judged[(c.id, clone)]["targeted"] == (c.id == "customer-analysis")
    listened = judged[("customer-analysis", LISTENER)]
    assert not listened["pass"] and listened["mean"] > listened["novice"] == 0
    assert listened["carried_by"]["indicator"] == "needs_before_quote"
    assert any(LISTENER in f for f in report.failures)


def test_a_player_file_imports_its_neighbours(tmp_path: Path) -> None:
    _write(tmp_path, "tactics_of_mine.py", "OPENING = 'end_phase'\n")
    spec = _write(tmp_path, "neighbourly.py", (
        "from tactics_of_mine import OPENING\n\n"
        "class Player:\n    def __init__(self, seed):\n        self.name = 'n'\n\n"
        "    def next_action(self, view):\n        return {'type': OPENING}\n"))
    run = _main("simulate", RIVERSIDE, "--bot", spec, "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["ok"]


BROKEN = {
    "syntax.py": ("class Player:\n    def next_action(self, view)\n        return None\n", 2,
                  "syntax.py:2:32: error: the player's code does not parse"),
    "raises.py": ("from game.engine.actions import EndPhase\n\nclass Player:\n"
                  "    def __init__(self, seed):\n        self.name = 'raises'\n\n"
                  "    def next_action(self, view):\n"
                  "        if view.phase == 'negotiation':\n            return 1 / 0\n"
                  "        return EndPhase()\n", 1,
                  "raises.py:9: error: the player .*raises.py failed while it played "
                  r"\(ZeroDivisionError"),
    "words.py": ("class Player:\n    def __init__(self, seed):\n        self.name = 'w'\n\n"
                 "    def next_action(self, view):\n        return 'next please'\n", 1,
                 "returned an object of type str, not an action"),
    "bad_offer.py": ("class Player:\n    def __init__(self, seed):\n        self.name = 'b'\n\n"
                     "    def next_action(self, view):\n"
                     "        return {'type': 'offer', 'account': 3}\n", 1,
                     r"cannot read \(offer.account: Input should be a valid string\)"),
    "no_method.py": ("def Player(seed):\n    return 42\n", 2,
                     r"made an object of type int, which has no next_action\(view\)"),
    "fails_loading.py": ("settings = {}\nlevel = settings['level']\n", 2,
                         "fails_loading.py:2: error: the player's code failed as it loaded "
                         r"\(KeyError: 'level'\)"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_player_gets_one_message_with_its_file_and_line(tmp_path: Path,
                                                                 name: str) -> None:
    code, exit_code, says = BROKEN[name]
    spec = _write(tmp_path, name, code)
    run = _main("simulate", RIVERSIDE, "--bot", spec)
    assert run.returncode == exit_code
    assert re.search(says, run.stderr), run.stderr
    assert "Traceback" not in run.stderr and "hint:" in run.stderr


@pytest.mark.parametrize(("bot", "says"), [
    ("missing.py", "missing.py: error: no such player file"),
    ("{listener}:Listener", "nothing called 'Listener' to play with (players found: Player)"),
    ("no.such.module:Player", "no Python module 'no.such.module'"),
])
def test_a_player_that_is_not_there_is_a_usage_error(bot: str, says: str) -> None:
    run = _main("simulate", RIVERSIDE, "--bot", bot.format(listener=LISTENER))
    assert run.returncode == 2
    assert says in run.stderr and "Traceback" not in run.stderr


def test_a_player_that_fails_in_a_lab_worker_is_told_like_one_that_fails_alone(
        tmp_path: Path) -> None:
    spec = _write(tmp_path, "raises.py", BROKEN["raises.py"][0])
    run = _main("lab", RIVERSIDE, "--runs", "2", "--workers", "2", "--no-html", "--player", spec,
                "--json")
    document = json.loads(run.stdout)
    assert run.returncode == 1 and document["ok"] is False
    assert document["messages"][0]["key"] == "player.failed_played"
    assert document["messages"][0]["params"]["where"].endswith("raises.py:9")


def test_a_player_is_told_in_chinese_too(tmp_path: Path) -> None:
    run = _main("simulate", RIVERSIDE, "--bot", str(tmp_path / "missing.py"), "--lang", "zh")
    assert run.returncode == 2
    assert "找不到这个玩家文件" in run.stderr and "提示" in run.stderr
