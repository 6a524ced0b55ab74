"""The shipped manager scenarios, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.manager.game import ManagerGame
from game.manager.loader import load_manager

ROOT = Path(__file__).resolve().parents[2]
EAST = ROOT / "scenarios" / "manager" / "east-china-team.yaml"
KEY = ROOT / "scenarios" / "manager" / "key-account-team.yaml"


@pytest.fixture(scope="session")
def key_team():
    return load_manager(KEY)


@pytest.fixture(scope="session")
def east_team():
    return load_manager(EAST)


@pytest.fixture
def key_game(key_team) -> ManagerGame:
    scenario, territory, _ = key_team
    return ManagerGame(scenario, territory, seed=11)
