"""Scenario format: the ``economics`` block — the coefficients of every consequence rule.

The courseware's causes (field contact and service -> satisfaction -> retention, repeat business
and referrals; forecast -> stock; discount -> volume and margin; credit -> bad debt; unanswered
opportunities -> a rival's win) are rules of the engine whose numbers live here, so a trainer can
tune a world without code and lint and the balance report use the very same values. Every field
has a default, so a scenario without the block plays as documented. ``plausible`` (in the JSON
Schema as ``x-plausible``) is the range lint accepts without a warning.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from game.scenario.errors import RuleBroken
from game.scenario.messages import joined, msg

Rating = Literal["AAA", "AA", "A", "BBB", "BB", "B", "CCC"]
RATINGS: tuple[str, ...] = ("AAA", "AA", "A", "BBB", "BB", "B", "CCC")
WEAK_RATINGS: tuple[str, ...] = ("BB", "B", "CCC")
"""Weak credit: the ratings below investment grade."""


class _Block(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _num(default: float, description: str, *, ge: float | None = 0.0, le: float | None = None,
         gt: float | None = None, plausible: tuple[float, float] | None = None) -> Any:
    """A numeric field with its default as the example and an optional plausible range."""
    extra = {"x-plausible": list(plausible)} if plausible else None
    return Field(default, ge=None if gt is not None else ge, gt=gt, le=le,
                 description=description, examples=[default], json_schema_extra=extra)


def _int(default: int, description: str, *, ge: int, le: int) -> Any:
    """A whole-number field with its default as the example."""
    return Field(default, ge=ge, le=le, description=description, examples=[default])


def plausible_range(model: type[BaseModel], field: str) -> tuple[float, float] | None:
    """The ``plausible`` range of ``model.field`` (None when the field has none)."""
    extra = model.model_fields[field].json_schema_extra
    if isinstance(extra, dict) and "x-plausible" in extra:
        lo, hi = extra["x-plausible"]  # type: ignore[misc]
        return float(lo), float(hi)
    return None


class FieldWork(_Block):
    """Field coverage (CW-12, CW-20, CW-42): the effort plan's visits and calls per segment."""

    relationship_gain: float = _num(
        1.5, "Relationship gain 关系增益 — vendor-choice utility a segment gets while all field "
        "effort goes there (it scales with the segment's share of the effort plan).",
        le=10, plausible=(0.3, 4))
    response: float = _num(
        0.5, "Effort response 精力回报曲线 — coverage counts as share^response: below 1 the "
        "first calls in a segment matter most (spreading some effort everywhere pays), 1 makes "
        "effort count in proportion.", gt=0, le=1, plausible=(0.3, 1))
    coverage_weeks: float = _num(
        8.0, "Coverage time 覆盖时间 — weeks for coverage to move about two thirds of the way to a "
        "new effort plan; without a plan it fades at the same pace.",
        gt=0, le=104, plausible=(2, 26))
    contact_lift: float = _num(
        0.3, "Contact lift 联络提升 — service level our customers in a segment feel extra at full "
        "coverage: regular contact keeps them satisfied (CW-42).",
        le=1, plausible=(0, 0.4))


class PopulationService(_Block):
    """The service level our small customers feel, which their satisfaction drifts toward."""

    floor: float = _num(
        0.3, "Service floor 服务基线 — service level with no service capacity at all.",
        le=1, plausible=(0.1, 0.6))
    from_capacity: float = _num(
        0.3, "Service from capacity 服务能力贡献 — added when service capacity covers every "
        "ticket (pro rata below).", le=1, plausible=(0.1, 0.7))
    survey_lift: float = _num(
        0.08, "Survey lift 调查提升 — service level a satisfaction survey adds (customers see "
        "that we listen, CW-43).", le=0.5, plausible=(0, 0.1))
    survey_lift_max: float = _num(
        0.15, "Survey lift cap 调查提升上限 — most that surveys can add together.",
        le=0.5, plausible=(0, 0.2))
    survey_fade: float = _num(
        0.05, "Survey fade 调查提升消退 — survey lift lost at each new round.",
        le=1, plausible=(0, 0.2))
    survey_sample: int = _int(
        80, "Survey sample 调查样本 — our customers in the segment a satisfaction survey "
        "asks (all of them when there are fewer).", ge=1, le=10_000)
    stockout_drop: float = _num(
        0.3, "Stock-out drop 缺货影响 — service level lost in a segment while its product is out "
        "of stock.", le=1, plausible=(0, 0.6))
    satisfaction_pull: float = _num(
        0.1, "Satisfaction pull 满意度趋近速度 — share of the gap to the service level a "
        "customer's satisfaction closes each week.", gt=0, le=1, plausible=(0.02, 0.3))
    satisfaction_noise: float = _num(
        0.02, "Satisfaction noise 满意度波动 — weekly standard deviation of a customer's "
        "satisfaction.", le=0.5, plausible=(0, 0.08))


