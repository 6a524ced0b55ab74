"""Privacy: retention (delete sessions older than N days), delete a trainee, anonymise exports.

Data minimisation: the records need only a pseudonymous trainee id; a display name is optional
and never leaves the store (not in xAPI, not in anonymised exports). Deleting uses SQLite's
``secure_delete`` (set by the store) so deleted rows are overwritten, and truncates the WAL.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from game.records.errors import RecordsError
from game.records.store import Store, iso

RETENTION_KEY = "retention_days"


def retention_days(store: Store) -> int | None:
    value = store.get_meta(RETENTION_KEY)
    return None if value is None else int(value)


def set_retention(store: Store, days: int | None) -> None:
    if days is not None and days < 1:
        raise RecordsError.said("", "days_delete_all", days=days)
    store.set_meta(RETENTION_KEY, None if days is None else str(days))


def expired_sessions(store: Store, days: int) -> list[str]:
    cutoff = iso(store.clock() - timedelta(days=days))
    rows = store.conn.execute("SELECT id FROM sessions WHERE started_at < ? ORDER BY started_at",
                              (cutoff,))
    return [r[0] for r in rows]


def apply_retention(store: Store) -> int:
    """Delete sessions older than the configured retention (if any); returns how many."""
    days = retention_days(store)
    if days is None:
        return 0
    expired = expired_sessions(store, days)
    return store.delete_sessions(expired) if expired else 0


def require_trainee(store: Store, trainee: str) -> None:
    """Refuse a trainee the store has never heard of, naming the id."""
    if trainee not in {t["id"] for t in store.trainees()}:
        raise RecordsError.said(str(store.path), "no_trainee", trainee=trainee)


def delete_trainee(store: Store, trainee: str) -> int:
    require_trainee(store, trainee)
    return store.delete_trainee(trainee)


@dataclass
class Anonymiser:
    """Per-export pseudonyms: the same id maps to the same label within one export only."""

    salt: bytes = field(default_factory=lambda: secrets.token_bytes(16))
    labels: dict[str, str] = field(default_factory=dict)

    def trainee(self, trainee_id: str) -> str:
        if trainee_id not in self.labels:
            self.labels[trainee_id] = f"P{len(self.labels) + 1:04d}"
        return self.labels[trainee_id]

    def token(self, value: str) -> str:
        """An unlinkable stand-in for an id (a salted hash, new salt each export)."""
        return hashlib.sha256(self.salt + value.encode("utf-8")).hexdigest()[:16]

    @staticmethod
    def day(timestamp: str | None) -> str | None:
        """A timestamp cut down to its date."""
        return None if timestamp is None else timestamp[:10]
