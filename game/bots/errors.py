"""What goes wrong with a player written outside the game, as a message key and its facts."""

from __future__ import annotations

from typing import Any


class PlayerError(Exception):
    """A player that cannot be loaded (a usage error) or that failed while it played (a problem
    in its code): a message key of the command line's ``player`` catalog and its facts."""

    def __init__(self, key: str, exit_code: int, params: dict[str, Any]) -> None:
        super().__init__(key, exit_code, params)
        self.key, self.exit_code, self.params = key, exit_code, params

    def __str__(self) -> str:
        return f"{self.key}: {self.params}"


LOAD, PLAY = 2, 1  # the exit codes: a player that is not there is a usage error
