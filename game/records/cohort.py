"""Cohorts: which sessions a filter selects, and one flat row per session (for CSV and charts).

A filter is ``all`` or comma-separated ``key=value`` terms, all of which must hold:
``scenario=ID``, ``mode=practice|assessment``, ``player=GLOB`` (e.g. ``bot:*`` or ``human``),
``trainee=GLOB``, ``since=YYYY-MM-DD``, ``until=YYYY-MM-DD``, ``status=finished|open|abandoned``
(default ``finished``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

from game.records import scoring
from game.records.errors import RecordsError
from game.records.privacy import Anonymiser
from game.records.store import SessionInfo, Store

KEYS = ("scenario", "mode", "player", "trainee", "since", "until", "status")


@dataclass(frozen=True)
class CohortFilter:
    terms: tuple[tuple[str, str], ...] = ()
    text: str = "all"

    @classmethod
    def parse(cls, text: str) -> CohortFilter:
        text = (text or "all").strip()
        if text in ("", "all", "*"):
            return cls((), "all")
        terms = []
        for part in text.split(","):
            key, sep, value = part.partition("=")
            key, value = key.strip(), value.strip()
            if not sep or key not in KEYS or not value:
                raise RecordsError.said("", "bad_cohort_term", term=part.strip(),
                                        keys=", ".join(KEYS))
            terms.append((key, value))
        return cls(tuple(terms), text)

    def matches(self, s: SessionInfo) -> bool:
        want_status = "finished"
        for key, value in self.terms:
            if key == "status":
                want_status = value
            elif key == "scenario" and s.scenario_id != value:
                return False
            elif key == "mode" and s.mode != value:
                return False
            elif key == "player" and not fnmatchcase(s.player, value):
                return False
            elif key == "trainee" and not fnmatchcase(s.trainee_id, value):
                return False
            elif key == "since" and s.started_at[:10] < value:
                return False
            elif key == "until" and s.started_at[:10] > value:
                return False
        return s.status == want_status


@dataclass(frozen=True)
class Attempt:
    """One session with its scores (None while unfinished)."""

    session: SessionInfo
    scores: dict[str, Any] | None

    def competency_scores(self) -> dict[str, float | None]:
        return {c["id"]: c["score"] for c in scoring.competencies(self.scores or {})}


def select(store: Store, cohort: CohortFilter) -> list[Attempt]:
    return [Attempt(s, store.scores(s.id)) for s in store.sessions() if cohort.matches(s)]


def attempts_of(store: Store, trainee: str) -> list[Attempt]:
    return [Attempt(s, store.scores(s.id)) for s in store.sessions(trainee)
            if s.status == "finished"]


BASE_COLUMNS = ("session_id", "trainee_id", "scenario_id", "scenario_sha256", "seed", "mode",
                "player", "engine_version", "started_at", "ended_at", "status", "actions", "weeks",
                "event_log_sha256", "overall", "passed", "requires_human_review")
ANONYMOUS_DROP = ("session_id", "event_log_sha256", "scenario_sha256")


def rows(attempts: list[Attempt], anonymiser: Anonymiser | None = None) -> list[dict[str, Any]]:
    """One flat dict per session: metadata, overall, competency, KPI and relative columns."""
    out = []
    for a in attempts:
        s, sc = a.session, a.scores or {}
        row: dict[str, Any] = {k: getattr(s, k) for k in BASE_COLUMNS if hasattr(s, k)}
        row["session_id"] = s.id
        row["overall"] = sc.get("overall")
        row["passed"] = sc.get("passed")
        row["requires_human_review"] = s.mode == "assessment"
        for c in scoring.competencies(sc):
            row[f"competency:{c['id']}"] = c["score"]
        for k in scoring.kpis(sc):
            row[f"kpi:{k['id']}"] = k["value"]
            row[f"kpi_met:{k['id']}"] = k["met"]
        rel = scoring.relative(sc) or {}
        for k in rel.get("kpis", []):
            row[f"vs_market:{k['id']}"] = k["ratio"]
        if anonymiser is not None:
            for key in ANONYMOUS_DROP:
                row.pop(key, None)
            row["trainee_id"] = anonymiser.trainee(s.trainee_id)
            row["started_at"] = anonymiser.day(s.started_at)
            row["ended_at"] = anonymiser.day(s.ended_at)
        out.append(row)
    return out


def to_csv(table: list[dict[str, Any]]) -> str:
    columns: list[str] = []
    for row in table:
        columns += [k for k in row if k not in columns]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in table:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buf.getvalue()
