"""Whatever text a trainer feeds in, the loader returns a Scenario or raises ScenarioError."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from game.scenario.errors import CODES, ScenarioError
from game.scenario.loader import load_scenario_text, parse_tree
from game.scenario.models import Scenario

SHIPPED = Path(__file__).resolve().parents[2] / "scenarios" / "east-china-territory.yaml"
BASE = SHIPPED.read_text(encoding="utf-8")
LINES = BASE.splitlines(keepends=True)
YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as a new line

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**9), 10**9)
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
)
KEYS = st.text(max_size=10) | st.integers(-100, 100)
DOCUMENTS = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=25,
)


def check_outcome(source: str | bytes) -> Scenario | ScenarioError:
    """Load ``source``; any exception other than ScenarioError fails the test."""
    try:
        return load_scenario_text(source, "fuzz.yaml")
    except ScenarioError as exc:
        text = source if isinstance(source, str) else source.decode("utf-8", "replace")
        last_line = len(YAML_LINE_BREAK.split(text))
        for problem in exc.problems:
            assert problem.code in CODES
            assert 1 <= problem.line <= last_line
            assert problem.column >= 1
            assert problem.message and problem.hint
            assert str(problem).startswith(f"fuzz.yaml:{problem.line}:{problem.column}: error ")
        return exc


@st.composite
def mutated_scenarios(draw: st.DrawFn) -> str:
    lines = list(LINES)
    kind = draw(st.sampled_from(["delete", "swap", "insert"]))
    at = draw(st.integers(0, len(lines) - 1))
    if kind == "delete":
        del lines[at]
    elif kind == "insert":
        key = draw(st.from_regex(r"[a-z_]{1,14}", fullmatch=True))
        value: Any = draw(SCALARS)
        indent = " " * draw(st.sampled_from([0, 2, 4, 6]))
        lines.insert(at, indent + yaml.safe_dump({key: value}, allow_unicode=True, width=1000))
    else:
        text = "".join(lines)
        i = draw(st.integers(0, len(text) - 2))
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return "".join(lines)


@settings(max_examples=120, deadline=None)
@given(mutated_scenarios())
def test_mutated_shipped_scenario_loads_or_raises_scenario_error(text: str) -> None:
    check_outcome(text)


@settings(max_examples=150, deadline=None)
@given(DOCUMENTS)
def test_generated_documents_load_or_raise_scenario_error(data: Any) -> None:
    check_outcome(yaml.safe_dump(data, allow_unicode=True))


@settings(max_examples=150, deadline=None)
@given(DOCUMENTS)
def test_generated_documents_read_the_same_data_as_safe_load(data: Any) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    assert parse_tree(text).data == yaml.safe_load(text)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300) | st.binary(max_size=300))
def test_arbitrary_text_and_bytes_load_or_raise_scenario_error(source: str | bytes) -> None:
    check_outcome(source)
