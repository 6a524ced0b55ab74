"""Professionalism indicators on hand-built event logs with known answers."""

from __future__ import annotations

import pytest

from game.assessment.indicators import INDICATORS
from tests.assessment.conftest import LogBuilder

WEAK = ["BB", "B", "CCC"]


def run(name, log, scenario, **params):
    return INDICATORS[name].fn(log.events, scenario, params)


def test_authority_requests_are_judged_by_need_order_and_use(log, shipped):
    log.at(1, "negotiation")
    log.add("negotiation_opened", account="hx-bank", deadline=12, authority=0.1, rival="summit")
    log.offer("hx-bank", price=0.05)
    log.offer("hx-bank", price=0.05, delivery_weeks=2.0)  # tried another package first
    log.add(
        "customer_countered",
        account="hx-bank",
        round=2,
        offer={"price": 0.15},
        u_seller=0.3,
        message_key="",
    )
    granted = log.add(
        "authority_granted", account="hx-bank", round=2, discount=0.15, authority=0.15
    )
    used = log.offer("hx-bank", price=0.15, delivery_weeks=2.0)  # proper: 1
    log.add("negotiation_opened", account="jinling-mfg", deadline=12, authority=0.1, rival="dragon")
    log.offer("jinling-mfg", price=0.05)
    log.add(
        "customer_countered",
        account="jinling-mfg",
        round=1,
        offer={"price": 0.2},
        u_seller=0.3,
        message_key="",
    )
    log.add(
        "authority_refused",
        account="jinling-mfg",
        round=1,
        discount=0.2,
        reason="manager_decision",
        authority=0.1,
    )  # needed, but no package tried: 0.5
    log.add(
        "authority_refused",
        account="jinling-mfg",
        round=1,
        discount=0.2,
        reason="already_refused",
        authority=0.1,
    )  # asked again after a refusal: 0
    result = run("authority_proper", log, shipped)
    assert result.value == pytest.approx(0.5)
    assert result.facts == {
        "requests": 3,
        "proper": 1,
        "early": 1,
        "again": 0,
        "improper": 1,
        "breaches": 0,
        "own_room_unused": 0,
    }
    assert {granted, used} <= set(result.evidence)


def test_granted_authority_never_used_and_offers_beyond_authority_score_0(log, shipped):
    log.at(1, "negotiation")
    log.add("negotiation_opened", account="hx-bank", deadline=12, authority=0.1, rival="summit")
    log.offer("hx-bank", price=0.05)
    log.add(
        "customer_countered",
        account="hx-bank",
        round=1,
        offer={"price": 0.2},
        u_seller=0.3,
        message_key="",
    )
    log.add("authority_granted", account="hx-bank", round=1, discount=0.2, authority=0.2)
    log.offer("hx-bank", price=0.1)  # never used what was granted
    log.add("negotiation_opened", account="xihu-cloud", deadline=12, authority=0.1, rival="summit")
    breach = log.offer("xihu-cloud", price=0.15)  # above the authority in force
    result = run("authority_proper", log, shipped)
    assert result.value == 0.0
    assert result.facts["breaches"] == 1 and breach in result.evidence


def test_asking_again_without_trying_anything_new_scores_0(log, shipped):
    log.at(1, "negotiation")
    log.add("negotiation_opened", account="hx-bank", deadline=12, authority=0.1, rival="summit")
    log.offer("hx-bank", price=0.1)
    log.add(
        "customer_countered",
        account="hx-bank",
        round=1,
        offer={"price": 0.25},
        u_seller=0.1,
        message_key="",
    )
    log.add("authority_granted", account="hx-bank", round=1, discount=0.15, authority=0.15)
    log.offer("hx-bank", price=0.15)  # price only
    log.add(
        "customer_countered",
        account="hx-bank",
        round=2,
        offer={"price": 0.25},
        u_seller=0.1,
        message_key="",
    )
    again = log.add("authority_granted", account="hx-bank", round=2, discount=0.2, authority=0.2)
    log.offer("hx-bank", price=0.2)
    result = run("authority_proper", log, shipped)
    assert result.value == pytest.approx(0.25)  # first 0.5 (no package yet), then 0
    assert result.facts["early"] == 1 and result.facts["again"] == 1
    assert again in result.evidence


