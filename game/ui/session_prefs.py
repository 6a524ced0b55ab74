"""The window's settings kept with each recorded session: its interface language and window
size, restored when the session is resumed (a Chinese trainee resumes in Chinese)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from game.records.errors import RecordsError
from game.records.store import Store
from game.ui.i18n import LANGUAGES

KEY = "window.{session}"  # the store's meta key (kept beside the session, never in its actions)


@dataclass(frozen=True)
class WindowPrefs:
    lang: str | None = None
    size: tuple[int, int] | None = None


def save_prefs(store: Store, session_id: str, prefs: WindowPrefs) -> bool:
    """Store ``prefs`` for the session; False if the store refused (the game goes on)."""
    body = {"lang": prefs.lang, "size": list(prefs.size) if prefs.size else None}
    try:
        if store.get_meta(KEY.format(session=session_id)) == json.dumps(body):
            return True
        store.set_meta(KEY.format(session=session_id), json.dumps(body))
    except (RecordsError, sqlite3.Error):
        return False
    return True


def load_prefs(store: Store, session_id: str) -> WindowPrefs:
    """The session's settings (nothing for a session recorded before they were kept)."""
    try:
        raw = store.get_meta(KEY.format(session=session_id))
        data = json.loads(raw) if raw else {}
    except (RecordsError, sqlite3.Error, ValueError):
        return WindowPrefs()
    if not isinstance(data, dict):
        return WindowPrefs()
    lang = data.get("lang") if data.get("lang") in LANGUAGES else None
    size = data.get("size")
    ok = (isinstance(size, list) and len(size) == 2
          and all(isinstance(v, int) and 0 < v < 100_000 for v in size))
    return WindowPrefs(lang, (size[0], size[1]) if ok else None)
