"""One play-through as the window holds it: scenario, seed, mode and the engine's ``Game``.

Undo (practice mode only) re-creates the game from scenario and seed and re-applies every
accepted action but the last: the engine is deterministic, so this is exact.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from game.engine.actions import Action
from game.engine.game import ApplyResult, Game
from game.engine.savegame import write_save
from game.scenario.models import Scenario

MODES = ("practice", "assessment")


@dataclass
class Play:
    scenario: Scenario
    sha256: str
    scenario_path: str
    seed: int | None
    mode: str = "practice"
    trainee: str = ""
    game: Game = field(init=False)

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"unknown mode '{self.mode}' (known: {', '.join(MODES)})")
        self.game = self._new_game()

    def _new_game(self) -> Game:
        return Game(self.scenario, seed=self.seed, scenario_sha256=self.sha256)

    def apply(self, action: Action | dict) -> ApplyResult:
        return self.game.apply(action)

    @property
    def can_undo(self) -> bool:
        return self.mode == "practice" and bool(self.game.actions)

    def undo(self) -> bool:
        """Take back the last accepted action (practice mode); False if there is none."""
        if not self.can_undo:
            return False
        keep = list(self.game.actions[:-1])
        game = self._new_game()
        for action in keep:
            result = game.apply(action)
            if not result.accepted:  # cannot happen with a deterministic engine
                raise RuntimeError(f"replaying {action!r} was rejected: {result.reason}")
        self.game = game
        return True

    def save(self, directory: Path | None = None) -> Path:
        """Write the game (header, actions, events' digests) to the trainee's save folder."""
        folder = directory or Path(platformdirs.user_data_dir("sales-dojo")) / "saves"
        stamp = time.strftime("%Y%m%d-%H%M%S")
        who = "".join(c for c in self.trainee if c.isalnum() or c in "-_") or "trainee"
        path = folder / f"{who}-{self.scenario.id}-{stamp}.jsonl"
        write_save(self.game, path, scenario_path=self.scenario_path)
        return path
