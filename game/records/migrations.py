"""The records schema, one migration per version (``PRAGMA user_version``).

Version 0 is an empty file. Each migration moves the schema up by one and runs inside the same
transaction as the ``user_version`` bump, so a crash leaves either the old or the new schema.
A migration is never edited once released: a change is a new entry at the end.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

# 'SDJO' in ASCII: marks the file as a Sales Dojo records database (PRAGMA application_id).
APPLICATION_ID = 0x53444A4F

Migration = Callable[[sqlite3.Connection], None]

_V1 = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE trainees (
    id           TEXT PRIMARY KEY,
    display_name TEXT,
    created_at   TEXT NOT NULL
);
CREATE TABLE scenarios (
    content_sha256 TEXT PRIMARY KEY,
    scenario_id    TEXT NOT NULL,
    body           TEXT NOT NULL
);
CREATE TABLE sessions (
    id                     TEXT PRIMARY KEY,
    trainee_id             TEXT NOT NULL REFERENCES trainees(id) ON DELETE CASCADE,
    scenario_id            TEXT NOT NULL,
    scenario_sha256        TEXT NOT NULL,
    scenario_content       TEXT NOT NULL REFERENCES scenarios(content_sha256),
    scenario_path          TEXT,
    variant                TEXT NOT NULL DEFAULT '',
    seed                   INTEGER NOT NULL,
    mode                   TEXT NOT NULL CHECK (mode IN ('practice', 'assessment')),
    player                 TEXT NOT NULL,
    engine_version         TEXT NOT NULL,
    started_at             TEXT NOT NULL,
    ended_at               TEXT,
    status                 TEXT NOT NULL CHECK (status IN ('open', 'finished', 'abandoned')),
    actions                INTEGER NOT NULL DEFAULT 0,
    weeks                  INTEGER,
    event_log_sha256       TEXT
);
CREATE INDEX sessions_by_trainee ON sessions (trainee_id, started_at);
CREATE TABLE actions (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    n          INTEGER NOT NULL,
    action     TEXT NOT NULL,
    events     TEXT NOT NULL,
    PRIMARY KEY (session_id, n)
) WITHOUT ROWID;
CREATE TABLE scores (
    session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
    source     TEXT NOT NULL,
    overall    REAL,
    passed     INTEGER,
    body       TEXT NOT NULL,
    scored_at  TEXT NOT NULL
);
CREATE TABLE outbox (
    id         TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    statement  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at    TEXT,
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE INDEX outbox_unsent ON outbox (sent_at, created_at, seq);
"""


def _v1(conn: sqlite3.Connection) -> None:
    for statement in _V1.split(";"):
        if statement.strip():
            conn.execute(statement)


def _v2(conn: sqlite3.Connection) -> None:
    """Sessions of the manager track: which track a session was played on."""
    conn.execute("ALTER TABLE sessions ADD COLUMN track TEXT NOT NULL DEFAULT 'rep' "
                 "CHECK (track IN ('rep', 'manager'))")


def _v3(conn: sqlite3.Connection) -> None:
    """Classes: the class file a session was played in (``game.records.classes``)."""
    conn.execute("CREATE TABLE classes (id TEXT PRIMARY KEY, body TEXT NOT NULL)")
    conn.execute("ALTER TABLE sessions ADD COLUMN class_id TEXT REFERENCES classes(id)")


# MIGRATIONS[i] takes the schema from version i to version i + 1.
MIGRATIONS: list[Migration] = [_v1, _v2, _v3]

# Every table the current schema must have (checked on open: a file missing one is damaged).
TABLES = frozenset({"meta", "trainees", "scenarios", "sessions", "actions", "scores", "outbox",
                    "classes"})


def latest() -> int:
    return len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, current: int) -> int:
    """Apply the migrations after ``current`` (the caller holds a write transaction)."""
    for version in range(current, latest()):
        MIGRATIONS[version](conn)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {latest()}")
    return latest()
