"""The market's many small customers as numpy arrays, stepped one week at a time."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from game.scenario.economics import PopulationService, Retention
from game.scenario.models import Logit, Scenario
from game.sim.logit import sample_logit

NO_VENDOR = -1
_INT16_MAX = int(np.iinfo(np.int16).max)
_MAX_WEEKS = _INT16_MAX
MAX_PURCHASE_SIZE = int(np.iinfo(np.int32).max)
"""The largest purchase a customer can make: sizes are held as int32 (2 more bytes a customer
than int16, whose 32,767 was too small for some markets)."""
_ONE, _TWO_PI = np.float32(1.0), np.float32(2.0 * np.pi)  # typed scalars: cheaper ufunc calls
_FEW_GAPS = 1500  # bernoulli_indices: up to this many gaps per call, numpy's geometric sampler


@dataclass(frozen=True)
class SegmentParams:
    """Per-segment constants the weekly step needs (arrays of length n_segments)."""

    list_price: np.ndarray  # reference price: list price of the segment's product (float64)
    churn_base: np.ndarray  # float32
    churn_slope: np.ndarray  # float32
    churn_threshold: np.ndarray  # float32
    start_satisfaction: np.ndarray  # float32: satisfaction of a customer with a new vendor


@dataclass(slots=True)
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
        # attributes that never change: read-only copies (so their digest can be kept)
        self.segment = _frozen(segment, np.int8)
        self.size = _frozen(size, np.int32)
        self.price_sensitivity = _frozen(price_sensitivity, np.float32)
        self.quality_weight = _frozen(quality_weight, np.float32)
        self.credit_score = _frozen(credit_score, np.float32)
        self.purchase_rate = _frozen(purchase_rate, np.float32)
        self.vendor = np.ascontiguousarray(vendor, dtype=np.int8)
        self.satisfaction = np.ascontiguousarray(satisfaction, dtype=np.float32)
        # weeks with the current vendor: this population's week count minus the relationship's
        # start (see weeks_with_vendor), so only new relationships change it
        self._week = 0
        self._since = -np.asarray(weeks_with_vendor, dtype=np.int32).ravel()
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
            rows = self._since if name == "weeks_with_vendor" else getattr(self, name)
            if len(rows) != n:
                raise ValueError(f"attribute '{name}' has {len(rows)} rows, not {n}")
        if n and (np.any(np.diff(self.segment) < 0) or self.segment.min() < 0):
            raise ValueError("customers must be grouped by segment in ascending segment order")
        if n and self.segment.max() >= self.n_segments:
            raise ValueError("a customer's segment index is beyond the segment parameters")
        if n and (self.vendor.min() < NO_VENDOR or self.vendor.max() >= self.n_vendors):
            raise ValueError(f"vendor indices must lie in -1..{self.n_vendors - 1}")
        self.bounds = np.searchsorted(self.segment, np.arange(self.n_segments + 1))
        self._tables = _CellTables(
            self.n_segments, self.n_vendors, params, self.logit, self.satisfaction_pull
        )
        # derived from ``vendor`` and changed with it (by _set_vendor and _end_relationship
        # only): each customer's cell (segment, vendor or none) in the _CellTables layout and
        # its cell's _CellTables.masks (float32; a 4th row holds ours x satisfaction each week)
        self._cell = self._tables.cell(self.segment, self.vendor)
        self._masks = np.zeros((4, n), dtype=np.float32)
        self._masks[:3] = self._tables.masks.take(self._cell, axis=1)
        # the first customer of each segment that has any, for sums over segments (reduceat)
        self._nonempty = np.flatnonzero(np.diff(self.bounds))
        self._starts = self.bounds[self._nonempty]
        self._max_rate = (self.purchase_rate, float(self.purchase_rate.max(initial=0.0)))
        self._constant_digest: tuple[tuple[np.ndarray, ...], bytes] | None = None
        self.satisfaction_ours = self._ours_by_segment()[1]

    CONSTANT_ARRAYS = (
        "segment",
        "size",
        "price_sensitivity",
        "quality_weight",
        "credit_score",
        "purchase_rate",
    )
    STATE_ARRAYS = ("vendor", "satisfaction", "weeks_with_vendor")
    ARRAYS = CONSTANT_ARRAYS + STATE_ARRAYS

    @property
    def weeks_with_vendor(self) -> np.ndarray:
        """(n,) int16 weeks each customer has been with its vendor (at most 32767; 0 without
        one), counted at the start of each week and reset when a relationship starts."""
        weeks = np.minimum(self._week - self._since, _MAX_WEEKS)
        weeks[self.vendor < 0] = 0
        return weeks.astype(np.int16)

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
            columns["size"].append(np.clip(size, 1, MAX_PURCHASE_SIZE).astype(np.int32))
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

    def digest(self) -> bytes:
        """sha256 over every customer array (the read-only ones hashed once and remembered) and
        our customers' mean satisfaction the next week's referrals use."""
        constant = tuple(getattr(self, name) for name in self.CONSTANT_ARRAYS)
        cached = self._constant_digest
        if cached is None or any(
            a is not b or a.flags.writeable for a, b in zip(constant, cached[0], strict=True)
        ):
            h = hashlib.sha256()
            for a in constant:
                h.update(np.ascontiguousarray(_narrowest(a)))
            cached = self._constant_digest = (constant, h.digest())
        h = hashlib.sha256(cached[1])
        h.update(np.int64(self._week).tobytes())
        for a in (self.vendor, self.satisfaction, self._since, self.satisfaction_ours):
            h.update(np.ascontiguousarray(a))
        return h.digest()

    def nbytes(self) -> int:
        """Bytes held by the population between weeks (customer arrays and segment constants)."""
        held = [getattr(self, name) for name in self.CONSTANT_ARRAYS]
        held += [self.vendor, self.satisfaction, self._since, self._cell, self._masks]
        held += [getattr(self.params, f) for f in ("list_price", "churn_base", "churn_slope",
                                                   "churn_threshold", "start_satisfaction")]
        return sum(a.nbytes for a in held) + self.bounds.nbytes

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

        Only the satisfaction noise is drawn for every customer; needs and churn are drawn by
        thinning (candidates at an upper bound of the probability, then each kept with its own
        probability over the bound), so their cost grows with the buyers and churners only.
        """
        S, K = self.n_segments, self.n_vendors
        prices = np.asarray(prices, dtype=np.float64)
        if prices.shape != (S, K):
            raise ValueError(f"prices must have shape {(S, K)}, got {prices.shape}")
        if churn_multiplier < 0:
            raise ValueError("churn_multiplier must be >= 0")
        reach = _floats(reach, S, "reach")
        if min(reach, default=0.0) < 0:
            raise ValueError("reach must be >= 0")
        t = self._tables

        self._week += 1
        buyers = self._needs(rng, demand)
        cell = self._cell.take(buyers)
        seg, current = t.segment_of.take(cell), t.vendor_of.take(cell)
        Vt = self._utilities(buyers, seg, cell, prices, _per_segment(quality, S, K))
        ret = self.retention
        referral = [ret.referral * (x - ret.reference) for x in self.satisfaction_ours.tolist()]
        bonus = _floats(relationship_bonus, S, "relationship_bonus")
        Vt[0] += t.ours_extra(bonus, reach, referral).take(cell)
        choice = sample_logit(Vt, rng)

        size = self.size.take(buyers)
        bought = choice >= 0
        if np.count_nonzero(bought) < len(bought):
            rows = bought.nonzero()[0]
            buyers, seg, cell, current, size, choice = (
                a.take(rows) for a in (buyers, seg, cell, current, size, choice)
            )
        units = np.bincount(seg * K + choice, weights=size, minlength=S * K).reshape(S, K)

        rows = (choice != current).nonzero()[0]
        moved, new_vendor = buyers.take(rows), choice.take(rows)
        move = cell.take(rows) * K + new_vendor  # (from cell, to vendor) of each switch
        flows = np.bincount(t.flow_of_move.take(move), minlength=3 * S).reshape(S, 3)
        new_ours, lost_ours = flows[:, 0], flows[:, 1]
        new_cell = t.cell_after_move.take(move)
        self._set_vendor(moved, new_vendor, new_cell)
        self.satisfaction[moved] = t.start_satisfaction.take(new_cell)

        self._drift_satisfaction(rng, service_quality)
        churned_ours = self._churn(rng, churn_multiplier)

        ours_count, sat_ours = self._ours_by_segment()
        self.satisfaction_ours = sat_ours
        return WeekFlows(
            units=units,
            revenue=units * prices,
            new_ours=new_ours,
            lost_ours=lost_ours,
            churned_ours=churned_ours,
            ours=ours_count,
            satisfaction_ours=sat_ours,
            buyers=len(bought),
            total_units=float(np.add.reduce(units, axis=None)),
        )

    def _set_vendor(self, rows: np.ndarray, vendor: np.ndarray, cell: np.ndarray) -> None:
        """A new relationship for ``rows``: week 0 with ``vendor``, now in ``cell``."""
        self.vendor[rows] = vendor
        self._since[rows] = self._week
        self._cell[rows] = cell
        masks = self._tables.masks.take(cell, axis=1)
        for mask, values in zip(self._masks[:3], masks, strict=True):
            mask[rows] = values

    def _end_relationship(self, rows: np.ndarray, cell: np.ndarray) -> None:
        """``rows`` are left without a vendor, in (no-vendor) ``cell``."""
        self.vendor[rows] = NO_VENDOR
        self._since[rows] = self._week
        self._cell[rows] = cell
        active, keep, ours = self._masks[:3]  # as in any no-vendor cell
        active[rows] = 0.0
        keep[rows] = 1.0
        ours[rows] = 0.0

    def _needs(self, rng: np.random.Generator, demand: float) -> np.ndarray:
        """Sorted indices of this week's buyers: each has a need with p = min(1, rate x demand)."""
        scale = max(float(demand), 0.0)
        rates, max_rate = self._max_rate
        if rates is not self.purchase_rate or rates.flags.writeable:  # not the rates it was for
            rates = self.purchase_rate
            max_rate = float(rates.max(initial=0.0))
            self._max_rate = (rates, max_rate)
        top = min(1.0, max_rate * scale)  # no customer's p is above it
        candidates = bernoulli_indices(rng, self.n, top)
        if top <= 0.0:
            return candidates
        keep = self.purchase_rate.take(candidates) * np.float32(scale / top)  # p / top
        return candidates[rng.random(len(candidates), dtype=np.float32) < keep]

    def _utilities(
        self,
        buyers: np.ndarray,
        seg: np.ndarray,
        cell: np.ndarray,
        prices: np.ndarray,
        quality: np.ndarray,
    ) -> np.ndarray:
        """(n_vendors, n_buyers) float32 utilities of price, quality and loyalty to the current
        vendor: -price x price_sensitivity x price / list price + quality x quality_weight x
        quality + [current vendor] (relationship + loyalty x (satisfaction - reference))."""
        lg, ret = self.logit, self.retention
        price_term = np.multiply(prices, self._tables.price_coefficient, dtype=np.float32)
        Vt = price_term.T.take(seg, axis=1)
        Vt *= self.price_sensitivity.take(buyers)
        quality_term = np.multiply(quality, lg.quality, dtype=np.float32).T.take(seg, axis=1)
        quality_term *= self.quality_weight.take(buyers)
        Vt += quality_term
        loyalty = self.satisfaction.take(buyers) * np.float32(ret.loyalty)
        loyalty += np.float32(lg.relationship - ret.loyalty * ret.reference)
        loyalty_term = self._tables.is_current.take(cell, axis=1)
        loyalty_term *= loyalty
        Vt += loyalty_term
        return Vt

    def _drift_satisfaction(self, rng: np.random.Generator, service: np.ndarray) -> None:
        """s <- clip(s + pull (level - s) + noise N(0, sd), 0, 1) for customers with a vendor,
        ``level`` being the vendor's service level in the customer's segment."""
        s = self.satisfaction
        active, keep = self._masks[0], self._masks[1]
        step = standard_normal_f32(rng, self.n, self.satisfaction_noise)
        step *= active  # no change without a vendor: no noise, keep 1, pull_toward 0
        pull = self._tables.pull_toward(service, self.satisfaction_pull)
        step += pull.take(self._cell, mode="clip")  # cells are valid: skip the bounds checks
        s *= keep
        s += step
        s.clip(0.0, 1.0, out=s)

    def _churn(self, rng: np.random.Generator, multiplier: float) -> np.ndarray:
        """Customers with a vendor leave with hazard m x (base + slope x max(0, threshold - s)),
        m = ``multiplier`` for ours and 1 for the rest; returns our churners per segment."""
        t, s = self._tables, self.satisfaction
        params, top = t.churn(multiplier, float(np.minimum.reduce(s, initial=1.0)))
        candidates = bernoulli_indices(rng, self.n, top)
        if len(candidates) == 0:
            return np.zeros(self.n_segments, dtype=np.int64)
        cell = self._cell.take(candidates)
        base, slope, hazard = params.take(cell, axis=1)  # hazard: the threshold for now
        hazard -= s.take(candidates)
        np.maximum(hazard, 0.0, out=hazard)
        hazard *= slope
        hazard += base
        gone = rng.random(len(candidates)) * top < hazard
        rows = gone.nonzero()[0]
        left, cell = candidates.take(rows), cell.take(rows)
        self._end_relationship(left, t.no_vendor_cell.take(cell))
        return np.bincount(cell, minlength=t.n_cells)[1 :: t.width]

    def _ours_by_segment(self) -> tuple[np.ndarray, np.ndarray]:
        """(n_segments,) our customers and their mean satisfaction (nan where we have none)."""
        np.multiply(self.satisfaction, self._masks[2], out=self._masks[3])
        # float32 pairwise sums: the counts are exact, the totals good to ~1e-7
        counts, totals = self._segment_sums(self._masks[2:]).tolist()
        mean = [t / c if c else math.nan for t, c in zip(totals, counts, strict=True)]
        return np.array(counts, dtype=np.int64), np.array(mean)

    def _segment_sums(self, values: np.ndarray) -> np.ndarray:
        """(rows, n_segments) sums of ``values`` (rows, n) over each segment's customers."""
        if len(self._nonempty) == self.n_segments:
            return np.add.reduceat(values, self._starts, axis=1)
        sums = np.zeros((len(values), self.n_segments), dtype=values.dtype)
        if len(self._starts):
            sums[:, self._nonempty] = np.add.reduceat(values, self._starts, axis=1)
        return sums


