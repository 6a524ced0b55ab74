"""HR figures compare like with like: first and latest within one scenario and mode, and a
cohort's scenarios and modes reported apart."""

from __future__ import annotations

from game.records.autoplay import autoplay
from game.records.cohort import CohortFilter
from game.records.report_data import cohort_groups, trainee_data
from game.records.store import Store


def test_first_and_latest_are_compared_within_the_latest_attempts_scenario_and_mode(tmp_path,
                                                                                   small):
    with Store.open(tmp_path) as store:
        autoplay(store, small, scenario_sha256="", bot="expert", seed=1, trainee="t-1",
                 mode="practice")
        autoplay(store, small, scenario_sha256="", bot="novice", seed=2, trainee="t-1",
                 mode="assessment")
        only_one = trainee_data(store, "t-1")
        assert [a.session.mode for a in only_one.comparable] == ["assessment"]
        assert all(r.first is None and r.change is None for r in only_one.rows)
        autoplay(store, small, scenario_sha256="", bot="intermediate", seed=3, trainee="t-1",
                 mode="assessment")
        data = trainee_data(store, "t-1")
        assert data.first is not None and data.first.session.seed == 2  # not the practice game
        novice = {c: s for c, s in data.first.competency_scores().items()}
        assert all(r.first == novice[r.id] for r in data.rows)


def test_a_cohort_of_two_modes_is_two_groups_each_with_its_own_targets(tmp_path, small):
    with Store.open(tmp_path) as store:
        for seed, mode in ((1, "practice"), (2, "assessment"), (3, "practice")):
            autoplay(store, small, scenario_sha256="", bot="heuristic", seed=seed,
                     trainee=f"t-{seed}", mode=mode)
        groups = cohort_groups(store, CohortFilter.parse("all"))
    assert [(g.case, len(g.attempts)) for g in groups] == [
        ((small.id, "assessment"), 1), ((small.id, "practice"), 2)]
