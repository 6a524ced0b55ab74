"""Joint value (双方满意, CW-30): recomputed at scoring from the hidden preferences, checked against
a brute-force walk over every outcome; never in the event log a player reads."""

from __future__ import annotations

import itertools
import json
import statistics

import pytest

from game.assessment.indicators.base import INDICATORS
from game.assessment.indicators.negotiation import joint_values
from game.bots.base import play
from game.bots.registry import make_bot
from game.engine.game import Game
from game.negotiation.space import OutcomeSpace
from game.negotiation.utility import normalised_weights, offer_utility, profit
from game.scenario.models import Scenario

SEED = 3


@pytest.fixture(scope="module")
def expert_game(tiny: Scenario) -> Game:
    game = Game(tiny, seed=SEED)
    play(game, make_bot("expert", SEED))
    return game


def _credit_by_hand(scenario: Scenario, account_id: str, events: list) -> float:
    """The value-selling rule written out: fit at or above the median of the non-price weights
    (and above their least), base effect halving per earlier fit, within the cap."""
    rules = scenario.negotiation.value_selling
    assert rules.fit_quantile == 0.5 and rules.repeat_decay == 0.5  # what this oracle assumes
    account = next(a for a in scenario.key_accounts if a.id == account_id)
    weights = normalised_weights(OutcomeSpace(scenario.negotiation), account)
    others = [w for k, w in weights.items() if k != "price"]
    total, fitted = 0.0, 0
    for e in events:
        if e.kind != "value_presented" or e.payload["account"] != account_id:
            continue
        w = weights[e.payload["aspect"]]
        if w >= statistics.median(others) - 1e-12 and w > min(others) + 1e-12:
            base = rules.objection_credit if e.payload["answer_objection"] else rules.pitch_credit
            total += max(0.0, min(base * 0.5**fitted, rules.cap - total))
            fitted += 1
    return total


def _brute_force(scenario: Scenario, account_id: str, agreement: dict | None, credit: float
                 ) -> float | None:
    space = OutcomeSpace(scenario.negotiation)
    account = next(a for a in scenario.key_accounts if a.id == account_id)
    money = profit(space, scenario, account)
    low, high = min(money.min(), 0.0), max(money.max(), 0.0)
    rv_c = max(0.0, account.preferences.reservation - credit)
    rv_s = -low / (high - low)
    best, at_deal = -1.0, None
    names = list(space.options)
    for i, values in enumerate(itertools.product(*(space.options[k] for k in names))):
        offer = dict(zip(names, values, strict=True))
        ours, theirs = (money[i] - low) / (high - low) - rv_s, offer_utility(space, account, offer) - rv_c
        gain = ours * theirs if ours > 0 and theirs > 0 else 0.0
        best = max(best, gain)
        if agreement is not None and offer == space.canonical(agreement):
            at_deal = gain
    if best <= 1e-12:
        return None
    if agreement is None:
        return 0.0
    assert at_deal is not None
    return min(1.0, max(0.0, at_deal / best))


def test_joint_value_matches_a_brute_force_walk_over_every_outcome(tiny, expert_game) -> None:
    events = list(expert_game.events)
    scored = joint_values(events, tiny)
    assert scored, "the expert ends negotiations"
    presented = [e for e in events if e.kind == "value_presented"]
    assert presented, "the expert presents value"
    for ended, value in scored:
        account = ended.payload["account"]
        agreement = ended.payload["agreement"] if ended.payload["status"] == "agreed" else None
        credit = _credit_by_hand(tiny, account, events)
        assert value == pytest.approx(_brute_force(tiny, account, agreement, credit), abs=1e-9)
    assert any(_credit_by_hand(tiny, e.payload["account"], events) > 0 for e, _ in scored)


def test_the_session_reports_the_same_joint_value_for_the_debrief(tiny, expert_game) -> None:
    for ended, value in joint_values(list(expert_game.events), tiny):
        session = expert_game.sessions[ended.payload["account"]]
        assert session.metrics()["joint_value"] == pytest.approx(value, abs=1e-6)


def test_the_indicator_averages_deals_and_no_deal_scores_nothing(tiny, expert_game, log) -> None:
    result = INDICATORS["joint_value"].fn(list(expert_game.events), tiny, {})
    values = [v for _, v in joint_values(list(expert_game.events), tiny)]
    assert result.value == pytest.approx(sum(values) / len(values))
    assert result.facts["negotiations"] == len(values) and 0 < result.value <= 1
    log.at(1, "negotiation")
    log.add("negotiation_ended", account=tiny.key_accounts[0].id, status="trainee_walked",
            agreement=None, metrics={})
    walked = INDICATORS["joint_value"].fn(log.events, tiny, {})
    assert walked.value == 0.0 and walked.facts == {"negotiations": 1, "deals": 0, "mean_pct": 0.0}
    assert INDICATORS["joint_value"].fn([], tiny, {}).value is None


def test_joint_value_and_the_customer_s_shift_stay_out_of_the_event_log(expert_game) -> None:
    text = json.dumps([e.payload for e in expert_game.events])
    for hidden in ("joint_value", "value_credit", "reservation"):
        assert hidden not in text


def test_giving_everything_away_is_not_joint_value() -> None:
    """Both sides satisfied: an efficient deal that leaves the seller nothing scores near 0, the
    balanced one (the Nash point) 1, whatever the sum of the gains."""
    import numpy as np

    from game.negotiation.metrics import joint_value

    u_seller = np.array([0.30, 0.60, 0.95])  # walk-away 0.3: the first deal gains the seller nothing
    u_customer = np.array([0.95, 0.60, 0.30])  # walk-away 0.3
    assert joint_value(u_seller, u_customer, 0.3, 0.3, 0) == 0.0
    assert joint_value(u_seller, u_customer, 0.3, 0.3, 1) == 1.0
    assert joint_value(u_seller, u_customer, 0.3, 0.3, 2) == 0.0
    assert joint_value(u_seller, u_customer, 0.3, 0.3, None) == 0.0
