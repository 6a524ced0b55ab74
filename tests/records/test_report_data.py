"""HR figures compare like with like: first and latest within one scenario and mode, and a
cohort's scenarios and modes reported apart."""

from __future__ import annotations

import pytest

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


def test_a_drills_report_marks_the_competencies_it_does_not_set_out_to_assess(tmp_path, small):
    from pathlib import Path

    from game.reports.hr_page import trainee_html
    from game.scenario.loader import load_scenario

    drill, sha = load_scenario(Path(__file__).resolve().parents[2] / "scenarios" / "drills"
                               / "drill-risk.yaml")
    with Store.open(tmp_path) as store:
        autoplay(store, drill, scenario_sha256=sha, bot="expert", seed=1, trainee="t-1")
        autoplay(store, small, scenario_sha256="", bot="expert", seed=1, trainee="t-2")
        data, whole = trainee_data(store, "t-1"), trainee_data(store, "t-2")
    # the risk drill names CW-50 alone: contract and risk; a territory naming every section, all
    assert [r.id for r in data.rows if r.assessed] == ["contract-risk"]
    assert all(r.assessed for r in whole.rows)
    en, zh = trainee_html(data, "en", "now"), trainee_html(data, "zh", "now")
    assert "* Not what this scenario sets out to assess" in en
    assert "* 本场景并不考核这些能力项" in zh and zh.count('<span class="muted">*</span>') == 6
    assert "* Not what this scenario" not in trainee_html(whole, "en", "now")


def test_the_courseware_is_read_from_the_scenario_text_kept_with_the_session():
    from game.records.report_data import scenario_courseware

    assert scenario_courseware("id: x\ncourseware: [CW-40, CW-43]\n") == ["CW-40", "CW-43"]
    assert scenario_courseware("id: x\n") == []  # names none: every competency is assessed
    assert scenario_courseware("{ unclosed") == []


def test_a_drill_passed_on_what_it_assesses_is_not_reported_below_target(tmp_path):
    from pathlib import Path

    from game.reports.hr_page import trainee_html
    from game.scenario.loader import load_scenario

    drill, sha = load_scenario(Path(__file__).resolve().parents[2] / "scenarios" / "drills"
                               / "drill-risk.yaml")
    with Store.open(tmp_path) as store:
        autoplay(store, drill, scenario_sha256=sha, bot="intermediate", seed=3, trainee="t-1")
        data = trainee_data(store, "t-1")
        stored = store.scores(store.sessions("t-1")[-1].id)
    goal = data.target["score"]
    rows = {r.id: r for r in data.rows}
    # the game: contract and risk (what the drill assesses) at target, customer analysis not
    assert rows["contract-risk"].assessed and rows["contract-risk"].latest >= goal
    assert not rows["customer-analysis"].assessed and rows["customer-analysis"].latest < goal
    assert stored["passed"] is False  # the stored verdict (for the LRS) counts every competency
    en, zh = trainee_html(data, "en", "now"), trainee_html(data, "zh", "now")
    assert "at target on every competency this scenario assesses" in en
    assert "below target on at least one competency" not in en
    assert "本场景考核的各项胜任力均达到目标" in zh


def test_each_score_in_a_report_carries_the_error_of_its_own_game_s_evidence(tmp_path, small):
    """With a study that measured how one game's error goes with its occasions, a trainee's
    latest score is shown with the error its own game's occasions give it, and its change since
    the first attempt is judged against both attempts' errors; HR's method says so."""
    import json
    import math

    from game.records.measurement import load_validity
    from game.reports.hr_page import trainee_html

    with Store.open(tmp_path) as store:
        autoplay(store, small, scenario_sha256="", bot="novice", seed=2, trainee="t-1")
        autoplay(store, small, scenario_sha256="", bot="expert", seed=3, trainee="t-1")
        plain = trainee_data(store, "t-1")
        ids = [r.id for r in plain.rows]
        curve = {"base": 0.001, "per_occasion": 0.09, "occasions": [1, 60], "pairs": 200}
        report = {"command": "study", "scenario_id": small.id, "trainees": 200, "seeds": [1, 2],
                  "competencies": {c: {"icc": 0.8, "sem": 0.1, "sd": 0.2, "scored_games": 400,
                                       "sem_curve": curve} for c in ids}}
        path = tmp_path / "study.json"
        path.write_text(json.dumps(report), encoding="utf-8")
        data = trainee_data(store, "t-1", load_validity(path))
    latest = {r.id: r.occasions for r in plain.rows}  # the latest game's, with no study
    earlier = data.first.scores["assessment"]["competencies"]
    earlier = {c["id"]: c["occasions"] for c in earlier}
    scored = [r for r in data.rows if r.latest is not None and r.occasions]
    assert scored and any(r.change is not None for r in scored)
    for r in scored:
        at = math.sqrt(0.001 + 0.09 / min(max(r.occasions, 1), 60))
        assert r.occasions == latest[r.id] and r.sem.value == pytest.approx(at)
        if r.change is not None:
            then = math.sqrt(0.001 + 0.09 / min(max(earlier[r.id], 1), 60))
            assert r.sem.real_gap() == pytest.approx(1.96 * math.sqrt(at**2 + then**2))
            assert r.real == (abs(r.change) > r.sem.real_gap())
    assert len({round(r.sem.value, 6) for r in scored}) > 1  # the evidence differs, so does it
    assert "SEM is for the occasions its own game gave" in trainee_html(data, "en", "now")
    assert "√(a + b/n)" in trainee_html(data, "zh", "now")
