"""The store: schema and migrations, transactions, and files it must refuse to touch."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from game.records import migrations
from game.records.errors import RecordsError, StoreError
from game.records.store import Store
from tests.records.conftest import ROOT, run_main


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_store_is_marked_versioned_and_in_wal_mode(tmp_path):
    with Store.open(tmp_path) as store:
        conn = store.conn
        assert conn.execute("PRAGMA application_id").fetchone()[0] == migrations.APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.latest()
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type='table'")}
        assert migrations.TABLES <= tables
    with Store.open(tmp_path) as again:  # reopening changes nothing
        assert again.get_meta("installation")


def test_the_data_folder_comes_from_the_argument_then_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SALES_DOJO_DATA", str(tmp_path / "from-env"))
    with Store.open() as store:
        assert store.path == tmp_path / "from-env" / "records.sqlite3"
    with Store.open(tmp_path / "explicit") as store:
        assert store.path == tmp_path / "explicit" / "records.sqlite3"


def test_a_failed_step_leaves_nothing_half_written(tmp_path, small):
    with Store.open(tmp_path) as store:
        sid = store.start_session("t-001", small, scenario_sha256="x", seed=1)
        store.record_action(sid, 0, {"type": "end_phase"}, ["abc"])
        with pytest.raises(RecordsError, match="out of order"):
            store.record_action(sid, 5, {"type": "end_phase"}, ["abc"])
        with pytest.raises(RuntimeError), store.transaction() as db:
            db.execute("INSERT INTO actions (session_id, n, action, events) VALUES (?, 1, '{}', '[]')",
                       (sid,))
            raise RuntimeError("power cut")
        assert len(store.actions(sid)) == 1 and store.session(sid).actions == 1


def test_trainee_ids_must_be_pseudonyms(tmp_path, small):
    with Store.open(tmp_path) as store:
        for bad in ("alice@example.com", "", "Alice Smith", "x" * 65):
            with pytest.raises(RecordsError, match="pseudonymous id"):
                store.start_session(bad, small, scenario_sha256="", seed=1)
        store.start_session("t-0042", small, scenario_sha256="", seed=1, display_name="Alice")
        assert store.trainees()[0]["display_name"] == "Alice"


def test_an_older_schema_is_migrated_after_a_backup(tmp_path, monkeypatch):
    with Store.open(tmp_path) as store:
        store.set_meta("kept", "yes")

    def newer(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE trainees ADD COLUMN cohort TEXT")

    was = migrations.latest()
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, newer])
    with Store.open(tmp_path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == was + 1
        assert store.get_meta("kept") == "yes"
        columns = {r[1] for r in store.conn.execute("PRAGMA table_info(trainees)")}
        assert "cohort" in columns
    assert (tmp_path / f"records.sqlite3.before-migration-v{was}").exists()


def _refused(folder, pattern: str) -> None:
    db = folder / "records.sqlite3"
    before = digest(db)
    with pytest.raises(StoreError, match=pattern) as err:
        Store.open(folder)
    assert "untouched" in str(err.value)
    assert digest(db) == before, "the refused file was changed"
    res = run_main("sessions", "--data-dir", str(folder))
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert str(db) in res.stderr and "hint:" in res.stderr
    assert digest(db) == before


def test_a_foreign_sqlite_file_is_refused_and_left_alone(tmp_path):
    conn = sqlite3.connect(tmp_path / "records.sqlite3")
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.execute("INSERT INTO invoices VALUES (1, 99.5)")
    conn.commit()
    conn.close()
    _refused(tmp_path, "another program")


def test_a_sales_dojo_file_missing_tables_is_refused(tmp_path):
    with Store.open(tmp_path) as store:
        store.conn.execute("DROP TABLE outbox")
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _refused(tmp_path, "damaged: table")


def test_a_file_from_a_newer_version_is_refused(tmp_path):
    with Store.open(tmp_path) as store:
        store.conn.execute(f"PRAGMA user_version = {migrations.latest() + 1}")
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _refused(tmp_path, "newer Sales Dojo")


def test_a_file_that_is_not_sqlite_is_refused(tmp_path):
    (tmp_path / "records.sqlite3").write_text("name,score\nalice,3\n", encoding="utf-8")
    _refused(tmp_path, "not an SQLite database")


def test_a_corrupted_store_is_refused(tmp_path, small):
    with Store.open(tmp_path) as store:
        for k in range(30):
            store.start_session(f"t-{k:03d}", small, scenario_sha256="", seed=k)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db = tmp_path / "records.sqlite3"
    raw = bytearray(db.read_bytes())
    page = 4096
    assert len(raw) > 4 * page
    raw[2 * page: 4 * page] = b"\xde\xad\xbe\xef" * (page // 2)  # scribble over two pages
    db.write_bytes(bytes(raw))
    _refused(tmp_path, "damaged")


def test_opening_after_a_kill_recovers_the_wal(tmp_path):
    """A store whose writer died (its -wal and -shm left behind) opens and keeps its data."""
    code = textwrap.dedent(f"""
        import os, signal
        from game.records.store import Store
        store = Store.open({str(tmp_path)!r})
        store.set_meta("before-kill", "kept")
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False)
    assert (tmp_path / "records.sqlite3-wal").exists()
    with Store.open(tmp_path) as store:
        assert store.get_meta("before-kill") == "kept"


