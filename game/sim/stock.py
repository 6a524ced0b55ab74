"""Stock per product (CW-21): what the forecast orders, what is sold from it, what it costs.

A pure ledger: the engine decides when to order and how much is asked for; this module keeps the
units and reports shortfalls, holding costs and write-downs. The newsvendor's closed forms hold
for it: with demand D and stock q and no rush order, a stock-out happens with probability
P(D > q) and the units lost are max(0, D - q).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RushOrder:
    product: str
    units: float
    arrives_week: int


@dataclass
class StockLedger:
    """Units on hand per product, rush orders on their way, and the unit costs to value them."""

    unit_costs: dict[str, float]
    on_hand: dict[str, float] = field(default_factory=dict)
    rush: list[RushOrder] = field(default_factory=list)

    def __post_init__(self) -> None:
        for product in self.unit_costs:
            self.on_hand.setdefault(product, 0.0)

    def receive(self, product: str, units: float) -> None:
        if units < 0:
            raise ValueError("cannot receive a negative number of units")
        self.on_hand[product] += units

    def order_up_to(self, wanted: dict[str, float]) -> dict[str, float]:
        """Bring each product up to ``wanted`` units; returns the units ordered (arriving now)."""
        ordered = {}
        for product, units in wanted.items():
            add = max(0.0, float(units) - self.on_hand[product])
            self.on_hand[product] += add
            ordered[product] = add
        return ordered

    def take(self, product: str, units: float) -> float:
        """Take up to ``units`` from stock; returns what could be taken."""
        if units <= 0:
            return 0.0
        got = min(units, self.on_hand[product])
        self.on_hand[product] -= got
        return got

    def out(self, product: str) -> bool:
        return self.on_hand[product] <= 1e-9

    def rush_pending(self, product: str) -> bool:
        return any(r.product == product for r in self.rush)

    def order_rush(self, product: str, units: float, arrives_week: int) -> None:
        if units > 0:
            self.rush.append(RushOrder(product, float(units), int(arrives_week)))

    def arrivals(self, week: int) -> dict[str, float]:
        """Receive the rush orders due by ``week``; returns units received per product."""
        got: dict[str, float] = {}
        keep = []
        for r in self.rush:
            if r.arrives_week <= week:
                self.on_hand[r.product] += r.units
                got[r.product] = got.get(r.product, 0.0) + r.units
            else:
                keep.append(r)
        self.rush = keep
        return got

    def value(self) -> float:
        """Stock on hand at unit cost."""
        return sum(units * self.unit_costs[p] for p, units in self.on_hand.items())

    def holding_cost(self, rate: float) -> float:
        """One week's cost of holding the stock on hand."""
        return self.value() * rate

    def write_down(self, share: float) -> tuple[float, dict[str, float]]:
        """Scrap ``share`` of every product's stock; returns (value lost, units scrapped)."""
        lost, scrapped = 0.0, {}
        for product, units in self.on_hand.items():
            gone = units * share
            self.on_hand[product] = units - gone
            scrapped[product] = gone
            lost += gone * self.unit_costs[product]
        return lost, scrapped
