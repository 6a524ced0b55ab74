"""Contract and risk management (CW-31, CW-50): credit checks, clauses that protect, risks met
with a prepared response."""

from __future__ import annotations

from collections.abc import Sequence

from game.assessment.indicators.base import IndicatorResult, Params, indicator, mean
from game.assessment.log import EventLog
from game.engine.events import Event
from game.scenario.models import Scenario

DECISIONS = ("contract_signed", "contract_declined", "contract_lapsed")


def ratings(scenario: Scenario) -> dict[str, str]:
    return {a.id: a.credit_rating for a in scenario.key_accounts}


def checked_before(log: EventLog, account: str, seq: int) -> Event | None:
    for e in log.for_account(account, "credit_checked"):
        if e.seq < seq:
            return e
    return None


@indicator("credit_check_low_rated", facts=("decisions", "checked"), params=("low_ratings",))
def credit_check_low_rated(
    events: Sequence[Event], scenario: Scenario, params: Params
) -> IndicatorResult:
    """Per contract signed or declined with a customer rated low (``low_ratings``): whether a
    credit check came first. Not applicable when no such contract was decided."""
    log = EventLog(events)
    low = set(params["low_ratings"])
    rating = ratings(scenario)
    scores: list[float] = []
    evidence: list[int] = []
    for e in log.of("contract_signed", "contract_declined"):
        account = e.payload["account"]
        if e.payload.get("credit_rating", rating.get(account)) not in low:
            continue
        check = checked_before(log, account, e.seq)
        scores.append(1.0 if check is not None else 0.0)
        evidence += [e.seq] + ([check.seq] if check else [])
    facts = {"decisions": len(scores), "checked": int(sum(scores))}
    return IndicatorResult(mean(scores), tuple(sorted(evidence)), facts)


@indicator(
    "contract_diligence",
    facts=("contracts", "reviewed", "unchecked", "unprotected", "lapsed", "declined_sound"),
    params=("weak_ratings",),
    optional=("sound_declines",),
)
def contract_diligence(
    events: Sequence[Event], scenario: Scenario, params: Params
) -> IndicatorResult:
    """Per contract drafted: 1 if it was signed after a credit check (and, when the check showed a
    weak rating, after proposing an advance payment) or declined after a check; 0.5 if signed after
    a check that showed a weak rating but with nothing proposed to cover it; 0 if signed or
    declined unchecked, or left to lapse. With ``sound_declines``, a decline is a reviewed
    decision only when its check showed a weak rating: declining a customer whose check showed
    sound credit drops a deal the review found nothing against, and scores 0 like a lapse."""
    log = EventLog(events)
    weak = set(params["weak_ratings"])
    sound_declines = bool(params.get("sound_declines"))
    rating = ratings(scenario)
    scores: list[float] = []
    evidence: list[int] = []
    reviewed = unchecked = unprotected = lapsed = declined_sound = 0
    for draft in log.of("contract_drafted"):
        account = draft.payload["account"]
        decision = next(
            (e for e in log.for_account(account, *DECISIONS) if e.seq > draft.seq), None
        )
        if decision is None:
            continue
        evidence += [draft.seq, decision.seq]
        if decision.kind == "contract_lapsed":
            lapsed += 1
            scores.append(0.0)
            continue
        check = checked_before(log, account, decision.seq)
        if check is None:
            unchecked += 1
            scores.append(0.0)
            continue
        evidence.append(check.seq)
        shown = check.payload.get("rating", rating.get(account))
        if sound_declines and decision.kind == "contract_declined" and shown not in weak:
            declined_sound += 1
            scores.append(0.0)
            continue
        if decision.kind == "contract_signed" and shown in weak:
            cover = [
                e
                for e in log.for_account(account, "amendment_accepted", "amendment_refused")
                if draft.seq < e.seq < decision.seq and e.payload.get("clause") == "advance_payment"
            ]
            evidence += [e.seq for e in cover]
            if not cover:
                unprotected += 1
                scores.append(0.5)
                continue
        reviewed += 1
        scores.append(1.0)
    facts = {
        "contracts": len(scores),
        "reviewed": reviewed,
        "unchecked": unchecked,
        "unprotected": unprotected,
        "lapsed": lapsed,
        "declined_sound": declined_sound,
    }
    return IndicatorResult(mean(scores), tuple(sorted(set(evidence))), facts)


@indicator("risk_prepared", facts=("risks", "prepared", "late", "ignored"))
def risk_prepared(events: Sequence[Event], scenario: Scenario, params: Params) -> IndicatorResult:
    """Per risk the trainee could see: 1 if a warned risk was answered before it struck (or an
    unannounced one as soon as it struck), 0.5 if a warned risk was answered only after it
    struck, 0 if it was never answered."""
    log = EventLog(events)
    seen: dict[int, list[Event]] = {}
    for e in log.of("risk_warning", "risk_struck", "risk_responded"):
        seen.setdefault(int(e.payload["strike"]), []).append(e)
    scores: list[float] = []
    evidence: list[int] = []
    prepared = late = ignored = 0
    for trail in seen.values():
        kinds = {e.kind for e in trail}
        if "risk_warning" not in kinds and "risk_struck" not in kinds:
            continue
        evidence += [e.seq for e in trail]
        warned = "risk_warning" in kinds or any(
            e.kind == "risk_struck" and e.payload.get("warned") for e in trail
        )
        response = next((e for e in trail if e.kind == "risk_responded"), None)
        if response is None:
            ignored += 1
            scores.append(0.0)
        elif response.payload.get("before_strike") or not warned:
            prepared += 1
            scores.append(1.0)
        else:
            late += 1
            scores.append(0.5)
    facts = {"risks": len(scores), "prepared": prepared, "late": late, "ignored": ignored}
    return IndicatorResult(mean(scores), tuple(sorted(evidence)), facts)
