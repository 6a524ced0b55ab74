"""A saved game that cannot be read is told in English or Chinese, with the same facts."""

from __future__ import annotations

import json
import re
import string

import pytest

from game.engine.savegame import ERRORS_FILE, SaveError, read_save

TEXTS = json.loads(ERRORS_FILE.read_text(encoding="utf-8"))
CJK = re.compile(r"[\u4e00-\u9fff]")


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_each_error_reads_in_chinese_with_the_same_facts(key: str) -> None:
    for part in ("message", "hint"):
        en, zh = TEXTS[key][part]["en"], TEXTS[key][part]["zh"]
        assert CJK.search(zh) and not CJK.search(en), (key, part)
        assert fields(zh) == fields(en), (key, part)


def test_a_cut_file_names_its_line_in_either_language(tmp_path) -> None:
    save = tmp_path / "game.jsonl"
    save.write_text('{"type": "header", "format": 1}\n{"type": "act', encoding="utf-8")
    with pytest.raises(SaveError) as caught:
        read_save(save)
    err = caught.value
    assert err.line == 2 and str(err) == err.text("en")
    assert str(err).startswith(f"{save}:2: error: not valid JSON (")
    assert err.text("zh").startswith(f"{save}:2：错误：不是有效的 JSON（第 ")
    assert err.text("zh").endswith("提示：文件可能被截断或改动过；请从备份恢复")


def test_a_file_that_cannot_be_opened_names_the_file_without_a_line(tmp_path) -> None:
    with pytest.raises(SaveError) as caught:
        read_save(tmp_path / "missing.jsonl")
    err = caught.value
    assert str(err).startswith(f"{tmp_path / 'missing.jsonl'}: error: cannot read the saved game")
    assert err.text("zh").startswith(f"{tmp_path / 'missing.jsonl'}：错误：无法读取存档")


@pytest.mark.parametrize("lines, line, key", [
    (['{"type": "action", "action": {"type": "end_phase"}}'], 1, "action_before_header"),
    (['{"type": "header", "format": 1}', '{"type": "action", "action": {"type": "fly"}}'], 2,
     "invalid_action"),
    (['{"type": "header", "format": 1}', '{"type": "note"}'], 2, "unknown_record"),
    (['{"type": "header", "format": 1}', '{"x": 1}'], 2, "untyped_record"),
    (['{"type": "header", "format": 99}'], 1, "format_unsupported"),
])
def test_every_refusal_is_told_in_chinese_too(tmp_path, lines, line: int, key: str) -> None:
    save = tmp_path / "game.jsonl"
    save.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SaveError) as caught:
        read_save(save)
    err = caught.value
    assert (err.key, err.line) == (key, line)
    zh = err.text("zh")
    assert zh.startswith(f"{save}:{line}：错误：") and CJK.search(zh.splitlines()[0])
    assert "提示：" in zh and str(err).startswith(f"{save}:{line}: error: ")
