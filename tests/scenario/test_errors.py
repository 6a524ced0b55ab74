"""Problem formatting: the exact text the validate command prints for each problem."""

from __future__ import annotations

import pickle

import pytest

from game.scenario.errors import CODES, Problem, ScenarioError, error


def test_problem_prints_path_line_column_code_message_and_hint() -> None:
    problem = error("s.yaml", 12, 7, "E101", "unknown key 'colour'", "did you mean 'quality'?")
    assert str(problem) == (
        "s.yaml:12:7: error E101: unknown key 'colour'\n  hint: did you mean 'quality'?"
    )


def test_warning_severity_is_printed() -> None:
    problem = Problem("s.yaml", 3, 1, "warning", "E104", "odd value", "check it")
    assert str(problem).startswith("s.yaml:3:1: warning E104: odd value")


def test_scenario_error_sorts_problems_by_position_and_joins_them() -> None:
    late = error("s.yaml", 40, 2, "E103", "late", "fix late")
    early = error("s.yaml", 5, 9, "E101", "early", "fix early")
    same_line = error("s.yaml", 5, 3, "E102", "first on line", "fix it")
    exc = ScenarioError([late, early, same_line])
    assert exc.problems == [same_line, early, late]
    assert str(exc) == "\n".join(str(p) for p in (same_line, early, late))
    assert exc.codes == ["E102", "E101", "E103"]


def test_scenario_error_needs_a_problem() -> None:
    with pytest.raises(ValueError):
        ScenarioError([])


def test_scenario_error_survives_pickling() -> None:
    exc = ScenarioError([error("s.yaml", 1, 1, "E004", "the file is empty", "write keys")])
    again = pickle.loads(pickle.dumps(exc))
    assert again.problems == exc.problems


def test_every_documented_code_has_a_one_line_meaning() -> None:
    expected = {
        "E001", "E002", "E003", "E004", "E010", "E011", "E012", "E013", "E014",
        "E101", "E102", "E103", "E104", "E105", "E106",
    }  # fmt: skip
    assert set(CODES) == expected
    assert all(meaning and "\n" not in meaning for meaning in CODES.values())


def test_unknown_codes_are_refused() -> None:
    with pytest.raises(ValueError):
        error("s.yaml", 1, 1, "E999", "made up", "none")
