"""The Chinese interface speaks Chinese: the options a rep picks in the negotiation room (user
training "none / one-day / full-programme") and the catalog's wording carry no English words
beyond key names and fixed codes."""

from __future__ import annotations

import json
import re

from game.engine.phases import Phase
from game.scenario.loader import load_scenario
from game.ui.i18n import I18N_DIR
from game.ui.script import Driver
from tests.conftest import ROOT
from tests.ui.test_phase_end_warnings import _to
from tests.ui.test_window import start_game

# Words a Chinese interface may keep: keys on the keyboard, courseware section codes, credit
# ratings, file formats and the YAML literals a scenario author types, the scenarios folder.
ALLOWED = {"Enter", "Esc", "Ctrl", "CW", "AAA", "CCC", "UTF", "NUL", "YAML", "true", "false",
           "null", "scenarios"}


def _latin_words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]{2,}", re.sub(r"\{[^}]*\}", "", text)))


def test_the_chinese_catalog_has_no_english_words_beyond_keys_and_codes() -> None:
    zh = json.loads((I18N_DIR / "zh.json").read_text(encoding="utf-8"))
    english = {key: sorted(_latin_words(text) - ALLOWED) for key, text in zh.items()}
    assert {key: words for key, words in english.items() if words} == {}


def test_the_training_options_read_in_chinese_in_the_negotiation_room(make_app, monkeypatch):
    import game.ui.window as window_module

    scenario, _ = load_scenario(ROOT / "scenarios" / "key-account-deals.yaml")
    scenario = scenario.model_copy(update={"dilemmas": []})  # no conduct dialog over the room
    monkeypatch.setattr(window_module, "load_scenario", lambda path: (scenario, "sha"))
    d = Driver(make_app(lang="zh"))
    start_game(d, "T-101", lang="zh")
    _to(d.app, Phase.NEGOTIATION)
    d.pump(2)
    account = d.app.view.opportunities[0]
    d.click(f"#pursue_{account}")
    d.pump(3)
    shown = [label for label, _ in d.find("#issue_training").options_list]
    assert len(shown) == 3
    assert all(not _latin_words(label) for label in shown), shown
