"""Scenario format v1: the pydantic models a scenario YAML file is validated against.

Every model forbids unknown keys. Cross-references (a key account naming a segment, a
competitor, a product) are checked in ``Scenario._references`` so the loader can point at the
offending line.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from game.scenario.distributions import Distribution
from game.scenario.text import Text

Id = str  # lower-case id: letters, digits, '-' and '_'
ID_PATTERN = r"^[a-z][a-z0-9_-]{0,39}$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------- company


class Product(Strict):
    id: Id = Field(pattern=ID_PATTERN, description="Product id, referenced by segments and key accounts.")
    name: Text
    unit_cost: float = Field(gt=0, description="What one unit costs the company (单位成本).")
    list_price: float = Field(gt=0, description="Price per unit before discount (标价).")
    quality: float = Field(ge=0, le=1, description="Perceived quality 0..1 (质量).")

    @model_validator(mode="after")
    def _price_above_cost(self) -> Product:
        if self.list_price <= self.unit_cost:
            raise ValueError("list_price must be above unit_cost, or every sale loses money")
        return self


class ResearchMethod(Strict):
    """One of CW-11's four needs-analysis methods: what it costs and how precise it is."""

    effort: float = Field(ge=0, description="Effort days it takes from the round's budget.")
    cost: float = Field(0, ge=0, description="Money it costs (subtracted from margin).")
    sample: int = Field(50, ge=1, description="Respondents / records it draws (questionnaire, data analysis).")
    noise: float = Field(ge=0, le=1, description="Relative measurement noise of what it reveals.")


class Research(Strict):
    questionnaire: ResearchMethod = ResearchMethod(effort=1, cost=3000, sample=60, noise=0.25)
    interview: ResearchMethod = ResearchMethod(effort=2, cost=500, sample=1, noise=0.05)
    market_research: ResearchMethod = ResearchMethod(effort=3, cost=8000, sample=1, noise=0.08)
    data_analysis: ResearchMethod = ResearchMethod(effort=2, cost=0, sample=400, noise=0.1)


class Channel(Strict):
    id: Id = Field(pattern=ID_PATTERN)
    name: Text
    fee: float = Field(0, ge=0, lt=1, description="Share of the price the channel keeps.")
    reach: float = Field(1, gt=0, le=1, description="Share of buyers who consider us through it.")


class Company(Strict):
    name: Text
    products: list[Product] = Field(min_length=1)
    discount_authority: float = Field(
        ge=0, lt=1, description="Largest discount off list the rep may give alone (CW-32)."
    )
    manager_authority: float = Field(
        ge=0, lt=1, description="Largest discount the manager can approve on request (CW-32)."
    )
    effort_per_round: float = Field(gt=0, description="Effort days the rep has each round.")
    service_capacity: float = Field(
        gt=0, description="Service tickets the team can close per week (CW-41)."
    )
    channels: list[Channel] = Field(min_length=1)
    delivery_cost: dict[int, float] = Field(
        default_factory=lambda: {2: 40.0, 4: 15.0, 6: 5.0, 8: 0.0},
        description="Extra cost per unit for delivery within N weeks (key-account deals).",
    )
    service_cost: dict[str, float] = Field(
        default_factory=lambda: {"basic": 0.0, "standard": 20.0, "premium": 55.0},
        description="Cost per unit of each service level.",
    )
    credit_rate: float = Field(0.08, ge=0, le=1, description="Yearly cost of money for payment terms.")
    research: Research = Research()

    @model_validator(mode="after")
    def _authority_order(self) -> Company:
        if self.manager_authority < self.discount_authority:
            raise ValueError("manager_authority must be at least discount_authority")
        return self


# --------------------------------------------------------------------------- market


class Demand(Strict):
    """AR(1) demand index: x[t] = mean + phi*(x[t-1]-mean) + sigma*eps."""

    mean: float = Field(1.0, gt=0)
    phi: float = Field(ge=0, lt=1, description="Week-to-week persistence.")
    sigma: float = Field(ge=0, description="Weekly shock size.")


