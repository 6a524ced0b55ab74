"""Customer-analysis indicators on hand-built event logs with known answers."""

from __future__ import annotations

from game.assessment.indicators import INDICATORS


def run(name, log, scenario, **params):
    return INDICATORS[name].fn(log.events, scenario, params)


def test_needs_count_only_when_the_first_offer_uses_what_was_learned(log, shipped):
    log.at(1, "negotiation")
    heard = log.add(
        "customer_answered",
        account="hx-bank",
        round=0,
        topic="needs",
        quality="truthful",
        estimate={
            "top_issues": ["delivery_weeks", "service"],
            "ideal": {"delivery_weeks": 2.0, "service": "premium"},
        },
    )
    used = log.offer("hx-bank", delivery_weeks=2.0)  # gives the stated ideal on a top issue
    unasked = log.offer("jinling-mfg")  # quoted without asking anything
    log.add(
        "customer_answered",
        account="xihu-cloud",
        round=0,
        topic="needs",
        quality="vague",
        estimate={"top_issues": ["delivery_weeks"], "ideal": {"delivery_weeks": 2.0}},
    )
    ignored = log.offer("xihu-cloud")  # standard delivery: the answer was ignored
    result = run("needs_before_quote", log, shipped)
    assert result.value == 1 / 3
    assert result.facts == {"accounts": 3, "used": 1, "ignored": 1, "unasked": 1, "price_only": 0}
    assert {heard, used, unasked, ignored} <= set(result.evidence)


def test_a_first_offer_that_gives_on_every_term_shows_generosity_not_listening(log, shipped):
    # better than standard on the top issues and on every other term too: the offer would look
    # the same whatever the customer had said, so it does not count as using the answer
    log.at(1, "negotiation")
    for account in ("hx-bank", "jinling-mfg"):
        log.add(
            "customer_answered",
            account=account,
            round=0,
            topic="needs",
            quality="truthful",
            estimate={"top_issues": ["delivery_weeks"], "ideal": {"delivery_weeks": 2.0}},
        )
    log.offer("hx-bank", delivery_weeks=2.0, volume=1.0, payment_days=90.0,
              service="premium")  # everything the customer could want
    log.offer("jinling-mfg", delivery_weeks=2.0, payment_days=0.0)  # gives on the top only
    result = run("needs_before_quote", log, shipped)
    assert result.facts == {"accounts": 2, "used": 1, "ignored": 1, "unasked": 0, "price_only": 0}
    assert result.value == 0.5


def test_an_interview_teaches_priorities_and_a_refusal_teaches_nothing(log, shipped):
    log.at(1, "analysis")
    log.add(
        "research_done",
        method="interview",
        account="jinling-mfg",
        effort=2,
        cost=500,
        result={
            "priorities": {
                "price": {"mean": 0.45, "sd": 0.05},
                "payment_days": {"mean": 0.35, "sd": 0.05},
                "volume": {"mean": 0.05, "sd": 0.05},
            }
        },
    )
    log.at(1, "negotiation")
    log.offer("jinling-mfg", payment_days=90.0)  # better than standard on a top-weighted issue
    log.add(
        "customer_answered",
        account="hx-bank",
        round=0,
        topic="needs",
        quality="refused",
        estimate={},
    )
    log.offer("hx-bank", delivery_weeks=2.0)
    result = run("needs_before_quote", log, shipped)
    assert result.facts == {"accounts": 2, "used": 1, "ignored": 0, "unasked": 1, "price_only": 0}
    assert result.value == 0.5


def test_giving_an_ideal_that_is_the_standard_option_shows_nothing_heard(log, shipped):
    log.at(1, "negotiation")
    log.add(
        "customer_answered",
        account="ningbo-port",
        round=0,
        topic="needs",
        quality="vague",
        estimate={"top_issues": ["service"], "ideal": {"service": "standard"}},
    )
    log.offer("ningbo-port")
    assert run("needs_before_quote", log, shipped).value == 0.0


def test_a_need_for_price_alone_is_no_occasion(log, shipped):
    # a discount is what any rep offers, heard or not: full authority, standard or anything
    # between cannot show that the customer was heard, so these quotes are not judged
    log.at(1, "negotiation")
    for account in ("hx-bank", "jinling-mfg"):
        log.add("negotiation_opened", account=account, deadline=12, authority=0.1, rival="summit")
        log.add(
            "customer_answered",
            account=account,
            round=0,
            topic="needs",
            quality="vague",
            estimate={"top_issues": ["price"], "ideal": {"price": 0.25}},
        )
    log.offer("hx-bank", price=0.1)  # the full authority at once
    log.offer("jinling-mfg", price=0.05)  # standard
    result = run("needs_before_quote", log, shipped)
    assert result.value is None
    assert result.facts == {"accounts": 0, "used": 0, "ignored": 0, "unasked": 0, "price_only": 2}


def test_needs_are_not_applicable_without_offers(log, shipped):
    log.at(1, "negotiation")
    log.add(
        "customer_answered",
        account="hx-bank",
        round=0,
        topic="needs",
        quality="truthful",
        estimate={"top_issues": ["service"], "ideal": {"service": "premium"}},
    )
    result = run("needs_before_quote", log, shipped)
    assert result.value is None and result.facts["accounts"] == 0


def _research(log, method, **where):
    return log.add("research_done", method=method, effort=1, cost=0, result={}, **where)


def test_research_on_targets_rewards_focus_and_gives_spreading_nothing(log, shipped):
    log.start_round(1)
    log.at(1, "analysis")
    q = _research(log, "questionnaire", segment="smb")
    i = _research(log, "interview", account="hx-bank")
    t = log.add("targets_selected", segments=["smb"], accounts=["hx-bank"])
    end1 = log.end_phase()
    log.start_round(2)
    log.at(2, "analysis")
    for seg in ("smb", "midmarket", "datacenter"):  # every segment: no better than an even spread
        _research(log, "questionnaire", segment=seg)
    end2 = log.end_phase()
    result = run("research_on_targets", log, shipped)
    assert result.value == 0.5  # round 1 fully focused (1), round 2 spread (0)
    assert {q, i, t, end1, end2} <= set(result.evidence)
    assert result.facts["focused"] == 1 and result.facts["research"] == 5


def test_research_on_targets_is_zero_without_research(log, shipped):
    log.start_round(1)
    log.at(1, "analysis")
    end = log.end_phase()
    result = run("research_on_targets", log, shipped)
    assert result.value == 0.0 and result.evidence == (end,)


def test_interviewing_every_account_still_in_play_is_spreading(log, shipped):
    log.start_round(1)
    log.at(1, "negotiation")
    log.add("negotiation_ended", account="hx-bank", round=3, status="agreed", metrics={})
    log.start_round(2)
    log.at(2, "analysis")
    for acc in ("jinling-mfg", "xihu-cloud", "suzhou-logistics", "ningbo-port"):
        _research(log, "interview", account=acc)
    log.add("targets_selected", segments=[], accounts=["xihu-cloud", "jinling-mfg"])
    log.end_phase()
    assert run("research_on_targets", log, shipped).value == 0.0
