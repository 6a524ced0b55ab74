"""The market's many small customers as numpy arrays, stepped one week at a time."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.scenario.economics import PopulationService, Retention
from game.scenario.models import Logit, Scenario
from game.sim.logit import choice_probabilities, sample_choices

NO_VENDOR = -1
_MAX_WEEKS = np.iinfo(np.int16).max


@dataclass(frozen=True)
class SegmentParams:
    """Per-segment constants the weekly step needs (arrays of length n_segments)."""

    list_price: np.ndarray  # reference price: list price of the segment's product (float64)
    churn_base: np.ndarray  # float32
    churn_slope: np.ndarray  # float32
    churn_threshold: np.ndarray  # float32
    start_satisfaction: np.ndarray  # float32: satisfaction of a customer with a new vendor


@dataclass(frozen=True)
class WeekFlows:
    """What happened in one week, per segment (rows) and vendor (columns, 0 = us)."""

    units: np.ndarray  # (n_segments, n_vendors) units bought
    revenue: np.ndarray  # (n_segments, n_vendors) units x price
    new_ours: np.ndarray  # (n_segments,) customers who switched to us at a purchase
    lost_ours: np.ndarray  # (n_segments,) our customers who bought from a rival instead
    churned_ours: np.ndarray  # (n_segments,) our customers who left (churn hazard)
    ours: np.ndarray  # (n_segments,) our customers at the end of the week
    satisfaction_ours: np.ndarray  # (n_segments,) their mean satisfaction; nan with none
    buyers: int
    total_units: float


class Population:
    """One row per customer; customers are grouped by segment (segment index ascending)."""

    def __init__(
        self,
        *,
        segment: np.ndarray,
        size: np.ndarray,
        price_sensitivity: np.ndarray,
        quality_weight: np.ndarray,
        credit_score: np.ndarray,
        purchase_rate: np.ndarray,
        vendor: np.ndarray,
        satisfaction: np.ndarray,
        weeks_with_vendor: np.ndarray,
        n_vendors: int,
        params: SegmentParams,
        logit: Logit,
        retention: Retention | None = None,
        service: PopulationService | None = None,
    ) -> None:
        self.segment = np.ascontiguousarray(segment, dtype=np.int8)
        self.size = np.ascontiguousarray(size, dtype=np.int16)
        self.price_sensitivity = np.ascontiguousarray(price_sensitivity, dtype=np.float32)
        self.quality_weight = np.ascontiguousarray(quality_weight, dtype=np.float32)
        self.credit_score = np.ascontiguousarray(credit_score, dtype=np.float32)
        self.purchase_rate = np.ascontiguousarray(purchase_rate, dtype=np.float32)
        self.vendor = np.ascontiguousarray(vendor, dtype=np.int8)
        self.satisfaction = np.ascontiguousarray(satisfaction, dtype=np.float32)
        self.weeks_with_vendor = np.ascontiguousarray(weeks_with_vendor, dtype=np.int16)
        self.n_vendors = int(n_vendors)
        self.params = params
        self.logit = logit
        self.retention = retention or Retention()
        service = service or PopulationService()
        self.satisfaction_pull = np.float32(service.satisfaction_pull)
        self.satisfaction_noise = np.float32(service.satisfaction_noise)
        self.n_segments = len(params.list_price)
        n = len(self.segment)
        for name in self.ARRAYS:
            if len(getattr(self, name)) != n:
                raise ValueError(f"attribute '{name}' has {len(getattr(self, name))} rows, not {n}")
        if n and (np.any(np.diff(self.segment) < 0) or self.segment.min() < 0):
            raise ValueError("customers must be grouped by segment in ascending segment order")
        if n and self.segment.max() >= self.n_segments:
            raise ValueError("a customer's segment index is beyond the segment parameters")
        if n and (self.vendor.min() < NO_VENDOR or self.vendor.max() >= self.n_vendors):
            raise ValueError(f"vendor indices must lie in -1..{self.n_vendors - 1}")
        self.bounds = np.searchsorted(self.segment, np.arange(self.n_segments + 1))
        # index of (segment, vendor) in a flattened (segments x [no vendor, vendors]) table
        self._row = self.segment.astype(np.intp) * (self.n_vendors + 1) + 1
        self.satisfaction_ours = self._mean_satisfaction_ours()

    def _mean_satisfaction_ours(self) -> np.ndarray:
        """(n_segments,) mean satisfaction of our customers; nan where we have none."""
        out = np.full(self.n_segments, np.nan)
        for i in range(self.n_segments):
            lo, hi = self.bounds[i], self.bounds[i + 1]
            ours = self.vendor[lo:hi] == 0
            count = np.count_nonzero(ours)
            if count:
                out[i] = float(self.satisfaction[lo:hi][ours].sum(dtype=np.float64)) / count
        return out

    ARRAYS = (
        "segment",
        "size",
        "price_sensitivity",
        "quality_weight",
        "credit_score",
        "purchase_rate",
        "vendor",
        "satisfaction",
        "weeks_with_vendor",
    )

    @property
    def n(self) -> int:
        return len(self.segment)

    @classmethod
    def from_scenario(cls, scenario: Scenario, rng: np.random.Generator) -> Population:
        """Draw every segment's customers from the scenario's distributions.

        Segment counts are round(share x customers), the remainder going to the largest segment.
        Attributes are drawn segment by segment in a fixed order, then the initial vendor by
        inverse CDF over ['us', competitors in file order] (left-over probability: no vendor).
        """
        market = scenario.market
        segments = market.segments
        counts = [round(s.share * market.customers) for s in segments]
        largest = max(range(len(segments)), key=lambda i: segments[i].share)
        counts[largest] += market.customers - sum(counts)
        vendor_ids = ["us", *(c.id for c in scenario.competitors)]
        columns: dict[str, list[np.ndarray]] = {name: [] for name in cls.ARRAYS}
        start_satisfaction = []
        for index, (seg, n) in enumerate(zip(segments, counts, strict=True)):
            columns["segment"].append(np.full(n, index, dtype=np.int8))
            size = np.rint(seg.size.sample(rng, n))
            columns["size"].append(np.clip(size, 1, _MAX_WEEKS).astype(np.int16))
            columns["price_sensitivity"].append(seg.price_sensitivity.sample(rng, n))
            columns["quality_weight"].append(seg.quality_weight.sample(rng, n))
            columns["credit_score"].append(seg.credit_score.sample(rng, n))
            columns["purchase_rate"].append(seg.purchase_rate.sample(rng, n))
            satisfaction = np.clip(seg.satisfaction.sample(rng, n), 0.0, 1.0)
            columns["satisfaction"].append(satisfaction)
            start_satisfaction.append(float(satisfaction.mean()) if n else 0.5)
            shares = np.array([seg.vendor_shares.get(v, 0.0) for v in vendor_ids])
            cdf = np.cumsum(shares)
            vendor = np.searchsorted(cdf, rng.random(n), side="right")
            vendor[vendor >= len(vendor_ids)] = NO_VENDOR
            columns["vendor"].append(vendor.astype(np.int8))
            columns["weeks_with_vendor"].append(np.zeros(n, dtype=np.int16))
        params = SegmentParams(
            list_price=np.array([scenario.product(s.product).list_price for s in segments]),
            churn_base=np.array([s.churn.base for s in segments], dtype=np.float32),
            churn_slope=np.array([s.churn.slope for s in segments], dtype=np.float32),
            churn_threshold=np.array([s.churn.threshold for s in segments], dtype=np.float32),
            start_satisfaction=np.array(start_satisfaction, dtype=np.float32),
        )
        return cls(
            **{name: np.concatenate(parts) for name, parts in columns.items()},
            n_vendors=len(vendor_ids),
            params=params,
            logit=market.logit,
            retention=scenario.economics.retention,
            service=scenario.economics.service,
        )

    def nbytes(self) -> int:
        """Bytes held by the population between weeks (customer arrays and segment constants)."""
        total = sum(getattr(self, name).nbytes for name in self.ARRAYS)
        total += sum(
            getattr(self.params, f).nbytes
            for f in ("list_price", "churn_base", "churn_slope", "churn_threshold")
        )
        return (total + self.params.start_satisfaction.nbytes + self.bounds.nbytes
                + self._row.nbytes)

    def step_week(
        self,
        rng: np.random.Generator,
        prices: np.ndarray,
        quality: np.ndarray,
        relationship_bonus: np.ndarray,
        reach: np.ndarray,
        demand: float,
        service_quality: np.ndarray,
        churn_multiplier: float,
    ) -> WeekFlows:
        """Needs arise, buyers choose vendors, satisfaction drifts, customers churn.

        ``prices``: (n_segments, n_vendors) absolute unit prices. ``quality``: (n_vendors,) or
        (n_segments, n_vendors). ``relationship_bonus`` and ``reach``: (n_segments,), for us
        (vendor 0) only; a reach of 0 means buyers cannot buy from us (e.g. out of stock).
        ``service_quality``: (n_vendors,) or (n_segments, n_vendors), the level satisfaction is
        pulled to. ``churn_multiplier`` scales the churn hazard of our customers only.

        A buyer's current vendor gets the loyalty utility ``logit.relationship`` plus
        ``retention.loyalty`` per unit of satisfaction above ``retention.reference``; buyers who
        are not ours get ``retention.referral`` times our customers' mean satisfaction above the
        reference in their segment (as it stood at the start of the week).

        A buyer who switches vendor starts the new relationship at week 0 with its segment's mean
        initial satisfaction; a customer who churns is left with no vendor (-1) until a new need.
        """
        S, K, n = self.n_segments, self.n_vendors, self.n
        prices = np.asarray(prices, dtype=np.float64)
        if prices.shape != (S, K):
            raise ValueError(f"prices must have shape {(S, K)}, got {prices.shape}")
        quality = np.broadcast_to(np.asarray(quality, dtype=np.float64), (S, K))
        bonus = np.asarray(relationship_bonus, dtype=np.float64).reshape(S)
        reach = np.asarray(reach, dtype=np.float64).reshape(S)
        service = np.broadcast_to(np.asarray(service_quality, dtype=np.float32), (S, K))
        if churn_multiplier < 0:
            raise ValueError("churn_multiplier must be >= 0")
        if np.any(reach < 0):
            raise ValueError("reach must be >= 0")
        ret = self.retention

        has_vendor = self.vendor >= 0
        np.minimum(self.weeks_with_vendor, _MAX_WEEKS - 1, out=self.weeks_with_vendor)
        self.weeks_with_vendor += has_vendor

        # needs arise: Bernoulli(min(1, rate x demand)); u < 1 makes the min implicit
        u = rng.random(n, dtype=np.float32)
        buyers = np.flatnonzero(u < self.purchase_rate * np.float32(max(demand, 0.0)))
        seg = self.segment[buyers].astype(np.intp)
        current = self.vendor[buyers].astype(np.intp)

        # vendor choice by multinomial logit, for the buyers only (utilities as vendors x buyers)
        lg = self.logit
        rel_price = (prices / self.params.list_price[:, None]).T
        Vt = np.take(rel_price, seg, axis=1)
        Vt *= -lg.price * self.price_sensitivity[buyers].astype(np.float64)
        Vt += np.take(quality.T, seg, axis=1) * (lg.quality * self.quality_weight[buyers])
        referral = np.nan_to_num(self.satisfaction_ours - ret.reference) * ret.referral
        with np.errstate(divide="ignore"):
            ours_extra = bonus + np.log(reach)
        Vt[0] += ours_extra[seg] + np.where(current != 0, referral[seg], 0.0)
        loyal = np.flatnonzero(current >= 0)
        sat_loyal = self.satisfaction[buyers[loyal]].astype(np.float64)
        Vt[current[loyal], loyal] += lg.relationship + ret.loyalty * (sat_loyal - ret.reference)
        choice = sample_choices(choice_probabilities(Vt.T), rng)

        bought = choice >= 0
        units = np.bincount(
            seg[bought] * K + choice[bought],
            weights=self.size[buyers[bought]].astype(np.float64),
            minlength=S * K,
        ).reshape(S, K)

        switch = bought & (choice != current)
        moved = buyers[switch]
        new_vendor = choice[switch]
        new_ours = np.bincount(seg[switch][new_vendor == 0], minlength=S)
        lost_ours = np.bincount(seg[switch][current[switch] == 0], minlength=S)
        self.vendor[moved] = new_vendor
        self.weeks_with_vendor[moved] = 0
        self.satisfaction[moved] = self.params.start_satisfaction[seg[switch]]

        # satisfaction drifts toward the vendor's service level in the customer's segment
        has_vendor = self.vendor >= 0
        table = np.zeros((S, K + 1), dtype=np.float32)  # column 0: no vendor (masked out below)
        table[:, 1:] = service
        s = self.satisfaction
        noise = rng.standard_normal(n, dtype=np.float32)
        pull = table.ravel()[self._row + self.vendor]
        drifted = s + self.satisfaction_pull * (pull - s)
        drifted += self.satisfaction_noise * noise
        np.clip(drifted, 0.0, 1.0, out=drifted)
        np.copyto(s, drifted, where=has_vendor)

        # churn: h = multiplier x (base + slope x max(0, threshold - s)), per segment slice
        u = rng.random(n, dtype=np.float32)
        leave = np.zeros(n, dtype=bool)
        churned_ours = np.zeros(S, dtype=np.int64)
        ours_count = np.zeros(S, dtype=np.int64)
        sat_ours = np.full(S, np.nan)
        p = self.params
        for i in range(S):
            lo, hi = self.bounds[i], self.bounds[i + 1]
            si, vi = s[lo:hi], self.vendor[lo:hi]
            hazard = np.maximum(p.churn_threshold[i] - si, np.float32(0.0))
            hazard *= p.churn_slope[i]
            hazard += p.churn_base[i]
            ours = vi == 0
            if churn_multiplier != 1.0:
                np.multiply(hazard, np.float32(churn_multiplier), out=hazard, where=ours)
            gone = (u[lo:hi] < hazard) & (vi >= 0)
            leave[lo:hi] = gone
            churned_ours[i] = np.count_nonzero(gone & ours)
            ours &= ~gone
            ours_count[i] = np.count_nonzero(ours)
            if ours_count[i]:
                sat_ours[i] = float((si * ours).sum(dtype=np.float64)) / ours_count[i]
        self.vendor[leave] = NO_VENDOR
        self.weeks_with_vendor[leave] = 0
        self.satisfaction_ours = sat_ours

        return WeekFlows(
            units=units,
            revenue=units * prices,
            new_ours=new_ours,
            lost_ours=lost_ours,
            churned_ours=churned_ours,
            ours=ours_count,
            satisfaction_ours=sat_ours,
            buyers=int(len(buyers)),
            total_units=float(units.sum()),
        )
