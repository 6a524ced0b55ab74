"""Scenario format v1: the pydantic models a scenario YAML file is validated against.

Every model forbids unknown keys. Cross-references (a key account naming a segment, a
competitor, a product) are checked in ``Scenario._references`` so the loader can point at the
offending line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from game.scenario.dilemmas import Dilemma
from game.scenario.distributions import Distribution
from game.scenario.economics import Economics
from game.scenario.errors import RuleBroken
from game.scenario.messages import Msg, joined, msg
from game.scenario.option_values import option_index
from game.scenario.persona import Persona
from game.scenario.text import Text

Id = str  # lower-case id: letters, digits, '-' and '_'
ID_PATTERN = r"^[a-z][a-z0-9_-]{0,39}$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------- company

_TEXT_EXAMPLE = {"en": "Business notebook", "zh": "商用笔记本"}


class Product(Strict):
    """Something the company sells (CW-04 products)."""

    id: Id = Field(
        pattern=ID_PATTERN,
        description="Product id 产品编号 — referenced by segments and key accounts.",
        examples=["notebook"],
    )
    name: Text = Field(
        description="Product name 产品名称 — as the trainee reads it.", examples=[_TEXT_EXAMPLE]
    )
    unit_cost: float = Field(
        gt=0,
        description="Unit cost 单位成本 — what one unit costs the company.",
        examples=[520],
    )
    list_price: float = Field(
        gt=0,
        description="List price 标价 — price per unit before any discount; above the unit cost.",
        examples=[800],
    )
    quality: float = Field(
        ge=0,
        le=1,
        description="Quality 质量 — perceived quality 0..1, compared with the competitors'.",
        examples=[0.72],
    )
    measure: str = Field(
        "台",
        min_length=1,
        max_length=2,
        description="Measure word 量词 — the Chinese measure word the game counts this product in (台 for machines, 把 for chairs, 套 for sets, 箱 for cases ...).",
        examples=["台"],
    )

    @model_validator(mode="after")
    def _price_above_cost(self) -> Product:
        if self.list_price <= self.unit_cost:
            raise RuleBroken(msg("E106.price_below_cost"))
        return self


class ResearchMethod(Strict):
    """One of CW-11's four needs-analysis methods: what it costs and how precise it is."""

    effort: float = Field(
        ge=0,
        description="Effort 工作量 — effort days it takes from the round's budget.",
        examples=[1],
    )
    cost: float = Field(
        0.0,
        ge=0,
        description="Cost 费用 — money it costs (subtracted from margin).",
        examples=[3000],
    )
    sample: int = Field(
        50,
        ge=1,
        description="Sample 样本量 — respondents / records it draws (questionnaire, data analysis).",
        examples=[60],
    )
    noise: float = Field(
        ge=0,
        le=1,
        description="Noise 误差 — relative measurement noise of what it reveals, 0..1.",
        examples=[0.25],
    )


class Research(Strict):
    """Cost and precision of the four needs-analysis methods (CW-11)."""

    questionnaire: ResearchMethod = Field(
        ResearchMethod(effort=1, cost=3000, sample=60, noise=0.25),
        description="Questionnaire 问卷调查 — cheap, broad and noisy; one segment.",
        examples=[{"effort": 1, "cost": 3000, "sample": 60, "noise": 0.25}],
    )
    interview: ResearchMethod = Field(
        ResearchMethod(effort=2, cost=500, sample=1, noise=0.05),
        description="Interview 访谈 — one key account, precise.",
        examples=[{"effort": 2, "cost": 500, "sample": 1, "noise": 0.05}],
    )
    market_research: ResearchMethod = Field(
        ResearchMethod(effort=3, cost=8000, sample=1, noise=0.08),
        description="Market research 市场调研 — competitors' prices and the demand trend.",
        examples=[{"effort": 3, "cost": 8000, "sample": 1, "noise": 0.08}],
    )
    data_analysis: ResearchMethod = Field(
        ResearchMethod(effort=2, cost=0, sample=400, noise=0.1),
        description="Data analysis 数据分析 — CRM history: churn and satisfaction signals.",
        examples=[{"effort": 2, "cost": 0, "sample": 400, "noise": 0.1}],
    )


class Channel(Strict):
    """A sales channel the rep can sell a segment through (CW-22)."""

    id: Id = Field(
        pattern=ID_PATTERN,
        description="Channel id 渠道编号 — how plans refer to the channel.",
        examples=["partner"],
    )
    name: Text = Field(
        description="Channel name 渠道名称 — as the trainee reads it.",
        examples=[{"en": "Channel partners", "zh": "渠道合作伙伴"}],
    )
    fee: float = Field(
        0.0,
        ge=0,
        lt=1,
        description="Channel fee 渠道费用 — share of the price the channel keeps.",
        examples=[0.08],
    )
    reach: float = Field(
        1.0,
        gt=0,
        le=1,
        description="Reach 覆盖率 — share of buyers who consider us through this channel.",
        examples=[1.0],
    )


class Company(Strict):
    """The trainee's company: what it sells, the rep's authority and capacity (CW-04, CW-32)."""

    name: Text = Field(
        description="Company name 公司名称 — the trainee's employer.",
        examples=[{"en": "Lianhe Computing", "zh": "联合计算"}],
    )
    products: list[Product] = Field(
        min_length=1,
        description="Products 产品 — what the company sells; at least one.",
        examples=[
            [{"id": "notebook", "name": _TEXT_EXAMPLE, "unit_cost": 520, "list_price": 800, "quality": 0.72}]
        ],
    )
    discount_authority: float = Field(
        ge=0,
        lt=1,
        description="Discount authority 折扣权限 — largest discount off list the rep may give alone (CW-32).",
        examples=[0.1],
    )
    manager_authority: float = Field(
        ge=0,
        lt=1,
        description="Manager authority 经理审批权限 — largest discount the manager can approve on request (CW-32).",
        examples=[0.25],
    )
    approval_at_limit: float = Field(
        0.25,
        ge=0,
        le=1,
        description="Approval at the limit 上限审批率 — chance the manager approves an ask right at "
        "the manager's own limit; asks between the rep's and the manager's limit are approved "
        "with a chance falling linearly from 1 to this (CW-32).",
        examples=[0.25],
    )
    effort_per_round: float = Field(
        gt=0,
        description="Effort per round 每轮工作量 — effort days the rep has each round.",
        examples=[20],
    )
    service_capacity: float = Field(
        gt=0,
        description="Service capacity 服务能力 — service tickets the team can close per week (CW-41).",
        examples=[30],
    )
    channels: list[Channel] = Field(
        min_length=1,
        description="Channels 销售渠道 — the channels the rep can choose per segment (CW-22); the first is the default.",
        examples=[[{"id": "direct", "name": {"en": "Direct sales", "zh": "直销"}, "fee": 0, "reach": 0.7}]],
    )
    delivery_cost: dict[int, float] = Field(
        default_factory=lambda: {2: 40.0, 4: 15.0, 6: 5.0, 8: 0.0},
        min_length=1,
        description="Delivery cost 交付成本 — extra cost per unit for delivery within N weeks (key-account deals); at least one delivery time.",
        examples=[{2: 40, 4: 15, 6: 5, 8: 0}],
    )
    service_cost: dict[str, float] = Field(
        default_factory=lambda: {"basic": 0.0, "standard": 20.0, "premium": 55.0},
        description="Service cost 服务成本 — cost per unit of each service level; every 'service' option needs one.",
        examples=[{"basic": 0, "standard": 20, "premium": 55}],
    )
    training_cost_share: float = Field(
        0.04,
        ge=0,
        le=1,
        description="Training cost 培训成本 — cost per unit of the fullest training option, as a share "
        "of the list price; the options between cost proportionally less, the first nothing.",
        examples=[0.04],
    )
    credit_rate: float = Field(
        0.08,
        ge=0,
        le=1,
        description="Credit rate 资金成本率 — yearly cost of money for payment terms.",
        examples=[0.08],
    )
    research: Research = Field(
        Research(),
        description="Research 需求分析 — cost and precision of the four research methods (CW-11).",
        examples=[{"interview": {"effort": 2, "cost": 500, "sample": 1, "noise": 0.05}}],
    )

    @model_validator(mode="after")
    def _authority_order(self) -> Company:
        if self.manager_authority < self.discount_authority:
            raise RuleBroken(msg("E106.authority_order"))
        return self


