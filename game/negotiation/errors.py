"""The one error a negotiation move can raise: a move the rules do not allow."""

from __future__ import annotations


class IllegalMove(Exception):
    """A move the trainee (or a bot) may not make; ``message`` is fit to show to a person.

    ``code`` is a stable snake_case key the UI can translate, and ``params`` the figures its
    sentence names (a discount and the authority it exceeds); the state is left unchanged.
    """

    def __init__(self, message: str, code: str = "illegal_move",
                 params: dict[str, object] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.params = dict(params or {})
