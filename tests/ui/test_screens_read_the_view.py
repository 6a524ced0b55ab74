"""The trainee's screens read the trainee view (what a rep may know) and the event log, never the
engine's live objects: no negotiation sessions, no research dict, no account states, no plan or
scenario of the engine. Only the debrief, after the game, may show the hidden truth.

The check reads the screens' source (an AST scan), so a screen that reaches into the engine fails
here before anyone plays it."""

from __future__ import annotations

import ast
from pathlib import Path

import game.ui.screens as screens_package

SCREENS = Path(screens_package.__file__).parent
AFTER_THE_GAME = {"debrief.py"}  # the hidden truth and the assessment, once the game is over
FORBIDDEN = frozenset({"sessions", "knowledge", "accounts", "plan", "scenario", "truth"})
"""What the engine's ``Game`` holds that a screen must take from the view instead."""


def _game_like(node: ast.expr, aliases: set[str]) -> bool:
    """``game``, ``self.game``, ``self.app.play.game`` or a name bound to one of them."""
    if isinstance(node, ast.Name):
        return node.id == "game" or node.id in aliases
    return isinstance(node, ast.Attribute) and node.attr == "game"


def _aliases(tree: ast.AST) -> set[str]:
    """Names bound to the engine's game anywhere in the module (``g = self.game``)."""
    found: set[str] = set()
    changed = True
    while changed:  # an alias of an alias counts too
        changed = False
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign | ast.AnnAssign | ast.NamedExpr) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if _game_like(node.value, found):
                    for target in targets:
                        if isinstance(target, ast.Name) and target.id not in found:
                            found.add(target.id)
                            changed = True
    return found


def engine_reads(source: str) -> list[tuple[int, str]]:
    """(line, what) for every read of the engine's live state in ``source``."""
    tree = ast.parse(source)
    aliases = _aliases(tree)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            if node.attr == "sessions":  # the view has none: only the engine holds sessions
                found.append((node.lineno, ".sessions"))
            elif node.attr in FORBIDDEN and _game_like(node.value, aliases):
                found.append((node.lineno, f"game.{node.attr}"))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr"
              and len(node.args) >= 2 and _game_like(node.args[0], aliases)
              and isinstance(node.args[1], ast.Constant) and node.args[1].value in FORBIDDEN):
            found.append((node.lineno, f"getattr(game, {node.args[1].value!r})"))
    return found


def game_reads(source: str) -> list[int]:
    """Lines that touch the engine's game at all (``.game``)."""
    return [node.lineno for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Attribute) and node.attr == "game"]


def trainee_screens() -> list[Path]:
    paths = sorted(p for p in SCREENS.glob("*.py") if p.name not in AFTER_THE_GAME)
    assert len(paths) >= 12, "the scan must see the screens"
    return paths


def test_no_trainee_screen_reads_the_engines_sessions_knowledge_accounts_plan_or_scenario():
    offences = {p.name: engine_reads(p.read_text(encoding="utf-8")) for p in trainee_screens()}
    assert {name: found for name, found in offences.items() if found} == {}


def test_the_debrief_reveals_the_hidden_truth_only_through_the_games_truth():
    """After the game the debrief may show what was hidden, but as the game's truth (a snapshot of
    what the customers wanted, made for the debrief), never by reaching into live sessions."""
    found = engine_reads((SCREENS / "debrief.py").read_text(encoding="utf-8"))
    assert found and {what for _, what in found} == {"game.truth"}


def test_only_the_screen_base_reaches_the_game_and_only_for_the_event_log():
    """A phase's screen reads ``self.view``, ``self.brief`` and ``self.events`` (the base class
    provides them); it never holds the engine's game itself."""
    offences = {p.name: game_reads(p.read_text(encoding="utf-8"))
                for p in trainee_screens() if p.name != "base.py"}
    assert {name: lines for name, lines in offences.items() if lines} == {}


def test_the_scan_catches_every_way_in():
    caught = engine_reads(
        "class S:\n"
        "    def build(self, view):\n"
        "        a = self.game.sessions\n"  # 3
        "        b = self.app.play.game.knowledge\n"  # 4
        "        g = self.game\n"
        "        h = g\n"
        "        c = h.accounts\n"  # 7
        "        d = getattr(self.game, 'plan')\n"  # 8
        "        e = game.scenario\n"  # 9
        "        f = somewhere.sessions\n"  # 10
        "        ok = view.knowledge.market, view.accounts, view.plan, view.brief\n"
    )
    assert sorted(line for line, _ in caught) == [3, 4, 7, 8, 9, 10]
    assert game_reads("x = self.game.events\ny = view.round\n") == [1]
    assert engine_reads("x = self.view.accounts[0].negotiation\ny = self.events\n") == []


def test_the_briefs_price_book_is_the_engines(small_scenario):
    """Planning shows price and margin per unit from the brief; they are the engine's figures."""
    from game.engine.game import Game
    from game.engine.outlook import discount_options
    from game.engine.planning import segment_terms

    scenario = small_scenario[0]
    brief = Game(scenario, seed=1).view().brief
    assert brief.total_weeks == scenario.rounds * scenario.weeks_per_round
    for seg in brief.market.segments:
        for channel in brief.company.channels:
            for discount in discount_options(brief):
                assert brief.segment_terms(seg.id, discount, channel.id) == \
                    segment_terms(scenario, seg.id, discount, channel.id)
