"""Whether a result meets its target: the one rule the round review, the game's end, the
assessment's objective KPIs, the manager track and the window's charts all judge by."""

from __future__ import annotations


def target_met(value: float | None, target: float | None, lower: bool = False) -> bool | None:
    """At or above ``target`` (at or below it where a lower figure is better: forecast error,
    reps who left); None when either is unknown."""
    if value is None or target is None:
        return None
    return value <= target if lower else value >= target
