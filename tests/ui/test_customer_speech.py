"""Customers answer in their own words: the exchange quotes what they said, frank or vague, with no
weight tables in it, while "what you have learned" keeps the figures."""

from __future__ import annotations

import html
import re

import pytest

from game.ui.script import Driver
from tests.ui.test_counter_trades import open_talks


def _text(d: Driver, object_id: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", d.find(object_id).html_text.replace("<br>", " ")))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_answers_are_spoken_and_the_figures_stay_in_what_you_learned(make_app, lang):
    d, _ = open_talks(make_app, "T-104", lang)
    app = d.app
    for key in ("1", "2", "3", "4", "5"):  # every question, by its shortcut
        d.key(key)
        d.pump(2)
    answered = [e for e in app.play.game.events if e.kind == "customer_answered"]
    assert len(answered) == 5
    said = _text(d, "#exchange")
    quotes = said.count("“")
    assert quotes >= 5 and quotes == said.count("”")  # each answer quoted as said
    assert "±" not in said  # no weight table in what the customer says
    learned = _text(d, "#learned")
    if any(e.payload.get("quality") != "refused" for e in answered):
        assert "±" in learned  # the figures are kept for the rep to reason with
    if lang == "zh":
        assert re.search(r"“[^”]*[\u4e00-\u9fff][^”]*”", said)
