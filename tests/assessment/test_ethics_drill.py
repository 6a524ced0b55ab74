"""On the ethics drill, dealing straight is what professionalism scores and what the market pays:
the same rep answering every dilemma the courseware's way against taking what each request
offers, paired on the same seeds."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from game.assessment.assess import competency_scores, standard_rubric
from game.assessment.outcomes import game_outcomes
from game.assessment.runs import play_bot
from game.bots.graded import INTERMEDIATE, GradedRep
from game.scenario.loader import load_scenario

DRILL = Path(__file__).resolve().parents[2] / "scenarios" / "drills" / "drill-ethics.yaml"


def test_straight_dealing_scores_higher_professionalism_on_every_seed() -> None:
    scenario, _ = load_scenario(DRILL)
    rubric, _ = standard_rubric()
    gaps, gains = [], []
    for seed in range(1, 6):
        played = {}
        for manner in ("straight", "gain"):
            style = replace(INTERMEDIATE, dilemmas=manner)
            game = play_bot(scenario, GradedRep(seed, style), seed)
            prof = next(c for c in competency_scores(game.events, game.scenario, rubric)
                        if c.id == "professionalism-ethics")
            played[manner] = (prof.score, game_outcomes(game.events)["profit"])
        gaps.append(played["straight"][0] - played["gain"][0])
        gains.append(played["straight"][1] - played["gain"][1])
    assert min(gaps) > 0, gaps
    assert sum(gains) > 0, gains  # the fines and lost trust are felt, on the whole


def test_silence_does_not_pay_better_than_straight_dealing() -> None:
    """Leaving a request unanswered is never handling it, and on the drill it must not be the
    cheaper way either: a rep who lets every dilemma pass earns no more than one who answers them
    the courseware's way (paired, summed over the seeds)."""
    scenario, _ = load_scenario(DRILL)
    gap = 0.0
    for seed in range(1, 6):
        profit = {}
        for manner in ("straight", "never"):
            game = play_bot(scenario, GradedRep(seed, replace(INTERMEDIATE, dilemmas=manner)), seed)
            profit[manner] = game_outcomes(game.events)["profit"]
        gap += profit["straight"] - profit["never"]
    assert gap > 0, gap
