"""The text rules are defined once: the kinsoku tables and the line breaker live in
game/text/linebreak.py, the share and money formats in game/text/numbers.py, how a list of names
reads in game/text/lists.py; any other ``wrap`` or ``fit`` in the game hands over to the line
breaker instead of breaking lines itself."""

from __future__ import annotations

import ast
from pathlib import Path

GAME = Path(__file__).resolve().parents[2] / "game"
LINEBREAK = GAME / "text" / "linebreak.py"
NUMBERS = GAME / "text" / "numbers.py"
LISTS = GAME / "text" / "lists.py"
CLOSING = set("，。、；：！？）》」』】")


def modules() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"), str(p))) for p in sorted(GAME.rglob("*.py"))]


def test_the_kinsoku_tables_are_defined_once():
    """A string holding several closing CJK punctuation marks is a line-start table."""
    found = [
        (path.relative_to(GAME.parent), node.lineno)
        for path, tree in modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        and len(CLOSING & set(node.value)) >= 4
    ]
    assert {p for p, _ in found} == {LINEBREAK.relative_to(GAME.parent)}, found


def test_shares_and_compact_money_are_formatted_in_one_module():
    names = {"pct", "_pct", "money_short", "_money_short", "nz", "_nz"}
    found = [
        (path.relative_to(GAME.parent), node.name)
        for path, tree in modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and node.name in names
    ]
    assert found and {p for p, _ in found} == {NUMBERS.relative_to(GAME.parent)}, found


def _calls(node: ast.AST) -> set[str]:
    return {
        f"{n.func.value.id}.{n.func.attr}"
        for n in ast.walk(node)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
        and isinstance(n.func.value, ast.Name)
    }


def test_every_other_wrap_hands_over_to_the_line_breaker():
    for path, tree in modules():
        if path == LINEBREAK:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name in ("wrap", "fit", "_tokens"):
                assert f"linebreak.{node.name}" in _calls(node), (
                    f"{path.relative_to(GAME.parent)}:{node.lineno} {node.name} breaks lines "
                    "itself; call game.text.linebreak instead")


def test_a_list_of_names_is_joined_by_language_in_one_module():
    """The enumeration comma chosen by language (``"、" if lang == "zh" else ", "``) is one rule."""
    found = [
        (path.relative_to(GAME.parent), node.lineno)
        for path, tree in modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.IfExp) and isinstance(node.body, ast.Constant)
        and node.body.value == "、"
    ]
    assert {p for p, _ in found} == {LISTS.relative_to(GAME.parent)}, found
