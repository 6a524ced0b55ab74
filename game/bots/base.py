"""What every bot is: something that picks the next action from what a trainee could see."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from game.engine.actions import (
    AcceptOffer,
    Action,
    AskQuestion,
    EndPhase,
    MakeOffer,
    ProposeTrade,
    RequestAuthority,
    WalkAway,
)

if TYPE_CHECKING:
    from game.engine.game import Game

MAX_ACTIONS_PER_PHASE = 80


class Bot(Protocol):
    name: str

    def next_action(self, game: Game) -> Action: ...


def negotiation_action(account: str, move: tuple[Any, ...]) -> Action:
    """Turn a negotiating policy's move tuple into an engine action."""
    kind = move[0]
    if kind == "offer":
        return MakeOffer(account=account, offer=move[1])
    if kind == "ask":
        return AskQuestion(account=account, topic=move[1])
    if kind == "trade":
        return ProposeTrade(account=account, give=move[1], want=move[2])
    if kind == "request_authority":
        return RequestAuthority(account=account, discount=move[1])
    if kind == "accept":
        return AcceptOffer(account=account)
    if kind == "walk_away":
        return WalkAway(account=account)
    raise ValueError(f"unknown negotiation move {kind!r}")


def play(game: Game, bot: Bot, max_actions: int = 20_000) -> int:
    """Let ``bot`` play ``game`` to the end; returns the number of actions accepted.

    A bot that is rejected three times in a row, or lingers too long in one phase, is moved on
    with EndPhase, exactly as a trainee would press "next".
    """
    accepted = 0
    in_phase = 0
    rejected_in_row = 0
    phase_key = (game.round, game.phase)
    for _ in range(max_actions):
        if game.over:
            break
        stuck = in_phase >= MAX_ACTIONS_PER_PHASE or rejected_in_row >= 3
        action = EndPhase() if stuck else bot.next_action(game)
        result = game.apply(action)
        if result.accepted:
            accepted += 1
            rejected_in_row = 0
        else:
            rejected_in_row += 1
        in_phase += 1
        key = (game.round, game.phase)
        if key != phase_key:
            in_phase = 0
            phase_key = key
    return accepted
