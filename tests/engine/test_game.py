"""The engine's contract: phases in order, legal moves only, events as the record, determinism."""

from __future__ import annotations

import json

import pytest

from game.bots.base import play
from game.bots.heuristic import HeuristicBot
from game.bots.random_bot import RandomBot
from game.engine.actions import (
    EndPhase,
    Interview,
    MarketResearch,
    Questionnaire,
    RunWeeks,
    SetPrice,
)
from game.engine.game import Game
from game.engine.phases import ROUND_PHASES, Phase


def _to_phase(game: Game, phase: Phase) -> None:
    while game.phase != phase:
        assert game.apply(EndPhase()).accepted


def test_a_round_walks_every_phase_of_the_design_in_order(small):
    game = Game(small)
    seen = [game.phase]
    while game.round == 1:
        game.apply(EndPhase())
        if game.round == 1:
            seen.append(game.phase)
    assert tuple(seen) == ROUND_PHASES
    assert game.phase == Phase.BRIEFING and game.round == 2
    assert game.week == small.weeks_per_round  # ending fulfilment ran the round's weeks


def test_every_event_carries_round_week_phase_kind_and_json_payload(small):
    game = Game(small)
    play(game, HeuristicBot(1))
    assert game.over
    for event in game.events:
        d = event.to_dict()
        assert set(d) == {"seq", "round", "week", "phase", "kind", "payload"}
        json.dumps(d)  # JSON-able, no numpy types
    assert [e.seq for e in game.events] == list(range(len(game.events)))
    kinds = {e.kind for e in game.events}
    assert {"round_started", "week_simulated", "round_reviewed", "game_ended"} <= kinds


def test_an_illegal_action_is_rejected_and_changes_nothing(small):
    game = Game(small)
    before_events = len(game.events)
    before_view = game.view()
    result = game.apply(RunWeeks())  # not in the briefing
    assert not result.accepted and result.code == "wrong_phase"
    _to_phase(game, Phase.PLANNING)
    n = len(game.events)
    view = game.view()
    result = game.apply(SetPrice(segment="smb", discount=0.5))  # beyond the rep's authority
    assert not result.accepted and result.code == "beyond_authority"
    assert len(game.events) == n and game.view() == view
    result = game.apply({"type": "set_price", "segment": "nowhere", "discount": 0.05})
    assert not result.accepted and result.code == "unknown_segment"
    result = game.apply({"type": "fly_to_the_moon"})
    assert not result.accepted and result.code == "invalid_action"
    assert len(game.events) == n
    assert before_events < n and before_view.phase == "briefing"


