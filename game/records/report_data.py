"""The figures a report shows, gathered from the store (the HTML is drawn by the report layer,
``game.reports.hr_page``, which sits above this one)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from game.assessment.rubric import assessed_competencies
from game.records import scoring
from game.records.cohort import Attempt, CohortFilter, attempts_of, select
from game.records.errors import RecordsError
from game.records.measurement import OVERALL, Sem, Validity, mean_sd, sems
from game.records.store import Store


@dataclass
class CompetencyRow:
    id: str
    name: dict[str, str]
    cw: list[str]
    latest: float | None
    level: int | None
    anchor: dict[str, str] | None
    first: float | None
    change: float | None
    sem: Sem
    real: bool | None
    cohort_mean: float | None
    indicators: list[dict[str, Any]]
    occasions: int | None = None  # occasions the latest game gave (None: scored before they were counted)
    min_occasions: int | None = None
    insufficient: bool = False  # too few occasions for a score: never a level
    assessed: bool = True  # whether the scenario sets out to assess it (shares a CW section)


WATERFALL_KEYS = ("volume", "price", "channel", "terms", "service", "stock", "credit", "costs", "profit")


@dataclass
class ProfitData:
    """One session's contribution profit by cause: the whole game and each round, as the engine's
    events record them (``game_ended`` and ``round_reviewed``)."""

    game: dict[str, float]
    rounds: list[tuple[int, dict[str, float]]]
    lost_sales: float
    bad_debt: float


def profit_of(events: list[Any]) -> ProfitData | None:
    """The profit figures in a finished game's events (None when it has none)."""
    ended = [e for e in events if e.kind == "game_ended"]
    if not ended or "waterfall" not in ended[-1].payload:
        return None
    reviews = [e.payload["kpis"] for e in events if e.kind == "round_reviewed"]
    rounds = [(int(k["round"]), dict(k["waterfall"])) for k in reviews if "waterfall" in k]
    return ProfitData(
        game=dict(ended[-1].payload["waterfall"]), rounds=rounds,
        lost_sales=sum(float(k.get("lost_sales") or 0.0) for k in reviews),
        bad_debt=sum(float((k.get("cost_by_kind") or {}).get("bad_debt") or 0.0) for k in reviews),
    )


def session_profit(store: Store, session_id: str) -> tuple[ProfitData | None, str | None]:
    """A session's profit figures, from a replay of its saved actions; or why there are none."""
    from game.records.autosave import resume

    try:
        game = resume(store, session_id)
    except RecordsError as err:
        return None, str(err)
    return profit_of(list(game.events)), None


@dataclass
class TraineeData:
    trainee: str
    display_name: str | None
    attempts: list[Attempt]
    target: dict[str, Any]
    levels: int
    rows: list[CompetencyRow] = field(default_factory=list)
    kpis: list[dict[str, Any]] = field(default_factory=list)
    relative: dict[str, Any] | None = None
    cohort_n: int = 0
    profit: ProfitData | None = None
    profit_problem: str | None = None  # why the latest attempt's profit could not be shown
    coaching: Any = None  # the latest attempt's Coaching (game.assessment.coaching), if finished
    overall_sem: Sem | None = None  # the latest overall score's measurement error
    titles: dict[str, dict[str, str]] = field(default_factory=dict)  # scenario id -> {lang: title}

    @property
    def only_incidental_below(self) -> bool:
        """Whether every competency below the target is one the scenario does not set out to
        assess (a drill's incidental evidence): the stored verdict counts them, a reader should
        not."""
        goal = self.target.get("score")
        below = [r for r in self.rows if r.latest is not None and goal is not None
                 and r.latest < float(goal) - 1e-9]
        return bool(below) and all(not r.assessed for r in below)

    @property
    def latest(self) -> Attempt | None:
        return self.attempts[-1] if self.attempts else None

    @property
    def comparable(self) -> list[Attempt]:
        """The attempts at the latest one's scenario in its mode, oldest first: first and latest
        are compared only within these (another case or mode measures something else)."""
        latest = self.latest
        if latest is None:
            return []
        key = (latest.session.scenario_id, latest.session.mode)
        return [a for a in self.attempts if (a.session.scenario_id, a.session.mode) == key]

    @property
    def first(self) -> Attempt | None:
        same = self.comparable
        return same[0] if same else None

    @property
    def any_assessment(self) -> bool:
        return any(a.session.mode == "assessment" for a in self.attempts)


