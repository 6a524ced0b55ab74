"""The trainee view as frozen pydantic models: the one thing a player (window, bot, test) sees.

It is a whitelist. Every field is something a rep could know: the company's own figures and
rules, the scenario's public brief, research estimates with their uncertainty, what customers
said, the rep's own results. Hidden truths — customers' preferences, reservation values,
tactics, exact trust, unannounced risks, true demand — have no field here, and
``tests/engine/test_view_models.py`` walks the schema to keep it so.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from game.scenario.economics import Economics
from game.scenario.models import Channel, Company, Fulfilment, Logit, Product, RiskResponse, Targets
from game.scenario.text import Text

Value = float | str
"""One option of a negotiation issue (a number, or a word such as a service level)."""


class _V(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ----------------------------------------------------------------- the public brief


class SegmentBrief(_V):
    id: str
    name: Text
    share: float
    product: str


class MarketBrief(_V):
    customers: int
    logit: Logit  # the buyers' choice model the planning outlook uses (a rule, not a truth)
    segments: tuple[SegmentBrief, ...]


class RivalBrief(_V):
    id: str
    name: Text


class IssueBrief(_V):
    id: str
    name: Text
    values: tuple[Value, ...]


class AccountBrief(_V):
    id: str
    name: Text
    persona: Text
    segment: str
    product: str
    needs: Text
    volume: int
    current_vendor: str | None
    opportunity_round: int
    inherited: bool = False  # already ours when the rep takes over: a contract, no deal to win


class RiskBrief(_V):
    id: str
    kind: str
    name: Text
    warning: Text | None
    target: str | None
    impact: float
    duration_weeks: int
    responses: tuple[RiskResponse, ...]


class ScenarioBrief(_V):
    """What the briefing tells every rep: the company, the market's structure, the rules."""

    id: str
    title: Text
    briefing: Text
    rounds: int
    weeks_per_round: int
    company: Company
    market: MarketBrief
    competitors: tuple[RivalBrief, ...]
    issues: tuple[IssueBrief, ...]
    max_offer_rounds: int
    key_accounts: tuple[AccountBrief, ...]
    risks: tuple[RiskBrief, ...]
    fulfilment: Fulfilment
    targets: Targets
    economics: Economics

    def product(self, pid: str) -> Product:
        return next(p for p in self.company.products if p.id == pid)

    def segment(self, sid: str) -> SegmentBrief:
        return next(s for s in self.market.segments if s.id == sid)

    def account(self, aid: str) -> AccountBrief:
        return next(a for a in self.key_accounts if a.id == aid)

    def risk(self, rid: str) -> RiskBrief:
        return next(r for r in self.risks if r.id == rid)

    def channel(self, cid: str) -> Channel:
        return next(c for c in self.company.channels if c.id == cid)

    @property
    def total_weeks(self) -> int:
        return self.rounds * self.weeks_per_round

    def segment_terms(self, segment: str, discount: float, channel: str) -> tuple[float, float]:
        """Unit price and our margin per unit in ``segment`` at ``discount`` through ``channel``:
        the company's own price book (the rule of ``game.engine.planning.segment_terms``)."""
        product = self.product(self.segment(segment).product)
        price = product.list_price * (1.0 - discount)
        return price, price * (1.0 - self.channel(channel).fee) - product.unit_cost


# ----------------------------------------------------------------- research


class Estimate(_V):
    mean: float | None
    sd: float | None
    n: int | None = None  # sample size, where the method samples customers


class Questionnaire(_V):
    round: int
    price_sensitivity: Estimate
    quality_weight: Estimate
    satisfaction: Estimate
    our_share: Estimate


class DataAnalysis(_V):
    round: int
    our_customers: int
    satisfaction: Estimate
    at_risk_share: Estimate
    revenue_by_round: tuple[float, ...]


class SegmentKnowledge(_V):
    questionnaire: Questionnaire | None = None
    data_analysis: DataAnalysis | None = None


class InterviewResult(_V):
    round: int
    needs: Text
    priorities: dict[str, Estimate]
    deadline: int  # the offers the account will hear before it buys elsewhere (it said so)


class RivalEstimate(_V):
    prices: dict[str, Estimate]
    quality: Estimate


class MarketKnowledge(_V):
    round: int
    competitors: dict[str, RivalEstimate]
    demand: Estimate


