"""Shared fixtures for the bots: a quick copy of the shipped scenario and every graded and gaming
bot's games on it, played once."""

from __future__ import annotations

import pytest

from game.bots.base import play
from game.bots.registry import GAMING, GRADED, make_bot
from game.engine.events import Event
from game.engine.game import Game
from game.scenario.models import Scenario

SEEDS = (3, 4)


@pytest.fixture(scope="session")
def tiny(shipped: Scenario) -> Scenario:
    market = shipped.market.model_copy(update={"customers": 600})
    return shipped.model_copy(update={"market": market})


@pytest.fixture(scope="session")
def games(tiny: Scenario) -> dict[tuple[str, int], Game]:
    out = {}
    for name in (*GRADED, *GAMING):
        for seed in SEEDS:
            game = Game(tiny, seed=seed)
            play(game, make_bot(name, seed))
            assert game.over, f"{name} did not finish seed {seed}"
            out[name, seed] = game
    return out


def kinds(game: Game, *names: str) -> list[Event]:
    return [e for e in game.events if e.kind in names]


def first_offers(game: Game) -> dict[str, Event]:
    """Each account's first offer event."""
    firsts: dict[str, Event] = {}
    for e in kinds(game, "trainee_offered"):
        firsts.setdefault(e.payload["account"], e)
    return firsts


def asked_before(game: Game, account: str, seq: int) -> list[str]:
    """The topics asked of ``account`` before event ``seq``."""
    return [
        e.payload["topic"]
        for e in kinds(game, "customer_answered")
        if e.payload["account"] == account and e.seq < seq
    ]
