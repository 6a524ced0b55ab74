"""Mutable game state held by the engine (the event log is the record; this is the working copy)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

AccountStatus = Literal["prospect", "negotiating", "agreed", "won", "lost"]


class Rejected(Exception):
    """An action that is not legal now. Nothing has changed."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Contract:
    account: str
    terms: dict[str, Any]
    unit_price: float
    units: int
    advance_payment: float = 0.0
    late_penalty: float = 0.0
    signed_week: int | None = None
    delivered_units: float = 0.0
    weekly_units: float = 0.0
    end_week: int = 0
    unpaid: list[tuple[int, float]] = field(default_factory=list)  # (due week, amount)
    written_off: float = 0.0


@dataclass
class AccountState:
    id: str
    status: AccountStatus = "prospect"
    trust: float = 0.5
    satisfaction: float = 0.6
    credit_checked: bool = False
    interviewed: bool = False
    contract: Contract | None = None
    amendments_tried: set[str] = field(default_factory=set)
    visits_this_round: int = 0
    upsold: bool = False


@dataclass
class Incident:
    id: int
    account: str
    week: int
    status: Literal["open", "expedited", "informed", "late"] = "open"


@dataclass
class Complaint:
    id: int
    account: str
    week: int
    status: Literal["open", "resolved"] = "open"
    resolved_week: int | None = None


@dataclass
class Strike:
    """A risk event scheduled by the risk process, as the engine tracks it."""

    id: int
    risk: str
    kind: str
    warning_week: int
    strike_week: int
    end_week: int
    impact: float
    target: str | None
    mitigation: float = 0.0
    response: str | None = None
    warned: bool = False
    struck: bool = False
    applied_loss: float = 0.0


@dataclass
class Plan:
    """The round's planning decisions (CW-20..22), carried over until changed."""

    forecast: float | None = None
    discounts: dict[str, float] = field(default_factory=dict)
    effort_shares: dict[str, float] = field(default_factory=dict)
    channels: dict[str, str] = field(default_factory=dict)


@dataclass
class Books:
    """Money and volume of one round."""

    revenue: float = 0.0
    cogs: float = 0.0
    fees: float = 0.0
    costs: float = 0.0
    key_account_revenue: float = 0.0
    our_units: float = 0.0
    market_units: float = 0.0
    weeks: int = 0
    segment_revenue: dict[str, float] = field(default_factory=dict)

    def margin(self) -> float:
        if self.revenue <= 0:
            return 0.0
        return (self.revenue - self.cogs - self.fees - self.costs) / self.revenue
