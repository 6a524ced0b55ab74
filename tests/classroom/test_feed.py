"""The dashboard's feed: it reads what the LRS stored since its last read (a little before, so a
statement stored in the same instant is not lost), keeps each statement once, and keeps the view
it had while the LRS does not answer."""

from __future__ import annotations

from typing import Any

from game.classroom.server import ClassFeed, overlap
from game.records.classes import new_class
from game.records.errors import RecordsError


class FakeLrs:
    endpoint = "http://lrs.test/xAPI/statements"

    def __init__(self) -> None:
        self.held: list[dict[str, Any]] = []
        self.queries: list[dict[str, str]] = []
        self.down = False

    def statements(self, query: dict[str, str]) -> list[dict[str, Any]]:
        self.queries.append(dict(query))
        if self.down:
            raise RecordsError(self.endpoint, "no answer")
        since = query.get("since")
        return [s for s in self.held if since is None or s["stored"] > since]


def _statement(n: int, registration: str, stored: str) -> dict[str, Any]:
    return {"id": f"00000000-0000-4000-8000-{n:012d}", "stored": stored,
            "timestamp": stored, "actor": {"account": {"name": "t-01"}},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/progressed"},
            "result": {"extensions": {}}, "context": {"registration": registration}}


def test_overlap_moves_back_two_seconds() -> None:
    assert overlap("2026-12-05T10:00:05.250000+00:00") == "2026-12-05T10:00:03.250000+00:00"
    assert overlap("2026-12-05T10:00:05Z") == "2026-12-05T10:00:03+00:00"


def test_the_feed_reads_only_what_is_new_and_keeps_each_statement_once(small) -> None:
    info = new_class(small, "", seed=1, roster=("t-01",), name="x", lrs=None, created_at="")
    lrs = FakeLrs()
    feed = ClassFeed(info, lrs, poll=60, clock=lambda: "now")  # type: ignore[arg-type]
    lrs.held = [_statement(1, info.registration, "2026-12-05T10:00:00+00:00"),
                _statement(2, info.registration, "2026-12-05T10:00:05+00:00")]
    feed.refresh()
    assert "since" not in lrs.queries[0] and len(feed.statements) == 2
    lrs.held.append(_statement(3, info.registration, "2026-12-05T10:00:05+00:00"))  # same instant
    feed.refresh()
    assert lrs.queries[1]["since"] == "2026-12-05T10:00:03+00:00"
    assert len(feed.statements) == 3 and feed.view.statements == 3
    lrs.down = True
    feed.refresh()
    assert feed.error is not None and feed.view.statements == 3  # the last view stays