# --------------------------------------------------------------------------- market


class Demand(Strict):
    """AR(1) demand index: x[t] = mean + phi*(x[t-1]-mean) + sigma*eps."""

    mean: float = Field(
        1.0,
        gt=0,
        description="Mean demand 平均需求 — long-run level of the demand index (1 = normal).",
        examples=[1.0],
    )
    phi: float = Field(
        ge=0,
        lt=1,
        description="Persistence 持续性 — week-to-week persistence of the demand index, 0..1.",
        examples=[0.85],
    )
    sigma: float = Field(
        ge=0,
        description="Volatility 波动 — size of the weekly demand shock.",
        examples=[0.04],
    )
    floor: float = Field(
        0.05,
        ge=0,
        le=1,
        description="Demand floor 需求下限 — the effective demand index never falls below this, "
        "whatever the shocks (0.05: a market never stops buying altogether).",
        examples=[0.05],
    )


class Logit(Strict):
    """Vendor choice: V = -price*rel_price*sensitivity + quality*q*weight + relationship*[current vendor]."""

    price: float = Field(
        4.0,
        ge=0,
        description="Price weight 价格系数 — how strongly price relative to list drives the choice.",
        examples=[4.0],
    )
    quality: float = Field(
        2.0,
        ge=0,
        description="Quality weight 质量系数 — how strongly quality drives the choice.",
        examples=[2.5],
    )
    relationship: float = Field(
        1.0,
        ge=0,
        description="Relationship weight 关系系数 — loyalty to the current vendor.",
        examples=[1.2],
    )


class Churn(Strict):
    """How customers leave (CW-43): a weekly hazard that rises when satisfaction is low."""

    base: float = Field(
        0.002,
        ge=0,
        le=1,
        description="Base churn 基础流失率 — weekly churn hazard of a satisfied customer.",
        examples=[0.002],
    )
    threshold: float = Field(
        0.45,
        ge=0,
        le=1,
        description="Churn threshold 流失阈值 — satisfaction below which churn rises.",
        examples=[0.45],
    )
    slope: float = Field(
        0.08,
        ge=0,
        le=1,
        description="Churn slope 流失斜率 — extra weekly hazard per unit of satisfaction below the threshold.",
        examples=[0.08],
    )


class Segment(Strict):
    """A group of similar small customers (CW-12), drawn from the distributions below."""

    id: Id = Field(
        pattern=ID_PATTERN,
        description="Segment id 细分编号 — referenced by key accounts.",
        examples=["smb"],
    )
    name: Text = Field(
        description="Segment name 细分名称 — as the trainee reads it.",
        examples=[{"en": "Small firms", "zh": "小微企业"}],
    )
    share: float = Field(
        gt=0,
        le=1,
        description="Share 占比 — share of the market's customers in this segment; all segments add up to 1.",
        examples=[0.6],
    )
    product: Id = Field(
        description="Product 产品 — id of the product this segment buys.", examples=["notebook"]
    )
    size: Distribution = Field(
        description="Purchase size 采购量 — units bought per purchase (at most 2,147,483,647).",
        examples=[{"lognormal": [1.1, 0.5], "clip": [1, 40]}],
    )
    price_sensitivity: Distribution = Field(
        description="Price sensitivity 价格敏感度 — multiplies the logit price weight per customer.",
        examples=[{"normal": [1.3, 0.25], "clip": [0.3, 3]}],
    )
    quality_weight: Distribution = Field(
        description="Quality weight 质量偏好 — multiplies the logit quality weight per customer.",
        examples=[{"normal": [0.7, 0.2], "clip": [0, 2]}],
    )
    credit_score: Distribution = Field(
        description="Credit score 信用评分 — 0..1, higher is safer.",
        examples=[{"beta": [4, 3]}],
    )
    purchase_rate: Distribution = Field(
        description="Purchase rate 采购频率 — chance per week that a need arises.",
        examples=[{"uniform": [0.02, 0.06]}],
    )
    satisfaction: Distribution = Field(
        description="Satisfaction 满意度 — initial satisfaction 0..1 with the current vendor.",
        examples=[{"normal": [0.65, 0.12], "clip": [0, 1]}],
    )
    vendor_shares: dict[Id, float] = Field(
        description="Vendor shares 供应商份额 — initial share of customers per vendor: 'us' or a competitor id; the rest buy from nobody yet.",
        examples=[{"us": 0.22, "dragon": 0.36}],
    )
    churn: Churn = Field(
        Churn(),
        description="Churn 客户流失 — how this segment's customers leave.",
        examples=[{"base": 0.002, "threshold": 0.45, "slope": 0.08}],
    )


_SEGMENT_EXAMPLE = {
    "id": "smb",
    "name": {"en": "Small firms", "zh": "小微企业"},
    "share": 1.0,
    "product": "notebook",
    "size": {"lognormal": [1.1, 0.5], "clip": [1, 40]},
    "price_sensitivity": {"normal": [1.3, 0.25], "clip": [0.3, 3]},
    "quality_weight": {"normal": [0.7, 0.2], "clip": [0, 2]},
    "credit_score": {"beta": [4, 3]},
    "purchase_rate": {"uniform": [0.02, 0.06]},
    "satisfaction": {"normal": [0.65, 0.12], "clip": [0, 1]},
    "vendor_shares": {"us": 0.3, "dragon": 0.5},
}


