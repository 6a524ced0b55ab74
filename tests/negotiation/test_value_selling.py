"""Selling value (CW-30, CW-31): a fitting pitch lowers the customer's reservation value, with
diminishing returns and a cap; a misfit costs trust and nothing else; a price objection can be
answered with value only while it is open."""

from __future__ import annotations

import json

import numpy as np
import pytest

from game.negotiation.errors import IllegalMove
from game.negotiation.pareto import nash_point
from game.negotiation.session import NegotiationSession
from game.negotiation.value_selling import Presented, credit_after, fits
from game.scenario.models import Scenario, ValueSelling

ACCOUNT = "hx-bank"


def _session(s: Scenario, seed: int = 0) -> NegotiationSession:
    return NegotiationSession(s, ACCOUNT, np.random.default_rng(seed))


def _ranked(session: NegotiationSession) -> list[str]:
    """Non-price aspects, most weighted first (from the hidden truth)."""
    weights = session.customer.weights or {}
    return sorted((k for k in weights if k != "price"), key=lambda k: -weights[k])


def test_a_fitting_pitch_lowers_the_reservation_value_and_nothing_else(east_china) -> None:
    session = _session(east_china)
    top = _ranked(session)[0]
    rules = east_china.negotiation.value_selling
    rv, trust, u = session.customer.rv, session.trust, session.customer.u.copy()
    events = session.present_value(top)
    assert events[-1]["kind"] == "value_presented" and events[-1]["reply"] == "interested"
    assert session.customer.rv == pytest.approx(rv - rules.pitch_credit)
    assert session.trust == trust
    assert np.array_equal(session.customer.u, u)
    assert session.round == 0  # the meeting's offers are not used up


def test_a_misfit_costs_a_little_trust_and_nothing_else(east_china) -> None:
    session = _session(east_china)
    low = _ranked(session)[-1]
    assert not fits(session.customer.weights or {}, low, east_china.negotiation.value_selling)
    rv, trust = session.customer.rv, session.trust
    events = session.present_value(low)
    assert events[-1]["reply"] == "indifferent"
    assert session.customer.rv == rv
    assert session.trust == pytest.approx(trust - east_china.negotiation.value_selling.misfit_trust)
    assert [e["reason"] for e in events if e["kind"] == "trust_changed"] == ["value_misfit"]


def test_repeats_diminish_and_the_total_is_capped(east_china) -> None:
    rules = east_china.negotiation.value_selling
    session = _session(east_china)
    top = _ranked(session)[0]
    start = session.customer.rv
    drops = []
    for _ in range(8):
        before = session.customer.rv
        session.present_value(top)
        drops.append(before - session.customer.rv)
    assert drops[1] == pytest.approx(drops[0] * rules.repeat_decay)
    assert all(b <= a + 1e-12 for a, b in zip(drops, drops[1:], strict=False))
    assert start - session.customer.rv <= rules.cap + 1e-12
    tight = ValueSelling(pitch_credit=0.05, repeat_decay=1.0, cap=0.12)
    fitted = [Presented("pitch", True)] * 5
    assert credit_after(fitted, tight) == pytest.approx(0.12)


def test_fit_follows_the_weights_not_fixed_issue_ids() -> None:
    rules = ValueSelling()
    weights = {"price": 0.4, "service": 0.3, "training": 0.1, "volume": 0.1, "payment_days": 0.1}
    assert fits(weights, "service", rules)
    assert not fits(weights, "training", rules)  # tied at the least weight: never a fit
    assert not fits(weights, "price", rules)
    assert not fits(weights, "delivery_weeks", rules)  # not on the table


def test_an_unknown_aspect_is_illegal_and_changes_nothing(east_china) -> None:
    session = _session(east_china)
    before = json.dumps(session.truth(), sort_keys=True)
    for aspect in ("price", "colour"):
        with pytest.raises(IllegalMove) as err:
            session.present_value(aspect)
        assert err.value.code == "unknown_aspect"
    assert json.dumps(session.truth(), sort_keys=True) == before


def _open_objection(session: NegotiationSession) -> None:
    """Offer list price on standard terms until the customer's counter asks for a discount."""
    offer = {k: v[len(v) // 2] for k, v in session.space.options.items()}
    offer["price"] = session.space.options["price"][0]
    session.offer(offer)
    assert session.objection(), "the customer's counter should push the price down"


def test_a_price_objection_can_be_answered_once_with_a_larger_effect(east_china) -> None:
    rules = east_china.negotiation.value_selling
    session = _session(east_china)
    top = _ranked(session)[0]
    with pytest.raises(IllegalMove) as err:
        session.present_value(top, answer_objection=True)
    assert err.value.code == "no_objection"
    _open_objection(session)
    assert session.view()["objection"] is True
    rv = session.customer.rv
    session.present_value(top, answer_objection=True)
    assert rv - session.customer.rv == pytest.approx(rules.objection_credit)
    assert rules.objection_credit > rules.pitch_credit
    assert session.objection() is False
    with pytest.raises(IllegalMove):
        session.present_value(top, answer_objection=True)


def test_the_nash_point_uses_the_shifted_reservation_value(east_china) -> None:
    session = _session(east_china)
    top = _ranked(session)[0]
    for _ in range(3):
        session.present_value(top)
    truth = session.truth()
    expected = nash_point(
        session.seller_utilities(), session.customer.u, session.seller_reservation,
        session.customer.rv,
    )
    assert truth["reservation"] == pytest.approx(session.customer.rv, abs=1e-4)
    assert truth["value_credit"] > 0
    assert expected is not None and truth["nash"]["offer"] == session.space.offer_at(expected)
