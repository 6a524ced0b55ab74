"""The weekly market: customer population, competitor agents and demand index stepped together."""

from __future__ import annotations

import hashlib
import math
from collections import deque
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from game.scenario.models import Scenario
from game.sim.competitors import CompetitorAgent, PublicFigures, make_competitor
from game.sim.demand import DemandIndex
from game.sim.population import Population, WeekFlows
from game.sim.rng import stream


@dataclass
class OurPolicy:
    """What the trainee's company does this week, per segment in scenario order."""

    prices: list[float]  # absolute unit prices
    relationship_bonus: list[float]  # extra utility from our effort in the segment
    reach: list[float]  # share of buyers who consider us, 0..1
    channel_fee: list[float]  # share of the price the channel keeps
    service_quality: float | list[float]  # 0..1, the level our customers' satisfaction is
    # pulled toward: one for every segment, or one value per segment in scenario order


@dataclass
class MarketEffects:
    """Outside influences on one week (risk events); the defaults change nothing."""

    demand_multiplier: float = 1.0
    churn_multiplier: float = 1.0
    competitor_price_multipliers: dict[str, float] = field(default_factory=dict)


@dataclass(slots=True)
class SegmentWeek:
    market_units: float
    our_units: float
    our_revenue: float
    our_cogs: float
    channel_fees: float
    our_customers: int
    new_customers: int  # switched to us at a purchase
    churned_customers: int  # left us for no vendor (churn hazard)
    lost_customers: int  # bought from a rival instead of us
    our_satisfaction: float | None  # mean over our customers; None without customers
    prices: dict[str, float]  # vendor id -> unit price this week


@dataclass(slots=True)
class WeekTotals:
    revenue: float
    cogs: float
    fees: float
    our_units: float
    market_units: float
    market_share: float  # our units / all units this week (0 when nothing sold)
    our_customers: int
    satisfaction: float | None  # customer-weighted mean; None without customers


@dataclass(slots=True)
class WeekReport:
    """One simulated week in plain Python values (JSON-able through ``to_dict``)."""

    week: int
    demand_index: float  # the demand multiplier applied to purchase rates this week
    segments: dict[str, SegmentWeek]
    totals: WeekTotals

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    # shortcuts to the week's totals (not part of to_dict)
    @property
    def revenue(self) -> float:
        return self.totals.revenue

    @property
    def cogs(self) -> float:
        return self.totals.cogs

    @property
    def fees(self) -> float:
        return self.totals.fees

    @property
    def our_units(self) -> float:
        return self.totals.our_units

    @property
    def market_units(self) -> float:
        return self.totals.market_units

    @property
    def market_share(self) -> float:
        return self.totals.market_share

    @property
    def customers(self) -> int:
        return self.totals.our_customers

    @property
    def satisfaction(self) -> float | None:
        return self.totals.satisfaction

    @property
    def demand(self) -> float:
        return self.demand_index