class Market(Strict):
    """The many small customers, stepped weekly (CW-10..CW-15)."""

    customers: int = Field(
        ge=10,
        le=1_000_000,
        description="Customers 客户总数 — small customers in the territory.",
        examples=[10000],
    )
    demand: Demand = Field(
        description="Demand 需求 — the AR(1) demand index.",
        examples=[{"mean": 1.0, "phi": 0.85, "sigma": 0.04}],
    )
    logit: Logit = Field(
        Logit(),
        description="Vendor choice 供应商选择 — the logit weights of price, quality and relationship.",
        examples=[{"price": 4.0, "quality": 2.5, "relationship": 1.2}],
    )
    segments: list[Segment] = Field(
        min_length=1,
        description="Segments 客户细分 — at least one; their shares add up to 1.",
        examples=[[_SEGMENT_EXAMPLE]],
    )

    @model_validator(mode="after")
    def _shares_sum_to_one(self) -> Market:
        total = sum(s.share for s in self.segments)
        if abs(total - 1) > 1e-6:
            raise RuleBroken(msg("E106.segment_shares", total=total))
        return self


StrategyKind = Literal["price_leader", "premium", "follower", "poacher"]


class Competitor(Strict):
    """A rival vendor with a pricing and bidding strategy (CW-14, CW-50)."""

    id: Id = Field(
        pattern=ID_PATTERN,
        description="Competitor id 竞争对手编号 — referenced by vendor shares, key accounts and risks.",
        examples=["dragon"],
    )
    name: Text = Field(
        description="Competitor name 竞争对手名称 — as the trainee reads it.",
        examples=[{"en": "Dragon Tech", "zh": "龙腾科技"}],
    )
    strategy: StrategyKind = Field(
        description="Strategy 竞争策略 — price_leader undercuts, premium holds a premium, follower tracks the average, poacher attacks where we gain.",
        examples=["price_leader"],
    )
    quality: float = Field(
        ge=0,
        le=1,
        description="Quality 质量 — their perceived quality 0..1.",
        examples=[0.6],
    )
    price_index: float = Field(
        gt=0,
        description="Price index 价格指数 — starting price as a multiple of our list price.",
        examples=[0.9],
    )
    cost_index: float = Field(
        0.7,
        gt=0,
        description="Cost index 成本指数 — their unit cost as a multiple of our list price (their price floor).",
        examples=[0.62],
    )
    reprice_every_weeks: int = Field(
        4,
        ge=1,
        description="Repricing cadence 调价周期 — weeks between their price changes.",
        examples=[4],
    )
    aggressiveness: float = Field(
        0.5,
        ge=0,
        le=1,
        description="Aggressiveness 进攻性 — 0..1, how far they move prices at once.",
        examples=[0.6],
    )
    reaction: float = Field(
        0.5,
        ge=0,
        le=1,
        description="Reaction 跟价程度 — 0..1, how much of its strategy's price move it makes; for the rest it holds its own starting position (1: follows its strategy all the way, so every price cut is matched in the end).",
        examples=[0.5],
    )


# --------------------------------------------------------------------------- negotiation


class NegotiationIssue(Strict):
    """One issue on the table. ``price`` values are discounts off list; others are plain values."""

    id: Literal["price", "volume", "delivery_weeks", "payment_days", "service", "training"] = Field(
        description="Issue 谈判议题 — price (discount off list), volume (share of the yearly volume), delivery_weeks, payment_days, service or training.",
        examples=["price"],
    )
    name: Text = Field(
        description="Issue name 议题名称 — as the trainee reads it.",
        examples=[{"en": "Discount off list", "zh": "折扣"}],
    )
    values: list[float | str] = Field(
        min_length=2,
        max_length=12,
        description="Options 选项 — 2..12 values on the table; numbers for price, volume, delivery_weeks and payment_days, levels for service.",
        examples=[[0.0, 0.05, 0.1, 0.15, 0.2], ["basic", "standard", "premium"]],
    )


class ValueSelling(Strict):
    """Selling value, not only price (CW-30, CW-31): presenting what the product is worth on an
    aspect the customer cares about lowers what it needs from the deal to agree."""

    fit_quantile: float = Field(
        0.5, ge=0, le=1,
        description="Fit threshold 契合门槛 — an aspect fits when the customer's weight on it is "
        "at or above this quantile of its weights on the issues other than price (0.5: the "
        "median); an aspect weighted as little as the least of them never fits.",
        examples=[0.5],
    )
    pitch_credit: float = Field(
        0.03, ge=0, le=0.3,
        description="Value pitch effect 价值陈述效果 — how much the customer's reservation value "
        "(customer utility, 0..1) drops the first time the rep presents value on an aspect that "
        "fits its needs.",
        examples=[0.03],
    )
    objection_credit: float = Field(
        0.05, ge=0, le=0.3,
        description="Objection answer effect 以价值回应压价效果 — the same drop when the rep answers "
        "a price objection (a counter that pushed the price down) with value on a fitting aspect.",
        examples=[0.05],
    )
    repeat_decay: float = Field(
        0.5, ge=0, le=1,
        description="Diminishing returns 边际递减 — each further fitting presentation in the same "
        "negotiation counts this share of the one before it.",
        examples=[0.5],
    )
    cap: float = Field(
        0.08, ge=0, le=0.5,
        description="Cap 上限 — the most the customer's reservation value can drop in one "
        "negotiation through value presented.",
        examples=[0.08],
    )
    misfit_trust: float = Field(
        0.03, ge=0, le=0.3,
        description="Misfit cost 不契合代价 — trust lost when the rep presents value on an aspect "
        "the customer does not care much about (nothing else changes).",
        examples=[0.03],
    )


