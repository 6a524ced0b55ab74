"""The event log is what a trainee (or a bot) may read during play: nothing in it is derived from
a customer's hidden truth. The debrief and the assessment get those figures from the truth."""

from __future__ import annotations

from typing import Any

from game.assessment.indicators import INDICATORS
from game.engine.actions import (
    AskQuestion,
    EndPhase,
    MakeOffer,
    ProposeTrade,
    Pursue,
    WalkAway,
)
from game.engine.game import Game
from game.engine.phases import Phase
from game.negotiation.metrics import SELLER_METRICS
from game.scenario.models import Scenario

HIDDEN = {
    "u_customer",
    "customer_advantage",
    "distance_to_frontier",
    "distance_to_nash",
    "question_quality",
    "trade_share",
    "trust_end",
}
TERMS = {"price": 0.0, "volume": 1.0, "delivery_weeks": 4, "payment_days": 30, "service": "basic"}


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def _play(scenario: Scenario) -> Game:
    """Round 1: talks with hx-bank end with a walk-away, talks with jinling-mfg are left open and
    swept at the game's end; every other phase is ended at once."""
    game = Game(scenario, seed=5)
    while game.phase != Phase.NEGOTIATION:
        assert game.apply(EndPhase()).accepted
    for account in ("hx-bank", "jinling-mfg"):
        assert game.apply(Pursue(account=account)).accepted
        assert game.apply(AskQuestion(account=account, topic="priorities")).accepted
        assert game.apply(MakeOffer(account=account, offer=TERMS)).accepted
        trade = ProposeTrade(account=account, give={"payment_days": 60},
                             want={"delivery_weeks": 6})
        assert game.apply(trade).accepted
    assert game.apply(WalkAway(account="hx-bank")).accepted
    while not game.over:
        assert game.apply(EndPhase()).accepted
    return game


def test_no_event_carries_a_figure_derived_from_the_customers_hidden_truth(small: Scenario) -> None:
    game = _play(small)
    ended = {e.payload["account"]: e for e in game.events if e.kind == "negotiation_ended"}
    assert set(ended) == {"hx-bank", "jinling-mfg"}
    for event in ended.values():
        assert tuple(event.payload["metrics"]) == SELLER_METRICS
    assert not {k for e in game.events for k in _keys(e.payload)} & HIDDEN
    # after the game the truth has them, for the debrief
    truth = game.truth()["negotiations"]
    for account in ended:
        assert HIDDEN <= set(truth[account]["metrics"])
        assert truth[account]["metrics"]["trade_share"] == 1.0  # the one move was a trade


def test_the_negotiation_indicators_score_from_the_log_and_the_scenario(small: Scenario) -> None:
    game = _play(small)
    trades = INDICATORS["trades_across_issues"].fn(game.events, game.scenario, {})
    claimed = INDICATORS["value_claimed"].fn(game.events, game.scenario, {})
    # two moves, each giving longer payment terms for slower delivery: trades
    assert trades.value == 1.0 and trades.facts["moves"] == 2
    # the walk-away keeps nothing (the talks swept at the game's end are judged elsewhere)
    assert claimed.value == 0.0 and claimed.facts["negotiations"] == 1
