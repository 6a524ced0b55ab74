"""Competitor agents: one pricing and bidding strategy per scenario ``strategy`` kind.

Prices are absolute, one per segment, and always stay between a floor just above the
competitor's unit cost (cost_index x list price x ``floor_margin``) and a ceiling of
``price_ceiling`` x list price. On each cadence a competitor moves toward ``start + reaction x
(strategy target - start)``, at most its largest move at once: with a reaction below 1 it follows
its strategy only part of the way and otherwise holds its own positioning, so a rival's price cut
is matched only in part. The limits and paces are the scenario's ``economics.rivals``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from game.scenario.economics import Rivals
from game.scenario.models import Competitor, KeyAccount, NegotiationIssue, Scenario


@dataclass(frozen=True)
class PublicFigures:
    """What every vendor can see about the last period, per segment (rows) and vendor (columns).

    Column 0 is us, column i the i-th competitor in file order.
    """

    week: int  # last week simulated (-1 before the first)
    units: np.ndarray  # (n_segments, n_vendors) units sold over the period
    prices: np.ndarray  # (n_segments, n_vendors) each vendor's current unit price
    demand_index: float

    @property
    def has_sales(self) -> np.ndarray:
        """(n_segments,) True where the segment sold anything in the period."""
        return self.units.sum(axis=1) > 0

    @property
    def shares(self) -> np.ndarray:
        """Unit shares per segment; rows without sales are all zero."""
        total = self.units.sum(axis=1, keepdims=True)
        return np.divide(self.units, total, out=np.zeros_like(self.units), where=total > 0)


class CompetitorAgent:
    """Common state and rules; a subclass only says where it wants its prices to go."""

    strategy: ClassVar[str] = ""
    price_depth: ClassVar[int] = 0  # extra discount steps in a key-account bid
    service_level: ClassVar[str] = "mid"  # "low" | "mid" | "high" option of service-like issues
    fast_delivery: ClassVar[bool] = False

    def __init__(
        self, spec: Competitor, index: int, segment_ids: list[str], list_prices: np.ndarray,
        rules: Rivals | None = None,
    ) -> None:
        self.spec = spec
        self.rules = rules if rules is not None else Rivals()
        self.id = spec.id
        self.index = index  # this vendor's column in price and share tables
        self.quality = float(spec.quality)
        self.segment_ids = list(segment_ids)
        self.list_prices = np.asarray(list_prices, dtype=np.float64)
        self.floor = spec.cost_index * self.list_prices * self.rules.floor_margin
        self.ceiling = np.maximum(self.rules.price_ceiling * self.list_prices, self.floor)
        self.start_prices = self._clamp(spec.price_index * self.list_prices)
        self.base_prices = self.start_prices.copy()
        self.war_multiplier = 1.0
        self.step = self.rules.step_at(spec.aggressiveness)  # relative price step per cadence
        self.max_move = self.rules.max_move_at(spec.aggressiveness)  # largest move per cadence

    @property
    def base_prices(self) -> np.ndarray:
        """The strategy's prices (before any price war)."""
        return self._base_prices

    @base_prices.setter
    def base_prices(self, value: np.ndarray) -> None:
        self._base_prices = value
        self._prices: np.ndarray | None = None

    @property
    def prices(self) -> np.ndarray:
        """Prices charged now: the strategic prices times any price-war multiplier, clamped."""
        if self._prices is None:
            self._prices = self._clamp(self._base_prices * self.war_multiplier)
        return self._prices

    def _clamp(self, prices: np.ndarray) -> np.ndarray:
        return np.clip(prices, self.floor, self.ceiling)

    def _toward(self, target: np.ndarray) -> np.ndarray:
        """Move from the current strategic prices toward ``target``, at most max_move at once."""
        base = self.base_prices
        return np.clip(target, base * (1 - self.max_move), base * (1 + self.max_move))

    def rivals(self, public: PublicFigures) -> np.ndarray:
        """(n_segments, n_vendors - 1) prices of every other vendor."""
        return np.delete(public.prices, self.index, axis=1)

    def reprice(self, week: int, public: PublicFigures, rng: np.random.Generator) -> None:
        """Set new segment prices from last period's figures, on weeks of this agent's cadence."""
        if week % self.spec.reprice_every_weeks != 0:
            return
        goal = self._clamp(self._target(public, rng))
        anchored = self.start_prices + self.spec.reaction * (goal - self.start_prices)
        self.base_prices = self._clamp(self._move(anchored))

    def _target(self, public: PublicFigures, rng: np.random.Generator) -> np.ndarray:
        """Where the strategy wants this competitor's prices, given last period's figures."""
        raise NotImplementedError

    def _move(self, goal: np.ndarray) -> np.ndarray:
        """This cadence's prices on the way to ``goal``."""
        return self._toward(goal)

    def apply_price_war(self, multiplier: float) -> None:
        """Multiply prices by ``multiplier`` until ``end_price_war`` (the floor still holds)."""
        if multiplier <= 0:
            raise ValueError("a price-war multiplier must be > 0")
        if float(multiplier) != self.war_multiplier:
            self.war_multiplier = float(multiplier)
            self._prices = None

    def end_price_war(self) -> None:
        if self.war_multiplier != 1.0:
            self.war_multiplier = 1.0
            self._prices = None

    def memory(self) -> list[np.ndarray]:
        """Everything its future prices depend on (for replay state hashes)."""
        return [self.base_prices, np.array([self.war_multiplier])]

    # ------------------------------------------------------------------ key-account bids

    def aggressive(self, account: KeyAccount) -> bool:
        """Whether this bid is an attack (long payment terms, deeper discount)."""
        return False

    def bid(self, account: KeyAccount, issues: list[NegotiationIssue]) -> dict[str, float | str]:
        """This competitor's offer for a key-account deal: one option per negotiation issue."""
        seg = self.segment_ids.index(account.segment)
        discount = 1.0 - float(self.prices[seg] / self.list_prices[seg])
        aggressive = self.aggressive(account)
        offer: dict[str, float | str] = {}
        for issue in issues:
            options = _ordered(issue.values)
            if issue.id == "price":
                depth = self.price_depth + (1 if aggressive else 0)
                offer[issue.id] = _closest_deeper(issue.values, discount, depth)
            elif issue.id == "volume":
                offer[issue.id] = options[-1]
            elif issue.id == "delivery_weeks":
                fast = self.fast_delivery or aggressive
                offer[issue.id] = options[0] if fast else _middle(options)
            elif issue.id == "payment_days":
                offer[issue.id] = options[-1] if aggressive else _middle(options)
            else:  # service, training: options listed from the least to the most
                offer[issue.id] = {"low": options[0], "mid": _middle(options)}.get(
                    self.service_level, options[-1]
                )
        return offer


