"""The manager rubric (``scenarios/rubrics/manager.yaml``): competencies of CW-62 and CW-70..77
scored from a finished manager game, each with its occasions, its evidence (the manager log's
event numbers) and "insufficient evidence" below the rubric's minimum.

What the manager did is in the event log; what it could not see (candidates' and reps' true
skills) comes from the game's truth, which only a finished game hands over."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from game.assessment.scoring import counted_weight
from game.manager.models import Pay
from game.manager.rules import at_stake
from game.scenario.errors import RuleBroken
from game.scenario.loader import load_file, load_model
from game.scenario.messages import msg
from game.scenario.text import Text

RUBRIC = Path(__file__).resolve().parents[2] / "scenarios" / "rubrics" / "manager.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IndicatorRef(_Strict):
    indicator: str = Field(description="Indicator 指标 — one of the manager indicators.")
    weight: float = Field(gt=0, description="Weight 权重 — its weight in the competency.")
    name: Text = Field(description="Name 名称 — as a report shows it.")
    means: Text = Field(description="Means 含义 — what its value measures, as a report explains it.")
    half_weight_occasions: float = Field(
        0.0, ge=0, le=100000,
        description="Evidence weighting 证据加权 — the occasions at which the indicator counts half "
        "its weight: on n occasions in a game it counts weight x n / (n + k). The validity study "
        "measures k per indicator (how poorly one occasion repeats). 0 counts the whole weight.")
    params: dict[str, bool] = Field(
        default_factory=dict,
        description="Parameters 参数 — switches of the indicator's rule (see PARAMS in "
        "game/manager/scoring.py); a rubric without one scores as before it existed.")


KPI_IDS = ("profit", "revenue", "margin", "satisfaction", "forecast_error", "leavers")
"""The team KPIs a manager game records (``game.records.manager_records.team_kpis``)."""


class ManagerKpi(_Strict):
    id: str = Field(description="KPI 指标 — one of " + ", ".join(KPI_IDS) + ".")
    name: Text = Field(description="Name 名称 — as a report shows it.")
    cw: list[str] = Field(min_length=1, description="Courseware 课件 — the CW sections it reflects.")
    better: Literal["higher", "lower"] = Field(default="higher", description="Better 方向 — whether higher or lower is better.")


class ManagerCompetencySpec(_Strict):
    id: str = Field(description="Competency id 能力项编号.")
    name: Text = Field(description="Name 名称.")
    cw: list[str] = Field(min_length=1, description="Courseware 课件 — the CW sections it assesses.")
    indicators: list[IndicatorRef] = Field(min_length=1, description="Indicators 指标.")
    levels: list[Text] = Field(min_length=5, max_length=5, description="Levels 等级 — what a manager at levels 1..5 does.")


class ManagerRubric(_Strict):
    format: int = Field(description="Format 格式版本 — 1.")
    min_occasions: int = Field(ge=1, description="Minimum evidence 最少证据 — occasions a competency needs before it is scored.")
    cuts: list[float] = Field(min_length=4, max_length=4, description="Cuts 分界点 — the scores where levels 2..5 begin.")
    competencies: list[ManagerCompetencySpec] = Field(min_length=1, description="Competencies 能力项.")
    kpis: list[ManagerKpi] = Field(default_factory=list, description="Team KPIs 团队指标 — the ones a report shows, in order.")

    @model_validator(mode="after")
    def _known(self) -> ManagerRubric:
        for comp in self.competencies:
            for ref in comp.indicators:
                if ref.indicator not in INDICATORS:
                    raise RuleBroken(msg("rubric.unknown_indicator", id=ref.indicator,
                                         known=", ".join(sorted(INDICATORS))))
                takes = PARAMS.get(ref.indicator, frozenset())
                for name in ref.params:
                    if name not in takes:
                        raise RuleBroken(msg("rubric.no_such_parameter", id=ref.indicator,
                                             name=name, allowed=", ".join(sorted(takes))
                                             or msg("value.none_listed")))
        for kpi in self.kpis:
            if kpi.id not in KPI_IDS:
                raise RuleBroken(msg("rubric.unknown_kpi", id=kpi.id, known=", ".join(KPI_IDS)))
        if self.cuts != sorted(self.cuts) or not all(0 < c < 1 for c in self.cuts):
            raise RuleBroken(msg("rubric.cuts", count=4, levels=5))
        return self


@dataclass(frozen=True)
class Found:
    """One indicator in one game: its value 0..1 (None: no occasion), its occasions and evidence."""

    value: float | None
    occasions: int
    evidence: tuple[int, ...] = ()


class IndicatorResult(_Strict):
    id: str
    value: float | None
    occasions: int
    evidence: list[int]
    counted: float | None = None  # the weight it counted with this game (evidence-weighted)


class ManagerScore(_Strict):
    id: str
    name: Text
    cw: list[str]
    score: float | None
    level: int | None
    occasions: int
    min_occasions: int
    insufficient: bool
    anchor: Text | None
    indicators: list[IndicatorResult]


Params = Mapping[str, bool]
NO_PARAMS: Params = MappingProxyType({})
Indicator = Callable[[list[dict[str, Any]], dict[str, Any], Any, Params], Found]


def _of(events: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [e for e in events if e["kind"] == kind]


def seats_filled(events: list[dict[str, Any]], truth: dict[str, Any], scenario: Any,
                 params: Params = NO_PARAMS) -> Found:
    """Of the region-rounds from the moment a seat fell empty (at the start, or when a rep left
    or was let go) to the end of the game, the share played with a rep; each such region-round
    is an occasion (no empty seat, no occasion)."""
    reviews = _of(events, "team_reviewed")
    if not reviews:
        return Found(None, 0)
    last = reviews[-1]["round"]
    staffed = {(e["round"], region) for e in reviews for region in e["payload"]["staffed"]}
    empty_from = [(1, region) for region in scenario.regions if region not in scenario.staffed]
    empty_from += [(e["round"] + 1, e["payload"]["region"]) for e in _of(events, "rep_left")]
    empty_from += [(e["round"], e["payload"]["region"]) for e in _of(events, "rep_let_go")]
    at_stake = {(r, region) for start, region in empty_from for r in range(start, last + 1)}
    if not at_stake:
        return Found(None, 0)
    seqs = tuple(e["seq"] for e in events if e["kind"] in ("rep_hired", "rep_left", "rep_let_go"))
    return Found(len(at_stake & staffed) / len(at_stake), len(at_stake), seqs)


def hire_quality(events: list[dict[str, Any]], truth: dict[str, Any], scenario: Any,
                 params: Params = NO_PARAMS) -> Found:
    """Per hire: where the hired candidate's true skill (the mean over the competencies) ranks
    among that round's candidates, 1 the best and 0 the worst."""
    values, seqs = [], []
    for e in _of(events, "rep_hired"):
        pool = truth["candidates"].get(e["round"], {})
        if len(pool) < 2 or e["payload"]["candidate"] not in pool:
            continue
        means = {c: sum(s.values()) / len(s) for c, s in pool.items()}
        mine = means[e["payload"]["candidate"]]
        below = sum(1 for v in means.values() if v < mine)
        values.append(below / (len(pool) - 1))
        seqs.append(e["seq"])
    return Found(sum(values) / len(values) if values else None, len(values), tuple(seqs))


