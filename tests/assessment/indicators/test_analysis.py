"""Customer-analysis indicators on hand-built event logs with known answers."""

from __future__ import annotations

from game.assessment.indicators import INDICATORS
from game.assessment.indicators.analysis import ranked_above


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


# East China's buyers: 10,000, of which smb 60 %, midmarket 32 %, datacenter 8 %. By size smb
# leads; by what is still to win (revenue x the share of buyers not yet ours) midmarket does.
OPENING = {
    "smb": {"customers": 3000, "revenue": 100_000.0},  # half of 6,000 buyers ours: 50,000
    "midmarket": {"customers": 320, "revenue": 60_000.0},  # a tenth of 3,200 ours: 54,000
    "datacenter": {"customers": 400, "revenue": 20_000.0},  # half of 800 ours: 10,000
}


def _opening_round(log):
    log.at(1, "briefing")
    return log.add("round_started", targets={}, demand_index=1.0, opportunities=[], warnings=[],
                   effort=20, opening_segments=OPENING)


def test_focus_on_targets_counts_only_as_far_as_they_were_the_ones_with_most_potential(
        log, shipped):
    _opening_round(log)
    log.at(1, "analysis")
    _research(log, "questionnaire", segment="midmarket")
    log.add("targets_selected", segments=["midmarket"], accounts=[])  # the most still to win
    log.end_phase()
    log.at(1, "review")
    log.add("round_reviewed", kpis={"segments": OPENING}, targets={})
    log.start_round(2)
    log.at(2, "analysis")
    _research(log, "questionnaire", segment="datacenter")
    log.add("targets_selected", segments=["datacenter"], accounts=[])  # the least
    log.end_phase()
    judged = run("research_on_targets", log, shipped, worth=True)
    assert judged.value == 0.0  # round 1 focused on the best (1), round 2 on the worst (-1)
    assert judged.facts["focused"] == 1 and judged.facts["poor_targets"] == 1
    # a rubric without the rule (one kept with an older record) credits focus on any target
    assert run("research_on_targets", log, shipped).value == 1.0


def test_the_biggest_segment_is_not_the_one_with_most_potential_when_its_buyers_are_ours(
        log, shipped):
    _opening_round(log)
    log.at(1, "analysis")
    _research(log, "questionnaire", segment="smb")
    log.add("targets_selected", segments=["smb"], accounts=[])
    log.end_phase()
    result = run("research_on_targets", log, shipped, worth=True)
    # smb (50,000) is above datacenter and below midmarket: half the pairs won, half lost
    assert result.value == 0.0 and result.facts["poor_targets"] == 1


def test_targeting_the_smaller_account_open_to_a_deal_earns_no_focus(log, shipped):
    _opening_round(log)  # round 1: hx-bank (3,000 units) and jinling-mfg (1,500) are open
    log.at(1, "analysis")
    _research(log, "interview", account="jinling-mfg")
    log.add("targets_selected", segments=[], accounts=["jinling-mfg"])
    log.end_phase()
    assert run("research_on_targets", log, shipped, worth=True).value == 0.0
    # the same research with the bigger account chosen instead
    other = type(log)()
    _opening_round(other)
    other.at(1, "analysis")
    _research(other, "interview", account="hx-bank")
    other.add("targets_selected", segments=[], accounts=["hx-bank"])
    other.end_phase()
    assert run("research_on_targets", other, shipped, worth=True).value == 1.0


def test_a_log_without_the_opening_figures_judges_round_1_focus_as_before(log, shipped):
    log.start_round(1)  # a game played before the log carried the quarter before the rep
    log.at(1, "analysis")
    _research(log, "questionnaire", segment="datacenter")
    log.add("targets_selected", segments=["datacenter"], accounts=[])
    log.end_phase()
    assert run("research_on_targets", log, shipped, worth=True).value == 1.0


def test_ranked_above_compares_every_chosen_option_with_every_other():
    worth = {"a": 3.0, "b": 2.0, "c": 1.0, "d": 2.0}
    assert ranked_above({"a"}, worth) == 1.0
    assert ranked_above({"c"}, worth) == -1.0
    assert ranked_above({"b"}, worth) == 0.0  # below a, above c (level with d: no comparison)
    assert ranked_above({"a", "b"}, worth) == 1.0  # a>c, a>d, b>c
    assert ranked_above(set(), worth) is None and ranked_above(set(worth), worth) is None
    assert ranked_above({"b"}, {"b": 2.0, "d": 2.0}) is None  # equal: no choice to judge


def test_options_within_the_band_are_equally_good_choices():
    worth = {"a": 100.0, "b": 95.0, "c": 50.0}
    assert ranked_above({"b"}, worth) == 0.0  # b below a, above c
    assert ranked_above({"b"}, worth, equal_within=0.1) == 1.0  # a is no better than b
    assert ranked_above({"a"}, {"a": 100.0, "b": 92.0}, equal_within=0.1) is None
    assert ranked_above({"b"}, {"a": 100.0, "b": 89.0}, equal_within=0.1) == -1.0


def test_leaving_out_the_research_of_a_poor_pick_never_scores_more(log, shipped):
    _opening_round(log)
    log.at(1, "analysis")
    _research(log, "questionnaire", segment="midmarket")
    log.add("targets_selected", segments=["midmarket"], accounts=[])  # the most still to win: 1
    log.end_phase()
    log.at(1, "review")
    log.add("round_reviewed", kpis={"segments": OPENING}, targets={})
    log.start_round(2)
    log.at(2, "analysis")
    research = _research(log, "questionnaire", segment="datacenter")
    log.add("targets_selected", segments=["datacenter"], accounts=[])  # the least: -1
    log.end_phase()
    done = run("research_on_targets", log, shipped, worth=True)
    log.events = [e for e in log.events if e.seq != research]
    skipped = run("research_on_targets", log, shipped, worth=True)
    assert done.value == skipped.value == 0.0  # (1 - 1) / 2 either way, not (1 + 0) / 2
    assert skipped.facts["poor_targets"] == 1
