"""The assessment as text marks the competencies the scenario does not set out to assess."""

from __future__ import annotations

from pathlib import Path

from game.assessment.assess import assess
from game.assessment.assessment_text import assessment_text
from game.assessment.runs import play_named
from game.scenario.loader import load_scenario

DRILL = Path(__file__).resolve().parents[2] / "scenarios" / "drills" / "drill-risk.yaml"
ASIDE = " (not what the scenario sets out to assess)"


def test_a_drills_text_marks_every_competency_but_the_one_its_courseware_names() -> None:
    drill, _ = load_scenario(DRILL)
    result = assess(play_named(drill, "expert", drill.seed))
    text = assessment_text(result, "en", drill.courseware)  # CW-50: contract and risk
    heads = {c.id: next(line for line in text.splitlines()
                        if line.startswith(f"   {c.name.en} ["))
             for c in result.competencies}
    assert [c for c, line in heads.items() if not line.endswith(ASIDE)] == ["contract-risk"]
    assert ASIDE not in assessment_text(result, "en")  # a scenario naming none assesses all
