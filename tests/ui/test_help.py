"""F1 on every screen explains what it shows and names its courseware sections; the glossary
gives the courseware's terms in the interface language; Esc or F1 closes it, and keys pressed
while it is open never reach the game under it."""

from __future__ import annotations

import re

import pytest

from game.engine.actions import EndPhase
from game.ui.help_content import help_content
from game.ui.script import Driver
from tests.ui.test_window import start_game

CJK = re.compile(r"[\u4e00-\u9fff]")


def _help_text(d: Driver) -> str:
    return d.find("#help_text").html_text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_f1_explains_every_screen_with_its_courseware(make_app, lang):
    d = Driver(make_app(lang=lang))
    d.pump(2)
    seen = set()
    d.key("F1")
    d.pump(2)
    assert "CW-01" in _help_text(d)
    d.key("F1")  # F1 again closes it
    d.pump(2)
    assert d.app.help is None
    start_game(d, "T-101", lang=lang)
    app = d.app
    while not app.view.over:
        key = app.screen_key()
        if key not in seen:
            seen.add(key)
            d.key("F1")
            d.pump(2)
            text = _help_text(d)
            page = help_content().screens[key]
            for cw in page.courseware:
                assert cw in text
            if lang == "zh":
                assert CJK.search(text) and "Courseware" not in text
            phase = app.view.phase
            d.key("RETURN")  # swallowed by the panel: the phase does not end
            d.pump(2)
            assert app.view.phase == phase
            d.key("ESCAPE")
            d.pump(2)
            assert app.help is None
        assert app.play.apply(EndPhase()).accepted
        app.refresh(force=True)
        d.pump(1)
    assert seen >= {"briefing", "analysis", "planning", "negotiation", "contract", "fulfilment",
                    "maintenance", "risk", "review"}
    d.key("F1")
    d.pump(2)
    assert "CW-61" in _help_text(d)  # the debrief's


def test_the_glossary_gives_every_term_in_the_interface_language(make_app):
    d = Driver(make_app(lang="zh"))
    d.pump(2)
    d.key("F1")
    d.pump(2)
    d.click("#help_glossary")
    d.pump(2)
    text = _help_text(d)
    for entry in help_content().glossary:
        assert entry.term.zh in text.replace("&lt;", "<").replace("&gt;", ">")
        assert entry.courseware in text
    d.click("#help_close")
    d.pump(2)
    assert d.app.help is None


def test_every_screen_of_the_window_has_help_and_every_cited_section_a_name():
    from game.ui.i18n import Strings

    content = help_content()
    assert set(content.screens) >= {"start", "briefing", "analysis", "planning", "negotiation", "contract",
                                    "fulfilment", "maintenance", "risk", "review", "debrief"}
    cited = {cw for page in content.screens.values() for cw in page.courseware}
    cited |= {entry.courseware for entry in content.glossary}
    for lang in ("zh", "en"):
        strings = Strings(lang)
        missing = [cw for cw in cited if "cw." + cw.lower().replace("-", "_") not in strings.table]
        assert missing == []
