"""Argument types shared by the commands: numbers in the range a rule can use, or a usage error
(exit 2) that names the range."""

from __future__ import annotations

import argparse


def seed_arg(text: str) -> int:
    """A seed: a whole number from 0 to 2**63 - 1 (numpy's generators refuse negative seeds)."""
    return _int_in(text, 0, 2**63 - 1, "a seed")


def count_arg(text: str) -> int:
    """A count of at least 1 (customers, workers)."""
    return _int_in(text, 1, 10**9, "a count")


def _int_in(text: str, lo: int, hi: int, what: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not lo <= value <= hi:
        raise argparse.ArgumentTypeError(f"{value} is out of range: {what} is {lo:,} to {hi:,}")
    return value


def bot_arg(text: str) -> str:
    """A registered bot's name (a rep bot, or a manager bot for a manager scenario), or an outside
    player, ``FILE.py:NAME`` or ``exec:COMMAND`` (loaded by the command, which tells what is
    wrong with it)."""
    from game.bots.players import is_player_spec
    from game.bots.registry import BOTS
    from game.manager.bots import MANAGER_BOTS

    known = {*BOTS, *MANAGER_BOTS}
    if text not in known and not is_player_spec(text):
        raise argparse.ArgumentTypeError(f"unknown bot '{text}' (known: {', '.join(sorted(known))}; "
                                         "or your own player, FILE.py:NAME or exec:COMMAND)")
    return text
