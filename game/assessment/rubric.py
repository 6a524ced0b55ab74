"""The rubric as data: competencies, their behavioural indicators and anchored levels (zh/en).

A rubric is a YAML file validated by these models (unknown keys are refused) and loaded with the
project's loader, so a mistake is reported at its line and column like a scenario's.
``scenarios/rubrics/standard.yaml`` is the standard rubric.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from game.assessment.indicators import INDICATORS
from game.scenario.errors import RuleBroken
from game.scenario.loader import load_file
from game.scenario.messages import joined, msg
from game.scenario.models import ID_PATTERN, ReferenceError_

STANDARD_RUBRIC = Path(__file__).resolve().parents[2] / "scenarios" / "rubrics" / "standard.yaml"
CW_PATTERN = r"^CW-[0-9]{2}$"
INDICATOR_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"
ParamValue = float | int | str | list[str]
KpiId = Literal["revenue", "margin", "market_share", "customers", "satisfaction", "forecast_error"]
RelativeKpiId = Literal["revenue", "margin", "market_share", "customers", "satisfaction"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Words(Strict):
    """Text a trainee reads, in both languages."""

    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)

    def pick(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class IndicatorSpec(Strict):
    """One behavioural indicator: what it looks for, how its explanation reads, its settings."""

    id: str = Field(pattern=INDICATOR_PATTERN, description="A registered indicator's id.")
    name: Words
    cw: list[str] = Field(min_length=1, description="Courseware sections it assesses (CW-xx).")
    looks_for: Words = Field(description="The behaviour, in words a trainee understands.")
    explain: Words = Field(description="Explanation template; {name} fields come from its facts, "
                           "{name:one|many} adds the word for that many, {name:?text} is there "
                           "only when name is not 0.")
    not_applicable: Words = Field(description="Said when the game gave no occasion to show it.")
    params: dict[str, ParamValue] = Field(default_factory=dict)
    cuts: list[float] | None = Field(
        None, description="Values at which levels 2..L begin (ascending, in 0..1); default even."
    )
    half_weight_occasions: float = Field(
        0.0,
        ge=0,
        le=100000,
        description="Evidence weighting 证据加权: the occasions at which this indicator counts "
        "half its weight. In a game where it judged n occasions it counts weight x n / (n + k), "
        "k this setting: an indicator seen once counts little, one seen often nearly its whole "
        "weight. n / (n + k) is the reliability of the mean of n occasions each of reliability "
        "1 / (1 + k) (Spearman-Brown), so k is best set from how well one occasion repeats "
        "(the validity study measures it per indicator). 0, the default, counts the whole "
        "weight however little was seen, as rubrics did before this setting.",
        examples=[3.0],
    )


class IndicatorWeight(Strict):
    indicator: str = Field(pattern=INDICATOR_PATTERN)
    weight: float = Field(gt=0, le=100)


class Anchor(Strict):
    """A behaviourally anchored level: what a trainee at this level does."""

    level: int = Field(ge=1, le=7)
    text: Words


class Competency(Strict):
    id: str = Field(pattern=ID_PATTERN)
    name: Words
    cw: list[str] = Field(min_length=1)
    indicators: list[IndicatorWeight] = Field(min_length=1)
    levels: list[Anchor] = Field(min_length=3)
    min_occasions: int = Field(
        3,
        ge=1,
        description="Occasions (rounds planned, offers made, contracts decided, complaints "
        "received ... summed over the competency's indicators) a game must give before the "
        "competency is scored; below it the report says 'insufficient evidence' instead of a "
        "level.",
    )


class KpiSpec(Strict):
    """An objective KPI judged against its target (CW-61 objective-based)."""

    id: KpiId
    name: Words
    cw: list[str] = Field(min_length=1)
    target: float | None = Field(
        None, ge=0, description="Target for KPIs the scenario does not set (forecast_error)."
    )


class RelativeSpec(Strict):
    """Performance against what the market allowed: KPIs as a share of a reference policy's on
    the same scenario and seed."""

    reference_bot: str = Field(pattern=r"^[a-z][a-z0-9_-]{0,39}$")
    kpis: list[RelativeKpiId] = Field(min_length=1)
    explain: Words


class Rubric(Strict):
    format: Literal[1] = 1
    id: str = Field(pattern=ID_PATTERN)
    title: Words
    levels: int = Field(5, ge=3, le=7, description="Points on every level scale (L).")
    score_from: Literal["levels", "values"] = Field(
        "levels",
        description="What a competency's score averages 能力得分依据 — 'levels': each "
        "indicator's level, rounded to the scale (S = sum w (level - 1) / (L - 1) / sum w); "
        "'values': each indicator's value, placed on the same scale without rounding (S = sum w "
        "position / sum w; with even cuts the position is the value), except that a value still "
        "at level 1 counts 0. Rounding first throws away part of what was observed, so "
        "'values' repeats better from game to game; each "
        "indicator's level is the same either way. A rubric that does not say scores by "
        "levels, as rubrics did before this setting.",
        examples=["values"],
    )
    indicators: list[IndicatorSpec] = Field(min_length=1)
    competencies: list[Competency] = Field(min_length=1)
    objective: list[KpiSpec] = Field(min_length=1)
    relative: RelativeSpec

    @model_validator(mode="after")
    def _references(self) -> Rubric:
        check_rubric(self)
        return self

    def indicator(self, indicator_id: str) -> IndicatorSpec:
        return next(i for i in self.indicators if i.id == indicator_id)

    def kpi_target(self, kpi_id: str) -> float | None:
        """The target this rubric sets an objective KPI (None where the scenario sets it or no
        one does)."""
        return next((k.target for k in self.objective if k.id == kpi_id), None)

    def param(self, indicator_id: str, name: str) -> ParamValue | None:
        """An indicator's parameter as this rubric sets it (None when the rubric has no such
        indicator or does not set it): how coaching reads the rule the score applied."""
        spec = next((i for i in self.indicators if i.id == indicator_id), None)
        return None if spec is None else spec.params.get(name)

    def assessed_by(self, courseware: Sequence[str]) -> list[str]:
        """The competencies a scenario naming ``courseware`` sets out to assess
        (``assessed_competencies``)."""
        return assessed_competencies(((c.id, c.cw) for c in self.competencies), courseware)


def _cw(values: list[str], loc: tuple[str | int, ...]) -> None:
    for k, value in enumerate(values):
        if not re.match(CW_PATTERN, value):
            raise ReferenceError_((*loc, k), msg("rubric.not_courseware", value=value))


def _fields(template: str) -> set[str]:
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise RuleBroken(msg("rubric.broken_field", detail=str(exc))) from None
    names = {name.split(".")[0].split("[")[0] for _, name, _, _ in parsed if name}
    for _, _, spec, _ in parsed:  # a ``{n:?text}`` part names fields of its own
        if spec and "{" in spec:
            names |= _fields(spec)
    return names


def check_rubric(r: Rubric) -> None:
    """Raise ReferenceError_ (positioned) for the first broken reference or rule."""
    from game.bots.registry import BOTS

    seen: set[str] = set()
    for i, spec in enumerate(r.indicators):
        loc: tuple[str | int, ...] = ("indicators", i)
        if spec.id in seen:
            raise ReferenceError_((*loc, "id"), msg("rubric.indicator_twice", id=spec.id))
        seen.add(spec.id)
        if spec.id not in INDICATORS:
            known = joined(sorted(INDICATORS), "ids")
            raise ReferenceError_(
                (*loc, "id"), msg("rubric.unknown_indicator", id=spec.id, known=known)
            )
        _cw(spec.cw, (*loc, "cw"))
        definition = INDICATORS[spec.id]
        for name in spec.params:
            if name not in definition.params | definition.optional:
                takes = sorted(definition.params | definition.optional)
                allowed = joined(takes, "ids") if takes else msg("value.none_listed")
                raise ReferenceError_(
                    (*loc, "params", name),
                    msg("rubric.no_such_parameter", id=spec.id, name=name, allowed=allowed),
                )
        missing = sorted(definition.params - set(spec.params))
        if missing:
            raise ReferenceError_(
                (*loc, "params"), msg("rubric.needs_parameter", id=spec.id, name=missing[0])
            )
        for key in ("explain", "not_applicable"):
            for lang in ("en", "zh"):
                try:
                    unknown = _fields(getattr(getattr(spec, key), lang)) - definition.facts
                except RuleBroken as exc:
                    raise ReferenceError_((*loc, key, lang), exc.text) from None
                if unknown:
                    allowed = joined(sorted(definition.facts), "ids")
                    raise ReferenceError_(
                        (*loc, key, lang),
                        msg(
                            "rubric.not_a_fact",
                            field=sorted(unknown)[0],
                            id=spec.id,
                            allowed=allowed,
                        ),
                    )
        if spec.cuts is not None:
            ok = len(spec.cuts) == r.levels - 1 and all(
                0 <= a < b <= 1 for a, b in zip([0.0, *spec.cuts], spec.cuts, strict=False)
            )
            if not ok:
                raise ReferenceError_(
                    (*loc, "cuts"), msg("rubric.cuts", count=r.levels - 1, levels=r.levels)
                )
    used: set[str] = set()
    ids: set[str] = set()
    for i, comp in enumerate(r.competencies):
        loc = ("competencies", i)
        if comp.id in ids:
            raise ReferenceError_((*loc, "id"), msg("rubric.competency_twice", id=comp.id))
        ids.add(comp.id)
        _cw(comp.cw, (*loc, "cw"))
        for j, ref in enumerate(comp.indicators):
            if ref.indicator not in seen:
                raise ReferenceError_(
                    (*loc, "indicators", j, "indicator"),
                    msg("rubric.indicator_undefined", id=ref.indicator),
                )
            used.add(ref.indicator)
        if [a.level for a in comp.levels] != list(range(1, r.levels + 1)):
            raise ReferenceError_((*loc, "levels"), msg("rubric.levels", levels=r.levels))
    for i, spec in enumerate(r.indicators):
        if spec.id not in used:
            raise ReferenceError_(
                ("indicators", i, "id"), msg("rubric.indicator_unused", id=spec.id)
            )
    kpis: set[str] = set()
    for i, kpi in enumerate(r.objective):
        if kpi.id in kpis:
            raise ReferenceError_(("objective", i, "id"), msg("rubric.kpi_twice", id=kpi.id))
        kpis.add(kpi.id)
        _cw(kpi.cw, ("objective", i, "cw"))
        if kpi.id == "forecast_error" and kpi.target is None:
            raise ReferenceError_(("objective", i), msg("rubric.forecast_target"))
    if r.relative.reference_bot not in BOTS:
        known = joined(sorted(BOTS), "ids")
        raise ReferenceError_(
            ("relative", "reference_bot"),
            msg("rubric.unknown_bot", id=r.relative.reference_bot, known=known),
        )


def load_rubric(path: str | Path = STANDARD_RUBRIC) -> tuple[Rubric, str]:
    """The validated rubric in ``path`` and the sha256 of its bytes; raises ScenarioError."""
    return load_file(path, Rubric)


def assessed_competencies(competencies: Iterable[tuple[str, Sequence[str]]],
                          courseware: Sequence[str]) -> list[str]:
    """The competencies a scenario sets out to assess, from (id, its courseware sections): those
    that share a section with the scenario's ``courseware`` — every one when the scenario names
    none. A drill of complaints and deliveries (CW-40, CW-43) assesses relationship and
    satisfaction; what its games show of customer analysis is incidental."""
    named = set(courseware)
    return [c for c, cw in competencies if not named or named & set(cw)]
