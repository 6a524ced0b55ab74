"""The improvement plan: behaviours read from the log, measured on a stand-in for the trainee."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.assessment.improvement_plan import improvement_plan, shown_behaviours
from game.assessment.outcomes import game_outcomes
from game.assessment.runs import play_bot, play_named
from game.bots.additions import with_addition
from game.bots.graded import INTERMEDIATE, NOVICE, GradedRep
from game.scenario.loader import load_scenario

RIVERSIDE = Path(__file__).resolve().parents[2] / "scenarios" / "riverside-first-territory.yaml"


def test_the_expert_shows_every_behaviour_and_the_novice_almost_none():
    scenario, _ = load_scenario(RIVERSIDE)
    expert = shown_behaviours(play_named(scenario, "expert", scenario.seed).events)
    novice = shown_behaviours(play_named(scenario, "novice", scenario.seed).events)
    assert {"research", "targets", "forecast", "ask_and_trade", "risks", "account_care"} <= expert
    assert not {"research", "targets", "forecast", "ask_and_trade", "account_care"} & novice


@pytest.mark.parametrize("tier", ["novice", "intermediate"])
def test_the_stand_in_for_a_graded_rep_replays_that_reps_own_game(tier):
    scenario, _ = load_scenario(RIVERSIDE)
    game = play_named(scenario, tier, scenario.seed)
    plan = improvement_plan(game.events, scenario, scenario.seed)
    assert plan.stand_in == tier
    assert plan.stand_in_profit == game_outcomes(game.events)["profit"]


def test_a_rep_who_follows_the_first_item_gains_on_the_next_play_of_the_seed():
    """The fast version of bench/bench_coaching.py: three seeds, both tiers below the expert."""
    scenario, _ = load_scenario(RIVERSIDE)
    for base in (NOVICE, INTERMEDIATE):
        for seed in (1, 2, 3):
            game = play_bot(scenario, GradedRep(seed, base), seed)
            first = improvement_plan(game.events, scenario, seed).items[0].behaviour
            again = play_bot(scenario, with_addition(base, first, seed), seed)
            before = game_outcomes(game.events)["profit"]
            after = game_outcomes(again.events)["profit"]
            assert after > before, (base.name, seed, first, before, after)
