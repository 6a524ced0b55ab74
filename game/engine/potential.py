"""A segment's potential (CW-12): what one more step of work there would earn, read from a
round's figures.

Buyers choose a vendor by the logit rule the brief states: a small lift in what buyers think
of us moves our share ``s`` of a segment's buyers by ``s (1 - s)`` per unit of lift, so our
revenue there, ``R = s x`` what the segment spends, moves by ``R (1 - s)``. The segments with
most potential are those where we already earn and still have buyers to win. Both come from the
round's figures every rep sees: our revenue in the segment, and our customers there against the
segment's buyers in the brief. One rule for the reps that choose targets and the rubric that
judges the choice."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any, Protocol


class _Segment(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def share(self) -> float: ...


class _Market(Protocol):
    """A market as the scenario and the brief both give it: its buyers and its segments."""

    @property
    def customers(self) -> int: ...
    @property
    def segments(self) -> Iterable[_Segment]: ...


def segment_potential(revenue: float, our_customers: float, buyers: float) -> float:
    """``revenue x (1 - our share of the segment's buyers)``; a segment with no buyers, or
    where we earned nothing, has none."""
    if buyers <= 0 or revenue <= 0:
        return 0.0
    share = min(1.0, max(0.0, our_customers / buyers))
    return float(revenue) * (1.0 - share)


def potentials(
    market_customers: float, segments: Iterable[tuple[str, float]], figures: Mapping[str, Any]
) -> dict[str, float]:
    """Per segment: its potential by one round's ``figures`` (segment id -> an object or a
    mapping with ``customers`` and ``revenue``); ``segments``: (id, share of the market's
    buyers) as in the brief. A segment the figures do not name has none."""
    out = {}
    for sid, share in segments:
        found = figures.get(sid)
        if found is None:
            out[sid] = 0.0
            continue
        customers = found["customers"] if isinstance(found, Mapping) else found.customers
        revenue = found["revenue"] if isinstance(found, Mapping) else found.revenue
        out[sid] = segment_potential(float(revenue), float(customers), market_customers * share)
    return out


def market_potentials(market: _Market, figures: Mapping[str, Any]) -> dict[str, float]:
    """Per segment of ``market`` (the scenario's or the brief's): its potential by ``figures``
    (``potentials``)."""
    return potentials(market.customers, ((s.id, s.share) for s in market.segments), figures)


def best_split(worth: Mapping[str, float], response: float) -> dict[str, float]:
    """The field-effort shares that earn most when a segment's coverage counts as its share to
    the power ``response`` (the brief's ``economics.field.response``) and what a step of
    standing earns there is its potential (``worth``): maximising ``sum(w x share^response)``
    gives shares in proportion to ``w^(1 / (1 - response))`` — the potential squared at the
    default 0.5 — and, at 1, everything on the segments with most. Even when none has any."""
    keys = list(worth)
    if not keys:
        return {}
    values = [max(0.0, float(worth[k])) for k in keys]
    top = max(values)
    if top <= 0.0:
        return dict.fromkeys(keys, 1.0 / len(keys))
    if response >= 1.0:
        best = [k for k, v in zip(keys, values, strict=True) if v == top]
        return {k: (1.0 / len(best) if k in best else 0.0) for k in keys}
    power = 1.0 / (1.0 - response)
    # the square as a product, exactly, while it neither underflows nor overflows; otherwise
    # powers of shares of the largest, whose own weight is 1
    weights = [v * v for v in values] if power == 2.0 else []
    total = sum(weights)
    if not 0.0 < total < math.inf:
        weights = [(v / top) ** power for v in values]
        total = sum(weights)
    return {k: w / total for k, w in zip(keys, weights, strict=True)}
