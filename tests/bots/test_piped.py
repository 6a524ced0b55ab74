"""A player in a process of its own (``exec:COMMAND``): it hears the trainee view as JSON Lines and
answers with actions; the same policy plays the same game as it does in-process, and a player that
quits, chatters or stalls is told in one message."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from game.bots import piped
from game.bots.base import play
from game.bots.errors import PlayerError
from game.bots.registry import make_bot
from game.engine.game import Game
from game.engine.view_models import TraineeView
from game.scenario.loader import load_scenario

ROOT = Path(__file__).resolve().parents[2]
RIVERSIDE = str(ROOT / "scenarios" / "riverside-first-territory.yaml")
EXAMPLES = ROOT / "examples" / "players"
PIPED = f"exec:{sys.executable} {EXAMPLES / 'piped_listener.py'}"


def _main(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *argv], capture_output=True,
                          text=True, timeout=300, cwd=ROOT)


def _player(folder: Path, code: str) -> str:
    path = folder / "player.py"
    path.write_text(code, encoding="utf-8")
    return f"exec:{sys.executable} {path}"


def test_the_piped_example_plays_the_same_game_as_the_example_in_process() -> None:
    """Two writings of one policy, one importing the game and one that only reads JSON lines,
    give the same event log: the lines carry everything the view does."""
    digests = []
    for bot in (PIPED, str(EXAMPLES / "listener.py")):
        run = _main("simulate", RIVERSIDE, "--bot", bot, "--seed", "5", "--json")
        assert run.returncode == 0, run.stderr
        digests.append(json.loads(run.stdout)["event_log_sha256"])
    assert digests[0] == digests[1]


RECORDER = """
import json, sys
out = open(sys.argv[1], "w")
for line in sys.stdin:
    out.write(line)
    message = json.loads(line)
    if message["type"] == "view":
        print(json.dumps({"type": "end_phase"}), flush=True)
"""


def test_a_piped_player_hears_its_seed_then_the_trainee_view_then_the_end(tmp_path: Path) -> None:
    heard = tmp_path / "heard.jsonl"
    spec = _player(tmp_path, RECORDER) + f" {heard}"
    scenario, _ = load_scenario(RIVERSIDE)
    game = Game(scenario, seed=2)
    bot = make_bot(spec, 2)
    play(game, bot)
    assert bot.player._proc.poll() == 0  # type: ignore[attr-defined]  # it was let go
    messages = [json.loads(line) for line in heard.read_text(encoding="utf-8").splitlines()]
    assert messages[0] == {"type": "hello", "protocol": piped.PROTOCOL, "seed": 2}
    assert messages[-1] == {"type": "over"}
    views = [m["view"] for m in messages[1:-1]]
    assert all(m["type"] == "view" for m in messages[1:-1]) and views
    schema = jsonschema.Draft7Validator(json.loads(
        (ROOT / "schemas" / "player-view.schema.json").read_text(encoding="utf-8")))
    for view in views:  # exactly the view's fields, read back into the frozen model
        assert set(view) == set(TraineeView.model_fields)
        TraineeView.model_validate(view)
        schema.validate(view)  # and what the published schema tells a player in any language
    assert views[0]["phase"] == "briefing" and views[-1]["round"] == scenario.rounds


def test_the_published_action_schema_takes_every_action_a_game_was_played_with() -> None:
    schema = jsonschema.Draft7Validator(json.loads(
        (ROOT / "schemas" / "player-action.schema.json").read_text(encoding="utf-8")))
    scenario, _ = load_scenario(RIVERSIDE)
    game = Game(scenario, seed=4)
    play(game, make_bot("expert", 4))
    kinds = set()
    for action in game.actions:
        schema.validate(action.model_dump(mode="json"))
        kinds.add(action.type)
    assert len(kinds) >= 12
    assert not schema.is_valid({"type": "offer", "account": 3, "offer": {}})
    assert not schema.is_valid({"type": "fly"})


@pytest.mark.parametrize(("code", "says"), [
    ("import sys\nprint('no key', file=sys.stderr, flush=True)\nsys.exit(3)\n",
     "ended before the game did (exit code 3; it said: no key)"),
    ("import sys\nfor line in sys.stdin:\n    print('thinking...', flush=True)\n",
     "answered with a line that is not JSON: thinking..."),
    ("import json, sys\nfor line in sys.stdin:\n    print(json.dumps({'type': 'fly'}), flush=True)\n",
     "returned an action the game cannot read"),
])
def test_a_piped_player_that_misbehaves_is_told_in_one_message(tmp_path: Path, code: str,
                                                               says: str) -> None:
    run = _main("simulate", RIVERSIDE, "--bot", _player(tmp_path, code))
    assert run.returncode == 1
    assert says in run.stderr and "Traceback" not in run.stderr and "hint:" in run.stderr


def test_a_program_that_is_not_there_is_a_usage_error() -> None:
    run = _main("lab", RIVERSIDE, "--runs", "2", "--no-html", "--player", "exec:no-such-player-9")
    assert run.returncode == 2
    assert "no program to run as the player 'no-such-player-9'" in run.stderr


def test_a_player_that_stalls_is_given_up_on(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(piped, "ANSWER_SECONDS", 0.5)
    spec = _player(tmp_path, "import sys, time\nfor line in sys.stdin:\n    time.sleep(30)\n")
    scenario, _ = load_scenario(RIVERSIDE)
    bot = make_bot(spec, 1)
    with pytest.raises(PlayerError) as failed:
        play(Game(scenario, seed=1), bot)
    assert failed.value.key == "too_slow" and failed.value.exit_code == 1
    assert bot.player._proc.poll() is not None  # type: ignore[attr-defined]  # not left running
