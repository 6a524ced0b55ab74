"""The risk schedule: hazards, max_times, no overlap, warnings, independence between risks."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import numpy as np

from game.scenario.models import Scenario
from game.sim.risk import RiskStrike, schedule_risks


def with_risks(data: dict[str, Any], **changes: dict[str, Any]) -> Scenario:
    """The shipped scenario with fields of some risks (by id) changed."""
    for risk in data["risks"]:
        risk.update(changes.get(risk["id"].replace("-", "_"), {}))
    return Scenario.model_validate(data)


def test_certain_risk_strikes_back_to_back_up_to_max_times(data: dict[str, Any]) -> None:
    scenario = with_risks(
        data,
        export_slump={
            "hazard_per_week": 1.0,
            "max_times": 3,
            "duration_weeks": 5,
            "warning_weeks": 2,
        },
    )
    strikes = [
        s
        for s in schedule_risks(scenario, np.random.default_rng(0), 52)
        if s.risk_id == "export-slump"
    ]
    assert [(s.strike_week, s.warning_week, s.end_week) for s in strikes] == [
        (0, 0, 5),
        (5, 3, 10),
        (10, 8, 15),
    ]
    assert all(s.kind == "demand_shock" and s.impact == 0.25 and s.target is None for s in strikes)


def test_schedules_respect_max_times_warning_and_no_overlap(data: dict[str, Any]) -> None:
    scenario = with_risks(
        data,
        export_slump={"hazard_per_week": 0.3, "max_times": 2},
        dragon_price_war={"hazard_per_week": 0.2, "max_times": 3},
    )
    risks = {r.id: r for r in scenario.risks}
    for seed in range(200):
        strikes = schedule_risks(scenario, np.random.default_rng(seed), 52)
        assert [s.strike_week for s in strikes] == sorted(s.strike_week for s in strikes)
        for rid, risk in risks.items():
            mine = [s for s in strikes if s.risk_id == rid]
            assert len(mine) <= risk.max_times
            for s in mine:
                assert 0 <= s.strike_week < 52
                assert s.warning_week == max(0, s.strike_week - risk.warning_weeks)
                assert s.end_week == s.strike_week + risk.duration_weeks
                assert s.target == risk.target
            for earlier, later in zip(mine, mine[1:], strict=False):
                assert later.strike_week >= earlier.end_week


def test_strikes_arrive_at_the_hazard_rate(data: dict[str, Any]) -> None:
    """duration 1 and no cap: strikes over W weeks are Binomial(W, h) per game."""
    h, weeks, games = 0.05, 52, 400
    scenario = with_risks(
        data, churn_wave={"hazard_per_week": h, "max_times": 1000, "duration_weeks": 1}
    )
    counts = [
        sum(
            s.risk_id == "churn-wave"
            for s in schedule_risks(scenario, np.random.default_rng(g), weeks)
        )
        for g in range(games)
    ]
    n = weeks * games
    assert abs(sum(counts) / n - h) < 4 * np.sqrt(h * (1 - h) / n)


def test_one_risk_does_not_move_anothers_schedule(data: dict[str, Any]) -> None:
    base = with_risks(data)
    changed = with_risks(
        data, export_slump={"hazard_per_week": 0.9, "max_times": 5, "duration_weeks": 1}
    )
    for seed in range(30):
        a = schedule_risks(base, np.random.default_rng(seed), 52)
        b = schedule_risks(changed, np.random.default_rng(seed), 52)
        assert [s for s in a if s.risk_id != "export-slump"] == [
            s for s in b if s.risk_id != "export-slump"
        ]


def test_schedule_is_reproducible_and_json_able(east_china: Scenario) -> None:
    busy = east_china.model_copy(
        update={"risks": [r.model_copy(update={"hazard_per_week": 0.2}) for r in east_china.risks]}
    )
    a = schedule_risks(busy, np.random.default_rng(5), 52)
    assert a == schedule_risks(busy, np.random.default_rng(5), 52)
    assert a != schedule_risks(busy, np.random.default_rng(6), 52)
    rows = json.loads(json.dumps([dataclasses.asdict(s) for s in a]))
    assert [RiskStrike(**row) for row in rows] == a
