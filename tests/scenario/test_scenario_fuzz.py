"""Schema-valid scenarios never end in a traceback: validate, lint and one simulated round.

Each example is a small valid base scenario with one field, anywhere in the schema, set to a value
its declared type and range allow (bounds, zero, extremes, empty lists and mappings). The value
may still break a rule across fields; then the loader must say so as positioned problems.
The suite, and so CI, runs 2,000 examples (about 90 s on one core), and a tenth of that
many played whole by a bot.
"""

from __future__ import annotations

import copy
import math
import os
from collections.abc import Hashable
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import yaml
from annotated_types import Ge, Gt, Le, Lt, MaxLen, MinLen
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from game.bots.base import play
from game.bots.registry import make_bot
from game.engine.actions import EndPhase
from game.engine.game import Game
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_scenario_text
from game.scenario.models import Scenario
from game.trainer.lint import check_source

BASE_FILE = Path(__file__).resolve().parents[2] / "scenarios" / "riverside-first-territory.yaml"
BASE: dict[str, Any] = yaml.safe_load(BASE_FILE.read_text(encoding="utf-8"))
BASE["market"]["customers"] = 60  # small, so one simulated round stays fast
# rounds stay as shipped: the base must load, and one round is all that is played


def _field_paths(model: type[BaseModel], data: Any, path: tuple[Hashable, ...]) -> list[tuple]:
    """(path, annotation, constraints) of every field reachable in ``data``."""
    found: list[tuple] = []
    if not isinstance(data, dict):
        return found
    for name, info in model.model_fields.items():
        here = (*path, name)
        found.append((here, info.annotation, info.metadata))
        value = data.get(name)
        inner = _model_of(info.annotation)
        if inner is not None and isinstance(value, dict):
            found.extend(_field_paths(inner, value, here))
        elif inner is not None and isinstance(value, list) and value:
            found.extend(_field_paths(inner, value[0], (*here, 0)))
    return found


