"""``assess(game)``: the three kinds of result, kept apart — objective KPIs against target,
performance against what the market allowed, and behaviour-based competency scores with the
events behind them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from game.assessment.indicators import INDICATORS
from game.assessment.indicators.negotiation import Concessions, concessions_by_account
from game.assessment.kpis import objective_results
from game.assessment.relative import Reference, reference_run, relative_result
from game.assessment.results import Assessment, CompetencyScore, IndicatorScore
from game.assessment.rubric import Rubric, load_rubric
from game.assessment.scoring import (
    counted_weight,
    explanation,
    level_for_score,
    level_of,
    position,
    rollup,
)
from game.engine.events import Event, log_digest
from game.scenario.models import Scenario

if TYPE_CHECKING:
    from game.engine.game import Game

_standard: tuple[Rubric, str] | None = None


def standard_rubric() -> tuple[Rubric, str]:
    """The shipped rubric (loaded once)."""
    global _standard
    if _standard is None:
        _standard = load_rubric()
    return _standard


def concessions_as_scored(events: Sequence[Event], rubric: Rubric | None = None
                          ) -> dict[str, Concessions]:
    """Each negotiation's concessions, by account, read as ``rubric`` (the standard one by
    default) reads them for its score: what the debrief says of one negotiation agrees with
    the concessions indicator."""
    rubric = rubric if rubric is not None else standard_rubric()[0]
    spec = next((i for i in rubric.indicators if i.id == "concessions_shrink"), None)
    return concessions_by_account(events, bool(spec is not None and spec.params.get("gains_hold")))


def competency_scores(
    events: Sequence[Event], scenario: Scenario, rubric: Rubric
) -> list[CompetencyScore]:
    """Every competency of ``rubric`` scored from ``events`` alone."""
    results = {
        spec.id: INDICATORS[spec.id].fn(events, scenario, spec.params) for spec in rubric.indicators
    }
    out: list[CompetencyScore] = []
    for comp in rubric.competencies:
        scored: list[IndicatorScore] = []
        graded: list[tuple[float, float]] = []
        occasions = 0
        for ref in comp.indicators:
            spec = rubric.indicator(ref.indicator)
            result = results[spec.id]
            seen = INDICATORS[spec.id].occasions_of(result)
            occasions += seen
            level = (
                None if result.value is None else level_of(result.value, rubric.levels, spec.cuts)
            )
            counted = (None if result.value is None
                       else counted_weight(ref.weight, seen, spec.half_weight_occasions))
            if counted is not None and level is not None:
                graded.append((_graded(result.value, level, spec.cuts, rubric), counted))
            scored.append(
                IndicatorScore(
                    id=spec.id,
                    name=spec.name,
                    cw=list(spec.cw),
                    weight=ref.weight,
                    counted=counted,
                    value=None if result.value is None else round(result.value, 6),
                    level=level,
                    occasions=seen,
                    evidence=sorted(set(result.evidence)) if result.value is not None else [],
                    explanation=explanation(spec, result),
                )
            )
        # too little evidence is never a level: a game that barely touched a competency gets
        # "insufficient evidence", not the full marks its few occasions might average to
        insufficient = occasions < comp.min_occasions
        score = None if insufficient else rollup(graded, rubric.levels)
        level = None if score is None else level_for_score(score, rubric.levels)
        evidence = sorted({seq for s in scored for seq in s.evidence})
        out.append(
            CompetencyScore(
                id=comp.id,
                name=comp.name,
                cw=list(comp.cw),
                score=score,
                level=level,
                occasions=occasions,
                min_occasions=comp.min_occasions,
                insufficient=insufficient,
                anchor=None if level is None else comp.levels[level - 1].text,
                indicators=scored,
                evidence=evidence,
            )
        )
    return out


def _graded(value: float, level: int, cuts: list[float] | None, rubric: Rubric) -> float:
    """What a competency's score averages for one indicator: its level, or where its value sits
    on the level scale when the rubric scores from values."""
    if rubric.score_from == "values":
        return 1 + position(value, rubric.levels, cuts) * (rubric.levels - 1)
    return float(level)


def assess(
    game: Game,
    rubric: Rubric | None = None,
    rubric_sha256: str | None = None,
    reference: Reference | None = None,
) -> Assessment:
    """Assess a (finished) game with ``rubric`` (the standard one by default). ``reference`` is
    the reference rep's run on the same scenario and seed; it is played when not given."""
    if rubric is None:
        rubric, rubric_sha256 = standard_rubric()
    events = list(game.events)
    if reference is None:
        reference = reference_run(game.scenario, game.seed, rubric.relative.reference_bot)
    return Assessment(
        rubric_id=rubric.id,
        rubric_sha256=rubric_sha256 or "",
        scenario_id=game.scenario.id,
        seed=game.seed,
        engine_version=game.engine_version,
        event_log_sha256=log_digest(events),
        levels=rubric.levels,
        objective=objective_results(events, rubric.objective),
        relative=relative_result(events, rubric.relative, reference),
        competencies=competency_scores(events, game.scenario, rubric),
    )
