"""Whatever a trainee sends, the game answers: actions of every type, with ids from the scenario
and edge numbers in every field, mixed into a bot's game until it ends, are each accepted or
refused with a reason — never an exception, and a refusal changes nothing."""

from __future__ import annotations

import collections.abc
import random
import typing
from typing import Any

import pytest
from pydantic import BaseModel

from game.bots.registry import make_bot
from game.engine import actions
from game.engine.game import Game
from game.scenario.models import Scenario

NUMBERS = [0, 1, -1, 0.5, 0.05, 2, 13, 0.99, 1e-12, 1e9, -1e9]
MODELS = [m for m in vars(actions).values()
          if isinstance(m, type) and issubclass(m, BaseModel) and "type" in m.model_fields
          and m is not actions.EndPhase]  # the bot ends the phases


def _value(annotation: Any, ids: list[str], rnd: random.Random) -> Any:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if annotation is str:
        return rnd.choice([*ids, "", "zzz", "中文"])
    if annotation in (int, float):
        return rnd.choice(NUMBERS)
    if annotation is bool:
        return rnd.choice([True, False])
    if origin is typing.Literal:
        return rnd.choice(args)
    if origin in (dict, collections.abc.Mapping) and args:
        return {rnd.choice(ids): _value(args[1], ids, rnd) for _ in range(rnd.randint(0, 3))}
    if origin in (list, tuple, collections.abc.Sequence) and args:
        return [_value(args[0], ids, rnd) for _ in range(rnd.randint(0, 3))]
    if args:  # a union: one of its members
        return _value(rnd.choice([a for a in args if a is not type(None)]), ids, rnd)
    return rnd.choice([*ids, *NUMBERS])


def _ids(scenario: Scenario) -> list[str]:
    issues = scenario.negotiation.issues
    return [*(s.id for s in scenario.market.segments), *(k.id for k in scenario.key_accounts),
            *(c.id for c in scenario.company.channels), *(c.id for c in scenario.competitors),
            *(i.id for i in issues), *(str(v) for i in issues for v in i.values),
            *(d.id for d in scenario.dilemmas), *(r.id for r in scenario.risks)]


def test_every_action_type_can_be_drawn() -> None:
    assert len(MODELS) >= 30 and all(m.model_fields["type"].default in actions.LEGAL_PHASES
                                     for m in MODELS)


@pytest.mark.parametrize("seed", range(4))
def test_any_action_is_answered_and_a_refusal_changes_nothing(small: Scenario, seed: int) -> None:
    rnd = random.Random(seed)
    game = Game(small, seed=seed)
    bot = make_bot(("expert", "novice")[seed % 2], seed)
    ids, refused, accepted = _ids(small), 0, 0
    for _ in range(3000):
        if game.over:
            break
        if rnd.random() < 0.5:  # mostly a move of this phase, sometimes of another
            legal = [m for m in MODELS
                     if game.phase in actions.LEGAL_PHASES[m.model_fields["type"].default]]
            model = rnd.choice(legal if legal and rnd.random() < 0.8 else MODELS)
            action: Any = {"type": model.model_fields["type"].default} | {
                name: _value(field.annotation, ids, rnd)
                for name, field in model.model_fields.items() if name != "type"}
        else:
            action = bot.next_action(game.view())
        before = (len(game.events), game.effort_left, len(game.actions))
        result = game.apply(action)
        accepted += result.accepted
        if not result.accepted:
            refused += 1
            assert result.code and result.reason, action
            assert (len(game.events), game.effort_left, len(game.actions)) == before, action
    assert game.over and refused > 0 and accepted > 0
