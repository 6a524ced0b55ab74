"""The contract card says when the units arrive, as the engine schedules them: equal weekly lots
from the week after signing to the contract's last week, not "within" the negotiated lead time."""

from __future__ import annotations

import re

import pytest

from game.engine.actions import SignContract
from game.engine.phases import Phase
from game.ui.script import Driver
from tests.ui.test_phase_end_warnings import _agree, _to
from tests.ui.test_window import start_game


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_card_names_the_delivery_weeks_the_engine_schedules(make_app, lang):
    d = Driver(make_app(lang=lang))
    start_game(d, "T-093", lang=lang)
    app = d.app
    _to(app, Phase.NEGOTIATION)
    account = _agree(app)
    _to(app, Phase.CONTRACT)
    d.pump(2)
    shown = [int(n) for n in re.findall(r"\d+", d.find(f"#schedule_{account}").text)]
    first, last = shown[0], shown[1]
    assert app.play.apply(SignContract(account=account)).accepted
    contract = app.play.game.accounts[account].contract  # the engine's own schedule
    assert contract is not None
    # weeks counted from 1: week k has run once k weeks have run
    assert contract.due_by(first - 2) == 0 < contract.due_by(first - 1)
    assert contract.due_by(last - 2) < contract.units == pytest.approx(contract.due_by(last - 1))
    assert shown[2] == last - first + 1
    app.refresh(force=True)
    d.pump(2)
    signed = [int(n) for n in re.findall(r"\d+", d.find(f"#schedule_{account}").text)]
    assert signed == shown  # signing now keeps the schedule the card promised
