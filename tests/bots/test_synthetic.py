"""Synthetic trainees: deterministic, independent of the assessment, and skill shows in play."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from game.bots.base import play
from game.bots.synthetic import SKILLS, SyntheticTrainee
from game.engine.game import Game
from game.scenario.loader import load_scenario

ROOT = Path(__file__).resolve().parents[2]
RIVERSIDE = ROOT / "scenarios" / "riverside-first-territory.yaml"


def _game(theta: dict[str, float], seed: int) -> Game:
    scenario, _ = load_scenario(RIVERSIDE)
    game = Game(scenario, seed=seed)
    play(game, SyntheticTrainee(theta, seed=seed, label=":t"))
    return game


def test_same_skill_and_seed_play_the_same_game() -> None:
    theta = dict.fromkeys(SKILLS, 0.6)
    a, b = _game(theta, 5), _game(theta, 5)
    assert a.over and b.over
    assert [x.model_dump() for x in a.actions] == [x.model_dump() for x in b.actions]


def test_the_trainee_never_imports_the_assessment() -> None:
    tree = ast.parse((ROOT / "game" / "bots" / "synthetic.py").read_text(encoding="utf-8"))
    imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module]
    imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert imported, "the scan found no imports at all"
    assert not [m for m in imported if m.startswith("game.assessment")]


def test_a_missing_skill_is_refused() -> None:
    with pytest.raises(ValueError, match="theta lacks"):
        SyntheticTrainee({"customer-analysis": 0.5}, seed=1)


def test_a_skilled_carer_visits_and_surveys_more_than_an_unskilled_one() -> None:
    """Behaviour, not scores: the relationship skill shows in the visits and surveys made."""
    def care(skill: float) -> int:
        theta = dict.fromkeys(SKILLS, 0.5) | {"relationship-satisfaction": skill}
        return sum(
            sum(1 for a in _game(theta, seed).actions if a.type in ("visit", "satisfaction_survey"))
            for seed in (1, 2, 3)
        )

    assert care(0.95) > care(0.05)
