"""Hand-built event logs for indicator tests, and quick games shared by the assessment tests."""

from __future__ import annotations

from typing import Any

import pytest

from game.engine.events import Event

STANDARD_OFFER = {
    "price": 0.05,
    "volume": 0.75,
    "delivery_weeks": 4.0,
    "payment_days": 30.0,
    "service": "standard",
}


class LogBuilder:
    """Appends events with consecutive seqs at a settable round, week and phase."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.round = 1
        self.week = 0
        self.phase = "briefing"

    def at(
        self, round_: int | None = None, phase: str | None = None, week: int | None = None
    ) -> LogBuilder:
        if round_ is not None:
            self.round = round_
        if phase is not None:
            self.phase = phase
        if week is not None:
            self.week = week
        return self

    def add(self, kind: str, /, **payload: Any) -> int:
        seq = len(self.events)
        self.events.append(Event(seq, self.round, self.week, self.phase, kind, payload))
        return seq

    def start_round(self, round_: int) -> int:
        self.at(round_, "briefing")
        return self.add(
            "round_started", targets={}, demand_index=1.0, opportunities=[], warnings=[], effort=20
        )

    def end_phase(self, phase: str | None = None) -> int:
        if phase is not None:
            self.phase = phase
        return self.add("phase_ended")

    def offer(self, account: str, u_seller: float = 0.5, **changes: Any) -> int:
        return self.add(
            "trainee_offered",
            account=account,
            round=1,
            offer={**STANDARD_OFFER, **changes},
            u_seller=u_seller,
        )


@pytest.fixture
def log() -> LogBuilder:
    return LogBuilder()


@pytest.fixture(scope="session")
def tiny(shipped):
    """The shipped scenario with 600 customers: games fast enough for many test runs."""
    market = shipped.market.model_copy(update={"customers": 600})
    return shipped.model_copy(update={"market": market})
