"""``validate`` checks a rubric, the manager rubric and the coaching content as what they are:
the shipped ones pass, and a broken one gets positioned errors in its own terms, never a pile of
"missing briefing" as if it were a scenario."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.commands.content_files import content_kind

ROOT = Path(__file__).resolve().parents[2]
RUBRICS = ROOT / "scenarios" / "rubrics"

KINDS = {
    "scenarios/east-china-territory.yaml": "scenario",
    "scenarios/manager/east-china-team.yaml": "manager",
    "scenarios/rubrics/standard.yaml": "rubric",
    "scenarios/rubrics/manager.yaml": "manager_rubric",
    "scenarios/rubrics/coaching.yaml": "coaching",
}


def validate(capsys, *args: str) -> tuple[int, dict]:
    code = main(["validate", "--json", *args])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("path, kind", KINDS.items())
def test_each_shipped_file_is_told_by_its_kind_and_passes(capsys, path, kind):
    assert content_kind(ROOT / path) == kind
    code, out = validate(capsys, str(ROOT / path))
    assert code == 0 and out["files"][0]["kind"] == kind and out["problems"] == []


def broken(tmp_path: Path, name: str, old: str, new: str) -> tuple[Path, int]:
    """A copy of a shipped content file with one edit, and the line of the edit."""
    text = (RUBRICS / name).read_text(encoding="utf-8")
    assert text.count(old) == 1
    line = text[:text.index(old)].count("\n") + 1
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path, line


def test_a_rubric_with_an_unknown_indicator_is_told_where_and_what_is_known(capsys, tmp_path):
    path, line = broken(tmp_path, "standard.yaml", "- id: complaint_response",
                        "- id: complaint_respons")
    code, out = validate(capsys, str(path))
    assert code == 1 and out["files"][0]["kind"] == "rubric"
    [problem] = out["problems"]
    assert (problem["line"], problem["code"]) == (line, "E105")
    assert "complaint_respons" in problem["message"] and "complaint_response" in problem["message"]
    assert "briefing" not in json.dumps(out)


def test_a_misspelt_rubric_parameter_names_the_ones_it_takes_in_chinese(capsys, tmp_path):
    path, line = broken(tmp_path, "standard.yaml", "params: {within_weeks: 2}",
                        "params: {within_week: 2}")
    code, out = validate(capsys, "--lang", "zh", str(path))
    [problem] = out["problems"]
    assert code == 1 and problem["line"] == line and problem["lang"] == "zh"
    assert "within_weeks" in problem["message"] and "参数" in problem["message"]


def test_a_manager_rubric_with_levels_out_of_order_is_an_error(capsys, tmp_path):
    path, _ = broken(tmp_path, "manager.yaml", "cuts: [0.2, 0.4, 0.6, 0.8]",
                     "cuts: [0.2, 0.6, 0.4, 0.8]")
    code, out = validate(capsys, str(path))
    assert code == 1 and out["files"][0]["kind"] == "manager_rubric"
    assert [p["code"] for p in out["problems"]] == ["E106"]


def test_coaching_content_with_a_wrong_type_is_an_error_at_its_line(capsys, tmp_path):
    path, line = broken(tmp_path, "coaching.yaml", "  complaint_response:\n    cw: CW-43",
                        "  complaint_response:\n    cw: [CW-43]")
    code, out = validate(capsys, str(path))
    assert code == 1 and out["files"][0]["kind"] == "coaching"
    assert out["problems"] and all(p["line"] in (line, line + 1) for p in out["problems"])


def test_coaching_content_names_a_point_for_an_indicator_the_game_does_not_have(capsys, tmp_path):
    """A misspelt point would leave the real indicator without its courseware point."""
    path, line = broken(tmp_path, "coaching.yaml", "  complaint_response:\n    cw: CW-43",
                        "  complaint_respons:\n    cw: CW-43")
    code, out = validate(capsys, str(path))
    [problem] = out["problems"]
    assert code == 1 and problem["code"] == "E105" and problem["line"] in (line, line + 1)
    assert "complaint_respons" in problem["message"]


def test_coaching_moments_must_name_the_rubrics_competencies(capsys, tmp_path):
    path, line = broken(tmp_path, "coaching.yaml", "  customer-analysis: [", "  customer-analysys: [")
    code, out = validate(capsys, str(path))
    [problem] = out["problems"]
    assert code == 1 and problem["line"] == line and "customer-analysis" in problem["message"]
