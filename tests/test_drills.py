"""The drills: one short scenario per courseware section, each validating and linting clean, and
every improvement-plan behaviour names one of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.assessment.coaching_content import load_coaching_content
from game.scenario.loader import load_scenario
from game.trainer.courseware import courseware_sections
from game.trainer.lint import check_file

DRILLS = sorted((Path(__file__).resolve().parents[1] / "scenarios" / "drills").glob("*.yaml"))
SECTIONS = {  # the courseware sections a drill must cover, and a CW ID each must cite
    "drill-customer-analysis": "CW-11",
    "drill-forecasting": "CW-21",
    "drill-negotiation": "CW-30",
    "drill-contract-credit": "CW-50",
    "drill-complaints-delivery": "CW-43",
    "drill-risk": "CW-50",
    "drill-key-account": "CW-41",
    "drill-ethics": "CW-63",
}
MAX_ROUNDS = 2  # a drill is 10-15 minutes of play


def test_there_is_a_drill_for_every_section():
    assert {p.stem for p in DRILLS} >= set(SECTIONS)


@pytest.mark.parametrize("path", DRILLS, ids=lambda p: p.stem)
def test_a_drill_validates_and_lints_without_a_problem(path):
    assert check_file(path) == []
    drill, _ = load_scenario(path)
    assert drill.id == path.stem
    assert drill.rounds <= MAX_ROUNDS
    sections = courseware_sections()
    assert drill.courseware and all(cw in sections for cw in drill.courseware)
    if drill.id in SECTIONS:
        assert SECTIONS[drill.id] in drill.courseware
    for text in (drill.title, drill.briefing):
        assert text.en.strip() and text.zh.strip() and text.en != text.zh


def test_every_plan_behaviour_names_a_drill_that_exists():
    ids = {p.stem for p in DRILLS}
    for behaviour, spec in load_coaching_content().behaviours.items():
        assert spec.drill in ids, behaviour


@pytest.mark.parametrize("path", DRILLS, ids=lambda p: p.stem)
def test_every_bot_plays_every_drill_to_its_end(path):
    """A drill may lack what a whole case has (no key account, one round): every player, the
    random one too, plays it to the end from the trainee view without an error."""
    from game.bots.base import play
    from game.bots.registry import BOTS, make_bot
    from game.engine.game import Game

    scenario, _ = load_scenario(path)
    for name in sorted(BOTS):
        game = Game(scenario, seed=3)
        play(game, make_bot(name, 3))
        assert game.over, name
