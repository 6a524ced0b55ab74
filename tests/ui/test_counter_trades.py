"""A customer's counter is told as a trade: what it gives and what it asks, issue by issue."""

from __future__ import annotations

import html
import re

import pytest

from game.engine.actions import Pursue
from game.engine.phases import Phase
from game.ui.script import Driver
from tests.ui.test_phase_end_warnings import _to
from tests.ui.test_window import start_game


def open_talks(make_app, trainee: str, lang: str) -> tuple[Driver, str]:
    """A window in the negotiation room, talks opened with the first opportunity (its id)."""
    d = Driver(make_app(lang=lang))
    start_game(d, trainee, lang=lang)
    app = d.app
    _to(app, Phase.NEGOTIATION)
    account = app.view.opportunities[0]
    assert app.play.apply(Pursue(account=account)).accepted
    app.screen.account = account
    app.refresh(force=True)
    d.pump(2)
    return d, account


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_counter_says_what_the_customer_gives_and_asks(make_app, lang):
    d, account = open_talks(make_app, "T-103", lang)
    app = d.app
    for _ in range(3):  # the standard offer, as a rep clicking Send would make it
        if app.view.account(account).negotiation.status != "open":
            break
        d.click("#send_offer")
        d.pump(2)
    shown = d.find("#exchange").html_text.replace("<br>", "")
    text = html.unescape(re.sub(r"<[^>]+>", "", shown))
    asks = "they ask" if lang == "en" else "对方要求"
    counters = [e for e in app.play.game.events if e.kind == "customer_countered"
                and e.payload.get("account") == account]
    assert counters, "the customer never countered"
    assert asks in text  # a counter wants more than the offer it answers on some issue
    issue_names = [i.name.pick(lang) for i in app.view.brief.issues]
    assert any(f"{name} " in text and "→" in text for name in issue_names)
