"""What a finished negotiation says about the rep: value claimed and created, anchoring,
concessions, trading across issues, question quality and trust."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from game.negotiation.pareto import distance_to_frontier
from game.negotiation.space import OutcomeSpace


def advantage(u: float, rv: float, u_max: float) -> float:
    """(u - rv) / (u_max - rv): 0 at the reservation value (and for no deal), 1 at the best."""
    if u_max - rv <= 1e-12:
        return 0.0
    return (u - rv) / (u_max - rv)


def concessions(seller_utilities: Sequence[float]) -> list[float]:
    """Drop in the rep's own utility from each offer to the next (negative: a step back)."""
    return [a - b for a, b in zip(seller_utilities, seller_utilities[1:], strict=False)]


def concessions_shrank(drops: Sequence[float]) -> bool | None:
    """Whether the later half of the concessions is smaller on average than the earlier half."""
    if len(drops) < 2:
        return None
    half = len(drops) // 2
    return float(np.mean(drops[-half:])) < float(np.mean(drops[:half]))


def trade_share(space: OutcomeSpace, offers: Sequence[int]) -> float:
    """Share of the rep's offers (after the first) that changed some issue other than price."""
    if len(offers) < 2:
        return 0.0
    grid = space.grid
    others = [j for j, issue in enumerate(space.issues) if issue != "price"]
    changed = [
        bool((grid[b, others] != grid[a, others]).any())
        for a, b in zip(offers, offers[1:], strict=False)
    ]
    return float(np.mean(changed))


def question_quality(
    estimate: Mapping[str, float] | None, true_weights: Mapping[str, float]
) -> float:
    """1 - mean absolute error of the weights the rep learned (0 if it learned none)."""
    if not estimate:
        return 0.0
    errors = [abs(float(estimate.get(issue, 0.0)) - w) for issue, w in true_weights.items()]
    return 1.0 - float(np.mean(errors))


def negotiation_metrics(
    *,
    space: OutcomeSpace,
    status: str,
    u_seller: np.ndarray,
    u_customer: np.ndarray,
    rv_seller: float,
    rv_customer: float,
    agreement: int | None,
    trainee_offers: Sequence[int],
    frontier: np.ndarray,
    nash: int | None,
    weight_estimate: Mapping[str, float] | None,
    true_weights: Mapping[str, float],
    trust_end: float,
) -> dict[str, object]:
    """The metrics of one finished negotiation (JSON-able). No deal counts as the reservation
    values: (rv_seller, rv_customer)."""
    if agreement is None:
        point = (rv_seller, rv_customer)
    else:
        point = (float(u_seller[agreement]), float(u_customer[agreement]))
    frontier_points = np.column_stack([u_seller[frontier], u_customer[frontier]])
    nash_distance = None
    if nash is not None:
        nash_point_xy = np.array([[u_seller[nash], u_customer[nash]]])
        nash_distance = distance_to_frontier(point, nash_point_xy)
    own = [float(u_seller[i]) for i in trainee_offers]
    drops = concessions(own)
    return {
        "status": status,
        "agreement": agreement is not None,
        "rounds": len(trainee_offers),
        "u_seller": round(point[0], 6),
        "u_customer": round(point[1], 6),
        "value_claimed": round(advantage(point[0], rv_seller, float(u_seller.max())), 6),
        "customer_advantage": round(advantage(point[1], rv_customer, float(u_customer.max())), 6),
        "distance_to_frontier": round(distance_to_frontier(point, frontier_points), 6),
        "distance_to_nash": None if nash_distance is None else round(nash_distance, 6),
        "first_offer_u_seller": round(own[0], 6) if own else None,
        "anchor_to_final": round(own[0] - point[0], 6) if own else None,
        "concession_rate": round(float(np.mean(drops)), 6) if drops else None,
        "concessions_shrank": concessions_shrank(drops),
        "trade_share": round(trade_share(space, trainee_offers), 6),
        "question_quality": round(question_quality(weight_estimate, true_weights), 6),
        "trust_end": round(float(trust_end), 6),
    }
