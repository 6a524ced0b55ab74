"""Re-scoring a saved game gives exactly the scores and evidence of the original."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.assessment.assess import assess
from game.bots.base import play
from game.bots.registry import make_bot
from game.engine.game import Game
from game.engine.savegame import read_save, replay, write_save

ROOT = Path(__file__).resolve().parents[2]


def main(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def saved(shipped, shipped_path, tmp_path_factory):
    game = Game(shipped, seed=7)
    play(game, make_bot("intermediate", 7))
    path = tmp_path_factory.mktemp("saves") / "game.jsonl"
    write_save(game, path, scenario_path=str(shipped_path))
    return game, assess(game), path


def test_replaying_a_save_rescored_equals_the_original_assessment(saved, shipped):
    _, original, path = saved
    report = replay(read_save(path), shipped)
    assert report.match
    again = assess(report.game)
    assert again == original
    assert again.model_dump(mode="json") == original.model_dump(mode="json")
    for a, b in zip(again.competencies, original.competencies, strict=True):
        assert a.evidence == b.evidence


def test_replay_score_json_on_the_command_line_equals_the_original(saved):
    _, original, path = saved
    out = main("replay", str(path), "--score", "--json")
    assert out.returncode == 0, out.stderr
    document = json.loads(out.stdout)
    assert document["ok"] is True and document["replay"]["match"] is True
    own = {k: v for k, v in document.items() if k not in ("command", "ok", "messages", "replay")}
    assert own == original.model_dump(mode="json")


def test_replay_score_prints_the_three_kinds_of_result(saved):
    _, original, path = saved
    out = main("replay", str(path), "--score")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("match")
    for heading in ("Objective KPIs", "market allowed", "Competencies"):
        assert heading in out.stdout
    for c in original.competencies:
        assert c.name.en in out.stdout


def test_an_edited_save_is_not_scored(saved, tmp_path):
    _, _, path = saved
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        record = json.loads(line)
        if record.get("type") == "action" and record["action"]["type"] == "set_forecast":
            record["action"]["revenue"] += 1000.0
            lines[i] = json.dumps(record)
            break
    edited = tmp_path / "edited.jsonl"
    edited.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = main("replay", str(edited), "--score", "--json")
    assert out.returncode == 1
    document = json.loads(out.stdout)
    assert document["ok"] is False and "competencies" not in document  # no scores at all
    assert "diverged" in out.stderr
