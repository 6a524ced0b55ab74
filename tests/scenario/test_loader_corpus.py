"""The broken-scenario corpus: each file is the shipped scenario with one thing broken.

Every case names the problem the trainer must see: its code, line and column, and a piece of
the hint that tells them what to do, in English and in Chinese.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from game.scenario.errors import ScenarioError
from game.scenario.loader import load_scenario

CJK = re.compile(r"[\u4e00-\u9fff]")

# file -> (code, line, column, a fragment of the hint in English, the same advice in Chinese)
CASES: dict[str, tuple[str, int, int, str, str]] = {
    "typo-key.yaml": ("E101", 106, 5, "did you mean 'aggressiveness'?", "是不是想写 'aggressiveness'？"),
    "wrong-type.yaml": (
        "E103", 57, 14, "expected a whole number, got 'ten thousand'",
        "应为整数，实际是 'ten thousand'；只写数字，不要千位分隔符",
    ),
    "duplicate-key.yaml": ("E013", 47, 7, "already given on line 46", "已在第 46 行给出；请删除或重命名"),
    "dangling-segment.yaml": (
        "E105", 217, 14, "known segment ids: datacenter, midmarket, smb",
        "已定义的细分市场 id：datacenter, midmarket, smb",
    ),
    "dangling-competitor.yaml": ("E105", 223, 21, "did you mean 'harbor'?", "是不是想写 'harbor'？"),
    "duplicate-id.yaml": ("E105", 317, 9, "its own id", "起不同的 id"),
    "python-tag.yaml": (
        "E011", 22, 7, "remove '!!python/object/apply:os.system'",
        "删除 '!!python/object/apply:os.system'",
    ),
    "alias-bomb.yaml": ("E012", 27, 5, "aliases", "请直接写出各个值，不要嵌套使用别名"),
    "empty.yaml": ("E004", 1, 1, "write the scenario's keys", "请在文件中写入场景的各个键"),
    "out-of-range.yaml": ("E104", 63, 14, "at most 1", "请改用不大于 1.0 的值（现在是 1.6）"),
    "missing-key.yaml": ("E102", 144, 5, "add 'volume: ...'", "加上 'volume: ...'"),
    "unknown-strategy.yaml": (
        "E104", 117, 15, "'premium', 'follower' or 'poacher'",
        "请使用以下之一：'price_leader'、'premium'、'follower' 或 'poacher'",
    ),
    "price-below-cost.yaml": ("E106", 29, 7, "company.products[0]", "请修改它提到的值"),
    "colon-in-text.yaml": ("E010", 215, 18, "quotes", "请给整个值加上引号"),
    "yes-as-text.yaml": ("E103", 45, 36, "put it in quotes", "请给它加上引号"),
    "empty-delivery-cost.yaml": ("E104", 52, 18, "it needs at least one", "请至少填写一个条目"),
    "full-width-colon.yaml": (
        "E010", 42, 19, "write the ASCII colon and a space: 'service_capacity: ...'",
        "改用半角冒号加一个空格：'service_capacity: ...'",
    ),
    "misindented-key.yaml": (
        "E010", 42, 20, "indented by 3 spaces and the line above by 2",
        "这一行缩进了 3 个空格，上一行缩进了 2 个",
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_file_is_reported_at_its_line_and_column(corpus: Path, name: str) -> None:
    code, line, column, hint_fragment, _ = CASES[name]
    with pytest.raises(ScenarioError) as caught:
        load_scenario(corpus / name)
    problems = caught.value.problems
    assert [(p.code, p.line, p.column) for p in problems] == [(code, line, column)]
    problem = problems[0]
    assert problem.path == str(corpus / name)
    assert problem.severity == "error"
    assert problem.message
    assert hint_fragment in problem.hint
    assert str(problem).startswith(f"{corpus / name}:{line}:{column}: error {code}: ")
    assert "\n  hint: " in str(problem)


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_file_is_explained_in_chinese(corpus: Path, name: str) -> None:
    code, line, column, _, hint_fragment = CASES[name]
    with pytest.raises(ScenarioError) as caught:
        load_scenario(corpus / name)
    (problem,) = caught.value.problems
    assert hint_fragment in problem.hint_in("zh")
    assert CJK.search(problem.message_in("zh"))
    printed = problem.format("zh")
    assert printed.startswith(f"{corpus / name}:{line}:{column}: 错误 {code}：")
    assert "\n  提示：" in printed


def test_corpus_covers_every_file(corpus: Path) -> None:
    on_disk = {p.name for p in corpus.glob("*.yaml")} - {"several-errors.yaml"}
    assert on_disk == set(CASES)


def test_all_errors_are_reported_sorted_by_line(corpus: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(corpus / "several-errors.yaml")
    found = [(p.code, p.line, p.column) for p in caught.value.problems]
    assert found == [("E103", 57, 14), ("E104", 63, 14), ("E101", 106, 5)]


def test_alias_bomb_is_refused_without_expanding_it(corpus: Path) -> None:
    start = time.perf_counter()
    with pytest.raises(ScenarioError) as caught:
        load_scenario(corpus / "alias-bomb.yaml")
    assert time.perf_counter() - start < 5.0
    assert caught.value.codes == ["E012"]


def test_binary_garbage_is_refused_at_the_first_bad_byte(tmp_path: Path) -> None:
    target = tmp_path / "photo.yaml"
    target.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(target)
    assert [(p.code, p.line, p.column) for p in caught.value.problems] == [("E003", 1, 1)]
    assert "UTF-8" in caught.value.problems[0].hint


def test_nul_byte_inside_a_scenario_is_located(tmp_path: Path, shipped_text: str) -> None:
    lines = shipped_text.splitlines(keepends=True)
    lines[29] = lines[29].replace("name:", "na\0me:", 1)  # line 30, "      name: ..."
    target = tmp_path / "nul.yaml"
    target.write_bytes("".join(lines).encode("utf-8"))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(target)
    assert [(p.code, p.line, p.column) for p in caught.value.problems] == [("E003", 30, 9)]


def test_invalid_utf8_column_counts_characters_not_bytes(tmp_path: Path) -> None:
    target = tmp_path / "latin1.yaml"
    target.write_bytes("id: x\nname: 华东".encode() + b"\xff\n")  # a Latin-1 'ÿ' after CJK
    with pytest.raises(ScenarioError) as caught:
        load_scenario(target)
    assert [(p.code, p.line, p.column) for p in caught.value.problems] == [("E003", 2, 9)]