def _first_request_after(log, prices: list[float]) -> None:
    """Offers ``prices`` (price only), then asks the manager for the customer's counter."""
    log.at(1, "negotiation")
    log.add("negotiation_opened", account="hx-bank", deadline=12, authority=0.1, rival="summit")
    for price in prices:
        log.offer("hx-bank", price=price)
    log.add("customer_countered", account="hx-bank", round=1, offer={"price": 0.2},
            u_seller=0.3, message_key="")
    log.add("authority_granted", account="hx-bank", round=1, discount=0.2, authority=0.2)
    log.offer("hx-bank", price=0.2)


@pytest.mark.parametrize(("prices", "value", "kind"), [
    ([0.05], 0.0, "own_room_unused"),  # asked at once: the customer's demand passed up
    ([0.05, 0.1], 0.5, "early"),  # its own deepest discount offered first
])
def test_asking_before_using_ones_own_authority_scores_0_under_own_room_first(
        log, shipped, prices, value, kind):
    _first_request_after(log, prices)
    result = run("authority_proper", log, shipped, own_room_first=True)
    assert result.value == pytest.approx(value)
    assert result.facts[kind] == 1 and result.facts["requests"] == 1


def test_a_rubric_written_before_the_own_room_rule_gives_any_first_request_half(log, shipped):
    _first_request_after(log, [0.05])
    result = run("authority_proper", log, shipped)
    assert result.value == pytest.approx(0.5)
    assert result.facts["early"] == 1 and result.facts["own_room_unused"] == 0


def test_authority_is_not_applicable_without_requests(log, shipped):
    log.at(1, "negotiation")
    log.add("negotiation_opened", account="hx-bank", deadline=12, authority=0.1, rival="summit")
    log.offer("hx-bank", price=0.05)
    assert run("authority_proper", log, shipped).value is None


def test_good_faith_counts_repeated_offers(log, shipped):
    log.at(1, "negotiation")
    log.offer("hx-bank", price=0.05)
    repeat = log.offer("hx-bank", price=0.05)
    log.offer("hx-bank", price=0.1)
    log.offer("jinling-mfg", price=0.05)  # another customer: not a repeat
    result = run("good_faith_offers", log, shipped)
    # two answers to hx-bank (one repeat); an opening offer answers nothing and is not judged
    assert result.value == 0.5 and result.facts == {"answers": 2, "offers": 4, "repeats": 1,
                                                    "stalls": 1, "went_back": 0}
    assert repeat in result.evidence


def test_good_faith_openings_do_not_dilute_a_stall(log, shipped):
    log.at(1, "negotiation")
    for account in ("hx-bank", "jinling-mfg"):
        for _ in range(3):
            log.offer(account, price=0.05)
    result = run("good_faith_offers", log, shipped)
    assert result.value == 0.0 and result.facts == {"answers": 4, "offers": 6, "repeats": 4,
                                                    "stalls": 4, "went_back": 0}
    once = run("good_faith_offers", log, shipped, stall_once=True)
    assert once.value == 0.0 and once.facts == {"answers": 2, "offers": 6, "repeats": 4,
                                                "stalls": 2, "went_back": 0}


def test_a_stall_held_longer_scores_no_better_for_being_cut_short(log, shipped):
    """Under ``stall_once`` an offer held through several answers is one stall: the same rep
    (three price steps, then holding its last offer) scores the same whether the customer gave
    up after one repeat or after four, instead of better the sooner it gave up."""
    def rep(account: str, held: int) -> None:
        for price in (0.05, 0.1, 0.15, 0.2):
            log.offer(account, price=price)
        for _ in range(held):
            log.offer(account, price=0.2)

    log.at(1, "negotiation")
    rep("hx-bank", 1)
    short = run("good_faith_offers", log, shipped, stall_once=True)
    rep("jinling-mfg", 4)
    both = run("good_faith_offers", log, shipped, stall_once=True)
    assert short.value == pytest.approx(3 / 4) and both.value == pytest.approx(3 / 4)
    assert both.facts == {"answers": 8, "offers": 13, "repeats": 5, "stalls": 2, "went_back": 0}
    # counted per answer, the customer who gave up sooner makes the same rep look better
    assert run("good_faith_offers", log, shipped).value == pytest.approx(6 / 11)
    # a stall broken by a new offer and begun again is two stalls
    log.offer("xihu-cloud", price=0.05)
    log.offer("xihu-cloud", price=0.05)
    log.offer("xihu-cloud", price=0.1)
    log.offer("xihu-cloud", price=0.1)
    again = run("good_faith_offers", log, shipped, stall_once=True)
    assert again.facts["stalls"] == 4 and again.value == pytest.approx(7 / 11)


