"""Backups of the records that hold everything, even what still sits in the write-ahead log, and
restores that check a copy before it replaces anything."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from game.records import migrations
from game.records.errors import StoreError
from game.records.store import Store, create_private, inspect_file


def backup(store: Store, target: str | Path) -> Path:
    """Copy the live store to ``target`` with SQLite's online backup API (committed data in the
    -wal file included), check the copy and only then put it in place, readable by its owner
    only."""
    target = Path(target)
    if target.resolve() == store.path.resolve():
        raise StoreError.said(str(target), "backup_is_store")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                        suffix=".tmp")
        os.close(fd)
    except OSError as exc:
        raise StoreError.said(str(target), "cannot_write", why=exc.strerror) from exc
    tmp = Path(tmp_name)
    try:
        os.chmod(tmp, 0o600)
        dest = sqlite3.connect(tmp)
        try:
            store.conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            dest.close()
        check_copy(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def check_copy(path: Path) -> dict[str, int]:
    """Refuse ``path`` unless it is an intact Sales Dojo records database: ours (application id,
    schema this version knows, every table) and ``PRAGMA integrity_check`` ok. Returns its
    counts of trainees and sessions."""
    if not path.exists():
        raise StoreError.said(str(path), "no_file")
    if path.stat().st_size == 0:
        raise StoreError.said(str(path), "backup_empty")
    inspect_file(path)
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type='table'")}
        if not migrations.TABLES <= tables:
            raise StoreError.said(str(path), "backup_foreign")
        result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            raise StoreError.said(str(path), "copy_damaged", why="; ".join(result[:3]))
        return {
            "trainees": conn.execute("SELECT COUNT(*) FROM trainees").fetchone()[0],
            "sessions": conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0],
        }
    except sqlite3.Error as exc:
        raise StoreError.said(str(path), "copy_unreadable", why=str(exc)) from exc
    finally:
        conn.close()


def restore(source: str | Path, folder: str | Path | None) -> tuple[dict[str, int], Path | None]:
    """Replace the records in ``folder`` with the backup ``source`` once it checks out. The
    records it replaces are kept beside it first (their path is returned; None when there were
    none)."""
    from game.records.paths import data_dir, db_path

    source = Path(source)
    counts = check_copy(source)
    target = db_path(data_dir(folder))
    kept: Path | None = None
    if target.exists() and target.stat().st_size > 0:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")  # a file name, never a rule
        with Store.open(target.parent, create=False) as current:
            kept = backup(current, target.with_name(f"{target.name}.before-restore-{stamp}"))
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        create_private(target)
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    dest = sqlite3.connect(target, timeout=10.0)
    try:
        src.backup(dest)  # page by page into the live file, under SQLite's own locks
    except sqlite3.Error as exc:
        if kept:
            raise StoreError.said(str(target), "restore_unfinished_kept", why=str(exc),
                                  kept=str(kept)) from exc
        raise StoreError.said(str(target), "restore_unfinished", why=str(exc)) from exc
    finally:
        dest.close()
        src.close()
    with Store.open(target.parent, create=False) as restored:
        restored.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return counts, kept
