"""Concession tactics: the utility a customer aims for at each point of the negotiation.

Time-dependent tactics follow Faratin, Sierra & Jennings (1998) in utility space:
``u(t) = rv + (u_max - rv)(1 - t^e)`` with ``e = 1/beta`` (Boulware beta < 1 holds firm until
late, linear beta = 1, Conceder beta > 1 gives ground early). Tit-for-tat is their relative
tit-for-tat, measured in the customer's own utility.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.scenario.models import Tactic


def tactic_beta(tactic: Tactic) -> float:
    """The concession shape of a time-dependent tactic (``linear`` is always beta = 1)."""
    return 1.0 if tactic.kind == "linear" else float(tactic.beta)


def time_dependent_target(t: float, rv: float, u_max: float, beta: float) -> float:
    """Target utility at time ``t`` (0 at the start, 1 at the deadline), never below ``rv``."""
    if rv >= u_max:
        return rv
    t = min(1.0, max(0.0, t))
    return rv + (u_max - rv) * (1.0 - t ** (1.0 / beta))


def tit_for_tat_target(
    received: Sequence[float], rv: float, u_max: float, u_min: float = 0.0
) -> float:
    """Target after the opponent's offers, worth ``received`` (in order) to the customer.

    Each concession by the opponent (its offer is worth more to us than its previous one) closes
    the same fraction of the customer's own distance to ``rv`` as it closed of the distance
    between the opponent's previous offer and our best outcome; a step back is mirrored by moving
    the target back up by the same fraction. The result is never below ``rv``.
    """
    if rv >= u_max:
        return rv
    target = u_max
    for prev, last in zip(received, received[1:], strict=False):
        if last > prev and u_max > prev:
            share = min(1.0, (last - prev) / (u_max - prev))
            target -= share * (target - rv)
        elif last < prev and prev > u_min:
            share = min(1.0, (prev - last) / (prev - u_min))
            target += share * (u_max - target)
    return max(rv, min(u_max, target))


def target_utility(
    tactic: Tactic, t: float, received: Sequence[float], rv: float, u_max: float, u_min: float = 0.0
) -> float:
    """The customer's target under ``tactic`` at time ``t`` after receiving offers ``received``."""
    if tactic.kind == "tit_for_tat":
        return tit_for_tat_target(received, rv, u_max, u_min)
    return time_dependent_target(t, rv, u_max, tactic_beta(tactic))
