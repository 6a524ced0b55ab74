"""Property: taking one good behaviour out of a real game never raises any competency score.

Real action logs come from synthetic trainees of drawn skill; one good action (research on the
round's targets, a forecast, a credit check, an answer to a problem, care for an account: a visit
or a survey that was care, not a call the rubric counts as wasted) is removed and the rest
replayed on the same seed (actions the changed game refuses are skipped, as a trainee's would
be). No competency may score higher without it, and none may gain a score it did not have.

An interview also warms the customer (``economics.accounts.interview_trust``), and a warmer
customer gives the rep more turns at the table before it walks out, and agrees more often. A rep
with poor habits there then shows them more: more repeated offers, an agreed deal it drops. So
without the interview, negotiation or professionalism can score higher on fewer occasions (found
twice in some hundred runs: professionalism 0.2075 -> 0.2119 on one answer fewer, 0.0630 ->
0.0657 on one dropped deal fewer). For those two competencies, after an interview is removed, a
rise is allowed only where the game without it gave fewer occasions at the table. A deal the
warmer customer agreed to also brings a contract to decide and an account to keep, so a rep
careless there shows it on more occasions (relationship 0.098 -> 0.140 when an interview that
had won a deal was removed: 3 occasions instead of 5); for those two competencies a rise is
allowed only where the game without the interview agreed fewer deals and gave fewer occasions.

Two indicators judge an outcome the market answers, not a behaviour: forecast accuracy (the
revenue a forecast is held against moves with everything the rep does) and value claimed (the
customer's answer moves with its trust). Taking a risk response out can leave revenue nearer a
pessimistic forecast by chance, so the property is checked on the competencies' behaviour
indicators: the rubric with those two left out.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from game.assessment.assess import competency_scores, standard_rubric
from game.assessment.indicators.service import useful_call
from game.assessment.log import EventLog
from game.bots.base import play
from game.bots.synthetic import SKILLS, SyntheticTrainee
from game.engine.game import Game
from game.scenario.loader import load_scenario

RIVERSIDE = Path(__file__).resolve().parents[2] / "scenarios" / "riverside-first-territory.yaml"

GOOD = {
    "market_research", "set_forecast", "credit_check", "amend_contract", "resolve_complaint",
    "inform_customer", "expedite", "respond_risk",
}
"""Always good when made. Research on a segment or an account is good when it is one of the
round's targets: research spread outside them is what the courseware warns against. A visit or
a survey is good when it was care (``useful_call``): calling again on the same account, on one
not won, on one whose complaint is left open, or surveying twice a round is waste."""
TARGETED = {"questionnaire": "segment", "data_analysis": "segment", "interview": "account"}
CARE = {"visit": "account_visited", "satisfaction_survey": "satisfaction_surveyed"}


def _good(game: Game, k: int) -> bool:
    action = game.actions[k]
    if action.type in GOOD:
        return True
    if action.type not in TARGETED and action.type not in CARE:
        return False
    lo, hi = game.action_bounds[k]
    if lo == hi:
        return False
    if action.type in CARE:
        log = EventLog(game.events)
        current = bool(standard_rubric()[0].indicator("account_care").params.get("current_customers"))
        return any(useful_call(log, e, current) for e in game.events[lo:hi]
                   if e.kind == CARE[action.type])
    targets = EventLog(game.events).round_targets(game.events[lo].round)
    if targets is None:
        return False
    field = TARGETED[action.type]
    return getattr(action, field) in targets.payload.get(f"{field}s", [])


@lru_cache(maxsize=1)
def _scenario():
    return load_scenario(RIVERSIDE)[0]


OUTCOMES = {"forecast_accuracy", "value_claimed"}


@lru_cache(maxsize=1)
def _behaviour_rubric():
    rubric, _ = standard_rubric()
    return rubric.model_copy(update={"competencies": [
        c.model_copy(update={"indicators": [i for i in c.indicators if i.indicator not in OUTCOMES]})
        for c in rubric.competencies
    ]})


def _found(game: Game) -> dict[str, tuple[float | None, int]]:
    """Each competency's behaviour score and the occasions it was judged on."""
    return {c.id: (c.score, c.occasions)
            for c in competency_scores(game.events, game.scenario, _behaviour_rubric())}


def _scores(game: Game) -> dict[str, float | None]:
    return {c: score for c, (score, _) in _found(game).items()}


WARMS = {"interview"}
"""Good actions that raise a customer's trust before its talks."""
AT_THE_TABLE = {"negotiation-quoting", "professionalism-ethics"}
"""Competencies judged on what a customer lets happen at the table: how long it keeps talking,
whether it agrees."""
AFTER_THE_DEAL = {"relationship-satisfaction", "contract-risk"}
"""Competencies judged on the contracts a deal brings and the accounts it wins: a customer
warmed into agreeing brings more of them."""


