"""xAPI 1.0.3 statements for a finished session, fixed when the session ends.

The actor is a pseudonymous ``account`` (never an e-mail), the verbs are ADL's, the object is
the scenario as an activity IRI, and ``context.registration`` is a UUID derived from the session
id. Statement ids are derived too (uuid5), so a statement built twice has the same id and an LRS
can recognise a re-send.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from game.records import scoring
from game.records.store import SessionInfo, canonical, parse_iso
from game.scenario.models import Scenario

if TYPE_CHECKING:  # the manager track's models load with it, not with the records
    from game.manager.models import ManagerScenario

XAPI_VERSION = "1.0.3"
NAMESPACE = uuid.UUID("8f1f4a52-6c0e-5b8e-9d8a-3b1d5e0c7a21")
BASE_ENV = "SALES_DOJO_XAPI_BASE"
HOME_ENV = "SALES_DOJO_XAPI_HOMEPAGE"
DEFAULT_BASE = "https://sales-dojo.invalid/xapi"
ADL = "http://adlnet.gov/expapi/verbs/"
VERBS = ("completed", "passed", "failed", "scored")
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"


def base_iri() -> str:
    return (os.environ.get(BASE_ENV) or DEFAULT_BASE).rstrip("/")


def home_page() -> str:
    return os.environ.get(HOME_ENV) or base_iri().rsplit("/xapi", 1)[0] + "/trainees"


def registration(session_id: str) -> str:
    """The attempt's registration UUID: the same session always gives the same one."""
    return str(uuid.uuid5(NAMESPACE, f"registration:{session_id}"))


def statement_id(session_id: str, verb: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"statement:{session_id}:{verb}"))


def duration(started_at: str, ended_at: str) -> str:
    """ISO 8601 duration between the session's recorded start and end (0.01 s precision)."""
    seconds = max(0.0, (parse_iso(ended_at) - parse_iso(started_at)).total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    text = "PT"
    if hours:
        text += f"{int(hours)}H"
    if minutes:
        text += f"{int(minutes)}M"
    return text + f"{secs:.2f}".rstrip("0").rstrip(".") + "S"


def evidence_sha256(competency: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(competency.get("evidence", [])).encode("utf-8")).hexdigest()


def statements_for(session: SessionInfo, scenario: Scenario | ManagerScenario,
                   scores: dict[str, Any], *,
                   ended_at: str, weeks: int, event_log_sha256: str,
                   group: dict[str, Any] | None = None,
                   extra: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """completed, then passed or failed (if the scores decide it), then scored. A class session
    gives its ``group`` context (registration and grouping, ``game.records.class_statements``)
    and ``extra`` result extensions of the scored statement (its deals and missed occasions)."""
    base = base_iri()
    actor = {"objectType": "Agent",
             "account": {"homePage": home_page(), "name": session.trainee_id}}
    names = {"en-US": scenario.title.pick("en"), "zh-CN": scenario.title.pick("zh")}
    activity = {"objectType": "Activity", "id": f"{base}/scenarios/{session.scenario_id}",
                "definition": {"type": SIMULATION, "name": names}}
    context = {
        "registration": registration(session.id),
        "platform": "Sales Dojo",
        "extensions": {f"{base}/ext/session": {
            "mode": session.mode,
            "track": session.track,
            "player": session.player,
            "seed": session.seed,
            "scenario_sha256": session.scenario_sha256,
            "engine_version": session.engine_version,
            "event_log_sha256": event_log_sha256,
            "simulated_weeks": weeks,
            "actions": session.actions,
            # Assessment-mode results need a person's review before any HR decision
            # (PIPL Art. 24, GDPR Art. 22): they must not drive an automated decision.
            "requires_human_review": session.mode == "assessment",
        }},
    }
    if group is not None:
        facts = context["extensions"][f"{base}/ext/session"]
        context = {**group, "extensions": {f"{base}/ext/session": {
            **facts, **group["extensions"][f"{base}/ext/session"]}}}
    took = duration(session.started_at, ended_at)
    overall = scores.get("overall")
    passed = scores.get("passed")

    def statement(verb: str, result: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": statement_id(session.id, verb),
            "actor": actor,
            "verb": {"id": ADL + verb, "display": {"en-US": verb}},
            "object": activity,
            "result": result,
            "context": context,
            "timestamp": ended_at,
            "version": XAPI_VERSION,
        }

    out = [statement("completed", {"completion": True, "duration": took})]
    score = {} if overall is None else {"score": {"scaled": round(float(overall), 4)}}
    if passed is not None:
        verb = "passed" if passed else "failed"
        out.append(statement(verb, {**score, "success": bool(passed), "completion": True,
                                    "duration": took}))
    competencies = {
        c["id"]: {"score": c.get("score"), "level": c.get("level"), "cw": c.get("cw", []),
                  "evidence_sha256": evidence_sha256(c)}
        for c in scoring.competencies(scores)
    }
    kpis = {k["id"]: {"value": k.get("value"), "target": k.get("target"), "met": k.get("met")}
            for k in scoring.kpis(scores)}
    rubric = scores.get("assessment", {})
    extensions = {
        f"{base}/ext/competencies": competencies,
        f"{base}/ext/kpis": kpis,
        f"{base}/ext/scores-sha256": hashlib.sha256(canonical(scores).encode()).hexdigest(),
        f"{base}/ext/rubric": {"id": rubric.get("rubric_id"),
                               "sha256": rubric.get("rubric_sha256")},
        **(extra or {}),
    }
    out.append(statement("scored", {**score, "completion": True, "duration": took,
                                    "extensions": extensions}))
    return out


def anonymised(statement: dict[str, Any], label: str, token: Callable[[str], str]) -> dict[str, Any]:
    """A copy for analysis: pseudonym re-mapped, ids re-derived, time cut to the day, and the
    digests that would link it back to the store or to another export removed."""
    out = json.loads(json.dumps(statement))
    out["actor"]["account"]["name"] = label
    out["id"] = str(uuid.uuid5(NAMESPACE, "anon:" + token(statement["id"])))
    context = out.get("context", {})
    if "registration" in context:
        context["registration"] = str(uuid.uuid5(NAMESPACE, "anon:" + token(context["registration"])))
    for extensions in (context.get("extensions"), out.get("result", {}).get("extensions")):
        if isinstance(extensions, dict):
            _drop_digests(extensions)
    result = out.get("result", {})
    if "duration" in result:
        result["duration"] = _coarse(result["duration"])
    out["timestamp"] = statement["timestamp"][:10] + "T00:00:00Z"
    return out


def _drop_digests(data: dict[str, Any]) -> None:
    """Remove every digest that could link a copy back to the store or to other copies: the
    event log's, the scores', each competency's evidence and the scenario's (a trainee's own
    variant has its own). The rubric's stays: every trainee scored by it shares it."""
    for key in list(data):
        value = data[key]
        if key.rstrip("/").endswith("sha256") and "rubric" not in key:
            del data[key]
        elif isinstance(value, dict) and "rubric" not in key:
            _drop_digests(value)


def _coarse(iso_duration: str) -> str:
    """A duration cut to whole minutes (to the hundredth of a second it would identify a game)."""
    match = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:[\d.]+S)?", iso_duration)
    if match is None:
        return "PT0M"
    hours, minutes = (int(g or 0) for g in match.groups())
    return f"PT{hours * 60 + minutes}M"
