"""A usage error is told in the reader's language (``--lang`` as written, else the locale):
argparse's own messages and the commands' argument checks, one line and a hint, exit 2."""

from __future__ import annotations

import json
import re
import string

import pytest

from game.cli import main
from game.commands.usage import TEXT_FILE, translated

TEXT = json.loads(TEXT_FILE.read_text(encoding="utf-8"))
CJK = re.compile(r"[\u4e00-\u9fff]")

BAD = [  # command lines a person might mistype, each refused by a different check
    ["simulate"],
    ["simulate", "x.yaml", "--bot"],
    ["simulate", "x.yaml", "--seed", "abc"],
    ["simulate", "x.yaml", "--seed", "-3"],
    ["simulate", "x.yaml", "--bot", "nobody"],
    ["lab", "x.yaml", "--runs", "abc"],
    ["report"],
    ["report", "--trainee", "a", "--cohort", "all"],
    ["nosuch"],
    ["simulate", "x.yaml", "--frob"],
    ["play", "--size", "big"],
]


@pytest.fixture(autouse=True)
def english_locale(monkeypatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_each_pattern_fills_its_chinese_from_its_own_groups() -> None:
    for pattern in TEXT["patterns"]:
        assert CJK.search(pattern["zh"]), pattern
        assert fields(pattern["zh"]) <= set(re.compile(pattern["en"]).groupindex), pattern
    for key in ("frame", "argument"):
        assert fields(TEXT[key]["zh"]) == fields(TEXT[key]["en"]) and CJK.search(TEXT[key]["zh"])


@pytest.mark.parametrize("words", BAD, ids=lambda w: " ".join(w))
def test_a_usage_error_reads_in_chinese_with_lang_zh(words, capsys) -> None:
    assert main([*words, "--lang", "zh"]) == 2
    told = capsys.readouterr().err.splitlines()
    assert len(told) == 2 and told[1].startswith("  提示：python main.py")
    head = told[0]
    assert "：错误：" in head and "error" not in head
    # what argparse said is translated, not left in English inside the Chinese frame
    assert not re.search(r"\b(the|is|not|of|argument|invalid|expected|unknown)\b", head), head


@pytest.mark.parametrize("words", BAD[:3], ids=lambda w: " ".join(w))
def test_english_stays_as_argparse_words_it(words, capsys) -> None:
    assert main(words) == 2
    told = capsys.readouterr().err.splitlines()
    assert ": error: " in told[0] and told[1].startswith("  hint: python main.py")
    assert not CJK.search("\n".join(told))


def test_a_chinese_locale_is_enough(monkeypatch, capsys) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["simulate"]) == 2
    assert capsys.readouterr().err.startswith("python main.py simulate：错误：缺少必需的参数：scenario")


def test_a_message_no_pattern_knows_keeps_its_words_in_the_chinese_frame() -> None:
    assert translated("something new happened", "zh") == "something new happened"
    assert translated("argument --x: something new", "zh") == "参数 --x：something new"
