"""The command line as a trainer or CI uses it: simulate, validate, replay."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_simulate_is_byte_identical_for_a_seed_and_differs_across_seeds(shipped_path):
    a = run("simulate", str(shipped_path), "--bot", "heuristic", "--seed", "7", "--json")
    b = run("simulate", str(shipped_path), "--bot", "heuristic", "--seed", "7", "--json")
    c = run("simulate", str(shipped_path), "--bot", "heuristic", "--seed", "8", "--json")
    assert a.returncode == 0, a.stderr
    assert a.stdout == b.stdout
    assert a.stdout != c.stdout
    out = json.loads(a.stdout)
    assert len(out["rounds"]) == 4
    for r in out["rounds"]:
        assert {"revenue", "margin", "market_share", "customers", "satisfaction"} <= set(r)
    assert len(out["event_log_sha256"]) == 64
    assert out["negotiations"], "the shipped scenario's negotiations show their metrics"
    some = next(iter(out["negotiations"].values()))
    assert "value_claimed" in some


def test_simulate_prints_a_readable_table(shipped_path):
    out = run("simulate", str(shipped_path), "--bot", "random", "--seed", "3")
    assert out.returncode == 0, out.stderr
    assert "revenue" in out.stdout and "event log sha256" in out.stdout


def test_validate_exit_codes(shipped_path, tmp_path):
    ok = run("validate", str(shipped_path))
    assert ok.returncode == 0 and "ok" in ok.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text(shipped_path.read_text(encoding="utf-8").replace("rounds: 4", "rounds: four"), encoding="utf-8")
    res = run("validate", str(shipped_path), str(bad))
    assert res.returncode == 1
    assert f"{bad}:" in res.stderr and "error E" in res.stderr and "Traceback" not in res.stderr


def test_replay_command_matches_then_catches_an_edit(shipped_path, tmp_path):
    save = tmp_path / "game.jsonl"
    res = run("simulate", str(shipped_path), "--seed", "5", "--save", str(save))
    assert res.returncode == 0, res.stderr
    ok = run("replay", str(save))
    assert ok.returncode == 0 and ok.stdout.startswith("match"), ok.stdout + ok.stderr
    lines = save.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        rec = json.loads(line)
        if rec.get("type") == "action" and rec["action"]["type"] == "set_forecast":
            rec["action"]["revenue"] += 1000
            lines[i] = json.dumps(rec)
            break
    save.write_text("\n".join(lines) + "\n", encoding="utf-8")
    bad = run("replay", str(save))
    assert bad.returncode == 1 and "first diverging event" in bad.stdout


def test_replay_coach_prints_the_coaching_in_either_language_and_as_json(tmp_path):
    riverside = Path(__file__).resolve().parents[1] / "scenarios" / "riverside-first-territory.yaml"
    save = tmp_path / "novice.jsonl"
    assert run("simulate", str(riverside), "--bot", "novice", "--save", str(save)).returncode == 0
    zh = run("replay", str(save), "--coach", "--lang", "zh")
    assert zh.returncode == 0, zh.stderr
    assert "二、错过的机会" in zh.stdout and "四、改进计划" in zh.stdout and "第" in zh.stdout
    en = run("replay", str(save), "--coach", "--lang", "en")
    assert "2. Occasions missed" in en.stdout and "Week " in en.stdout
    data = json.loads(run("replay", str(save), "--coach", "--json").stdout)
    assert len(data["occasions"]) >= 3 and data["plan"][0]["drill"].startswith("drill-")


def test_simulate_plays_a_manager_scenario_with_a_manager_bot():
    team = ROOT / "scenarios" / "manager" / "key-account-team.yaml"
    a = run("simulate", str(team), "--bot", "manager-expert", "--seed", "4", "--json")
    b = run("simulate", str(team), "--bot", "manager-expert", "--seed", "4", "--json")
    assert a.returncode == 0, a.stderr
    assert a.stdout == b.stdout
    out = json.loads(a.stdout)
    assert out["track"] == "manager" and len(out["rounds"]) == 6
    assert {"profit", "revenue", "pay", "costs", "leavers", "forecast_error"} <= set(out["totals"])
    assert out["reps"] and all(r["scores"] for r in out["reps"].values())
    table = run("simulate", str(team), "--bot", "manager-idle", "--seed", "4", "--lang", "zh")
    assert table.returncode == 0 and "团队利润" in table.stdout