class PriceLeader(CompetitorAgent):
    """Undercuts the cheapest rival in every segment, down to its floor."""

    strategy = "price_leader"
    price_depth = 1
    service_level = "low"

    def _target(self, public: PublicFigures, rng: np.random.Generator) -> np.ndarray:
        cheapest = self.rivals(public).min(axis=1)
        return cheapest * (1 - self.step)


class Premium(CompetitorAgent):
    """Holds a premium over the average rival price and raises it where its share is high."""

    strategy = "premium"
    service_level = "high"
    fast_delivery = True

    def __init__(
        self, spec: Competitor, index: int, segment_ids: list[str], list_prices: np.ndarray,
        rules: Rivals | None = None,
    ) -> None:
        super().__init__(spec, index, segment_ids, list_prices, rules)
        self.premium: np.ndarray | None = None  # per segment, set at the first reprice

    def _target(self, public: PublicFigures, rng: np.random.Generator) -> np.ndarray:
        average = self.rivals(public).mean(axis=1)
        if self.premium is None:
            self.premium = np.clip(self.base_prices / average - 1, self.rules.premium_min,
                                   self.rules.premium_max)
        n_vendors = public.prices.shape[1]
        high = public.has_sales & (public.shares[:, self.index] >= 1.0 / n_vendors)
        self.premium = np.where(
            high, np.minimum(self.premium + self.step, self.rules.premium_max), self.premium
        )
        return average * (1 + self.premium)

    def memory(self) -> list[np.ndarray]:
        extra = [] if self.premium is None else [self.premium]
        return [*super().memory(), *extra]