class Logit(Strict):
    """Vendor choice: V = -price*rel_price*sensitivity + quality*q*weight + relationship*[current vendor]."""

    price: float = Field(4.0, ge=0)
    quality: float = Field(2.0, ge=0)
    relationship: float = Field(1.0, ge=0)


class Churn(Strict):
    base: float = Field(0.002, ge=0, le=1, description="Weekly churn hazard of a satisfied customer.")
    threshold: float = Field(0.45, ge=0, le=1, description="Satisfaction below which churn rises.")
    slope: float = Field(0.08, ge=0, le=1, description="Extra weekly hazard per unit below threshold.")


class Segment(Strict):
    id: Id = Field(pattern=ID_PATTERN)
    name: Text
    share: float = Field(gt=0, le=1, description="Share of the market's customers in this segment.")
    product: Id = Field(description="The product this segment buys.")
    size: Distribution = Field(description="Units bought per purchase.")
    price_sensitivity: Distribution
    quality_weight: Distribution
    credit_score: Distribution = Field(description="0..1, higher is safer.")
    purchase_rate: Distribution = Field(description="Chance per week that a need arises.")
    satisfaction: Distribution = Field(description="Initial satisfaction 0..1 with the current vendor.")
    vendor_shares: dict[Id, float] = Field(
        description="Initial share of customers per vendor: 'us' or a competitor id."
    )
    churn: Churn = Churn()


class Market(Strict):
    customers: int = Field(ge=10, le=1_000_000)
    demand: Demand
    logit: Logit = Logit()
    segments: list[Segment] = Field(min_length=1)

    @model_validator(mode="after")
    def _shares_sum_to_one(self) -> Market:
        total = sum(s.share for s in self.segments)
        if abs(total - 1) > 1e-6:
            raise ValueError(f"segment shares must add up to 1 (they add up to {total:g})")
        return self


StrategyKind = Literal["price_leader", "premium", "follower", "poacher"]


class Competitor(Strict):
    id: Id = Field(pattern=ID_PATTERN)
    name: Text
    strategy: StrategyKind
    quality: float = Field(ge=0, le=1)
    price_index: float = Field(gt=0, description="Starting price as a multiple of our list price.")
    cost_index: float = Field(0.7, gt=0, description="Their unit cost as a multiple of our list price.")
    reprice_every_weeks: int = Field(4, ge=1)
    aggressiveness: float = Field(0.5, ge=0, le=1)


# --------------------------------------------------------------------------- negotiation


class NegotiationIssue(Strict):
    """One issue on the table. ``price`` values are discounts off list; others are plain values."""

    id: Literal["price", "volume", "delivery_weeks", "payment_days", "service", "training"]
    name: Text
    values: list[float | str] = Field(min_length=2, max_length=12)


class Negotiation(Strict):
    max_rounds: int = Field(12, ge=2, le=50, description="Offers each side may make before the deadline.")
    issues: list[NegotiationIssue] = Field(min_length=1, max_length=6)

    @model_validator(mode="after")
    def _space_size(self) -> Negotiation:
        ids = [i.id for i in self.issues]
        if len(set(ids)) != len(ids):
            raise ValueError("each negotiation issue may appear once")
        if "price" not in ids:
            raise ValueError("the negotiation needs a 'price' issue")
        size = 1
        for issue in self.issues:
            size *= len(issue.values)
        if size > 10_000:
            raise ValueError(f"the outcome space has {size} outcomes; keep it at most 10000")
        return self


class Tactic(Strict):
    kind: Literal["boulware", "linear", "conceder", "tit_for_tat"]
    beta: float = Field(1.0, gt=0, le=20, description="Concession shape: <1 Boulware, 1 linear, >1 Conceder.")


class Preferences(Strict):
    """The key account's hidden truth for negotiation."""

    weights: dict[str, float] = Field(description="Issue id -> importance; normalised to sum 1.")
    values: dict[str, list[float]] = Field(
        default_factory=dict,
        description="Issue id -> value 0..1 of each option, in the order of the issue's values.",
    )
    reservation: float = Field(ge=0, lt=1, description="Utility floor below which they walk away.")


