"""Relationship and satisfaction indicators on hand-built event logs with known answers."""

from __future__ import annotations

import pytest

from game.assessment.indicators import INDICATORS


def run(name, log, scenario, **params):
    return INDICATORS[name].fn(log.events, scenario, params)


def test_complaints_answered_within_the_weeks_allowed(log, shipped):
    log.at(1, "fulfilment")
    for n in range(3):
        log.add("complaint_received", account="hx-bank", complaint=n)
    prompt = log.add("complaint_resolved", account="hx-bank", complaint=0, response_weeks=1)
    log.add("complaint_resolved", account="hx-bank", complaint=1, response_weeks=5)
    result = run("complaint_response", log, shipped, within_weeks=2)
    assert result.value == pytest.approx(0.5)
    assert result.facts == {"complaints": 3, "prompt": 1, "slow": 1, "open": 1}
    assert prompt in result.evidence


def test_incidents_handled_before_they_turn_late(log, shipped):
    log.at(1, "fulfilment")
    log.add("delivery_incident", account="hx-bank", incident=0)
    log.add("delivery_incident", account="hx-bank", incident=1)
    informed = log.add("customer_informed", account="hx-bank", incident=0, response_weeks=0)
    late = log.add("delivery_late", account="hx-bank", incident=1, penalty=10.0)
    log.add(
        "incident_expedited", account="hx-bank", incident=1, cost=1.0, response_weeks=3
    )  # too late
    result = run("incidents_handled", log, shipped)
    assert result.value == 0.5
    assert {informed, late} <= set(result.evidence)


def test_no_incidents_means_not_applicable(log, shipped):
    assert run("incidents_handled", log, shipped).value is None


def test_account_care_visits_won_accounts_and_surveys_each_round(log, shipped):
    log.start_round(1)
    log.at(1, "contract")
    log.add("contract_signed", account="hx-bank", credit_rating="AA", credit_checked=True)
    log.at(1, "maintenance")
    visit = log.add("account_visited", account="hx-bank", satisfaction=0.7)
    survey = log.add("satisfaction_surveyed", segment="smb", mean=0.7, sd=0.01, n=80, accounts={})
    log.end_phase()
    log.start_round(2)
    log.at(2, "maintenance")
    quiet = log.end_phase()
    result = run("account_care", log, shipped)
    assert result.value == 0.5
    assert {visit, survey, quiet} <= set(result.evidence)


def test_before_any_account_is_won_a_round_is_no_occasion(log, shipped):
    log.start_round(1)
    log.at(1, "maintenance")
    log.add("satisfaction_surveyed", segment="smb", mean=0.7, sd=0.01, n=80, accounts={})
    log.end_phase()
    result = run("account_care", log, shipped)
    assert result.value is None and result.facts["rounds"] == 0


def test_calling_again_and_again_costs_part_of_the_round(log, shipped):
    log.start_round(1)
    log.at(1, "contract")
    log.add("contract_signed", account="hx-bank")
    log.at(1, "maintenance")
    for _ in range(2):  # one useful visit, one wasted
        log.add("account_visited", account="hx-bank")
    log.add("satisfaction_surveyed", segment="smb", mean=0.7, sd=0.01, n=80, accounts={})
    log.end_phase()
    # every part done (1.0), scaled by the useful share of the three calls: 2 of 3
    assert run("account_care", log, shipped).value == 2 / 3
    log.start_round(2)
    log.at(2, "maintenance")
    for _ in range(4):  # one useful visit, three wasted: more waste than use scores 0
        log.add("account_visited", account="hx-bank")
    log.end_phase()
    assert run("account_care", log, shipped).value == (2 / 3 + 0.0) / 2


