"""Data-driven indicators on hand-built event logs with known answers."""

from __future__ import annotations

from game.assessment.indicators import INDICATORS


def run(name, log, scenario, **params):
    return INDICATORS[name].fn(log.events, scenario, params)


def _analysis(log, segment, at_risk=0.1):
    return log.add(
        "research_done",
        method="data_analysis",
        segment=segment,
        effort=2,
        cost=0,
        result={"at_risk_share": {"mean": at_risk, "sd": 0.02}},
    )


def test_data_analysis_on_the_targets_before_planning(log, shipped):
    log.start_round(1)
    log.at(1, "analysis")
    a = _analysis(log, "smb")
    log.add("targets_selected", segments=["smb", "midmarket"], accounts=[])
    log.end_phase()
    log.start_round(2)
    log.at(2, "analysis")
    for seg in ("smb", "midmarket", "datacenter"):  # every segment: no focus
        _analysis(log, seg)
    log.end_phase()
    log.start_round(3)
    log.at(3, "analysis")
    none = log.end_phase()  # planned without data
    result = run("data_analysis_focus", log, shipped)
    assert result.value == 1 / 3
    assert {a, none} <= set(result.evidence)
    assert result.facts == {"rounds": 3, "analysed": 2, "focused": 1}


def test_the_plan_follows_the_data_in_the_direction_it_points(log, shipped):
    log.start_round(1)
    log.at(1, "analysis")
    log.add("targets_selected", segments=["smb"], accounts=[])
    _analysis(log, "smb", at_risk=0.3)
    log.at(1, "planning")
    deeper = log.add("price_set", segment="smb", discount=0.07)  # at risk: more support -> 1
    log.end_phase()
    log.start_round(2)
    log.at(2, "analysis")
    log.add("targets_selected", segments=["midmarket"], accounts=[])
    _analysis(log, "midmarket", at_risk=0.05)
    log.at(2, "planning")
    log.add("price_set", segment="midmarket", discount=0.05)  # few at risk, yet deeper -> 0
    log.end_phase()
    log.start_round(3)
    log.at(3, "analysis")
    log.add("targets_selected", segments=["datacenter"], accounts=[])
    _analysis(log, "datacenter", at_risk=0.3)
    log.at(3, "planning")
    log.end_phase()  # at risk, nothing decided -> 0
    result = run("plan_follows_data", log, shipped, at_risk=0.15)
    assert result.value == 1 / 3
    assert deeper in result.evidence
    assert result.facts == {"segments": 3, "followed": 1}


def test_more_field_effort_also_answers_a_segment_at_risk(log, shipped):
    log.start_round(1)
    log.at(1, "analysis")
    log.add("targets_selected", segments=["smb"], accounts=[])
    _analysis(log, "smb", at_risk=0.4)
    log.at(1, "planning")
    log.add("effort_allocated", shares={"smb": 0.5, "midmarket": 0.3, "datacenter": 0.2})
    log.end_phase()
    assert run("plan_follows_data", log, shipped, at_risk=0.15).value == 1.0


def test_plan_follows_data_is_not_applicable_without_targets(log, shipped):
    log.start_round(1)
    log.at(1, "analysis")
    _analysis(log, "smb", at_risk=0.4)  # no target: nothing for the plan to follow through
    log.at(1, "planning")
    log.end_phase()
    assert run("plan_follows_data", log, shipped, at_risk=0.15).value is None


def test_a_target_left_unanalysed_scores_as_an_analysis_ignored(log, shipped):
    log.start_round(1)
    log.at(1, "analysis")
    log.add("targets_selected", segments=["smb", "midmarket"], accounts=[])
    _analysis(log, "smb", at_risk=0.4)
    _analysis(log, "datacenter", at_risk=0.4)  # not a target: not judged here
    log.at(1, "planning")
    log.add("price_set", segment="smb", discount=0.07)  # at risk: more support -> 1
    log.end_phase()  # midmarket, a target, was never analysed -> 0
    result = run("plan_follows_data", log, shipped, at_risk=0.15)
    assert result.value == 0.5 and result.facts == {"segments": 2, "followed": 1}
