"""The study runs on any concurrent.futures.Executor and gives the same figures on each."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from game.assessment.study import jobs_for, run_jobs

RIVERSIDE = Path(__file__).resolve().parents[2] / "scenarios" / "riverside-first-territory.yaml"


def _jobs():
    return jobs_for(RIVERSIDE, trainees=3, seeds=[11, 12], study_seed=4)


def test_a_thread_pool_and_a_process_pool_agree() -> None:
    jobs = _jobs()
    with ThreadPoolExecutor(max_workers=2) as pool:
        threads = run_jobs(jobs, executor=pool)
    processes = run_jobs(jobs, workers=2)
    assert threads == processes
    assert [(r.trainee, r.seed) for r in threads] == [(j.trainee, j.seed) for j in jobs]


def test_a_dask_local_cluster_gives_the_same_games() -> None:
    distributed = pytest.importorskip("distributed")
    jobs = _jobs()
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        on_dask = run_jobs(jobs, executor=client.get_executor())
    assert on_dask == run_jobs(jobs, workers=1)
