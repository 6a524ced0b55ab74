"""Saved games as JSON Lines (header, actions with their events' digests, footer) and replay."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from game import ENGINE_VERSION, engine_compatible
from game.engine.actions import Action, action_to_dict, parse_action
from game.engine.events import Event, as_logged_by, log_digest
from game.engine.game import Game
from game.scenario.models import Scenario
from game.text.said import frame, worded

SAVE_FORMAT = 1
DIGEST_CHARS = 16


ERRORS_FILE = Path(__file__).with_name("savegame_errors.json")


class SaveError(Exception):
    """A saved game that cannot be read, with the line it failed on. The common ones are
    ``said`` from ``savegame_errors.json`` and ``text(lang)`` tells them in zh or en."""

    def __init__(self, path: str, line: int, message: str, hint: str = "") -> None:
        self.path, self.line, self.message, self.hint = path, line, message, hint
        self.key: str | None = None
        self.facts: dict[str, Any] = {}
        super().__init__(frame(self.where, message, hint))

    @property
    def where(self) -> str:
        """``path:line``, or the path alone when no line was read (the file cannot be opened)."""
        return f"{self.path}:{self.line}" if self.line > 0 else self.path

    @classmethod
    def said(cls, path: str, line: int, key: str, **facts: Any) -> SaveError:
        err = cls(path, line, *worded(ERRORS_FILE, key, "en", facts))
        err.key, err.facts = key, facts
        return err

    def text(self, lang: str) -> str:
        if self.key is None or lang == "en":
            return str(self)
        return frame(self.where, *worded(ERRORS_FILE, self.key, lang, self.facts), lang)


@dataclass
class SavedGame:
    header: dict[str, Any]
    actions: list[Action]
    digests: list[list[str]]  # per action, the short digests of the events it produced
    footer: dict[str, Any] | None
    action_lines: list[int] = field(default_factory=list)


def _short(event: Event) -> str:
    return event.digest()[:DIGEST_CHARS]


def write_save(game: Game, path: str | Path, scenario_path: str | None = None) -> None:
    """Write the whole game atomically (a temp file renamed over the target)."""
    path = Path(path)
    lines = [
        {
            "type": "header",
            "format": SAVE_FORMAT,
            "scenario_id": game.scenario.id,
            "scenario_sha256": game.scenario_sha256,
            "scenario_path": scenario_path,
            "seed": game.seed,
            "engine_version": game.engine_version,
        }
    ]
    bounds = game.action_bounds
    for n, (action, (lo, hi)) in enumerate(zip(game.actions, bounds, strict=True)):
        lines.append({
            "type": "action",
            "n": n,
            "action": action_to_dict(action),
            "events": [_short(e) for e in game.events[lo:hi]],
        })
    lines.append({
        "type": "footer",
        "actions": len(game.actions),
        "events": len(game.events),
        "event_log_sha256": game.log_digest(),
    })
    text = "".join(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n" for line in lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def event_digests(line: dict[str, Any]) -> list[str] | None:
    """An action line's event digests (none written: an empty list), or None when they are not
    a list of text, which the game never writes."""
    events = line.get("events", [])
    if not isinstance(events, list) or not all(isinstance(d, str) for d in events):
        return None
    return events


def read_save(path: str | Path) -> SavedGame:
    path = Path(path)
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SaveError.said(name, 0, "cannot_read", why=exc.strerror) from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SaveError.said(name, raw[: exc.start].count(b"\n") + 1, "not_utf8") from exc
    header: dict[str, Any] | None = None
    footer: dict[str, Any] | None = None
    actions: list[Action] = []
    digests: list[list[str]] = []
    lines: list[int] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SaveError.said(name, lineno, "not_json", why=exc.msg,
                                 column=exc.colno) from exc
        kind = record.get("type") if isinstance(record, dict) else None
        if kind == "header":
            header = record
        elif kind == "action":
            if header is None:
                raise SaveError.said(name, lineno, "action_before_header")
            try:
                actions.append(parse_action(record.get("action")))
            except ValidationError as exc:
                err = exc.errors()[0]
                raise SaveError.said(name, lineno, "invalid_action",
                                     where=".".join(map(str, err["loc"])), why=err["msg"]) from exc
            events = event_digests(record)
            if events is None:
                raise SaveError.said(name, lineno, "digests_not_text")
            digests.append(events)
            lines.append(lineno)
        elif kind == "footer":
            footer = record
        else:
            if kind is None:
                raise SaveError.said(name, lineno, "untyped_record")
            raise SaveError.said(name, lineno, "unknown_record", kind=repr(kind))
    if header is None:
        raise SaveError.said(name, 1, "no_header")
    if header.get("format") != SAVE_FORMAT:
        raise SaveError.said(name, 1, "format_unsupported", found=repr(header.get("format")),
                             supported=SAVE_FORMAT)
    if not engine_compatible(header.get("engine_version")):
        raise SaveError.said(name, 1, "engine_differs",
                             played=header.get("engine_version") or "unknown",
                             engine=ENGINE_VERSION)
    return SavedGame(header, actions, digests, footer, lines)


@dataclass
class ReplayReport:
    match: bool
    actions: int
    events: int
    event_log_sha256: str
    expected_sha256: str | None
    divergence: dict[str, Any] | None
    game: Game

    def describe(self) -> str:
        if self.match:
            return (f"match: {self.actions} actions replayed, {self.events} events, "
                    f"event log sha256 {self.event_log_sha256}")
        d = self.divergence or {}
        return "MISMATCH: " + d.get("message", "the event log differs")


def replay(saved: SavedGame, scenario: Scenario, scenario_sha256: str = "") -> ReplayReport:
    """Re-run the saved actions; find the first event that differs from what was saved."""
    game = Game(scenario, seed=int(saved.header["seed"]), scenario_sha256=scenario_sha256)
    divergence: dict[str, Any] | None = None
    for n, (action, expected) in enumerate(zip(saved.actions, saved.digests, strict=True)):
        result = game.apply(action)
        if not result.accepted:
            divergence = {
                "action": n,
                "line": saved.action_lines[n],
                "message": f"action {n} (line {saved.action_lines[n]}, '{action.type}') was rejected "
                f"on replay: {result.reason}",
            }
            break
        got = [_short(e) for e in result.events]
        if got != expected:
            i = next((k for k, (a, b) in enumerate(zip(got, expected, strict=False)) if a != b),
                     min(len(got), len(expected)))
            event = result.events[i] if i < len(result.events) else None
            seq = event.seq if event else (result.events[0].seq + i if result.events else len(game.events))
            what = f"'{event.kind}'" if event else "a missing event"
            divergence = {
                "action": n,
                "line": saved.action_lines[n],
                "event_seq": seq,
                "event_kind": event.kind if event else None,
                "message": f"first diverging event is #{seq} ({what}), produced by action {n} "
                f"(line {saved.action_lines[n]}, '{action.type}')",
            }
            break
    expected_sha = (saved.footer or {}).get("event_log_sha256")
    # a save of an earlier minor version is checked against the log as that engine wrote it
    digest = log_digest(as_logged_by(game.events, saved.header.get("engine_version")))
    if divergence is None and expected_sha is not None and digest != expected_sha:
        divergence = {"message": f"event log sha256 {digest} differs from the saved {expected_sha}"}
    if divergence is None and saved.footer is None:
        divergence = {"message": "the saved game has no footer: it was cut short"}
    return ReplayReport(
        match=divergence is None,
        actions=len(game.actions),
        events=len(game.events),
        event_log_sha256=digest,
        expected_sha256=expected_sha,
        divergence=divergence,
        game=game,
    )