class Retention(_Block):
    """What satisfaction is worth (CW-43): repeat orders, referrals."""

    reference: float = _num(
        0.6, "Reference satisfaction 满意度基准 — satisfaction at which loyalty and referrals are "
        "neutral.", le=1, plausible=(0.4, 0.8))
    loyalty: float = _num(
        2.0, "Loyalty 忠诚度 — extra utility a customer gives its current vendor per unit of "
        "satisfaction above the reference (below it, the customer shops around).",
        le=20, plausible=(0, 5))
    referral: float = _num(
        1.0, "Referrals 口碑推荐 — utility our customers' mean satisfaction above the reference "
        "adds for buyers who are not yet ours, per segment.", le=20, plausible=(0, 4))
    account_referral: float = _num(
        0.3, "Key-account referrals 大客户推荐 — utility a won key account adds in its segment per "
        "unit of its satisfaction above the reference.", le=10, plausible=(0, 1.5))


class AccountService(_Block):
    """Key accounts after signing (CW-40..43): satisfaction, complaints, renewals, upsell."""

    service_levels: dict[str, float] = Field(
        default_factory=lambda: {"basic": 0.65, "standard": 0.78, "premium": 0.88},
        description="Promised satisfaction 服务承诺满意度 — satisfaction each service level "
        "promises; a level not listed promises 'default_service'.",
        examples=[{"basic": 0.65, "standard": 0.78, "premium": 0.88}],
    )
    default_service: float = _num(
        0.78, "Default promise 默认服务满意度 — satisfaction promised when the deal has no "
        "service issue or its level is not listed.", le=1, plausible=(0.4, 0.9))
    delivered_weight: float = _num(
        0.5, "Delivered service weight 实际服务权重 — how far satisfaction moves from the level "
        "promised toward the service our team actually gives (a broken promise costs).",
        le=1, plausible=(0, 1))
    calloff_floor: float = _num(
        0.3, "Call-off floor 订货下限满意度 — satisfaction at which a key account orders nothing "
        "more from us; between it and the reference satisfaction it calls off only part of what "
        "is due and buys the rest from a rival (repeat orders follow satisfaction).",
        le=1, plausible=(0.1, 0.5))
    satisfaction_pull: float = _num(
        0.08, "Satisfaction pull 满意度趋近速度 — share of the gap to its target a key account's "
        "satisfaction closes each week.", gt=0, le=1, plausible=(0.02, 0.3))
    complaint_threshold: float = _num(
        0.7, "Complaint threshold 投诉阈值 — below this satisfaction complaints grow more "
        "frequent.", le=1, plausible=(0.4, 0.9))
    complaint_sensitivity: float = _num(
        2.0, "Complaint sensitivity 投诉敏感度 — relative rise of the complaint rate per unit of "
        "satisfaction below the threshold.", le=20, plausible=(0, 6))
    complaint_drain: float = _num(
        0.01, "Open-complaint drain 未结投诉影响 — satisfaction lost each week per open "
        "complaint.", le=0.5, plausible=(0, 0.05))
    complaint_late_weeks: int = _int(
        4, "Late-delivery memory 延迟记忆 — weeks after a late delivery during which a "
        "complaint is about that delivery.", ge=0, le=52)
    complaint_service_gap: float = _num(
        0.05, "Service gap 服务落差 — how far the service felt may fall below what the contract "
        "sold before a complaint is about the service (otherwise it is about the product).",
        le=1, plausible=(0, 0.2))
    recovery: float = _num(
        0.08, "Service recovery 服务补救 — satisfaction a complaint resolved at once adds (a "
        "customer whose problem was fixed fast can end up more loyal).",
        le=0.5, plausible=(0, 0.2))
    recovery_half_life_weeks: float = _num(
        2.0, "Recovery half-life 补救半衰期 — weeks of waiting that halve the recovery.",
        gt=0, le=52, plausible=(0.5, 8))
    late_after_weeks: int = _int(
        2, "Late after 逾期周数 — weeks an open delivery incident takes to become a "
        "late delivery (a broken promise).", ge=1, le=26)
    late_satisfaction: float = _num(
        0.1, "Late-delivery hit 延迟交付影响 — satisfaction lost at a late delivery.",
        le=1, plausible=(0, 0.3))
    late_trust: float = _num(
        0.1, "Late-delivery trust 延迟交付信任损失 — trust lost at a late delivery.",
        le=1, plausible=(0, 0.3))
    inform_satisfaction: float = _num(
        0.02, "Informing hit 告知影响 — satisfaction lost when we warn of a delay instead of "
        "fixing it.", le=1, plausible=(0, 0.1))
    inform_trust: float = _num(
        0.02, "Informing trust 告知信任 — trust gained by warning of a delay honestly.",
        le=1, plausible=(0, 0.1))
    visit_gain: float = _num(
        0.05, "Visit gain 拜访提升 — satisfaction the first visit of a round adds (later visits "
        "add less: gain / (1 + visits so far)).", le=0.5, plausible=(0, 0.15))
    visit_trust: float = _num(
        0.03, "Visit trust 拜访信任 — trust a visit adds.", le=0.5, plausible=(0, 0.1))
    interview_trust: float = _num(
        0.05, "Interview trust 访谈信任 — trust the first interview of an account adds: asking "
        "before selling shows interest (CW-11).", le=0.5, plausible=(0, 0.1))
    penalty_clause_trust: float = _num(
        0.05, "Penalty-clause trust 违约金条款信任 — trust gained when the rep adds a late-delivery "
        "penalty to a contract: we stand behind our dates.", le=0.5, plausible=(0, 0.1))
    advance_refused_trust: float = _num(
        0.03, "Advance refused 预付款被拒信任损失 — trust lost when the customer turns down an "
        "advance-payment clause.", le=0.5, plausible=(0, 0.1))
    upsell_share: float = _num(
        0.1, "Upsell size 追加销售规模 — extra units an accepted upsell adds, as a share of the "
        "contract.", le=1, plausible=(0.02, 0.3))
    upsell_exponent: float = _num(
        2.0, "Upsell exponent 追加销售指数 — an upsell is accepted with probability "
        "satisfaction^exponent.", gt=0, le=10, plausible=(0.5, 4))
    upsell_weeks: int = _int(
        4, "Upsell delivery 追加交付周数 — least weeks the extra units of an accepted "
        "upsell are spread over (longer when the contract runs longer).", ge=1, le=52)
    upsell_refusal: float = _num(
        0.03, "Upsell refusal hit 追加销售被拒影响 — satisfaction lost when an upsell is "
        "refused.", le=0.5, plausible=(0, 0.1))
    contract_rounds: int = _int(
        2, "Contract length 合同期 — rounds a signed contract delivers over (cut at "
        "the game's end).", ge=1, le=12)
    renewal_midpoint: float = _num(
        0.55, "Renewal midpoint 续约中点 — satisfaction at which an account whose contract ends "
        "renews with an even chance.", le=1, plausible=(0.3, 0.8))
    renewal_steepness: float = _num(
        12.0, "Renewal steepness 续约陡度 — how sharply the renewal chance rises with "
        "satisfaction (logistic slope).", gt=0, le=100, plausible=(3, 30))
    sign_satisfaction: float = _num(
        0.6, "Satisfaction at signing 签约满意度 — least satisfaction a new customer starts "
        "with.", le=1, plausible=(0.3, 0.8))
    lapse_trust: float = _num(
        0.2, "Lapse trust 合同失效信任损失 — trust lost when an agreed deal is never signed.",
        le=1, plausible=(0, 0.5))
    decline_trust: float = _num(
        0.1, "Decline trust 拒签信任损失 — trust lost when we decline to sign.",
        le=1, plausible=(0, 0.5))


