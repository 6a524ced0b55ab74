"""Privacy: retention, deleting a trainee, and anonymised exports."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime, timedelta

from game.records.autoplay import autoplay
from game.records.privacy import apply_retention, set_retention
from game.records.store import Store
from tests.records.conftest import ROOT, run_main

SCENARIO = ROOT / "scenarios" / "riverside-first-territory.yaml"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_retention_deletes_sessions_older_than_n_days(tmp_path, small):
    clock = Clock()
    with Store.open(tmp_path, clock=clock) as store:
        autoplay(store, small, scenario_sha256="", bot="random", seed=1, trainee="t-old")
        clock.now += timedelta(days=40)
        autoplay(store, small, scenario_sha256="", bot="random", seed=2, trainee="t-new")
        clock.now += timedelta(days=1)
        set_retention(store, 30)
        assert apply_retention(store) == 1
        assert [s.trainee_id for s in store.sessions()] == ["t-new"]
        assert [t["id"] for t in store.trainees()] == ["t-new"]
        assert {s["actor"]["account"]["name"] for s in store.statements()} == {"t-new"}
        raw = store.path.read_bytes() + store.path.with_name("records.sqlite3-wal").read_bytes() \
            if store.path.with_name("records.sqlite3-wal").exists() else store.path.read_bytes()
        assert b"t-old" not in raw  # secure_delete: the rows are overwritten, not just unlinked


def test_retention_command_keeps_the_setting(tmp_path, small):
    with Store.open(tmp_path) as store:
        autoplay(store, small, scenario_sha256="", bot="random", seed=1, trainee="t-1")
    res = run_main("retention", "--days", "365", "--data-dir", str(tmp_path))
    assert res.returncode == 0 and "deleted 0 older session(s)" in res.stdout
    shown = run_main("retention", "--data-dir", str(tmp_path))
    assert shown.stdout.strip() == "retention 365 days"
    bad = run_main("retention", "--days", "0", "--data-dir", str(tmp_path))
    assert bad.returncode == 1 and "hint:" in bad.stderr


def test_delete_removes_a_trainee_and_everything_about_them(tmp_path, small):
    with Store.open(tmp_path) as store:
        autoplay(store, small, scenario_sha256="", bot="random", seed=1, trainee="t-gone")
        autoplay(store, small, scenario_sha256="", bot="random", seed=2, trainee="t-stays")
    ask = run_main("delete", "--trainee", "t-gone", "--data-dir", str(tmp_path))
    assert ask.returncode == 1 and "--yes" in ask.stdout
    res = run_main("delete", "--trainee", "t-gone", "--yes", "--data-dir", str(tmp_path))
    assert res.returncode == 0 and "1 session(s)" in res.stdout
    with Store.open(tmp_path) as store:
        assert [s.trainee_id for s in store.sessions()] == ["t-stays"]
        gone = store.conn.execute("SELECT COUNT(*) FROM actions a JOIN sessions s "
                                  "ON s.id = a.session_id WHERE s.trainee_id = 't-gone'")
        assert gone.fetchone()[0] == 0
        assert all(s["actor"]["account"]["name"] == "t-stays" for s in store.statements())
    missing = run_main("delete", "--trainee", "t-gone", "--yes", "--data-dir", str(tmp_path))
    assert missing.returncode == 1 and "no trainee 't-gone'" in missing.stderr
    # nobody to delete is said at once, not put to the trainer as a question
    ask = run_main("delete", "--trainee", "t-gone", "--data-dir", str(tmp_path))
    assert ask.returncode == 1 and "no trainee 't-gone'" in ask.stderr and "--yes" not in ask.stdout


def test_anonymised_exports_carry_no_ids_names_or_exact_times(tmp_path, small):
    with Store.open(tmp_path) as store:
        store.ensure_trainee("t-501", display_name="Wang Fang")
        autoplay(store, small, scenario_sha256="", bot="random", seed=1, trainee="t-501")
        autoplay(store, small, scenario_sha256="", bot="random", seed=2, trainee="t-502")
        sessions = store.sessions()
    out_csv, out_xapi = tmp_path / "anon.csv", tmp_path / "anon.json"
    res = run_main("export", "--csv", str(out_csv), "--xapi", str(out_xapi), "--anonymise",
                   "--data-dir", str(tmp_path))
    assert res.returncode == 0, res.stderr
    text = out_csv.read_text(encoding="utf-8") + out_xapi.read_text(encoding="utf-8")
    for secret in ["t-501", "t-502", "Wang Fang", *(s.id for s in sessions),
                   *(s.event_log_sha256 for s in sessions), sessions[0].started_at]:
        assert secret not in text
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8"))))
    assert [r["trainee_id"] for r in rows] == ["P0001", "P0002"]
    assert all(len(r["started_at"]) == 10 for r in rows)
    statements = json.loads(out_xapi.read_text(encoding="utf-8"))
    assert {s["actor"]["account"]["name"] for s in statements} == {"P0001", "P0002"}

    plain = tmp_path / "plain.csv"
    assert run_main("export", "--csv", str(plain), "--data-dir", str(tmp_path)).returncode == 0
    assert "Wang Fang" not in plain.read_text(encoding="utf-8")  # names never leave the store
    assert "t-501" in plain.read_text(encoding="utf-8")


def _leaves(value: object) -> list[object]:
    if isinstance(value, dict):
        return [x for v in value.values() for x in _leaves(v)]
    if isinstance(value, list):
        return [x for v in value for x in _leaves(v)]
    return [value]


def _digests(statements: list[dict]) -> set[str]:
    """Every value that looks like a digest or an id (hex or UUID, 16 characters or more)."""
    return {v for v in _leaves(statements)
            if isinstance(v, str) and re.fullmatch(r"[0-9a-f-]{16,}", v)}


def test_two_anonymised_exports_of_one_trainee_share_nothing_that_links_them(tmp_path, small):
    with Store.open(tmp_path) as store:
        autoplay(store, small, scenario_sha256="", bot="random", seed=1, trainee="t-701")
        autoplay(store, small, scenario_sha256="", bot="random", seed=2, trainee="t-702")
    exports = []
    for name in ("first.json", "second.json"):
        out = tmp_path / name
        res = run_main("export", "--xapi", str(out), "--trainee", "t-701", "--anonymise",
                       "--data-dir", str(tmp_path))
        assert res.returncode == 0, res.stderr
        exports.append(json.loads(out.read_text(encoding="utf-8")))
    other = tmp_path / "other.json"
    assert run_main("export", "--xapi", str(other), "--trainee", "t-702", "--anonymise",
                    "--data-dir", str(tmp_path)).returncode == 0
    shared = _digests(exports[0]) & _digests(exports[1])
    # what both copies of t-701 carry is carried by t-702's copy too (the rubric's digest): it
    # says which rubric scored them, not who was scored
    assert shared <= _digests(json.loads(other.read_text(encoding="utf-8")))
    with Store.open(tmp_path) as store:
        plain = store.statements("t-701")
    assert not _digests(exports[0]) & (_digests(plain) - shared)


def test_read_only_commands_never_delete_old_sessions(tmp_path, small):
    clock = Clock()
    clock.now = datetime.now(UTC) - timedelta(days=100)
    with Store.open(tmp_path, clock=clock) as store:
        autoplay(store, small, scenario_sha256="", bot="random", seed=1, trainee="t-old")
        set_retention(store, 30)
    for argv in (["sessions"], ["report", "--cohort", "all", "--out", str(tmp_path / "c.html")],
                 ["export", "--csv", str(tmp_path / "c.csv")]):
        res = run_main(*argv, "--data-dir", str(tmp_path))
        assert res.returncode == 0, res.stderr
        with Store.open(tmp_path) as store:
            assert [s.trainee_id for s in store.sessions()] == ["t-old"], argv
    res = run_main("autoplay", str(SCENARIO), "--bot", "idle", "--trainee", "t-new",
                   "--data-dir", str(tmp_path))
    assert res.returncode == 0, res.stderr
    with Store.open(tmp_path) as store:  # a command that writes records applies the setting
        assert [s.trainee_id for s in store.sessions()] == ["t-new"]


def test_delete_says_what_a_learning_record_store_still_holds(tmp_path, small):
    with Store.open(tmp_path) as store:
        autoplay(store, small, scenario_sha256="", bot="random", seed=1, trainee="t-sent")
        store.mark_sent([row["id"] for row in store.outbox_rows()])
    ask = run_main("delete", "--trainee", "t-sent", "--data-dir", str(tmp_path))
    assert ask.returncode == 1 and "already sent to a learning record store" in ask.stdout
    res = run_main("delete", "--trainee", "t-sent", "--yes", "--data-dir", str(tmp_path))
    assert res.returncode == 0
    assert "does not remove them there" in res.stdout and "'t-sent'" in res.stdout


def _text_leaves(data: object) -> set[str]:
    """Every text leaf of a JSON document (keys are vocabulary, not data)."""
    return {v for v in _leaves(data) if isinstance(v, str)}


def test_anonymised_exports_share_no_text_value_only_their_trainee_has(tmp_path, small):
    with Store.open(tmp_path) as store:
        autoplay(store, small, scenario_sha256="a" * 64, bot="random", seed=1, trainee="t-501")
        autoplay(store, small, scenario_sha256="a" * 64, bot="random", seed=2, trainee="t-502")
    exports = []
    for n, trainee in enumerate(["t-501", "t-501", "t-502"]):
        out = tmp_path / f"anon{n}.json"
        res = run_main("export", "--xapi", str(out), "--anonymise", "--trainee", trainee,
                       "--data-dir", str(tmp_path))
        assert res.returncode == 0, res.stderr
        exports.append(_text_leaves(json.loads(out.read_text(encoding="utf-8"))))
    first, second, other = exports
    # every text value, not only digest-shaped ones: a duration to the hundredth of a second
    # is as good a join key as a hash
    assert not (first & second) - other, sorted((first & second) - other)
    assert all(v.startswith("PT") and v.endswith("M") for v in first if v.startswith("PT"))
