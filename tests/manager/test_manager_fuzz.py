"""Schema-valid manager scenarios never end in a traceback: validate and lint, then one round of
the team game. Each example is the key-account team with one field, anywhere in the manager
schema, set to a value its declared type and range allow; a value that breaks a rule across
fields must come back as positioned problems."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from game.manager.actions import EndRound
from game.manager.game import ManagerGame
from game.manager.lint import check_manager
from game.manager.loader import load_manager
from game.manager.models import ManagerScenario
from game.scenario.errors import ScenarioError
from tests.scenario.test_scenario_fuzz import _field_paths, mutations

ROOT = Path(__file__).resolve().parents[2]
TEAM = ROOT / "scenarios" / "manager" / "key-account-team.yaml"
BASE: dict[str, Any] = yaml.safe_load(TEAM.read_text(encoding="utf-8"))
PATHS = _field_paths(ManagerScenario, BASE, ())
EXAMPLES = int(os.environ.get("MANAGER_FUZZ_EXAMPLES", "150"))
"""150 examples in the suite (about 10 s on one core); MANAGER_FUZZ_EXAMPLES sets another count."""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the territory beside a ``manager`` folder, as the shipped files sit, its market
    made small so one round stays fast."""
    root = tmp_path_factory.mktemp("fuzz")
    territory = yaml.safe_load((ROOT / "scenarios" / "key-account-deals.yaml").read_text("utf-8"))
    territory["market"]["customers"] = 80
    (root / "key-account-deals.yaml").write_text(
        yaml.safe_dump(territory, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (root / "manager").mkdir()
    return root / "manager"


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=mutations(BASE, PATHS))
def test_schema_valid_manager_scenarios_validate_lint_and_play_a_round_without_traceback(
        folder: Path, data: dict[str, Any]) -> None:
    path = folder / "team.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    problems = check_manager(path)  # validate + lint: positioned problems only
    assert all(p.line >= 1 and p.column >= 1 and p.message and p.hint for p in problems)
    try:
        scenario, territory, _ = load_manager(path)
    except ScenarioError as refused:
        assert any(p.severity == "error" for p in problems), refused
        return
    game = ManagerGame(scenario, territory, seed=1)
    game.apply(EndRound())
    assert game.round == 2 or game.over


def test_every_manager_schema_field_can_be_drawn() -> None:
    names = {path[-1] for path, _, _ in PATHS}
    assert {"share", "skills", "hire_cost", "variable_share", "hours_per_round", "value"} <= names
