"""Every interface string exists in both languages and every character of it (and of the shipped
scenario's text) is in the font the window draws with: a missing glyph renders as nothing."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pygame
import pytest
from fontTools.ttLib import TTFont
from pydantic import BaseModel

from game.scenario.text import Text
from game.ui import fonts
from game.ui.i18n import LANGUAGES, CatalogError, Strings, load_catalogs

UI = Path(__file__).resolve().parents[2] / "game" / "ui"


@pytest.fixture(scope="module")
def cmaps() -> dict[bool, set[int]]:
    return {bold: set(TTFont(str(fonts.font_file(bold))).getBestCmap()) for bold in (False, True)}


def filled(text: str) -> str:
    fields = {name: "0" for _, name, _, _ in string.Formatter().parse(text) if name}
    return text.format(**fields)


def missing_glyphs(text: str, cmap: set[int]) -> set[str]:
    return {c for c in text if c not in "\n\t" and ord(c) not in cmap}


def scenario_texts(node: object) -> list[Text]:
    """Every Text in a scenario model, however deep."""
    if isinstance(node, Text):
        return [node]
    if isinstance(node, BaseModel):
        return [t for name in type(node).model_fields for t in scenario_texts(getattr(node, name))]
    if isinstance(node, list | tuple):
        return [t for item in node for t in scenario_texts(item)]
    if isinstance(node, dict):
        return [t for item in node.values() for t in scenario_texts(item)]
    return []


def test_both_catalogues_have_the_same_keys_and_placeholders():
    tables = load_catalogs()
    assert set(tables["en"]) == set(tables["zh"])
    assert len(tables["en"]) > 300


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_key_renders_in_the_window_font_without_a_missing_glyph(lang, cmaps):
    pygame.font.init()
    face = pygame.font.Font(str(fonts.font_file()), 14)
    strings = Strings(lang)
    problems = {}
    for key in strings.table:
        text = filled(strings.t(key) if "{" not in strings.table[key] else strings.table[key])
        gone = missing_glyphs(text, cmaps[False]) | missing_glyphs(text, cmaps[True])
        if gone:
            problems[key] = sorted(gone)
        assert face.size(text.replace("\n", " "))[0] > 0 or not text.strip()
    assert not problems, problems


def test_the_shipped_scenario_text_has_every_glyph(shipped, cmaps):
    texts = scenario_texts(shipped)
    assert len(texts) > 40
    problems = {}
    for t in texts:
        for lang in LANGUAGES:
            value = t.pick(lang)
            gone = missing_glyphs(value, cmaps[False])
            if gone:
                problems[value[:30]] = sorted(gone)
    assert not problems, problems


def test_a_glyph_missing_from_the_font_is_caught(cmaps):
    assert missing_glyphs("签约", cmaps[False]) == set()
    assert missing_glyphs("\U0001f600", cmaps[False]) == {"\U0001f600"}  # an emoji is not in it


def test_chinese_strings_are_chinese():
    """No English left in the Chinese interface (shortcut names and ids excepted)."""
    allowed = {"Enter", "Esc", "Ctrl", "CW", "ID", "Boulware", "Conceder", "AAA", "CCC",
               "scenarios",  # a folder name
               "YAML", "UTF", "NUL", "true", "false", "null"}  # what a scenario file is written in
    zh = Strings("zh").table
    for key, text in zh.items():
        bare = re.sub(r"\{[a-z_]+\}", "", text)
        words = set(re.findall(r"[A-Za-z]{3,}", bare)) - allowed
        assert not words, (key, text)


def test_every_key_the_code_asks_for_exists():
    table = Strings("en").table
    used = set()
    for path in UI.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'''(?:\bt|\.t|\.get)\(\s*"([a-z0-9_]+(?:\.[a-z0-9_]+)+)"\s*[,)]''', source))
    assert used, "the scan found no keys"
    assert sorted(used - set(table)) == []


def test_a_catalogue_out_of_step_is_refused(tmp_path):
    (tmp_path / "en.json").write_text(json.dumps({"a.b": "Hello {name}", "a.c": "x"}), encoding="utf-8")
    (tmp_path / "zh.json").write_text(json.dumps({"a.b": "你好"}), encoding="utf-8")
    with pytest.raises(CatalogError) as err:
        load_catalogs(tmp_path)
    assert "zh.json lacks 'a.c'" in str(err.value)
    assert "'a.b' has different placeholders" in str(err.value)
    (tmp_path / "zh.json").write_text(json.dumps({"A b": "x"}), encoding="utf-8")
    with pytest.raises(CatalogError):
        load_catalogs(tmp_path)


def test_weeks_ahead_read_naturally_in_both_languages() -> None:
    from game.ui import fmt
    from game.ui.i18n import Strings

    en, zh = Strings("en").t, Strings("zh").t
    assert [fmt.weeks_ahead(n, en) for n in (0, 1, 3)] == [
        "this week", "in about a week", "in about 3 weeks"]
    assert [fmt.weeks_ahead(n, zh) for n in (0, 1, 3)] == ["本周内发生", "约 1 周后发生", "约 3 周后发生"]
    assert en("risk.warning_in", when=fmt.weeks_ahead(1, en)) == "warning: expected in about a week"