def _deals(game: Game) -> int:
    return sum(e.kind == "negotiation_ended" and e.payload.get("status") == "agreed"
               for e in game.events)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    skills=st.lists(st.floats(0.0, 1.0), min_size=len(SKILLS), max_size=len(SKILLS)),
    seed=st.integers(0, 50),
    pick=st.integers(0, 10_000),
)
@example(  # once a wasted visit, counted good: without it account care rose 0.729 -> 0.75
    skills=[0.5988461572678433, 0.4621887964897925, 0.42269809989594453, 0.0,
            0.8717457326489837, 0.42269809989594453, 0.1952532558414098],
    seed=18, pick=1667)
@example(  # once an interview, removed, raised customer analysis 0.125 -> 0.167: what it heard
    # shrank the terms the blanket-offer test looked at, so the same first quote counted ignored
    skills=[0.5, 0.25, 0.484375, 0.0, 0.0, 0.0, 0.0], seed=0, pick=0)
@example(  # once an interview, removed, shifted what a later interview of another account heard
    # (all research drew from one stream), so a first quote it had ignored counted as heard
    skills=[0.26895893009218486, 0.23614976462839687, 0.5983957073721774, 0.49774093243041306,
            0.011195675221437495, 0.11201526290447383, 0.5683464947979576],
    seed=36, pick=1756)
@example(  # an interview warmed a customer who then heard one more repeated offer
    skills=[0.6212206601019256, 0.629505212426852, 0.6180825047413129, 0.0, 0.2767518725913603,
            0.0, 0.17898841799111323],
    seed=44, pick=0)
@example(  # an interview warmed a customer into a deal the rep then dropped
    skills=[0.25, 0.31640625, 0.71875, 0.0, 1.0, 0.9375, 0.0], seed=0, pick=0)
@example(  # an interview warmed a customer into a deal: one more account for a careless rep
    skills=[1.0, 0.0, 0.8125, 0.0, 0.0, 0.0, 0.0], seed=0, pick=0)
@example(  # a questionnaire on a poorly chosen target, removed, raised customer analysis
    # 0.108 -> 0.392: a round without research scored 0, one researching a poor pick -1
    skills=[0.625, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], seed=43, pick=3)
def test_removing_a_good_behaviour_never_raises_a_score(skills, seed, pick) -> None:
    theta = dict(zip(SKILLS, skills, strict=True))
    game = Game(_scenario(), seed=seed)
    play(game, SyntheticTrainee(theta, seed=seed, label=":p"))
    actions = list(game.actions)
    good = [k for k in range(len(actions)) if _good(game, k)]
    if not good:
        return
    drop = good[pick % len(good)]
    replay = Game(_scenario(), seed=seed)
    for k, action in enumerate(actions):
        if k != drop and not replay.over:
            replay.apply(action)
    before, after = _found(game), _found(replay)
    for competency, (was, seen) in before.items():
        now, seen_now = after[competency]
        if was is None:
            assert now is None, f"{competency} gained a score without {actions[drop].type}"
        elif now is not None and now > was + 1e-9:
            warmed = actions[drop].type in WARMS and (
                competency in AT_THE_TABLE
                or (competency in AFTER_THE_DEAL and _deals(replay) < _deals(game)))
            assert warmed and seen_now < seen, (
                f"{competency} rose from {was} to {now} without {actions[drop].type} "
                f"(action {drop})"
            )


def test_a_wasted_visit_is_not_good_behaviour_and_costs_care() -> None:
    """The rubric counts a call beyond care as waste (``account_care``): in this game a visit that
    was no care is not among the good actions, and the game without it scores account care at
    least as high."""
    skills = [0.5988461572678433, 0.4621887964897925, 0.42269809989594453, 0.0,
              0.8717457326489837, 0.42269809989594453, 0.1952532558414098]
    for seed in range(160, 200):  # the first game of this rep with a wasted visit and a useful one
        game = Game(_scenario(), seed=seed)
        play(game, SyntheticTrainee(dict(zip(SKILLS, skills, strict=True)), seed=seed, label=":p"))
        visits = [k for k, a in enumerate(game.actions) if a.type == "visit"]
        wasted = [k for k in visits if not _good(game, k)]
        if wasted and len(wasted) < len(visits):
            break
    assert wasted and len(wasted) < len(visits), "no game of this rep wasted a visit"
    replay = Game(_scenario(), seed=seed)
    for k, action in enumerate(game.actions):
        if k != wasted[0] and not replay.over:
            replay.apply(action)

    def care(g: Game) -> float:
        comp = next(c for c in competency_scores(g.events, g.scenario, _behaviour_rubric())
                    if c.id == "relationship-satisfaction")
        return next(i.value for i in comp.indicators if i.id == "account_care")

    assert care(replay) >= care(game)