class Survey(_V):
    round: int
    mean: float | None
    sd: float | None
    n: int
    accounts: dict[str, float]


class Knowledge(_V):
    segments: dict[str, SegmentKnowledge]
    accounts: dict[str, InterviewResult]
    market: MarketKnowledge | None
    surveys: dict[str, Survey]


# ----------------------------------------------------------------- negotiation


class OfferMade(_V):
    who: Literal["trainee", "customer"]
    offer: dict[str, Value]


class AuthorityRequest(_V):
    discount: float
    granted: bool
    reason: str
    round: int


class ValuePitch(_V):
    """Value the rep presented (CW-30, CW-31) and how the customer took it."""

    aspect: str
    answer_objection: bool
    reply: Literal["interested", "indifferent"]


class Answer(_V):
    """The most precise answer so far on one topic (the fields its topic gives)."""

    quality: Literal["refused", "vague", "truthful"]
    round: int
    times_asked: int
    weights: dict[str, Estimate] | None = None  # priorities
    top_issues: tuple[str, ...] | None = None  # needs
    ideal: dict[str, Value] | None = None  # needs
    deadline_rounds: Estimate | None = None  # timeline
    has_alternative: bool | None = None  # competitors
    discount: Estimate | None = None  # competitors
    max_price_per_unit: Estimate | None = None  # budget


class NegotiationView(_V):
    """One negotiation as the rep sees it, with the rep's own profit on every outcome."""

    account: str
    status: Literal["open", "agreed", "customer_walked", "trainee_walked", "deadline"]
    round: int
    max_rounds: int  # the meeting's public limit; the customer's own deadline is not shown
    trust: float  # as read from the customer's tone, to 0.1
    walk_away_below: float  # the scenario's rule: below this trust the customer ends the talks
    authority: float  # the discount the rep may offer now
    own_authority: float
    manager_authority: float
    issues: dict[str, tuple[Value, ...]]
    offers: tuple[OfferMade, ...]
    customer_last_offer: dict[str, Value] | None
    trainee_last_offer: dict[str, Value] | None
    agreement: dict[str, Value] | None
    questions: tuple[str, ...]
    learned: dict[str, Answer]
    authority_requests: tuple[AuthorityRequest, ...]
    objection: bool = False  # the customer's last counter pushed the price down, not yet answered
    value_presented: tuple[ValuePitch, ...] = ()
    own_profit: tuple[float, ...]  # the company's profit on every outcome, grid order
    standard_terms: dict[str, Value]  # the company's standard terms on every issue but price

    def index_of(self, offer: dict[str, Value]) -> int:
        """Position of ``offer`` in the outcome grid (issues in order, last one fastest)."""
        idx = 0
        for issue, values in self.issues.items():
            idx = idx * len(values) + _position(values, offer[issue])
        return idx

    def offer_at(self, index: int) -> dict[str, Value]:
        out: dict[str, Value] = {}
        for issue, values in reversed(list(self.issues.items())):
            index, k = divmod(index, len(values))
            out[issue] = values[k]
        return dict(reversed(list(out.items())))

    def profit_of(self, offer: dict[str, Value]) -> float:
        """The company's profit (money) on a deal on these terms."""
        return self.own_profit[self.index_of(offer)]


def _position(values: tuple[Value, ...], value: Value) -> int:
    for k, v in enumerate(values):
        if v == value or (isinstance(v, float | int) and isinstance(value, float | int)
                          and abs(float(v) - float(value)) < 1e-9):
            return k
    raise KeyError(f"{value!r} is not one of {list(values)}")


# ----------------------------------------------------------------- accounts, operations, risk


class ContractView(_V):
    terms: dict[str, Value]
    unit_price: float
    units: int
    value: float
    credit_exposure: float
    delivered: float
    advance_payment: float
    late_penalty: float
    receivable: float
    written_off: float
    defaulted: bool
    first_week: int  # deliveries come in equal weekly lots from this week (counted from 1) ...
    end_week: int  # ... to this one; for a contract not yet signed, if it were signed now
    renewals: int


class AccountView(_V):
    id: str
    status: Literal["prospect", "negotiating", "agreed", "won", "lost"]
    segment: str
    product: str
    volume: int
    opportunity_round: int
    current_vendor: str | None
    lost_to: str | None
    interviewed: bool
    credit_checked: bool
    credit_rating: str | None  # known once checked
    satisfaction: float | None  # what regular contact tells the rep of an account it serves
    contract: ContractView | None
    negotiation: NegotiationView | None