def _model_of(annotation: Any) -> type[BaseModel] | None:
    for candidate in (annotation, *get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            if candidate.__name__ not in ("Text", "Distribution"):
                return candidate
        for inner in get_args(candidate):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                if inner.__name__ not in ("Text", "Distribution"):
                    return inner
    return None


PATHS = _field_paths(Scenario, BASE, ())
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # the same YAML text, written faster
EXAMPLES = int(os.environ.get("SCENARIO_FUZZ_EXAMPLES", "2000"))
"""2,000 examples in the test suite and so in CI (.ci/run); SCENARIO_FUZZ_EXAMPLES sets another
count."""


def _numbers(metadata: list[Any], whole: bool) -> st.SearchStrategy[Any]:
    low, high = -1e12, 1e12
    for m in metadata:
        if isinstance(m, Ge):
            low = float(m.ge)
        elif isinstance(m, Gt):
            low = float(m.gt) + (1 if whole else 1e-9)
        elif isinstance(m, Le):
            high = float(m.le)
        elif isinstance(m, Lt):
            high = float(m.lt) - (1 if whole else 1e-9)
    if whole:
        lo, hi = math.ceil(low), math.floor(high)
        return st.sampled_from(sorted({lo, hi, max(lo, min(hi, 0)), max(lo, min(hi, 1))})) | (
            st.integers(lo, hi)
        )
    edges = sorted({low, high, max(low, min(high, 0.0)), max(low, min(high, 1.0))})
    return st.sampled_from(edges) | st.floats(low, high, allow_nan=False, allow_infinity=False)


def _value_for(annotation: Any, metadata: list[Any]) -> st.SearchStrategy[Any]:
    origin = get_origin(annotation)
    args = get_args(annotation)
    if annotation is bool:
        return st.booleans()
    if annotation is int:
        return _numbers(metadata, whole=True)
    if annotation is float:
        return _numbers(metadata, whole=False)
    if origin is Literal:
        return st.sampled_from(args)
    if origin is dict:
        keys = st.integers(0, 60) if args and args[0] is int else st.sampled_from(
            ["basic", "standard", "premium", "price", "volume", "us", "harbor", "zzz"]
        )
        values = _numbers([Ge(0)], whole=False) if args and args[1] is float else st.just([])
        return st.dictionaries(keys, values, max_size=4)
    if origin is list:
        least = next((m.min_length for m in metadata if isinstance(m, MinLen)), 0)
        most = next((m.max_length for m in metadata if isinstance(m, MaxLen)), 3)
        item = args[0] if args else str
        if get_origin(item) is Literal:
            return st.lists(st.sampled_from(get_args(item)), min_size=least, max_size=min(most, 3))
        if item is str:
            return st.lists(st.sampled_from(["CW-10", "CW-99", "x"]), min_size=least, max_size=3)
        return st.just([])
    if annotation is str:
        return st.text(max_size=12)
    return st.one_of(st.none(), st.just({}), st.just([]), st.integers(-1, 1))


def mutations(base: dict[str, Any], paths: list[tuple]) -> st.SearchStrategy[dict[str, Any]]:
    """``base`` with one of its schema fields (``paths``, from ``_field_paths``) set to a value
    of its declared type and range."""

    @st.composite
    def one(draw: st.DrawFn) -> dict[str, Any]:
        path, annotation, metadata = draw(st.sampled_from(paths))
        data = copy.deepcopy(base)
        parent: Any = data
        for element in path[:-1]:
            parent = parent[element]
        parent[path[-1]] = draw(_value_for(annotation, metadata))
        return data

    return one()


def mutated() -> st.SearchStrategy[dict[str, Any]]:
    """The base scenario with one schema field set to a value of its declared type and range."""
    return mutations(BASE, PATHS)


def _one_round(scenario: Scenario) -> None:
    game = Game(scenario)
    start = game.view().round
    for _ in range(12):
        game.apply(EndPhase())
        view = game.view()
        if view.round != start or view.phase == "debrief":
            return


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_schema_valid_scenarios_validate_lint_and_play_a_round_without_traceback(
    data: dict[str, Any],
) -> None:
    text = yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False)
    problems = check_source(text, "fuzz.yaml")  # validate + lint: positioned problems only
    assert all(p.line >= 1 and p.column >= 1 and p.message and p.hint for p in problems)
    try:
        scenario = load_scenario_text(text, "fuzz.yaml")
    except ScenarioError as refused:
        assert any(p.severity == "error" for p in problems), refused
        return
    _one_round(scenario)


WHOLE_GAME_EXAMPLES = max(1, EXAMPLES // 10)
DEAL_PATHS = [p for p in PATHS if p[0][0] in ("company", "negotiation", "key_accounts")]
"""The fields a whole game reads beyond its first round: the company's costs and authority, the
negotiation table and the key accounts."""


@settings(max_examples=WHOLE_GAME_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(mutations(BASE, DEAL_PATHS), st.sampled_from(["heuristic", "random"]),
       st.integers(0, 2**16))
def test_a_scenario_that_loads_plays_a_whole_game(data: dict[str, Any], bot: str,
                                                  seed: int) -> None:
    """What the loader accepts, the game can play to the end: negotiations, deliveries and
    reviews included (a service level without a cost once loaded and then failed at the first
    key-account talks)."""
    text = yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False)
    try:
        scenario = load_scenario_text(text, "fuzz.yaml")
    except ScenarioError:
        return
    game = Game(scenario, seed=seed)
    play(game, make_bot(bot, seed))
    assert game.view().phase == "debrief"


def test_every_schema_field_can_be_drawn() -> None:
    names = {path[-1] for path, _, _ in PATHS}
    assert {"delivery_cost", "customers", "volume", "hazard_per_week", "revenue"} <= names
    assert len(PATHS) > 100