def played(attempts: list[Attempt]) -> list[tuple[str, str]]:
    """(scenario sha256, rubric sha256) of each attempt: what its scores were made from."""
    return [(a.session.scenario_sha256 or "",
             scoring.scores_rubric(a.scores or {}))
            for a in attempts]


@lru_cache(maxsize=16)
def _stored_text(body: str) -> dict[str, Any]:
    """A scenario text the store keeps, read once per report (empty when it cannot be read)."""
    try:
        data = yaml.safe_load(body)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def scenario_titles(store: Store, attempts: list[Attempt]) -> dict[str, dict[str, str]]:
    """Each scenario's title by its id ({lang: title}), from the text the store keeps with the
    latest session of it: a report names the case as the trainee saw it."""
    latest = {a.session.scenario_id: a.session for a in attempts}
    titles: dict[str, dict[str, str]] = {}
    for scenario_id, session in latest.items():
        try:
            title = _stored_text(store.scenario_body(session)).get("title")
        except RecordsError:
            continue
        if isinstance(title, dict):
            titles[scenario_id] = {str(k): str(v) for k, v in title.items()}
        elif isinstance(title, str):
            titles[scenario_id] = {"en": title}
    return titles


def scenario_courseware(body: str) -> list[str]:
    """The courseware sections a session's scenario names, from the scenario text the store keeps
    with the session (none when the text does not say or cannot be read)."""
    sections = _stored_text(body).get("courseware")
    return [str(s) for s in sections] if isinstance(sections, list) else []


def _competency_values(attempts: list[Attempt]) -> dict[str, list[float]]:
    values: dict[str, list[float]] = {}
    for a in attempts:
        for cid, score in a.competency_scores().items():
            if score is not None:
                values.setdefault(cid, []).append(score)
    return values


def trainee_data(store: Store, trainee: str,
                 validity: Validity | None = None) -> TraineeData:
    names = {t["id"]: t["display_name"] for t in store.trainees()}
    attempts = attempts_of(store, trainee)
    target = {"level": int(scoring.settings()["target_level"]), "score": None}
    data = TraineeData(trainee, names.get(trainee), attempts, target, 5,
                       titles=scenario_titles(store, attempts))
    if not attempts:
        return data
    latest = attempts[-1]
    same = data.comparable
    first = same[0]
    scores = latest.scores or {}
    data.target = scores.get("target", target)
    data.levels = int(scores.get("assessment", {}).get("levels", 5))
    cohort = select(store, CohortFilter.parse(f"scenario={latest.session.scenario_id}"))
    data.cohort_n = len(cohort)
    values = _competency_values(cohort)
    comps = scoring.competencies(scores)
    table = sems([c["id"] for c in comps], values, validity, latest.session.scenario_id,
                 played([latest]))
    first_scores = first.competency_scores()
    first_occasions = {c["id"]: c.get("occasions")
                       for c in scoring.competencies(first.scores or {})}
    judged = set(assessed_competencies(((c["id"], c["cw"]) for c in comps),
                                       scenario_courseware(store.scenario_body(latest.session))))
    for c in comps:
        before = first_scores.get(c["id"]) if len(same) > 1 else None
        change = None if before is None or c["score"] is None else c["score"] - before
        # its error as far as its own game's evidence goes, and the earlier score's as its own
        sem = table[c["id"]].for_scores(
            c.get("occasions"), None if before is None else first_occasions.get(c["id"]))
        data.rows.append(CompetencyRow(
            id=c["id"], name=c["name"], cw=c["cw"], latest=c["score"], level=c["level"],
            anchor=c.get("anchor"), first=before, change=change, sem=sem,
            real=sem.real_change(change), cohort_mean=mean_sd(values.get(c["id"], []))[0],
            indicators=c["indicators"], occasions=c.get("occasions"),
            min_occasions=c.get("min_occasions"), insufficient=bool(c.get("insufficient", False)),
            assessed=c["id"] in judged,
        ))
    overall = [o for a in cohort if (o := (a.scores or {}).get("overall")) is not None]
    data.overall_sem = sems([OVERALL], {OVERALL: overall}, validity,
                            latest.session.scenario_id, played([latest]))[OVERALL]
    data.kpis = scoring.kpis(scores)
    data.relative = scoring.relative(scores)
    if latest.session.track != "rep":  # a team's game: its KPIs are the team's, above
        return data
    data.profit, data.profit_problem = session_profit(store, latest.session.id)
    if data.profit is not None:
        from game.records.report_coaching import session_coaching

        data.coaching, _ = session_coaching(store, latest.session.id)
    return data


