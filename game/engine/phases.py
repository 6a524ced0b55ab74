"""The phases of one round, in the order DESIGN.md's table walks them."""

from __future__ import annotations

from enum import StrEnum


class Phase(StrEnum):
    BRIEFING = "briefing"
    ANALYSIS = "analysis"
    PLANNING = "planning"
    NEGOTIATION = "negotiation"
    CONTRACT = "contract"
    FULFILMENT = "fulfilment"
    MAINTENANCE = "maintenance"
    RISK = "risk"
    REVIEW = "review"
    DEBRIEF = "debrief"  # after the last round: the game is over


ROUND_PHASES: tuple[Phase, ...] = (
    Phase.BRIEFING,
    Phase.ANALYSIS,
    Phase.PLANNING,
    Phase.NEGOTIATION,
    Phase.CONTRACT,
    Phase.FULFILMENT,
    Phase.MAINTENANCE,
    Phase.RISK,
    Phase.REVIEW,
)

COURSEWARE: dict[Phase, tuple[str, ...]] = {
    Phase.BRIEFING: ("CW-01", "CW-03"),
    Phase.ANALYSIS: ("CW-10", "CW-11", "CW-12", "CW-13", "CW-14", "CW-15"),
    Phase.PLANNING: ("CW-20", "CW-21", "CW-22"),
    Phase.NEGOTIATION: ("CW-30", "CW-31", "CW-32"),
    Phase.CONTRACT: ("CW-31", "CW-50"),
    Phase.FULFILMENT: ("CW-40",),
    Phase.MAINTENANCE: ("CW-41", "CW-42", "CW-43"),
    Phase.RISK: ("CW-50",),
    Phase.REVIEW: ("CW-51", "CW-60", "CW-61"),
    Phase.DEBRIEF: ("CW-61", "CW-63"),
}


def next_phase(phase: Phase) -> Phase | None:
    """The phase after ``phase`` within a round, or None after the review."""
    i = ROUND_PHASES.index(phase)
    return ROUND_PHASES[i + 1] if i + 1 < len(ROUND_PHASES) else None
