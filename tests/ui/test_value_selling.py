"""Selling value in the negotiation room: the aspect is chosen from the issues on the table, the
customer's reaction is spoken in the exchange, and the answer to a price objection is offered only
while the customer's counter pushed the price down."""

from __future__ import annotations

import re

import pytest

from game.engine.actions import PresentValue
from tests.ui.test_counter_trades import open_talks
from tests.ui.test_customer_speech import _text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_present_value_and_answer_a_price_objection_through_the_window(make_app, lang):
    d, account = open_talks(make_app, "T-105", lang)
    app = d.app
    weights = app.play.game.sessions[account].customer.weights  # the test may peek; the screen not
    top = max((k for k in weights if k != "price"), key=lambda k: weights[k])
    assert not d.find("#answer_objection").is_enabled  # no counter yet, so no objection
    before = len(app.play.game.actions)
    d.perform(PresentValue(account=account, aspect=top))  # choose the aspect, press the button
    assert len(app.play.game.actions) == before + 1
    d.pump(2)
    said = [e for e in app.play.game.events if e.kind == "value_presented"]
    assert [(e.payload["aspect"], e.payload["reply"]) for e in said] == [(top, "interested")]
    spoken = _text(d, "#exchange")
    if lang == "zh":  # the box breaks Chinese lines anywhere
        assert "这正是我们最看重的" in re.sub(r"\s", "", spoken)
    else:
        assert "exactly what matters to us" in re.sub(r"\s+", " ", spoken)
    for _ in range(4):  # offers until the customer's counter pushes the price down
        if app.view.account(account).negotiation.objection:
            break
        d.click("#send_offer")
        d.pump(2)
    assert app.view.account(account).negotiation.objection
    assert d.find("#answer_objection").is_enabled
    d.click("#answer_objection")
    d.pump(2)
    answered = [e for e in app.play.game.events if e.kind == "value_presented"]
    assert answered[-1].payload["answer_objection"] is True
    assert not app.view.account(account).negotiation.objection
    assert not d.find("#answer_objection").is_enabled
