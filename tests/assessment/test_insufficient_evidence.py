"""A competency scored on too few occasions says so instead of showing a level."""

from __future__ import annotations

from pathlib import Path

from game.assessment.assess import competency_scores, standard_rubric
from game.bots.base import play
from game.bots.registry import make_bot
from game.engine.game import Game
from game.scenario.loader import load_scenario

ROOT = Path(__file__).resolve().parents[2]


def _scores(bot: str, seed: int = 3) -> dict:
    scenario, _ = load_scenario(ROOT / "scenarios" / "riverside-first-territory.yaml")
    game = Game(scenario, seed=seed)
    play(game, make_bot(bot, seed))
    rubric, _ = standard_rubric()
    return {c.id: c for c in competency_scores(game.events, game.scenario, rubric)}


def test_a_rep_who_never_negotiates_gets_no_negotiation_level() -> None:
    scores = _scores("idle")
    c = scores["negotiation-quoting"]
    assert c.insufficient and c.score is None and c.level is None
    assert c.occasions < c.min_occasions
    # the conduct dilemmas it left unanswered and the deals it let lapse are evidence of
    # professionalism all the same; how it bargains is not judged
    ethics = {i.id: i for i in scores["professionalism-ethics"].indicators}
    assert ethics["dilemmas_handled"].occasions == 2 and ethics["dilemmas_handled"].value == 0.0
    assert ethics["negotiations_concluded"].value == 0.0
    assert ethics["good_faith_offers"].value is None and ethics["authority_proper"].value is None
    assert scores["professionalism-ethics"].score == 0.0


def test_enough_occasions_give_a_score_and_count_them() -> None:
    scores = _scores("expert")
    planning = scores["planning-forecasting"]
    assert not planning.insufficient and planning.score is not None
    assert planning.occasions >= planning.min_occasions
    assert planning.occasions == sum(i.occasions for i in planning.indicators)


def test_the_minimum_is_the_rubric_s_to_set() -> None:
    rubric, _ = standard_rubric()
    strict = rubric.model_copy(update={"competencies": [
        c.model_copy(update={"min_occasions": 10_000}) for c in rubric.competencies]})
    scenario, _ = load_scenario(ROOT / "scenarios" / "riverside-first-territory.yaml")
    game = Game(scenario, seed=3)
    play(game, make_bot("expert", 3))
    assert all(c.insufficient and c.level is None
               for c in competency_scores(game.events, game.scenario, strict))
