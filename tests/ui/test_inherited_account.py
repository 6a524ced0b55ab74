"""An account the rep takes over under contract: the negotiation room says there is no deal to
win and shows the contract in force instead of the deal on the table."""

from __future__ import annotations

import html

import pytest

import game.ui.window as window_module
from game.engine.phases import Phase
from game.ui.script import Driver
from tests.ui.test_phase_end_warnings import _to
from tests.ui.test_window import start_game

TERMS = {"price": 0.05, "volume": 1.0, "delivery_weeks": 4.0, "payment_days": 30.0, "service": "standard"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_room_shows_an_inherited_account_as_ours(make_app, monkeypatch, small_scenario, lang):
    scenario, digest = small_scenario  # what load_scenario returns
    accounts = [ka.model_copy(update={"inherited": dict(TERMS)}) if ka.id == "hx-bank" else ka
                for ka in scenario.key_accounts]
    inheriting = scenario.model_copy(update={"key_accounts": accounts})
    monkeypatch.setattr(window_module, "load_scenario", lambda path: (inheriting, digest))
    d = Driver(make_app(lang=lang))
    start_game(d, "T-096", lang=lang)
    d.pump(2)
    joiner = "" if lang == "zh" else " "
    news = " ".join(joiner.join(html.unescape(x) for x in d.find("#news").html_text.split("\n")).split())
    name = next(ka.name for ka in inheriting.key_accounts if ka.id == "hx-bank").pick(lang)
    assert name in news
    assert ("接手即为你的客户" if lang == "zh" else "Yours from the start") in news
    _to(d.app, Phase.NEGOTIATION)
    d.click("#account_hx-bank")
    d.pump(2)
    persona = "".join(html.unescape(x) for x in d.find("#persona").html_text.split("\n"))
    units = f"{d.app.view.account('hx-bank').contract.units:,}"
    said = html.unescape(d.find("#no_deal").html_text)
    if lang == "zh":
        assert "已是我们的客户" in persona and units in persona and "无需谈判" in said
    else:
        assert "Already our customer" in persona and units in persona
        assert "No deal to negotiate" in said.replace("\n", " ")
    assert not d.exists("#pursue_hx-bank")
