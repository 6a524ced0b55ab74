"""What a finished negotiation says about the rep: value claimed and created, anchoring,
concessions, trading across issues, question quality and trust.

``seller_metrics`` is what the rep can work out for itself (the event log carries it);
``customer_metrics`` needs the customer's hidden truth (the debrief and the assessment only).
Trades and shrinking concessions are defined once, in ``game.negotiation.moves``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from game.negotiation.moves import ValueTables, concessions, concessions_shrank, trade_share
from game.negotiation.pareto import distance_to_frontier
from game.negotiation.space import OutcomeSpace


def advantage(u: float, rv: float, u_max: float) -> float:
    """(u - rv) / (u_max - rv): 0 at the reservation value (and for no deal), 1 at the best."""
    if u_max - rv <= 1e-12:
        return 0.0
    return (u - rv) / (u_max - rv)


def question_quality(
    estimate: Mapping[str, float] | None, true_weights: Mapping[str, float]
) -> float:
    """1 - mean absolute error of the weights the rep learned (0 if it learned none)."""
    if not estimate:
        return 0.0
    errors = [abs(float(estimate.get(issue, 0.0)) - w) for issue, w in true_weights.items()]
    return 1.0 - float(np.mean(errors))


def joint_value(
    u_seller: np.ndarray,
    u_customer: np.ndarray,
    rv_seller: float,
    rv_customer: float,
    agreement: int | None,
    frontier: np.ndarray | None = None,
) -> float | None:
    """Joint value (双方满意, CW-30): the product of both sides' gains over their walk-away points
    at the agreement, (u_seller - rv_seller) x (u_customer - rv_customer), as a share of the
    largest such product, which the Nash point holds on the Pareto frontier (every outcome when
    ``frontier`` is None). Both must gain: a deal that gives one side everything and the other
    nothing scores near 0, however efficient. 0 for no deal or a deal one side would rather have
    walked away from; None when no outcome gains for both."""
    seller = np.asarray(u_seller, dtype=float) - rv_seller
    buyer = np.asarray(u_customer, dtype=float) - rv_customer
    gains = np.where((seller > 0) & (buyer > 0), seller * buyer, 0.0)
    best = float(gains[frontier].max() if frontier is not None and len(frontier) else gains.max())
    if best <= 1e-12:
        return None
    if agreement is None:
        return 0.0
    return min(1.0, max(0.0, float(gains[agreement]) / best))


SELLER_METRICS = (
    "status",
    "agreement",
    "rounds",
    "u_seller",
    "value_claimed",
    "first_offer_u_seller",
    "anchor_to_final",
    "concession_rate",
    "concessions_shrank",
)
"""The keys of ``seller_metrics``: what the ``negotiation_ended`` event carries."""


def seller_metrics(
    *,
    status: str,
    u_seller: np.ndarray,
    rv_seller: float,
    agreement: int | None,
    trainee_offers: Sequence[int],
) -> dict[str, object]:
    """What a finished negotiation says that the rep can work out for itself, from its own price
    book (its utility of every outcome) and its own offers: the ``negotiation_ended`` event
    carries these and nothing else. No deal counts as the reservation value ``rv_seller``."""
    point = rv_seller if agreement is None else float(u_seller[agreement])
    own = [float(u_seller[i]) for i in trainee_offers]
    drops = concessions(own)
    return {
        "status": status,
        "agreement": agreement is not None,
        "rounds": len(trainee_offers),
        "u_seller": round(point, 6),
        "value_claimed": round(advantage(point, rv_seller, float(u_seller.max())), 6),
        "first_offer_u_seller": round(own[0], 6) if own else None,
        "anchor_to_final": round(own[0] - point, 6) if own else None,
        "concession_rate": round(float(np.mean(drops)), 6) if drops else None,
        "concessions_shrank": concessions_shrank(own),
    }


def customer_metrics(
    *,
    space: OutcomeSpace,
    u_seller: np.ndarray,
    u_customer: np.ndarray,
    rv_seller: float,
    rv_customer: float,
    agreement: int | None,
    trainee_offers: Sequence[int],
    customer_values: ValueTables,
    frontier: np.ndarray,
    nash: int | None,
    weight_estimate: Mapping[str, float] | None,
    true_weights: Mapping[str, float],
    trust_end: float,
    customer_floor: float | None = None,
) -> dict[str, object]:
    """What a finished negotiation says in the light of the customer's hidden truth (its
    utilities, reservation value, values of the options, weights and trust): for the debrief and
    the assessment only, never in the event log a player reads during play. No deal counts as
    the reservation values (rv_seller, rv_customer). Joint value measures the customer's gain
    from ``customer_floor`` (its own walk-away point, lowered by value presented; ``rv_customer``
    when None), as the assessment can re-derive it from the scenario."""
    if agreement is None:
        point = (rv_seller, rv_customer)
    else:
        point = (float(u_seller[agreement]), float(u_customer[agreement]))
    frontier_points = np.column_stack([u_seller[frontier], u_customer[frontier]])
    nash_distance = None
    if nash is not None:
        nash_point_xy = np.array([[u_seller[nash], u_customer[nash]]])
        nash_distance = distance_to_frontier(point, nash_point_xy)
    offers = [space.offer_at(i) for i in trainee_offers]
    return {
        "u_customer": round(point[1], 6),
        "customer_advantage": round(advantage(point[1], rv_customer, float(u_customer.max())), 6),
        "distance_to_frontier": round(distance_to_frontier(point, frontier_points), 6),
        "distance_to_nash": None if nash_distance is None else round(nash_distance, 6),
        "trade_share": round(trade_share(space, customer_values, offers) or 0.0, 6),
        "question_quality": round(question_quality(weight_estimate, true_weights), 6),
        "trust_end": round(float(trust_end), 6),
        "joint_value": _round(joint_value(
            u_seller, u_customer, rv_seller,
            rv_customer if customer_floor is None else customer_floor, agreement, frontier,
        )),
    }


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 6)


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
    customer_values: ValueTables,
    frontier: np.ndarray,
    nash: int | None,
    weight_estimate: Mapping[str, float] | None,
    true_weights: Mapping[str, float],
    trust_end: float,
    customer_floor: float | None = None,
) -> dict[str, object]:
    """All the metrics of one finished negotiation (JSON-able): ``seller_metrics`` and
    ``customer_metrics`` together."""
    return {
        **seller_metrics(
            status=status,
            u_seller=u_seller,
            rv_seller=rv_seller,
            agreement=agreement,
            trainee_offers=trainee_offers,
        ),
        **customer_metrics(
            space=space,
            u_seller=u_seller,
            u_customer=u_customer,
            rv_seller=rv_seller,
            rv_customer=rv_customer,
            agreement=agreement,
            trainee_offers=trainee_offers,
            customer_values=customer_values,
            frontier=frontier,
            nash=nash,
            weight_estimate=weight_estimate,
            true_weights=true_weights,
            trust_end=trust_end,
            customer_floor=customer_floor,
        ),
    }
