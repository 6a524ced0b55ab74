"""English drop-downs shorten a long name at a word's end: the interview list showed "Huaxia
Commercial Bank (Sha…", cutting Shanghai in half; every option is now the whole name or whole
words of it followed by '…'."""

from __future__ import annotations

from game.engine.phases import Phase
from game.ui.script import Driver
from tests.ui.test_phase_end_warnings import _to
from tests.ui.test_window import start_game


def test_the_interview_list_cuts_long_account_names_between_words(make_app):
    d = Driver(make_app(lang="en"))
    start_game(d, "T-042", lang="en")
    _to(d.app, Phase.ANALYSIS)
    d.pump(2)
    d.click("#i_account")  # open the list, as the rep does
    d.pump(2)
    names = d.app.names()
    full = [names.account(k.id) for k in d.app.view.brief.key_accounts
            if k.opportunity_round <= d.app.view.round + 1]
    shown = [label for label, _ in d.find("#i_account").options_list]
    assert len(shown) == len(full) and any(s != f for s, f in zip(shown, full, strict=True))
    for label, name in zip(shown, full, strict=True):
        if label != name:
            kept = label.removesuffix("…")
            assert label.endswith("…") and name.startswith(kept)
            assert name[len(kept)] in " ,;:(", (label, name)  # the cut falls between words
