"""Behaviours added one at a time to a rep's style: the reverse of the ablations. Coaching plays
a stand-in for the trainee with one behaviour added, paired on the same seed, to measure what
adopting that behaviour is worth to this rep."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from game.bots.graded import EXPERT, INTERMEDIATE, NOVICE, GradedRep, Style
from game.sim.rng import stream


@dataclass(frozen=True)
class Addition:
    id: str  # also the key of its words and drill in the coaching content
    change: Callable[[Style], Style]


ANSWER_WEEKS = 1
"""How often a rep that answers complaints and incidents "now" looks for them: every week, so it
answers each within a week."""

ADDITIONS: tuple[Addition, ...] = (
    Addition("research", lambda s: replace(
        s, research="targeted", analyse_from_round=1, adjust_from_data="always")),
    Addition("targets", lambda s: replace(s, target_effort="potential", set_channels=True)),
    Addition("forecast", lambda s: replace(s, forecast="plan")),
    Addition("ask_and_trade", lambda s: replace(
        s, negotiator="package", topics=("needs", "priorities", "timeline", "competitors"),
        exponent=0.5, all_issues=True, escalate_after_trade=True)),
    Addition("credit", lambda s: replace(s, credit_check=True, protect_weak=True)),
    Addition("complaints", lambda s: replace(s, complaints="now", check_weeks=ANSWER_WEEKS)),
    Addition("incidents", lambda s: replace(
        s, incidents="now", expedite_big=True, check_weeks=ANSWER_WEEKS)),
    Addition("risks", lambda s: replace(s, risks="warned")),
    Addition("account_care", lambda s: replace(s, visit=True, survey=True, upsell=True)),
    Addition("conduct", lambda s: replace(s, dilemmas="straight")),
)

BY_ID: dict[str, Addition] = {a.id: a for a in ADDITIONS}


def stand_in_style(done: frozenset[str], base: Style = NOVICE) -> Style:
    """The novice's style with every behaviour in ``done`` (addition ids) already adopted: the
    graded rep that plays most like a trainee who was seen doing those things."""
    style = base
    for a in ADDITIONS:
        if a.id in done:
            style = a.change(style)
    return style


STAND_INS: tuple[Style, ...] = (NOVICE, INTERMEDIATE, EXPERT)
"""The graded tiers a stand-in may be, besides the novice with the trainee's behaviours."""


def stand_in(seed: int, style: Style, added: str | None = None) -> GradedRep:
    """A stand-in playing ``style`` with the behaviour ``added`` on top (None: as it is); it draws
    from the stream of the tier it is built on (its name), so runs with and without an addition
    are paired."""
    changed = style if added is None else BY_ID[added].change(style)
    bot = GradedRep(seed, replace(changed, name=f"{style.name}+{added or 'none'}"))
    bot.rng = stream(seed, f"bot:{style.name}")
    return bot


def with_addition(base: Style, added: str, seed: int) -> GradedRep:
    """A graded tier (``base``) with the behaviour ``added``, on the tier's own random stream."""
    bot = GradedRep(seed, replace(BY_ID[added].change(base), name=f"{base.name}+{added}"))
    bot.rng = stream(seed, f"bot:{base.name}")
    return bot
