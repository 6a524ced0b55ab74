"""The broken-scenario corpus: each file is the shipped scenario with one thing broken.

Every case names the problem the trainer must see: its code, line and column, and a piece of
the hint that tells them what to do.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from game.scenario.errors import ScenarioError
from game.scenario.loader import load_scenario

# file -> (code, line, column, a fragment the hint must contain)
CASES: dict[str, tuple[str, int, int, str]] = {
    "typo-key.yaml": ("E101", 106, 5, "did you mean 'aggressiveness'?"),
    "wrong-type.yaml": ("E103", 57, 14, "expected a whole number, got 'ten thousand'"),
    "duplicate-key.yaml": ("E013", 47, 7, "already given on line 46"),
    "dangling-segment.yaml": ("E105", 217, 14, "known segment ids: datacenter, midmarket, smb"),
    "dangling-competitor.yaml": ("E105", 223, 21, "did you mean 'harbor'?"),
    "duplicate-id.yaml": ("E105", 317, 9, "its own id"),
    "python-tag.yaml": ("E011", 22, 7, "remove '!!python/object/apply:os.system'"),
    "alias-bomb.yaml": ("E012", 27, 5, "aliases"),
    "empty.yaml": ("E004", 1, 1, "write the scenario's keys"),
    "out-of-range.yaml": ("E104", 63, 14, "at most 1"),
    "missing-key.yaml": ("E102", 144, 5, "add 'volume: ...'"),
    "unknown-strategy.yaml": ("E104", 117, 15, "'premium', 'follower' or 'poacher'"),
    "price-below-cost.yaml": ("E106", 29, 7, "company.products[0]"),
    "colon-in-text.yaml": ("E010", 215, 18, "quotes"),
    "yes-as-text.yaml": ("E103", 45, 36, "put it in quotes"),
    "empty-delivery-cost.yaml": ("E104", 52, 18, "it needs at least one"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_file_is_reported_at_its_line_and_column(corpus: Path, name: str) -> None:
    code, line, column, hint_fragment = CASES[name]
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