def _floats(values: Sequence[float] | np.ndarray, n: int, name: str) -> list[float]:
    """``values`` as a list of ``n`` floats."""
    if isinstance(values, list):
        out = [float(v) for v in values]
    else:
        out = np.asarray(values, dtype=np.float64).ravel().tolist()
    if len(out) != n:
        raise ValueError(f"{name} needs {n} values, got {len(out)}")
    return out


class _CellTables:
    """Per-cell constants, cell = segment x (n_vendors + 1) + vendor + 1: each segment's block
    of cells starts with 'no vendor' (vendor -1), then us (0) and the competitors."""

    def __init__(
        self,
        n_segments: int,
        n_vendors: int,
        params: SegmentParams,
        logit: Logit,
        satisfaction_pull: np.float32,
    ) -> None:
        self.K = n_vendors
        self.width = width = n_vendors + 1
        self.n_cells = n_segments * width
        self.no_vendor_cell = np.arange(self.n_cells) // width * width
        self.segment_of = np.repeat(np.arange(n_segments), width)
        self.vendor_of = np.tile(np.arange(-1, n_vendors, dtype=np.int8), n_segments)
        # per move = cell x n_vendors + vendor, a customer in ``cell`` starting a relationship
        # with ``vendor``: the new cell, and segment x 3 + (0: new for us, 1: lost by us, 2:
        # between others)
        moves = np.arange(self.n_cells * n_vendors)
        cell, vendor = np.divmod(moves, n_vendors)
        self.cell_after_move = self.no_vendor_cell[cell] + 1 + vendor
        kind = np.where(vendor == 0, 0, np.where(self.vendor_of[cell] == 0, 1, 2))
        self.flow_of_move = self.segment_of[cell] * 3 + kind
        # masks[:, cell]: 1 with a vendor; the share of satisfaction kept in the weekly drift
        # (1 - pull with a vendor, 1 without); 1 if the vendor is us
        self.masks = np.ones((3, n_segments, width), dtype=np.float32)
        self.masks[0, :, 0] = 0.0
        self.masks[1, :, 1:] -= satisfaction_pull
        self.masks[2, :, 0] = 0.0
        self.masks[2, :, 2:] = 0.0
        self.masks = self.masks.reshape(3, -1)
        self.price_coefficient = -logit.price / np.asarray(params.list_price)[:, None]
        # is_current[j, cell]: 1 where vendor j is the cell's vendor
        self.is_current = np.zeros((n_vendors, n_segments, width), dtype=np.float32)
        for j in range(n_vendors):
            self.is_current[j, :, j + 1] = 1.0
        self.is_current = self.is_current.reshape(n_vendors, -1)
        self.start_satisfaction = np.repeat(params.start_satisfaction, width)
        self._pull = np.zeros((n_segments, width), dtype=np.float32)  # column 0 stays 0
        self._pull_cells = self._pull.reshape(-1)  # a view
        # churn hazard parameters (base, slope, threshold): per segment, and per cell (0 without
        # a vendor)
        churn = [np.asarray(a, dtype=np.float64) for a in (
            params.churn_base, params.churn_slope, params.churn_threshold)]
        self._churn_segments = list(zip(*(a.tolist() for a in churn), strict=True))
        self._churn = np.zeros((3, n_segments, width))
        for row, values in enumerate(churn):
            self._churn[row, :, 1:] = values[:, None]
        self._churn = self._churn.reshape(3, -1)

    def cell(self, seg: np.ndarray, vendor: np.ndarray) -> np.ndarray:
        return seg.astype(np.intp) * self.width + 1 + vendor

    def pull_toward(self, service: np.ndarray, pull: np.float32) -> np.ndarray:
        """Per cell: pull x the service level of the cell's vendor in its segment (0 for none).

        ``service``: (n_vendors,) or (n_segments, n_vendors)."""
        np.multiply(service, pull, out=self._pull[:, 1:], casting="same_kind")
        return self._pull_cells

    def ours_extra(
        self, bonus: list[float], reach: list[float], referral: list[float]
    ) -> np.ndarray:
        """Our extra utility per cell: relationship bonus + log(reach) in the segment, plus
        referrals for buyers who are not ours (a nan referral, without customers, counts 0)."""
        out = []
        for b, r, ref in zip(bonus, reach, referral, strict=True):
            ours = b + (math.log(r) if r > 0 else -math.inf)
            others = ours if math.isnan(ref) else ours + ref
            out += [others, ours, *[others] * (self.K - 1)]
        return np.array(out)

    def churn(self, multiplier: float, lowest: float) -> tuple[np.ndarray, float]:
        """(3, n_cells) base, slope and threshold of the hazard, base and slope times
        ``multiplier`` in our cells, and the highest hazard at satisfaction >= ``lowest``."""
        params = self._churn
        if multiplier != 1.0:
            params = params.copy()
            params[:2, 1 :: self.width] *= multiplier
        top = max(max(threshold - lowest, 0.0) * slope + base  # as in _churn, per segment
                  for base, slope, threshold in self._churn_segments)
        return params, min(1.0, top * max(1.0, multiplier))


