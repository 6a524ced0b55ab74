"""The one runner of whole bot games for the studies, the lab and the scenario generator: a Game
of (scenario, seed) played through ``game.bots.base.play``, which hands the bot the trainee view
only. It lives above the bots so that they never start a Game themselves."""

from __future__ import annotations

from game.bots import registry
from game.bots.base import Bot, play
from game.engine.game import Game
from game.scenario.models import Scenario


def play_bot(scenario: Scenario, bot: Bot, seed: int) -> Game:
    """A whole game of ``scenario`` on ``seed`` played by ``bot``."""
    game = Game(scenario, seed=seed)
    play(game, bot)
    return game


def play_named(scenario: Scenario, name: str, seed: int) -> Game:
    """A whole game of ``scenario`` on ``seed`` played by the registered bot called ``name``."""
    return play_bot(scenario, registry.make_bot(name, seed), seed)
