"""Small, fast versions of the manager study (``bench/study_manager.py`` runs 30 seeds): each
claim must hold beyond twice the standard error of its paired differences."""

from __future__ import annotations

import math
import statistics

from game.manager.study import coaching_effect, incentive_effect, tier_profits

from .conftest import EAST, KEY


def _beyond_two_se(diffs: list[float]) -> bool:
    se = statistics.stdev(diffs) / math.sqrt(len(diffs))
    return statistics.fmean(diffs) > 2 * se


def test_an_expert_manager_earns_more_than_one_who_only_ends_rounds() -> None:
    profits = tier_profits(str(KEY), 4)
    diffs = [e - i for e, i in zip(profits["manager-expert"], profits["manager-idle"], strict=True)]
    assert _beyond_two_se(diffs), diffs


def test_a_revenue_only_plan_buys_volume_with_discounts_and_margin() -> None:
    seeds = 8  # margin's paired effect is d ~ 1: 8 seeds give it a t near 3
    effect = incentive_effect(str(EAST), seeds)
    t = math.sqrt(seeds)  # mean / SE = d * sqrt(n)
    assert effect["discount"] > 0 and effect["discount_d"] * t > 2
    assert effect["margin"] < 0 and -effect["margin_d"] * t > 2


def test_coaching_the_weakest_skill_raises_its_score_more_than_coaching_the_strongest() -> None:
    effect = coaching_effect(str(EAST), 3)
    assert effect["pairs"] >= 3
    assert effect["difference"] > 0
    assert effect["d"] * math.sqrt(effect["pairs"]) > 2
