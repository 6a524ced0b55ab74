"""Relationship and satisfaction (CW-40..43): incidents and complaints answered in time, accounts
visited and surveyed."""

from __future__ import annotations

from collections.abc import Sequence

from game.assessment.indicators.base import IndicatorResult, Params, indicator, mean
from game.assessment.log import EventLog
from game.engine.events import Event
from game.scenario.models import Scenario


@indicator(
    "complaint_response", facts=("complaints", "prompt", "slow", "open"), params=("within_weeks",)
)
def complaint_response(
    events: Sequence[Event], scenario: Scenario, params: Params
) -> IndicatorResult:
    """Per complaint: 1 if resolved within ``within_weeks`` weeks, 0.5 if resolved later, 0 if
    never resolved."""
    log = EventLog(events)
    within = int(params["within_weeks"])
    resolved = {int(e.payload["complaint"]): e for e in log.of("complaint_resolved")}
    scores: list[float] = []
    evidence: list[int] = []
    prompt = slow = still_open = 0
    for e in log.of("complaint_received"):
        answer = resolved.get(int(e.payload["complaint"]))
        evidence.append(e.seq)
        if answer is None:
            still_open += 1
            scores.append(0.0)
            continue
        evidence.append(answer.seq)
        if int(answer.payload["response_weeks"]) <= within:
            prompt += 1
            scores.append(1.0)
        else:
            slow += 1
            scores.append(0.5)
    facts = {"complaints": len(scores), "prompt": prompt, "slow": slow, "open": still_open}
    return IndicatorResult(mean(scores), tuple(sorted(evidence)), facts)


@indicator("incidents_handled", facts=("incidents", "handled", "late"))
def incidents_handled(
    events: Sequence[Event], scenario: Scenario, params: Params
) -> IndicatorResult:
    """Per delivery incident: 1 if it was expedited or the customer informed before it turned
    into a late delivery, else 0."""
    log = EventLog(events)
    handled = {
        int(e.payload["incident"]): e for e in log.of("incident_expedited", "customer_informed")
    }
    late = {int(e.payload["incident"]): e for e in log.of("delivery_late")}
    scores: list[float] = []
    evidence: list[int] = []
    for e in log.of("delivery_incident"):
        n = int(e.payload["incident"])
        evidence.append(e.seq)
        answer, broke = handled.get(n), late.get(n)
        if answer is not None and (broke is None or answer.seq < broke.seq):
            evidence.append(answer.seq)
            scores.append(1.0)
        else:
            evidence += [broke.seq] if broke else []
            scores.append(0.0)
    facts = {"incidents": len(scores), "handled": int(sum(scores)), "late": len(late)}
    return IndicatorResult(mean(scores), tuple(sorted(evidence)), facts)


def _complaint_open(log: EventLog, visit: Event) -> bool:
    """Whether the visited account had a complaint open at the visit that was still open at the
    end of the visit's round."""
    account = visit.payload["account"]
    received = [e for e in log.for_account(account, "complaint_received") if e.seq < visit.seq]
    resolved = {int(e.payload["complaint"]) for e in log.for_account(account, "complaint_resolved")
                if e.round <= visit.round}
    return any(int(e.payload["complaint"]) not in resolved for e in received)


def useful_call(log: EventLog, call: Event, current: bool = False) -> bool:
    """Whether a visit (``account_visited``) or a satisfaction survey (``satisfaction_surveyed``)
    was care: a survey, the round's first; a visit, the round's first caring one to its account
    — a key account won by the end of the round's maintenance (with ``current``: and still a
    customer then), with no complaint of it left open. Any other call is wasted
    (``account_care``)."""
    earlier = [e for e in log.of(call.kind) if e.round == call.round and e.seq < call.seq]
    if call.kind == "satisfaction_surveyed":
        return not earlier
    account = call.payload["account"]
    return _cares(log, call, current) and not any(
        e.payload["account"] == account and _cares(log, e, current) for e in earlier)


def _cares(log: EventLog, visit: Event, current: bool) -> bool:
    end = log.phase_end(visit.round, "maintenance")
    won = end is not None and visit.payload["account"] in log.served_before(end.seq, current)
    return won and not _complaint_open(log, visit)


@indicator("account_care", facts=("rounds", "visits", "surveys"), optional=("current_customers",))
def account_care(events: Sequence[Event], scenario: Scenario, params: Params) -> IndicatorResult:
    """Per round once a key account is won: half for visiting every key account won so far (the
    share visited), half for running a satisfaction survey; a round with no account won yet is no
    occasion. With ``current_customers``, an account that has left (a contract not renewed, a
    default) is no longer one to care for — the game refuses a visit to it — so a round with no
    customer left is no occasion either (a rubric written before the rule, without the
    parameter, still counts every account ever won).
    Care goes where it helps: the round's score is scaled by the share of its visits and surveys
    that were useful — the first visit of a won account (not one whose complaint is left open
    that round: a visit is no answer to it), and one survey, the one the round's score credits —
    so calling on the same customers again and again, on accounts not yet won, or surveying
    segment after segment adds nothing and costs part of the score; a round with more wasted
    calls than useful ones scores 0."""
    log = EventLog(events)
    scores: list[float] = []
    evidence: list[int] = []
    visits_n = surveys_n = 0
    current = bool(params.get("current_customers"))
    for r in log.rounds():
        end = log.phase_end(r, "maintenance")
        if end is None:
            continue
        won = log.served_before(end.seq, current)
        visits = [e for e in log.of("account_visited") if e.round == r]
        surveys = [e for e in log.of("satisfaction_surveyed") if e.round == r]
        # a visit to an account whose complaint the rep leaves unanswered is no care
        visited = {e.payload["account"] for e in visits if useful_call(log, e, current)}
        surveyed = 1.0 if surveys else 0.0
        if not won:  # no account to care for yet: the round is no occasion
            continue
        score = 0.5 * len(visited) / len(won) + 0.5 * surveyed
        useful = len(visited) + min(1, len(surveys))
        made = len(visits) + len(surveys)
        wasted = made - useful
        scores.append(0.0 if wasted > useful else score * (useful / made if made else 1.0))
        visits_n += len(visits)
        surveys_n += len(surveys)
        evidence += [e.seq for e in visits + surveys] + [end.seq]
    facts = {"rounds": len(scores), "visits": visits_n, "surveys": surveys_n}
    return IndicatorResult(mean(scores), tuple(sorted(evidence)), facts)