def test_processes_creating_the_store_at_once_all_succeed(tmp_path):
    code = (f"from game.records.store import Store\n"
            f"with Store.open({str(tmp_path)!r}) as s: print(s.get_meta('installation'))")
    procs = [subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    results = [(p.communicate(timeout=60), p.returncode) for p in procs]
    assert all(code == 0 for _, code in results), [err for (_, err), _ in results]
    assert len({out.strip() for (out, _), _ in results}) == 1


def test_the_records_and_their_journal_files_are_readable_by_their_owner_only(tmp_path, small):
    from game.records.autoplay import autoplay

    with Store.open(tmp_path) as store:
        autoplay(store, small, scenario_sha256="", bot="idle", seed=1, trainee="t-1")
        files = [p for p in tmp_path.iterdir() if p.name.startswith("records.sqlite3")]
        assert {p.name for p in files} >= {"records.sqlite3", "records.sqlite3-wal"}
        for p in files:
            assert p.stat().st_mode & 0o777 == 0o600, p.name


def test_records_made_world_readable_by_an_older_version_are_made_private(tmp_path):
    with Store.open(tmp_path):
        pass
    path = tmp_path / "records.sqlite3"
    path.chmod(0o644)
    with Store.open(tmp_path):
        assert path.stat().st_mode & 0o777 == 0o600


def test_an_empty_records_file_is_refused_not_started_afresh(tmp_path):
    path = tmp_path / "records.sqlite3"
    path.write_bytes(b"")
    with pytest.raises(StoreError) as err:
        Store.open(tmp_path)
    assert "empty (0 bytes)" in str(err.value) and "-wal" in str(err.value)
    assert path.read_bytes() == b""  # left as it was
    res = run_main("sessions", "--data-dir", str(tmp_path))
    assert res.returncode == 1 and "empty (0 bytes)" in res.stderr
    assert "Traceback" not in res.stderr


def test_a_store_another_process_holds_as_it_is_made_is_waited_for(tmp_path, monkeypatch):
    """SQLite may refuse at once ("locked", without its busy wait) while another process switches
    a new file to WAL or recovers it: opening waits and tries again, and says so if it stays."""
    import game.records.store as store_module

    monkeypatch.setattr(store_module, "LOCKED_RETRIES", (0.0, 0.0, 0.0))
    real = Store._prepared.__func__
    refusals = iter([True, True])

    def flaky(cls, path, clock):
        if next(refusals, False):
            raise sqlite3.OperationalError("database is locked")
        return real(cls, path, clock)

    monkeypatch.setattr(Store, "_prepared", classmethod(flaky))
    with Store.open(tmp_path) as store:
        assert store.get_meta("installation")
    refusals = iter([True] * 4)
    with pytest.raises(StoreError, match="database is locked"):
        Store.open(tmp_path)
