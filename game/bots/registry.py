"""Bots by name, for the command line and the validity lab."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from game.bots.base import Bot
from game.bots.gaming import (
    CareSpammer,
    ForecastTarget,
    InstantSigner,
    MinimumEffort,
    OfferSpammer,
    OneQuestionFullAuthority,
    QuestionSpammer,
    ResearchSprayer,
)
from game.bots.graded import expert, intermediate, novice
from game.bots.heuristic import HeuristicBot
from game.bots.idle import IdleBot
from game.bots.random_bot import RandomBot

if TYPE_CHECKING:
    from game.engine.game import Game
    from game.scenario.models import Scenario

BOTS: dict[str, Callable[[int], Bot]] = {
    "idle": IdleBot,
    "random": lambda seed: RandomBot(seed),
    "heuristic": lambda seed: HeuristicBot(seed),
    "novice": novice,
    "intermediate": intermediate,
    "expert": expert,
    "question-spammer": QuestionSpammer,
    "offer-spammer": OfferSpammer,
    "instant-signer": InstantSigner,
    "research-sprayer": ResearchSprayer,
    "one-question-full-authority": OneQuestionFullAuthority,
    "forecast-target": ForecastTarget,
    "care-spammer": CareSpammer,
    "minimum-effort": MinimumEffort,
}

GRADED: tuple[str, ...] = ("novice", "intermediate", "expert")
"""The skill tiers, lowest first."""

GAMING: tuple[str, ...] = (
    "question-spammer",
    "offer-spammer",
    "instant-signer",
    "research-sprayer",
    "one-question-full-authority",
    "forecast-target",
    "care-spammer",
    "minimum-effort",
)
"""Bots that try to fool the rubric; each names the competencies it aims at in ``targets``."""


def play_named(scenario: Scenario, name: str, seed: int) -> Game:
    """A whole game of ``scenario`` on ``seed`` played by the bot called ``name``."""
    from game.bots.base import play
    from game.engine.game import Game

    game = Game(scenario, seed=seed)
    play(game, make_bot(name, seed))
    return game


def make_bot(name: str, seed: int) -> Bot:
    if name not in BOTS:
        raise KeyError(f"unknown bot '{name}' (known: {', '.join(sorted(BOTS))})")
    return BOTS[name](seed)
