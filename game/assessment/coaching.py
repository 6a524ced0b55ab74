"""The coaching debrief of a finished game, as data (zh and en side by side, JSON-able): per
competency the level and its anchor, what good looks like, the courseware's point behind each
indicator and the trainee's moments beside the reference rep's on the same seed; the occasions
missed; the profit waterfall round by round, the trainee's beside the reference rep's; and the
improvement plan (``improvement_plan``), each item with the drill that practises it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from game.assessment.coaching_content import CoachingContent, load_coaching_content
from game.assessment.improvement_plan import Plan, copy_band, improvement_plan
from game.assessment.occasions import Occasion, missed_occasions, prompt_weeks
from game.assessment.results import Assessment
from game.assessment.rubric import Rubric, Words
from game.engine.events import Event
from game.scenario.models import Scenario

if TYPE_CHECKING:
    from game.engine.game import Game

DRILLS = Path(__file__).resolve().parents[2] / "scenarios" / "drills"
CAUSES = ("volume", "price", "channel", "terms", "service", "stock", "credit", "costs")


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PointOut(Out):
    cw: str
    text: Words


class IndicatorCoaching(Out):
    id: str
    name: Words
    level: int | None
    looks_for: Words
    explanation: Words
    point: PointOut


class RoundMoments(Out):
    """What the trainee and the reference rep did in one round: event kind -> count."""

    round: int
    trainee: dict[str, int]
    reference: dict[str, int]


class Moment(Out):
    """One thing done: its week of play, the event kind and whom or what it concerned."""

    round: int
    week: int
    kind: str
    subject: Words | None


class CompetencyCoaching(Out):
    id: str
    name: Words
    level: int | None
    anchor: Words | None
    indicators: list[IndicatorCoaching]
    kinds: dict[str, Words]  # the words of the event kinds in ``moments``
    moments: list[RoundMoments]
    trainee_moments: list[Moment]  # the first time the trainee did each thing counted
    reference_moments: list[Moment]  # ... and the reference rep, on the same seed


class OccasionOut(Out):
    kind: str
    round: int
    week: int
    seq: int
    text: Words


class RoundWaterfall(Out):
    """One round's profit by cause (they add up to the profit), the trainee's and the
    reference rep's."""

    round: int
    trainee: dict[str, float]
    reference: dict[str, float]


class PlanItemOut(Out):
    behaviour: str
    text: Words
    drill: str
    drill_title: Words | None  # None: no drill of that id in scenarios/drills
    profit_gain: float


class Coaching(Out):
    format: int = 1
    scenario_id: str
    scenario_title: Words
    seed: int
    reference_bot: str
    profit: float
    reference_profit: float
    competencies: list[CompetencyCoaching]
    occasions: list[OccasionOut]
    causes: dict[str, Words]
    waterfall: list[RoundWaterfall]
    shown: list[str]  # behaviours the trainee showed throughout
    stand_in_profit: float
    plan: list[PlanItemOut]


def occasion_out(o: Occasion, content: CoachingContent, names: dict[str, Words]) -> OccasionOut:
    """The occasion in words: codes through the content's terms, ids through ``names``."""
    def facts(lang: str) -> dict[str, object]:
        out: dict[str, object] = {"week": o.week}
        for k, v in o.facts.items():
            known = names.get(v) or content.terms.get(v) if isinstance(v, str) else None
            out[k] = known.pick(lang) if known else v
        return out

    words = content.occasions[o.kind]  # type: ignore[index]
    return OccasionOut(kind=o.kind, round=o.round, week=o.week, seq=o.seq,
                       text=Words(en=words.en.format(**facts("en")),
                                  zh=words.zh.format(**facts("zh"))))


def scenario_names(scenario: Scenario) -> dict[str, Words]:
    """The names of the key accounts, competitors, segments and risks by id."""
    return {x.id: Words(en=x.name.en, zh=x.name.zh)
            for x in (*scenario.key_accounts, *scenario.competitors, *scenario.market.segments,
                      *scenario.risks)}


def waterfall(events: Sequence[Event]) -> dict[int, dict[str, float]]:
    """Round -> the round review's profit by cause, plus ``profit``."""
    out = {}
    for e in events:
        if e.kind == "round_reviewed":
            fall = e.payload["kpis"].get("waterfall") or {}
            out[e.round] = {k: float(fall.get(k, 0.0)) for k in (*CAUSES, "profit")}
    return out


def _counts(events: Sequence[Event], kinds: Sequence[str]) -> dict[int, Counter[str]]:
    out: dict[int, Counter[str]] = {}
    for e in events:
        if e.kind in kinds and e.round > 0:
            out.setdefault(e.round, Counter())[e.kind] += 1
    return out


SUBJECT_KEYS = ("account", "segment", "method", "risk")


