"""Every button that takes effort days or money says how much on its face, from the scenario's
data; ending a phase warns when account service will find too few days left (issue: hidden costs).
"""

from __future__ import annotations

import game.ui.window as window_module
from game.engine.actions import MarketResearch, Questionnaire, RunWeeks, SignContract
from game.engine.phases import Phase
from game.ui import fmt
from game.ui.screens.alerts import live_risks
from game.ui.script import Driver
from tests.ui.test_phase_end_warnings import _agree, _said, _to
from tests.ui.test_window import start_game


def _with_effort(scenario, **days: float):
    econ = scenario.economics
    effort = econ.effort.model_copy(update=days)
    return scenario.model_copy(update={"economics": econ.model_copy(update={"effort": effort})})


def test_service_buttons_show_the_days_the_scenario_gives_them(make_app, monkeypatch, small_scenario):
    scenario, sha = small_scenario
    changed = _with_effort(scenario, visit=1.5, upsell=2.0, survey=0.5, credit_check=3.0)
    monkeypatch.setattr(window_module, "load_scenario", lambda path: (changed, sha))
    d = Driver(make_app(lang="en"))
    start_game(d, "T-081", lang="en")
    app = d.app
    _to(app, Phase.NEGOTIATION)
    account = _agree(app)
    _to(app, Phase.CONTRACT)
    d.pump(2)
    assert d.find(f"#credit_check_{account}").text == "Run credit check (3 days)"
    assert app.play.apply(SignContract(account=account)).accepted
    _to(app, Phase.MAINTENANCE)
    d.pump(2)
    assert d.find(f"#visit_{account}").text == "Visit (1.5 days)"
    assert d.find(f"#upsell_{account}").text == "Upsell (2 days)"
    assert d.find("#run_survey").text == "Run survey (0.5 day)"


def test_chinese_buttons_show_days_in_chinese(make_app):
    d = Driver(make_app(lang="zh"))
    start_game(d, "T-082", lang="zh")
    app = d.app
    _to(app, Phase.NEGOTIATION)
    d.pump(2)
    account = app.view.opportunities[0]
    days = app.view.brief.economics.effort.pursue
    assert d.find(f"#pursue_{account}").text == f"开启谈判（{days:g}天）"


def test_risk_responses_show_their_days_and_money(make_app):
    d = Driver(make_app(lang="en"))
    start_game(d, "T-083", lang="en")
    app = d.app
    _to(app, Phase.FULFILMENT)
    live: list = []
    while not live and app.view.week < app.view.round_end_week:
        assert app.play.apply(RunWeeks(weeks=1)).accepted
        live = [r for r in live_risks(app.view) if r.response is None]
    assert live, "no risk warned of or struck in the first round"
    app.refresh(force=True)
    d.pump(2)
    risk = live[0]
    for resp in app.view.brief.risk(risk.risk).responses:
        text = d.find(f"#risk_{risk.id}_{resp.id}").text
        if resp.effort > 0:
            assert f"({resp.effort:g} day" in text
        if resp.cost > 0:
            assert fmt.money(resp.cost) in text


def test_ending_a_phase_with_too_few_days_for_account_service_says_so(make_app):
    d = Driver(make_app(lang="en"))
    start_game(d, "T-084", lang="en")
    app = d.app
    _to(app, Phase.ANALYSIS)
    survey = app.view.brief.economics.effort.survey
    segment = app.view.brief.market.segments[0].id
    while app.view.effort_left >= survey:  # spend the round's days on research
        if not app.play.apply(MarketResearch()).accepted:
            assert app.play.apply(Questionnaire(segment=segment)).accepted
    app.refresh(force=True)
    d.pump(2)
    d.key("RETURN")
    said = _said(app)
    assert "Account service this round needs" in said and f"{survey:g}" in said
    d.key("ESCAPE")
    d.pump(2)
    assert app.play.game.phase == Phase.ANALYSIS


def test_with_days_enough_for_service_the_dialog_does_not_warn(make_app):
    d = Driver(make_app(lang="en"))
    start_game(d, "T-085", lang="en")
    app = d.app
    _to(app, Phase.ANALYSIS)
    d.pump(2)
    d.key("RETURN")
    assert "Account service" not in _said(app)
