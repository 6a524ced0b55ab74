"""The persona's openness says how the customer will answer: guarded where it refuses, general
where it answers vaguely, open where it answers truthfully, at the same trust thresholds."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.negotiation.questions import DEFAULT, quality_for
from game.scenario.loader import load_scenario
from game.scenario.persona_text import persona_line
from game.scenario.persona_words import persona_words

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "key-account-deals.yaml"
SAYS = {"refused": "guarded", "vague": "general", "truthful": "open"}


@pytest.mark.parametrize("trust", [0.0, DEFAULT.vague_from - 0.01, DEFAULT.vague_from, 0.5,
                                   DEFAULT.truthful_from - 0.01, DEFAULT.truthful_from, 1.0])
def test_the_persona_says_how_open_the_answers_will_be(trust: float) -> None:
    scenario, _ = load_scenario(SCENARIO)
    ka = scenario.key_accounts[0].model_copy(update={"trust": trust})
    line = persona_line(scenario, ka)
    expected = persona_words().openness[SAYS[quality_for(trust)]]  # type: ignore[index]
    assert expected.en in line.en and expected.zh in line.zh


def test_a_scenario_that_moves_the_thresholds_moves_the_persona_with_them() -> None:
    """One rule, one place: the briefing's openness follows the scenario's own answer rules."""
    scenario, _ = load_scenario(SCENARIO)
    answers = scenario.negotiation.answers.model_copy(update={"truthful_from": 0.9})
    negotiation = scenario.negotiation.model_copy(update={"answers": answers})
    strict = scenario.model_copy(update={"negotiation": negotiation})
    ka = scenario.key_accounts[0].model_copy(update={"trust": 0.7})
    assert quality_for(0.7, answers) == "vague"
    line = persona_line(strict, ka)
    assert persona_words().openness["general"].en in line.en  # type: ignore[index]
