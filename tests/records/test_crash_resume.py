"""A game process killed with SIGKILL mid-session loses no committed action, and resuming it
ends with the same event-log hash as a run that was never interrupted."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from game.bots.base import play
from game.bots.registry import make_bot
from game.engine.events import log_digest
from game.engine.game import Game
from game.records.autosave import resume
from game.records.store import Store
from tests.records.conftest import popen_main, run_main

SEED = 5
BOT = "heuristic"
KILLS = 3


def committed(db: Path) -> tuple[str | None, list[dict]]:
    """The open-or-finished session and its committed actions, read as another process would."""
    if not db.exists():
        return None, []
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, timeout=5)
    try:
        row = conn.execute("SELECT id FROM sessions ORDER BY started_at LIMIT 1").fetchone()
        if row is None:
            return None, []
        rows = conn.execute("SELECT action FROM actions WHERE session_id = ? ORDER BY n", row)
        return row[0], [json.loads(r[0]) for r in rows]
    except sqlite3.OperationalError:  # the schema is being created right now
        return None, []
    finally:
        conn.close()


def kill_after(args: list[str], db: Path, at_least: int) -> None:
    """Start autoplay, wait until ``at_least`` actions are committed, then SIGKILL it."""
    proc = popen_main(*args)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            _, actions = committed(db)
            if len(actions) >= at_least:
                break
            assert proc.poll() is None, f"autoplay ended before the kill point: {proc.stderr.read()}"
            time.sleep(0.002)
        else:
            pytest.fail("autoplay never reached the kill point")
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def test_sigkill_at_random_points_then_resume_matches_an_uninterrupted_run(
        small_file, small_loaded, tmp_path):
    scenario, _ = small_loaded
    reference = Game(scenario, seed=SEED)
    play(reference, make_bot(BOT, SEED))
    total = len(reference.actions)

    rng = random.Random(20261126)
    points = sorted(rng.sample(range(5, total - 5), KILLS))
    data = tmp_path / "records"
    db = data / "records.sqlite3"
    args = ["autoplay", str(small_file), "--bot", BOT, "--seed", str(SEED), "--data-dir",
            str(data), "--trainee", "t-crash", "--pace", "0.004"]

    snapshots: list[list[dict]] = []
    for k, point in enumerate(points):
        floor = len(snapshots[-1]) if snapshots else 0
        kill_after(args + (["--resume"] if k else []), db, max(point, floor + 1))
        session_id, actions = committed(db)
        assert session_id is not None
        assert len(actions) >= floor, "a committed action was lost"
        assert actions == reference.action_log()[: len(actions)]
        snapshots.append(actions)
        # The store opens cleanly after the kill, and resume() rebuilds exactly that prefix.
        with Store.open(data, create=False) as store:
            assert store.session(session_id).status == "open"
            game = resume(store, session_id)
        hi = reference.action_bounds[len(actions) - 1][1]
        assert game.log_digest() == log_digest(reference.events[:hi])

    done = run_main(*args, "--resume")
    assert done.returncode == 0, done.stderr
    assert f"after {len(snapshots[-1])} saved actions" in done.stderr
    assert done.stdout.strip().splitlines()[-1] == f"event log sha256 {reference.log_digest()}"
    session_id, final = committed(db)
    assert final == reference.action_log()
    for snap in snapshots:
        assert final[: len(snap)] == snap
    with Store.open(data, create=False) as store:
        assert len(store.sessions()) == 1
        info = store.session(session_id)
        assert info.status == "finished" and info.actions == total
        assert info.event_log_sha256 == reference.log_digest()
