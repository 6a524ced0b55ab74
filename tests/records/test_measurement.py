"""Where a score's measurement error comes from: the validity study of the scenario played, else
its validity lab, else the cohort with the documented assumed reliability."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from game.records.errors import RecordsError
from game.records.measurement import load_validity, sems, shipped_validity
from game.records.scoring import settings

COHORT = {"negotiation-quoting": [0.2, 0.4, 0.5, 0.6, 0.8, 0.3]}


def study_report(scenario_id: str, icc: float | None = 0.64, sem: float | None = 0.09) -> dict:
    """A study's JSON as ``python main.py study --json`` writes it (the fields read here)."""
    return {"command": "study", "scenario": f"scenarios/{scenario_id}.yaml",
            "scenario_id": scenario_id, "trainees": 200, "seeds": [1, 2],
            "competencies": {"negotiation-quoting": {
                "convergent_rho": 0.8, "discriminant_max_rho": 0.2, "icc": icc, "sem": sem,
                "sd": 0.15, "scored_games": 396}}}


def lab_report(scenario_id: str | None) -> dict:
    """A lab's JSON (the fields read here): one competency, two tiers of ten runs."""
    report = {"command": "lab", "competencies": [{"id": "negotiation-quoting", "icc21": 0.91,
              "tiers": {"novice": {"mean": 0.2, "sd": 0.1, "n": 10},
                        "expert": {"mean": 0.8, "sd": 0.1, "n": 10}}}]}
    if scenario_id is not None:
        report["scenario"] = scenario_id
    return report


def write(tmp_path: Path, name: str, data: object) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_study_gives_its_own_sem_for_its_scenario_only(tmp_path):
    validity = load_validity(write(tmp_path, "study.json", study_report("riverside")))
    sem = sems(["negotiation-quoting"], COHORT, validity, "riverside")["negotiation-quoting"]
    assert (sem.value, sem.reliability, sem.source, sem.n, sem.trainees) == (
        0.09, 0.64, "validity-study", 396, 200)
    # a game of another scenario is not measured by it: the cohort and the assumed r stand in
    other = sems(["negotiation-quoting"], COHORT, validity, "east-china")["negotiation-quoting"]
    r = float(settings()["reliability"])
    sd = math.sqrt(sum((x - 0.4666667) ** 2 for x in COHORT["negotiation-quoting"]) / 5)
    assert other.source == "cohort"
    assert other.value == pytest.approx(sd * math.sqrt(1 - r), rel=1e-5)


def test_a_study_of_another_text_of_the_scenario_or_rubric_does_not_apply(tmp_path):
    report = study_report("riverside") | {"scenario_sha256": "s1", "rubric_sha256": "r1"}
    validity = load_validity(write(tmp_path, "study.json", report))

    def source(*played: tuple[str, str]) -> str:
        return sems(["negotiation-quoting"], COHORT, validity, "riverside",
                    played)["negotiation-quoting"].source

    assert source(("s1", "r1"), ("s1", "r1")) == "validity-study"
    assert source(("s1", "")) == "cohort"  # a game that does not say what scored it
    assert source(("s2", "r1")) == "cohort"  # the trainer edited the scenario since
    assert source(("s1", "r2")) == "cohort"  # scored by another rubric
    assert source(("s1", "r1"), ("s2", "r1")) == "cohort"  # a group with one game that differs


def test_each_text_of_a_scenario_is_measured_by_its_own_study(tmp_path):
    shipped = study_report("riverside", sem=0.05) | {"scenario_sha256": "s1", "rubric_sha256": "r"}
    edited = study_report("riverside", sem=0.12) | {"scenario_sha256": "s2", "rubric_sha256": "r"}
    validity = load_validity([write(tmp_path, "a.json", shipped), write(tmp_path, "b.json", edited)])
    for sha, sem in (("s1", 0.05), ("s2", 0.12)):
        got = sems(["negotiation-quoting"], COHORT, validity, "riverside", [(sha, "r")])
        assert got["negotiation-quoting"].value == sem


def test_the_study_wins_over_the_lab_of_the_same_scenario_in_any_order(tmp_path):
    study, lab = write(tmp_path, "s.json", study_report("riverside")), \
        write(tmp_path, "l.json", lab_report("riverside"))
    for order in ([study, lab], [lab, study]):
        got = sems(["negotiation-quoting"], COHORT, load_validity(order), "riverside")
        assert got["negotiation-quoting"].source == "validity-study"