class Stock(_Block):
    """Forecast commits the company (CW-21): supply orders the forecast, stock costs money."""

    safety_stock: float = _num(
        0.1, "Safety stock 安全库存 — share added to the forecast when supply orders the round's "
        "stock.", le=2, plausible=(0, 0.3))
    holding_rate: float = _num(
        0.004, "Holding cost 库存持有成本 — weekly cost of stock on hand, as a share of its unit "
        "cost.", le=0.1, plausible=(0.001, 0.01))
    write_down: float = _num(
        0.15, "Write-down 库存减值 — share of the stock left at a round's end that is written off "
        "(obsolete).", le=1, plausible=(0.02, 0.4))
    emergency_weeks: int = _int(
        2, "Emergency lead time 紧急补货周期 — weeks before a rush order arrives after a "
        "product runs out (0: no rush orders; the product stays out until the next round).", ge=0, le=26)
    emergency_premium: float = _num(
        0.1, "Emergency premium 紧急补货溢价 — extra unit cost of rush-ordered stock.",
        le=2, plausible=(0, 0.4))
    rush_weeks_of_sales: int = _int(
        4, "Rush sizing 紧急补货依据周数 — a rush order is sized from the average weekly "
        "demand of this many recent weeks.", ge=1, le=26)


class Credit(_Block):
    """Receivables and bad debt (CW-50 customer risk)."""

    default_probability: dict[Rating, float] = Field(
        default_factory=lambda: {
            "AAA": 0.001, "AA": 0.003, "A": 0.008, "BBB": 0.02, "BB": 0.06, "B": 0.15, "CCC": 0.35,
        },
        description="Default probability 违约概率 — yearly chance that a customer of each rating "
        "stops paying; a credit check reveals it.",
        examples=[{"A": 0.008, "BBB": 0.02, "B": 0.15, "CCC": 0.35}],
    )
    recovery: float = _num(
        0.4, "Recovery 回收率 — share of a defaulted receivable eventually collected.",
        le=1, plausible=(0, 0.8))

    @model_validator(mode="after")
    def _every_rating(self) -> Credit:
        missing = [r for r in RATINGS if r not in self.default_probability]
        if missing:
            raise RuleBroken(msg("E106.ratings_missing", missing=joined(missing, "ids")))
        if any(not 0 <= p <= 1 for p in self.default_probability.values()):
            raise RuleBroken(msg("E106.probabilities_range"))
        return self


