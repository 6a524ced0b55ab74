"""Properties over many seeded negotiations against every bot: the customer never accepts an
outcome below its reservation value and always answers a rejected offer with a full counter."""

from __future__ import annotations

import json

import numpy as np
import pytest

from game.bots.negotiators import POLICIES
from game.engine.actions import MakeOffer, ProposeTrade
from game.engine.selfplay import apply_move, negotiation_view
from game.negotiation.session import NegotiationSession
from game.negotiation.space import OutcomeSpace
from game.scenario.models import Scenario

SEEDS_PER_POLICY = 350  # x 3 policies = 1,050 negotiations
KINDS = ("boulware", "linear", "conceder", "tit_for_tat")


def _random_setup(
    east_china: Scenario, seed: int
) -> tuple[Scenario, str, dict | None, np.random.Generator]:
    """A shipped account with a random tactic, reservation, trust and deadline, and maybe a
    rival bid; the generator also times a mid-negotiation market event."""
    rng = np.random.default_rng([seed, 7])
    account = east_china.key_accounts[seed % len(east_china.key_accounts)]
    kind = KINDS[int(rng.integers(len(KINDS)))]
    beta = {"boulware": rng.uniform(0.1, 0.9), "linear": 1.0, "conceder": rng.uniform(1.5, 8)}.get(
        kind, 1.0
    )
    preferences = account.preferences.model_copy(
        update={"reservation": float(rng.uniform(0.1, 0.7))}
    )
    changed = account.model_copy(
        update={
            "tactic": account.tactic.model_copy(update={"kind": kind, "beta": float(beta)}),
            "preferences": preferences,
            "trust": float(rng.uniform(0.2, 0.95)),
            "deadline": int(rng.integers(2, 13)),
        }
    )
    scenario = east_china.model_copy(
        update={
            "key_accounts": [changed if a.id == account.id else a for a in east_china.key_accounts]
        }
    )
    space = OutcomeSpace(east_china.negotiation)
    alternative = (
        space.offer_at(int(rng.integers(space.n_outcomes))) if rng.random() < 0.5 else None
    )
    return scenario, account.id, alternative, rng


@pytest.mark.parametrize("policy_name", sorted(POLICIES))
def test_customer_never_accepts_below_rv_and_always_counters(
    east_china: Scenario, policy_name: str
) -> None:
    outcomes: dict[str, int] = {}
    for seed in range(SEEDS_PER_POLICY):
        scenario, account_id, alternative, rng = _random_setup(east_china, seed)
        session = NegotiationSession(scenario, account_id, np.random.default_rng(seed), alternative)
        policy = POLICIES[policy_name]()
        space, customer = session.space, session.customer
        market_event_at = int(rng.integers(1, 30))
        for move_number in range(80):
            if session.status != "open":
                break
            if move_number == market_event_at:
                bid = space.offer_at(int(rng.integers(space.n_outcomes)))
                events = session.set_best_alternative(bid)
                standing = session.customer_last_offer
                assert standing is None or customer.utility(standing) >= customer.rv
                json.dumps(events)
                continue
            move = policy.next_move(negotiation_view(session), rng)
            events = apply_move(session, move)
            json.dumps(events)  # plain JSON: no numpy types
            kinds = [e["kind"] for e in events]
            if isinstance(move, MakeOffer | ProposeTrade):
                assert kinds.count("trainee_offered") == 1
                answers = {"customer_countered", "customer_accepted", "negotiation_ended"} & set(
                    kinds
                )
                assert answers, kinds  # never silence
            for event in events:
                if event["kind"] == "customer_countered":
                    assert event["offer"] is not None
                    space.validate(event["offer"])
                    assert customer.utility(event["offer"]) >= customer.rv - 1e-12
                if event["kind"] == "customer_accepted":
                    assert customer.utility(event["offer"]) >= customer.rv - 1e-12
        if session.status == "open":
            session.walk_away()
        if session.agreement is not None:
            assert customer.utility(session.agreement) >= customer.rv - 1e-12
        metrics = session.metrics()
        json.dumps(metrics)
        outcomes[session.status] = outcomes.get(session.status, 0) + 1
    # the runs exercise the rule: customers both agree and refuse
    assert outcomes.get("agreed", 0) > 0 and sum(outcomes.values()) == SEEDS_PER_POLICY
