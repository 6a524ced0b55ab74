"""The validity lab: parallel runs, statistics per competency, checks, JSON and text output."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.assessment.lab import Run, carried_by, competency_stats, describe_failures, run_lab
from game.assessment.lab_text import TEXT_FILE, lab_json, lab_table
from game.assessment.rubric import load_rubric
from game.bots.registry import GAMING, GRADED, make_bot

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def report(shipped_path):
    return run_lab(shipped_path, runs=4, workers=2, customers=600)


def test_the_lab_reports_every_competency_for_every_bot(report):
    rubric, _ = load_rubric()
    assert [c.id for c in report.competencies] == [c.id for c in rubric.competencies]
    assert report.seeds == [1, 2, 3, 4] and report.workers == 2 and report.customers == 600
    for c in report.competencies:
        assert set(c.tiers) == set(GRADED) | set(GAMING)
        assert [(a["lower"], a["upper"]) for a in c.adjacent] == [
            ("novice", "intermediate"),
            ("intermediate", "expert"),
        ]
        # a seed pair counts when both its games were scored: every tier always is, a gaming
        # bot that gave the rubric too little to judge may not be
        runs = len(report.seeds)
        scored = {b for b, t in c.tiers.items() if t["n"] == runs}
        partly = {b for b, t in c.tiers.items() if 0 < t["n"] < runs}
        assert set(GRADED) <= scored
        assert 2 * len(scored) <= c.icc_pairs <= 2 * len(scored) + len(partly)
        assert {g["bot"] for g in c.gaming} == set(GAMING)


def test_parallel_and_serial_runs_agree(report, shipped_path):
    serial = run_lab(shipped_path, runs=4, workers=1, customers=600)
    assert lab_json(serial)["competencies"] == lab_json(report)["competencies"]


def test_the_expert_leads_the_novice_even_on_a_few_seeds(report):
    for c in report.competencies:
        assert c.tiers["expert"]["mean"] > c.tiers["novice"]["mean"], c.id


def test_ending_every_talk_cleanly_without_negotiating_is_no_professionalism(report):
    # a rep that quotes once and leaves meets none of the situations professionalism judges
    # (escalating, stalling, agreements, dilemmas in talks), but it is not the better professional
    pe = next(c for c in report.competencies if c.id == "professionalism-ethics")
    assert pe.tiers["quote-and-leave"]["mean"] <= pe.tiers["novice"]["mean"]


@pytest.mark.parametrize("path", sorted((ROOT / "scenarios").glob("*.yaml")), ids=lambda p: p.stem)
def test_no_gaming_bot_scores_above_the_novice_on_a_shipped_scenario(path):
    """Every trick and every do-little rep scores at or below the novice on every competency
    the scenario assesses, paired on the lab's default thirty seeds of the scenario as shipped
    (the lab's own check: beyond twice the standard error of the seeds' luck is above it)."""
    report = run_lab(path, runs=30, workers=2)
    above = [(c.id, g["bot"], round(g["mean"], 3), round(g["novice"], 3))
             for c in report.competencies if c.assessed for g in c.gaming if not g["pass"]]
    assert not above, above


def test_gaming_bots_name_competencies_of_the_rubric():
    rubric, _ = load_rubric()
    ids = {c.id for c in rubric.competencies}
    for name in GAMING:
        targets = make_bot(name, 0).targets
        assert targets and set(targets) <= ids


def _runs(values: dict[str, list[float | None]]) -> list[Run]:
    return [
        Run(bot, seed, {"c": v}, {}, None)
        for bot, vs in values.items()
        for seed, v in enumerate(vs)
    ]


def test_the_checks_flag_a_gaming_bot_above_the_novice_and_unordered_tiers():
    runs = _runs(
        {
            "novice": [0.1, 0.2, 0.1, 0.2],
            "intermediate": [0.5, 0.6, 0.5, 0.6],
            "expert": [0.4, 0.5, 0.4, 0.5],
            "gamer": [0.3, 0.3, 0.3, 0.3],
        }
    )
    stats = competency_stats(
        "c", runs, ["novice", "intermediate", "expert"], {"gamer": ("c",)}, [0, 1, 2, 3]
    )
    assert not stats.ordered and not stats.passed
    assert stats.adjacent[0]["pass"] and not stats.adjacent[1]["pass"]
    assert not stats.gaming[0]["pass"]


def test_a_gaming_bot_scored_on_other_seeds_than_the_novice_is_judged_on_the_means():
    # the novice had the evidence for a score on seeds 0 and 1 only, the gamers on 2 and 3 only:
    # no seed to pair on, so a gamer at the floor passes and one above the novice's mean fails
    runs = _runs({
        "novice": [0.1, 0.0, None, None],
        "intermediate": [0.5, 0.6, 0.5, 0.6],
        "expert": [0.9, 1.0, 0.9, 1.0],
        "floor": [None, None, 0.0, 0.0],
        "above": [None, None, 0.3, 0.2],
    })
    stats = competency_stats("c", runs, ["novice", "intermediate", "expert"],
                             {"floor": ("c",), "above": ("c",)}, [0, 1, 2, 3])
    verdict = {g["bot"]: g["pass"] for g in stats.gaming}
    assert verdict == {"floor": True, "above": False}


def test_a_tier_that_never_gave_evidence_is_named_not_reported_as_disorder():
    # a novice without the evidence for a score on any seed: the lab fails the competency and
    # says why, instead of "not ordered" and a separation of nan
    runs = _runs({
        "novice": [None, None, None, None],
        "intermediate": [0.5, 0.6, 0.5, 0.6],
        "expert": [0.9, 1.0, 0.9, 1.0],
    })
    stats = competency_stats("c", runs, ["novice", "intermediate", "expert"], {}, [0, 1, 2, 3])
    assert not stats.passed
    failures = describe_failures([stats])
    assert failures == ["c: novice never gave the evidence for a score, so the tiers cannot be "
                        "compared"]


def test_a_repeatability_that_cannot_be_computed_is_said_in_words_never_as_nan():
    # no tier ever scored: the silent tiers say why, and no "ICC nan < 0.75" line follows
    never = _runs({tier: [None] * 4 for tier in ("novice", "intermediate", "expert")})
    stats = competency_stats("c", never, ["novice", "intermediate", "expert"], {}, [0, 1, 2, 3])
    assert math.isnan(stats.icc21) and not stats.passed
    failures = describe_failures([stats])
    assert len(failures) == 3 and all("never gave the evidence" in f for f in failures)
    # every run scored alike: no spread to repeat, which is not the same as a low ICC
    alike = _runs({tier: [0.0] * 4 for tier in ("novice", "intermediate", "expert")})
    stats = competency_stats("c", alike, ["novice", "intermediate", "expert"], {}, [0, 1, 2, 3])
    assert math.isnan(stats.icc21)
    failures = describe_failures([stats]) + describe_failures([stats], "zh")
    assert not [f for f in failures if "nan" in f]
    assert "c: test-retest ICC(2,1) cannot be computed: every run scored alike, so there is no "\
        "spread to repeat" in failures
    assert "c：无法计算重测 ICC(2,1)：每次运行得分都相同，没有差异可供重现" in failures


def test_each_gaming_failure_says_which_comparison_it_failed():
    runs = _runs({
        "novice": [0.1, 0.1, None, None],
        "intermediate": [0.5, 0.6, 0.5, 0.6],
        "expert": [0.9, 1.0, 0.9, 1.0],
        "paired": [0.4, 0.4, None, None],
        "unpaired": [None, None, 0.3, 0.3],
    })
    stats = competency_stats("c", runs, ["novice", "intermediate", "expert"],
                             {"paired": ("c",), "unpaired": ("c",)}, [0, 1, 2, 3])
    assert describe_failures([stats]) == [
        "c: paired 0.400 > novice 0.100 (paired, beyond 2 SE of the seeds' luck)",
        "c: unpaired 0.300 > novice 0.100 (never scored on the same seed: means compared)",
    ]
    silent = _runs({"novice": [None] * 4, "intermediate": [0.5, 0.6, 0.5, 0.6],
                    "expert": [0.9, 1.0, 0.9, 1.0], "gamer": [0.05, 0.0, 0.05, 0.0]})
    stats = competency_stats("c", silent, ["novice", "intermediate", "expert"],
                             {"gamer": ("c",)}, [0, 1, 2, 3])
    assert describe_failures([stats])[-1] == (
        "c: gamer 0.025 where the novice never gave the evidence for a score "
        "(only 0 is not above it)")


def test_the_failures_read_in_the_tables_language_and_the_json_keeps_english():
    runs = _runs({"novice": [None] * 4, "intermediate": [0.5, 0.6, 0.5, 0.6],
                  "expert": [0.9, 1.0, 0.9, 1.0], "gamer": [0.05, 0.0, 0.05, 0.0]})
    stats = competency_stats("c", runs, ["novice", "intermediate", "expert"],
                             {"gamer": ("c",)}, [0, 1, 2, 3])
    en, zh = describe_failures([stats]), describe_failures([stats], "zh")
    assert len(en) == len(zh) == 2
    assert zh[0] == "c：新手从未给出评分所需的证据，因此无法比较各水平"
    assert zh[1].startswith("c：gamer 0.025，而新手从未给出评分所需的证据")
    assert all(not any(w in line for w in ("never", "novice 0", "where")) for line in zh)


def test_the_checks_pass_clear_separation():
    runs = _runs(
        {
            "novice": [0.0, 0.1, 0.0, 0.1],
            "intermediate": [0.5, 0.6, 0.5, 0.6],
            "expert": [0.9, 1.0, 0.9, 1.0],
            "gamer": [0.0, 0.0, 0.1, 0.0],
        }
    )
    stats = competency_stats(
        "c", runs, ["novice", "intermediate", "expert"], {"gamer": ("c",)}, [0, 1, 2, 3]
    )
    assert stats.passed and stats.icc21 > 0.75 and not math.isnan(stats.icc31)


def test_text_and_json_outputs(report):
    table = lab_table(report)
    for c in report.competencies:
        assert c.id in table
    assert "ICC(2,1)" in table and "AUC" in table
    header = next(line for line in table.splitlines() if "question-spammer" in line)
    for bot in report.gaming:  # every gaming bot's name stands apart in the header
        assert f" {bot}" in header
    data = lab_json(report)
    json.dumps(data, allow_nan=False)
    assert data["runs"] == 4 and "passed" in data


def test_the_table_reads_in_chinese_with_the_same_figures(report):
    words = LAB_WORDS
    en, zh = lab_table(report, "en"), lab_table(report, "zh")
    assert "效度实验" in zh and "区分度" in zh and "投机机器人" in zh
    for key, text in words.items():
        if " " in text["en"]:  # a sentence, not a single word such as "ok"
            # its English words before the first fact, and a failure line's after its competency
            for part in (text["en"].split("{")[0], text["en"].split("{c}: ")[-1].split("{")[0]):
                assert " " not in part.strip() or part.strip() not in zh, key
    assert [c.id for c in report.competencies] == [
        line.split()[0] for line in zh.splitlines()[4:4 + len(report.competencies)]]
    assert en.count("\n") == zh.count("\n")


def test_the_lab_command(shipped_path):
    out = subprocess.run(
        [
            sys.executable,
            "main.py",
            "lab",
            str(shipped_path),
            "--runs",
            "2",
            "--customers",
            "400",
            "--json",
            "--no-html",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["runs"] == 2 and len(data["competencies"]) == 7
    bad = subprocess.run(
        [sys.executable, "main.py", "lab", "nowhere.yaml", "--runs", "2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 1 and "nowhere.yaml" in bad.stderr and "Traceback" not in bad.stderr


def _leaves(node: dict, prefix: str = "") -> dict[str, dict[str, str]]:
    out = {}
    for key, value in node.items():
        if "en" in value:
            out[prefix + key] = value
        else:
            out |= _leaves(value, f"{prefix}{key}.")
    return out


LAB_WORDS = _leaves(json.loads(TEXT_FILE.read_text(encoding="utf-8")))


@pytest.mark.parametrize("key", sorted(LAB_WORDS))
def test_every_lab_and_study_line_reads_in_both_languages_with_the_same_facts(key: str) -> None:
    en, zh = LAB_WORDS[key]["en"], LAB_WORDS[key]["zh"]
    assert set(re.findall(r"{(\w+)}", en)) == set(re.findall(r"{(\w+)}", zh)), key
    assert not re.search(r"[\u4e00-\u9fff]", en), key
    bare = re.sub(r"{\w+}", "", zh)  # the Chinese line may hold codes (AUC, g), not English
    assert re.search(r"[\u4e00-\u9fff]", bare) or not re.search(r"[a-z]{3,}", bare), key


def test_a_competency_the_scenario_does_not_assess_is_shown_but_never_a_failure():
    runs = _runs({"novice": [0.1, 0.2, 0.1, 0.2], "intermediate": [0.5, 0.6, 0.5, 0.6],
                  "expert": [0.4, 0.5, 0.4, 0.5], "gamer": [0.3, 0.3, 0.3, 0.3]})
    judged = competency_stats("c", runs, ["novice", "intermediate", "expert"],
                              {"gamer": ("c",)}, [0, 1, 2, 3])
    aside = competency_stats("c", runs, ["novice", "intermediate", "expert"],
                             {"gamer": ("c",)}, [0, 1, 2, 3], assessed=False)
    assert describe_failures([judged]) and describe_failures([aside]) == []
    assert (aside.tiers, aside.adjacent, aside.gaming) == (judged.tiers, judged.adjacent,
                                                           judged.gaming)


def test_a_drills_lab_judges_what_its_courseware_names():
    report = run_lab(ROOT / "scenarios" / "drills" / "drill-risk.yaml", runs=2, workers=1,
                     customers=300)
    # the risk drill names CW-50 alone: contract and risk is what it sets out to assess
    assert [c.id for c in report.competencies if c.assessed] == ["contract-risk"]
    assert all(f.startswith("contract-risk: ") for f in report.failures)
    table = lab_table(report)
    assert "not judged (the scenario shares no courseware section with them" in table
    assert lab_json(report)["competencies"][0]["assessed"] is False


def test_a_gaming_failure_names_the_indicator_that_carried_it():
    nan = float("nan")
    means = {"good_faith_offers": {"novice": 0.35, "research-sprayer": 0.63},
             "authority_proper": {"novice": 0.27, "research-sprayer": 0.28},
             "dilemmas_handled": {"novice": nan, "research-sprayer": 0.5}}
    carried = carried_by(["authority_proper", "good_faith_offers", "dilemmas_handled"], means,
                         "research-sprayer", "novice")
    assert carried == {"indicator": "good_faith_offers", "bot": 0.63, "novice": 0.35}
    assert carried_by(["authority_proper"], {"authority_proper": {"novice": 0.3, "b": 0.2}},
                      "b", "novice") is None
    runs = _runs({"novice": [0.1, 0.1, 0.1, 0.1], "intermediate": [0.5, 0.6, 0.5, 0.6],
                  "expert": [0.9, 1.0, 0.9, 1.0], "gamer": [0.4, 0.4, 0.4, 0.4]})
    stats = competency_stats("c", runs, ["novice", "intermediate", "expert"], {"gamer": ("c",)},
                             [0, 1, 2, 3])
    stats.gaming[0]["carried_by"] = carried
    en, zh = describe_failures([stats]), describe_failures([stats], "zh")
    assert en[-1] == ("c: gamer 0.400 > novice 0.100 (paired, beyond 2 SE of the seeds' luck); "
                      "the largest gap: good_faith_offers 0.630 against the novice's 0.350")
    assert zh[-1].endswith("；差距最大的指标：good_faith_offers 0.630，新手 0.350")
