"""A small, fast version of the consequences study (bench/study_consequences.py runs the full
one): the process pays — idle < novice < intermediate < expert in contribution profit — on a
shipped scenario and on a generated one nobody tuned, and the idle rep misses the target."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.assessment.consequences import TIERS, study_line, study_tiers
from game.assessment.runs import play_named
from game.trainer.generate import generate

ROOT = Path(__file__).resolve().parents[2]
SEEDS = [1, 2, 3, 4]


def _check(study) -> None:
    means = [study.tier(t).mean_profit for t in TIERS]
    assert means == sorted(means) and len(set(means)) == len(means), study_line(study)
    assert study.idle_share() <= 0.6, study_line(study)
    assert study.idle_misses_target(), study_line(study)
    assert study.satisfaction_g() > 0, study_line(study)


def test_the_process_pays_on_the_introductory_territory():
    _check(study_tiers(str(ROOT / "scenarios" / "riverside-first-territory.yaml"), SEEDS,
                       workers=2))


@pytest.mark.parametrize("seed", [301])
def test_the_process_pays_on_a_generated_scenario(tmp_path, seed):
    path = tmp_path / "generated.yaml"
    path.write_text(generate(seed, None, play_named).text, encoding="utf-8")
    _check(study_tiers(str(path), SEEDS, workers=2))