class TrustRules(Strict):
    """How a key account's trust in the rep moves with the rep's conduct at the table, and when
    it gives up; the defaults apply when the scenario does not say."""

    walk_away_below: float = Field(
        0.15, ge=0, le=1,
        description="Walk-away trust 信任底线 — below this trust (0..1) the customer ends the "
        "negotiation.",
        examples=[0.15],
    )
    asked_before_offering: float = Field(
        0.05, ge=0, le=0.5,
        description="Asking first 先问后报 — trust gained by the first question on needs, "
        "priorities or the timeline asked before any offer.",
        examples=[0.05],
    )
    asking_decay: float = Field(
        0.5, ge=0, le=1,
        description="Diminishing returns 边际递减 — each further such question before the first "
        "offer gains this share of what the one before it gained (asking shows interest; "
        "asking everything shows it little more).",
        examples=[0.5],
    )
    repeated_question: float = Field(
        0.03, ge=0, le=0.5,
        description="Asking again 重复提问 — trust lost by asking what was already answered.",
        examples=[0.03],
    )
    aggressive_anchor: float = Field(
        0.12, ge=0, le=0.5,
        description="Aggressive anchor 过激开价 — trust lost by a first offer far below what the "
        "customer could accept.",
        examples=[0.12],
    )
    anchor_gap: float = Field(
        0.2, ge=0, le=1,
        description="Anchor gap 开价差距 — how far below its reservation value (customer utility) a "
        "first offer must be to count as aggressive.",
        examples=[0.2],
    )
    repeated_offer: float = Field(
        0.1, ge=0, le=0.5,
        description="Same offer again 重复报价 — trust lost by repeating the previous offer.",
        examples=[0.1],
    )
    broken_promise: float = Field(
        0.1, ge=0, le=0.5,
        description="Going back 出尔反尔 — trust lost by an offer worse than the previous one on the "
        "issue the customer said matters most.",
        examples=[0.1],
    )
    respected_priority: float = Field(
        0.03, ge=0, le=0.5,
        description="Priority respected 重视对方关切 — trust gained by a first offer good on, or "
        "an offer better than the one before on, the issue the customer said matters most.",
        examples=[0.03],
    )
    kept_priority: float = Field(
        0.0, ge=0, le=0.5,
        description="Priority kept 维持对方关切 — trust gained by a later offer that only keeps "
        "that issue as good as before: no news, so nothing by default (a rep could otherwise "
        "build trust by repeating good standard terms).",
        examples=[0.0],
    )
    ignored_priority: float = Field(
        0.08, ge=0, le=0.5,
        description="Not listened to 答非所问 — trust lost by a first offer that is poor on the "
        "issue the customer has just said matters most (below the good-enough line): it asked to "
        "be heard and was not.",
        examples=[0.08],
    )
    good_on_priority: float = Field(
        0.5, ge=0, le=1,
        description="Good enough 关切满足线 — the customer's value (0..1) of an option on its top "
        "issue from which an offer counts as good on it.",
        examples=[0.5],
    )
    opening_beats_standard: bool = Field(
        False,
        description="Heard means more than standard 首次报价须优于标准条款 — true: a first offer "
        "respects the issue the customer said matters most only when it gives more there than "
        "the company's standard terms (what every customer hears), and any other first offer "
        "ignores it — the courseware's and the rubric's test of a quote that used what the rep "
        "learned; false (a scenario written before the rule): a first offer good enough on it "
        "respects it and only one below the good-enough line ignores it.",
        examples=[True],
    )
    ignoring_undoes_asking: bool = Field(
        False,
        description="Hollow questions 问而不听 — true: a first offer that ignores the issue the "
        "customer said matters most also takes back the trust the rep's questions before it "
        "won (asking shows interest only when the quote shows it listened); false (a scenario "
        "written before the rule): it loses only what ignoring it costs.",
        examples=[True],
    )


class AnswerSpread(Strict):
    """How far a stated figure may lie from the truth, by the answer's quality."""

    truthful: float = Field(ge=0, description="Truthful 如实 — spread of a truthful answer.",
                            examples=[0.02])
    vague: float = Field(ge=0, description="Vague 含糊 — spread of a vague answer.",
                         examples=[0.1])


class AnswerRules(Strict):
    """How a key account answers the rep's questions: truthfully, vaguely or not at all as its
    trust allows, and how rough each kind of answer is; the defaults apply when the scenario does
    not say."""

    truthful_from: float = Field(
        0.6, ge=0, le=1,
        description="Truthful from 如实回答门槛 — trust (0..1) at or above which answers are "
        "truthful.",
        examples=[0.6],
    )
    vague_from: float = Field(
        0.35, ge=0, le=1,
        description="Vague from 含糊回答门槛 — trust at or above which answers are vague (below "
        "it the customer refuses to say).",
        examples=[0.35],
    )
    weight_sd: AnswerSpread = Field(
        default_factory=lambda: AnswerSpread(truthful=0.02, vague=0.1),
        description="Priorities spread 优先级误差 — spread of the stated weight of each issue "
        "(people state their priorities only roughly).",
        examples=[{"truthful": 0.02, "vague": 0.1}],
    )
    deadline_sd: AnswerSpread = Field(
        default_factory=lambda: AnswerSpread(truthful=0.5, vague=2.0),
        description="Timeline spread 时限误差 — spread of the stated deadline, in offers.",
        examples=[{"truthful": 0.5, "vague": 2.0}],
    )
    discount_sd: AnswerSpread = Field(
        default_factory=lambda: AnswerSpread(truthful=0.01, vague=0.04),
        description="Rival bid spread 竞品报价误差 — spread of the stated rival discount, as a "
        "share of list price.",
        examples=[{"truthful": 0.01, "vague": 0.04}],
    )
    price_sd: AnswerSpread = Field(
        default_factory=lambda: AnswerSpread(truthful=0.01, vague=0.05),
        description="Budget spread 预算误差 — spread of the stated most it would pay per unit, as "
        "a share of list price.",
        examples=[{"truthful": 0.01, "vague": 0.05}],
    )

    def quality(self, trust: float) -> Literal["truthful", "vague", "refused"]:
        """How a customer at ``trust`` answers: truthfully, vaguely or not at all."""
        if trust >= self.truthful_from:
            return "truthful"
        return "vague" if trust >= self.vague_from else "refused"

    @model_validator(mode="after")
    def _order(self) -> AnswerRules:
        if self.vague_from > self.truthful_from:
            raise RuleBroken(msg("E106.answer_order"))
        return self


