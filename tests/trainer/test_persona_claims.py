"""A key account's words agree with its hidden preferences: no shipped or drill persona (generated ones: tests/trainer/test_generate.py)
names an option its values rank well below its favourite; one that does is found."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario.loader import load_scenario, load_scenario_text
from game.trainer.persona_claims import contradictions

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted([*ROOT.glob("scenarios/*.yaml"), *ROOT.glob("scenarios/drills/*.yaml")])


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_no_shipped_persona_contradicts_its_preferences(path: Path) -> None:
    scenario, _ = load_scenario(path)
    assert list(contradictions(scenario)) == []


def test_words_that_ask_for_what_the_values_rank_low_are_found() -> None:
    text = (ROOT / "scenarios" / "east-china-territory.yaml").read_text(encoding="utf-8")
    line = next(li for li in text.splitlines() if "values: {service: [1.0, 0.9, 0.8]}" in li)
    scenario = load_scenario_text(text.replace(line + "\n", ""), "east-china.yaml")
    [found] = list(contradictions(scenario))
    account = scenario.key_accounts[found.account]
    assert account.id == "jinling-mfg" and found.field == "needs"
    assert (found.issue, found.stated, found.favourite) == ("service", "basic", "premium")
