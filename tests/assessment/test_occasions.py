"""Missed occasions read from the event log."""

from __future__ import annotations

import pytest

from game.assessment.assess import standard_rubric
from game.assessment.indicators import INDICATORS
from game.assessment.occasions import missed_occasions, prompt_weeks
from game.engine.events import Event

RUBRIC, _ = standard_rubric()
PROMPT = prompt_weeks(RUBRIC)


def ev(seq: int, what: str, week: int, phase: str = "fulfilment", rnd: int = 1, **payload
       ) -> Event:
    return Event(seq, rnd, week, phase, what, payload)


def test_a_complaint_answered_the_next_week_is_no_miss_but_one_left_open_is():
    events = [
        ev(1, "complaint_received", 3, account="a", complaint=0, cause="product"),
        ev(2, "complaint_resolved", 4, account="a", complaint=0, response_weeks=1),
        ev(3, "complaint_received", 5, account="b", complaint=1, cause="service"),
    ]
    missed = missed_occasions(events, PROMPT)
    # made in the week after the 5 weeks run: week 6, as the fulfilment screen numbers it
    assert [(o.kind, o.week, o.facts["account"]) for o in missed] == [("complaint_open", 6, "b")]


def test_a_complaint_answered_late_is_named_with_its_wait():
    events = [
        ev(1, "complaint_received", 3, account="a", complaint=0, cause="product"),
        ev(2, "complaint_resolved", 7, account="a", complaint=0, response_weeks=4),
    ]
    [o] = missed_occasions(events, PROMPT)
    assert o.kind == "complaint_late" and o.facts["weeks"] == 4


@pytest.mark.parametrize("extra", [0, 1])
def test_the_coaching_calls_a_complaint_late_exactly_when_the_rubric_does(extra, shipped):
    """The missed occasions and the complaint indicator read one definition of prompt: the
    rubric's."""
    assert PROMPT is not None and PROMPT >= 1
    weeks = PROMPT + extra
    events = [
        ev(1, "complaint_received", 3, account="a", complaint=0, cause="product"),
        ev(2, "complaint_resolved", 3 + weeks, account="a", complaint=0, response_weeks=weeks),
    ]
    [spec] = [i for i in RUBRIC.indicators if i.id == "complaint_response"]
    scored = INDICATORS["complaint_response"].fn(events, shipped, spec.params).value
    late = [o.kind for o in missed_occasions(events, PROMPT)] == ["complaint_late"]
    assert (scored == 1.0, late) == ((True, False) if extra == 0 else (False, True))


def test_a_rubric_that_does_not_judge_speed_misses_only_open_complaints():
    events = [
        ev(1, "complaint_received", 3, account="a", complaint=0, cause="product"),
        ev(2, "complaint_resolved", 9, account="a", complaint=0, response_weeks=6),
        ev(3, "complaint_received", 5, account="b", complaint=1, cause="service"),
    ]
    assert [o.kind for o in missed_occasions(events, None)] == ["complaint_open"]


def test_an_opportunity_never_negotiated_is_named_at_the_rounds_first_week():
    events = [
        ev(1, "round_started", 13, phase="briefing", rnd=2, opportunities=["a", "b"]),
        ev(2, "negotiation_opened", 13, phase="negotiation", rnd=2, account="a"),
    ]
    [o] = missed_occasions(events, PROMPT)
    assert (o.kind, o.week, o.facts["account"]) == ("opportunity_not_pursued", 14, "b")


def test_a_warning_answered_before_the_strike_is_no_miss():
    answered = [ev(1, "risk_warning", 5, strike=0, kind="price_war", weeks_ahead=2),
                ev(2, "risk_responded", 6, strike=0, before_strike=True)]
    assert missed_occasions(answered, PROMPT) == []
    unanswered = [ev(1, "risk_warning", 5, strike=0, kind="price_war", weeks_ahead=2)]
    assert [o.kind for o in missed_occasions(unanswered, PROMPT)] == ["warning_unanswered"]


def test_a_drafted_contract_left_unsigned_and_one_signed_unchecked_are_both_named():
    events = [
        ev(1, "contract_drafted", 0, phase="negotiation", account="a"),
        ev(2, "contract_drafted", 0, phase="negotiation", account="b"),
        ev(3, "contract_signed", 0, phase="negotiation", account="b", credit_checked=False,
           credit_rating="B"),
    ]
    assert [o.kind for o in missed_occasions(events, PROMPT)] == ["contract_unsigned", "signed_unchecked"]


def test_a_contract_signed_in_a_later_round_is_not_unsigned():
    events = [
        ev(1, "contract_drafted", 13, phase="negotiation", rnd=1, account="a"),
        ev(2, "contract_signed", 13, phase="negotiation", rnd=2, account="a", credit_checked=True),
    ]
    assert missed_occasions(events, PROMPT) == []
