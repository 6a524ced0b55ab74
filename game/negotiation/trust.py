"""How a customer's trust in the rep moves with the rep's behaviour (rules and their sizes)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

WALK_AWAY_BELOW = 0.15
"""Below this trust the customer ends the negotiation."""

ASKED_BEFORE_OFFERING = 0.05  # first question on needs/priorities/timeline before any offer
REPEATED_QUESTION = -0.03  # asking again what was already answered
AGGRESSIVE_ANCHOR = -0.12  # first offer far below what the customer could accept
ANCHOR_GAP = 0.2  # ... "far below": this much customer utility under its reservation value
REPEATED_OFFER = -0.1  # the same offer again
BROKEN_PROMISE = -0.1  # worse than the previous offer on the issue they said matters most
RESPECTED_PRIORITY = 0.03  # a good value, or more than before, on what they said matters most
GOOD_ON_PRIORITY = 0.5  # an offer "respects" the priority when it gives at least this value

PREPARATION_TOPICS = ("needs", "priorities", "timeline")


@dataclass(frozen=True)
class TrustChange:
    """One move of trust, with the snake_case reason the rep could read from the customer's tone."""

    delta: float
    reason: str


def question_trust_changes(topic: str, asked_before: bool, offers_made: int) -> list[TrustChange]:
    """Trust effect of asking about ``topic``."""
    if asked_before:
        return [TrustChange(REPEATED_QUESTION, "repeated_question")]
    if offers_made == 0 and topic in PREPARATION_TOPICS:
        return [TrustChange(ASKED_BEFORE_OFFERING, "asked_before_offering")]
    return []


def offer_trust_changes(
    values: Mapping[str, float],
    previous_values: Mapping[str, float] | None,
    repeated: bool,
    utility: float,
    reservation: float,
    stated_top: str | None,
) -> list[TrustChange]:
    """Trust effect of an offer.

    ``values`` are the customer's values (0..1) of the offer's option on each issue,
    ``previous_values`` those of the rep's previous offer (None for the first offer), ``utility``
    the offer's utility to the customer and ``stated_top`` the issue the customer told the rep
    matters most (None if it never said).
    """
    if repeated:
        return [TrustChange(REPEATED_OFFER, "repeated_offer")]
    changes: list[TrustChange] = []
    if previous_values is None and utility < reservation - ANCHOR_GAP:
        changes.append(TrustChange(AGGRESSIVE_ANCHOR, "aggressive_anchor"))
    if stated_top is not None:
        now = values[stated_top]
        if previous_values is not None and now < previous_values[stated_top] - 1e-9:
            changes.append(TrustChange(BROKEN_PROMISE, "broken_promise"))
        elif now >= GOOD_ON_PRIORITY or (
            previous_values is not None and now > previous_values[stated_top] + 1e-9
        ):
            changes.append(TrustChange(RESPECTED_PRIORITY, "respected_priority"))
    return changes


def apply(trust: float, changes: list[TrustChange]) -> float:
    """Trust after ``changes``, kept in [0, 1]."""
    for change in changes:
        trust = min(1.0, max(0.0, trust + change.delta))
    return trust
