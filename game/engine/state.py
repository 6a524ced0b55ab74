"""Mutable game state held by the engine (the event log is the record; this is the working copy)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

AccountStatus = Literal["prospect", "negotiating", "agreed", "won", "lost"]


class Rejected(Exception):
    """An action that is not legal now. Nothing has changed."""

    def __init__(self, code: str, message: str, params: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = dict(params or {})  # the figures the refusal names, for its sentence


@dataclass
class Contract:
    account: str
    terms: dict[str, Any]
    unit_price: float
    units: int
    product: str = ""
    advance_payment: float = 0.0
    late_penalty: float = 0.0
    signed_week: int | None = None
    delivered_units: float = 0.0
    weekly_units: float = 0.0
    end_week: int = 0  # deliveries are due by this week
    unpaid: list[tuple[int, float]] = field(default_factory=list)  # (due week, amount)
    written_off: float = 0.0
    defaulted: bool = False
    renewals: int = 0
    bought_elsewhere: float = 0.0  # units due that a dissatisfied account bought from a rival
    schedule_week: int = 0  # deliveries run at weekly_units from this week ...
    schedule_base: float = 0.0  # ... on top of the units due before it

    def due_by(self, week: int) -> float:
        """Units that should have been delivered once ``week`` has run."""
        if self.signed_week is None:
            return 0.0
        due = self.schedule_base + self.weekly_units * max(0, week + 1 - self.schedule_week)
        return min(float(self.units), due)

    def reschedule(self, week: int, units: int, end_week: int) -> None:
        """``units`` in all, the rest due evenly from ``week`` until ``end_week``."""
        base = self.due_by(week - 1)
        self.units = units
        self.end_week = end_week
        self.schedule_week = week
        self.schedule_base = base
        self.weekly_units = (units - base) / max(1, end_week - week)

    @property
    def receivable(self) -> float:
        return sum(amount for _, amount in self.unpaid)


@dataclass
class RivalContract:
    """Business a competitor won from a key account: it counts in the market's units."""

    account: str
    competitor: str
    weekly_units: float
    end_week: int


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
    lost_to: str | None = None
    served: bool = False  # we delivered to it under a contract at some point of the game
    last_price: float = 0.0  # the unit price of its last contract
    last_late_week: int | None = None
    buying_elsewhere: bool = False


@dataclass
class Incident:
    id: int
    account: str
    week: int
    status: Literal["open", "expedited", "informed", "late"] = "open"
    cause: Literal["logistics", "stock_out"] = "logistics"


@dataclass
class Complaint:
    id: int
    account: str
    week: int
    status: Literal["open", "resolved"] = "open"
    resolved_week: int | None = None
    cause: str = "product"


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


COST_KINDS: tuple[str, ...] = (
    "research", "terms", "financing", "expedite", "penalties", "holding", "write_down",
    "emergency", "bad_debt", "risk",
)
"""Costs below the gross margin, by cause (see ``Books.costs``)."""

OCCASIONAL_COST_KINDS: tuple[str, ...] = ("conduct",)
"""Costs a round has only when they occur: conduct (money from the answers to dilemmas)."""


@dataclass
class Books:
    """Money and volume of one round.

    ``costs`` by cause: research (research methods), terms (delivery speed and service levels
    sold in deals), financing (payment terms), expedite, penalties (late deliveries), holding,
    write_down and emergency (stock), bad_debt (customers who did not pay), risk (responses).
    """

    revenue: float = 0.0
    list_value: float = 0.0  # the units sold at list price
    cogs: float = 0.0
    fees: float = 0.0
    costs: dict[str, float] = field(default_factory=lambda: dict.fromkeys(COST_KINDS, 0.0))
    lost_sales: float = 0.0  # revenue lost to stock-outs (not booked; what it would have been)
    expected_credit_loss: float = 0.0  # receivables x weekly default chance x (1 - recovery)
    key_account_revenue: float = 0.0
    our_units: float = 0.0
    market_units: float = 0.0
    weeks: int = 0
    segment_revenue: dict[str, float] = field(default_factory=dict)
    product_revenue: dict[str, float] = field(default_factory=dict)  # small customers only
    product_units: dict[str, float] = field(default_factory=dict)  # small customers only

    def cost(self, kind: str, amount: float) -> None:
        if kind in OCCASIONAL_COST_KINDS:  # booked only in rounds that have them
            self.costs.setdefault(kind, 0.0)
        if kind not in self.costs:
            raise KeyError(f"unknown cost kind '{kind}'")
        self.costs[kind] += amount

    @property
    def total_costs(self) -> float:
        return sum(self.costs.values())

    def profit(self) -> float:
        """Contribution profit: revenue less goods, channel fees and every cost."""
        return self.revenue - self.cogs - self.fees - self.total_costs

    def margin(self) -> float:
        if self.revenue <= 0:
            return 0.0
        return self.profit() / self.revenue


@dataclass
class DilemmaState:
    """A conduct dilemma that has come up: open, then answered or left to its default."""

    id: str
    raised_week: int
    status: Literal["open", "answered", "unanswered"] = "open"
    choice: str | None = None
    pending: list[tuple[int, int]] = field(default_factory=list)  # (due week, consequence)
