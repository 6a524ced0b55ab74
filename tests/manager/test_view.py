"""The manager sees reviews, scores and results, never a rep's or a candidate's true skill; and
manager bots can reach nothing else."""

from __future__ import annotations

import pkgutil
import tomllib
from typing import Any

import game.manager
from game.manager.actions import EndRound
from game.manager.game import ManagerGame
from game.manager.view import ManagerView

from .conftest import ROOT

HIDDEN = {"skills", "skill", "theta", "truth", "true_skill", "player", "habits"}


def _fields(schema: dict[str, Any]) -> set[str]:
    names: set[str] = set()
    for definition in [schema, *schema.get("$defs", {}).values()]:
        names |= set(definition.get("properties", {}))
    return names


def test_the_manager_view_has_no_hidden_field() -> None:
    names = _fields(ManagerView.model_json_schema())
    assert {"review", "scores", "estimates", "morale"} <= names  # the walk does reach the reps
    assert not names & HIDDEN


def test_the_view_does_not_change_when_only_the_truth_does(key_game: ManagerGame) -> None:
    key_game.apply(EndRound())  # measured scores and results to show
    before = key_game.view().model_dump_json()
    for member in key_game.members.values():  # other hidden skills, the same play and reads
        for skill in member.player.theta:
            member.player.theta[skill] = 1.0 - member.player.theta[skill]
    for cand in key_game.candidates.values():
        cand.skills = {s: 0.5 for s in cand.skills}
    key_game._view = None  # rebuild it from the game as it is now
    assert key_game.view().model_dump_json() == before


def _contract() -> dict[str, Any]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    return next(c for c in contracts if c["id"] == "manager-bots-see-the-view")


def test_manager_bots_are_forbidden_every_manager_module_but_the_view_actions_and_rules() -> None:
    modules = {f"game.manager.{m.name}" for m in pkgutil.iter_modules(game.manager.__path__)}
    allowed = {"game.manager.view", "game.manager.actions", "game.manager.bots",
               "game.manager.synthetic", "game.manager.rules"}
    contract = _contract()
    assert contract["source_modules"] == ["game.manager.bots", "game.manager.synthetic"]
    forbidden = set(contract["forbidden_modules"])
    assert modules - allowed <= forbidden
    assert {"game.engine", "game.assessment", "game.bots"} <= forbidden
    assert not contract.get("ignore_imports")