def _frozen(values: np.ndarray, dtype: type) -> np.ndarray:
    """A read-only copy of ``values`` as ``dtype``."""
    out = np.array(values, dtype=dtype)
    out.flags.writeable = False
    return out


def _per_segment(values: np.ndarray, n_segments: int, n_vendors: int) -> np.ndarray:
    """``values`` of shape (n_vendors,) or (n_segments, n_vendors) as (S, K) float64."""
    shape = (n_segments, n_vendors)
    if isinstance(values, np.ndarray) and values.shape == shape and values.dtype == np.float64:
        return values
    out = np.empty(shape)
    out[...] = values
    return out


def bernoulli_indices(rng: np.random.Generator, n: int, p: float) -> np.ndarray:
    """Sorted indices of the successes among n independent Bernoulli(p) trials.

    Draws the geometric gaps between successes, so the work is proportional to n p rather than
    n: with numpy's sampler for a few gaps (fewer calls), by inversion in bulk for many
    (floor(log U / log(1 - p)) failures; cheaper per gap).
    """
    if n == 0 or p <= 0.0:
        return np.empty(0, dtype=np.intp)
    if p >= 1.0:
        return np.arange(n, dtype=np.intp)
    mean = n * p
    chunk = int(mean + 6.0 * math.sqrt(mean) + 16)  # gaps to draw at once; rarely not enough
    per_failure = 1.0 / math.log1p(-p)
    parts = []
    last = -1
    while True:
        if chunk <= _FEW_GAPS:
            positions = rng.geometric(p, chunk)  # trials up to each success
        else:
            positions = rng.random(chunk)
            np.subtract(1.0, positions, out=positions)  # (0, 1]
            np.log(positions, out=positions)
            positions *= per_failure
            np.floor(positions, out=positions)  # failures before each success
            positions += 1.0
        positions[0] += last
        np.cumsum(positions, out=positions)  # whole numbers, exact in float64 too
        end = int(positions.searchsorted(n))
        parts.append(positions[:end].astype(np.intp, copy=False))
        if end < chunk:
            break
        last = int(positions[-1])
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


