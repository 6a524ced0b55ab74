"""A class against a real LRS (Ralph, as in .ci/lrs.sh): three trainees play one class as separate
processes, each on its own records, their statements sent as they play; the dashboard, reading
the LRS alone, shows all three, and its debrief equals the one built from the three local
stores. Killing the LRS mid-class loses nothing and duplicates nothing."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from game.classroom.aggregate import class_view
from game.classroom.server import ClassFeed, serve
from game.records.classes import LrsAccess, load_class, new_class, write_class
from game.records.store import Store
from game.records.sync import LrsClient
from tests.records.lrs_server import PASSWORD, USER, Lrs, ralph_installed

pytestmark = pytest.mark.skipif(
    not ralph_installed(),
    reason="Ralph LRS is not installed (ralph-malph 5.1.0): run .ci/lrs.sh install",
)

ROOT = Path(__file__).resolve().parents[2]
KEY = "class-key-for-tests-0123456789ab"
PLAYERS = {"t-01": "expert", "t-02": "novice", "t-03": "heuristic"}


def make_class(small, folder: Path, lrs: Lrs) -> Path:
    info = new_class(small, "", seed=33, roster=tuple(PLAYERS), name="Class 7B",
                     lrs=LrsAccess(lrs.url, USER, PASSWORD), created_at="2026-12-05T09:00:00Z")
    return write_class(info, folder / "class.json", KEY.encode())


def start_trainees(path: Path, folder: Path, pace: float) -> dict[str, subprocess.Popen[str]]:
    env = {**os.environ, "SALES_DOJO_HMAC_KEY": KEY}
    return {trainee: subprocess.Popen(
        [sys.executable, "main.py", "autoplay", "--class", str(path), "--bot", bot, "--trainee",
         trainee, "--data-dir", str(folder / trainee), "--pace", str(pace)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for trainee, bot in PLAYERS.items()}


def finish(procs: dict[str, subprocess.Popen[str]]) -> None:
    for trainee, proc in procs.items():
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, (trainee, out, err)
        assert "Traceback" not in err


def local_statements(folder: Path) -> list[dict]:
    out = []
    for trainee in PLAYERS:
        with Store.open(folder / trainee, create=False) as store:
            out += store.statements(trainee)
    return out


def comparable(view) -> dict:
    return {k: v for k, v in dataclasses.asdict(view).items() if k not in ("generated", "lrs")}


def test_three_trainees_on_three_machines_meet_on_the_dashboard(small, tmp_path) -> None:
    lrs = Lrs(tmp_path / "lrs")
    lrs.start()
    try:
        path = make_class(small, tmp_path, lrs)
        finish(start_trainees(path, tmp_path, pace=0.0))
        info, _ = load_class(path, KEY.encode())
        feed = ClassFeed(info, LrsClient(lrs.url, USER, PASSWORD), poll=60)
        feed.refresh()
        assert feed.error is None
        view = feed.view
        rows = {r.trainee: r for r in view.trainees}
        for trainee in PLAYERS:
            with Store.open(tmp_path / trainee, create=False) as store:
                (session,) = store.sessions(trainee)
                scores = store.scores(session.id)
            row = rows[trainee]
            assert (row.status, row.phase, row.round) == ("finished", "debrief", small.rounds)
            assert row.overall == round(scores["overall"], 4)
            assert row.scores == {c["id"]: c["score"] for c in scores["assessment"]["competencies"]}
        mine = local_statements(tmp_path)
        assert view.statements == len(mine) == len({s["id"] for s in mine})
        from_stores = class_view(info, mine, lrs="", generated="")
        assert comparable(view) == comparable(from_stores)
        # the dashboard's page answers from what it read
        server = serve(feed, 0, lang="zh")
        try:
            import threading

            threading.Thread(target=server.handle_request, daemon=True).start()
            host, port = server.server_address[:2]
            with urllib.request.urlopen(f"http://{host}:{port}/", timeout=10) as answer:
                page = answer.read().decode("utf-8")
            assert answer.status == 200 and 'lang="zh-CN"' in page
            assert all(trainee in page for trainee in PLAYERS)
        finally:
            server.server_close()
    finally:
        lrs.stop()


def test_killing_the_lrs_mid_class_loses_nothing_and_duplicates_nothing(small, tmp_path) -> None:
    lrs = Lrs(tmp_path / "lrs")
    lrs.start()
    try:
        path = make_class(small, tmp_path, lrs)
        procs = start_trainees(path, tmp_path, pace=0.08)
        info, _ = load_class(path, KEY.encode())
        client = LrsClient(lrs.url, USER, PASSWORD, timeout=5)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not client.statements(
                {"registration": info.registration}):
            time.sleep(0.5)  # the class is under way and its statements arrive
        lrs.stop()  # SIGKILL, mid-class
        time.sleep(2.0)
        assert all(p.poll() is None for p in procs.values()), "the trainees stopped playing"
        lrs.start()  # back on the same port and files
        finish(procs)
        mine = local_statements(tmp_path)
        held = lrs.statements(registration=info.registration)
        ids = [s["id"] for s in held]
        assert len(ids) == len(set(ids)), "the LRS holds a statement twice"
        assert set(ids) == {s["id"] for s in mine}, "a statement was lost"
        feed = ClassFeed(info, client, poll=60)
        feed.refresh()
        assert {r.status for r in feed.view.trainees} == {"finished"}
        assert feed.view.statements == len(mine)
    finally:
        lrs.stop()
