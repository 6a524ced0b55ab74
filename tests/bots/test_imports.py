"""The import contract that keeps bots to the trainee view covers every module it should: a new
engine, negotiation or market module is forbidden to bots until someone decides otherwise."""

from __future__ import annotations

import pkgutil
import tomllib
from pathlib import Path

import game.engine
import game.negotiation
import game.sim

ROOT = Path(__file__).resolve().parents[2]
ALLOWED = {
    "game.engine.actions",  # what a rep can do
    "game.engine.view_models",  # what a rep sees
    "game.engine.outlook",  # the planning outlook, from what a rep sees
    "game.engine.phases",
    "game.engine.potential",  # a segment's potential, from a round's figures a rep sees
    "game.negotiation.moves",  # the one definition of a trade and of standard terms
    "game.sim.rng",  # the bot's own random stream
}


def _contract(contract_id: str) -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    return next(c for c in contracts if c["id"] == contract_id)


def test_bots_are_forbidden_every_engine_negotiation_and_market_module_but_the_public_ones():
    modules = {
        f"{package.__name__}.{m.name}"
        for package in (game.engine, game.negotiation, game.sim)
        for m in pkgutil.iter_modules(package.__path__)
    }
    assert ALLOWED <= modules
    contract = _contract("bots-see-the-view")
    assert contract["source_modules"] == ["game.bots"]
    forbidden = set(contract["forbidden_modules"])
    assert forbidden == (modules - ALLOWED) | {"game.assessment"}


def test_no_bot_module_is_excused_from_the_contract():
    # whole games are run from above the bots (game.assessment.runs): no bot starts a Game
    assert not _contract("bots-see-the-view").get("ignore_imports")
