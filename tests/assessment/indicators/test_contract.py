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
        "declined_sound": 0,
    }


@pytest.mark.parametrize(("sound_declines", "value"), [(True, 0.5), (False, 1.0)])
def test_declining_a_customer_whose_check_showed_sound_credit_is_no_review(
        log, shipped, sound_declines, value):
    """A weak customer declined after its check is a reviewed decision; a customer the check found
    sound, declined all the same, drops a deal the review found nothing against (a rubric kept
    from before the switch scores it as it did)."""
    log.at(1, "contract")
    for acc in ("jinling-mfg", "hx-bank"):
        log.add("contract_drafted", account=acc, terms={}, unit_price=1.0, units=1, value=1.0,
                payment_days=30, late_penalty=0.02, credit_exposure=1.0)
    log.add("credit_checked", account="jinling-mfg", rating="CCC", default_probability=0.3)
    log.add("contract_declined", account="jinling-mfg", credit_rating="CCC")
    log.add("credit_checked", account="hx-bank", rating="AA", default_probability=0.01)
    log.add("contract_declined", account="hx-bank", credit_rating="AA")
    params = {"weak_ratings": WEAK, **({"sound_declines": True} if sound_declines else {})}
    result = run("contract_diligence", log, shipped, **params)
    assert result.value == value
    assert result.facts["declined_sound"] == (1 if sound_declines else 0)
    assert result.facts["reviewed"] == (1 if sound_declines else 2)


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


class _ChecksThen:
    """The novice, but in the contract phase it checks every customer's credit and then signs
    (or declines) whatever the check showed: a player the rubric was not written for."""

    def __init__(self, seed: int, decline: bool) -> None:
        from game.bots.registry import make_bot

        self.novice, self.decline, self.name = make_bot("novice", seed), decline, "checks-then"

    def next_action(self, view):
        from game.engine.actions import CreditCheck, DeclineContract, SignContract

        if view.phase == "contract":
            for a in view.accounts:
                if a.status == "agreed" and not a.credit_checked:
                    return CreditCheck(account=a.id)
                if a.status == "agreed":
                    return (DeclineContract if self.decline else SignContract)(account=a.id)
        return self.novice.next_action(view)


def test_dropping_every_deal_after_its_check_scores_below_signing_them() -> None:
    """Paired on six seeds of East China: declining every contract the check showed sound used to
    score as much contract review as signing it (and more where a weak one was declined instead of
    signed without cover); now the rep who drops deals scores less on contract and risk."""
    from game.assessment.assess import assess, standard_rubric
    from game.bots.base import play
    from game.engine.game import Game
    from game.scenario.loader import load_scenario

    scenario, _ = load_scenario("scenarios/east-china-territory.yaml")
    rubric, sha = standard_rubric()
    lower = 0
    for seed in range(1, 7):
        scores = {}
        for decline in (True, False):
            game = Game(scenario, seed=seed)
            play(game, _ChecksThen(seed, decline))
            scores[decline] = assess(game, rubric, sha).scores()["contract-risk"]
        assert scores[True] <= scores[False] + 1e-9, (seed, scores)
        lower += scores[True] < scores[False]
    assert lower >= 4
