"""Events: the single, append-only record of what happened in a game."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np


def jsonable(value: Any) -> Any:
    """``value`` with numpy scalars/arrays and tuples turned into plain JSON types."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return jsonable(value.tolist())
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating | float):
        f = float(value)
        return None if f != f else f  # NaN is not JSON
    return value


def canonical(data: Any) -> str:
    """The one JSON spelling used for hashing: sorted keys, no spaces, UTF-8."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True)
class Event:
    seq: int
    round: int
    week: int
    phase: str
    kind: str
    payload: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "round": self.round,
            "week": self.week,
            "phase": self.phase,
            "kind": self.kind,
            "payload": self.payload,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        return cls(**data)

    def digest(self) -> str:
        return hashlib.sha256(canonical(self.to_dict()).encode("utf-8")).hexdigest()


def week_of_play(event: Event, round_end_week: int | None = None) -> int:
    """The week, counted from 1 as the weekly chart and the top bar count, in which ``event``
    happened. An event records the weeks run when it was made: a week's own summary
    (``week_simulated``) is made once that week has run, so the count is its number; anything
    else happens in the week after the weeks run, and what follows the round's last week (its
    service, risk and review phases) belongs to that last week (``round_end_week``, when known)."""
    if event.kind == "week_simulated":
        return max(1, event.week)
    week = event.week + 1
    return min(week, round_end_week) if round_end_week else week


def log_digest(events: list[Event]) -> str:
    """sha256 over the canonical lines of the whole event log."""
    h = hashlib.sha256()
    for event in events:
        h.update(canonical(event.to_dict()).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


LOGGED_SINCE: dict[tuple[int, int], dict[str, tuple[str, ...]]] = {
    (5, 1): {"round_started": ("opening_segments",)},  # the territory's quarter before the rep
}
"""Payload fields the log gained in a minor version of the engine, by (major, minor). The rules
did not change with them, so a game saved by an earlier minor version replays to the log it
saved once they are left out (``as_logged_by``)."""


def _version(text: str | None) -> tuple[int, int]:
    parts = [int(p) if p.isdigit() else 0 for p in str(text or "").split(".")[:2]]
    return (parts + [0, 0])[0], (parts + [0, 0])[1]


def as_logged_by(events: list[Event], version: str | None) -> list[Event]:
    """``events`` as engine ``version`` logged them: without the fields added since
    (``LOGGED_SINCE``); the same list for this version or an unknown one."""
    played = _version(version)
    dropped: dict[str, set[str]] = {}
    for since, fields in LOGGED_SINCE.items():
        if version and played[0] == since[0] and played < since:
            for kind, names in fields.items():
                dropped.setdefault(kind, set()).update(names)
    if not dropped:
        return events
    return [dataclasses.replace(e, payload={k: v for k, v in e.payload.items()
                                            if k not in dropped[e.kind]})
            if e.kind in dropped and dropped[e.kind] & e.payload.keys() else e
            for e in events]
