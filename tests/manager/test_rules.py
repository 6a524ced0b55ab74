"""The team rules against their closed forms."""

from __future__ import annotations

import math

import pytest

from game.manager import rules
from game.manager.models import Coaching, Pay


def test_payout_is_linear_to_target_steeper_above_and_capped() -> None:
    assert rules.payout(0.5, 2.0, 2.5) == pytest.approx(0.5)
    assert rules.payout(1.0, 2.0, 2.5) == pytest.approx(1.0)
    assert rules.payout(1.2, 2.0, 2.5) == pytest.approx(1.4)
    assert rules.payout(9.0, 2.0, 2.5) == pytest.approx(1.0 + 2.0 * 1.5)
    assert rules.payout(-0.3, 2.0, 2.5) == 0.0


def test_pay_is_the_base_plus_the_individual_and_team_parts() -> None:
    pay = Pay(target_pay=100_000)
    # 40 % variable, 25 % of it on the team: base 60k, own part 30k x 1.5, team part 10k x 0.5
    paid = rules.rep_pay(pay, 0.4, 1.0, 0.25, own=1.5, team=0.5)
    assert paid == pytest.approx(60_000 + 30_000 * 1.5 + 10_000 * 0.5)
    assert rules.rep_pay(pay, 0.0, 1.0, 0.0, own=0.0, team=0.0) == pytest.approx(100_000)


def test_a_revenue_plan_pulls_toward_volume_and_a_margin_plan_toward_price() -> None:
    pay = Pay()  # full pull from a 40 % variable share; a team plan halves it; margin pulls half
    assert rules.pull(pay, 0.4, "revenue", 0.0) == pytest.approx(1.0)
    assert rules.pull(pay, 0.4, "margin", 0.0) == pytest.approx(-0.5)
    assert rules.pull(pay, 0.2, "revenue", 0.0) == pytest.approx(0.5)  # less at stake, less pull
    assert rules.pull(pay, 0.4, "revenue", 1.0) == pytest.approx(0.5)  # a team plan pulls less
    assert rules.pull(pay, 0.0, "revenue", 0.0) == 0.0
    other = Pay(full_pull_share=0.2, team_damping=0.0, margin_pull=1.0)  # the scenario's to set
    assert rules.pull(other, 0.2, "revenue", 1.0) == pytest.approx(1.0)
    assert rules.pull(other, 0.1, "margin", 0.0) == pytest.approx(-0.5)


def test_leaving_is_logistic_in_underpay_overload_and_neglect() -> None:
    pay = Pay(market_pay=100, leave_base=-3.0, leave_underpaid=4.0, leave_overload=1.5,
              leave_neglect=1.0, fair_accounts=2)
    assert rules.leave_chance(pay, 100, 2, False) == pytest.approx(1 / (1 + math.exp(3.0)))
    logit = -3.0 + 4.0 * 0.25 + 1.5 * 1 + 1.0
    assert rules.leave_chance(pay, 75, 3, True) == pytest.approx(1 / (1 + math.exp(-logit)))
    assert rules.leave_chance(pay, 150, 0, False) == rules.leave_chance(pay, 100, 0, False)


@pytest.mark.parametrize(("base", "chance"), [(-1e12, 0.0), (1e12, 1.0), (-800.0, 0.0)])
def test_a_trainers_extreme_leaving_odds_give_a_chance_not_an_overflow(base: float,
                                                                      chance: float) -> None:
    pay = Pay(market_pay=100, leave_base=base)
    assert rules.leave_chance(pay, 100, 2, False) == pytest.approx(chance)


def test_coaching_closes_a_share_of_the_room_left_with_diminishing_returns() -> None:
    c = Coaching(gain=0.5, dose_hours=4)
    assert rules.coaching_gain(c, 0.2, 4) == pytest.approx(0.5 * 0.8 * (1 - math.exp(-1)))
    assert rules.coaching_gain(c, 0.2, 4) > rules.coaching_gain(c, 0.8, 4)  # more room, more gain
    first, second = rules.coaching_gain(c, 0.2, 4), rules.coaching_gain(c, 0.2, 8)
    assert second < 2 * first  # the second four hours add less than the first
    assert rules.coaching_gain(c, 1.0, 10) == 0.0


def test_reads_combine_by_precision() -> None:
    mean, sd = rules.combine([(0.2, 0.2), (0.6, 0.1)])
    assert mean == pytest.approx((0.2 / 0.04 + 0.6 / 0.01) / (1 / 0.04 + 1 / 0.01))
    assert sd == pytest.approx(1 / math.sqrt(1 / 0.04 + 1 / 0.01))
    assert sd < 0.1
