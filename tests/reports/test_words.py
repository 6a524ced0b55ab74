"""A report's words: one language at a time, flat or dotted keys, names in several languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.reports.words import Words, load_words


@pytest.fixture
def text_file(tmp_path: Path) -> Path:
    path = tmp_path / "words.json"
    path.write_text(json.dumps({
        "title": {"en": "Report of {who}", "zh": "{who}的报告"},
        "tier": {"novice": {"en": "Novice", "zh": "新手"}},
    }, ensure_ascii=False), encoding="utf-8")
    load_words.cache_clear()
    return path


def test_words_by_flat_and_dotted_keys_with_their_facts(text_file):
    en, zh = Words(text_file, "en"), Words(text_file, "zh")
    assert en("title", who="t-001") == "Report of t-001" and zh("title", who="t-001") == "t-001的报告"
    assert zh("tier.novice") == "新手"
    assert en.has("tier.novice") and not en.has("tier.expert") and not en.has("tier")
    with pytest.raises(KeyError):
        en("tier.expert")


def test_an_unknown_language_is_refused(text_file):
    with pytest.raises(ValueError, match="en, zh"):
        Words(text_file, "fr")


def test_a_name_in_several_languages_falls_back_to_english(text_file):
    zh = Words(text_file, "zh")
    assert zh.pick({"en": "Planning", "zh": "计划"}) == "计划"
    assert zh.pick({"en": "Planning"}) == "Planning"
    assert zh.pick({"de": "Planung"}) == "Planung" and zh.pick(None) == ""