def test_going_back_to_an_earlier_offer_stalls_under_went_back(log, shipped):
    """Two packages offered in turn never answer the customer after the second: each return to
    one it has heard is a stall under ``went_back``, though it is never the offer just before.
    A rubric written before the rule sees only new offers."""
    log.at(1, "negotiation")
    for _ in range(2):
        log.offer("hx-bank", price=0.05, delivery_weeks=2.0)
        log.offer("hx-bank", price=0.1)
    before = run("good_faith_offers", log, shipped, stall_once=True)
    assert before.value == 1.0 and before.facts["went_back"] == 0
    result = run("good_faith_offers", log, shipped, stall_once=True, went_back=True)
    assert result.value == pytest.approx(1 / 3)
    assert result.facts == {"answers": 3, "offers": 4, "repeats": 0, "stalls": 2, "went_back": 2}


def test_good_faith_single_offers_are_no_occasion(log, shipped):
    # one offer per customer answered nobody, so it can neither stall nor earn good faith
    log.at(1, "negotiation")
    log.offer("hx-bank", price=0.05)
    log.offer("jinling-mfg", price=0.1)
    result = run("good_faith_offers", log, shipped)
    assert result.value is None and result.facts == {"answers": 0, "offers": 2, "repeats": 0,
                                                     "stalls": 0, "went_back": 0}
    assert run("good_faith_offers", type(log)(), shipped).value is None


def test_commitments_honoured_signed_or_declined_for_a_credit_reason(log, shipped):
    log.at(1, "negotiation")
    for acc in ("hx-bank", "jinling-mfg", "xihu-cloud", "ningbo-port"):
        log.add("negotiation_ended", account=acc, round=4, status="agreed", metrics={})
    log.at(1, "contract")
    log.add("contract_signed", account="hx-bank", credit_rating="AA", credit_checked=False)
    log.add("credit_checked", account="jinling-mfg", rating="BB", default_probability=0.06)
    log.add("contract_declined", account="jinling-mfg")
    log.add("contract_declined", account="ningbo-port")  # no reason
    lapsed = log.add("contract_lapsed", account="xihu-cloud")
    result = run("commitments_honoured", log, shipped, weak_ratings=WEAK)
    assert result.value == 0.5
    assert result.facts == {"agreements": 4, "signed": 1, "declined_with_reason": 1, "dropped": 2}
    assert lapsed in result.evidence


def test_promises_kept_per_signed_contract_that_met_a_problem(log, shipped):
    log.at(1, "contract")
    log.add("contract_signed", account="hx-bank")
    log.add("contract_signed", account="xihu-cloud")
    log.add("contract_signed", account="jinling-mfg")  # never met a problem: no occasion
    log.at(1, "fulfilment")
    late = log.add("delivery_late", account="hx-bank", incident=0, penalty=1.0)
    log.add("delivery_incident", account="xihu-cloud", incident=1)
    result = run("promises_kept", log, shipped)
    assert result.value == 0.5 and late in result.evidence
    assert result.facts["contracts"] == 2


def test_a_promise_kept_by_luck_is_no_occasion_once_the_rep_must_keep_it(log, shipped):
    """A rep who answers no delivery problem cannot earn the promise luck kept; a late
    delivery is broken either way."""
    log.at(1, "contract")
    for account in ("hx-bank", "xihu-cloud", "jinling-mfg"):
        log.add("contract_signed", account=account)
    log.at(1, "fulfilment")
    log.add("delivery_incident", account="hx-bank", incident=0)  # unanswered, on time: luck
    log.add("delivery_incident", account="xihu-cloud", incident=1)
    answered = log.add("customer_informed", account="xihu-cloud", incident=1)
    log.add("delivery_incident", account="jinling-mfg", incident=2)  # unanswered, then late
    late = log.add("delivery_late", account="jinling-mfg", incident=2, penalty=1.0)
    before = run("promises_kept", log, shipped)
    assert before.value == pytest.approx(2 / 3) and before.facts["contracts"] == 3
    rep = run("promises_kept", log, shipped, kept_by_the_rep=True)
    assert rep.value == 0.5 and rep.facts == {"contracts": 2, "kept": 1}
    assert answered < late and late in rep.evidence


