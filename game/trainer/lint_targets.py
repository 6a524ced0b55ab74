"""Targets no player can reach (E202..E205) or only in an unrealistic best case (W202, W203).

The bounds are static: they read the scenario, sample its customer distributions with a fixed
seed and never run the game, so they stay cheap. They ask the engine and the market for their
rules' limits (the best-case utility we can hold, the economics block's rival price limits,
upsell size and contract length) instead of keeping copies.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from game.engine.operations import best_case_bonus
from game.scenario.errors import Problem
from game.scenario.messages import msg
from game.scenario.models import Scenario
from game.sim.population import MAX_PURCHASE_SIZE
from game.trainer.lint_base import LintContext

DEMAND_SPREAD = 6.0
"""Standard deviations above the mean the demand index is taken to reach at most."""
SAMPLE = 2000
"""Customers sampled per segment to estimate averages and shares."""
TINY_TARGET = 0.01
"""A revenue target below this share of the average whole market is no target at all."""
SHARE_TOLERANCE = 0.005
"""Sampling slack before a share target is reported."""


@dataclass(frozen=True)
class SegmentDraw:
    """A fixed sample of one segment's customers and its place in the market."""

    customers: int
    list_price: float
    price_sensitivity: np.ndarray
    quality_weight: np.ndarray
    size: np.ndarray
    purchase_rate: np.ndarray


def target_rules(ctx: LintContext) -> Iterator[Problem]:
    scenario = ctx.scenario
    if scenario is None:  # only called once the file loaded
        return
    draws = _draws(scenario)
    yield from _revenue(ctx, scenario, draws)
    yield from _share(ctx, scenario, draws)
    yield from _customers_and_margin(ctx, scenario)


def draws_of(scenario: Scenario) -> list[SegmentDraw]:
    """The fixed customer sample lint judges the scenario's market by."""
    return _draws(scenario)


def _draws(scenario: Scenario) -> list[SegmentDraw]:
    market = scenario.market
    counts = [round(s.share * market.customers) for s in market.segments]
    largest = max(range(len(counts)), key=lambda i: market.segments[i].share)
    counts[largest] += market.customers - sum(counts)
    rng = np.random.default_rng(0)
    out = []
    for seg, n in zip(market.segments, counts, strict=True):
        size = np.clip(np.rint(seg.size.sample(rng, SAMPLE)), 1, MAX_PURCHASE_SIZE)
        out.append(
            SegmentDraw(
                customers=n,
                list_price=scenario.product(seg.product).list_price,
                price_sensitivity=seg.price_sensitivity.sample(rng, SAMPLE),
                quality_weight=seg.quality_weight.sample(rng, SAMPLE),
                size=size,
                purchase_rate=np.clip(seg.purchase_rate.sample(rng, SAMPLE), 0.0, 1.0),
            )
        )
    return out


def key_account_revenue_bound(scenario: Scenario) -> float:
    """Every key account buying the most volume on the table, plus an upsell, at list price,
    in every contract (the first and each renewal) that fits in the game."""
    most = 1.0
    for issue in scenario.negotiation.issues:
        if issue.id == "volume":
            numbers = [float(v) for v in issue.values if not isinstance(v, str)]
            most = max([most, *numbers])
    econ = scenario.economics.accounts
    contracts = math.ceil(scenario.rounds / econ.contract_rounds)
    return sum(
        ka.volume * most * (1 + econ.upsell_share) * contracts * scenario.product(ka.product).list_price
        for ka in scenario.key_accounts
    )


def revenue_bounds(scenario: Scenario, draws: list[SegmentDraw]) -> tuple[float, float]:
    """(hard, expected): the most the market could ever pay us, and what the whole market buys
    on average at list price; both include the key accounts' largest volumes."""
    weeks = scenario.rounds * scenario.weeks_per_round
    demand = scenario.market.demand
    spread = demand.sigma / math.sqrt(1 - demand.phi**2)
    demand_high = demand.mean + DEMAND_SPREAD * spread
    hard = expected = key_account_revenue_bound(scenario)
    for seg, draw in zip(scenario.market.segments, draws, strict=True):
        size_high = min(seg.size.bounds()[1], MAX_PURCHASE_SIZE)
        rate_high = min(1.0, max(0.0, seg.purchase_rate.bounds()[1]) * demand_high)
        hard += draw.customers * size_high * rate_high * weeks * draw.list_price
        buys = np.minimum(1.0, draw.purchase_rate * demand.mean)
        expected += draw.customers * float(np.mean(draw.size * buys)) * weeks * draw.list_price
    return hard, expected


