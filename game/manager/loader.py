"""Loading a manager-track scenario and the territory its reps play."""

from __future__ import annotations

from pathlib import Path

import yaml

from game.manager.models import ManagerScenario
from game.scenario.errors import Problem, ScenarioError, error
from game.scenario.loader import load_file, parse_tree
from game.scenario.messages import msg
from game.scenario.models import Scenario


def is_manager_file(path: str | Path) -> bool:
    """Whether the YAML at ``path`` says ``track: manager`` at its top (a cheap look, no
    validation: the loaders report what is wrong)."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            head = handle.read(4096)
    except (OSError, UnicodeDecodeError):
        return False
    for line in head.splitlines():
        if line.startswith("track:"):
            try:
                return yaml.safe_load(line) == {"track": "manager"}
            except yaml.YAMLError:
                return False
    return False


def load_manager(path: str | Path) -> tuple[ManagerScenario, Scenario, str]:
    """The manager scenario at ``path``, its territory and the sha256 of the manager file;
    raises ScenarioError (with file, line and column) for either file."""
    scenario, sha = load_file(path, ManagerScenario)
    where = Path(path).parent / scenario.territory
    if not where.is_file():
        tree = parse_tree(Path(path).read_bytes(), str(path))
        line, col = tree.position(("territory",))
        raise ScenarioError([error(str(path), line, col, "E105",
                                   msg("manager.territory_missing", path=scenario.territory),
                                   msg("E105.agree_hint"))])
    territory, _ = load_file(where, Scenario)
    return scenario, territory, sha


def check_manager_file(path: str | Path) -> list[Problem]:
    """What ``validate`` reports for a manager scenario: the loader's problems (its own and its
    territory's), then the lint warnings of ``game.manager.lint``."""
    from game.manager.lint import check_manager

    return check_manager(path)
