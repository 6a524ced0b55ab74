"""The manager scenario format: the shipped scenarios load, and a mistake gets one message with
file, line, column and a hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.manager.loader import is_manager_file, load_manager
from game.scenario.errors import ScenarioError

from .conftest import EAST, KEY, ROOT


@pytest.mark.parametrize("path", [EAST, KEY], ids=["east", "key"])
def test_shipped_manager_scenarios_load_with_their_territory(path: Path) -> None:
    scenario, territory, sha = load_manager(path)
    assert is_manager_file(path)
    assert len(sha) == 64
    assert {r.region for r in scenario.team} <= {r.id for r in scenario.regions}
    assert len(scenario.team) < len(scenario.regions)  # each starts with a seat to fill
    assert territory.key_accounts


def test_one_shipped_manager_scenario_is_chinese_first() -> None:
    text = EAST.read_text(encoding="utf-8")
    assert text.index("zh:") < text.index("en:")


def test_a_rep_scenario_is_not_taken_for_a_manager_one() -> None:
    assert not is_manager_file(ROOT / "scenarios" / "east-china-territory.yaml")
    assert not is_manager_file(ROOT / "no-such-file.yaml")


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = KEY.read_text(encoding="utf-8").replace(old, new, 1)
    path = tmp_path / "manager" / "team.yaml"
    path.parent.mkdir()
    path.write_text(text.replace("../key-account-deals.yaml",
                                 str(KEY.parent.parent / "key-account-deals.yaml")),
                    encoding="utf-8")
    return path


def _only_problem(path: Path):
    with pytest.raises(ScenarioError) as caught:
        load_manager(path)
    problems = caught.value.problems
    assert len(problems) == 1
    return problems[0]


def test_shares_that_do_not_add_up_are_pointed_at(tmp_path: Path) -> None:
    path = _broken(tmp_path, "share: 0.25}", "share: 0.35}")
    problem = _only_problem(path)
    assert problem.path == str(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[problem.line - 1].startswith("regions:") or "- {id:" in lines[problem.line - 1]
    assert "add up to 1" in problem.message and "1.100" in problem.message
    assert problem.hint_in("en") and problem.hint_in("zh") != problem.hint_in("en")
    assert "份额" in problem.message_in("zh")


def test_a_rep_in_an_unknown_region_is_pointed_at_its_line(tmp_path: Path) -> None:
    path = _broken(tmp_path, "region: central", "region: east")
    problem = _only_problem(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "unknown region 'east'" in problem.message
    assert "region: east" in "\n".join(lines[problem.line - 3:problem.line + 3])


def test_a_skill_outside_zero_to_one_is_refused(tmp_path: Path) -> None:
    problem = _only_problem(_broken(tmp_path, "negotiation-quoting: 0.7", "negotiation-quoting: 1.7"))
    assert "between 0 and 1" in problem.message


def test_a_missing_territory_is_reported_at_its_key(tmp_path: Path) -> None:
    text = KEY.read_text(encoding="utf-8").replace("../key-account-deals.yaml", "gone.yaml")
    path = tmp_path / "team.yaml"
    path.write_text(text, encoding="utf-8")
    problem = _only_problem(path)
    assert "gone.yaml" in problem.message
    assert path.read_text(encoding="utf-8").splitlines()[problem.line - 1].startswith("territory:")