def interviewed_before_hiring(events: list[dict[str, Any]], truth: dict[str, Any],
                              scenario: Any, params: Params = NO_PARAMS) -> Found:
    """Per hire: 1 if the manager asked the candidate at least one structured question first."""
    asked = {e["payload"]["candidate"] for e in _of(events, "candidate_interviewed")}
    hires = _of(events, "rep_hired")
    values = [1.0 if e["payload"]["candidate"] in asked else 0.0 for e in hires]
    return Found(sum(values) / len(values) if values else None, len(values),
                 tuple(e["seq"] for e in hires))


WEAK_RANKS = 3  # coaching one of a rep's three weakest skills is coaching a weakness


def coached_weakest(events: list[dict[str, Any]], truth: dict[str, Any], scenario: Any,
                    params: Params = NO_PARAMS) -> Found:
    """Per coaching: 1 when it was on one of the WEAK_RANKS weakest skills the evidence showed
    the manager at the time (measured scores, else the review), falling by rank to 0 on the
    strongest: coaching what a rep does well wastes the hours. The decision is judged on what
    the manager could know, not on the hidden truth."""
    values, seqs = [], []
    for e in _of(events, "rep_coached"):
        n = e["payload"]["skills"]
        above = max(0, e["payload"]["shown_rank"] - (WEAK_RANKS - 1))
        values.append(1.0 - above / (n - WEAK_RANKS))
        seqs.append(e["seq"])
    return Found(sum(values) / len(values) if values else None, len(values), tuple(seqs))


def team_coached(events: list[dict[str, Any]], truth: dict[str, Any], scenario: Any,
                 params: Params = NO_PARAMS) -> Found:
    """The share of rep-rounds in which the rep had some coaching."""
    coached = {(e["round"], e["payload"]["rep"]) for e in _of(events, "rep_coached")}
    played = [(e["round"], e["payload"]["rep"]) for e in _of(events, "rep_reviewed")]
    if not played:
        return Found(None, 0)
    hits = [1.0 if key in coached else 0.0 for key in played]
    return Found(sum(hits) / len(hits), len(hits),
                 tuple(e["seq"] for e in _of(events, "rep_coached")))


