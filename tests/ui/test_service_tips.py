"""The tips on the service buttons state the scenario's own rules — how soon an open incident
turns into a late delivery, how fast a complaint's recovery fades, how much an upsell adds —
not numbers of a default world."""

from __future__ import annotations

import pytest

import game.ui.window as window_module
from game.bots.registry import make_bot
from game.engine.actions import EndPhase
from game.engine.phases import Phase
from game.ui.script import Driver
from tests.ui.test_window import start_game

RULES = {"late_after_weeks": 3, "recovery_half_life_weeks": 1.5, "upsell_share": 0.15}
SAID = {"en": {"late": "after 3 weeks", "half": "every 1.5 weeks", "upsell": "15% more"},
        "zh": {"late": "3周后", "half": "每等待1.5周", "upsell": "增加15%"}}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_service_tips_state_the_scenarios_rules(make_app, monkeypatch, small_scenario, lang):
    scenario, digest = small_scenario
    economics = scenario.economics.model_copy(
        update={"accounts": scenario.economics.accounts.model_copy(update=RULES)})
    changed = scenario.model_copy(update={"economics": economics})
    monkeypatch.setattr(window_module, "load_scenario", lambda path: (changed, digest))
    d = Driver(make_app(lang=lang))
    start_game(d, "T-098", lang=lang)
    app = d.app
    game = app.play.recorded
    bot = make_bot("expert", game.seed)
    said = SAID[lang]
    seen: set[str] = set()
    while not game.over and seen != {"inform", "resolve", "upsell"}:
        if game.phase in (Phase.FULFILMENT, Phase.MAINTENANCE):
            app.refresh(force=True)
            d.pump(2)
            view = app.view
            for inc in view.incidents[:2]:
                assert said["late"] in d.find(f"#inform_{inc.id}").tool_tip_text
                seen.add("inform")
            for comp in view.complaints[:2]:
                assert said["half"] in d.find(f"#resolve_{comp.id}").tool_tip_text
                seen.add("resolve")
            if game.phase == Phase.MAINTENANCE:
                for acc in view.accounts:
                    if acc.status == "won" and d.exists(f"#upsell_{acc.id}"):
                        assert said["upsell"] in d.find(f"#upsell_{acc.id}").tool_tip_text
                        seen.add("upsell")
        if not game.apply(bot.next_action(game.view())).accepted:
            assert game.apply(EndPhase()).accepted
    assert seen == {"inform", "resolve", "upsell"}