class Follower(CompetitorAgent):
    """Moves part of the way toward the average rival price each cadence."""

    strategy = "follower"

    def _target(self, public: PublicFigures, rng: np.random.Generator) -> np.ndarray:
        return self.rivals(public).mean(axis=1)

    def _move(self, goal: np.ndarray) -> np.ndarray:
        rate = self.rules.follower_rate_at(self.spec.aggressiveness)
        return self.base_prices + rate * (goal - self.base_prices)


class Poacher(CompetitorAgent):
    """Cuts price where we (vendor 0) gained share since its last look; recovers elsewhere."""

    strategy = "poacher"

    def __init__(
        self, spec: Competitor, index: int, segment_ids: list[str], list_prices: np.ndarray,
        rules: Rivals | None = None,
    ) -> None:
        super().__init__(spec, index, segment_ids, list_prices, rules)
        self.seen_our_share: np.ndarray | None = None

    def aggressive(self, account: KeyAccount) -> bool:
        return account.current_vendor != self.id

    def _target(self, public: PublicFigures, rng: np.random.Generator) -> np.ndarray:
        ours = public.shares[:, 0]
        valid = public.has_sales
        base = self.base_prices
        if self.seen_our_share is None:
            self.seen_our_share = np.where(valid, ours, np.nan)
            return base
        with np.errstate(invalid="ignore"):
            gained = valid & (ours > self.seen_our_share + self.rules.poacher_notice)
        recover = np.where(
            base < self.start_prices,
            np.minimum(self.start_prices, base * (1 + self.step / 2)),
            base,
        )
        self.seen_our_share = np.where(valid, ours, self.seen_our_share)
        return np.where(gained, base * (1 - self.step), recover)

    def memory(self) -> list[np.ndarray]:
        extra = [] if self.seen_our_share is None else [self.seen_our_share]
        return [*super().memory(), *extra]


STRATEGIES: dict[str, type[CompetitorAgent]] = {
    cls.strategy: cls for cls in (PriceLeader, Premium, Follower, Poacher)
}


def make_competitor(spec: Competitor, scenario: Scenario) -> CompetitorAgent:
    """The agent for ``spec``; its vendor index is 1 + its position in the scenario's list."""
    index = 1 + [c.id for c in scenario.competitors].index(spec.id)
    segments = scenario.market.segments
    list_prices = np.array([scenario.product(s.product).list_price for s in segments])
    return STRATEGIES[spec.strategy](spec, index, [s.id for s in segments], list_prices,
                                     scenario.economics.rivals)


def _ordered(values: list[float | str]) -> list[float | str]:
    """Numeric options ascending; other options in the order the scenario lists them."""
    if all(isinstance(v, int | float) for v in values):
        return sorted(values, key=float)
    return list(values)


def _middle(options: list[float | str]) -> float | str:
    return options[(len(options) - 1) // 2]


def _closest_deeper(values: list[float | str], discount: float, depth: int) -> float | str:
    """The discount option closest to ``discount``, then ``depth`` options deeper (clipped)."""
    options = [v for v in _ordered(values) if isinstance(v, int | float)]
    if not options:
        return values[0]
    nearest = min(range(len(options)), key=lambda i: (abs(float(options[i]) - discount), i))
    return options[min(nearest + depth, len(options) - 1)]
