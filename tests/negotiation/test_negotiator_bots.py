"""Bots of graded skill: the integrative rep claims clearly more value than the price-only rep."""

from __future__ import annotations

import numpy as np

from game.bots.negotiators import (
    Integrative,
    NegotiationPolicy,
    PriceOnly,
    RandomNegotiator,
)
from game.engine.selfplay import play_out
from game.negotiation.session import NegotiationSession
from game.negotiation.space import OutcomeSpace
from game.scenario.models import Scenario

SEEDS = 150


def hedges_g(x: np.ndarray, y: np.ndarray) -> float:
    """Standardised mean difference of x over y, small-sample corrected."""
    nx, ny = x.size, y.size
    pooled = np.sqrt(((nx - 1) * x.var(ddof=1) + (ny - 1) * y.var(ddof=1)) / (nx + ny - 2))
    return float((x.mean() - y.mean()) / pooled * (1 - 3 / (4 * (nx + ny) - 9)))


def _play(scenario: Scenario, policy: NegotiationPolicy, seed: int) -> dict:
    """One negotiation: account and rival bid (half the time) vary with the seed."""
    setup = np.random.default_rng([seed, 11])
    account = scenario.key_accounts[seed % len(scenario.key_accounts)]
    space = OutcomeSpace(scenario.negotiation)
    rival = space.offer_at(int(setup.integers(space.n_outcomes))) if setup.random() < 0.5 else None
    session = NegotiationSession(scenario, account.id, np.random.default_rng(seed), rival)
    play_out(session, policy, np.random.default_rng([seed, 12]))
    return session.metrics()


def test_integrative_claims_clearly_more_value_than_price_only(east_china: Scenario) -> None:
    runs = {
        name: [_play(east_china, policy, seed) for seed in range(SEEDS)]
        for name, policy in (("integrative", Integrative()), ("price_only", PriceOnly()))
    }
    claimed = {name: np.array([m["value_claimed"] for m in ms]) for name, ms in runs.items()}
    g = hedges_g(claimed["integrative"], claimed["price_only"])
    for name, values in claimed.items():
        mean, sd = values.mean(), values.std(ddof=1)
        print(f"{name:12s} value claimed: mean {mean:.3f}  sd {sd:.3f}  n {values.size}")
    print(f"Hedges' g (integrative - price_only): {g:.2f}")
    assert g > 0.8
    # and it gets there the way the courseware teaches
    integrative, price_only = runs["integrative"], runs["price_only"]
    assert all(m["value_claimed"] >= 0 for m in integrative)  # never a deal below its rv
    # it shapes the package to what it learned, so its deals lie on the efficient frontier (the
    # price-only rep leaves value on the table: 0.13 from the frontier here, against 0.01)
    def off_frontier(ms: list[dict]) -> float:
        return float(np.mean([m["distance_to_frontier"] for m in ms if m["agreement"]]))

    assert off_frontier(integrative) < 0.25 * off_frontier(price_only)
    # a trade gives the customer something on one term and takes something on another, valued
    # as the customer values the options; price-only moves never are
    assert any(m["trade_share"] > 0 for m in integrative)
    assert all(m["trade_share"] == 0 for m in price_only)
    assert np.mean([m["question_quality"] for m in integrative]) > 0.8
    shrank = [m["concessions_shrank"] for m in integrative if m["concessions_shrank"] is not None]
    assert np.mean(shrank) > 0.5


def test_random_moves_are_always_legal(east_china: Scenario) -> None:
    for seed in range(60):
        metrics = _play(east_china, RandomNegotiator(), seed)  # an illegal move would raise
        assert metrics["status"] != "open"
