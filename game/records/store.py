"""The local records store: one SQLite file (WAL, FULL sync), every write in a transaction.

Opening checks the file before anything writes to it: an SQLite file of another program (its
``application_id``), a file from a newer version (``user_version``), a damaged file (missing
tables, failed ``quick_check``) or something that is not SQLite at all gives a ``StoreError`` and
the file is left exactly as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.records import migrations
from game.records.errors import RecordsError, StoreError
from game.records.paths import data_dir, db_path
from game.scenario.models import Scenario

if TYPE_CHECKING:  # the manager track's models load with it, not with the records
    from game.manager.models import ManagerScenario

SQLITE_MAGIC = b"SQLite format 3\x00"
MODES = ("practice", "assessment")
TRACKS = ("rep", "manager")
TRAINEE_ID = re.compile(r"^[\w.\-]{1,64}$")
LOCKED_RETRIES = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6)
"""Seconds to wait before each new try at a store another process holds as it is made."""

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def canonical(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def scenario_body(scenario: Scenario) -> str:
    """The scenario as stored: only the fields that were set, so that defaults come back from
    the model exactly as they were (a default ``0`` of a float field is the int 0, and an event
    that carries it must serialise the same on replay)."""
    return json.dumps(scenario.model_dump(mode="json", exclude_unset=True),
                      ensure_ascii=False, separators=(",", ":"))


def scenario_from_body(body: str) -> Scenario:
    """A stored scenario back as a model, validated as the YAML loader does (Python mode)."""
    return Scenario.model_validate(json.loads(body))


def check_trainee_id(trainee: str) -> str:
    if not TRAINEE_ID.match(trainee or ""):
        raise RecordsError.said("", "bad_trainee_id", trainee=trainee)
    return trainee


@dataclass(frozen=True)
class SessionInfo:
    id: str
    trainee_id: str
    scenario_id: str
    scenario_sha256: str
    scenario_content: str
    scenario_path: str | None
    variant: str
    seed: int
    mode: str
    player: str
    engine_version: str
    started_at: str
    ended_at: str | None
    status: str
    actions: int
    weeks: int | None
    event_log_sha256: str | None
    track: str = "rep"  # rep, or manager (a team led through game.manager)
    class_id: str | None = None  # the class it was played in (game.records.classes)

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


_SESSION_COLUMNS = ", ".join(f.name for f in fields(SessionInfo))


RUBRIC_META = "rubric:"
"""The prefix of the meta keys that keep the rubrics sessions were scored with."""


@dataclass(frozen=True)
class Finish:
    """What is written when a session ends, in the same transaction as its last action."""

    event_log_sha256: str
    weeks: int
    ended_at: str
    scores: dict[str, Any]
    statements: list[dict[str, Any]]
    rubric: str | None = None  # the rubric's YAML that scored them, kept for later checks


class Store:
    """The records database. Use ``Store.open(folder)``; close it (or use ``with``)."""

    def __init__(self, conn: sqlite3.Connection, path: Path, clock: Clock = utc_now) -> None:
        self.conn = conn
        self.path = path
        self.folder = path.parent
        self.clock = clock

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, folder: str | Path | None = None, *, create: bool = True,
             clock: Clock = utc_now) -> Store:
        """Open (or, if ``create``, make) the store in ``folder`` (see ``paths.data_dir``)."""
        path = db_path(data_dir(folder))
        fresh = not path.exists()
        if fresh and not create:
            raise StoreError.said(str(path), "no_records")
        if not fresh and _stays_empty(path):
            raise StoreError.said(str(path), "store_empty")
        if not fresh:
            inspect_file(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            create_private(path)
        _make_private(path)
        for wait in (*LOCKED_RETRIES, None):
            try:
                return cls._prepared(path, clock)
            except sqlite3.OperationalError as exc:
                # Switching a new file to WAL, or reading one another process is recovering,
                # can be refused at once ("locked") without SQLite's busy wait: wait, try again.
                if wait is None or "locked" not in str(exc):
                    raise StoreError.said(str(path), "store_cannot_prepare", why=str(exc)) from exc
                time.sleep(wait)
        raise AssertionError("unreachable")  # the last wait is None: it raised

    @classmethod
    def _prepared(cls, path: Path, clock: Clock) -> Store:
        """The store at ``path`` connected, in WAL mode and migrated to the latest schema."""
        try:
            conn = sqlite3.connect(path, isolation_level=None, timeout=10.0)
        except sqlite3.Error as exc:
            raise StoreError.said(str(path), "store_cannot_open", why=str(exc)) from exc
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA secure_delete = ON")
            conn.execute("PRAGMA busy_timeout = 10000")
            store = cls(conn, path, clock)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version < migrations.latest():
                if version > 0:
                    store._backup(f"v{version}")
                with store.transaction():
                    # Another process may have migrated while this one waited for the lock.
                    version = conn.execute("PRAGMA user_version").fetchone()[0]
                    if version < migrations.latest():
                        migrations.migrate(conn, version)
                        if version == 0:
                            store._set_meta("created_at", iso(clock()))
                            store._set_meta("installation", uuid.uuid4().hex)
        except sqlite3.OperationalError:
            conn.close()
            raise
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError.said(str(path), "store_cannot_prepare", why=str(exc)) from exc
        return store

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _backup(self, label: str) -> Path:
        target = self.path.with_name(f"{self.path.name}.before-migration-{label}")
        create_private(target)
        dest = sqlite3.connect(target)
        try:
            self.conn.backup(dest)
        finally:
            dest.close()
        return target

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT; any exception rolls everything back."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError.said(str(self.path), "store_busy", why=str(exc)) from exc
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self.conn.execute("ROLLBACK")
                raise StoreError.said(str(self.path), "store_not_saved", why=str(exc)) from exc

    def now(self) -> str:
        return iso(self.clock())

    # ------------------------------------------------------------------ meta

    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    def set_meta(self, key: str, value: str | None) -> None:
        with self.transaction():
            if value is None:
                self.conn.execute("DELETE FROM meta WHERE key = ?", (key,))
            else:
                self._set_meta(key, value)

    # ------------------------------------------------------------------ trainees

    def _ensure_trainee(self, trainee: str, display_name: str | None) -> None:
        self.conn.execute("INSERT INTO trainees (id, display_name, created_at) VALUES (?, ?, ?) "
                          "ON CONFLICT (id) DO NOTHING", (trainee, display_name, self.now()))
        if display_name is not None:
            self.conn.execute("UPDATE trainees SET display_name = ? WHERE id = ?",
                              (display_name or None, trainee))

    def ensure_trainee(self, trainee: str, display_name: str | None = None) -> None:
        check_trainee_id(trainee)
        with self.transaction():
            self._ensure_trainee(trainee, display_name)

    def trainees(self) -> list[dict[str, Any]]:
        rows = self.conn.execute("SELECT id, display_name, created_at FROM trainees ORDER BY id")
        return [{"id": r[0], "display_name": r[1], "created_at": r[2]} for r in rows]

    # ------------------------------------------------------------------ sessions

    def start_session(self, trainee: str, scenario: Scenario | ManagerScenario, *,
                      scenario_sha256: str, seed: int, mode: str = "practice", player: str = "human",
                      scenario_path: str | None = None, variant: str = "",
                      engine_version: str = "", display_name: str | None = None,
                      track: str = "rep", body: str | None = None,
                      class_id: str | None = None) -> str:
        """Record a new, open session and return its id (a random UUID). A manager-track
        session passes its scenario's stored ``body`` (``game.records.manager_records``)."""
        from game import ENGINE_VERSION

        check_trainee_id(trainee)
        if mode not in MODES:
            raise RecordsError.said("", "unknown_mode", mode=mode, known=", ".join(MODES))
        if track not in TRACKS:
            raise RecordsError.said("", "unknown_track", track=track, known=", ".join(TRACKS))
        body = scenario_body(scenario) if body is None else body
        content = hashlib.sha256(body.encode("utf-8")).hexdigest()
        session_id = str(uuid.uuid4())
        with self.transaction() as db:
            self._ensure_trainee(trainee, display_name)
            db.execute("INSERT INTO scenarios (content_sha256, scenario_id, body) VALUES (?, ?, ?) "
                       "ON CONFLICT DO NOTHING", (content, scenario.id, body))
            db.execute(
                "INSERT INTO sessions (id, trainee_id, scenario_id, scenario_sha256, "
                "scenario_content, scenario_path, variant, seed, mode, player, engine_version, "
                "started_at, status, track, class_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)",
                (session_id, trainee, scenario.id, scenario_sha256, content, scenario_path,
                 variant, int(seed), mode, player, engine_version or ENGINE_VERSION, self.now(),
                 track, class_id),
            )
        return session_id

    def insert_session(self, info: SessionInfo, scenario_body: str, display_name: str | None,
                       actions: list[tuple[dict[str, Any], list[str]]],
                       scores: dict[str, Any] | None, statements: list[dict[str, Any]],
                       rubric: str | None = None) -> None:
        """Write a whole session at once (used by import), with the rubric that scored it."""
        content = hashlib.sha256(scenario_body.encode("utf-8")).hexdigest()
        with self.transaction() as db:
            self._ensure_trainee(info.trainee_id, display_name)
            db.execute("INSERT INTO scenarios (content_sha256, scenario_id, body) VALUES (?, ?, ?) "
                       "ON CONFLICT DO NOTHING", (content, info.scenario_id, scenario_body))
            row = info.to_dict() | {"scenario_content": content}
            names = list(row)
            db.execute(f"INSERT INTO sessions ({', '.join(names)}) VALUES "
                       f"({', '.join('?' for _ in names)})", [row[k] for k in names])
            db.executemany("INSERT INTO actions (session_id, n, action, events) VALUES (?, ?, ?, ?)",
                           [(info.id, n, canonical(a), json.dumps(e))
                            for n, (a, e) in enumerate(actions)])
            if scores is not None:
                self._write_scores(info.id, scores, info.ended_at or self.now())
            if rubric is not None:
                self._keep_rubric(rubric)
            self._queue(info.id, statements)

    def session(self, session_id: str) -> SessionInfo:
        row = self.conn.execute(f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE id = ?",
                                (session_id,)).fetchone()
        if row is None:
            raise RecordsError.said(str(self.path), "no_session", session=session_id)
        return SessionInfo(*row)

    def sessions(self, trainee: str | None = None, status: str | None = None) -> list[SessionInfo]:
        where, args = [], []
        if trainee is not None:
            where.append("trainee_id = ?")
            args.append(trainee)
        if status is not None:
            where.append("status = ?")
            args.append(status)
        sql = f"SELECT {_SESSION_COLUMNS} FROM sessions"
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self.conn.execute(sql + " ORDER BY started_at, id", args)
        return [SessionInfo(*r) for r in rows]

    def last_open_session(self, trainee: str, scenario_id: str | None = None,
                          player: str | None = None) -> SessionInfo | None:
        found = [s for s in self.sessions(trainee, "open")
                 if (scenario_id is None or s.scenario_id == scenario_id)
                 and (player is None or s.player == player)]
        return found[-1] if found else None

    def scenario_body(self, session: SessionInfo) -> str:
        row = self.conn.execute("SELECT body FROM scenarios WHERE content_sha256 = ?",
                                (session.scenario_content,)).fetchone()
        if row is None:
            raise StoreError.said(str(self.path), "session_lost_scenario", session=session.id)
        return str(row[0])

    def scenario_of(self, session: SessionInfo) -> Scenario:
        return scenario_from_body(self.scenario_body(session))

    def abandon_session(self, session_id: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE sessions SET status = 'abandoned', ended_at = ? "
                       "WHERE id = ? AND status = 'open'", (self.now(), session_id))

    # ------------------------------------------------------------------ actions

    def record_action(self, session_id: str, n: int, action: dict[str, Any], events: list[str],
                      finish: Finish | None = None,
                      statements: list[dict[str, Any]] | None = None) -> None:
        """Commit action ``n`` (with the statements it made during play, and, if the game ended,
        its scores and final statements) at once."""
        with self.transaction() as db:
            row = db.execute("SELECT status, actions FROM sessions WHERE id = ?",
                             (session_id,)).fetchone()
            if row is None:
                raise RecordsError.said(str(self.path), "no_session_now", session=session_id)
            if row[0] != "open":
                raise RecordsError.said(str(self.path), "session_not_open", session=session_id,
                                        status=row[0])
            if row[1] != n:
                raise StoreError.said(str(self.path), "action_out_of_order", session=session_id,
                                      saved=row[1], n=n)
            db.execute("INSERT INTO actions (session_id, n, action, events) VALUES (?, ?, ?, ?)",
                       (session_id, n, canonical(action), json.dumps(events)))
            db.execute("UPDATE sessions SET actions = ? WHERE id = ?", (n + 1, session_id))
            if statements:
                self._queue(session_id, statements)
            if finish is not None:
                self._finish(session_id, finish)

    def finish_session(self, session_id: str, finish: Finish) -> None:
        with self.transaction():
            self._finish(session_id, finish)

    def _finish(self, session_id: str, finish: Finish) -> None:
        self.conn.execute(
            "UPDATE sessions SET status = 'finished', ended_at = ?, weeks = ?, "
            "event_log_sha256 = ? WHERE id = ?",
            (finish.ended_at, finish.weeks, finish.event_log_sha256, session_id))
        self._write_scores(session_id, finish.scores, finish.ended_at)
        if finish.rubric is not None:
            self._keep_rubric(finish.rubric)
        self._queue(session_id, finish.statements)

    def actions(self, session_id: str) -> list[tuple[dict[str, Any], list[str]]]:
        rows = self.conn.execute("SELECT action, events FROM actions WHERE session_id = ? "
                                 "ORDER BY n", (session_id,))
        return [(json.loads(a), json.loads(e)) for a, e in rows]

    def truncate_actions(self, session_id: str, keep: int) -> None:
        """Drop the actions from ``keep`` on (practice-mode undo)."""
        with self.transaction() as db:
            db.execute("DELETE FROM actions WHERE session_id = ? AND n >= ?", (session_id, keep))
            db.execute("UPDATE sessions SET actions = ? WHERE id = ?", (keep, session_id))

    # ------------------------------------------------------------------ scores

    def _write_scores(self, session_id: str, scores: dict[str, Any], at: str) -> None:
        passed = scores.get("passed")
        self.conn.execute(
            "INSERT INTO scores (session_id, source, overall, passed, body, scored_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (session_id) DO UPDATE SET "
            "source = excluded.source, overall = excluded.overall, passed = excluded.passed, "
            "body = excluded.body, scored_at = excluded.scored_at",
            (session_id, str(scores.get("source", "")), scores.get("overall"),
             None if passed is None else int(bool(passed)), canonical(scores), at))

    def _keep_rubric(self, text: str) -> None:
        """Keep a rubric's YAML by its sha256 (once): a session's scores can then be checked
        against the rubric that made them after the installed one has changed."""
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        self.conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING",
                          (f"{RUBRIC_META}{sha}", text))

    def rubric(self, sha256: str) -> str | None:
        """The rubric's YAML with ``sha256``, if a session scored with it was kept here."""
        return self.get_meta(f"{RUBRIC_META}{sha256}") if sha256 else None

    def scores(self, session_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT body FROM scores WHERE session_id = ?",
                                (session_id,)).fetchone()
        return None if row is None else json.loads(row[0])

    # ------------------------------------------------------------------ classes

    def add_class(self, class_id: str, body: str) -> None:
        """Keep a class file's content (once per class) for the sessions played in it."""
        with self.transaction() as db:
            db.execute("INSERT INTO classes (id, body) VALUES (?, ?) ON CONFLICT DO NOTHING",
                       (class_id, body))

    def class_body(self, class_id: str) -> str | None:
        row = self.conn.execute("SELECT body FROM classes WHERE id = ?", (class_id,)).fetchone()
        return None if row is None else str(row[0])

    # ------------------------------------------------------------------ xAPI outbox

    def _queue(self, session_id: str, statements: list[dict[str, Any]]) -> None:
        now = self.now()
        self.conn.executemany(
            "INSERT INTO outbox (id, session_id, seq, statement, created_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO NOTHING",
            [(s["id"], session_id, i, canonical(s), now) for i, s in enumerate(statements)])

    def unsent(self, limit: int | None = None) -> list[dict[str, Any]]:
        sql = ("SELECT statement FROM outbox WHERE sent_at IS NULL "
               "ORDER BY created_at, session_id, seq")
        rows = self.conn.execute(sql + (f" LIMIT {int(limit)}" if limit else ""))
        return [json.loads(r[0]) for r in rows]

    def statements(self, trainee: str | None = None) -> list[dict[str, Any]]:
        sql = ("SELECT o.statement FROM outbox o JOIN sessions s ON s.id = o.session_id")
        args: tuple[str, ...] = ()
        if trainee is not None:
            sql += " WHERE s.trainee_id = ?"
            args = (trainee,)
        rows = self.conn.execute(sql + " ORDER BY o.created_at, o.session_id, o.seq", args)
        return [json.loads(r[0]) for r in rows]

    def sent_statements(self, trainee: str) -> int:
        """How many of ``trainee``'s statements a learning record store already has."""
        row = self.conn.execute(
            "SELECT COUNT(*) FROM outbox o JOIN sessions s ON s.id = o.session_id "
            "WHERE s.trainee_id = ? AND o.sent_at IS NOT NULL", (trainee,)).fetchone()
        return int(row[0])

    def outbox_counts(self) -> dict[str, int]:
        row = self.conn.execute("SELECT COUNT(*), COUNT(sent_at) FROM outbox").fetchone()
        return {"total": row[0], "sent": row[1], "pending": row[0] - row[1]}

    def mark_sent(self, ids: list[str], note: str | None = None) -> None:
        with self.transaction() as db:
            db.executemany("UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = ? "
                           "WHERE id = ? AND sent_at IS NULL", [(self.now(), note, i) for i in ids])

    def note_failure(self, ids: list[str], error: str) -> None:
        with self.transaction() as db:
            db.executemany("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?",
                           [(error[:500], i) for i in ids])

    def outbox_rows(self) -> list[dict[str, Any]]:
        rows = self.conn.execute("SELECT id, session_id, sent_at, attempts, last_error FROM outbox "
                                 "ORDER BY created_at, session_id, seq")
        return [dict(zip(("id", "session_id", "sent_at", "attempts", "last_error"), r, strict=True))
                for r in rows]

    # ------------------------------------------------------------------ deletion

    def delete_sessions(self, session_ids: list[str]) -> int:
        """Delete sessions with everything that hangs off them; drop trainees left empty."""
        with self.transaction() as db:
            db.executemany("DELETE FROM sessions WHERE id = ?", [(i,) for i in session_ids])
            db.execute("DELETE FROM trainees WHERE id NOT IN (SELECT trainee_id FROM sessions)")
            db.execute("DELETE FROM scenarios WHERE content_sha256 NOT IN "
                       "(SELECT scenario_content FROM sessions)")
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return len(session_ids)

    def delete_trainee(self, trainee: str) -> int:
        ids = [s.id for s in self.sessions(trainee)]
        with self.transaction() as db:
            db.executemany("DELETE FROM sessions WHERE id = ?", [(i,) for i in ids])
            db.execute("DELETE FROM trainees WHERE id = ?", (trainee,))
            db.execute("DELETE FROM scenarios WHERE content_sha256 NOT IN "
                       "(SELECT scenario_content FROM sessions)")
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return len(ids)


