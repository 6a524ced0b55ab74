"""The start screen offers the manager track beside the cases and drills: picking a team
scenario describes it, and starting hands the window over to the manager's screens."""

from __future__ import annotations

import re

import pytest

from game.ui.script import Driver
from tests.conftest import ROOT

TEAMS = sorted((ROOT / "scenarios" / "manager").glob("*.yaml"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_teams_are_listed_and_described(make_app, lang, tmp_path):
    d = Driver(make_app(lang=lang))
    d.pump(2)
    assert not d.exists(f"#scenario_{TEAMS[0].stem}")  # the full cases show first
    d.click("#group_team")
    d.pump(2)
    for path in TEAMS:
        assert d.exists(f"#scenario_{path.stem}")
    d.click("#scenario_east-china-team")
    d.pump(2)
    title = d.find("#scenario_title").text
    assert ("华东销售团队" in title) if lang == "zh" else title.startswith("East China team")
    if lang == "zh":
        assert re.search(r"[\u4e00-\u9fff]", d.find("#briefing").html_text)
    import pygame

    d.app.draw(flip=False)
    pygame.image.save(d.app.window, str(tmp_path / f"start-{lang}.png"))


def test_starting_a_team_hands_the_window_to_the_manager_track(make_app):
    d = Driver(make_app(lang="en"))
    d.pump(2)
    d.click("#group_team")
    d.pump(2)
    d.click("#scenario_key-account-team")
    d.pump(2)
    d.click("#start_game")
    assert d.app.handoff is not None and d.app.handoff.endswith("key-account-team.yaml")
    assert not d.app.running
    assert d.app.handoff_size == d.app.window_size  # the team's window opens at this size


def test_a_team_assessment_needs_a_trainee_id_before_the_hand_over(make_app):
    d = Driver(make_app(lang="en", mode="assessment"))
    d.pump(2)
    d.click("#group_team")
    d.pump(2)
    d.click("#scenario_key-account-team")
    d.pump(2)
    d.click("#start_game")
    assert d.app.handoff is None and d.app.running
    assert "trainee ID" in d.app.status[0] and d.app.status[1] == "bad"
