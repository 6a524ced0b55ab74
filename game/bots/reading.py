"""What a rep reads off one negotiation's view: its own price book as utilities, the outcome
grid, the authority it has or could get, and what the customer said.

Everything here comes from a ``NegotiationView``: the issues and their options, the company's
profit on every outcome (``own_profit``), the offers and answers so far. Nothing reaches the
customer's hidden preferences.
"""

from __future__ import annotations

import itertools
from functools import lru_cache
from typing import get_args

import numpy as np

from game.engine.actions import (
    AcceptOffer,
    AskQuestion,
    MakeOffer,
    ProposeTrade,
    RequestAuthority,
    WalkAway,
)
from game.engine.view_models import NegotiationView, Value
from game.negotiation import moves

Move = MakeOffer | AskQuestion | ProposeTrade | RequestAuthority | AcceptOffer | WalkAway
"""A negotiating move: one of the engine's negotiation actions."""

Offer = dict[str, Value]

TOL = 1e-9
REFUSED_TOL = 1e-6  # a discount this close to one the manager refused counts as refused
_DECIMALS = 12  # utilities are rounded so that equal outcomes tie exactly

TOPICS: tuple[str, ...] = get_args(AskQuestion.model_fields["topic"].annotation)
"""The topics a rep may ask a customer about, in the order the action lists them."""


# --------------------------------------------------------------------------- the outcome grid


@lru_cache(maxsize=16)
def _grid(sizes: tuple[int, ...]) -> np.ndarray:
    grid = np.array(list(itertools.product(*(range(n) for n in sizes))), dtype=np.int64)
    grid = grid.reshape(-1, len(sizes))
    grid.flags.writeable = False
    return grid


def grid(nv: NegotiationView) -> np.ndarray:
    """Option index of every issue (columns, in ``nv.issues`` order) in every outcome (rows, in
    the order of ``nv.own_profit``: the last issue varies fastest)."""
    return _grid(tuple(len(v) for v in nv.issues.values()))


def column(nv: NegotiationView, issue: str) -> int:
    return list(nv.issues).index(issue)


def option_index(nv: NegotiationView, issue: str, value: Value) -> int:
    return moves.option_index(nv.issues[issue], value)


def discounts(nv: NegotiationView) -> np.ndarray:
    """The discount of every outcome."""
    return np.array(nv.issues["price"], dtype=float)[grid(nv)[:, column(nv, "price")]]


# --------------------------------------------------------------------------- the rep's own side

_UTILITY_CACHE: dict[int, tuple[tuple[float, ...], np.ndarray, float]] = {}


def _own(nv: NegotiationView) -> tuple[np.ndarray, float]:
    """(utility of every outcome, utility of no deal): profit rescaled so that the best outcome
    is 1 and the lower of the worst profit and 0 is 0; no deal earns 0."""
    book = nv.own_profit
    hit = _UTILITY_CACHE.get(id(book))
    if hit is not None and hit[0] is book:
        return hit[1], hit[2]
    money = np.array(book, dtype=float)
    low, high = min(float(money.min()), 0.0), max(float(money.max()), 0.0)
    if high == low:
        u, rv = np.zeros(money.size), 0.0
    else:
        u, rv = np.round((money - low) / (high - low), _DECIMALS), round(-low / (high - low), _DECIMALS)
    u.flags.writeable = False
    if len(_UTILITY_CACHE) > 64:
        _UTILITY_CACHE.clear()
    _UTILITY_CACHE[id(book)] = (book, u, rv)
    return u, rv


def own_utilities(nv: NegotiationView) -> np.ndarray:
    """The rep's own utility of every outcome: its profit rescaled (read-only array)."""
    return _own(nv)[0]


def own_reservation(nv: NegotiationView) -> float:
    """The rep's own utility of no deal (a profit of 0)."""
    return _own(nv)[1]


def own_utility(nv: NegotiationView, offer: Offer) -> float:
    return float(own_utilities(nv)[nv.index_of(offer)])


def claims(nv: NegotiationView) -> np.ndarray:
    """Per outcome: the share of the room above no deal that it keeps for the company (1 at
    the best outcome, 0 at a profit of 0, negative below)."""
    u, rv = _own(nv)
    return (u - rv) / max(1e-12, 1.0 - rv)


