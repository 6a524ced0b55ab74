"""Events: the single, append-only record of what happened in a game."""

from __future__ import annotations

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