def test_a_lab_that_names_no_scenario_counts_for_any(tmp_path):
    validity = load_validity(write(tmp_path, "lab.json", lab_report(None)))
    sem = sems(["negotiation-quoting"], COHORT, validity, "anything")["negotiation-quoting"]
    sd = math.sqrt((9 * 0.01 * 2 + 10 * 0.09 * 2) / 19)  # the two tiers pooled
    assert sem.source == "validity-lab" and sem.n == 20
    assert sem.value == pytest.approx(sd * math.sqrt(1 - 0.91))


def test_a_list_of_studies_measures_each_scenario_from_its_own(tmp_path):
    path = write(tmp_path, "all.json", [study_report("a", sem=0.05), study_report("b", sem=0.11)])
    validity = load_validity(path)
    assert sems(["negotiation-quoting"], COHORT, validity, "a")["negotiation-quoting"].value == 0.05
    assert sems(["negotiation-quoting"], COHORT, validity, "b")["negotiation-quoting"].value == 0.11


def test_a_competency_the_study_could_not_measure_falls_back_to_the_cohort(tmp_path):
    validity = load_validity(write(tmp_path, "s.json", study_report("a", icc=None, sem=None)))
    assert sems(["negotiation-quoting"], COHORT, validity, "a")["negotiation-quoting"].source \
        == "cohort"


@pytest.mark.parametrize(("data", "key"), [
    ([], "validity_not_report"),
    ({"competencies": 3}, "validity_not_report"),
    ({k: v for k, v in study_report("a").items() if k != "scenario_id"}, "validity_study_unnamed"),
])
def test_a_file_that_is_no_validity_report_is_refused_with_a_hint(tmp_path, data, key):
    path = write(tmp_path, "bad.json", data)
    with pytest.raises(RecordsError) as err:
        load_validity(path)
    assert err.value.key == key and err.value.hint and str(path) in str(err.value)
    assert err.value.message_in("zh") != err.value.message_in("en")


ROOT = Path(__file__).resolve().parents[2]


def _shipped_studies() -> dict[str, dict]:
    out = {}
    for path in shipped_validity():
        report = json.loads(path.read_text(encoding="utf-8"))
        assert path.stem == report["scenario_id"], path
        out[report["scenario_id"]] = report
    return out


def test_every_shipped_scenario_ships_the_study_of_its_text_and_rubric():
    """HR's measurement error for the shipped cases and drills is measured, not assumed; a
    change to a scenario or a rubric fails here until its study is run again."""
    from game import ENGINE_VERSION
    from game.assessment.assess import standard_rubric
    from game.manager.loader import load_manager
    from game.manager.scoring import rubric_sha256
    from game.scenario.loader import load_scenario

    studies = _shipped_studies()
    cases = [(p, *load_scenario(p), standard_rubric()[1])
             for p in [*sorted((ROOT / "scenarios").glob("*.yaml")),
                       *sorted((ROOT / "scenarios" / "drills").glob("*.yaml"))]]
    manager_sha = rubric_sha256()
    cases += [(p, m, sha, manager_sha)
              for p in sorted((ROOT / "scenarios" / "manager").glob("*.yaml"))
              for m, _, sha in [load_manager(p)]]
    assert len(cases) == len(studies) == 13  # three cases, eight drills, two teams
    for path, scenario, sha, rubric_sha in cases:
        again = (f"run: python main.py study {path.relative_to(ROOT)} --json > "
                 f"scenarios/validity/{scenario.id}.json")
        report = studies.get(scenario.id)
        assert report is not None, again
        assert report["scenario_sha256"] == sha and report["rubric_sha256"] == rubric_sha, again
        assert report["engine_version"].split(".")[0] == ENGINE_VERSION.split(".")[0], again
        assert report["trainees"] >= 200 and len(report["seeds"]) >= 2, again
        validity = load_validity(shipped_validity())
        measured = sems(list(report["competencies"]), {}, validity, scenario.id,
                        [(sha, rubric_sha)])
        for cid, figures in report["competencies"].items():
            expected = "validity-study" if figures["icc"] is not None else "none"
            assert measured[cid].source == expected, (scenario.id, cid)


