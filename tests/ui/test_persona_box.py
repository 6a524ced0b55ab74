"""The persona box reads as the scenario wrote it: the window shows exactly the lines our line
breaker made (no second wrap that strands a word), and no paragraph ends on one lone character."""

from __future__ import annotations

import html

import pytest

from game.engine.phases import Phase
from game.text.linebreak import is_wide, segments
from game.ui.script import Driver
from tests.ui.test_phase_end_warnings import _to
from tests.ui.test_window import start_game


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_persona_lines_are_ours_and_no_paragraph_ends_on_a_lone_character(make_app, lang):
    d = Driver(make_app(lang=lang))
    start_game(d, "T-094", lang=lang)
    app = d.app
    _to(app, Phase.NEGOTIATION)
    for account in [a.id for a in app.view.accounts if a.opportunity_round <= app.view.round]:
        app.screen.account = account
        app.refresh(force=True)
        d.pump(2)
        box = d.find("#persona")
        lines = [html.unescape(line) for line in box.html_text.split("\n")]
        assert len(box.text_box_layout.layout_rows) == len(lines)  # shown as wrapped, not re-wrapped
        paragraphs: list[list[str]] = [[]]
        for line in lines:
            if line:
                paragraphs[-1].append(line)
            else:
                paragraphs.append([])
        for para in paragraphs:
            if len(para) > 1:
                last = para[-1]
                orphan = len(last) <= 2 and is_wide(last[0]) and len(segments(last)) == 1
                assert not orphan, para


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_account_card_shows_the_persona_line_and_needs_the_game_wrote(make_app, lang):
    """The shipped accounts are structured: the card shows the persona line and the needs the
    brief carries (written from the tactic, trust and preferences), in the window's language."""
    d = Driver(make_app(lang=lang))
    start_game(d, "T-095", lang=lang)
    app = d.app
    _to(app, Phase.NEGOTIATION)
    joiner = "" if lang == "zh" else " "
    for brief in app.view.brief.key_accounts:
        if brief.opportunity_round > app.view.round:
            continue
        d.click(f"#account_{brief.id}")
        d.pump(2)
        shown = joiner.join(html.unescape(line) for line in d.find("#persona").html_text.split("\n"))
        for text in (brief.persona.pick(lang), brief.needs.pick(lang)):
            assert joiner.join(text.split()) in shown
        assert ("最看重的是" if lang == "zh" else "matter most") in shown
