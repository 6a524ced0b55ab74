"""The report layer's place in the layering: it reads the records and the assessment, and
nothing below it imports it; it and the text rules under it never import pygame or the window."""

from __future__ import annotations

import ast
from pathlib import Path

GAME = Path(__file__).resolve().parents[2] / "game"
BELOW_REPORTS = ("records", "assessment", "bots", "trainer", "engine", "negotiation", "sim",
                 "scenario", "text")


def imports(package: str) -> list[tuple[str, str]]:
    """(module file, imported module) for every import in ``game/<package>``."""
    out = []
    for path in sorted((GAME / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                out.append((path.name, node.module))
            elif isinstance(node, ast.Import):
                out += [(path.name, alias.name) for alias in node.names]
    return out


def test_nothing_below_the_report_layer_imports_it():
    for package in BELOW_REPORTS:
        bad = [(f, m) for f, m in imports(package) if m.startswith("game.reports")]
        assert bad == [], (package, bad)


def test_the_report_layer_draws_without_pygame_or_the_window():
    bad = [(f, m) for f, m in imports("reports")
           if m.split(".")[0] in ("pygame", "pygame_gui") or m.startswith("game.ui")]
    assert bad == []


def test_the_text_rules_stand_on_nothing_of_the_game():
    bad = [(f, m) for f, m in imports("text")
           if m.split(".")[0] in ("pygame", "pygame_gui")
           or (m.startswith("game.") and not m.startswith("game.text"))]
    assert bad == []
