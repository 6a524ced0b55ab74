"""The problem-message catalog: every message and hint exists in English and Chinese with the same
placeholders, and nothing outside the catalog can become a problem's text."""

from __future__ import annotations

import re
import string

import pytest

from game.scenario.messages import (
    Entry,
    Param,
    UnknownMessage,
    catalog,
    joined,
    msg,
    placeholders,
    render,
)

CJK = re.compile(r"[\u4e00-\u9fff]")
WORDS = re.compile(r"[A-Za-z]{3,}(?: [A-Za-z]{2,})+")


def _fields(template: str) -> dict[str, str]:
    return {name: spec for _, name, spec, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(catalog()))
def test_every_message_renders_in_both_languages_with_the_same_placeholders(key: str) -> None:
    entry = catalog()[key]
    assert placeholders(entry.en) == placeholders(entry.zh)
    fields = _fields(entry.en)
    params: dict[str, Param] = {
        name: 1234.5 if spec else f"<{name}>" for name, spec in fields.items()
    }
    english, chinese = render(msg(key, **params), "en"), render(msg(key, **params), "zh")
    for name, value in params.items():
        shown = format(value, fields[name]) if fields[name] else str(value)
        assert shown in english and shown in chinese
    if WORDS.search(re.sub(r"\{[^}]*\}|'[^']*'", "", entry.en)):
        assert CJK.search(chinese), f"{key} reads as English in Chinese: {chinese}"


def test_an_unknown_key_is_refused_where_the_message_is_made() -> None:
    with pytest.raises(UnknownMessage):
        msg("E101.no_such_message")


def test_missing_or_extra_parameters_are_refused() -> None:
    with pytest.raises(UnknownMessage):
        msg("E101.unknown_key", key="colour")
    with pytest.raises(UnknownMessage):
        msg("E004.empty", detail="x")


def test_different_placeholders_in_the_two_languages_are_refused() -> None:
    with pytest.raises(ValueError):
        Entry(en="the {total} is wrong", zh="总数错误")


def test_fragments_are_written_in_the_readers_language() -> None:
    hint = msg(
        "E103.expected_hint",
        wanted=joined([msg("expect.number"), msg("expect.text")], "or"),
        got=msg("value.nothing"),
    )
    assert render(hint, "en") == "expected a number or text, got nothing (an empty value)"
    assert render(hint, "zh") == "应为数字 或 文字，实际是 空值（什么也没写）"


def test_numbers_keep_their_format_in_both_languages() -> None:
    big = msg("E002.too_large", limit=2, size=3_500_000)
    assert "3,500,000" in render(big, "en") and "3,500,000" in render(big, "zh")
