"""The persona's openness says how the customer will answer: guarded where it refuses, general
where it answers vaguely, open where it answers truthfully, at the same trust thresholds."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.negotiation.questions import TRUTHFUL_FROM, VAGUE_FROM, quality_for
from game.scenario.loader import load_scenario
from game.scenario.persona_text import persona_line
from game.scenario.persona_words import persona_words

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "key-account-deals.yaml"
SAYS = {"refused": "guarded", "vague": "general", "truthful": "open"}


@pytest.mark.parametrize("trust", [0.0, VAGUE_FROM - 0.01, VAGUE_FROM, 0.5, TRUTHFUL_FROM - 0.01,
                                   TRUTHFUL_FROM, 1.0])
def test_the_persona_says_how_open_the_answers_will_be(trust: float) -> None:
    scenario, _ = load_scenario(SCENARIO)
    ka = scenario.key_accounts[0].model_copy(update={"trust": trust})
    line = persona_line(scenario, ka)
    expected = persona_words().openness[SAYS[quality_for(trust)]]  # type: ignore[index]
    assert expected.en in line.en and expected.zh in line.zh
