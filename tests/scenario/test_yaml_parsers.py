"""libyaml and PyYAML read a scenario the same: the same nodes at the same positions, or the same
problems with the same positions, messages and hints.

Reading uses libyaml's event parser when PyYAML has it, and PyYAML alone otherwise (and wherever
the two would disagree), so a trainer sees one behaviour whatever the installation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, Node, SequenceNode

from game.scenario import yaml_nodes
from game.scenario.errors import ScenarioError
from game.scenario.yaml_nodes import compose

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(
    path
    for pattern in ("scenarios/**/*.yaml", "tests/**/*.yaml")
    for path in ROOT.glob(pattern)
)
TEXTS = [path.read_text(encoding="utf-8", errors="replace") for path in FILES]

pytestmark = pytest.mark.skipif(
    not yaml.__with_libyaml__, reason="PyYAML without libyaml reads with PyYAML only"
)


def _outcome(text: str, libyaml: bool) -> Any:
    """What the game can see of a composed text: every node's kind, tag, style, value and marks
    (aliases as a reference to their anchor), or the problems it raises."""
    try:
        root = compose(text, "t.yaml", libyaml=libyaml)
    except ScenarioError as refused:
        return [(str(p), p.hint) for p in refused.problems]
    seen: dict[int, int] = {}
    out: list[Any] = []

    def visit(node: Node) -> None:
        if id(node) in seen:
            out.append(("alias of", seen[id(node)]))
            return
        seen[id(node)] = len(out)
        start, end = node.start_mark, node.end_mark
        value = node.value if isinstance(node.value, str) else None
        out.append(
            (
                type(node).__name__,
                node.tag,
                getattr(node, "style", None),
                value,
                (start.line, start.column, start.index),
                (end.line, end.column, end.index),
            )
        )
        if isinstance(node, SequenceNode):
            for item in node.value:
                visit(item)
        elif isinstance(node, MappingNode):
            for key, item in node.value:
                visit(key)
                visit(item)

    if root is not None:
        visit(root)
    return out


def test_shipped_scenarios_are_read_by_libyaml_without_falling_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_fallback(text: str, path: str) -> None:
        raise AssertionError(f"{path} fell back to PyYAML")

    monkeypatch.setattr(yaml_nodes, "_compose_pure", no_fallback)
    for path in sorted((ROOT / "scenarios").glob("**/*.yaml")):
        assert compose(path.read_text(encoding="utf-8"), str(path)) is not None


@pytest.mark.parametrize("index", range(len(FILES)), ids=[p.name for p in FILES])
def test_every_shipped_scenario_and_corpus_file_reads_the_same(index: int) -> None:
    text = TEXTS[index]
    assert _outcome(text, libyaml=True) == _outcome(text, libyaml=False)


# Where the two parsers are known to differ: a tab, a BOM, '?' and empty values in a one-line
# {mapping}, a bare '!' tag, a file ending without a line break, and line breaks YAML counts.
FRAGMENTS = [
    "a", "b: ", "c:", "- ", "-", ": ", "? ", "[", "]", "{", "}", ", ", "\n", "\n  ", "\n    ",
    "'q'", '"d\\n"', "1", "0.5", "~", "&x ", "*x", "!!str ", "! ", "# c", "|\n  t", ">-\n  t",
    "\r\n", "\r", "\x85", "\u2028", "\t", "\ufeff", "中文", "：", "，", " ", "--- ", "\n...\n",
    "<<: ", "yes", "0x1F", "1e3", ".inf", "2001-01-01", "!!python/object ", "%YAML 1.2\n", "\x07",
]


@st.composite
def near_yaml(draw: st.DrawFn) -> str:
    """Text made of YAML's significant pieces, or a shipped file with a few of them spliced in."""
    if draw(st.booleans()):
        return "".join(draw(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=25)))
    text = draw(st.sampled_from(TEXTS))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 2))
        text = text[:at] + draw(st.sampled_from(FRAGMENTS)) + text[at + cut :]
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    return text


@settings(max_examples=300, deadline=None)
@given(near_yaml())
@example("briefing:\n  zh: ># c-\n    text\n")  # libyaml reads a comment glued to '>'; PyYAML does not
def test_any_text_reads_the_same_with_libyaml_and_pyyaml(text: str) -> None:
    assert _outcome(text, libyaml=True) == _outcome(text, libyaml=False)
