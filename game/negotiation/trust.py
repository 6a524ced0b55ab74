"""How a customer's trust in the rep moves with the rep's behaviour. The sizes are data: the
scenario's ``negotiation.trust`` (``TrustRules``), whose defaults apply when it does not say."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from game.scenario.models import TrustRules

DEFAULT = TrustRules()
"""The rules a scenario that does not say uses."""

PREPARATION_TOPICS = ("needs", "priorities", "timeline")


@dataclass(frozen=True)
class TrustChange:
    """One move of trust, with the snake_case reason the rep could read from the customer's tone."""

    delta: float
    reason: str


def question_trust_changes(
    topic: str, asked_before: bool, offers_made: int, rules: TrustRules = DEFAULT,
    prepared: int = 0,
) -> list[TrustChange]:
    """Trust effect of asking about ``topic``; ``prepared`` is how many preparation questions
    were asked before it in this negotiation (each further one gains less)."""
    if asked_before:
        return _moving([TrustChange(-rules.repeated_question, "repeated_question")])
    if offers_made == 0 and topic in PREPARATION_TOPICS:
        gain = rules.asked_before_offering * rules.asking_decay ** prepared
        return _moving([TrustChange(gain, "asked_before_offering")])
    return []


def offer_trust_changes(
    values: Mapping[str, float],
    previous_values: Mapping[str, float] | None,
    repeated: bool,
    utility: float,
    reservation: float,
    stated_top: str | None,
    rules: TrustRules = DEFAULT,
    standard_values: Mapping[str, float] | None = None,
    asked_gain: float = 0.0,
) -> list[TrustChange]:
    """Trust effect of an offer.

    ``values`` are the customer's values (0..1) of the offer's option on each issue,
    ``previous_values`` those of the rep's previous offer (None for the first offer), ``utility``
    the offer's utility to the customer and ``stated_top`` the issue the customer told the rep
    matters most (None if it never said); ``asked_gain`` the trust its questions before this
    first offer won, which ignoring the stated issue takes back under
    ``rules.ignoring_undoes_asking``. ``standard_values`` are its values of the company's
    standard terms: with ``rules.opening_beats_standard`` a first offer respects the stated
    issue only by giving more there than they do, and ignores it otherwise.
    """
    if repeated:
        return _moving([TrustChange(-rules.repeated_offer, "repeated_offer")])
    changes: list[TrustChange] = []
    if previous_values is None and utility < reservation - rules.anchor_gap:
        changes.append(TrustChange(-rules.aggressive_anchor, "aggressive_anchor"))
    if stated_top is not None and previous_values is None and rules.opening_beats_standard:
        if standard_values is None:
            raise ValueError("judging a first offer against standard terms needs their values")
        heard = values[stated_top] > standard_values[stated_top] + 1e-9
        changes.append(TrustChange(rules.respected_priority, "respected_priority") if heard
                       else _ignored(rules, asked_gain))
    elif stated_top is not None:
        now = values[stated_top]
        if previous_values is not None and now < previous_values[stated_top] - 1e-9:
            changes.append(TrustChange(-rules.broken_promise, "broken_promise"))
        elif previous_values is None and now < rules.good_on_priority:
            changes.append(_ignored(rules, asked_gain))
        elif (previous_values is None and now >= rules.good_on_priority) or (
            previous_values is not None and now > previous_values[stated_top] + 1e-9
        ):  # a gesture: opening good on it, or moving toward it
            changes.append(TrustChange(rules.respected_priority, "respected_priority"))
        elif now >= rules.good_on_priority:  # kept where it was: by default no news
            changes.append(TrustChange(rules.kept_priority, "respected_priority"))
    return _moving(changes)


def _ignored(rules: TrustRules, asked_gain: float) -> TrustChange:
    """A first offer that ignores what the customer said matters most: it loses
    ``ignored_priority``, and with ``ignoring_undoes_asking`` also what its questions won."""
    taken_back = asked_gain if rules.ignoring_undoes_asking else 0.0
    return TrustChange(-(rules.ignored_priority + taken_back), "ignored_priority")


def _moving(changes: list[TrustChange]) -> list[TrustChange]:
    """The changes that move trust: a rule set to 0 moves nothing."""
    return [c for c in changes if c.delta != 0.0]


def apply(trust: float, changes: list[TrustChange]) -> float:
    """Trust after ``changes``, kept in [0, 1]."""
    for change in changes:
        trust = min(1.0, max(0.0, trust + change.delta))
    return trust
