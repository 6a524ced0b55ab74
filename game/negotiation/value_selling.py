"""Selling value, not only price (CW-30, CW-31): when the rep presents the product's value on an
aspect the customer weights highly, the customer will accept less (its reservation value drops);
on an aspect it cares little about, the pitch falls flat and costs a little trust.

The rule reads the customer's hidden weights; the assessment re-runs it from the scenario and the
moves in the event log (``credit_after``), so nothing hidden goes into the log.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from game.scenario.models import ValueSelling

Kind = Literal["pitch", "objection"]
Reply = Literal["interested", "indifferent"]

_TOL = 1e-12


def non_price_aspects(issues: Sequence[str]) -> list[str]:
    """The aspects value can be presented on: every issue of the negotiation but price."""
    return [issue for issue in issues if issue != "price"]


def fits(weights: Mapping[str, float], aspect: str, rules: ValueSelling) -> bool:
    """Whether ``aspect`` is among what the customer weights most: its weight is at or above the
    ``fit_quantile`` of its weights on the issues other than price, and above the least of them
    (an aspect it weights as little as anything never fits, however many share that weight)."""
    others = [float(w) for issue, w in weights.items() if issue != "price"]
    if aspect not in weights or aspect == "price" or not others:
        return False
    threshold = float(np.quantile(others, rules.fit_quantile))
    w = float(weights[aspect])
    return w >= threshold - _TOL and w > min(others) + _TOL


@dataclass(frozen=True)
class Presented:
    """One value presentation: its kind and whether it fitted the customer's needs."""

    kind: Kind
    fitted: bool


def _gain(earlier_fits: int, now: Presented, rules: ValueSelling) -> float:
    base = rules.objection_credit if now.kind == "objection" else rules.pitch_credit
    return base * rules.repeat_decay**earlier_fits


def step(previous: Sequence[Presented], now: Presented, rules: ValueSelling) -> float:
    """How much this presentation lowers the customer's reservation value, given those before it:
    the kind's base effect times ``repeat_decay`` per earlier fitting presentation, within what
    is left of the ``cap``. A misfit moves nothing."""
    if not now.fitted:
        return 0.0
    spent = credit_after(previous, rules)
    earlier = sum(1 for p in previous if p.fitted)
    return max(0.0, min(_gain(earlier, now, rules), rules.cap - spent))


def credit_after(presented: Sequence[Presented], rules: ValueSelling) -> float:
    """The total drop in the customer's reservation value after ``presented`` (in order)."""
    total, fitted = 0.0, 0
    for now in presented:
        if now.fitted:
            total += max(0.0, min(_gain(fitted, now, rules), rules.cap - total))
            fitted += 1
    return total


def reply(fitted: bool) -> Reply:
    """What the customer says back: interested when it fits, indifferent otherwise."""
    return "interested" if fitted else "indifferent"
