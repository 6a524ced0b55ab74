"""A class as its statements in the LRS show it: who is where, with what deals and scores, and
the class debrief's figures. Everything here is read from the statements alone (and the class
file, for the roster and the case, and the case's shipped validity study, for how exact one
trainee's score is); nothing is read from a trainee's machine."""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from game.classroom.model import (
    AccountSpread,
    ClassView,
    CompetencySpread,
    DealPoint,
    MissedOccasion,
    TraineeRow,
)
from game.records.classes import ClassInfo
from game.records.measurement import OVERALL, Sem, measured_sems
from game.records.xapi import base_iri

OCCASIONS = Path(__file__).with_name("occasions.json")
T_975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306,
         9: 2.262, 10: 2.228, 15: 2.131, 20: 2.086, 30: 2.042, 60: 2.000}
"""Student's t 97.5 % quantiles by degrees of freedom (between rows: the next lower row's)."""


def t_quantile(df: int) -> float:
    return T_975[max(k for k in T_975 if k <= df)] if df < 120 else 1.96


def _ext(statement: dict[str, Any], where: str, name: str) -> Any:
    holder = statement.get(where, {}) if where == "context" else statement.get("result", {})
    return (holder.get("extensions") or {}).get(f"{base_iri()}/ext/{name}")


def _verb(statement: dict[str, Any]) -> str:
    return str(statement.get("verb", {}).get("id", "")).rsplit("/", 1)[-1]


def _trainee(statement: dict[str, Any]) -> str:
    return str(statement.get("actor", {}).get("account", {}).get("name", ""))


def latest_session(statements: list[dict[str, Any]]) -> str | None:
    """The session a trainee's latest statement belongs to (a trainee who started again)."""
    dated = [(s.get("timestamp", ""), (_ext(s, "context", "session") or {}).get("session"))
             for s in statements]
    dated = [d for d in dated if d[1]]
    return max(dated)[1] if dated else None


def trainee_row(trainee: str, statements: list[dict[str, Any]]) -> TraineeRow:
    """A trainee's row from its statements (all of one session: its latest)."""
    if not statements:
        return TraineeRow(trainee, "waiting", None, None, None, 0, None, None, {}, None)
    progress = [s for s in statements if _verb(s) == "progressed"]
    scored = [s for s in statements if _verb(s) == "scored"]
    last = max(progress, key=lambda s: (s.get("timestamp", ""),
                                        (_ext(s, "result", "progress") or {}).get("week", 0))
               ) if progress else None
    p = (_ext(last, "result", "progress") or {}) if last is not None else {}
    updated = max(s.get("timestamp", "") for s in statements)
    if scored:
        final = scored[-1]
        comps = _ext(final, "result", "competencies") or {}
        scores = {cid: c.get("score") for cid, c in comps.items()}
        overall = (final.get("result", {}).get("score") or {}).get("scaled")
        return TraineeRow(trainee, "finished", str(p.get("phase") or "debrief"),
                          p.get("rounds") or p.get("round"), p.get("rounds"),
                          int(p.get("deals") or 0), p.get("profit"), overall, scores, updated)
    return TraineeRow(trainee, "playing", p.get("phase"), p.get("round"), p.get("rounds"),
                      int(p.get("deals") or 0), p.get("profit"), p.get("overall"),
                      dict(p.get("scores") or {}), updated)


