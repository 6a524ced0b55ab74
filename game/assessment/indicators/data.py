"""Data-driven decisions (CW-51): CRM data analysed before planning, and the plan changed by it."""

from __future__ import annotations

from collections.abc import Sequence

from game.assessment.indicators.base import (
    IndicatorResult,
    Params,
    beyond_chance,
    clipped_mean,
    indicator,
    mean,
)
from game.assessment.log import EventLog
from game.engine.events import Event
from game.scenario.models import Scenario

SHARE_STEP = 0.005  # an effort share that moves less than this has not been changed


def analyses(log: EventLog, round_: int) -> list[Event]:
    return [
        e
        for e in log.of("research_done")
        if e.round == round_ and e.payload.get("method") == "data_analysis"
    ]


@indicator("data_analysis_focus", facts=("rounds", "analysed", "focused"))
def data_analysis_focus(
    events: Sequence[Event], scenario: Scenario, params: Params
) -> IndicatorResult:
    """Per round: whether the round's plan was preceded by a data analysis of the segments it
    targets: the share of the round's analyses on target segments against the share analysing
    every segment would give (-1..1). A round planned without any analysis scores 0; the rounds'
    mean is clipped to 0..1."""
    log = EventLog(events)
    segments = [s.id for s in scenario.market.segments]
    scores: list[float] = []
    evidence: list[int] = []
    analysed = focused = 0
    for r in log.rounds():
        end = log.phase_end(r, "analysis")
        if end is None:
            continue
        done = analyses(log, r)
        targets = log.round_targets(r)
        evidence += [e.seq for e in done] + [end.seq] + ([targets.seq] if targets else [])
        chosen = set(targets.payload.get("segments", [])) & set(segments) if targets else set()
        if not done or not chosen:
            scores.append(0.0)
            continue
        analysed += 1
        share = sum(1 for e in done if e.payload.get("segment") in chosen) / len(done)
        score = beyond_chance(share, len(chosen) / len(segments))
        focused += score >= 0.5
        scores.append(score)
    facts = {"rounds": len(scores), "analysed": analysed, "focused": focused}
    return IndicatorResult(clipped_mean(scores), tuple(sorted(set(evidence))), facts)


def _plan_before(
    log: EventLog, seq: int, segments: list[str]
) -> tuple[dict[str, float], dict[str, float]]:
    """(segment discounts, effort shares) in force just before event ``seq``."""
    discounts = dict.fromkeys(segments, 0.0)
    shares = dict.fromkeys(segments, 1.0 / len(segments))
    for e in log.of("price_set", "effort_allocated"):
        if e.seq >= seq:
            break
        if e.kind == "price_set":
            discounts[e.payload["segment"]] = float(e.payload["discount"])
        else:
            shares = {s: float(v) for s, v in e.payload["shares"].items()}
    return discounts, shares


def _at_risk(event: Event) -> float:
    found = (event.payload.get("result") or {}).get("at_risk_share") or {}
    return float(found.get("mean") or 0.0)


def _response(
    log: EventLog, segment: str, decisions: list[Event], segments: list[str]
) -> tuple[bool, bool]:
    """(whether the plan decided ``segment`` again, whether it gave it more support: a deeper
    discount or a larger effort share)."""
    decided = supported = False
    for e in decisions:
        discounts, shares = _plan_before(log, e.seq, segments)
        if e.kind == "price_set" and e.payload["segment"] == segment:
            decided = True
            supported |= float(e.payload["discount"]) > discounts.get(segment, 0.0) + 1e-9
        elif e.kind == "effort_allocated" and segment in e.payload["shares"]:
            decided = True
            supported |= float(e.payload["shares"][segment]) > shares.get(segment, 0.0) + SHARE_STEP
    return decided, supported


@indicator("plan_follows_data", facts=("segments", "followed"), params=("at_risk",))
def plan_follows_data(
    events: Sequence[Event], scenario: Scenario, params: Params
) -> IndicatorResult:
    """Per round and target segment: 1 if its data was analysed before planning and the round's
    plan decided the segment again in the direction the data pointed — more support (a deeper
    discount or more field effort) when the share of customers at risk of churning exceeded
    ``at_risk``, no deeper discount when it did not (and not the full discount authority
    either); 0 if it was not analysed, or the plan did not take it up or went the other way.
    A target left unanalysed scores what an analysis ignored scores, so analysing never costs.
    Not applicable without target segments."""
    log = EventLog(events)
    segments = [s.id for s in scenario.market.segments]
    threshold = float(params["at_risk"])
    authority = scenario.company.discount_authority
    scores: list[float] = []
    evidence: list[int] = []
    for r in log.rounds():
        end = log.phase_end(r, "planning")
        if end is None:
            continue
        targets = log.round_targets(r)
        chosen = [s for s in segments if targets and s in targets.payload.get("segments", [])]
        decisions = log.phase_events(r, "planning", "price_set", "effort_allocated")
        latest = {a.payload.get("segment"): a for a in analyses(log, r) if a.seq < end.seq}
        for segment in chosen:
            analysis = latest.get(segment)
            evidence += [end.seq] + ([targets.seq] if targets else [])
            if analysis is None:
                scores.append(0.0)
                continue
            decided, supported = _response(log, segment, decisions, segments)
            risky = _at_risk(analysis) > threshold
            if not decided:
                follows = False
            elif risky:
                follows = supported
            else:
                deeper = any(
                    e.kind == "price_set"
                    and e.payload["segment"] == segment
                    and float(e.payload["discount"])
                    > _plan_before(log, e.seq, segments)[0].get(segment, 0.0) + 1e-9
                    for e in decisions
                )
                # few at risk: keep the discount from deepening, and do not leave the segment at
                # the full discount the rep may give (a plan that is already as deep as it can go
                # cannot show that the data was heard by not going deeper)
                final = _plan_before(log, end.seq, segments)[0].get(segment, 0.0)
                follows = not deeper and final < authority - 1e-9
            scores.append(1.0 if follows else 0.0)
            evidence += [analysis.seq] + [
                e.seq
                for e in decisions
                if e.payload.get("segment") == segment or e.kind == "effort_allocated"
            ]
    facts = {"segments": len(scores), "followed": int(sum(scores))}
    return IndicatorResult(mean(scores), tuple(sorted(set(evidence))), facts)
