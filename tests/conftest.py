"""Shared fixtures: the shipped scenario, loaded once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "scenarios" / "east-china-territory.yaml"


@pytest.fixture(scope="session")
def shipped_path() -> Path:
    return SHIPPED


@pytest.fixture(scope="session")
def shipped():
    from game.scenario.loader import load_scenario

    scenario, _ = load_scenario(SHIPPED)
    return scenario


@pytest.fixture(scope="session")
def small(shipped):
    """The shipped scenario with 1,000 customers: quick games for rule tests."""
    market = shipped.market.model_copy(update={"customers": 1000})
    return shipped.model_copy(update={"market": market})
