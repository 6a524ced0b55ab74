"""Bots by name, for the command line and the validity lab."""

from __future__ import annotations

from collections.abc import Callable

from game.bots.base import Bot
from game.bots.heuristic import HeuristicBot
from game.bots.random_bot import RandomBot

BOTS: dict[str, Callable[[int], Bot]] = {
    "random": lambda seed: RandomBot(seed),
    "heuristic": lambda seed: HeuristicBot(seed),
}


def make_bot(name: str, seed: int) -> Bot:
    if name not in BOTS:
        raise KeyError(f"unknown bot '{name}' (known: {', '.join(sorted(BOTS))})")
    return BOTS[name](seed)
