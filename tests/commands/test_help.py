"""``--help`` speaks the reader's language: every help line of every command has its Chinese,
the Chinese help fits the terminal by columns, and ``play`` is the default command also when
the command line starts with an option or a scenario file."""

from __future__ import annotations

import argparse
import json
import re

import pytest

from game.cli import build_parser, main, played
from game.commands.help import TEXT_FILE
from game.text.linebreak import columns

ENTRIES = json.loads(TEXT_FILE.read_text(encoding="utf-8"))["help"]
CJK = re.compile(r"[\u4e00-\u9fff]")
WIDTH = 80


@pytest.fixture(autouse=True)
def english_locale_and_width(monkeypatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("COLUMNS", str(WIDTH))


def parsers() -> dict[str, argparse.ArgumentParser]:
    """Every parser of the command line by the words that reach it ("" for the top one)."""
    found: dict[str, argparse.ArgumentParser] = {}

    def walk(parser: argparse.ArgumentParser, words: str) -> None:
        found[words] = parser
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, inner in action.choices.items():
                    walk(inner, f"{words} {name}".strip())

    walk(build_parser(), "")
    return found


def help_texts(parser: argparse.ArgumentParser) -> list[str]:
    texts = [parser.description] if parser.description else []
    for action in parser._actions:
        if action.help != argparse.SUPPRESS:
            texts.append(action.help)
        if isinstance(action, argparse._SubParsersAction):
            texts += [choice.help for choice in action._choices_actions]
    return texts


def test_every_argument_of_every_command_says_what_it_is_for() -> None:
    for words, parser in parsers().items():
        for action in parser._actions:
            assert action.help, f"python main.py {words}: {action.option_strings or action.dest}"


def test_every_help_line_has_its_chinese_and_the_file_holds_no_line_no_command_says() -> None:
    said = {text for parser in parsers().values() for text in help_texts(parser)}
    told = {entry["en"] for entry in ENTRIES}
    assert said - told == set()
    assert told - said == set()
    assert len(told) == len(ENTRIES)  # each line once
    for entry in ENTRIES:
        assert CJK.search(entry["zh"]), entry


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("words", sorted(parsers()), ids=lambda w: w or "main")
def test_help_in_chinese_tells_every_line_and_fits_the_terminal(words, capsys) -> None:
    assert main([*words.split(), "--help", "--lang", "zh"]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith("用法：python main.py")
    zh = {entry["en"]: entry["zh"] for entry in ENTRIES}
    for text in help_texts(parsers()[words]):
        assert flat(zh[text]) in flat(shown), text  # wrapped, but whole and in Chinese
    assert "show this help" not in shown and "positional arguments" not in shown
    for line in shown.splitlines():
        # a line longer than the terminal is only a usage word or an option that cannot break
        assert columns(line) <= WIDTH or not CJK.search(line), line
    # the usage's further lines start under its first word after the prefix's columns
    usage = shown.split("\n\n")[0].splitlines()
    if len(usage) > 1:
        prog = "用法：python main.py " + words + (" " if words else "")
        assert columns(prog) <= len(usage[1]) - len(usage[1].lstrip()) + 1


def test_help_in_english_is_argparse_s_own(capsys) -> None:
    assert main(["simulate", "--help"]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith("usage: python main.py simulate")
    assert "positional arguments:" in shown and "show this help message and exit" in shown
    assert not CJK.search(shown)


def test_lang_before_the_command_is_the_command_s_language(tmp_path, capsys) -> None:
    assert main(["--lang", "zh", "sessions", "--data-dir", str(tmp_path)]) == 1
    assert "还没有任何记录" in capsys.readouterr().err
    assert main(["--lang", "zh", "--help"]) == 0
    assert "销售道场" in capsys.readouterr().out
    # a usage error found by a command's own parser still hears the --lang before it
    assert main(["--lang", "zh", "class", "new", "x.yaml"]) == 2
    assert "缺少必需的参数：--roster, --out" in capsys.readouterr().err
    assert main(["class", "--lang", "zh"]) == 2
    assert "缺少必需的参数：STEP" in capsys.readouterr().err


COMMANDS = {"play", "simulate", "lab", "sessions"}


@pytest.mark.parametrize(("argv", "expected"), [
    ([], ["play"]),
    (["--lang", "zh"], ["play", "--lang", "zh"]),
    (["--lang=zh", "--resume"], ["play", "--lang=zh", "--resume"]),
    (["scenarios/x.yaml", "--mode", "assessment"], ["play", "scenarios/x.yaml", "--mode", "assessment"]),
    (["x.yml"], ["play", "x.yml"]),
    (["simulte", "x.yaml"], ["simulte", "x.yaml"]),  # a misspelt command stays one
    (["lab", "x.yaml"], ["lab", "x.yaml"]),
    (["--lang", "zh", "lab", "x.yaml"], ["--lang", "zh", "lab", "x.yaml"]),
    (["--help"], ["--help"]),
])
def test_play_is_the_command_when_the_words_name_none(argv, expected) -> None:
    assert played(argv, COMMANDS) == expected


def test_a_misspelt_command_is_told_as_one(capsys) -> None:
    assert main(["simulte", "x.yaml", "--lang", "zh"]) == 2
    assert "无效的选项 'simulte'" in capsys.readouterr().err
