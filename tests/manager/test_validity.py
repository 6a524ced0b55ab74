"""A small version of the manager validity study (``python main.py study`` on a manager scenario
runs 200 managers): synthetic managers decide from the view alone, and the scores follow their
skills."""

from __future__ import annotations

import ast

from game.manager.loader import load_manager
from game.manager.synthetic import MANAGER_SKILLS
from game.manager.validity import manager_study

from .conftest import KEY, ROOT


def test_the_scores_follow_the_managers_skills() -> None:
    summary = manager_study(KEY, managers=14, workers=2)
    assert summary["track"] == "manager" and summary["games"] == 28
    # the HR reports take a session's measurement error from the study of its scenario
    assert summary["scenario_id"] == load_manager(KEY)[0].id
    comps = summary["competencies"]
    assert set(comps) == set(MANAGER_SKILLS)
    for c, s in comps.items():
        assert s["scored_games"] >= 20, c
        assert s["convergent_rho"] is not None and s["convergent_rho"] > s["discriminant_max_rho"], c
    assert sum(s["convergent_rho"] for s in comps.values()) / len(comps) > 0.4
    # each competency's indicators are measured too, so a short one shows what holds it back
    from game.manager.scoring import load_rubric

    for spec in load_rubric().competencies:
        found = comps[spec.id]["indicators"]
        assert list(found) == [r.indicator for r in spec.indicators]
        assert all(0 < f["judged_games"] <= 28 for f in found.values()), spec.id


def test_synthetic_managers_never_import_the_game_or_the_scoring() -> None:
    tree = ast.parse((ROOT / "game" / "manager" / "synthetic.py").read_text(encoding="utf-8"))
    imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module]
    assert imported
    assert not [m for m in imported if m.startswith(("game.manager.game", "game.manager.scoring",
                                                     "game.assessment", "game.engine"))]
