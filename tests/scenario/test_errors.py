"""Problem formatting: the exact text the validate command prints for each problem."""

from __future__ import annotations

import pickle

import pytest

from game.scenario.errors import CODES, Problem, ScenarioError, error
from game.scenario.messages import msg

UNKNOWN = msg("E101.unknown_key", key="colour", where="company.products[0]")
SUGGEST = msg("suggest.close", close="quality", listing="quality, unit_cost")


def test_problem_prints_path_line_column_code_message_and_hint() -> None:
    problem = error("s.yaml", 12, 7, "E101", UNKNOWN, SUGGEST)
    assert str(problem) == (
        "s.yaml:12:7: error E101: unknown key 'colour' in company.products[0]\n"
        "  hint: did you mean 'quality'? quality, unit_cost"
    )


def test_problem_prints_in_chinese_with_the_severity_and_hint_label_translated() -> None:
    problem = error("s.yaml", 12, 7, "E101", UNKNOWN, SUGGEST)
    assert problem.format("zh") == (
        "s.yaml:12:7: 错误 E101：company.products[0] 中有未知的键 'colour'\n"
        "  提示：是不是想写 'quality'？quality, unit_cost"
    )
    assert problem.message == "unknown key 'colour' in company.products[0]"
    assert problem.hint_in("zh").startswith("是不是想写 'quality'")


def test_warning_severity_is_printed() -> None:
    problem = Problem("s.yaml", 3, 1, "warning", "E104", msg("E004.empty"))
    assert str(problem) == "s.yaml:3:1: warning E104: the file is empty"
    assert problem.format("zh") == "s.yaml:3:1: 警告 E104：文件是空的"


def test_a_message_that_is_not_from_the_catalog_is_refused() -> None:
    with pytest.raises(TypeError):
        error("s.yaml", 1, 1, "E101", "unknown key 'colour'", None)  # type: ignore[arg-type]


def test_scenario_error_sorts_problems_by_position_and_joins_them() -> None:
    text, hint = msg("E004.empty"), msg("E004.write_keys_hint")
    late = error("s.yaml", 40, 2, "E103", text, hint)
    early = error("s.yaml", 5, 9, "E101", text, hint)
    same_line = error("s.yaml", 5, 3, "E102", text, hint)
    exc = ScenarioError([late, early, same_line])
    assert exc.problems == [same_line, early, late]
    assert str(exc) == "\n".join(str(p) for p in (same_line, early, late))
    assert exc.codes == ["E102", "E101", "E103"]


def test_scenario_error_needs_a_problem() -> None:
    with pytest.raises(ValueError):
        ScenarioError([])


def test_scenario_error_survives_pickling() -> None:
    exc = ScenarioError([error("s.yaml", 1, 1, "E004", UNKNOWN, SUGGEST)])
    again = pickle.loads(pickle.dumps(exc))
    assert again.problems == exc.problems
    assert again.problems[0].format("zh") == exc.problems[0].format("zh")


def test_every_documented_code_has_a_one_line_meaning() -> None:
    expected = {
        "E001", "E002", "E003", "E004", "E010", "E011", "E012", "E013", "E014",
        "E101", "E102", "E103", "E104", "E105", "E106",
    }  # fmt: skip
    assert set(CODES) == expected
    assert all(meaning and "\n" not in meaning for meaning in CODES.values())


def test_unknown_codes_are_refused() -> None:
    with pytest.raises(ValueError):
        error("s.yaml", 1, 1, "E999", msg("E004.empty"), None)
