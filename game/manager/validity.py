"""The validity study on the manager track: synthetic managers of known skill lead the team of a
manager scenario; do the manager rubric's scores follow the skill? The same figures and bars as
the rep track's study (``game.assessment.study``): convergent and discriminant rho, test-retest
ICC(2,1) across seeds, SEM, and the composite's rho with team profit."""

from __future__ import annotations

import time
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.assessment.rubric import assessed_competencies
from game.assessment.study import GameResult, run_jobs, summarise
from game.manager.synthetic import MANAGER_SKILLS, SyntheticManager, draw_manager_theta
from game.sim.rng import stream
from game.text.progress import bar

STUDY_SALT = "manager-validity-study"


@dataclass(frozen=True)
class ManagerJob:
    scenario_path: str
    trainee: int
    theta: tuple[tuple[str, float], ...]
    seed: int


def play_manager_job(job: ManagerJob) -> GameResult:
    """Play and score one game of the study (runs in a worker process)."""
    from game.manager.bots import play_manager
    from game.manager.scoring import manager_scores
    from game.manager.study import new_game

    game = new_game(job.scenario_path, job.seed)
    play_manager(game, SyntheticManager(dict(job.theta), seed=job.seed, label=f":{job.trainee}"))
    found = manager_scores(game)
    return GameResult(job.trainee, job.seed, {c.id: c.score for c in found},
                      float(game.totals()["profit"]), {c.id: c.occasions for c in found},
                      {i.id: i.value for c in found for i in c.indicators},
                      {i.id: i.occasions for c in found for i in c.indicators})


def manager_jobs(path: str | Path, managers: int, seeds: Sequence[int],
                 study_seed: int = 0) -> list[ManagerJob]:
    rng = stream(study_seed, STUDY_SALT)
    out = []
    for t in range(managers):
        theta = tuple(sorted(draw_manager_theta(rng).items()))
        out += [ManagerJob(str(path), t, theta, s) for s in seeds]
    return out


def manager_study(path: str | Path, managers: int = 200, seeds: Sequence[int] | None = None,
                  executor: Executor | None = None, workers: int = 2, progress: bool = False,
                  study_seed: int = 0) -> dict[str, Any]:
    """The whole study on one manager scenario (seeds: its seed and the next one)."""
    from game import ENGINE_VERSION
    from game.manager.loader import load_manager
    from game.manager.scoring import load_rubric, rubric_sha256

    manager, _, manager_sha = load_manager(path)
    if seeds is None:
        seeds = [manager.seed, manager.seed + 1]
    jobs = manager_jobs(path, managers, seeds, study_seed)
    start = time.perf_counter()
    results = run_jobs(jobs, executor, workers, bar("games", force=True) if progress else None,
                       play=play_manager_job)
    rubric = load_rubric()
    summary = summarise(jobs, results, [c.id for c in rubric.competencies], MANAGER_SKILLS,
                        indicators_of={c.id: [r.indicator for r in c.indicators]
                                       for c in rubric.competencies},
                        assessed=assessed_competencies(
                            ((c.id, c.cw) for c in rubric.competencies), manager.courseware),
                        min_occasions={c.id: rubric.min_occasions for c in rubric.competencies})
    summary["seconds"] = round(time.perf_counter() - start, 1)
    summary["scenario"] = str(path)
    summary.update(scenario_id=manager.id, scenario_sha256=manager_sha,
                   rubric_sha256=rubric_sha256(), engine_version=ENGINE_VERSION)
    summary["track"] = "manager"
    return summary
