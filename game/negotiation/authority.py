"""Discount authority (CW-32): how likely the manager is to approve a larger discount."""

from __future__ import annotations

from game.negotiation.moves import within_authority


def approval_probability(
    ask: float, own_limit: float, manager_limit: float, at_limit: float
) -> float:
    """1 for an ask within the rep's own limit, falling linearly to ``at_limit`` (the company's
    ``approval_at_limit``) at the manager's limit, 0 beyond it."""
    if within_authority(ask, own_limit):
        return 1.0
    if not within_authority(ask, manager_limit) or manager_limit <= own_limit:
        return 0.0
    share = (ask - own_limit) / (manager_limit - own_limit)
    return 1.0 - (1.0 - at_limit) * share
