"""A negotiation outside a game shows the policy what the trainee view shows in a game, and plays
the engine's negotiation actions."""

from __future__ import annotations

import numpy as np
import pytest

from game.bots.negotiators import Integrative, PriceOnly
from game.engine.actions import (
    AcceptOffer,
    AskQuestion,
    EndPhase,
    MakeOffer,
    Pursue,
    SetForecast,
)
from game.engine.game import Game
from game.engine.phases import Phase
from game.engine.selfplay import apply_move, negotiation_view, play_out
from game.negotiation.errors import IllegalMove
from game.negotiation.session import NegotiationSession
from game.scenario.models import Scenario


def test_the_view_outside_a_game_is_the_view_in_a_game(small: Scenario):
    game = Game(small, seed=3)
    while game.phase != Phase.NEGOTIATION:
        assert game.apply(EndPhase()).accepted
    assert game.apply(Pursue(account="hx-bank")).accepted
    policy, rng = Integrative(), np.random.default_rng(0)
    for _ in range(6):
        in_game = game.view().account("hx-bank").negotiation
        assert in_game is not None
        assert negotiation_view(game.sessions["hx-bank"]) == in_game
        if in_game.status != "open":
            break
        assert game.apply(policy.next_move(in_game, rng)).accepted


def test_moves_are_the_engines_actions_and_the_rules_still_hold(small: Scenario):
    session = NegotiationSession(small, "hx-bank", np.random.default_rng(1))
    with pytest.raises(IllegalMove):
        apply_move(session, AcceptOffer(account="hx-bank"))  # nothing on the table yet
    events = apply_move(session, AskQuestion(account="hx-bank", topic="needs"))
    assert "customer_answered" in [e["kind"] for e in events]
    offer = negotiation_view(session).standard_terms
    events = apply_move(session, MakeOffer(account="hx-bank", offer=offer))
    assert "trainee_offered" in [e["kind"] for e in events]
    with pytest.raises(ValueError):
        apply_move(session, SetForecast(revenue=1.0))


@pytest.mark.parametrize("policy", [PriceOnly(), Integrative()], ids=["price_only", "integrative"])
def test_a_policy_plays_a_negotiation_to_its_end(small: Scenario, policy):
    session = NegotiationSession(small, "jinling-mfg", np.random.default_rng(2))
    events = play_out(session, policy, np.random.default_rng(3))
    assert session.status != "open" and events[-1]["kind"] == "negotiation_ended"