def first_moments(events: Sequence[Event], kinds: Sequence[str], names: dict[str, Words],
                  content: CoachingContent) -> list[Moment]:
    """The first event of each kind in ``kinds``, in the order they happened."""
    from game.assessment.occasions import play_week, round_end_weeks

    ends = round_end_weeks(events)
    seen: dict[str, Moment] = {}
    for e in events:
        if e.kind in kinds and e.kind not in seen:
            code = next((str(e.payload[k]) for k in SUBJECT_KEYS if k in e.payload), None)
            subject = None if code is None else (
                names.get(code) or content.terms.get(code) or Words(en=code, zh=code))
            seen[e.kind] = Moment(round=e.round, week=play_week(e, ends), kind=e.kind, subject=subject)
    return sorted(seen.values(), key=lambda m: (m.week, kinds.index(m.kind)))


def _profit(events: Sequence[Event]) -> float:
    ended = [e for e in events if e.kind == "game_ended"]
    return float(ended[-1].payload["totals"]["profit"]) if ended else 0.0


def drill_titles() -> dict[str, Words]:
    """Drill id -> its title, for every scenario in ``scenarios/drills``."""
    from game.scenario.errors import ScenarioError
    from game.scenario.loader import load_scenario

    out = {}
    for path in sorted(DRILLS.glob("*.yaml")):
        try:
            drill, _ = load_scenario(path)
        except ScenarioError:
            continue  # validate reports it; the coaching then names the drill by its id
        out[drill.id] = Words(en=drill.title.en, zh=drill.title.zh)
    return out


def build_coaching(
    assessment: Assessment,
    events: Sequence[Event],
    reference_events: Sequence[Event],
    reference_bot: str,
    rubric: Rubric,
    plan: Plan,
    names: dict[str, Words] | None = None,
    content: CoachingContent | None = None,
    title: Words | None = None,
) -> Coaching:
    """The coaching from its parts (see ``coach`` for the whole of it from a game)."""
    content = content or load_coaching_content()
    specs = {i.id: i for i in rubric.indicators}
    competencies = []
    for c in assessment.competencies:
        kinds = content.moments.get(c.id, [])
        mine, theirs = _counts(events, kinds), _counts(reference_events, kinds)
        rounds = sorted(set(mine) | set(theirs))
        competencies.append(CompetencyCoaching(
            id=c.id, name=c.name, level=c.level, anchor=c.anchor,
            indicators=[
                IndicatorCoaching(
                    id=i.id, name=i.name, level=i.level, looks_for=specs[i.id].looks_for,
                    explanation=i.explanation,
                    point=PointOut(cw=content.points[i.id].cw, text=content.points[i.id].text))
                for i in c.indicators if i.id in content.points
            ],
            kinds={k: content.kinds[k] for k in kinds},
            moments=[RoundMoments(round=r, trainee={k: mine.get(r, Counter())[k] for k in kinds},
                                  reference={k: theirs.get(r, Counter())[k] for k in kinds})
                     for r in rounds],
            trainee_moments=first_moments(events, kinds, names or {}, content),
            reference_moments=first_moments(reference_events, kinds, names or {}, content),
        ))
    mine_fall, ref_fall = waterfall(events), waterfall(reference_events)
    drills = drill_titles()
    return Coaching(
        scenario_id=assessment.scenario_id,
        scenario_title=title or Words(en=assessment.scenario_id, zh=assessment.scenario_id),
        seed=assessment.seed,
        reference_bot=reference_bot,
        profit=_profit(events),
        reference_profit=_profit(reference_events),
        competencies=competencies,
        occasions=[occasion_out(o, content, names or {})
                   for o in missed_occasions(events, prompt_weeks(rubric))],
        causes={k: content.causes[k] for k in CAUSES},  # type: ignore[index]
        waterfall=[RoundWaterfall(round=r, trainee=mine_fall[r], reference=ref_fall.get(r, {}))
                   for r in sorted(mine_fall)],
        shown=sorted(plan.shown),
        stand_in_profit=plan.stand_in_profit,
        plan=[PlanItemOut(behaviour=i.behaviour, text=content.behaviours[i.behaviour].text,  # type: ignore[index]
                          drill=content.behaviours[i.behaviour].drill,  # type: ignore[index]
                          drill_title=drills.get(content.behaviours[i.behaviour].drill),  # type: ignore[index]
                          profit_gain=i.profit_gain)
              for i in plan.items],
    )


def coach(game: Game, rubric: Rubric | None = None, rubric_sha256: str | None = None) -> Coaching:
    """The coaching of a finished game: assesses it, plays the rubric's reference rep and the
    trainee's stand-ins on the same scenario and seed (deterministic, a few seconds)."""
    from game.assessment.assess import assess, standard_rubric
    from game.assessment.relative import remember_reference
    from game.assessment.runs import play_named

    if rubric is None:
        rubric, rubric_sha256 = standard_rubric()
    bot = rubric.relative.reference_bot
    reference_game = play_named(game.scenario, bot, game.seed)
    reference = remember_reference(game.scenario, game.seed, bot, reference_game)
    assessment = assess(game, rubric, rubric_sha256, reference)
    events = list(game.events)
    return build_coaching(assessment, events, list(reference_game.events), bot, rubric,
                          improvement_plan(events, game.scenario, game.seed, copy_band(rubric)),
                          scenario_names(game.scenario),
                          title=Words(en=game.scenario.title.en, zh=game.scenario.title.zh))
