"""The team rules as functions of the scenario's coefficients: pay, how pay pulls a rep, leaving,
coaching's gain and what reads of a skill add up to. The game, the window and the tests use these
and nothing else."""

from __future__ import annotations

import math
from collections.abc import Sequence

from game.manager.models import Coaching, Pay
from game.sim.logit import logistic


def payout(attainment: float, accelerator: float, cap: float) -> float:
    """The share of the variable pay earned at ``attainment`` (1 = on target): linear to target,
    ``accelerator`` times as steep above it, up to ``cap``."""
    a = max(0.0, min(attainment, cap))
    return min(a, 1.0) + accelerator * max(0.0, a - 1.0)


def rep_pay(pay: Pay, variable_share: float, accelerator: float, team_share: float,
            own: float, team: float) -> float:
    """A rep's pay for a round: the base, its own variable part at attainment ``own`` and the
    team's part at the team's attainment ``team``."""
    variable = variable_share * pay.target_pay
    return ((1.0 - variable_share) * pay.target_pay
            + variable * (1.0 - team_share) * payout(own, accelerator, pay.cap)
            + variable * team_share * payout(team, accelerator, pay.cap))


def at_stake(pay: Pay, variable_share: float) -> float:
    """How much of a plan's full pull its variable share brings, 0..1 (1 from
    ``pay.full_pull_share`` up)."""
    return min(1.0, variable_share / pay.full_pull_share)


def pull(pay: Pay, variable_share: float, basis: str, team_share: float) -> float:
    """How the plan pulls a rep, -1..1: a plan paid on revenue toward volume (+), on margin
    toward price (-, ``pay.margin_pull`` as hard); the more of the pay is variable and
    individual, the harder."""
    strength = at_stake(pay, variable_share) * (1.0 - pay.team_damping * team_share)
    return strength if basis == "revenue" else -pay.margin_pull * strength


def leave_chance(pay: Pay, paid: float, accounts: int, neglected: bool) -> float:
    """The chance a rep leaves after a round: underpaid against the market, overloaded with key
    accounts, or left without coaching."""
    logit = (pay.leave_base
             + pay.leave_underpaid * max(0.0, 1.0 - paid / pay.market_pay)
             + pay.leave_overload * max(0, accounts - pay.fair_accounts)
             + (pay.leave_neglect if neglected else 0.0))
    return logistic(logit)


def coaching_gain(rules: Coaching, skill: float, hours: float) -> float:
    """What ``hours`` of coaching add to a skill at ``skill``: a share of the room left, with
    diminishing returns in the hours."""
    return rules.gain * (1.0 - skill) * (1.0 - math.exp(-hours / rules.dose_hours))


def combine(reads: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """(mean, sd) of independent reads (value, sd) of one skill, each weighted by its precision."""
    weights = [1.0 / (sd * sd) for _, sd in reads]
    total = sum(weights)
    mean = sum(w * v for w, (v, _) in zip(weights, reads, strict=True)) / total
    return mean, 1.0 / math.sqrt(total)
