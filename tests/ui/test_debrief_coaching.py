"""The debrief's coaching tab, clicked as a trainee would: per competency what good looks like and
the courseware point behind it, the occasions missed with their week, and the improvement plan."""

from __future__ import annotations

import html
import re

import pytest

from game.assessment.coaching_content import load_coaching_content
from game.bots.registry import make_bot
from game.engine.actions import EndPhase
from game.ui.script import Driver
from tests.ui.test_window import start_game


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_coaching_tab_teaches_why_with_the_plan(make_app, lang):
    d = Driver(make_app(lang=lang))
    start_game(d, "T-102", lang=lang)
    app = d.app
    bot = make_bot("novice", 3)
    while not app.play.game.over:
        if not app.play.apply(bot.next_action(app.play.game.view())).accepted:
            assert app.play.apply(EndPhase()).accepted
    app.refresh(force=True)
    d.pump(2)
    d.click("#debrief_coaching")
    d.pump(2)
    shown = d.find("#coaching_text").html_text.replace("<br>", "")
    plain = html.unescape(re.sub(r"<[^>]+>", "", shown))
    text = plain.replace(" ", "")  # the wrapped lines joined again

    def said(words: str) -> bool:
        return words.replace(" ", "") in text
    coaching = app.play.coaching()
    assert coaching is not None
    heads = load_coaching_content().headings
    for key in ("competencies", "occasions", "plan"):
        assert said(heads[key].pick(lang).format())
    for comp in coaching.competencies:
        assert said(comp.name.pick(lang))
        for ind in comp.indicators:
            assert said(ind.point.cw)  # the courseware point behind each indicator
    for occasion in coaching.occasions[:3]:
        assert said(occasion.text.pick(lang))
    for item in coaching.plan:
        assert said(item.text.pick(lang)) and said(item.drill)
    if lang == "zh":
        assert not re.search(r"[A-Za-z]{3,} [A-Za-z]{3,}", plain)  # no English sentence
