"""The issues a customer names as mattering most are one rule: the customer says them, a rep that
listened favours them, and the assessment credits favouring them — the same two, ties included."""

from __future__ import annotations

import pytest

from game.assessment.indicators.analysis import learned_from
from game.bots.graded import heard_issues
from game.engine.events import Event
from game.engine.view_models import Answer, Estimate, NegotiationView
from game.scenario.option_values import stated_top_issues

ISSUES = ("price", "warranty", "delivery_weeks", "service")

WEIGHTINGS = [
    {"price": 0.4, "warranty": 0.1, "delivery_weeks": 0.3, "service": 0.2},
    # a tie for second place: the customer names the tied issues in issue order
    {"price": 0.2, "warranty": 0.3, "delivery_weeks": 0.2, "service": 0.3},
    {"price": 0.25, "warranty": 0.25, "delivery_weeks": 0.25, "service": 0.25},
]


def answered(weights: dict[str, float]) -> Event:
    estimate = {"weights": {i: {"mean": w, "sd": 0.05} for i, w in weights.items()}}
    return Event(seq=1, round=0, week=1, phase="negotiation", kind="customer_answered",
                 payload={"account": "acme", "round": 0, "topic": "priorities",
                          "quality": "truthful", "estimate": estimate})


def heard_by_a_rep(weights: dict[str, float]) -> list[str]:
    answer = Answer(quality="truthful", round=0, times_asked=1,
                    weights={i: Estimate(mean=w, sd=0.05) for i, w in weights.items()})
    view = NegotiationView.model_construct(issues={i: (0, 1) for i in ISSUES},
                                           learned={"priorities": answer})
    return heard_issues(view)


@pytest.mark.parametrize("weights", WEIGHTINGS)
def test_customer_rep_and_assessment_name_the_same_two_issues(weights):
    named = stated_top_issues(weights)
    assert len(named) == 2
    credited = learned_from(answered(weights))
    assert credited is not None and credited[0] == named
    assert heard_by_a_rep(weights) == named


def test_ties_are_named_in_issue_order_not_by_name():
    assert stated_top_issues(WEIGHTINGS[1]) == ["warranty", "service"]
    assert stated_top_issues(WEIGHTINGS[2]) == ["price", "warranty"]
