"""xAPI against a real LRS (Ralph, started on a free port): statements arrive with the right
content, and an LRS that dies in the middle of a sync loses nothing and gets nothing twice."""

from __future__ import annotations

import re

import pytest

from game.records import scoring, xapi
from game.records.autoplay import autoplay
from game.records.store import Store
from game.records.sync import LrsClient, sync
from tests.records.conftest import run_main
from tests.records.lrs_server import PASSWORD, USER, Lrs, ralph_installed

pytestmark = pytest.mark.skipif(
    not ralph_installed(),
    reason="Ralph LRS is not installed (ralph-malph 5.1.0): run .ci/lrs.sh install",
)

DURATION = re.compile(r"^PT(\d+H)?(\d+M)?\d+(\.\d+)?S$")


@pytest.fixture
def lrs(tmp_path):
    server = Lrs(tmp_path / "lrs")
    server.start()
    yield server
    server.stop()


def fill(store: Store, small, plays: list[tuple[str, str, int, str]]) -> None:
    for trainee, bot, seed, mode in plays:
        autoplay(store, small, scenario_sha256="", bot=bot, seed=seed, trainee=trainee, mode=mode)


def test_sync_sends_every_statement_and_the_lrs_returns_them_intact(small, tmp_path, lrs):
    data = tmp_path / "records"
    with Store.open(data) as store:
        fill(store, small, [("t-101", "heuristic", 1, "practice"),
                            ("t-102", "random", 2, "assessment"),
                            ("t-101", "random", 3, "practice")])
        ours = {s["id"]: s for s in store.statements()}
        sessions = {s.id: s for s in store.sessions()}
        scores = {sid: store.scores(sid) for sid in sessions}
    assert len(ours) == 9

    res = run_main("sync", "--lrs", lrs.url, "--user", USER, "--password", PASSWORD,
                   "--batch", "4", "--data-dir", str(data))
    assert res.returncode == 0, res.stderr
    assert "sent 9 statement(s) in 3 batch(es); 0 still in the outbox" in res.stdout

    held = lrs.statements()
    assert sorted(s["id"] for s in held) == sorted(ours)
    for sid, session in sessions.items():
        mine = lrs.statements(registration=xapi.registration(sid))
        verbs = sorted(s["verb"]["id"].rsplit("/", 1)[1] for s in mine)
        passed = scores[sid]["passed"]
        assert verbs == sorted(["completed", "scored", "passed" if passed else "failed"])
        for st in mine:
            assert st["actor"] == {"objectType": "Agent", "account": {
                "homePage": xapi.home_page(), "name": session.trainee_id}}
            assert "mbox" not in str(st["actor"]) and "@" not in str(st["actor"])
            assert st["object"]["id"].endswith(f"/scenarios/{small.id}")
            assert st["context"]["registration"] == xapi.registration(sid)
            assert DURATION.match(st["result"]["duration"])
            ext = st["context"]["extensions"][f"{xapi.base_iri()}/ext/session"]
            assert ext["event_log_sha256"] == session.event_log_sha256
            assert ext["requires_human_review"] is (session.mode == "assessment")
            assert st["result"] == ours[st["id"]]["result"]
        scored = next(s for s in mine if s["verb"]["id"].endswith("/scored"))
        assert scored["result"]["score"]["scaled"] == round(scores[sid]["overall"], 4)
        comps = scored["result"]["extensions"][f"{xapi.base_iri()}/ext/competencies"]
        for comp in scoring.competencies(scores[sid]):
            assert comps[comp["id"]]["score"] == comp["score"]
            assert comps[comp["id"]]["evidence_sha256"] == xapi.evidence_sha256(comp)

    again = run_main("sync", "--lrs", lrs.url, "--user", USER, "--password", PASSWORD,
                     "--data-dir", str(data))
    assert again.returncode == 0 and "sent 0 statement(s)" in again.stdout
    assert len(lrs.statements()) == 9


def test_an_lrs_stopped_mid_sync_loses_nothing_and_duplicates_nothing(small, tmp_path, lrs):
    data = tmp_path / "records"
    with Store.open(data) as store:
        fill(store, small, [(f"t-2{k:02d}", "random", k, "practice") for k in range(4)])
        ours = {s["id"] for s in store.statements()}
        assert len(ours) == 12

        def stop_after_second(batches: int) -> None:
            if batches == 2:
                lrs.stop()

        report = sync(store, LrsClient(lrs.url, USER, PASSWORD, timeout=5), batch_size=2,
                      retries=2, backoff=0.01, on_batch=stop_after_second)
        assert report.sent == 4 and report.stopped and "no answer" in report.stopped
        assert store.outbox_counts() == {"total": 12, "sent": 4, "pending": 8}
        # Say the LRS stored the second batch but its answer was lost: it is still unsent here.
        second = [r["id"] for r in store.outbox_rows() if r["sent_at"]][2:4]
        store.conn.execute(f"UPDATE outbox SET sent_at = NULL WHERE id IN "
                           f"({', '.join('?' for _ in second)})", second)

    down = run_main("sync", "--lrs", lrs.url, "--user", USER, "--password", PASSWORD,
                    "--retries", "1", "--backoff", "0.01", "--data-dir", str(data))
    assert down.returncode == 1
    assert "kept in the outbox" in down.stderr and "Traceback" not in down.stderr
    assert "10 still in the outbox" in down.stdout

    lrs.start()
    assert len(lrs.statements()) == 4  # what was confirmed before the LRS went down
    back = run_main("sync", "--lrs", lrs.url, "--user", USER, "--password", PASSWORD,
                    "--batch", "3", "--data-dir", str(data))
    assert back.returncode == 0, back.stderr
    held = [s["id"] for s in lrs.statements()]
    assert len(held) == len(set(held)) == 12
    assert set(held) == ours
    with Store.open(data) as store:
        assert store.outbox_counts() == {"total": 12, "sent": 12, "pending": 0}