class Negotiation(Strict):
    """The multi-issue negotiation every key-account deal uses (CW-30..CW-32)."""

    max_rounds: int = Field(
        12,
        ge=2,
        le=50,
        description="Meeting limit 谈判轮数上限 — offers each side may make before the deadline.",
        examples=[12],
    )
    issues: list[NegotiationIssue] = Field(
        min_length=1,
        max_length=6,
        description="Issues 谈判议题 — 1..6 issues, including 'price'; at most 10000 outcomes in all.",
        examples=[
            [
                {"id": "price", "name": {"en": "Discount off list", "zh": "折扣"}, "values": [0.0, 0.1, 0.2]},
                {"id": "payment_days", "name": {"en": "Payment terms (days)", "zh": "付款期限（天）"}, "values": [0, 30, 60]},
            ]
        ],
    )
    value_selling: ValueSelling = Field(
        default_factory=ValueSelling,
        description="Value selling 价值销售 — how presenting product value moves the customer "
        "(CW-30, CW-31); the defaults apply when the scenario does not say.",
        examples=[{"pitch_credit": 0.03, "objection_credit": 0.05, "cap": 0.08}],
    )
    answers: AnswerRules = Field(
        default_factory=AnswerRules,
        description="Answer rules 回答规则 — how truthfully and how roughly customers answer "
        "questions at each trust; the defaults apply when the scenario does not say.",
        examples=[{"truthful_from": 0.6, "vague_from": 0.35}],
    )
    near_tie: float = Field(
        0.02, ge=0, le=0.2,
        description="Near tie 近似等值 — how much customer utility above the least that meets its "
        "target a customer's counter may give up to stay close to the rep's last offer (so it "
        "trades across issues instead of jumping about).",
        examples=[0.02],
    )
    trust: TrustRules = Field(
        default_factory=TrustRules,
        description="Trust rules 信任规则 — how the customer's trust moves with the rep's conduct "
        "and when it walks away; the defaults apply when the scenario does not say.",
        examples=[{"walk_away_below": 0.15, "repeated_offer": 0.1}],
    )

    @model_validator(mode="after")
    def _space_size(self) -> Negotiation:
        ids = [i.id for i in self.issues]
        if len(set(ids)) != len(ids):
            raise RuleBroken(msg("E106.issue_twice"))
        if "price" not in ids:
            raise RuleBroken(msg("E106.needs_price"))
        size = 1
        for issue in self.issues:
            size *= len(issue.values)
        if size > 10_000:
            raise RuleBroken(msg("E106.outcome_space", size=size))
        return self


class Tactic(Strict):
    """How the key account concedes over the negotiation (Faratin, Sierra & Jennings 1998)."""

    kind: Literal["boulware", "linear", "conceder", "tit_for_tat"] = Field(
        description="Tactic 谈判策略 — boulware holds firm until late, conceder gives early, linear in between, tit_for_tat mirrors your concessions.",
        examples=["boulware"],
    )
    beta: float = Field(
        1.0,
        gt=0,
        le=20,
        description="Concession shape 让步曲线 — <1 Boulware, 1 linear, >1 Conceder.",
        examples=[0.4],
    )


class Preferences(Strict):
    """The key account's hidden truth for negotiation."""

    weights: dict[str, float] = Field(
        description="Issue weights 议题权重 — issue id -> importance; normalised to sum 1.",
        examples=[{"price": 0.25, "delivery_weeks": 0.3, "service": 0.3, "payment_days": 0.15}],
    )
    values: dict[str, list[float]] = Field(
        default_factory=dict,
        description="Option values 选项价值 — issue id -> value 0..1 of each option, in the order of the issue's values (default: more discount, volume, payment days and service, and faster delivery are better).",
        examples=[{"delivery_weeks": [1.0, 0.85, 0.3, 0.0]}],
    )
    reservation: float = Field(
        ge=0,
        lt=1,
        description="Reservation value 保留值 — utility floor below which they walk away.",
        examples=[0.35],
    )


class KeyAccount(Strict):
    """A named large customer with a deal on the table (CW-30..CW-32, CW-41..CW-43)."""

    id: Id = Field(
        pattern=ID_PATTERN,
        description="Key-account id 大客户编号 — referenced by risks and the variation block.",
        examples=["hx-bank"],
    )
    name: Text = Field(
        description="Account name 客户名称 — the organisation's display name.",
        examples=[{"en": "Huaxia Commercial Bank (Shanghai)", "zh": "华夏商业银行上海分行"}],
    )
    persona: Persona | Text = Field(
        description="Persona 客户画像 — who the trainee meets: structured (contact, role, what they buy and why; the game writes how they behave and what they need from the tactic, trust and preferences) or a hand-written text with a hand-written needs.",
        examples=[
            {"name": {"en": "Ms Chen", "zh": "陈女士"}, "role": {"en": "IT procurement lead", "zh": "IT采购负责人"},
             "buys": {"en": "notebooks", "zh": "笔记本"}},
            {"en": "Ms Chen, IT procurement lead. Careful.", "zh": "陈女士，IT采购负责人。做事谨慎。"},
        ],
    )
    segment: Id = Field(
        description="Segment 所属细分 — id of the segment the account belongs to.", examples=["midmarket"]
    )
    product: Id = Field(
        description="Product 采购产品 — id of the product the deal is about.", examples=["notebook"]
    )
    needs: Text | None = Field(
        None,
        description="Needs 客户需求 — what they need, hand-written beside a hand-written persona; leave it out with a structured persona, whose needs the game writes from the preferences.",
        examples=[{"en": "1,200 notebooks before the audit season.", "zh": "审计季前交付1200台笔记本。"}],
    )
    volume: int = Field(
        gt=0,
        description="Yearly volume 年采购量 — units per year they buy in total.",
        examples=[1200],
    )
    current_vendor: Id | None = Field(
        None,
        description="Current vendor 现有供应商 — competitor id, or none.",
        examples=["summit"],
    )
    credit_rating: Literal["AAA", "AA", "A", "BBB", "BB", "B", "CCC"] = Field(
        description="Credit rating 信用评级 — AAA (safest) .. CCC; a credit check reveals it (CW-50).",
        examples=["AA"],
    )
    opportunity_round: int = Field(
        ge=1,
        description="Opportunity round 商机轮次 — round in which their deal is on the table.",
        examples=[1],
    )
    tactic: Tactic = Field(
        description="Tactic 谈判策略 — how they concede.",
        examples=[{"kind": "boulware", "beta": 0.4}],
    )
    deadline: int = Field(
        ge=2,
        le=50,
        description="Deadline 谈判期限 — offers before they stop negotiating (at most the meeting limit counts).",
        examples=[10],
    )
    trust: float = Field(
        0.5,
        ge=0,
        le=1,
        description="Trust 信任度 — starting trust 0..1; it makes their answers more truthful.",
        examples=[0.55],
    )
    preferences: Preferences = Field(
        description="Preferences 偏好 — their hidden issue weights, option values and reservation value.",
        examples=[{"weights": {"price": 0.5, "delivery_weeks": 0.5}, "reservation": 0.35}],
    )
    satisfaction: float = Field(
        0.6,
        ge=0,
        le=1,
        description="Satisfaction 满意度 — starting satisfaction 0..1 once they are our customer.",
        examples=[0.6],
    )
    inherited: dict[Id, float | str] | None = Field(
        None,
        description="Inherited contract 已有合同 — the account is already ours: the terms the "
        "previous rep agreed, one option per negotiation issue. Deliveries under them run from "
        "the first week, and when they are done the account renews or leaves, as satisfied as "
        "the rep kept it (CW-41..CW-43). Leave it out for a deal still to win.",
        examples=[{"price": 0.04, "volume": 1.0, "delivery_weeks": 4, "payment_days": 30,
                   "service": "standard", "training": "none"}],
    )

    @model_validator(mode="after")
    def _needs_with_the_persona(self) -> KeyAccount:
        structured = isinstance(self.persona, Persona)
        if structured and self.needs is not None:
            raise RuleBroken(msg("E106.needs_generated", id=self.id))
        if not structured and self.needs is None:
            raise RuleBroken(msg("E106.needs_missing", id=self.id))
        return self