class Opportunities(_Block):
    """Key-account opportunities (CW-15): how long they wait for the rep."""

    open_rounds: int = _int(
        1, "Open rounds 商机有效轮数 — rounds an opportunity stays on the table; not "
        "pursued by the end of the last one's negotiation phase, a rival wins it.", ge=1, le=12)


class EffortCosts(_Block):
    """Effort days each action takes from the round's budget."""

    pursue: float = _num(1.0, "Pursue 开启谈判 — days to open a negotiation.", le=20)
    authority: float = _num(0.5, "Ask the manager 申请权限 — days to ask for more discount "
                            "authority.", le=20)
    credit_check: float = _num(1.0, "Credit check 信用调查 — days for a credit check.", le=20)
    inform: float = _num(0.25, "Inform 告知客户 — days to warn a customer of a delay.", le=20)
    resolve: float = _num(0.5, "Resolve 处理投诉 — days to resolve a complaint.", le=20)
    visit: float = _num(1.0, "Visit 拜访 — days for an account visit.", le=20)
    survey: float = _num(1.0, "Survey 满意度调查 — days for a satisfaction survey.", le=20)
    upsell: float = _num(1.0, "Upsell 追加销售 — days for an upsell offer.", le=20)


class RiskEffects(_Block):
    """How strongly risk kinds act beyond their ``impact``."""

    churn_wave_factor: float = _num(
        10.0, "Churn-wave factor 流失潮倍数 — a churn wave multiplies our customers' churn hazard "
        "by 1 + factor x impact.", le=100, plausible=(2, 20))