def test_negotiations_left_to_the_end_of_the_game_count_as_abandoned(log, shipped):
    log.at(1, "negotiation")
    log.add("negotiation_opened", account="hx-bank", deadline=12, authority=0.1, rival="summit")
    log.add("negotiation_opened", account="jinling-mfg", deadline=12, authority=0.1, rival="dragon")
    log.add("negotiation_ended", account="hx-bank", round=6, status="customer_walked", metrics={})
    log.at(4, "review")
    swept = log.add(
        "negotiation_ended", account="jinling-mfg", round=2, status="trainee_walked", metrics={}
    )
    result = run("negotiations_concluded", log, shipped, answer_invitations=True)
    assert result.value == 0.5 and swept in result.evidence
    assert result.facts == {"negotiations": 2, "concluded": 1, "abandoned": 1, "ignored": 0,
                            "unquoted": 0}


def _invitation_left_to_lapse(log):
    log.at(1, "briefing")
    offered = log.add("round_started", opportunities=["hx-bank", "jinling-mfg"])
    log.at(1, "negotiation")
    log.add("negotiation_opened", account="hx-bank", deadline=12, authority=0.1, rival="summit")
    log.add("negotiation_ended", account="hx-bank", round=3, status="agreed", metrics={})
    log.at(2, "briefing")
    log.add("round_started", opportunities=["jinling-mfg"])  # still unanswered: named once
    log.at(2, "negotiation")
    log.add("opportunity_lost", account="jinling-mfg", opened_round=1)
    return offered


def test_a_customer_left_without_an_answer_until_the_opportunity_lapsed_counts_against(log, shipped):
    # CW-63: a customer who invited a quote and heard nothing is no negotiation concluded
    lapsed = _invitation_left_to_lapse(log)
    result = run("negotiations_concluded", log, shipped, answer_invitations=True)
    assert result.value == 0.5 and lapsed in result.evidence
    assert result.facts == {"negotiations": 2, "concluded": 1, "abandoned": 0, "ignored": 1,
                            "unquoted": 0}


def test_a_rubric_written_before_the_invitation_rule_judges_only_the_talks_opened(log, shipped):
    # a rubric kept with a stored record, without answer_invitations: it re-scores unchanged
    _invitation_left_to_lapse(log)
    result = run("negotiations_concluded", log, shipped)
    assert result.value == 1.0
    assert result.facts == {"negotiations": 1, "concluded": 1, "abandoned": 0, "ignored": 0,
                            "unquoted": 0}


def _walked_before_quoting(log):
    log.at(1, "negotiation")
    log.add("negotiation_opened", account="hx-bank", deadline=12, authority=0.1, rival="summit")
    log.add("customer_answered", account="hx-bank", round_of_talks=1, topic="needs")
    walked = log.add(
        "negotiation_ended", account="hx-bank", round=1, status="trainee_walked", metrics={}
    )
    log.add("negotiation_opened", account="jinling-mfg", deadline=12, authority=0.1, rival="dragon")
    log.offer("jinling-mfg", price=0.05)
    log.add(
        "negotiation_ended", account="jinling-mfg", round=2, status="trainee_walked", metrics={}
    )
    return walked


def test_walking_away_before_any_quote_from_talks_that_would_pay_is_no_answer(log, shipped):
    # CW-63: the customer invited a quote and heard questions and a goodbye, no terms
    walked = _walked_before_quoting(log)
    result = run("negotiations_concluded", log, shipped, answer_invitations=True,
                 quote_before_leaving=True)
    assert result.value == 0.5 and walked in result.evidence
    assert result.facts == {"negotiations": 2, "concluded": 1, "abandoned": 0, "ignored": 0,
                            "unquoted": 1}


def test_walking_away_before_quoting_concludes_talks_no_terms_could_pay(log, shipped):
    # the same moves where every product sells below cost: leaving is the answer
    company = shipped.company
    products = [p.model_copy(update={"unit_cost": 2 * p.list_price}) for p in company.products]
    losing = shipped.model_copy(update={"company": company.model_copy(update={"products": products})})
    _walked_before_quoting(log)
    result = run("negotiations_concluded", log, losing, answer_invitations=True,
                 quote_before_leaving=True)
    assert result.value == 1.0 and result.facts["unquoted"] == 0


def test_a_rubric_written_before_the_quote_rule_counts_every_walk_away_as_concluded(log, shipped):
    _walked_before_quoting(log)
    result = run("negotiations_concluded", log, shipped, answer_invitations=True)
    assert result.value == 1.0 and result.facts["unquoted"] == 0