# ---------------------------------------------------------------------- checking a file


def _stays_empty(path: Path, wait: float = 10.0) -> bool:
    """Whether ``path`` is 0 bytes and stays so: a store another process is creating this moment
    gets its header within milliseconds; a copy that lost its data never does."""
    deadline = time.monotonic() + wait  # how long to wait for another process, never a rule
    while path.stat().st_size == 0:
        if time.monotonic() > deadline:
            return True
        time.sleep(0.05)
    return False


def create_private(path: Path) -> None:
    """Create the empty database file readable by its owner only: SQLite gives its -wal and
    -shm files the database file's permissions."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass  # another process made it a moment ago
    except OSError as exc:
        raise StoreError.said(str(path), "cannot_create_store", why=exc.strerror) from exc


def _make_private(path: Path) -> None:
    """Records hold personal data: the database and its journal files are the owner's only
    (files made by older versions were readable by everyone)."""
    for f in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"),
              path.with_name(path.name + "-journal")):
        try:
            if f.exists() and f.stat().st_mode & 0o077:
                f.chmod(0o600)
        except OSError:
            pass  # not ours to change (a read-only copy): reading still works


def inspect_file(path: Path) -> None:
    """Refuse a file that is not this program's records database, without writing to it."""
    where = str(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        raise StoreError.said(where, "store_unreadable", why=exc.strerror) from exc
    if not head.startswith(SQLITE_MAGIC):
        raise StoreError.said(where, "not_sqlite")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10.0)
    except sqlite3.Error as exc:
        raise StoreError.said(where, "store_cannot_open_kept", why=str(exc)) from exc
    try:
        conn.execute("BEGIN")  # one snapshot: another process may be making the store right now
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type='table'")}
        conn.execute("COMMIT")
        if app_id == 0 and version == 0 and not tables:
            return  # an SQLite file with nothing in it (e.g. being created right now): usable
        if app_id != migrations.APPLICATION_ID:
            raise StoreError.said(where, "foreign_db", app_id=f"{app_id:#010x}")
        if version > migrations.latest():
            raise StoreError.said(where, "too_new", version=version, latest=migrations.latest())
        missing = sorted(migrations.TABLES - tables) if version == migrations.latest() else []
        if missing:
            raise StoreError.said(where, "tables_missing", tables=", ".join(missing))
        check = [r[0] for r in conn.execute("PRAGMA quick_check")]
        if check != ["ok"]:
            raise StoreError.said(where, "damaged", why=check[0])
    except sqlite3.DatabaseError as exc:
        raise StoreError.said(where, "damaged", why=str(exc)) from exc
    finally:
        conn.close()