# --------------------------------------------------------------------------- risk, targets


RiskKind = Literal[
    "demand_shock", "price_war", "credit_default", "churn_wave", "staff_loss", "supply_delay"
]


class RiskResponse(Strict):
    """One way the trainee can answer a risk (CW-50)."""

    id: Id = Field(
        pattern=ID_PATTERN,
        description="Response id 应对编号 — unique within the risk.",
        examples=["cut-forecast"],
    )
    label: Text = Field(
        description="Label 应对措施 — what the trainee chooses.",
        examples=[{"en": "Run a trade-in promotion", "zh": "开展以旧换新促销"}],
    )
    effort: float = Field(
        0.0,
        ge=0,
        description="Effort 工作量 — effort days it takes.",
        examples=[2],
    )
    cost: float = Field(
        0.0,
        ge=0,
        description="Cost 费用 — money it costs.",
        examples=[20000],
    )
    mitigation: float = Field(
        ge=0,
        le=1,
        description="Mitigation 缓解程度 — share of the impact it removes.",
        examples=[0.6],
    )


class Risk(Strict):
    """A market-risk event that may strike during the game (CW-50)."""

    id: Id = Field(
        pattern=ID_PATTERN,
        description="Risk id 风险编号 — unique among the risks.",
        examples=["export-slump"],
    )
    kind: RiskKind = Field(
        description="Kind 风险类型 — demand_shock, price_war, credit_default, churn_wave, staff_loss or supply_delay.",
        examples=["demand_shock"],
    )
    name: Text = Field(
        description="Risk name 风险名称 — as the trainee reads it.",
        examples=[{"en": "Export orders slump", "zh": "出口订单下滑"}],
    )
    hazard_per_week: float = Field(
        gt=0,
        le=1,
        description="Weekly hazard 每周发生概率 — chance per week that it strikes.",
        examples=[0.02],
    )
    impact: float = Field(
        gt=0,
        le=1,
        description="Impact 影响程度 — size of the hit, 0..1; meaning by kind.",
        examples=[0.25],
    )
    duration_weeks: int = Field(
        4,
        ge=1,
        description="Duration 持续周数 — weeks a strike lasts.",
        examples=[8],
    )
    warning_weeks: int = Field(
        0,
        ge=0,
        description="Early warning 预警周数 — weeks of early warning (0: none).",
        examples=[3],
    )
    warning: Text | None = Field(
        None,
        description="Warning signal 预警信号 — what the trainee hears before it strikes (needs warning_weeks > 0).",
        examples=[{"en": "Freight forwarders report fewer bookings.", "zh": "货代反映订舱量减少。"}],
    )
    target: Id | None = Field(
        None,
        description="Target 风险对象 — competitor (price war) or key account (credit default).",
        examples=["dragon"],
    )
    responses: list[RiskResponse] = Field(
        min_length=1,
        description="Responses 应对方案 — at least one way to answer it.",
        examples=[[{"id": "collect", "label": {"en": "Escalate collection", "zh": "加紧催收"}, "effort": 2, "mitigation": 0.5}]],
    )
    max_times: int = Field(
        1,
        ge=1,
        description="Maximum strikes 最多发生次数 — how often it can strike in one game.",
        examples=[1],
    )


class Targets(Strict):
    """What the trainee is judged against at the end (CW-03, CW-61)."""

    revenue: float = Field(
        gt=0,
        description="Revenue target 销售额目标 — revenue over the whole game.",
        examples=[40000000],
    )
    margin: float = Field(
        ge=-1,
        le=1,
        description="Margin target 毛利率目标 — gross margin ratio over the game.",
        examples=[0.25],
    )
    market_share: float = Field(
        ge=0,
        le=1,
        description="Market-share target 市场份额目标 — share of units in the last round.",
        examples=[0.38],
    )
    customers: int = Field(
        ge=0,
        description="Customer target 客户数量目标 — customers at the end.",
        examples=[3600],
    )
    satisfaction: float = Field(
        ge=0,
        le=1,
        description="Satisfaction target 客户满意度目标 — mean satisfaction at the end.",
        examples=[0.76],
    )


class Fulfilment(Strict):
    """Delivery and service after the contract is signed (CW-40..CW-43)."""

    incident_rate: float = Field(
        0.04,
        ge=0,
        le=1,
        description="Incident rate 物流事故率 — chance per contract-week of a logistics incident.",
        examples=[0.05],
    )
    expedite_cost: float = Field(
        3000.0,
        ge=0,
        description="Expedite cost 加急费用 — what expediting a delayed delivery costs.",
        examples=[4000],
    )
    late_penalty: float = Field(
        0.02,
        ge=0,
        le=1,
        description="Late penalty 延迟罚金 — share of a delivery's value paid when late.",
        examples=[0.02],
    )
    ticket_rate: float = Field(
        0.002,
        ge=0,
        le=1,
        description="Ticket rate 服务工单率 — service tickets per customer per week.",
        examples=[0.01],
    )
    complaint_rate: float = Field(
        0.03,
        ge=0,
        le=1,
        description="Complaint rate 投诉率 — chance per key account per week of a complaint.",
        examples=[0.04],
    )


class Variation(Strict):
    """How per-trainee variants of the scenario may differ (assessment mode, CW-61).

    A variant shuffles the key accounts' display names and jitters their numbers within these
    ranges, deterministically from the scenario id and the trainee id.
    """

    names: dict[Id, list[Text]] = Field(
        default_factory=dict,
        description="Alternative names 备选名称 — key-account id -> other display names a variant may use.",
        examples=[{"hx-bank": [{"en": "Jiangnan Savings Bank", "zh": "江南储蓄银行"}]}],
    )
    volume_jitter: float = Field(
        0.0,
        ge=0,
        le=0.5,
        description="Volume jitter 采购量浮动 — largest relative change of a key account's volume (0.1 = ±10%).",
        examples=[0.1],
    )
    reservation_jitter: float = Field(
        0.0,
        ge=0,
        le=0.2,
        description="Reservation jitter 保留值浮动 — largest change of a reservation value (0.03 = ±0.03 utility).",
        examples=[0.03],
    )
    weights_jitter: float = Field(
        0.0,
        ge=0,
        le=0.5,
        description="Weights jitter 权重浮动 — largest relative change of each hidden issue weight (0.05 = ±5%).",
        examples=[0.05],
    )
    difficulty_band: float = Field(
        0.1,
        gt=0,
        le=1,
        description="Difficulty band 难度区间 — how far a strong player's score (share of the revenue target) may move between variants.",
        examples=[0.1],
    )


