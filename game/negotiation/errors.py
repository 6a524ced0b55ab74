"""The one error a negotiation move can raise: a move the rules do not allow."""

from __future__ import annotations


class IllegalMove(Exception):
    """A move the trainee (or a bot) may not make; ``message`` is fit to show to a person.

    ``code`` is a stable snake_case key the UI can translate; the state is left unchanged.
    """

    def __init__(self, message: str, code: str = "illegal_move") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
