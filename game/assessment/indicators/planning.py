"""Planning and forecasting (CW-20..22): forecasts that come true, a plan revisited every round,
field effort put where the targets are."""

from __future__ import annotations

from collections.abc import Sequence

from game.assessment.indicators.analysis import aimed, all_level, potentials_before
from game.assessment.indicators.base import (
    IndicatorResult,
    Params,
    beyond_chance,
    clip01,
    clipped_mean,
    indicator,
    mean,
)
from game.assessment.log import EventLog
from game.engine.events import Event
from game.engine.planning import field_plan_in_force
from game.engine.potential import best_split
from game.scenario.models import Scenario

PLAN_PARTS = ("forecast_set", "price_set", "effort_allocated", "channel_set")


@indicator(
    "forecast_accuracy", facts=("rounds", "forecasts", "copied", "mean_error_pct"),
    params=("tolerance",), optional=("copy_band",),
)
def forecast_accuracy(
    events: Sequence[Event], scenario: Scenario, params: Params
) -> IndicatorResult:
    """Per reviewed round: 1 - |revenue - forecast| / forecast / tolerance (0 at or beyond the
    tolerance). A round scores 0 when it was planned without a forecast of its own (a forecast
    left standing from an earlier round was not made for this one) or when the forecast only
    repeats the round's revenue target (within ``copy_band`` of it): a forecast comes from the
    market and its history (CW-21), and a copied target says nothing of what will be sold. It
    would otherwise score whatever else made the target come true. A rubric without
    ``copy_band`` (one written before the rule) judges no forecast as copied."""
    log = EventLog(events)
    tolerance = float(params["tolerance"])
    band = float(params["copy_band"]) if "copy_band" in params else -1.0
    scores: list[float] = []
    errors: list[float] = []
    evidence: list[int] = []
    copied = 0
    for review in log.of("round_reviewed"):
        error = review.payload["kpis"].get("forecast_error")
        evidence.append(review.seq)
        made = [e for e in log.of("forecast_set") if e.round == review.round]
        evidence += [e.seq for e in made]
        if error is None or not made:  # last round's forecast left standing is no forecast
            scores.append(0.0)
            continue
        errors.append(float(error))
        target = (review.payload.get("targets") or {}).get("revenue")
        forecast = float(made[-1].payload["revenue"])
        if target and abs(forecast - float(target)) <= band * float(target):
            copied += 1
            scores.append(0.0)
            continue
        scores.append(clip01(1.0 - float(error) / tolerance))
    facts = {
        "rounds": len(scores),
        "forecasts": len(errors),
        "copied": copied,
        "mean_error_pct": round(100 * sum(errors) / len(errors), 1) if errors else 0.0,
    }
    return IndicatorResult(mean(scores), tuple(sorted(evidence)), facts)


@indicator("plan_reviewed", facts=("rounds", "complete"))
def plan_reviewed(events: Sequence[Event], scenario: Scenario, params: Params) -> IndicatorResult:
    """Per round: the share of the plan's four parts (forecast, prices, effort, channels) the
    trainee decided in that round's planning phase."""
    log = EventLog(events)
    scores: list[float] = []
    evidence: list[int] = []
    complete = 0
    for r in log.rounds():
        end = log.phase_end(r, "planning")
        if end is None:
            continue
        decided = log.phase_events(r, "planning", *PLAN_PARTS)
        parts = {e.kind for e in decided}
        score = len(parts) / len(PLAN_PARTS)
        complete += score == 1.0
        scores.append(score)
        evidence += [e.seq for e in decided] + [end.seq]
    return IndicatorResult(
        mean(scores), tuple(sorted(evidence)), {"rounds": len(scores), "complete": complete}
    )


@indicator("effort_on_targets",
           facts=("rounds", "mean_share_pct", "untargeted", "poor_targets", "level",
                  "on_focus", "best_share_pct"),
           optional=("worth", "equal_within", "level_within", "justified"))
def effort_on_targets(
    events: Sequence[Event], scenario: Scenario, params: Params
) -> IndicatorResult:
    """Per round: the field-effort share on the target segments in force when planning ended,
    against the share an even spread would give them (-1..1). No target segments scores 0; the
    rounds' mean is clipped to 0..1. With ``worth``, a round's focus counts only as far as its
    targets were those with most potential (``analysis.aimed``). With ``level_within``, a round
    whose segments' potentials, in the figures the rep planned from, all lie within that share
    of the largest is not judged on focus: with nothing to concentrate on, any split is as right
    as another, and it scores 1 with a field plan in force, 0 without one. With ``justified``, a
    round whose targets would get more than an even share in the split that earns most by those
    figures (``game.engine.potential.best_split``) counts in full once they get that share: more
    focus than the figures call for earns no more."""
    log = EventLog(events)
    poor = levels = 0
    band = params.get("level_within")
    justified = bool(params.get("justified"))
    segments = [s.id for s in scenario.market.segments]
    scores: list[float] = []
    shares_seen: list[float] = []
    best_seen: list[float] = []  # the targets' share in the split that earns most
    evidence: list[int] = []
    untargeted = 0
    for r in log.rounds():
        end = log.phase_end(r, "planning")
        if end is None:
            continue
        allocations = [e for e in log.of("effort_allocated") if e.seq < end.seq]
        worth = potentials_before(log, scenario, end.seq)  # None: a log without the figures
        if band is not None and worth is not None and all_level(worth, float(band)):
            levels += 1  # any split is as good as another: only a field plan in force counts
            in_force = bool(allocations) and field_plan_in_force(allocations[-1].payload["shares"])
            scores.append(1.0 if in_force else 0.0)
            evidence += [end.seq] + ([allocations[-1].seq] if allocations else [])
            continue
        shares = (
            allocations[-1].payload["shares"]
            if allocations
            else dict.fromkeys(segments, 1 / len(segments))
        )
        targets = log.round_targets(r)
        chosen = set(targets.payload.get("segments", [])) & set(segments) if targets else set()
        evidence += [end.seq] + ([allocations[-1].seq] if allocations else [])
        if targets is not None:
            evidence.append(targets.seq)
        if not chosen:
            untargeted += 1
            scores.append(0.0)
            continue
        share = sum(float(shares.get(s, 0.0)) for s in chosen)
        shares_seen.append(share)
        base = len(chosen) / len(segments)
        score = beyond_chance(share, base)
        if worth is not None:
            best = best_split(worth, scenario.economics.field.response)
            best_share = sum(best.get(s, 0.0) for s in chosen)
            best_seen.append(best_share)
            due = beyond_chance(best_share, base)
            if justified and score > 0 and due > 0:
                score = min(1.0, score / due)
        if targets is not None:  # always, when segments were chosen
            score, unpromising = aimed(score, log, scenario, targets, params)
            poor += unpromising
        scores.append(score)
    facts = {
        "rounds": len(scores),
        "mean_share_pct": round(100 * sum(shares_seen) / len(shares_seen), 1)
        if shares_seen
        else 0.0,
        "untargeted": untargeted,
        "poor_targets": poor,
        "level": levels,
        "on_focus": len(scores) - levels,
        "best_share_pct": round(100 * sum(best_seen) / len(best_seen), 1) if best_seen else 0.0,
    }
    return IndicatorResult(clipped_mean(scores), tuple(sorted(set(evidence))), facts)