def test_surveying_segment_after_segment_is_no_more_care_than_one_survey(log, shipped):
    log.start_round(1)
    log.at(1, "contract")
    log.add("contract_signed", account="hx-bank")
    log.at(1, "maintenance")
    log.add("account_visited", account="hx-bank")
    log.add("satisfaction_surveyed", segment="smb", mean=0.7, sd=0.01, n=80, accounts={})
    log.add("satisfaction_surveyed", segment="enterprise", mean=0.6, sd=0.01, n=40, accounts={})
    log.end_phase()
    # the round credits one survey: the second is a call that adds nothing (2 useful of 3)
    assert run("account_care", log, shipped).value == 2 / 3
    log.start_round(2)
    log.at(2, "maintenance")
    log.add("account_visited", account="hx-bank")
    # the visit and one survey are useful, three more surveys are wasted: more waste than use, 0
    for segment in ("smb", "enterprise", "public", "smb"):
        log.add("satisfaction_surveyed", segment=segment, mean=0.7, sd=0.01, n=80, accounts={})
    log.end_phase()
    assert run("account_care", log, shipped).value == (2 / 3 + 0.0) / 2


def test_a_visit_that_leaves_a_complaint_open_is_no_care(log, shipped):
    log.start_round(1)
    log.at(1, "contract")
    log.add("contract_signed", account="hx-bank")
    log.at(1, "fulfilment")
    log.add("complaint_received", account="hx-bank", complaint=0, cause="product")
    log.at(1, "maintenance")
    log.add("account_visited", account="hx-bank")  # the complaint stays open all round
    log.add("satisfaction_surveyed", segment="smb", mean=0.7, sd=0.01, n=80, accounts={})
    log.end_phase()
    # the survey is half the round; the visit is no care: (0 + 0.5) x useful 1 of 2 calls
    assert run("account_care", log, shipped).value == 0.25
    log.start_round(2)
    log.at(2, "maintenance")
    log.add("complaint_resolved", account="hx-bank", complaint=0, response_weeks=3)
    log.add("account_visited", account="hx-bank")  # answered this round: the visit counts
    log.end_phase()
    assert run("account_care", log, shipped).value == (0.25 + 0.5) / 2


def test_an_inherited_account_is_one_to_care_for_from_the_first_round(log, shipped):
    log.start_round(1)
    log.add("account_inherited", account="hx-bank", units=3000, unit_price=5000.0)
    log.at(1, "maintenance")
    visit = log.add("account_visited", account="hx-bank", satisfaction=0.7)
    log.end_phase()
    result = run("account_care", log, shipped)
    # visited the one account there is to keep, no survey: half the round
    assert result.value == 0.5 and visit in result.evidence and result.facts["rounds"] == 1


@pytest.mark.parametrize("left", [
    ("contract_not_renewed", "rival_won"),  # the contract ran out and a rival took the renewal
    ("customer_defaulted",),  # it stopped paying
])
def test_a_customer_that_left_is_no_one_to_care_for(log, shipped, left):
    log.start_round(1)
    log.at(1, "contract")
    log.add("contract_signed", account="hx-bank")
    log.at(1, "fulfilment")
    for kind in left:
        log.add(kind, account="hx-bank")
    log.at(1, "maintenance")
    survey = log.add("satisfaction_surveyed", segment="smb", mean=0.7, sd=0.01, n=80, accounts={})
    log.end_phase()
    # no account left to visit (the game refuses a visit to it): the round is no occasion
    result = run("account_care", log, shipped, current_customers=True)
    assert result.value is None and result.facts["rounds"] == 0 and survey not in result.evidence
    # a rubric written before the rule (kept with its records) re-scores them as it did: the
    # account that left still counts, unvisited, and the survey earns half the round
    assert run("account_care", log, shipped).value == 0.5
    log.start_round(2)
    log.at(2, "contract")
    log.add("contract_signed", account="jinling-mfg")  # a new customer: care is due again
    log.at(2, "maintenance")
    log.add("account_visited", account="jinling-mfg")
    log.end_phase()
    assert run("account_care", log, shipped, current_customers=True).value == 0.5