def by_trainee(statements: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Each trainee's statements of its latest session, each statement once (by id)."""
    seen: dict[str, dict[str, Any]] = {}
    for s in statements:
        seen.setdefault(str(s.get("id")), s)
    grouped: dict[str, list[dict[str, Any]]] = {}
    for s in seen.values():
        grouped.setdefault(_trainee(s), []).append(s)
    out = {}
    for trainee, items in grouped.items():
        session = latest_session(items)
        out[trainee] = [s for s in items
                        if (_ext(s, "context", "session") or {}).get("session") == session]
    return out


def accounts(finals: dict[str, dict[str, Any]]) -> list[AccountSpread]:
    """Each key account across the finished trainees."""
    spreads: dict[str, dict[str, Any]] = {}
    for trainee, final in sorted(finals.items()):
        for d in _ext(final, "result", "deals") or []:
            entry = spreads.setdefault(d["account"], {"row": d, "deals": []})
            entry["deals"].append(DealPoint(
                trainee=trainee, agreed=bool(d.get("agreed")), u_rep=float(d["u_rep"]),
                u_customer=float(d["u_customer"]), value_claimed=d.get("value_claimed"),
                joint_value=d.get("joint_value"), terms=dict(d.get("terms") or {})))
    out = []
    for account, entry in sorted(spreads.items()):
        row = entry["row"]
        name = {k: v for k, v in (row.get("name") or {}).items() if v} or {"en": account}
        out.append(AccountSpread(
            account=account, name=name,
            rv_rep=float(row["rv_rep"]), rv_customer=float(row["rv_customer"]),
            nash=None if row.get("nash") is None else (float(row["nash"][0]), float(row["nash"][1])),
            frontier=[(float(a), float(b)) for a, b in row.get("frontier") or []],
            deals=entry["deals"]))
    return out


def competencies(finals: dict[str, dict[str, Any]],
                 names: dict[str, dict[str, str]]) -> list[CompetencySpread]:
    """Each competency across the finished trainees, with a 95 % t-interval for its mean."""
    values: dict[str, list[float]] = {}
    missing: dict[str, int] = {}
    for _, final in sorted(finals.items()):
        for cid, c in (_ext(final, "result", "competencies") or {}).items():
            values.setdefault(cid, [])
            if c.get("score") is None:
                missing[cid] = missing.get(cid, 0) + 1
            else:
                values[cid].append(float(c["score"]))
    out = []
    for cid in sorted(values, key=lambda c: list(names).index(c) if c in names else len(names)):
        xs = values[cid]
        mean = statistics.fmean(xs) if xs else None
        low = high = None
        if len(xs) >= 2 and mean is not None:
            half = t_quantile(len(xs) - 1) * statistics.stdev(xs) / math.sqrt(len(xs))
            low, high = max(0.0, mean - half), min(1.0, mean + half)
        out.append(CompetencySpread(cid, names.get(cid, {"en": cid, "zh": cid}), xs,
                                    None if mean is None else round(mean, 4),
                                    None if low is None else round(low, 4),
                                    None if high is None else round(high, 4), missing.get(cid, 0)))
    return out


def missed(finals: dict[str, dict[str, Any]]) -> list[MissedOccasion]:
    """The occasions missed by most trainees first."""
    words = json.loads(OCCASIONS.read_text(encoding="utf-8"))
    trainees: dict[str, int] = {}
    times: dict[str, int] = {}
    for _, final in sorted(finals.items()):
        for kind, n in (_ext(final, "result", "missed") or {}).items():
            trainees[kind] = trainees.get(kind, 0) + 1
            times[kind] = times.get(kind, 0) + int(n)
    return [MissedOccasion(kind, words.get(kind, {"en": kind, "zh": kind}), trainees[kind],
                           times[kind])
            for kind in sorted(trainees, key=lambda k: (-trainees[k], -times[k], k))]


def class_view(info: ClassInfo, statements: list[dict[str, Any]], *, lrs: str, generated: str,
               names: dict[str, dict[str, str]] | None = None) -> ClassView:
    """The class now, from its statements in the LRS; ``names``: competency names by id."""
    mine = [s for s in statements
            if (s.get("context") or {}).get("registration") == info.registration]
    grouped = by_trainee(mine)
    rows = [trainee_row(t, grouped.get(t, [])) for t in info.roster]
    finals = {t: [s for s in items if _verb(s) == "scored"][-1]
              for t, items in grouped.items()
              if t in info.roster and any(_verb(s) == "scored" for s in items)}
    errors = _errors(info, finals, names or {})
    ranking = sorted(((r.trainee, r.overall) for r in rows
                      if r.status == "finished" and r.overall is not None),
                     key=lambda x: (-x[1], x[0]))
    scenario = info.scenario
    judged = case_assesses(scenario.courseware)
    return ClassView(class_id=info.id, name=info.name, scenario_id=info.scenario_id,
                     scenario_title=scenario.title.model_dump(), seed=info.seed,
                     generated=generated, lrs=lrs, statements=len(mine), trainees=rows,
                     accounts=accounts(finals),
                     competencies=[replace(c, sem=_value(errors.get(c.id)),
                                           assessed=judged is None or c.id in judged)
                                   for c in competencies(finals, names or {})],
                     missed=missed(finals), ranking=ranking,
                     issues={i.id: i.name.model_dump() for i in scenario.negotiation.issues},
                     overall_sem=_value(errors.get(OVERALL)),
                     real_gap=None if OVERALL not in errors else errors[OVERALL].real_gap())


def case_assesses(courseware: list[str]) -> set[str] | None:
    """The standard rubric's competencies a scenario of ``courseware`` sets out to assess (None:
    all of them, as when it names no section)."""
    from game.assessment.assess import standard_rubric

    rubric, _ = standard_rubric()
    ids = rubric.assessed_by(courseware)
    return None if len(ids) == len(rubric.competencies) else set(ids)


def _errors(info: ClassInfo, finals: dict[str, dict[str, Any]],
            names: dict[str, dict[str, str]]) -> dict[str, Sem]:
    """The measurement errors the shipped validity study of the class's scenario measured for
    the games its trainees finished (each game's scenario text and rubric, as its statements
    name them); none for a text or rubric no study measured."""
    played = []
    for final in finals.values():
        scenario = (_ext(final, "context", "session") or {}).get("scenario_sha256")
        rubric = (_ext(final, "result", "rubric") or {}).get("sha256")
        if not scenario or not rubric:
            return {}
        played.append((str(scenario), str(rubric)))
    ids = {cid for final in finals.values()
           for cid in (_ext(final, "result", "competencies") or {})} | set(names)
    return measured_sems(sorted(ids) + [OVERALL], info.scenario_id, *played)


def _value(sem: Sem | None) -> float | None:
    return None if sem is None else sem.value
