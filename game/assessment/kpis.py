"""CW-61 objective-based results: the game's KPIs against the scenario's (and rubric's) targets."""

from __future__ import annotations

from collections.abc import Sequence

from game.assessment.log import EventLog
from game.assessment.results import KpiResult
from game.assessment.rubric import KpiSpec
from game.engine.events import Event
from game.engine.targets import target_met

DIGITS = 6


def _ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b == 0:
        return None
    return round(a / b, DIGITS)


def objective_results(events: Sequence[Event], specs: Sequence[KpiSpec]) -> list[KpiResult]:
    log = EventLog(events)
    ended = log.of("game_ended")
    reviews = log.of("round_reviewed")
    final = ended[-1] if ended else None
    out: list[KpiResult] = []
    for spec in specs:
        if spec.id == "forecast_error":
            errors = [r.payload["kpis"]["forecast_error"] for r in reviews]
            known = [float(e) for e in errors if e is not None]
            value = round(sum(known) / len(known), DIGITS) if known else None
            target = spec.target
            met = target_met(value, target, lower=True)
            out.append(
                KpiResult(
                    id=spec.id,
                    name=spec.name,
                    cw=list(spec.cw),
                    value=value,
                    target=target,
                    better="lower",
                    met=met,
                    attainment=_ratio(target, value),
                    evidence=[r.seq for r in reviews],
                )
            )
            continue
        value = None if final is None else float(final.payload["totals"][spec.id])
        target = None if final is None else float(final.payload["targets"][spec.id])
        met = target_met(value, target)
        out.append(
            KpiResult(
                id=spec.id,
                name=spec.name,
                cw=list(spec.cw),
                value=value,
                target=target,
                better="higher",
                met=met,
                attainment=_ratio(value, target),
                evidence=[final.seq] if final else [],
            )
        )
    return out
