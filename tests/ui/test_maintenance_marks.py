"""The maintenance screen marks an account's satisfaction where the scenario's renewal rule makes
it more likely to leave than to renew, and its tip says where that line is."""

from __future__ import annotations

import pytest

import game.ui.window as window_module
from game.engine.phases import Phase
from game.text.numbers import number
from game.ui.script import Driver
from tests.ui.test_inherited_account import TERMS
from tests.ui.test_phase_end_warnings import _to
from tests.ui.test_window import start_game


def marked(make_app, monkeypatch, small_scenario, lang: str, above: bool) -> tuple[bool, str]:
    """Whether the inherited account's satisfaction is marked, with the renewal midpoint set just
    above (or just below) it, and the tip shown on it."""
    scenario, digest = small_scenario
    account = next(ka for ka in scenario.key_accounts if ka.id == "hx-bank")
    satisfaction = account.satisfaction
    midpoint = round(satisfaction + (0.05 if above else -0.05), 2)
    economics = scenario.economics.model_copy(update={
        "accounts": scenario.economics.accounts.model_copy(update={"renewal_midpoint": midpoint})})
    accounts = [ka.model_copy(update={"inherited": dict(TERMS)}) if ka is account else ka
                for ka in scenario.key_accounts]
    changed = scenario.model_copy(update={"key_accounts": accounts, "economics": economics})
    monkeypatch.setattr(window_module, "load_scenario", lambda path: (changed, digest))
    d = Driver(make_app(lang=lang))
    start_game(d, "T-097", lang=lang)
    _to(d.app, Phase.MAINTENANCE)
    d.pump(2)
    shown = d.app.view.account("hx-bank").satisfaction
    assert shown is not None and abs(shown - satisfaction) < 0.05  # the line sits either side
    widget = d.find("#satisfaction_hx-bank")
    tip = widget.tool_tip_text or ""
    assert number(midpoint) in tip
    return "@value_warn" in (widget.class_ids or []), tip


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_satisfaction_is_marked_below_the_scenarios_renewal_midpoint(make_app, monkeypatch,
                                                                     small_scenario, lang):
    below, tip = marked(make_app, monkeypatch, small_scenario, lang, above=True)
    assert below
    assert ("续约" in tip) if lang == "zh" else ("renew" in tip)


def test_satisfaction_above_the_midpoint_is_not_marked(make_app, monkeypatch, small_scenario):
    above, _ = marked(make_app, monkeypatch, small_scenario, "en", above=False)
    assert not above