def standard_normal_f32(rng: np.random.Generator, n: int, sd: float = 1.0) -> np.ndarray:
    """n independent N(0, sd^2) draws as float32, by the Box-Muller transform of n uniforms.

    About half the cost of ``rng.standard_normal(n, dtype=np.float32)`` (numpy's ziggurat);
    float32 uniforms have 24 bits, so |z| / sd never exceeds sqrt(2 ln 2^24) = 5.77.
    """
    half = (n + 1) // 2
    u = rng.random(2 * half, dtype=np.float32)
    radius, angle = u[:half], u[half:]
    np.subtract(_ONE, radius, out=radius)  # (0, 1]
    np.log(radius, out=radius)
    radius *= np.float32(-2.0 * float(sd) ** 2)
    np.sqrt(radius, out=radius)
    angle *= _TWO_PI
    sine = np.sin(angle)
    np.cos(angle, out=angle)
    angle *= radius
    np.multiply(sine, radius, out=radius)
    return u[:n]


def _narrowest(sizes: np.ndarray) -> np.ndarray:
    """Purchase sizes as hashed: int16 when they all fit (the type sizes had before, so games
    recorded then replay to the same hashes), int32 otherwise."""
    if sizes.dtype == np.int32 and (len(sizes) == 0 or int(sizes.max()) <= _INT16_MAX):
        return sizes.astype(np.int16)
    return sizes