@dataclass
class Distribution:
    id: str
    name: dict[str, str]
    values: list[float]
    mean: float | None
    sd: float | None
    sem: Sem
    at_target: float | None


@dataclass
class CohortData:
    cohort: CohortFilter
    attempts: list[Attempt]
    target: dict[str, Any]
    levels: int = 5
    distributions: list[Distribution] = field(default_factory=list)
    overall: list[float] = field(default_factory=list)
    kpis: list[tuple[dict[str, Any], list[float], list[bool]]] = field(default_factory=list)
    by_player: dict[str, tuple[int, dict[str, float | None]]] = field(default_factory=dict)
    titles: dict[str, dict[str, str]] = field(default_factory=dict)  # scenario id -> {lang: title}

    @property
    def trainees(self) -> int:
        return len({a.session.trainee_id for a in self.attempts})

    @property
    def any_assessment(self) -> bool:
        return any(a.session.mode == "assessment" for a in self.attempts)

    @property
    def case(self) -> tuple[str, str] | None:
        """(scenario id, mode) of the group; None when it is empty."""
        if not self.attempts:
            return None
        return self.attempts[0].session.scenario_id, self.attempts[0].session.mode


def cohort_groups(store: Store, cohort: CohortFilter,
                  validity: Validity | None = None) -> list[CohortData]:
    """The cohort's sessions by scenario and mode, each group summarised on its own: targets,
    KPIs and scores of different cases or of practice and assessment do not pool."""
    groups: dict[tuple[str, str], list[Attempt]] = {}
    for a in select(store, cohort):
        if a.scores:
            groups.setdefault((a.session.scenario_id, a.session.mode), []).append(a)
    if not groups:
        return [cohort_data([], cohort, validity)]
    titles = scenario_titles(store, [a for attempts in groups.values() for a in attempts])
    found = [cohort_data(attempts, cohort, validity) for _, attempts in sorted(groups.items())]
    for data in found:
        data.titles = titles
    return found


def cohort_data(attempts: list[Attempt], cohort: CohortFilter,
                validity: Validity | None = None) -> CohortData:
    """The summary of ``attempts`` (one scenario in one mode)."""
    target = {"level": int(scoring.settings()["target_level"]), "score": None}
    data = CohortData(cohort, attempts, target)
    if not attempts:
        return data
    first_scores = attempts[0].scores or {}
    data.target = first_scores.get("target", target)
    data.levels = int(first_scores.get("assessment", {}).get("levels", 5))
    values = _competency_values(attempts)
    names: dict[str, dict[str, str]] = {}
    for a in attempts:
        for c in scoring.competencies(a.scores or {}):
            names.setdefault(c["id"], c["name"])
    table = sems(list(names), values, validity, attempts[0].session.scenario_id,
                 played(attempts))
    goal = data.target.get("score")
    for cid, name in names.items():
        xs = values.get(cid, [])
        mean, sd = mean_sd(xs)
        share = None if not xs or goal is None else sum(x >= goal - 1e-9 for x in xs) / len(xs)
        data.distributions.append(Distribution(cid, name, xs, mean, sd, table[cid], share))
    data.overall = [a.scores["overall"] for a in attempts
                    if a.scores and a.scores.get("overall") is not None]
    kpi_specs: dict[str, dict[str, Any]] = {}
    kpi_values: dict[str, list[float]] = {}
    kpi_met: dict[str, list[bool]] = {}
    for a in attempts:
        for k in scoring.kpis(a.scores or {}):
            kpi_specs.setdefault(k["id"], k)
            if k["value"] is not None:
                kpi_values.setdefault(k["id"], []).append(float(k["value"]))
            if k["met"] is not None:
                kpi_met.setdefault(k["id"], []).append(bool(k["met"]))
    data.kpis = [(spec, kpi_values.get(kid, []), kpi_met.get(kid, []))
                 for kid, spec in kpi_specs.items()]
    groups: dict[str, list[Attempt]] = {}
    for a in attempts:
        groups.setdefault(a.session.player, []).append(a)
    for player, group in sorted(groups.items()):
        vals = _competency_values(group)
        data.by_player[player] = (len(group), {cid: mean_sd(vals.get(cid, []))[0]
                                               for cid in names})
    return data
