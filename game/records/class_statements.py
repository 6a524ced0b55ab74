"""The statements a class session adds to a rep's: a ``progressed`` statement each time the game
moves to another phase (round, phase, deals, profit and the provisional competency scores so
far), and, with the final ``scored`` statement, every key-account negotiation in utility space
(against both walk-away points, the Pareto frontier and the Nash point) and the occasions the
trainee missed. The hidden sides of a negotiation leave only after the game is over."""

from __future__ import annotations

import uuid
from collections import Counter
from typing import Any

from game.assessment.assess import competency_scores, standard_rubric
from game.assessment.occasions import missed_occasions, prompt_weeks
from game.engine.game import Game
from game.negotiation.pareto import nash_point
from game.records.classes import ClassInfo
from game.records.store import SessionInfo
from game.records.xapi import NAMESPACE, XAPI_VERSION, base_iri, home_page

PROGRESSED = "http://adlnet.gov/expapi/verbs/progressed"
CLASS_TYPE = "http://adlnet.gov/expapi/activities/course"


def class_activity(info: ClassInfo) -> dict[str, Any]:
    return {"objectType": "Activity", "id": f"{base_iri()}/classes/{info.id}",
            "definition": {"type": CLASS_TYPE, "name": {"en-US": info.name, "zh-CN": info.name}}}


def class_context(info: ClassInfo, session: SessionInfo) -> dict[str, Any]:
    """The xAPI context of a class session's statements: the class's registration, the class as
    the grouping activity, the session's facts."""
    return {"registration": info.registration, "platform": "Sales Dojo",
            "contextActivities": {"grouping": [class_activity(info)]},
            "extensions": {f"{base_iri()}/ext/session": {
                "session": session.id, "mode": session.mode, "player": session.player,
                "seed": session.seed, "track": session.track,
                "requires_human_review": session.mode == "assessment"}}}


def deals_signed(game: Game) -> int:
    return sum(1 for e in game.events if e.kind == "contract_signed")


def profit_so_far(game: Game) -> float:
    return round(sum(float(k["profit"]) for k in game.kpis), 2)


def provisional_scores(game: Game) -> dict[str, float | None]:
    """Each competency as the play so far shows it (None: not enough evidence yet)."""
    rubric, _ = standard_rubric()
    return {c.id: c.score for c in competency_scores(list(game.events), game.scenario, rubric)}


def progress_statement(info: ClassInfo, session: SessionInfo, game: Game, n: int, digest: str,
                       now: str) -> dict[str, Any]:
    """Where the game stands after action ``n`` (whose events have ``digest``)."""
    scores = provisional_scores(game)
    observed = [s for s in scores.values() if s is not None]
    progress = {"round": game.round, "rounds": game.scenario.rounds, "phase": str(game.phase),
                "week": game.week, "deals": deals_signed(game), "profit": profit_so_far(game),
                "scores": scores,
                "overall": round(sum(observed) / len(observed), 6) if observed else None,
                "over": game.over}
    return {
        "id": str(uuid.uuid5(NAMESPACE, f"statement:{session.id}:progressed:{n}:{digest}")),
        "actor": {"objectType": "Agent",
                  "account": {"homePage": home_page(), "name": session.trainee_id}},
        "verb": {"id": PROGRESSED, "display": {"en-US": "progressed"}},
        "object": {"objectType": "Activity", "id": f"{base_iri()}/scenarios/{session.scenario_id}",
                   "definition": {"type": "http://adlnet.gov/expapi/activities/simulation",
                                  "name": {"en-US": game.scenario.title.pick("en"),
                                           "zh-CN": game.scenario.title.pick("zh")}}},
        "result": {"extensions": {f"{base_iri()}/ext/progress": progress}},
        "context": class_context(info, session),
        "timestamp": now,
        "version": XAPI_VERSION,
    }


def deal_rows(game: Game) -> list[dict[str, Any]]:
    """Every key-account negotiation of a finished game in utility space: the outcome (the
    walk-away points when there was no deal), both walk-away points, the Pareto frontier and
    the Nash point, value claimed and joint value."""
    truth = game.truth()["negotiations"]
    names = {ka.id: ka.name for ka in game.scenario.key_accounts}
    rows = []
    for account, session in sorted(game.sessions.items()):
        u_s, u_c = session._u_s, session.customer.u  # noqa: SLF001 - the game is over
        rv_s, rv_c = float(session.seller_reservation), float(session.customer.rv)
        frontier = sorted((round(float(u_s[i]), 4), round(float(u_c[i]), 4))
                          for i in session.frontier())
        nash = nash_point(u_s, u_c, rv_s, rv_c)
        metrics = truth.get(account, {}).get("metrics") or {}
        agreed = session.agreement is not None
        rows.append({
            "account": account, "name": names[account].model_dump() if account in names else {},
            "agreed": agreed, "status": session.status,
            "terms": dict(session.agreement or {}),
            "u_rep": round(float(metrics.get("u_seller", rv_s)), 4),
            "u_customer": round(float(metrics.get("u_customer", rv_c)), 4),
            "value_claimed": metrics.get("value_claimed"), "joint_value": metrics.get("joint_value"),
            "rv_rep": round(rv_s, 4), "rv_customer": round(rv_c, 4),
            "nash": None if nash is None else [round(float(u_s[nash]), 4),
                                               round(float(u_c[nash]), 4)],
            "frontier": [list(p) for p in frontier],
        })
    return rows


def missed_rows(game: Game) -> dict[str, int]:
    """How often the game missed each kind of occasion (a late complaint as the class's rubric,
    the standard one, defines late)."""
    rubric, _ = standard_rubric()
    missed = missed_occasions(list(game.events), prompt_weeks(rubric))
    return dict(sorted(Counter(o.kind for o in missed).items()))