def _revenue(ctx: LintContext, scenario: Scenario, draws: list[SegmentDraw]) -> Iterator[Problem]:
    hard, expected = revenue_bounds(scenario, draws)
    target = scenario.targets.revenue
    at = ("targets", "revenue")
    if target > hard:
        yield ctx.problem(
            at,
            "E202",
            msg("E202.revenue_impossible", target=target, hard=hard),
            msg("E202.revenue_impossible_hint", hard=hard, expected=expected),
        )
    elif target > expected:
        yield ctx.problem(
            at,
            "W202",
            msg("W202.revenue_whole_market", target=target, expected=expected),
            msg("W202.revenue_whole_market_hint", expected=expected),
        )
    elif target < TINY_TARGET * expected:
        yield ctx.problem(
            at,
            "W210",
            msg("W210.revenue_tiny", target=target, tiny=TINY_TARGET, expected=expected),
            msg("W210.revenue_tiny_hint", low=0.35 * expected, high=0.45 * expected),
        )


def share_bound(scenario: Scenario, draws: list[SegmentDraw], rivals_at_ceiling: bool) -> float:
    """Our unit share with us cheapest and best: our largest segment discount, the best
    channel's reach, every customer loyal to us and all our effort in the segment; rivals at
    their highest price (``rivals_at_ceiling``) or at their starting price."""
    logit = scenario.market.logit
    company = scenario.company
    reach = max(c.reach for c in company.channels)
    won = total = 0.0
    for seg, draw in zip(scenario.market.segments, draws, strict=True):
        ps, qw = draw.price_sensitivity, draw.quality_weight
        ours = scenario.product(seg.product)
        v_us = -logit.price * ps * (1 - company.discount_authority)
        v_us = v_us + logit.quality * qw * ours.quality
        v_us = v_us + best_case_bonus(scenario, seg.id) + math.log(reach)
        utilities = [v_us]
        limits = scenario.economics.rivals
        for rival in scenario.competitors:
            floor = rival.cost_index * limits.floor_margin
            index = max(limits.price_ceiling, floor)
            if not rivals_at_ceiling:
                index = min(max(rival.price_index, floor), index)
            utilities.append(-logit.price * ps * index + logit.quality * qw * rival.quality)
        v = np.array(utilities)
        p = np.exp(v - v.max(axis=0))
        p /= p.sum(axis=0)
        weight = draw.size * draw.purchase_rate * (draw.customers / SAMPLE)
        won += float((p[0] * weight).sum())
        total += float(weight.sum())
    return won / total if total > 0 else 0.0


def _share(ctx: LintContext, scenario: Scenario, draws: list[SegmentDraw]) -> Iterator[Problem]:
    target = scenario.targets.market_share
    at = ("targets", "market_share")
    strict = share_bound(scenario, draws, rivals_at_ceiling=True)
    if target > strict + SHARE_TOLERANCE or target >= 1.0:  # a rival always keeps some buyers
        yield ctx.problem(
            at,
            "E203",
            msg("E203.share_impossible", target=target, bound=strict),
            msg("E203.share_impossible_hint", bound=strict),
        )
        return
    practical = share_bound(scenario, draws, rivals_at_ceiling=False)
    if target > practical + SHARE_TOLERANCE:
        yield ctx.problem(
            at,
            "W203",
            msg("W203.share_unrealistic", target=target, bound=practical),
            msg("W203.share_unrealistic_hint", bound=practical),
        )


def _customers_and_margin(ctx: LintContext, scenario: Scenario) -> Iterator[Problem]:
    targets = scenario.targets
    most = scenario.market.customers + len(scenario.key_accounts)
    if targets.customers > most:
        yield ctx.problem(
            ("targets", "customers"),
            "E204",
            msg(
                "E204.too_many_customers",
                target=targets.customers,
                most=most,
                market=scenario.market.customers,
                accounts=len(scenario.key_accounts),
            ),
            msg("E204.too_many_customers_hint", most=most),
        )
    best = max(
        ((p.list_price - p.unit_cost) / p.list_price, p.id) for p in scenario.company.products
    )
    if targets.margin > best[0] + 1e-9:
        yield ctx.problem(
            ("targets", "margin"),
            "E205",
            msg("E205.margin_impossible", target=targets.margin, product=best[1], best=best[0]),
            msg("E205.margin_impossible_hint", best=best[0]),
        )
