"""Choosing targets: the window tells the trainee what the rubric weighs. Each segment's target
button says what it earned last, how many of its buyers are ours and its potential (revenue x
the share of buyers still to win), and each key account's its yearly volume."""

from __future__ import annotations

import pytest

from game.engine.phases import Phase
from game.ui.script import Driver
from tests.ui.test_phase_end_warnings import _to
from tests.ui.test_window import start_game


def _window_at(make_app, lang: str, trainee: str, phase: Phase) -> Driver:
    """A window in ``lang`` with a new game of the default case, moved on to ``phase``."""
    d = Driver(make_app(lang=lang))
    start_game(d, trainee, lang=lang)
    _to(d.app, phase)
    d.pump(2)
    return d


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_target_buttons_say_what_each_option_is_worth(make_app, lang):
    d = _window_at(make_app, lang, "T-043", Phase.ANALYSIS)
    view = d.app.view
    market = view.brief.market
    assert not view.kpis  # round 1: the figures are the quarter before the rep
    figures = view.history[-1].segments
    for seg in market.segments:
        found = figures[seg.id]
        buyers = round(market.customers * seg.share)
        worth = found.revenue * (1 - found.customers / buyers)
        tip = d.find(f"#target_seg_{seg.id}").tool_tip_text.replace("<br>", "")
        assert f"{found.customers:,}" in tip and f"{buyers:,}" in tip
        assert f"{round(worth):,}" in tip, (worth, tip)
    for ka in view.brief.key_accounts:
        if ka.opportunity_round <= view.round and view.account(ka.id).status == "prospect":
            tip = d.find(f"#target_acc_{ka.id}").tool_tip_text.replace("<br>", "")
            assert f"{ka.volume:,}" in tip


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_plan_says_where_field_time_pays(make_app, lang):
    """Field effort is judged against each segment's potential and the scenario's effort
    response: the planning screen shows both, worked out here from the figures and the brief."""
    d = _window_at(make_app, lang, "T-044", Phase.PLANNING)
    view = d.app.view
    market = view.brief.market
    figures = view.history[-1].segments
    panel = d.find("#channels").html_text.replace("<br>", "")
    assert "0.50" in panel  # the brief's response, 0.5 in the shipped case
    for seg in market.segments:
        found = figures[seg.id]
        worth = found.revenue * (1 - found.customers / round(market.customers * seg.share))
        tip = d.find(f"#effort_value_{seg.id}").tool_tip_text.replace("<br>", "")
        assert f"{round(worth):,}" in tip, (worth, tip)
        assert f"{round(worth):,}" in panel