def plan_on_profit(events: list[dict[str, Any]], truth: dict[str, Any], scenario: Any,
                   params: Params = NO_PARAMS) -> Found:
    """Per round: how little the plan in force pulls reps toward volume at any price (CW-62): 1
    for a plan paid on margin, and for one paid on revenue 1 less what its variable share puts
    at stake (``rules.at_stake``: against the scenario's ``pay.full_pull_share``)."""
    plan = dict(scenario.plan)
    values, seqs = [], []
    for e in events:
        if e["kind"] == "plan_set":
            plan = dict(e["payload"])
            seqs.append(e["seq"])
        elif e["kind"] == "team_reviewed":
            pulls = plan["basis"] == "revenue"
            values.append(1.0 - at_stake(scenario.pay, plan["variable_share"]) if pulls else 1.0)
    return Found(sum(values) / len(values) if values else None, len(values), tuple(seqs))


def margin_held(events: list[dict[str, Any]], truth: dict[str, Any], scenario: Any,
                params: Params = NO_PARAMS) -> Found:
    """The team's contribution margin over the game against the territory's target margin
    (capped at 1)."""
    reviews = _of(events, "team_reviewed")
    revenue = sum(e["payload"]["revenue"] for e in reviews)
    if not reviews or revenue <= 0:
        return Found(None, 0)
    margin = sum(e["payload"]["contribution"] for e in reviews) / revenue
    target = scenario.target_margin
    return Found(max(0.0, min(1.0, margin / target)) if target > 0 else None, len(reviews),
                 tuple(e["seq"] for e in reviews))


def reps_kept(events: list[dict[str, Any]], truth: dict[str, Any], scenario: Any,
              params: Params = NO_PARAMS) -> Found:
    """The share of rep-rounds (before the last round) that did not end with the rep leaving."""
    reviews = _of(events, "team_reviewed")
    chances = sum(len(e["payload"]["staffed"]) for e in reviews[:-1])
    if chances == 0:
        return Found(None, 0)
    left = _of(events, "rep_left")
    return Found(1.0 - len(left) / chances, chances, tuple(e["seq"] for e in left))


def rollup_accuracy(events: list[dict[str, Any]], truth: dict[str, Any], scenario: Any,
                    params: Params = NO_PARAMS) -> Found:
    """Per round: 1 for a team forecast on the mark, falling to 0 at 50 % off (a round without a
    roll-up, because a rep made no forecast, scores 0)."""
    reviews = _of(events, "team_reviewed")
    values = [0.0 if e["payload"]["forecast_error"] is None
              else max(0.0, 1.0 - e["payload"]["forecast_error"] / 0.5) for e in reviews]
    return Found(sum(values) / len(values) if values else None, len(values),
                 tuple(e["seq"] for e in reviews))


def process_standards(events: list[dict[str, Any]], truth: dict[str, Any],
                      scenario: Any, params: Params = NO_PARAMS) -> Found:
    """Per round: the share of the scenario's process standards (credit checks and pipeline
    reviews: CW-73, CW-74) the team worked to. A discount cap is a price rule, not a process."""
    kinds = scenario.process_standards
    if not kinds:
        return Found(None, 0)
    in_force: set[str] = set()
    values, seqs = [], []
    for e in events:
        if e["kind"] == "standard_adopted" and e["payload"]["standard"] in kinds:
            in_force.add(e["payload"]["standard"])
            seqs.append(e["seq"])
        elif e["kind"] == "standard_dropped":
            in_force.discard(e["payload"]["standard"])
            seqs.append(e["seq"])
        elif e["kind"] == "team_reviewed":
            values.append(len(in_force) / len(kinds))
    return Found(sum(values) / len(values) if values else None, len(values), tuple(seqs))


def lessons_shared(events: list[dict[str, Any]], truth: dict[str, Any], scenario: Any,
                   params: Params = NO_PARAMS) -> Found:
    """The share of deals worth teaching (won with enough value claimed) that became playbooks.
    With ``chance_to_share``, a deal counts only once the manager had a round to share it: not a
    deal first listed at the last review, nor one whose rep left as that review closed."""
    chance = bool(params.get("chance_to_share"))
    last_start = max((e["seq"] for e in _of(events, "manager_round_started")), default=-1)
    teachable: set[tuple[str, str]] = set()
    for e in _of(events, "team_reviewed"):
        if chance and e["seq"] > last_start:
            continue  # no round followed this review
        gone = set(e["payload"].get("leavers", ())) if chance else set()
        teachable |= {(d["rep"], d["account"]) for d in e["payload"]["teachable"]
                      if d["rep"] not in gone}
    if not teachable:
        return Found(None, 0)
    shared = {(e["payload"]["rep"], e["payload"]["account"]) for e in _of(events, "playbook_shared")}
    return Found(len(teachable & shared) / len(teachable), len(teachable),
                 tuple(e["seq"] for e in _of(events, "playbook_shared")))