def test_effort_is_a_budget_the_round_cannot_overspend(small):
    game = Game(small)
    _to_phase(game, Phase.ANALYSIS)
    spent = 0
    while game.apply(MarketResearch()).accepted:
        spent += 1
    effort = small.company.effort_per_round
    cost = small.company.research.market_research.effort
    assert spent == int(effort // cost)
    result = game.apply(MarketResearch())
    assert result.code == "no_effort" and "effort" in result.reason


def test_research_reveals_estimates_with_uncertainty_not_truths(small):
    game = Game(small)
    _to_phase(game, Phase.ANALYSIS)
    game.apply(Questionnaire(segment="smb"))
    game.apply(Interview(account="hx-bank"))
    know = game.view().knowledge
    q = know.segments["smb"].questionnaire
    assert q is not None
    for key in ("price_sensitivity", "quality_weight", "satisfaction", "our_share"):
        estimate = getattr(q, key)
        assert estimate.sd > 0 and estimate.n > 1
    prio = know.accounts["hx-bank"].priorities
    truth = small.key_accounts[0].preferences.weights
    assert set(prio) == set(truth)
    assert all(p.sd > 0 for p in prio.values())


def _research(small, actions) -> list[dict]:
    """The research results of ``actions``, made in the first analysis phase of one game."""
    game = Game(small, seed=11)
    _to_phase(game, Phase.ANALYSIS)
    for action in actions:
        assert game.apply(action).accepted
    return [e.payload for e in game.events if e.kind == "research_done"]


def test_one_piece_of_research_never_changes_what_another_shows(small):
    """Each piece of research draws from its own stream (round, method, what it looks at), so a
    trainee who also ran a questionnaire, or ran it after instead of before, hears the same
    interview; otherwise dropping one good action could change another's finding by luck."""
    alone = _research(small, [Interview(account="hx-bank")])
    after = _research(small, [Questionnaire(segment="smb"), MarketResearch(),
                              Interview(account="hx-bank")])
    assert after[-1] == alone[0]
    first = _research(small, [Questionnaire(segment="smb"), Interview(account="hx-bank")])
    second = _research(small, [Interview(account="hx-bank"), Questionnaire(segment="smb")])
    assert first[0] == second[1] and first[1] == second[0]


def test_the_same_research_again_is_a_fresh_sample(small):
    twice = _research(small, [Questionnaire(segment="smb"), Questionnaire(segment="smb")])
    assert twice[0]["result"] != twice[1]["result"]


def _walk(node, key=None):
    if isinstance(node, dict):
        for k, v in node.items():
            yield k, v
            yield from _walk(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v, key)


def test_the_trainee_view_never_contains_hidden_truths(small):
    game = Game(small)
    play(game, HeuristicBot(3))
    view = game.view().model_dump(mode="json")
    keys = {k for k, _ in _walk(view)}
    assert not keys & {"reservation", "tactic", "beta", "rv", "u_customer", "frontier"}
    # What the customer told us about its priorities is an estimate with an error bar.
    weights = [value for key, value in _walk(view) if key == "weights" and value is not None]
    assert weights  # the heuristic bot asks about priorities
    for value in weights:
        assert all(isinstance(v, dict) and "sd" in v for v in value.values())
    assert "reservation" in json.dumps(game.truth())


def test_same_seed_same_actions_same_events_and_different_seed_differs(small):
    a, b, c = Game(small, seed=7), Game(small, seed=7), Game(small, seed=8)
    for g in (a, b, c):
        play(g, HeuristicBot(g.seed))
    assert a.log_digest() == b.log_digest()
    assert a.log_digest() != c.log_digest()


def test_random_bot_games_always_finish(small):
    for seed in range(3):
        game = Game(small, seed=seed)
        play(game, RandomBot(seed))
        assert game.over
        assert game.events[-1].kind == "game_ended"


def test_the_heuristic_bot_negotiates_and_signs_deals(small):
    game = Game(small, seed=7)
    play(game, HeuristicBot(7))
    ended = [e for e in game.events if e.kind == "negotiation_ended"]
    assert len(ended) == len(small.key_accounts)
    assert any(e.payload["status"] == "agreed" for e in ended)
    assert any(e.kind == "contract_signed" for e in game.events)
    assert all("metrics" in e.payload for e in ended)


def test_a_new_effort_budget_takes_effect_from_the_next_round(shipped) -> None:
    from game.engine.actions import EndPhase

    game = Game(shipped, seed=1)
    start = game.effort_left
    game.set_effort_per_round(start * 1.5)
    assert game.effort_left == start  # this round's budget is what it was
    while game.round == 1 and not game.over:
        game.apply(EndPhase())
    assert game.effort_left == pytest.approx(start * 1.5)
    assert game.view().brief.company.effort_per_round == pytest.approx(start * 1.5)


def test_the_log_carries_the_quarter_before_the_rep_that_the_first_round_is_planned_from(small):
    game = Game(small, seed=5)
    started = [e for e in game.events if e.kind == "round_started"]
    history = game.view().history[0].segments
    assert started[0].payload["opening_segments"] == {
        sid: {"customers": fig.customers, "revenue": fig.revenue} for sid, fig in history.items()}
    assert set(history) == {s.id for s in small.market.segments}
    play(game, HeuristicBot(seed=5))
    later = [e for e in game.events if e.kind == "round_started"][1:]
    assert later and all("opening_segments" not in e.payload for e in later)
