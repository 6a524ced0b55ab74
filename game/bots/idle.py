"""A rep who does nothing: ends every phase at once (the baseline every process step must beat)."""

from __future__ import annotations

from game.engine.actions import Action, EndPhase
from game.engine.view_models import TraineeView


class IdleBot:
    """No research, no plan, no negotiation, no service: only "next phase"."""

    name = "idle"

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed

    def next_action(self, view: TraineeView) -> Action:
        return EndPhase()
