"""Contract and risk indicators on hand-built event logs with known answers."""

from __future__ import annotations

import pytest

from game.assessment.indicators import INDICATORS

WEAK = ["BB", "B", "CCC"]


def run(name, log, scenario, **params):
    return INDICATORS[name].fn(log.events, scenario, params)


def _signed(log, account, rating, checked):
    return log.add(
        "contract_signed",
        account=account,
        credit_rating=rating,
        credit_checked=checked,
        terms={},
        units=1,
        unit_price=1.0,
        advance_payment=0.0,
        late_penalty=0.02,
        delivery_weeks=26,
    )


def test_credit_checks_before_deciding_weak_customers(log, shipped):
    log.at(1, "contract")
    check = log.add("credit_checked", account="jinling-mfg", rating="BB", default_probability=0.06)
    checked = _signed(log, "jinling-mfg", "BB", True)
    unchecked = _signed(log, "suzhou-logistics", "B", False)
    _signed(log, "hx-bank", "AA", False)  # a strong customer: not judged here
    result = run("credit_check_low_rated", log, shipped, low_ratings=WEAK)
    assert result.value == 0.5
    assert set(result.evidence) == {check, checked, unchecked}


def test_credit_checks_are_not_applicable_without_weak_customers(log, shipped):
    log.at(1, "contract")
    _signed(log, "hx-bank", "AA", False)
    assert run("credit_check_low_rated", log, shipped, low_ratings=WEAK).value is None


def test_contract_diligence_grades_each_drafted_contract(log, shipped):
    log.at(1, "contract")
    for acc in ("jinling-mfg", "suzhou-logistics", "hx-bank", "xihu-cloud"):
        log.add(
            "contract_drafted",
            account=acc,
            terms={},
            unit_price=1.0,
            units=1,
            value=1.0,
            payment_days=30,
            late_penalty=0.02,
            credit_exposure=1.0,
        )
    log.add("credit_checked", account="jinling-mfg", rating="BB", default_probability=0.06)
    log.add("amendment_refused", account="jinling-mfg", clause="advance_payment", value=0.3)
    _signed(log, "jinling-mfg", "BB", True)  # checked, weak, cover proposed: 1
    log.add("credit_checked", account="suzhou-logistics", rating="B", default_probability=0.15)
    _signed(log, "suzhou-logistics", "B", True)  # checked, weak, nothing proposed: 0.5
    _signed(log, "hx-bank", "AA", False)  # unchecked: 0
    log.add("contract_lapsed", account="xihu-cloud")  # lapsed: 0
    result = run("contract_diligence", log, shipped, weak_ratings=WEAK)
    assert result.value == pytest.approx(1.5 / 4)
    assert result.facts == {
        "contracts": 4,
        "reviewed": 1,
        "unchecked": 1,
        "unprotected": 1,
        "lapsed": 1,
    }


def test_risks_answered_before_they_strike_score_fully(log, shipped):
    log.at(1, "fulfilment")
    w0 = log.add("risk_warning", strike=0, risk="export-slump", kind="demand_shock", weeks_ahead=3)
    r0 = log.add(
        "risk_responded",
        strike=0,
        risk="export-slump",
        response="promotion",
        before_strike=True,
        mitigation=0.6,
        effort=2,
        cost=0,
    )
    log.add("risk_warning", strike=1, risk="dragon-price-war", kind="price_war", weeks_ahead=2)
    log.add(
        "risk_struck",
        strike=1,
        risk="dragon-price-war",
        kind="price_war",
        target="dragon",
        warned=True,
        prepared=None,
        mitigation=0.0,
        end_week=20,
        effect={},
    )
    log.add(
        "risk_responded",
        strike=1,
        risk="dragon-price-war",
        response="match",
        before_strike=False,
        mitigation=0.2,
        effort=0,
        cost=0,
    )
    log.add(
        "risk_struck",
        strike=2,
        risk="churn-wave",
        kind="churn_wave",
        target=None,
        warned=False,
        prepared=None,
        mitigation=0.0,
        end_week=20,
        effect={},
    )
    result = run("risk_prepared", log, shipped)
    assert result.value == pytest.approx((1 + 0.5 + 0) / 3)
    assert result.facts == {"risks": 3, "prepared": 1, "late": 1, "ignored": 1}
    assert {w0, r0} <= set(result.evidence)


def test_an_unannounced_risk_answered_while_active_counts_as_prepared(log, shipped):
    log.at(1, "risk")
    log.add(
        "risk_struck",
        strike=0,
        risk="churn-wave",
        kind="churn_wave",
        target=None,
        warned=False,
        prepared=None,
        mitigation=0.0,
        end_week=20,
        effect={},
    )
    log.add(
        "risk_responded",
        strike=0,
        risk="churn-wave",
        response="retention-calls",
        before_strike=False,
        mitigation=0.5,
        effort=3,
        cost=0,
    )
    assert run("risk_prepared", log, shipped).value == 1.0


def test_an_inherited_contract_is_no_credit_or_contract_decision(log, shipped):
    log.start_round(1)
    log.add("account_inherited", account="jinling-mfg", units=800, unit_price=4000.0)  # BB
    for name, params in (("credit_check_low_rated", {"low_ratings": ["BB", "B", "CCC"]}),
                         ("contract_diligence", {"weak_ratings": ["BB", "B", "CCC"]})):
        assert run(name, log, shipped, **params).value is None
