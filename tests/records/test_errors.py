"""The common records errors read in English and Chinese, with the same facts."""

from __future__ import annotations

import json
import re
import string

import pytest

from game.records.errors import TEXT_FILE, RecordsError, StoreError

TEXTS = json.loads(TEXT_FILE.read_text(encoding="utf-8"))
CJK = re.compile(r"[\u4e00-\u9fff]")


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_each_error_has_a_chinese_message_and_hint_naming_no_unknown_fact(key: str) -> None:
    for part in ("message", "hint"):
        en, zh = TEXTS[key][part]["en"], TEXTS[key][part]["zh"]
        assert CJK.search(zh) and not CJK.search(en), (key, part)
        assert fields(zh) <= fields(en), (key, part)


def test_an_error_tells_itself_in_either_language() -> None:
    err = StoreError.said("/data/records.sqlite3", "no_records")
    assert isinstance(err, RecordsError) and err.key == "no_records"
    assert str(err) == err.text("en") == (
        "/data/records.sqlite3: error: there are no records here yet\n"
        "  hint: play or autoplay a game first, or pass the right --data-dir")
    assert err.text("zh") == ("/data/records.sqlite3：错误：这里还没有任何记录\n"
                              "  提示：请先进行一局游戏（或用 autoplay），或用 --data-dir 指定正确的记录文件夹")


def test_an_error_without_a_key_stays_as_written() -> None:
    err = RecordsError("x.json", "something rare", "do this")
    assert err.text("zh") == str(err) == "x.json: error: something rare\n  hint: do this"