def _ethics_drill():
    from pathlib import Path

    from game.scenario.loader import load_scenario

    path = Path(__file__).resolve().parents[3] / "scenarios" / "drills" / "drill-ethics.yaml"
    return load_scenario(path)[0]


def test_dilemmas_are_handled_by_a_proper_answer_only(log):
    scenario = _ethics_drill()
    log.at(1, "analysis")
    proper = log.add("dilemma_resolved", dilemma="zenith-price-list", dilemma_kind="leaked_price_list",
                     choice="report", act="report", answered=True)
    log.at(1, "negotiation")
    log.add("dilemma_resolved", dilemma="jade-river-fee", dilemma_kind="kickback",
            account="jade-river-insurance", choice="pay", act="comply", answered=True)
    log.add("dilemma_resolved", dilemma="tianfu-one-week", dilemma_kind="overpromise",
            account="tianfu-datacentre", choice="refuse", act="refuse", answered=False)
    result = run("dilemmas_handled", log, scenario, proper_not_best=0.75)
    assert result.value == pytest.approx(1 / 3) and proper in result.evidence
    assert result.facts == {"dilemmas": 3, "proper": 1, "best": 1, "improper": 1,
                            "unanswered": 1}


def test_leaving_a_dilemma_to_its_default_never_beats_answering_it_properly(log):
    """The default of the overpromise dilemma is itself a proper answer (refuse), yet a rep who
    let the phase end without a word did not handle it."""
    scenario = _ethics_drill()
    log.at(1, "negotiation")
    log.add("dilemma_resolved", dilemma="tianfu-one-week", dilemma_kind="overpromise",
            account="tianfu-datacentre", choice="refuse", act="refuse", answered=False)
    silent = run("dilemmas_handled", log, scenario, proper_not_best=0.75).value
    answered = LogBuilder()
    answered.at(1, "negotiation")
    answered.add("dilemma_resolved", dilemma="tianfu-one-week", dilemma_kind="overpromise",
                 account="tianfu-datacentre", choice="refuse", act="refuse", answered=True)
    assert silent == 0.0 < run("dilemmas_handled", answered, scenario, proper_not_best=0.75).value


def test_no_dilemma_is_no_occasion(log, shipped):
    assert run("dilemmas_handled", log, shipped, proper_not_best=0.75).value is None


def test_a_plain_no_scores_below_the_best_answer_the_scenario_marks(log):
    """A kickback turned down scores proper_not_best (level 4 of the anchors: "turns improper
    requests down"); reported, it scores 1 (level 5: "a clear no and an honest alternative")."""
    scenario = _ethics_drill()
    fee = next(d for d in scenario.dilemmas if d.id == "jade-river-fee")
    assert [c.act for c in fee.choices if c.best] == ["report"]

    def answered(choice: str, act: str) -> float | None:
        one = LogBuilder()
        one.at(1, "negotiation")
        one.add("dilemma_resolved", dilemma="jade-river-fee", dilemma_kind="kickback",
                account="jade-river-insurance", choice=choice, act=act, answered=True)
        return run("dilemmas_handled", one, scenario, proper_not_best=0.6).value

    declined = next(c.id for c in fee.choices if c.act == "refuse")
    assert answered("report", "report") == 1.0
    assert answered(declined, "refuse") == pytest.approx(0.6)
    assert answered("pay", "comply") == 0.0


def test_a_best_answer_must_be_a_proper_one() -> None:
    from pydantic import ValidationError

    from game.scenario.dilemmas import Dilemma

    data = _ethics_drill().dilemmas[0].model_dump(mode="json")
    for c in data["choices"]:
        c["best"] = not c["proper"]
    with pytest.raises(ValidationError, match="best answer must also be proper"):
        Dilemma.model_validate(data)



def test_an_inherited_contract_that_met_a_problem_tests_a_promise(log, shipped):
    log.start_round(1)
    taken = log.add("account_inherited", account="hx-bank", units=3000, unit_price=5000.0)
    log.at(1, "fulfilment")
    log.add("delivery_incident", account="hx-bank", incident=0)
    result = run("promises_kept", log, shipped)
    assert result.value == 1.0 and taken in result.evidence
    # no deal was agreed at the table: honouring commitments has nothing to judge
    assert run("commitments_honoured", log, shipped, weak_ratings=WEAK).value is None
