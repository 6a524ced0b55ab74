"""The assessment as data (JSON-able): objective KPIs, performance against the market, and
behaviour-based competency scores, kept apart and each with its evidence."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from game.assessment.rubric import Words


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IndicatorScore(Out):
    id: str
    name: Words
    cw: list[str]
    weight: float
    counted: float | None = None  # the weight it counted with this game (evidence-weighted)
    value: float | None  # 0..1, None: not applicable in this game
    level: int | None
    occasions: int = 0  # occasions judged (rounds, offers, contracts ...)
    evidence: list[int]  # event seqs
    explanation: Words


class CompetencyScore(Out):
    id: str
    name: Words
    cw: list[str]
    score: float | None  # S = sum w x / sum w over applicable indicators (x: value or rescaled level)
    level: int | None
    occasions: int = 0  # occasions judged over its indicators
    min_occasions: int = 1  # the rubric's minimum before a score is given
    insufficient: bool = False  # fewer occasions than the minimum: no score, never a level
    anchor: Words | None  # what a trainee at this level does
    indicators: list[IndicatorScore]
    evidence: list[int]


class KpiResult(Out):
    """CW-61 objective-based: a KPI against its target."""

    id: str
    name: Words
    cw: list[str]
    value: float | None
    target: float | None
    better: Literal["higher", "lower"]
    met: bool | None
    attainment: float | None  # value / target (target / value when lower is better)
    evidence: list[int]


class RelativeKpi(Out):
    id: str
    value: float | None
    reference: float | None
    ratio: float | None


class RelativeResult(Out):
    """CW-61 performance-based: KPIs as a share of a reference rep's on the same market."""

    reference_bot: str
    reference_event_log_sha256: str
    explain: Words
    kpis: list[RelativeKpi]
    evidence: list[int]


class Assessment(Out):
    format: Literal[1] = 1
    rubric_id: str
    rubric_sha256: str
    scenario_id: str
    seed: int
    engine_version: str
    event_log_sha256: str
    levels: int
    objective: list[KpiResult]
    relative: RelativeResult
    competencies: list[CompetencyScore]

    def competency(self, competency_id: str) -> CompetencyScore:
        return next(c for c in self.competencies if c.id == competency_id)

    def scores(self) -> dict[str, float | None]:
        """Competency id -> score 0..1 (None: not observed)."""
        return {c.id: c.score for c in self.competencies}
