"""The rubric is data: validated, positioned errors like a scenario's, complete in zh and en."""

from __future__ import annotations

import pytest

from game.assessment.indicators import INDICATORS
from game.assessment.rubric import STANDARD_RUBRIC, Rubric, load_rubric
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_model

REQUIRED = {
    "customer-analysis": {"CW-10", "CW-11", "CW-12", "CW-13", "CW-14", "CW-15"},
    "planning-forecasting": {"CW-20", "CW-21", "CW-22"},
    "negotiation-quoting": {"CW-30", "CW-31", "CW-32"},
    "contract-risk": {"CW-31", "CW-50"},
    "relationship-satisfaction": {"CW-40", "CW-41", "CW-42", "CW-43"},
    "data-driven": {"CW-51"},
    "professionalism-ethics": {"CW-63"},
}


@pytest.fixture(scope="module")
def text() -> str:
    return STANDARD_RUBRIC.read_text(encoding="utf-8")


def test_the_standard_rubric_covers_the_required_competencies_with_their_cw_ids():
    rubric, sha = load_rubric()
    assert len(sha) == 64
    by_id = {c.id: c for c in rubric.competencies}
    for comp, cw in REQUIRED.items():
        assert comp in by_id, comp
        assert cw <= set(by_id[comp].cw), comp


def test_every_competency_has_weighted_indicators_and_anchored_levels_in_both_languages():
    rubric, _ = load_rubric()
    for comp in rubric.competencies:
        assert comp.indicators and all(ref.weight > 0 for ref in comp.indicators)
        assert [a.level for a in comp.levels] == list(range(1, rubric.levels + 1))
        texts = [a.text for a in comp.levels]
        assert all(t.en and t.zh for t in texts)
        assert len({t.en for t in texts}) == rubric.levels  # each level says something different
    for spec in rubric.indicators:
        assert spec.id in INDICATORS and spec.cw
        assert spec.looks_for.en and spec.looks_for.zh


def test_every_registered_indicator_is_in_the_standard_rubric():
    rubric, _ = load_rubric()
    assert {s.id for s in rubric.indicators} == set(INDICATORS)


def _problems(source: str):
    with pytest.raises(ScenarioError) as err:
        load_model(source, Rubric, path="broken.yaml")
    return err.value.problems


def _problem(source: str):
    return _problems(source)[0]


def _line_of(source: str, needle: str) -> int:
    return next(i for i, line in enumerate(source.splitlines(), start=1) if needle in line)


def test_an_unknown_indicator_is_reported_at_its_line(text):
    broken = text.replace(
        "{indicator: value_claimed, weight: 1}", "{indicator: value_claimd, weight: 1}"
    )
    p = _problem(broken)
    assert p.code == "E105" and "value_claimd" in p.message
    assert p.line == _line_of(broken, "value_claimd")


def test_an_unknown_key_and_a_missing_language_are_positioned(text):
    typo = text.replace(
        "    looks_for:\n      en: Before your first offer",
        "    look_for:\n      en: Before your first offer",
        1,
    )
    p = next(p for p in _problems(typo) if p.code == "E101")
    assert "look_for" in p.message and p.line == _line_of(typo, "look_for:")
    no_zh = text.replace(
        "    name: {en: Customer analysis, zh: 客户分析}", "    name: {en: Customer analysis}"
    )
    p = _problem(no_zh)
    assert p.code == "E102" and p.line == _line_of(no_zh, "name: {en: Customer analysis}")


@pytest.mark.parametrize(("good", "typo", "wrong"), [
    ("{used} of {accounts:", "{usd} of {accounts:", "usd"),
    # a field inside a part that is left out when its count is 0 is checked too
    ("{on_focus:?Target segments got {mean_share_pct}%",
     "{on_focus:?Target segments got {mean_share}%", "mean_share"),
])
def test_a_template_field_that_is_not_a_fact_is_refused(text, good, typo, wrong):
    broken = text.replace(good, typo)
    assert broken != text
    p = _problem(broken)
    assert wrong in p.message and p.line == _line_of(broken, typo)


def test_missing_parameters_and_wrong_level_lists_are_refused(text):
    no_param = text.replace("    params: {tolerance: 0.5, copy_band: 0.01}\n",
                            "    params: {copy_band: 0.01}\n")
    assert no_param != text
    assert "tolerance" in _problem(no_param).message
    four = text.replace(
        "      - level: 5\n        text:\n          en: Every first quote builds",
        "      - level: 6\n        text:\n          en: Every first quote builds",
    )
    assert "levels 1 to 5" in _problem(four).message


def test_a_rubric_written_before_the_later_rules_still_loads(text):
    # a rubric kept with a record scored before forecast copying counted: it loads, so verify
    # can re-score the record by the rules it was scored with
    older = text.replace("params: {tolerance: 0.5, copy_band: 0.01}", "params: {tolerance: 0.5}")
    assert older != text
    rubric = load_model(older, Rubric, path="older.yaml")
    spec = rubric.indicator("forecast_accuracy")
    assert dict(spec.params) == {"tolerance": 0.5}


def test_an_unknown_reference_bot_is_refused(text):
    broken = text.replace("reference_bot: expert", "reference_bot: guru")
    p = _problem(broken)
    assert "guru" in p.message and p.line == _line_of(broken, "reference_bot: guru")


def test_an_indicators_own_cuts_are_taken_and_bad_ones_are_refused_at_their_line(text):
    """A rubric owner may set where an indicator's levels begin; the cuts must rise within 0..1,
    one per level above the first."""
    anchor = "    params: {tolerance: 0.5, copy_band: 0.01}\n"
    assert anchor in text
    cut = text.replace(anchor, anchor + "    cuts: [0.2, 0.4, 0.6, 0.8]\n")
    rubric = load_model(cut, Rubric, path="cut.yaml")
    spec = next(s for s in rubric.indicators if s.cuts is not None)
    assert spec.cuts == [0.2, 0.4, 0.6, 0.8]
    for bad in ("[0.4, 0.2, 0.6, 0.8]", "[0.0, 0.4, 0.6, 0.8]", "[0.2, 0.4, 0.6]",
                "[0.2, 0.4, 0.6, 1.2]"):
        broken = text.replace(anchor, anchor + f"    cuts: {bad}\n")
        p = _problem(broken)
        assert p.code == "E105" and "ascending" in p.message, bad
        assert p.line == _line_of(broken, f"cuts: {bad}"), bad


def test_evidence_weighting_is_set_per_indicator_and_a_negative_one_is_refused_at_its_line(text):
    """Each indicator says at how many occasions it counts half its weight; a rubric that does
    not say counts whole weights (0); a negative count is refused where it was written."""
    rubric, _ = load_rubric()
    assert all(i.half_weight_occasions > 0 for i in rubric.indicators)
    at = text.index("half_weight_occasions: ")
    anchor = text[at:text.index("\n", at)]
    broken = text.replace(anchor, "half_weight_occasions: -1", 1)
    p = _problem(broken)
    assert p.code == "E104" and "half_weight_occasions" in p.message
    assert p.line == _line_of(broken, "half_weight_occasions: -1")
    plain = "\n".join(line for line in text.splitlines() if "half_weight_occasions" not in line)
    assert all(i.half_weight_occasions == 0
               for i in load_model(plain, Rubric, path="plain.yaml").indicators)