class IncidentView(_V):
    id: int
    account: str
    week: int
    status: Literal["open", "expedited", "informed", "late"]
    cause: Literal["logistics", "stock_out"]


class ComplaintView(_V):
    id: int
    account: str
    week: int
    status: Literal["open", "resolved"]
    resolved_week: int | None
    cause: str


class RiskView(_V):
    id: int
    risk: str
    kind: str
    status: Literal["warning", "struck"]
    response: str | None
    responses: tuple[str, ...]
    target: str | None
    strike_week: int | None  # known once it struck
    end_week: int | None
    expected_in_weeks: int | None  # a warning's announced lead time


class PlanView(_V):
    forecast: float | None
    discounts: dict[str, float]
    effort_shares: dict[str, float]
    channels: dict[str, str]


class TargetsSelected(_V):
    segments: tuple[str, ...]
    accounts: tuple[str, ...]


class SegmentFigures(_V):
    customers: int
    revenue: float


class RoundKpis(_V):
    round: int
    revenue: float
    key_account_revenue: float
    profit: float
    margin: float
    market_share: float
    customers: int
    satisfaction: float
    key_account_satisfaction: float | None
    costs: float
    cost_by_kind: dict[str, float]
    lost_sales: float
    expected_credit_loss: float
    waterfall: dict[str, float]
    forecast: float | None
    forecast_error: float | None
    segments: dict[str, SegmentFigures]


class Now(_V):
    revenue: float
    profit: float
    margin: float
    market_share: float
    customers: int
    satisfaction: float


class RushOrder(_V):
    product: str
    units: float
    arrives_week: int


class StockView(_V):
    on_hand: dict[str, float]
    rush: tuple[RushOrder, ...]


class RoundTargets(_V):
    revenue: float
    margin: float
    market_share: float
    customers: float
    satisfaction: float


class DilemmaChoiceView(_V):
    """An answer to a dilemma as the rep sees it: its words, what it does and what it brings now
    (never whether it is proper conduct, never what may follow)."""

    id: str
    label: Text
    act: str  # comply, refuse, report, counter or ignore
    says: Text
    money: float
    effort: float


class DilemmaView(_V):
    """A conduct dilemma that has come up (CW-63)."""

    id: str
    kind: str  # kickback, backdate, overpromise or leaked_price_list
    account: str | None
    situation: Text
    phase: str  # it must be answered before this phase ends
    raised_week: int
    status: Literal["open", "answered", "unanswered"]
    choice: str | None
    choices: tuple[DilemmaChoiceView, ...]


class TraineeView(_V):
    """Everything the trainee may know now. Built once between actions; read-only."""

    brief: ScenarioBrief
    round: int
    week: int
    round_end_week: int
    phase: str
    courseware: tuple[str, ...]
    effort_left: float
    plan: PlanView
    targets_selected: TargetsSelected
    round_targets: RoundTargets
    knowledge: Knowledge
    opportunities: tuple[str, ...]
    accounts: tuple[AccountView, ...]
    incidents: tuple[IncidentView, ...]
    complaints: tuple[ComplaintView, ...]
    risks: tuple[RiskView, ...]
    dilemmas: tuple[DilemmaView, ...]
    now: Now
    stock: StockView
    coverage: dict[str, float]
    kpis: tuple[RoundKpis, ...]
    history: tuple[RoundKpis, ...]
    over: bool

    @property
    def scenario(self) -> str:
        return self.brief.id

    @property
    def rounds(self) -> int:
        return self.brief.rounds

    @property
    def effort_per_round(self) -> float:
        return self.brief.company.effort_per_round

    @property
    def last_figures(self) -> dict[str, SegmentFigures]:
        """Each segment's figures of the last quarter the rep has seen: last round's, else the
        territory's quarter before the rep."""
        known = self.kpis or self.history
        return dict(known[-1].segments) if known else {}

    def account(self, account_id: str) -> AccountView:
        return next(a for a in self.accounts if a.id == account_id)

    def negotiations(self) -> dict[str, NegotiationView]:
        """Every negotiation opened so far, by account."""
        return {a.id: a.negotiation for a in self.accounts if a.negotiation is not None}
