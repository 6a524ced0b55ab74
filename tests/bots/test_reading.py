"""What a rep reads off a negotiation's view agrees with the engine's own figures."""

from __future__ import annotations

import numpy as np
import pytest

from game.bots.reading import (
    claims,
    discounts,
    estimated_customer_utilities,
    grid,
    own_reservation,
    own_utilities,
    own_utility,
    standard_option,
    within_reach,
)
from game.engine.actions import RequestAuthority
from game.engine.selfplay import apply_move, negotiation_view
from game.negotiation.moves import standard_option as rule
from game.negotiation.session import NegotiationSession
from game.scenario.models import Scenario


@pytest.fixture(params=[0, 1, 2])
def session(request, shipped: Scenario) -> NegotiationSession:
    account = shipped.key_accounts[request.param]
    return NegotiationSession(shipped, account.id, np.random.default_rng(request.param))


def test_the_reps_own_utility_is_its_profit_rescaled_as_the_session_scores_it(session):
    nv = negotiation_view(session)
    assert own_utilities(nv) == pytest.approx(session.seller_utilities(), abs=1e-6)
    assert own_reservation(nv) == pytest.approx(session.seller_reservation, abs=1e-6)
    offer = session.space.offer_at(17)
    assert own_utility(nv, offer) == pytest.approx(session.seller_utility(offer), abs=1e-6)
    best = int(np.argmax(own_utilities(nv)))
    assert claims(nv)[best] == pytest.approx(1.0)
    assert claims(nv)[nv.index_of(nv.offer_at(best))] == pytest.approx(1.0)


def test_the_grid_is_the_outcome_spaces(session):
    nv = negotiation_view(session)
    assert np.array_equal(grid(nv), session.space.grid)
    prices = np.array(session.space.options["price"])[session.space.grid[:, 0]]
    assert np.array_equal(discounts(nv), prices)


def test_reach_and_standard_terms_follow_the_authority_held(session):
    nv = negotiation_view(session)
    mine = discounts(nv) <= nv.authority + 1e-9
    manager = discounts(nv) <= nv.manager_authority + 1e-9
    assert np.array_equal(within_reach(nv), manager) and (manager & ~mine).any()
    before = standard_option(nv, "price")
    assert before == rule(session.space, "price", session.authority)
    refused = float(max(d for d in nv.issues["price"] if float(d) <= nv.manager_authority))
    session.rng = np.random.default_rng(99)
    apply_move(session, RequestAuthority(account=nv.account, discount=refused))
    after = negotiation_view(session)
    assert standard_option(after, "price") == rule(session.space, "price", session.authority)
    if session.authority < refused:  # refused: nothing at or above it is in reach any more
        assert not within_reach(after)[discounts(after) >= refused - 1e-9].any()


def test_without_answers_the_customer_is_read_in_the_usual_direction(session):
    nv = negotiation_view(session)
    u = estimated_customer_utilities(nv)
    cheaper = nv.offer_at(0) | {"price": max(nv.issues["price"])}
    dearer = nv.offer_at(0) | {"price": min(nv.issues["price"])}
    assert u[nv.index_of(cheaper)] > u[nv.index_of(dearer)]
