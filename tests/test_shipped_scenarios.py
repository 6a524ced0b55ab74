"""The shipped scenarios: clean under lint, each with its own teaching focus, and balanced so a
sensible rep reaches the targets on most seeds and a random one does not."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.bots.base import play
from game.bots.registry import make_bot
from game.engine.game import Game
from game.engine.review import totals
from game.scenario.loader import load_scenario
from game.scenario.models import Scenario
from game.scenario.schema import MODELINE
from game.trainer.lint import check_file

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))
SEEDS = (1, 2, 3, 4)
KPIS = ("revenue", "margin", "market_share", "customers", "satisfaction")


def load(path: Path) -> Scenario:
    return load_scenario(path)[0]


def met(scenario: Scenario, bot: str, seed: int) -> dict[str, bool]:
    game = Game(scenario, seed=seed)
    play(game, make_bot(bot, seed))
    result = totals(game)
    return {k: result[k] >= getattr(scenario.targets, k) for k in KPIS}


def test_at_least_three_scenarios_with_different_ids_and_focus() -> None:
    scenarios = [load(p) for p in SHIPPED]
    assert len(scenarios) >= 3
    assert len({s.id for s in scenarios}) == len(scenarios)
    focus = [frozenset(s.courseware) for s in scenarios]
    assert len(set(focus)) == len(focus)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_scenario_passes_lint_without_a_warning(path: Path) -> None:
    assert [str(p) for p in check_file(path)] == []


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_scenario_says_which_courseware_it_trains(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == MODELINE
    header = "\n".join(line for line in lines[1:] if line.startswith("#"))
    assert "Trains CW-" in header
    courseware = load(path).courseware
    assert courseware and all(re.fullmatch(r"CW-[0-9]{2}", cw) for cw in courseware)
    for cw in courseware:
        number = int(cw[3:])
        mentioned = {int(n) for n in re.findall(r"CW-([0-9]{2})", header)}
        ranges = re.findall(r"CW-([0-9]{2})\.\.([0-9]{2})", header)
        assert number in mentioned or any(int(a) <= number <= int(b) for a, b in ranges), cw


@pytest.mark.parametrize("bot", ["heuristic", "random"])
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_simulate_plays_through_with_sensible_kpis(path: Path, bot: str) -> None:
    res = subprocess.run(
        [sys.executable, "main.py", "simulate", str(path), "--bot", bot, "--seed", "1", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    scenario = load(path)
    assert len(out["rounds"]) == scenario.rounds
    t = out["totals"]
    assert t["revenue"] > 0
    assert 0 < t["market_share"] < 1
    assert -1 < t["margin"] < 1
    assert 0 < t["customers"] <= scenario.market.customers + len(scenario.key_accounts)
    assert 0 < t["satisfaction"] <= 1


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_targets_are_reachable_by_a_sensible_rep_and_not_by_chance(path: Path) -> None:
    scenario = load(path)
    heuristic = [met(scenario, "heuristic", seed) for seed in SEEDS]
    random = [met(scenario, "random", seed) for seed in SEEDS]
    assert sum(m["revenue"] for m in heuristic) >= 3, heuristic
    assert sum(m["revenue"] for m in random) <= 1, random
    assert sum(sum(m.values()) for m in heuristic) > sum(sum(m.values()) for m in random)


def test_the_introductory_territory_is_small_and_gentle() -> None:
    s = load(ROOT / "scenarios" / "riverside-first-territory.yaml")
    assert s.rounds == 2
    assert 2500 <= s.market.customers <= 3500
    assert len(s.competitors) == 2 and 2 <= len(s.key_accounts) <= 4  # a handful, all friendly
    assert all(ka.tactic.kind in ("conceder", "linear") for ka in s.key_accounts)
    assert s.title.en and s.title.zh


def test_the_key_account_scenario_is_negotiation_heavy() -> None:
    s = load(ROOT / "scenarios" / "key-account-deals.yaml")
    east = load(ROOT / "scenarios" / "east-china-territory.yaml")
    assert len(s.key_accounts) >= 6
    assert len({ka.opportunity_round for ka in s.key_accounts}) >= 3
    assert {ka.tactic.kind for ka in s.key_accounts} == {
        "boulware",
        "linear",
        "conceder",
        "tit_for_tat",
    }
    assert s.market.customers < east.market.customers
    assert {"CW-30", "CW-31", "CW-32"} <= set(s.courseware)
