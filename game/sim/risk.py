"""The market-risk process: when each declared risk strikes, drawn up front for the whole game."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.scenario.models import Scenario


@dataclass(frozen=True)
class RiskStrike:
    """One occurrence of a risk. Weeks are 0-based over the whole game; active weeks are
    strike_week <= w < end_week."""

    risk_id: str
    kind: str
    strike_week: int
    warning_week: int
    end_week: int
    impact: float
    target: str | None


def schedule_risks(
    scenario: Scenario, rng: np.random.Generator, total_weeks: int
) -> list[RiskStrike]:
    """Every strike of every declared risk, sorted by strike week then scenario order.

    Week by week a risk strikes with probability hazard_per_week, at most max_times, and not
    again while a strike of it is active. All uniforms (risks x weeks) are drawn first, so one
    risk's schedule does not depend on any other risk's.
    """
    risks = scenario.risks
    if total_weeks < 0:
        raise ValueError("total_weeks must be >= 0")
    uniforms = rng.random((len(risks), total_weeks))
    strikes: list[tuple[int, int, RiskStrike]] = []
    for order, risk in enumerate(risks):
        times = 0
        free_from = 0  # first week the risk may strike again
        for week in range(total_weeks):
            if times >= risk.max_times:
                break
            if week < free_from or uniforms[order, week] >= risk.hazard_per_week:
                continue
            times += 1
            free_from = week + risk.duration_weeks
            strike = RiskStrike(
                risk_id=risk.id,
                kind=risk.kind,
                strike_week=week,
                warning_week=max(0, week - risk.warning_weeks),
                end_week=week + risk.duration_weeks,
                impact=float(risk.impact),
                target=risk.target,
            )
            strikes.append((week, order, strike))
    strikes.sort(key=lambda item: item[:2])
    return [strike for _, _, strike in strikes]