PARAMS: dict[str, frozenset[str]] = {"lessons_shared": frozenset({"chance_to_share"})}
"""The switches each indicator's rule takes (``IndicatorRef.params``)."""


INDICATORS: dict[str, Indicator] = {f.__name__: f for f in (
    seats_filled, hire_quality, interviewed_before_hiring, coached_weakest, team_coached,
    plan_on_profit, margin_held, reps_kept, rollup_accuracy, process_standards,
    lessons_shared)}


@lru_cache(maxsize=4)
def _rubric_file(path: str | Path) -> tuple[ManagerRubric, str]:
    return load_file(path, ManagerRubric)


def rubric_from_text(text: str) -> ManagerRubric:
    """A manager rubric from its YAML text, as a session record carries it."""
    return load_model(text, ManagerRubric, path="<the rubric in the record>")


def rubric_text(sha256: str) -> str | None:
    """The installed manager rubric's YAML if it is still the one with ``sha256`` (else None)."""
    raw = Path(RUBRIC).read_bytes()
    return raw.decode("utf-8") if hashlib.sha256(raw).hexdigest() == sha256 else None


def load_rubric(path: str | Path | None = None) -> ManagerRubric:
    """The manager rubric at ``path`` (the installed one by default), read once."""
    return _rubric_file(path or RUBRIC)[0]


def rubric_sha256(path: str | Path | None = None) -> str:
    """The sha256 of the manager rubric's bytes, as records and validity studies name it."""
    return _rubric_file(path or RUBRIC)[1]


@dataclass(frozen=True)
class Facts:
    """What scoring needs to know of the scenario."""

    regions: tuple[str, ...]
    staffed: tuple[str, ...]  # the regions with a rep at the start
    target_margin: float
    plan: dict[str, Any]  # the incentive plan in force at the start
    pay: Pay  # its pay rules (how much a plan puts at stake)
    process_standards: tuple[str, ...]  # the ids of its credit-check and pipeline-review standards


def manager_scores(game: Any, rubric: ManagerRubric | None = None) -> list[ManagerScore]:
    """Every competency of the manager rubric, scored from a finished game."""
    if not game.over:
        raise ValueError("a manager game is scored when it is over")
    rubric = rubric or load_rubric()
    facts = Facts(tuple(r.id for r in game.scenario.regions),
                  tuple(r.region for r in game.scenario.team), game.territory.targets.margin,
                  game.scenario.plan.model_dump(), game.scenario.pay,
                  tuple(s.id for s in game.scenario.standards if s.kind != "discount_cap"))
    events, truth = game.events, game.truth()
    found: dict[str, Found] = {}
    out = []
    for comp in rubric.competencies:
        for ref in comp.indicators:
            found[ref.indicator] = INDICATORS[ref.indicator](events, truth, facts, ref.params)
        counted = {ref.indicator: counted_weight(ref.weight, found[ref.indicator].occasions,
                                                 ref.half_weight_occasions)
                   for ref in comp.indicators if found[ref.indicator].value is not None}
        results = [IndicatorResult(id=ref.indicator, value=found[ref.indicator].value,
                                   occasions=found[ref.indicator].occasions,
                                   evidence=list(found[ref.indicator].evidence),
                                   counted=counted.get(ref.indicator))
                   for ref in comp.indicators]
        scored = [(counted[ref.indicator], found[ref.indicator].value) for ref in comp.indicators
                  if found[ref.indicator].value is not None]
        occasions = sum(r.occasions for r in results)
        insufficient = occasions < rubric.min_occasions or not scored
        score = None if insufficient else \
            sum(w * v for w, v in scored) / sum(w for w, _ in scored)  # type: ignore[operator]
        level = None if score is None else 1 + sum(1 for c in rubric.cuts if score >= c)
        out.append(ManagerScore(id=comp.id, name=comp.name, cw=comp.cw,
                                score=None if score is None else round(score, 4), level=level,
                                occasions=occasions, min_occasions=rubric.min_occasions,
                                insufficient=insufficient,
                                anchor=None if level is None else comp.levels[level - 1],
                                indicators=results))
    return out
