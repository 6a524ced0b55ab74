"""One way for every command to speak: the catalog of messages and how a result is printed."""

from __future__ import annotations

import argparse
import json
import re
import string
from pathlib import Path

import pytest

from game.commands.output import (
    RESERVED,
    TEXT_FILE,
    CliWords,
    CommandError,
    Result,
    add_output_args,
    command,
    emit,
)
from game.text.linebreak import align

GAME = Path(__file__).resolve().parents[2] / "game"
CJK = re.compile(r"[\u4e00-\u9fff]")
OWNED_ELSEWHERE = {"validate"}  # its --lang and catalog are its own


def leaves(node: dict, prefix: str = "") -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for key, value in node.items():
        if set(value) == {"en", "zh"} and all(isinstance(v, str) for v in value.values()):
            out[prefix + key] = value
        else:
            out.update(leaves(value, f"{prefix}{key}."))
    return out


CATALOG = leaves(json.loads(TEXT_FILE.read_text(encoding="utf-8")))


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_every_message_reads_in_both_languages_with_the_same_facts(key: str) -> None:
    en, zh = CATALOG[key]["en"], CATALOG[key]["zh"]
    assert fields(en) == fields(zh), key
    assert not CJK.search(en), key
    if re.search(r"[a-z]{3,} [a-z]{3,}", en.replace("{", " {")):  # a sentence, not a column name
        assert CJK.search(zh), f"{key} is not translated: {zh}"


def test_every_key_the_commands_say_is_in_the_catalog() -> None:
    said = re.compile(r"""(?:say|warn|problem|CommandError|\bt)\(\s*"([a-z_]+(?:\.[a-z_]+)+)\"""")
    sources = [GAME / "cli.py", *sorted((GAME / "commands").glob("*.py"))]
    used = {key for path in sources if path.stem not in OWNED_ELSEWHERE
            for key in said.findall(path.read_text(encoding="utf-8"))}
    assert len(used) > 40
    assert sorted(used - set(CATALOG)) == []


def test_the_catalog_is_sorted_with_one_message_a_line() -> None:
    lines = TEXT_FILE.read_text(encoding="utf-8").splitlines()
    for line in lines:
        if '"en":' in line:
            assert line.rstrip(",").endswith("}"), line
    data = json.loads(TEXT_FILE.read_text(encoding="utf-8"))

    def check(node: dict) -> None:
        assert list(node) == sorted(node)
        for value in node.values():
            if "en" not in value:
                check(value)

    check(data)


def args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_output_args(parser)
    return parser.parse_args(list(argv))


def test_text_mode_prints_information_on_stdout_and_warnings_on_stderr(capsys) -> None:
    result = Result({"n": 1}, body="a table").say("schema.wrote", path="x.json")
    result.warn("variant.no_variation", path="s.yaml")
    assert emit("schema", result, args("--lang", "en")) == 0
    out, err = capsys.readouterr()
    assert out == "a table\nwrote x.json\n"
    assert err.startswith("warning: s.yaml declares no 'variation' block")


def test_json_mode_prints_one_document_and_nothing_else_on_stdout(capsys) -> None:
    result = Result({"written": ["x.json"]}, body="not for tools").say("schema.wrote", path="x.json")
    result.problem("schema.stale", path="y.json")
    assert emit("schema", result, args("--json", "--lang", "zh")) == 1
    out, err = capsys.readouterr()
    document = json.loads(out)
    assert set(RESERVED) <= set(document) and document["ok"] is False
    assert document["written"] == ["x.json"] and "not for tools" not in out
    assert [m["key"] for m in document["messages"]] == ["schema.wrote", "schema.stale"]
    assert document["messages"][0]["text"] == "已写入 x.json"  # UTF-8, not \\u escapes
    assert err.strip() == "y.json：已过期，请运行 python main.py schema --docs"


def test_a_command_may_not_hide_the_shared_keys() -> None:
    with pytest.raises(ValueError, match="ok"):
        emit("x", Result({"ok": 1}), args("--json"))


def test_a_usage_error_is_one_message_on_stderr_and_no_document(capsys) -> None:
    @command("lab")
    def refuse(_: argparse.Namespace) -> Result:
        raise CommandError("lab.runs_too_few")

    assert refuse(args("--json", "--lang", "en")) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == "error: --runs must be at least 2 (test-retest pairs two seeds)\n"


def test_a_problem_found_is_a_document_with_ok_false_and_exit_1(capsys) -> None:
    from game.records.errors import RecordsError

    @command("restore")
    def missing(_: argparse.Namespace) -> Result:
        raise RecordsError("b.sqlite", "there is no such file", "check the path")

    assert missing(args("--json")) == 1
    out, err = capsys.readouterr()
    document = json.loads(out)
    assert document["ok"] is False and document["messages"][0]["params"]["where"] == "b.sqlite"
    assert err == "b.sqlite: error: there is no such file\n  hint: check the path\n"


def test_lang_defaults_from_the_locale(monkeypatch) -> None:
    from game.commands.output import lang_of

    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert lang_of(args()) == "zh"
    assert lang_of(args("--lang", "en")) == "en"


def test_columns_line_up_with_chinese_headings() -> None:
    assert align("收入", 6) == "  收入" and align("revenue", 9) == "  revenue"
    assert align("胜任力", 8, left=True) == "胜任力  "
    assert CliWords("zh")("simulate.column.revenue") == "收入"