class Rivals(_Block):
    """How the rivals price (CW-14: the competitors a position is taken against): the limits and pace
    of their moves.

    A rival's strategy (price leader, premium, follower, poacher) says where it wants its prices;
    these numbers say how far and how fast it may go there."""

    floor_margin: float = _num(
        1.02, "Price floor 价格下限 — a rival never prices below this multiple of its own unit "
        "cost.", ge=1, le=3, plausible=(1.0, 1.3))
    price_ceiling: float = _num(
        1.6, "Price ceiling 价格上限 — a rival never prices above this multiple of the list "
        "price.", ge=1, le=10, plausible=(1.2, 2.5))
    step: float = _num(
        0.02, "Price step 调价步幅 — a rival's relative price step per repricing at aggressiveness "
        "0 (undercutting, raising a premium, recovering).", le=1, plausible=(0.005, 0.1))
    step_per_aggressiveness: float = _num(
        0.08, "Step per aggressiveness 激进度步幅增量 — added to the price step at aggressiveness "
        "1 (in proportion below).", le=1, plausible=(0, 0.2))
    max_move: float = _num(
        0.05, "Largest move 最大调价幅度 — the most a rival's price moves in one repricing, "
        "relative, at aggressiveness 0.", le=1, plausible=(0.01, 0.2))
    max_move_per_aggressiveness: float = _num(
        0.15, "Move per aggressiveness 激进度调价增量 — added to the largest move at "
        "aggressiveness 1 (in proportion below).", le=1, plausible=(0, 0.4))
    follower_rate: float = _num(
        0.3, "Follower pace 跟随速度 — share of the gap to the average rival price a follower "
        "closes per repricing at aggressiveness 0.", le=1, plausible=(0.05, 0.8))
    follower_rate_per_aggressiveness: float = _num(
        0.5, "Follower pace per aggressiveness 激进度跟随增量 — added to the follower pace at "
        "aggressiveness 1; the pace stays at most 1.", le=1, plausible=(0, 0.8))
    premium_min: float = _num(
        0.05, "Least premium 最低溢价 — the smallest premium over the average rival price a premium "
        "rival holds.", le=5, plausible=(0, 0.3))
    premium_max: float = _num(
        1.0, "Largest premium 最高溢价 — the largest premium over the average rival price a premium "
        "rival asks.", le=5, plausible=(0.2, 2))
    public_weeks: int = _int(
        4, "Public figures 公开数据周数 — weeks of sales the market's public figures "
        "(the unit shares every vendor sees) cover.", ge=1, le=26)
    poacher_notice: float = _num(
        0.01, "Poacher's notice 抢客察觉阈值 — a share gain of ours smaller than this is read by a "
        "poacher as noise, not an attack.", le=1, plausible=(0.002, 0.05))
    outlook_matching: float = _num(
        0.8, "Matching in the outlook 展望中的跟价 — the share of a discount of ours the planning "
        "outlook expects the rivals to match: its estimate for the rep, who cannot know their "
        "strategies, not a rule of how they move.", le=1, plausible=(0.3, 1.0))

    @model_validator(mode="after")
    def _ordered(self) -> Rivals:
        if self.premium_min > self.premium_max:
            raise RuleBroken(msg("E106.premium_order", low=self.premium_min,
                                 high=self.premium_max))
        if self.follower_rate + self.follower_rate_per_aggressiveness > 1:
            raise RuleBroken(msg("E106.follower_pace",
                                 pace=self.follower_rate + self.follower_rate_per_aggressiveness))
        return self

    def step_at(self, aggressiveness: float) -> float:
        return self.step + self.step_per_aggressiveness * aggressiveness

    def max_move_at(self, aggressiveness: float) -> float:
        return self.max_move + self.max_move_per_aggressiveness * aggressiveness

    def follower_rate_at(self, aggressiveness: float) -> float:
        return self.follower_rate + self.follower_rate_per_aggressiveness * aggressiveness


class Economics(_Block):
    """The consequence rules' coefficients (documented defaults; change only what you mean)."""

    field: FieldWork = Field(
        FieldWork(), description="Field coverage 区域覆盖 — the effort plan's effect on choice "
        "and satisfaction.", examples=[{"relationship_gain": 1.5, "coverage_weeks": 8}])
    service: PopulationService = Field(
        PopulationService(), description="Service 服务水平 — the service level our small "
        "customers feel.", examples=[{"floor": 0.35, "from_capacity": 0.45}])
    retention: Retention = Field(
        Retention(), description="Retention 客户保留 — loyalty and referrals from "
        "satisfaction.", examples=[{"loyalty": 2.0, "referral": 1.0}])
    accounts: AccountService = Field(
        AccountService(), description="Key-account service 大客户服务 — satisfaction, "
        "complaints, renewals and upsell.", examples=[{"recovery": 0.08, "contract_rounds": 2}])
    stock: Stock = Field(
        Stock(), description="Stock 库存 — what the forecast orders and what stock costs.",
        examples=[{"safety_stock": 0.1, "write_down": 0.15}])
    credit: Credit = Field(
        Credit(), description="Credit 信用 — default probabilities and recovery.",
        examples=[{"recovery": 0.4}])
    opportunities: Opportunities = Field(
        Opportunities(), description="Opportunities 商机 — how long a deal waits.",
        examples=[{"open_rounds": 1}])
    effort: EffortCosts = Field(
        EffortCosts(), description="Effort 工作量 — effort days each action takes.",
        examples=[{"visit": 1.0, "resolve": 0.5}])
    forecast_limit: float = Field(
        20.0, gt=1, le=1000,
        description="Forecast limit 预测上限 — a round's forecast may be at most this many times "
        "the round's revenue target; beyond it the forecast is refused as a slip, not judged.",
        examples=[20])
    settle_quarters: int = _int(
        1, "Settling quarters 磨合季度 — quarters the market runs under the inherited "
        "plan before the history quarter the trainee sees, so that the history shows a settled "
        "market rather than one still moving away from the starting vendor shares.", ge=0, le=4)
    rivals: Rivals = Field(
        Rivals(), description="Rivals 竞争对手定价 — the limits and pace of the rivals' price "
        "moves.", examples=[{"price_ceiling": 1.6, "max_move": 0.05}])
    risk: RiskEffects = Field(
        RiskEffects(), description="Risk effects 风险效应 — strength of risk kinds beyond their "
        "impact.", examples=[{"churn_wave_factor": 10}])
