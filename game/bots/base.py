"""What every bot is: something that picks the next action from what a trainee could see."""

from __future__ import annotations

from typing import Protocol

from game.engine.actions import Action, EndPhase
from game.engine.view_models import TraineeView

MAX_ACTIONS_PER_PHASE = 80


class Bot(Protocol):
    name: str

    def next_action(self, view: TraineeView) -> Action: ...


class Applied(Protocol):
    accepted: bool


class Table(Protocol):
    """What a bot plays at: a game (or a recorded game) that shows the trainee view and takes
    actions."""

    def view(self) -> TraineeView: ...

    def apply(self, action: Action) -> Applied: ...


def play(game: Table, bot: Bot, max_actions: int = 20_000) -> int:
    """Let ``bot`` play ``game`` to the end; returns the number of actions accepted.

    The bot is shown the trainee view and nothing else. A bot that is rejected three times in a
    row, or lingers too long in one phase, is moved on with EndPhase, exactly as a trainee would
    press "next". A bot with a ``close()`` has it called when play ends, however it ends.
    """
    accepted = 0
    try:
        in_phase = 0
        rejected_in_row = 0
        view = game.view()
        phase_key = (view.round, view.phase)
        for _ in range(max_actions):
            if view.over:
                break
            stuck = in_phase >= MAX_ACTIONS_PER_PHASE or rejected_in_row >= 3
            action = EndPhase() if stuck else bot.next_action(view)
            result = game.apply(action)
            if result.accepted:
                accepted += 1
                rejected_in_row = 0
            else:
                rejected_in_row += 1
            in_phase += 1
            view = game.view()
            key = (view.round, view.phase)
            if key != phase_key:
                in_phase = 0
                phase_key = key
    finally:
        close = getattr(bot, "close", None)  # a bot that holds a process lets it go
        if callable(close):
            close()
    return accepted
