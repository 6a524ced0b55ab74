"""Bots by name, for the command line and the validity lab."""

from __future__ import annotations

from collections.abc import Callable

from game.bots.base import Bot
from game.bots.gaming import (
    CareSpammer,
    ForecastTarget,
    InstantSigner,
    MinimumEffort,
    OfferSpammer,
    OneQuestionFullAuthority,
    QuestionSpammer,
    QuoteAndLeave,
    ResearchSprayer,
)
from game.bots.graded import expert, intermediate, novice
from game.bots.heuristic import HeuristicBot
from game.bots.idle import IdleBot
from game.bots.players import is_player_spec, load_player, player_targets
from game.bots.random_bot import RandomBot

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
    "quote-and-leave": QuoteAndLeave,
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
    "quote-and-leave",
)
"""Bots that try to fool the rubric; each names the competencies it aims at in ``targets``."""


def make_bot(name: str, seed: int) -> Bot:
    """The registered bot ``name``, or the outside player it names (``FILE.py:NAME``)."""
    if name in BOTS:
        return BOTS[name](seed)
    if is_player_spec(name):
        return load_player(name)(seed)
    raise KeyError(f"unknown bot '{name}' (known: {', '.join(sorted(BOTS))})")


def bot_targets(name: str) -> tuple[str, ...]:
    """The competencies a gaming bot's trick (or an outside player's, ``targets``) aims at."""
    if is_player_spec(name):
        return player_targets(name)
    return tuple(getattr(make_bot(name, 0), "targets", ()))
