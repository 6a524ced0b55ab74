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


def _refusal(tmp_path, words: list[str], capsys) -> str:
    from game.cli import main

    assert main([*words, "--lang", "zh"]) in (1, 2)
    return capsys.readouterr().err


def test_a_file_that_is_not_records_is_refused_in_chinese(tmp_path, capsys) -> None:
    """What a person most often hands the records commands by mistake — another file as a
    backup, a records folder holding a foreign database, a cohort filter with a typo — is
    told in the language asked for, with its hint."""
    other = tmp_path / "notes.txt"
    other.write_text("not a database\n", encoding="utf-8")
    told = _refusal(tmp_path, ["restore", str(other), "--data-dir", str(tmp_path / "r")], capsys)
    assert told.startswith(f"{other}：错误：这个文件不是 SQLite 数据库") and "提示：" in told
    import sqlite3

    foreign = tmp_path / "foreign"
    foreign.mkdir()
    conn = sqlite3.connect(foreign / "records.sqlite3")
    conn.execute("PRAGMA application_id = 42")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    told = _refusal(tmp_path, ["sessions", "--data-dir", str(foreign)], capsys)
    assert "错误：这是另一个程序的 SQLite 数据库（application_id 0x0000002a）" in told
    assert "提示：文件未做任何改动" in told
    from game.records.cohort import CohortFilter

    with pytest.raises(RecordsError) as caught:
        CohortFilter.parse("mode")
    assert caught.value.text("zh").startswith("错误：无法识别筛选条件“mode”")
    assert "可用的键：scenario" in caught.value.text("zh")