class Market:
    """Population, competitors and demand for one scenario, advanced one week at a time."""

    def __init__(
        self,
        scenario: Scenario,
        population: Population,
        competitors: list[CompetitorAgent],
        demand: DemandIndex,
        rngs: dict[str, np.random.Generator],
    ) -> None:
        self.scenario = scenario
        self.population = population
        self.competitors = competitors
        self.demand = demand
        self.rngs = rngs
        self.week = 0
        segments = scenario.market.segments
        self.segment_ids = [s.id for s in segments]
        self.vendor_ids = ["us", *(c.id for c in competitors)]
        products = [scenario.product(s.product) for s in segments]
        self.list_prices = np.array([p.list_price for p in products])
        self.unit_costs = np.array([p.unit_cost for p in products])
        self.our_quality = np.array([p.quality for p in products])
        self.our_prices = self.list_prices.copy()
        shape = (len(self.segment_ids), len(self.vendor_ids))
        window = scenario.economics.rivals.public_weeks  # the weeks public figures cover
        self.recent_units: deque[np.ndarray] = deque(maxlen=window)
        self._empty_units = np.zeros(shape)
        self._week_prices: np.ndarray | None = None  # what every vendor charged last week

    @classmethod
    def from_scenario(cls, scenario: Scenario) -> Market:
        """One named random stream per subsystem, so e.g. adding a competitor leaves the
        population's draws unchanged."""
        rngs = {
            name: stream(scenario.seed, name) for name in ("population", "competitors", "demand")
        }
        population = Population.from_scenario(scenario, rngs["population"])
        competitors = [make_competitor(c, scenario) for c in scenario.competitors]
        demand = DemandIndex.from_scenario(scenario.market.demand)
        return cls(scenario, population, competitors, demand, rngs)

    # ------------------------------------------------------------------ views

    def default_policy(self) -> OurPolicy:
        """List prices, no extra effort, the scenario's first channel, and a service level equal
        to our customers' mean satisfaction (so it neither lifts nor lowers it)."""
        channel = self.scenario.company.channels[0]
        n = len(self.segment_ids)
        pop = self.population
        ours = pop.vendor == 0
        service = float(pop.satisfaction[ours].mean()) if ours.any() else 0.5
        return OurPolicy(
            prices=[float(p) for p in self.list_prices],
            relationship_bonus=[0.0] * n,
            reach=[float(channel.reach)] * n,
            channel_fee=[float(channel.fee)] * n,
            service_quality=service,
        )

    def current_prices(self) -> np.ndarray:
        """(n_segments, n_vendors) prices: ours as last set, the competitors' as they stand."""
        prices = np.empty((len(self.segment_ids), len(self.vendor_ids)))
        prices[:, 0] = self.our_prices
        for agent in self.competitors:
            prices[:, agent.index] = agent.prices
        return prices

    def public_figures(self) -> PublicFigures:
        """Units over the last ``economics.rivals.public_weeks`` weeks, the prices of the last week (current
        prices before the first), last demand index."""
        units = sum(self.recent_units, self._empty_units.copy())
        prices = self.current_prices() if self._week_prices is None else self._week_prices.copy()
        return PublicFigures(
            week=self.week - 1, units=units, prices=prices, demand_index=self.demand.value
        )

    def demand_level(self) -> float:
        """The demand index as last stepped (its mean before the first week), shocks included."""
        return self.demand.value

    def customers_of_us(self) -> int:
        return int(np.count_nonzero(self.population.vendor == 0))

    def state_hash(self) -> str:
        """sha256 of everything the next weeks depend on, to find where two replays diverge.

        The customers' constant attributes are read-only arrays hashed once (see
        ``Population.digest``); what changes is hashed every call.
        """
        h = hashlib.sha256()
        h.update(np.int64(self.week).tobytes())
        h.update(self.population.digest())
        for agent in self.competitors:
            for part in agent.memory():
                h.update(np.ascontiguousarray(part, dtype=np.float64).tobytes())
        x, shocks = self.demand.state()
        h.update(np.array([x, *(v for s in shocks for v in s)], dtype=np.float64).tobytes())
        h.update(self.our_prices.tobytes())
        if self._week_prices is not None:
            h.update(self._week_prices.tobytes())
        for units in self.recent_units:
            h.update(units.tobytes())
        for name in sorted(self.rngs):
            h.update(repr((name, self.rngs[name].bit_generator.state)).encode())
        return h.hexdigest()

    # ------------------------------------------------------------------ the week

    def step_week(self, policy: OurPolicy, effects: MarketEffects | None = None) -> WeekReport:
        """Competitors reprice (on their cadence), demand moves, customers buy and churn."""
        effects = effects or MarketEffects()
        n_seg = len(self.segment_ids)
        for name in ("prices", "relationship_bonus", "reach", "channel_fee"):
            if len(getattr(policy, name)) != n_seg:
                raise ValueError(f"policy.{name} needs one value per segment ({n_seg})")
        multipliers = effects.competitor_price_multipliers
        if multipliers:
            unknown = set(multipliers) - set(self.vendor_ids[1:])
            if unknown:
                raise ValueError(f"price multipliers for unknown competitors: {sorted(unknown)}")

        public = self.public_figures()
        for agent in self.competitors:
            agent.reprice(self.week, public, self.rngs["competitors"])
            multiplier = multipliers.get(agent.id)
            if multiplier is None:
                agent.end_price_war()
            else:
                agent.apply_price_war(multiplier)
        demand = self.demand.step(self.rngs["demand"]) * effects.demand_multiplier

        self.our_prices = np.array(policy.prices, dtype=np.float64)
        prices = self.current_prices()
        rivals = [c.quality for c in self.competitors]
        quality = np.empty(prices.shape)
        quality[:, 0] = self.our_quality
        quality[:, 1:] = rivals
        service = np.empty(prices.shape)
        service[:, 0] = policy.service_quality
        service[:, 1:] = rivals
        flows = self.population.step_week(
            self.rngs["population"],
            prices=prices,
            quality=quality,
            relationship_bonus=policy.relationship_bonus,
            reach=policy.reach,
            demand=demand,
            service_quality=service,
            churn_multiplier=effects.churn_multiplier,
        )
        self.recent_units.append(flows.units)
        self._week_prices = prices
        report = self._report(flows, prices, policy.channel_fee, float(demand))
        self.week += 1
        return report

    def _report(
        self, flows: WeekFlows, prices: np.ndarray, channel_fee: list[float], demand: float
    ) -> WeekReport:
        """The week in plain Python values, per segment and in total."""
        segments: dict[str, SegmentWeek] = {}
        revenue_total = cogs_total = fees_total = our_units = satisfaction = 0.0
        customers = 0
        for sid, units, revenue, cost, fee, ours, new, churned, lost, sat, row in zip(
            self.segment_ids,
            flows.units.tolist(),
            flows.revenue[:, 0].tolist(),
            self.unit_costs.tolist(),
            channel_fee,
            flows.ours.tolist(),
            flows.new_ours.tolist(),
            flows.churned_ours.tolist(),
            flows.lost_ours.tolist(),
            flows.satisfaction_ours.tolist(),
            prices.tolist(),
            strict=True,
        ):
            cogs, fees = units[0] * cost, revenue * fee
            segments[sid] = SegmentWeek(
                market_units=sum(units),
                our_units=units[0],
                our_revenue=revenue,
                our_cogs=cogs,
                channel_fees=fees,
                our_customers=ours,
                new_customers=new,
                churned_customers=churned,
                lost_customers=lost,
                our_satisfaction=None if math.isnan(sat) else sat,
                prices=dict(zip(self.vendor_ids, row, strict=True)),
            )
            revenue_total += revenue
            cogs_total += cogs
            fees_total += fees
            our_units += units[0]
            customers += ours
            if ours:
                satisfaction += sat * ours
        totals = WeekTotals(
            revenue=revenue_total,
            cogs=cogs_total,
            fees=fees_total,
            our_units=our_units,
            market_units=flows.total_units,
            market_share=our_units / flows.total_units if flows.total_units > 0 else 0.0,
            our_customers=customers,
            satisfaction=satisfaction / customers if customers else None,
        )
        return WeekReport(week=self.week, demand_index=demand, segments=segments, totals=totals)