def test_one_game_of_a_shipped_scenario_gets_the_error_its_study_measured():
    """The window shows a trainee's score with the SEM the shipped study measured for the text
    played; a competency the study could not measure, or another text (an edited copy), gets
    none rather than an assumed one."""
    from game.assessment.assess import standard_rubric
    from game.records.measurement import measured_sems
    from game.scenario.loader import load_scenario

    scenario, sha = load_scenario(ROOT / "scenarios" / "riverside-first-territory.yaml")
    rubric = standard_rubric()[1]
    report = _shipped_studies()[scenario.id]
    ids = list(report["competencies"])
    found = measured_sems(ids, scenario.id, (sha, rubric))
    assert set(found) == {c for c, f in report["competencies"].items() if f["icc"] is not None}
    for cid, sem in found.items():
        assert sem.value == report["competencies"][cid]["sem"]
        assert sem.real_gap() == pytest.approx(1.96 * math.sqrt(2) * sem.value)
    assert measured_sems(ids, scenario.id, ("0" * 64, rubric)) == {}
    assert measured_sems(ids, scenario.id, (sha, "0" * 64)) == {}


def test_a_competency_its_study_could_not_measure_gets_no_error_in_the_window(tmp_path, monkeypatch):
    """A study without an ICC for a competency (too few trainees with evidence on every seed)
    gives that competency no error bar, and the others theirs."""
    from game.records import measurement

    one = study_report("riverside", icc=None, sem=None)
    one["competencies"]["customer-analysis"] = dict(one["competencies"]["negotiation-quoting"],
                                                    icc=0.8, sem=0.06)
    one |= {"scenario_sha256": "s1", "rubric_sha256": "r1"}
    validity = load_validity(write(tmp_path, "study.json", one))
    monkeypatch.setattr(measurement, "_shipped", lambda: validity)
    found = measurement.measured_sems(["negotiation-quoting", "customer-analysis"], "riverside",
                                      ("s1", "r1"))
    assert set(found) == {"customer-analysis"} and found["customer-analysis"].value == 0.06


def test_a_damaged_shipped_study_gives_no_error_bars_instead_of_failing(monkeypatch):
    """The window, the manager window and the class pages all read the shipped studies through
    ``measured_sems``: a file that cannot be read leaves the scores alone rather than stopping
    them."""
    from game.records import measurement

    def damaged():
        raise RecordsError.said("scenarios/validity/x.json", "validity_not_report")

    monkeypatch.setattr(measurement, "_shipped", damaged)
    assert measurement.measured_sems(["negotiation-quoting"], "riverside", ("s1", "r1")) == {}


def test_a_score_s_error_follows_the_evidence_its_own_game_gave(tmp_path):
    """Where the study measured how one game's error shrinks with its occasions, a score on few
    occasions is given the larger error, one on many the smaller, held within the range the study
    saw; two attempts on different evidence differ for real beyond 1.96 sqrt(SEM1^2 + SEM2^2)."""
    report = study_report("riverside")
    report["competencies"]["negotiation-quoting"]["sem_curve"] = {
        "base": 0.0004, "per_occasion": 0.06, "occasions": [3, 30], "pairs": 198}
    validity = load_validity(write(tmp_path, "study.json", report))
    sem = sems(["negotiation-quoting"], COHORT, validity, "riverside")["negotiation-quoting"]
    assert sem.value == 0.09  # the study's one figure, for a score whose evidence is not known
    assert sem.at(None) == 0.09
    assert sem.at(3) == pytest.approx(math.sqrt(0.0004 + 0.06 / 3))
    assert sem.at(30) == pytest.approx(math.sqrt(0.0004 + 0.06 / 30))
    assert sem.at(1) == sem.at(3) and sem.at(90) == sem.at(30)  # not beyond what it measured
    thin, rich = sem.for_scores(4), sem.for_scores(24)
    assert thin.value > 2 * rich.value
    assert thin.real_gap() == pytest.approx(1.96 * math.sqrt(2) * thin.value)
    change = sem.for_scores(24, earlier=4)
    assert change.real_gap() == pytest.approx(1.96 * math.sqrt(sem.at(24) ** 2 + sem.at(4) ** 2))
    assert change.real_change(0.2) is False and rich.real_change(0.2) is True
    # a study without the curve, or a lab, keeps its one figure whatever the evidence
    plain = load_validity(write(tmp_path, "plain.json", study_report("riverside")))
    one = sems(["negotiation-quoting"], COHORT, plain, "riverside")["negotiation-quoting"]
    assert one.for_scores(4) == one and one.for_scores(24, earlier=4).real_gap() == \
        pytest.approx(1.96 * math.sqrt(2) * 0.09)
