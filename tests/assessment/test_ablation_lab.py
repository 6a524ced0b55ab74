"""Ablations: the expert with one behaviour removed, paired on the same seeds."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from game.assessment.ablation_lab import ablation_json, ablation_table, paired_effect, run_ablations
from game.bots.ablations import ABLATIONS, ablated_expert
from game.bots.graded import EXPERT

ROOT = Path(__file__).resolve().parents[2]
RIVERSIDE = ROOT / "scenarios" / "riverside-first-territory.yaml"


def test_the_eight_behaviours_of_the_issue_are_there_each_tied_to_a_kpi():
    assert [a.id for a in ABLATIONS] == [
        "no_research", "forecast_target", "no_complaints", "no_incidents",
        "no_credit_checks", "no_risk_responses", "max_discount", "no_visits",
    ]
    for a in ABLATIONS:
        assert a.cw and all(cw.startswith("CW-") for cw in a.cw)


def test_each_ablation_changes_only_its_own_behaviour():
    for a in ABLATIONS:
        changed = {f.name for f in fields(EXPERT) if getattr(a.change(EXPERT), f.name)
                   != getattr(EXPERT, f.name)}
        assert changed, a.id
        assert "name" not in changed and len(changed) <= 3, (a.id, changed)
        assert ablated_expert(a.id, 1).name == f"expert-{a.id}"


def test_paired_effect_is_the_mean_loss_over_its_standard_deviation():
    expert = [{"profit": 10.0}, {"profit": 12.0}, {"profit": 9.0}, {"profit": 11.0}]
    ablated = [{"profit": 9.0}, {"profit": 10.0}, {"profit": 9.0}, {"profit": 8.0}]
    losses = [1.0, 2.0, 0.0, 3.0]
    mean = sum(losses) / 4
    sd = math.sqrt(sum((x - mean) ** 2 for x in losses) / 3)
    e = paired_effect("profit", expert, ablated)
    assert e.loss_mean == pytest.approx(mean) and e.loss_sd == pytest.approx(sd)
    assert e.effect == pytest.approx(mean / sd) and e.pairs == 4
    # lower is better: fewer late deliveries without the behaviour is a negative loss
    late = paired_effect("late_deliveries", [{"late_deliveries": 0.0}] * 2,
                         [{"late_deliveries": 3.0}, {"late_deliveries": 5.0}])
    assert late.loss_mean == pytest.approx(4.0) and late.effect > 0
    same = paired_effect("profit", [{"profit": 1.0}] * 3, [{"profit": 0.0}] * 3)
    assert same.effect == math.inf  # every seed lost the same
    none = paired_effect("key_account_satisfaction", [{"key_account_satisfaction": None}] * 2,
                         [{"key_account_satisfaction": 0.5}] * 2)
    assert none.pairs == 0 and math.isnan(none.effect)


@pytest.fixture(scope="module")
def quick_report():
    return run_ablations(str(RIVERSIDE), runs=3, workers=1, customers=600)


def test_a_quick_run_reports_every_ablation_with_paired_seeds(quick_report):
    assert quick_report.seeds == [1, 2, 3]
    assert [r.ablation.id for r in quick_report.results] == [a.id for a in ABLATIONS]
    for r in quick_report.results:
        assert r.profit.pairs == 3
    by = {r.ablation.id: r for r in quick_report.results}
    # behaviours whose consequence is mechanical show it on every seed
    assert by["no_visits"].kpi.loss_mean > 0
    assert by["max_discount"].kpi.loss_mean > 0
    table = ablation_table(quick_report)
    assert all(a.id in table for a in ABLATIONS)
    data = json.loads(json.dumps(ablation_json(quick_report)))
    assert [r["ablation"] for r in data["results"]] == [a.id for a in ABLATIONS]


def test_lab_prints_the_ablations_with_its_tables(tmp_path):
    res = subprocess.run(
        [sys.executable, "main.py", "lab", str(RIVERSIDE), "--runs", "2", "--customers", "300",
         "--ablations", "--json", "--no-html", "--workers", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert [r["ablation"] for r in out["ablations"]["results"]] == [a.id for a in ABLATIONS]


def test_the_ablations_report_their_progress_game_by_game_without_changing_the_results():
    heard: list[tuple[int, int]] = []
    one = ABLATIONS[:1]
    watched = run_ablations(str(RIVERSIDE), runs=2, workers=1, customers=300, ablations=one,
                            progress=lambda done, total: heard.append((done, total)))
    quiet = run_ablations(str(RIVERSIDE), runs=2, workers=1, customers=300, ablations=one)
    assert heard == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert ablation_json(watched) == ablation_json(quiet)