# --------------------------------------------------------------------------- the scenario


class Scenario(Strict):
    """A whole training scenario: company, market, rivals, key accounts, risks and targets."""

    format: Literal[1] = Field(
        1, description="Format version 格式版本 — always 1.", examples=[1]
    )
    id: Id = Field(
        pattern=ID_PATTERN,
        description="Scenario id 场景编号 — lower-case letters, digits, '-' and '_'.",
        examples=["east-china-territory"],
    )
    title: Text = Field(
        description="Title 标题 — shown on the start screen.",
        examples=[{"en": "East China territory", "zh": "华东区域"}],
    )
    briefing: Text = Field(
        description="Briefing 情况简介 — what the trainee reads before the first round.",
        examples=[{"en": "You take over the East China territory.", "zh": "你接手华东区域。"}],
    )
    courseware: list[str] = Field(
        default_factory=list,
        description="Courseware 课程章节 — CW ids this scenario trains; the validity study "
        "judges the competencies that share one of them (all, when none is named).",
        examples=[["CW-10", "CW-30", "CW-61"]],
    )
    languages: list[Literal["zh", "en"]] = Field(
        default_factory=lambda: ["zh", "en"],
        min_length=1,
        max_length=2,
        description="Languages 语言 — the languages the scenario's texts are written in: [zh], [en] or [zh, en] (the default); lint asks for translations only into these.",
        examples=[["zh"], ["zh", "en"]],
    )
    seed: int = Field(
        ge=0,
        lt=2**63,
        description="Seed 随机种子 — makes every game of the scenario repeatable.",
        examples=[20261126],
    )
    rounds: int = Field(
        ge=1,
        le=12,
        description="Rounds 轮数 — rounds (e.g. quarters) in a game.",
        examples=[4],
    )
    weeks_per_round: int = Field(
        ge=1,
        le=26,
        description="Weeks per round 每轮周数 — weeks the market runs each round.",
        examples=[13],
    )
    company: Company = Field(
        description="Company 公司 — the trainee's company.",
        examples=[
            {
                "name": {"en": "Lianhe Computing", "zh": "联合计算"},
                "products": [{"id": "notebook", "name": _TEXT_EXAMPLE, "unit_cost": 520, "list_price": 800, "quality": 0.72}],
                "discount_authority": 0.1,
                "manager_authority": 0.25,
                "effort_per_round": 20,
                "service_capacity": 30,
                "channels": [{"id": "direct", "name": {"en": "Direct sales", "zh": "直销"}}],
            }
        ],
    )
    market: Market = Field(
        description="Market 市场 — the small customers, demand and vendor choice.",
        examples=[{"customers": 10000, "demand": {"phi": 0.85, "sigma": 0.04}, "segments": [_SEGMENT_EXAMPLE]}],
    )
    competitors: list[Competitor] = Field(
        min_length=1,
        max_length=8,
        description="Competitors 竞争对手 — 1..8 rivals.",
        examples=[
            [{"id": "dragon", "name": {"en": "Dragon Tech", "zh": "龙腾科技"}, "strategy": "price_leader", "quality": 0.6, "price_index": 0.9}]
        ],
    )
    negotiation: Negotiation = Field(
        description="Negotiation 谈判 — the issues and options of key-account deals.",
        examples=[{"max_rounds": 12, "issues": [{"id": "price", "name": {"en": "Discount", "zh": "折扣"}, "values": [0, 0.1, 0.2]}]}],
    )
    key_accounts: list[KeyAccount] = Field(
        default_factory=list,
        description="Key accounts 大客户 — named accounts with a deal on the table.",
        examples=[[]],
    )
    risks: list[Risk] = Field(
        default_factory=list,
        description="Risks 风险 — market-risk events that may strike.",
        examples=[[]],
    )
    dilemmas: list[Dilemma] = Field(
        default_factory=list,
        description="Dilemmas 职业道德情境 — conduct dilemmas put to the rep (CW-63), with what "
        "each answer leads to.",
        examples=[[]],
    )
    fulfilment: Fulfilment = Field(
        Fulfilment(),
        description="Fulfilment 履约 — delivery incidents, service tickets and complaints.",
        examples=[{"incident_rate": 0.05, "ticket_rate": 0.01}],
    )
    targets: Targets = Field(
        description="Targets 目标 — the KPIs the trainee is judged against.",
        examples=[{"revenue": 40000000, "margin": 0.25, "market_share": 0.38, "customers": 3600, "satisfaction": 0.76}],
    )
    economics: Economics = Field(
        Economics(),
        description="Economics 经营规则 — the coefficients of the consequence rules: field coverage, service, retention, stock, credit, opportunities, effort (every field has a default).",
        examples=[{"stock": {"safety_stock": 0.1, "write_down": 0.15}, "credit": {"recovery": 0.4}}],
    )
    variation: Variation | None = Field(
        None,
        description="Variation 变体设置 — how per-trainee variants may differ (optional; none: every trainee plays the same scenario).",
        examples=[{"names": {}, "volume_jitter": 0.1, "reservation_jitter": 0.03, "weights_jitter": 0.05, "difficulty_band": 0.1}],
    )

    @field_validator("languages")
    @classmethod
    def _distinct_languages(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise RuleBroken(msg("E106.languages_once"))
        return value

    @model_validator(mode="after")
    def _references(self) -> Scenario:
        check_references(self)
        return self

    @model_validator(mode="after")
    def _variation_references(self) -> Scenario:
        if self.variation is not None:
            accounts = {a.id for a in self.key_accounts}
            for account in self.variation.names:
                if account not in accounts:
                    raise ReferenceError_(
                        ("variation", "names", account), _unknown("key_account", account, accounts)
                    )
        return self

    def product(self, pid: str) -> Product:
        return next(p for p in self.company.products if p.id == pid)

    def segment(self, sid: str) -> Segment:
        return next(s for s in self.market.segments if s.id == sid)


class ReferenceError_(ValueError):
    """A dangling reference, with the location (tuple of keys/indices) of the offending value
    and what is wrong as a catalog message."""

    def __init__(self, loc: tuple[str | int, ...], text: Msg) -> None:
        super().__init__(str(text))
        self.loc = loc
        self.text = text


class ReferenceErrors(ReferenceError_):
    """Every dangling reference of one pass; it reads as its first, and lists them all."""

    def __init__(self, errors: list[ReferenceError_]) -> None:
        super().__init__(errors[0].loc, errors[0].text)
        self.errors = list(errors)


def _unique(
    items: list, what: str, loc: tuple[str | int, ...], found: list[ReferenceError_]
) -> set[str]:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.id in seen:
            text = msg("E105.used_twice", what=msg(f"thing.{what}"), id=item.id)
            found.append(ReferenceError_((*loc, i, "id"), text))
        seen.add(item.id)
    return seen


def check_references(s: Scenario) -> None:
    """Raise ReferenceErrors listing every dangling or duplicate id (none: return)."""
    found: list[ReferenceError_] = []

    def fail(loc: tuple[str | int, ...], text: Msg) -> None:
        found.append(ReferenceError_(loc, text))

    products = _unique(s.company.products, "product", ("company", "products"), found)
    _unique(s.company.channels, "channel", ("company", "channels"), found)
    segments = _unique(s.market.segments, "segment", ("market", "segments"), found)
    competitors = _unique(s.competitors, "competitor", ("competitors",), found)
    accounts = _unique(s.key_accounts, "key_account", ("key_accounts",), found)
    _unique(s.risks, "risk", ("risks",), found)
    vendors = competitors | {"us"}
    issue_sizes = {i.id: len(i.values) for i in s.negotiation.issues}
    for i, seg in enumerate(s.market.segments):
        loc = ("market", "segments", i)
        if seg.product not in products:
            fail((*loc, "product"), _unknown("product", seg.product, products))
        for vendor in seg.vendor_shares:
            if vendor not in vendors:
                fail((*loc, "vendor_shares", vendor), _unknown("vendor", vendor, vendors))
        total = sum(seg.vendor_shares.values())
        if total > 1 + 1e-6 or any(v < 0 for v in seg.vendor_shares.values()):
            fail((*loc, "vendor_shares"), msg("E105.vendor_shares", total=total))
    for i, ka in enumerate(s.key_accounts):
        loc = ("key_accounts", i)
        if ka.segment not in segments:
            fail((*loc, "segment"), _unknown("segment", ka.segment, segments))
        if ka.product not in products:
            fail((*loc, "product"), _unknown("product", ka.product, products))
        if ka.current_vendor is not None and ka.current_vendor not in competitors:
            fail(
                (*loc, "current_vendor"), _unknown("competitor", ka.current_vendor, competitors)
            )
        if ka.opportunity_round > s.rounds:
            fail(
                (*loc, "opportunity_round"),
                msg("E105.after_last_round", round=ka.opportunity_round, rounds=s.rounds),
            )
        for issue in ka.preferences.weights:
            if issue not in issue_sizes:
                fail(
                    (*loc, "preferences", "weights", issue), _unknown("issue", issue, set(issue_sizes))
                )
        for issue, w in ka.preferences.weights.items():
            if w < 0:
                fail(
                    (*loc, "preferences", "weights", issue),
                    msg("E105.weight_negative", issue=issue),
                )
        if sum(ka.preferences.weights.values()) <= 0:
            fail((*loc, "preferences", "weights"), msg("E105.weights_zero"))
        for issue, table in ka.preferences.values.items():
            if issue not in issue_sizes:
                fail(
                    (*loc, "preferences", "values", issue), _unknown("issue", issue, set(issue_sizes))
                )
                continue
            if len(table) != issue_sizes[issue]:
                fail(
                    (*loc, "preferences", "values", issue),
                    msg(
                        "E105.values_count",
                        issue=issue,
                        options=issue_sizes[issue],
                        got=len(table),
                    ),
                )
        if ka.inherited is not None:
            _check_inherited(s, ka.inherited, loc, fail)
    _check_options(s, fail)
    _unique(s.dilemmas, "dilemma", ("dilemmas",), found)
    for i, dilemma in enumerate(s.dilemmas):
        if dilemma.account is not None and dilemma.account not in accounts:
            fail(("dilemmas", i, "account"), _unknown("key_account", dilemma.account, accounts))
        if dilemma.round > s.rounds:
            fail(("dilemmas", i, "round"),
                 msg("E105.dilemma_round", round=dilemma.round, rounds=s.rounds))
    for i, risk in enumerate(s.risks):
        if risk.target is None:
            continue
        pool = competitors if risk.kind == "price_war" else accounts
        if risk.target not in pool:
            what = "competitor" if risk.kind == "price_war" else "key_account"
            fail(("risks", i, "target"), _unknown(what, risk.target, pool))
    if found:
        raise ReferenceErrors(found)


NUMERIC_ISSUES = ("price", "volume", "delivery_weeks", "payment_days")
"""The negotiation issues whose options are numbers (the others' are levels)."""


def _check_options(s: Scenario, fail: Callable[[tuple[str | int, ...], Msg], None]) -> None:
    """Every option on the table is one the game can play: a number where the issue needs one,
    a discount from 0 up to (not including) 1, a volume share above 0, a service level whose
    cost the company knows."""
    costs = s.company.service_cost
    for i, issue in enumerate(s.negotiation.issues):
        for j, value in enumerate(issue.values):
            at = ("negotiation", "issues", i, "values", j)
            if issue.id in NUMERIC_ISSUES and isinstance(value, str):
                fail(at, msg("E105.text_option", issue=issue.id, number=j + 1, value=value))
            elif issue.id == "price" and isinstance(value, float) and not 0 <= value < 1:
                fail(at, msg("E105.price_option", value=value))
            elif issue.id == "volume" and isinstance(value, float) and value <= 0:
                fail(at, msg("E105.volume_option", value=value))
            elif issue.id == "service":
                level = value if isinstance(value, str) else f"{value:g}"
                if level not in costs:
                    fail(at, msg("E105.no_service_cost", level=level,
                                 levels=joined(list(costs), "ids") if costs
                                 else msg("value.none_listed")))


def _check_inherited(s: Scenario, terms: dict[str, float | str], loc: tuple[str | int, ...],
                     fail: Callable[[tuple[str | int, ...], Msg], None]) -> None:
    """An inherited contract names one of the table's options on every negotiation issue."""
    options = {i.id: i.values for i in s.negotiation.issues}
    for issue, value in terms.items():
        if issue not in options:
            fail((*loc, "inherited", issue), _unknown("issue", issue, set(options)))
        elif not _is_option(options[issue], value):
            fail((*loc, "inherited", issue), msg(
                "E105.inherited_option", issue=issue, value=_shown(value),
                options=", ".join(_shown(v) for v in options[issue])))
    missing = [i for i in options if i not in terms]
    if missing:
        fail((*loc, "inherited"), msg("E105.inherited_missing", missing=", ".join(missing)))


def _is_option(options: list[float | str], value: float | str) -> bool:
    try:
        option_index(options, value)
    except ValueError:
        return False
    return True


def _shown(value: float | str) -> str:
    return value if isinstance(value, str) else f"{value:g}"


def _unknown(what: str, value: str, known: set[str]) -> Msg:
    listed = joined(sorted(known), "ids") if known else msg("value.none_listed")
    return msg("E105.unknown", what=msg(f"thing.{what}"), value=value, known=listed)
