"""The improvement plan: behaviours read from the log, measured on a stand-in for the trainee."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.assessment.assess import standard_rubric
from game.assessment.improvement_plan import copy_band, improvement_plan, shown_behaviours
from game.assessment.indicators import INDICATORS
from game.assessment.outcomes import game_outcomes
from game.assessment.runs import play_bot, play_named
from game.bots.additions import with_addition
from game.bots.graded import INTERMEDIATE, NOVICE, GradedRep
from game.engine.events import Event
from game.scenario.loader import load_scenario

RIVERSIDE = Path(__file__).resolve().parents[2] / "scenarios" / "riverside-first-territory.yaml"
RUBRIC, _ = standard_rubric()
BAND = copy_band(RUBRIC)


def test_the_expert_shows_every_behaviour_and_the_novice_almost_none():
    scenario, _ = load_scenario(RIVERSIDE)
    expert = shown_behaviours(play_named(scenario, "expert", scenario.seed).events, BAND)
    novice = shown_behaviours(play_named(scenario, "novice", scenario.seed).events, BAND)
    assert {"research", "targets", "forecast", "ask_and_trade", "risks", "account_care"} <= expert
    assert not {"research", "targets", "forecast", "ask_and_trade", "account_care"} & novice


@pytest.mark.parametrize("tier", ["novice", "intermediate"])
def test_the_stand_in_for_a_graded_rep_replays_that_reps_own_game(tier):
    scenario, _ = load_scenario(RIVERSIDE)
    game = play_named(scenario, tier, scenario.seed)
    plan = improvement_plan(game.events, scenario, scenario.seed, BAND)
    assert plan.stand_in == tier
    assert plan.stand_in_profit == game_outcomes(game.events)["profit"]


def test_a_rep_who_follows_the_first_item_gains_on_the_next_play_of_the_seed():
    """The fast version of bench/bench_coaching.py: three seeds, both tiers below the expert."""
    scenario, _ = load_scenario(RIVERSIDE)
    for base in (NOVICE, INTERMEDIATE):
        for seed in (1, 2, 3):
            game = play_bot(scenario, GradedRep(seed, base), seed)
            first = improvement_plan(game.events, scenario, seed, BAND).items[0].behaviour
            again = play_bot(scenario, with_addition(base, first, seed), seed)
            before = game_outcomes(game.events)["profit"]
            after = game_outcomes(again.events)["profit"]
            assert after > before, (base.name, seed, first, before, after)


def _one_round(forecast: float, target: float) -> list[Event]:
    return [
        Event(1, 1, 0, "briefing", "round_started", {"targets": {"revenue": target}}),
        Event(2, 1, 0, "planning", "forecast_set", {"revenue": forecast}),
        Event(3, 1, 12, "review", "round_reviewed",
              {"kpis": {"forecast_error": abs(target * 1.1 - forecast) / forecast},
               "targets": {"revenue": target}}),
    ]


@pytest.mark.parametrize("inside", [True, False])
def test_the_plan_counts_a_forecast_as_copied_exactly_when_the_score_does(inside):
    """A forecast inside the rubric's copy band of the target scores 0 and the plan does not
    count it as a forecast of the trainee's own; just outside, both count it."""
    assert BAND is not None and BAND > 0
    target = 1_000_000.0
    forecast = target * (1 + (BAND * 0.8 if inside else BAND * 1.2))
    events = _one_round(forecast, target)
    spec = RUBRIC.indicator("forecast_accuracy")
    scored = INDICATORS["forecast_accuracy"].fn(events, None, spec.params).value
    shown = "forecast" in shown_behaviours(events, BAND)
    assert (scored == 0.0, shown) == ((True, False) if inside else (False, True))
