"""Backups hold everything committed, even what a killed writer left in the -wal file; a restore
checks the copy before it replaces anything."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from game.records.store import Store
from tests.records.conftest import ROOT, run_main


def _killed_writer(folder: Path, small_file: Path) -> None:
    """A process that records a whole game and is SIGKILLed before anything is checkpointed."""
    code = textwrap.dedent(f"""
        import os, signal
        from game.records.autoplay import autoplay
        from game.records.store import Store
        from game.scenario.loader import load_scenario
        scenario, sha = load_scenario({str(small_file)!r})
        store = Store.open({str(folder)!r})
        store.conn.execute("PRAGMA wal_autocheckpoint = 0")
        autoplay(store, scenario, scenario_sha256=sha, bot="idle", seed=3, trainee="t-wal")
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False, timeout=300)


def test_a_backup_after_a_kill_holds_what_was_in_the_wal_and_restores(tmp_path, small_file):
    live = tmp_path / "live"
    _killed_writer(live, small_file)
    wal = live / "records.sqlite3-wal"
    assert wal.exists() and wal.stat().st_size > 0  # the game sits in the WAL
    # the main file alone holds no session: copying it is not a backup
    alone = tmp_path / "alone.sqlite3"
    shutil.copyfile(live / "records.sqlite3", alone)
    bare = sqlite3.connect(alone)
    tables = {r[0] for r in bare.execute("SELECT name FROM sqlite_schema")}
    assert "sessions" not in tables or not bare.execute("SELECT * FROM sessions").fetchall()
    bare.close()

    copy = tmp_path / "copy.sqlite3"
    res = run_main("backup", str(copy), "--data-dir", str(live))
    assert res.returncode == 0, res.stderr
    assert "1 session(s) of 1 trainee(s)" in res.stdout
    assert copy.stat().st_mode & 0o777 == 0o600
    assert not Path(str(copy) + "-wal").exists()  # one self-contained file

    fresh = tmp_path / "fresh"
    ask = run_main("restore", str(copy), "--data-dir", str(fresh))
    assert ask.returncode == 1 and "--yes" in ask.stdout and not fresh.exists()
    res = run_main("restore", str(copy), "--yes", "--data-dir", str(fresh))
    assert res.returncode == 0, res.stderr
    with Store.open(fresh) as store, Store.open(live) as original:
        assert [s.trainee_id for s in store.sessions()] == ["t-wal"]
        assert store.sessions()[0].event_log_sha256 == original.sessions()[0].event_log_sha256
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_restore_keeps_the_records_it_replaces(tmp_path, small):
    from game.records.autoplay import autoplay

    old, new = tmp_path / "old", tmp_path / "new"
    with Store.open(old) as store:
        autoplay(store, small, scenario_sha256="", bot="idle", seed=1, trainee="t-before")
    with Store.open(new) as store:
        autoplay(store, small, scenario_sha256="", bot="idle", seed=2, trainee="t-after")
    copy = tmp_path / "b.sqlite3"
    assert run_main("backup", str(copy), "--data-dir", str(new)).returncode == 0
    res = run_main("restore", str(copy), "--yes", "--data-dir", str(old))
    assert res.returncode == 0, res.stderr
    kept = list(old.glob("records.sqlite3.before-restore-*"))
    assert len(kept) == 1 and str(kept[0]) in res.stdout
    with Store.open(old) as store:
        assert [s.trainee_id for s in store.sessions()] == ["t-after"]


def test_a_restore_refuses_an_empty_foreign_or_damaged_copy_and_changes_nothing(tmp_path, small):
    from game.records.autoplay import autoplay

    live = tmp_path / "live"
    with Store.open(live) as store:
        autoplay(store, small, scenario_sha256="", bot="idle", seed=1, trainee="t-1")
    before = (live / "records.sqlite3").read_bytes()
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    foreign = tmp_path / "foreign.sqlite3"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE notes (x)")
    conn.close()
    damaged = tmp_path / "damaged.sqlite3"
    assert run_main("backup", str(damaged), "--data-dir", str(live)).returncode == 0
    data = bytearray(damaged.read_bytes())
    for page in range(1, len(data) // 4096):  # scribble over every page header but the first
        data[page * 4096: page * 4096 + 12] = b"\xff" * 12
    damaged.write_bytes(bytes(data))
    for bad, says in ((empty, "empty (0 bytes)"), (foreign, "another program"),
                      (damaged, "")):
        res = run_main("restore", str(bad), "--yes", "--data-dir", str(live))
        assert res.returncode == 1, bad.name
        assert says in res.stderr and "Traceback" not in res.stderr
    assert (live / "records.sqlite3").read_bytes() == before