class KeyAccount(Strict):
    id: Id = Field(pattern=ID_PATTERN)
    name: Text
    persona: Text
    segment: Id
    product: Id
    needs: Text
    volume: int = Field(gt=0, description="Units per year they buy in total.")
    current_vendor: Id | None = Field(None, description="Competitor id, or none.")
    credit_rating: Literal["AAA", "AA", "A", "BBB", "BB", "B", "CCC"]
    opportunity_round: int = Field(ge=1, description="Round in which their deal is on the table.")
    tactic: Tactic
    deadline: int = Field(ge=2, le=50, description="Offers before they stop negotiating.")
    trust: float = Field(0.5, ge=0, le=1)
    preferences: Preferences
    satisfaction: float = Field(0.6, ge=0, le=1)


# --------------------------------------------------------------------------- risk, targets


RiskKind = Literal[
    "demand_shock", "price_war", "credit_default", "churn_wave", "staff_loss", "supply_delay"
]


class RiskResponse(Strict):
    id: Id = Field(pattern=ID_PATTERN)
    label: Text
    effort: float = Field(0, ge=0)
    cost: float = Field(0, ge=0)
    mitigation: float = Field(ge=0, le=1, description="Share of the impact it removes.")


class Risk(Strict):
    id: Id = Field(pattern=ID_PATTERN)
    kind: RiskKind
    name: Text
    hazard_per_week: float = Field(gt=0, le=1)
    impact: float = Field(gt=0, le=1, description="Size of the hit, 0..1; meaning by kind.")
    duration_weeks: int = Field(4, ge=1)
    warning_weeks: int = Field(0, ge=0, description="Weeks of early warning (0: none).")
    warning: Text | None = None
    target: Id | None = Field(None, description="Competitor (price war) or key account (credit default).")
    responses: list[RiskResponse] = Field(min_length=1)
    max_times: int = Field(1, ge=1, description="How often it can strike in one game.")


class Targets(Strict):
    revenue: float = Field(gt=0, description="Revenue over the whole game (销售额).")
    margin: float = Field(ge=-1, le=1, description="Gross margin ratio (毛利率).")
    market_share: float = Field(ge=0, le=1, description="Share of units at the end (市场份额).")
    customers: int = Field(ge=0, description="Customers at the end (客户数量).")
    satisfaction: float = Field(ge=0, le=1, description="Mean satisfaction at the end (客户满意度).")


class Fulfilment(Strict):
    incident_rate: float = Field(0.04, ge=0, le=1, description="Chance per contract-week of a logistics incident.")
    expedite_cost: float = Field(3000, ge=0)
    late_penalty: float = Field(0.02, ge=0, le=1, description="Share of a delivery's value paid when late.")
    ticket_rate: float = Field(0.002, ge=0, le=1, description="Tickets per customer per week.")
    complaint_rate: float = Field(0.03, ge=0, le=1, description="Chance per key account per week of a complaint.")


# --------------------------------------------------------------------------- the scenario


class Scenario(Strict):
    format: Literal[1] = 1
    id: Id = Field(pattern=ID_PATTERN)
    title: Text
    briefing: Text
    courseware: list[str] = Field(default_factory=list, description="CW ids this scenario trains.")
    seed: int = Field(ge=0, lt=2**63)
    rounds: int = Field(ge=1, le=12)
    weeks_per_round: int = Field(ge=1, le=26)
    company: Company
    market: Market
    competitors: list[Competitor] = Field(min_length=1, max_length=8)
    negotiation: Negotiation
    key_accounts: list[KeyAccount] = Field(default_factory=list)
    risks: list[Risk] = Field(default_factory=list)
    fulfilment: Fulfilment = Fulfilment()
    targets: Targets

    @model_validator(mode="after")
    def _references(self) -> Scenario:
        check_references(self)
        return self

    def product(self, pid: str) -> Product:
        return next(p for p in self.company.products if p.id == pid)

    def segment(self, sid: str) -> Segment:
        return next(s for s in self.market.segments if s.id == sid)


