"""The coaching of a recorded session, for the trainee report: its saved actions replayed, then
coached (``game.assessment.coaching``); None with the reason when there is none to give."""

from __future__ import annotations

from game.assessment.coaching import Coaching, coach
from game.records.errors import RecordsError
from game.records.store import Store


def session_coaching(store: Store, session_id: str) -> tuple[Coaching | None, str | None]:
    """The session's coaching, or None and why (not finished, or its record cannot be replayed)."""
    from game.records.autosave import resume

    try:
        game = resume(store, session_id)
    except RecordsError as err:
        return None, str(err)
    if not any(e.kind == "game_ended" for e in game.events):
        return None, None  # a game in play is coached when it ends
    return coach(game), None
