"""Applying the plan decides it for the round: the trainee who goes over last round's plan and
keeps parts of it gets them counted as decided, as a bot that sets them again does, and a later
press in the same round sends only what changed."""

from __future__ import annotations

from typing import Any

from game.assessment.indicators import INDICATORS
from game.engine.actions import EndPhase
from game.engine.phases import Phase
from game.ui.script import Driver
from tests.ui.test_profit import started, to_phase

PARTS = ("forecast_set", "price_set", "channel_set", "effort_allocated")


def _planning_kinds(app: Any, round_no: int) -> set[str]:
    return {e.kind for e in app.play.game.events
            if e.round == round_no and e.phase == "planning" and e.kind in PARTS}


def test_a_plan_kept_and_applied_counts_as_decided_and_a_second_press_sends_only_changes(
        make_app: Any) -> None:
    d: Driver = started(make_app)
    app = d.app
    to_phase(d, Phase.PLANNING, round_no=2)  # the expert planned round 1; its plan is in force
    plan = app.view.plan
    assert plan.forecast is not None and any(plan.effort_shares.values())
    assert not _planning_kinds(app, 2)
    d.click("#apply_plan")  # nothing moved: the plan on screen is the one in force
    assert _planning_kinds(app, 2) == set(PARTS)
    kept = app.view.plan
    assert kept.discounts == plan.discounts and kept.channels == plan.channels
    assert kept.effort_shares == plan.effort_shares  # kept exactly, not rounded to the percent
    assert app.status[1] == "good"
    actions = len(app.play.game.actions)
    d.click("#apply_plan")
    assert len(app.play.game.actions) == actions
    assert app.status == (app.strings.t("planning.nothing_changed"), "info")
    d.slide("#discount_smb", 7)
    d.click("#apply_plan")
    assert len(app.play.game.actions) == actions + 1 and app.view.plan.discounts["smb"] == 0.07
    assert app.play.apply(EndPhase()).accepted
    game = app.play.game
    reviewed = INDICATORS["plan_reviewed"].fn(game.events, game.scenario, {})
    assert reviewed.facts == {"rounds": 2, "complete": 2}  # the kept plan is a complete one