class ReferenceError_(ValueError):
    """A dangling reference, with the location (tuple of keys/indices) of the offending value."""

    def __init__(self, loc: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.loc = loc


def _unique(items: list, what: str, loc: tuple[str | int, ...]) -> set[str]:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.id in seen:
            raise ReferenceError_((*loc, i, "id"), f"{what} id '{item.id}' is used twice")
        seen.add(item.id)
    return seen


def check_references(s: Scenario) -> None:
    """Raise ReferenceError_ for the first dangling or duplicate id."""
    products = _unique(s.company.products, "product", ("company", "products"))
    _unique(s.company.channels, "channel", ("company", "channels"))
    segments = _unique(s.market.segments, "segment", ("market", "segments"))
    competitors = _unique(s.competitors, "competitor", ("competitors",))
    accounts = _unique(s.key_accounts, "key account", ("key_accounts",))
    _unique(s.risks, "risk", ("risks",))
    vendors = competitors | {"us"}
    issue_sizes = {i.id: len(i.values) for i in s.negotiation.issues}
    for i, seg in enumerate(s.market.segments):
        loc = ("market", "segments", i)
        if seg.product not in products:
            raise ReferenceError_((*loc, "product"), _unknown("product", seg.product, products))
        for vendor in seg.vendor_shares:
            if vendor not in vendors:
                raise ReferenceError_((*loc, "vendor_shares", vendor), _unknown("vendor", vendor, vendors))
        total = sum(seg.vendor_shares.values())
        if total > 1 + 1e-6 or any(v < 0 for v in seg.vendor_shares.values()):
            raise ReferenceError_(
                (*loc, "vendor_shares"),
                f"vendor shares must be >= 0 and add up to at most 1 (they add up to {total:g})",
            )
    for i, ka in enumerate(s.key_accounts):
        loc = ("key_accounts", i)
        if ka.segment not in segments:
            raise ReferenceError_((*loc, "segment"), _unknown("segment", ka.segment, segments))
        if ka.product not in products:
            raise ReferenceError_((*loc, "product"), _unknown("product", ka.product, products))
        if ka.current_vendor is not None and ka.current_vendor not in competitors:
            raise ReferenceError_(
                (*loc, "current_vendor"), _unknown("competitor", ka.current_vendor, competitors)
            )
        if ka.opportunity_round > s.rounds:
            raise ReferenceError_(
                (*loc, "opportunity_round"),
                f"opportunity_round {ka.opportunity_round} is after the last round ({s.rounds})",
            )
        for issue in ka.preferences.weights:
            if issue not in issue_sizes:
                raise ReferenceError_(
                    (*loc, "preferences", "weights", issue), _unknown("issue", issue, set(issue_sizes))
                )
        for issue, w in ka.preferences.weights.items():
            if w < 0:
                raise ReferenceError_(
                    (*loc, "preferences", "weights", issue), f"weight of '{issue}' must be >= 0"
                )
        if sum(ka.preferences.weights.values()) <= 0:
            raise ReferenceError_((*loc, "preferences", "weights"), "at least one weight must be > 0")
        for issue, table in ka.preferences.values.items():
            if issue not in issue_sizes:
                raise ReferenceError_(
                    (*loc, "preferences", "values", issue), _unknown("issue", issue, set(issue_sizes))
                )
            if len(table) != issue_sizes[issue]:
                raise ReferenceError_(
                    (*loc, "preferences", "values", issue),
                    f"'{issue}' has {issue_sizes[issue]} options, so it needs {issue_sizes[issue]} values (got {len(table)})",
                )
    for i, risk in enumerate(s.risks):
        if risk.target is None:
            continue
        pool = competitors if risk.kind == "price_war" else accounts
        if risk.target not in pool:
            what = "competitor" if risk.kind == "price_war" else "key account"
            raise ReferenceError_(("risks", i, "target"), _unknown(what, risk.target, pool))


def _unknown(what: str, value: str, known: set[str]) -> str:
    return f"unknown {what} '{value}' (known: {', '.join(sorted(known)) or 'none'})"