# --------------------------------------------------------------------------- offers and authority


def offers_made(nv: NegotiationView) -> list[Offer]:
    """The rep's own offers, oldest first."""
    return [o.offer for o in nv.offers if o.who == "trainee"]


def refused_from(nv: NegotiationView) -> float:
    """The smallest discount the manager has refused (1.0 if none)."""
    return min((r.discount for r in nv.authority_requests if not r.granted), default=1.0)


def can_request(nv: NegotiationView, discount: float) -> bool:
    """Whether the manager might still grant ``discount``: within the manager's limit and
    below anything already refused."""
    return (moves.within_authority(discount, nv.manager_authority)
            and discount < refused_from(nv) - REFUSED_TOL)


def needs_authority(nv: NegotiationView, offer: Offer) -> bool:
    return not moves.within_authority(float(offer["price"]), nv.authority)


def within_reach(nv: NegotiationView) -> np.ndarray:
    """Per outcome: whether its discount is one the rep may give now or could still be allowed."""
    d = discounts(nv)
    later = moves.within_authority(d, nv.manager_authority) & (d < refused_from(nv) - REFUSED_TOL)
    return moves.within_authority(d, nv.authority) | later


def authority_move(nv: NegotiationView, discount: float) -> RequestAuthority | None:
    """A request for authority to give ``discount``, if one is needed and could be granted."""
    if moves.within_authority(discount, nv.authority) or not can_request(nv, discount):
        return None
    return RequestAuthority(account=nv.account, discount=discount)


def standard_offer(nv: NegotiationView, price: float) -> Offer:
    """The company's standard terms at discount ``price``."""
    offer = dict(nv.standard_terms)
    offer["price"] = price
    return offer


def deepest_within(nv: NegotiationView, limit: float) -> float:
    """The deepest discount on the table at most ``limit``."""
    deepest = moves.deepest_within(nv.issues["price"], limit)
    if deepest is None:
        raise ValueError(f"no discount on the table is within {limit}")
    return deepest


# --------------------------------------------------------------------------- what the customer said


def stated_ideal(nv: NegotiationView) -> Offer:
    needs = nv.learned.get("needs")
    return dict(needs.ideal or {}) if needs is not None else {}


def stated_top_issues(nv: NegotiationView) -> list[str]:
    needs = nv.learned.get("needs")
    return list(needs.top_issues or ()) if needs is not None else []


def stated_weights(nv: NegotiationView) -> dict[str, float]:
    """The priorities the customer stated (means), or {} if it has not said."""
    answer = nv.learned.get("priorities")
    if answer is None or not answer.weights:
        return {}
    return {i: float(w.mean or 0.0) for i, w in answer.weights.items()}


def issue_values(nv: NegotiationView) -> dict[str, np.ndarray]:
    """The rep's estimate of how the customer values each option of each issue: by closeness to
    the ideal it named, else in the usual direction (``moves.estimated_values``)."""
    return moves.estimated_values(nv.issues, stated_ideal(nv))


def estimated_customer_utilities(nv: NegotiationView) -> np.ndarray:
    """The rep's estimate of the customer's utility of every outcome, from its answers.

    Weights come from the answer on priorities (else equal weight, with the issues named in the
    answer on needs counted double); values from ``issue_values``.
    """
    weights = dict.fromkeys(nv.issues, 1.0)
    for issue in stated_top_issues(nv):
        weights[issue] = 2.0
    weights = stated_weights(nv) or weights
    total = sum(weights.values()) or 1.0
    tables = issue_values(nv)
    g = grid(nv)
    u = np.zeros(g.shape[0])
    for j, issue in enumerate(nv.issues):
        u += weights.get(issue, 0.0) / total * tables[issue][g[:, j]]
    return u


def deadline_guess(nv: NegotiationView) -> tuple[float, float] | None:
    """(mean, sd) of the offers the customer said it will hear, if it said."""
    answer = nv.learned.get("timeline")
    guess = None if answer is None else answer.deadline_rounds
    if guess is None or guess.mean is None:
        return None
    return float(guess.mean), float(guess.sd or 0.0)


def standard_option(nv: NegotiationView, issue: str) -> int:
    """The option of ``issue`` that standard terms give under the authority the rep holds now."""
    return moves.standard_option(nv.issues, issue, nv.authority)
