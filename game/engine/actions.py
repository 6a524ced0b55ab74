"""Everything a trainee (or a bot) can do: typed actions, one model per move.

Actions are a discriminated union on ``type``; a saved game is a list of them.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from game.engine.phases import Phase


class _Action(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ----------------------------------------------------------------- any phase


class EndPhase(_Action):
    """Finish the current phase (in fulfilment: run the round's remaining weeks first)."""

    type: Literal["end_phase"] = "end_phase"


# ----------------------------------------------------------------- analysis (CW-10..15)


class Questionnaire(_Action):
    """CW-11 问卷调查: cheap, broad, noisy view of one segment."""

    type: Literal["questionnaire"] = "questionnaire"
    segment: str


class Interview(_Action):
    """CW-11 访谈: one key account, precise needs and priorities."""

    type: Literal["interview"] = "interview"
    account: str


class MarketResearch(_Action):
    """CW-11 市场调研: competitors' prices and quality, the demand trend."""

    type: Literal["market_research"] = "market_research"


class DataAnalysis(_Action):
    """CW-11 数据分析: our CRM history of one segment — churn risk and satisfaction."""

    type: Literal["data_analysis"] = "data_analysis"
    segment: str


class SelectTargets(_Action):
    """CW-12: the segments and key accounts to concentrate on."""

    type: Literal["select_targets"] = "select_targets"
    segments: list[str] = Field(default_factory=list)
    accounts: list[str] = Field(default_factory=list)


# ----------------------------------------------------------------- planning (CW-20..22)


class SetForecast(_Action):
    type: Literal["set_forecast"] = "set_forecast"
    revenue: float = Field(ge=0, description="Forecast revenue for this round.")


class SetPrice(_Action):
    type: Literal["set_price"] = "set_price"
    segment: str
    discount: float = Field(ge=0, lt=1, description="Discount off list for the whole segment.")


class AllocateEffort(_Action):
    type: Literal["allocate_effort"] = "allocate_effort"
    shares: dict[str, float] = Field(description="Segment id -> share of field effort (sum 1).")


class SetChannel(_Action):
    type: Literal["set_channel"] = "set_channel"
    segment: str
    channel: str


# ----------------------------------------------------------------- negotiation (CW-30..32)


class Pursue(_Action):
    """Open the negotiation with a key account whose opportunity is on the table."""

    type: Literal["pursue"] = "pursue"
    account: str


class MakeOffer(_Action):
    type: Literal["offer"] = "offer"
    account: str
    offer: dict[str, float | str]


class AskQuestion(_Action):
    type: Literal["ask"] = "ask"
    account: str
    topic: Literal["needs", "priorities", "timeline", "competitors", "budget"]


class PresentValue(_Action):
    """CW-30, CW-31: present the product's value on one of the negotiation's issues other than
    price; ``answer_objection`` answers the customer's price objection (its last counter pushed the
    price down) with it."""

    type: Literal["present_value"] = "present_value"
    account: str
    aspect: str
    answer_objection: bool = False


class ProposeTrade(_Action):
    """A package: "this if you give me that" relative to the last offer on the table."""

    type: Literal["trade"] = "trade"
    account: str
    give: dict[str, float | str]
    want: dict[str, float | str]


class RequestAuthority(_Action):
    """CW-32: ask the manager for a discount beyond the rep's own limit."""

    type: Literal["request_authority"] = "request_authority"
    account: str
    discount: float = Field(gt=0, lt=1)


class AcceptOffer(_Action):
    type: Literal["accept_offer"] = "accept_offer"
    account: str


class WalkAway(_Action):
    type: Literal["walk_away"] = "walk_away"
    account: str


# ----------------------------------------------------------------- contract (CW-31, CW-50)


class CreditCheck(_Action):
    type: Literal["credit_check"] = "credit_check"
    account: str


class AmendContract(_Action):
    """Propose a clause change: ``advance_payment`` share paid up front, or a ``late_penalty`` rate."""

    type: Literal["amend_contract"] = "amend_contract"
    account: str
    clause: Literal["advance_payment", "late_penalty"]
    value: float = Field(ge=0, le=0.5)


class SignContract(_Action):
    type: Literal["sign"] = "sign"
    account: str


class DeclineContract(_Action):
    type: Literal["decline_contract"] = "decline_contract"
    account: str


# ----------------------------------------------------------------- fulfilment (CW-40)


class RunWeeks(_Action):
    """Run the market week by week; stops early when something needs attention."""

    type: Literal["run_weeks"] = "run_weeks"
    weeks: int | None = Field(None, ge=1, description="At most this many weeks (default: to the round's end).")


class Expedite(_Action):
    type: Literal["expedite"] = "expedite"
    incident: int


class InformCustomer(_Action):
    type: Literal["inform_customer"] = "inform_customer"
    incident: int


# ----------------------------------------------------------------- maintenance (CW-41..43)


class ResolveComplaint(_Action):
    type: Literal["resolve_complaint"] = "resolve_complaint"
    complaint: int


class Visit(_Action):
    type: Literal["visit"] = "visit"
    account: str


class SatisfactionSurvey(_Action):
    """CW-43: measure our customers' satisfaction in a segment (and show we listen)."""

    type: Literal["satisfaction_survey"] = "satisfaction_survey"
    segment: str


class Upsell(_Action):
    type: Literal["upsell"] = "upsell"
    account: str


# ----------------------------------------------------------------- risk (CW-50)


class RespondToRisk(_Action):
    type: Literal["respond_risk"] = "respond_risk"
    strike: int
    response: str


# ----------------------------------------------------------------- conduct (CW-63)


class ResolveDilemma(_Action):
    """Answer a conduct dilemma that has come up."""

    type: Literal["resolve_dilemma"] = "resolve_dilemma"
    dilemma: str
    choice: str


Action = Annotated[
    EndPhase
    | Questionnaire
    | Interview
    | MarketResearch
    | DataAnalysis
    | SelectTargets
    | SetForecast
    | SetPrice
    | AllocateEffort
    | SetChannel
    | Pursue
    | MakeOffer
    | AskQuestion
    | PresentValue
    | ProposeTrade
    | RequestAuthority
    | AcceptOffer
    | WalkAway
    | CreditCheck
    | AmendContract
    | SignContract
    | DeclineContract
    | RunWeeks
    | Expedite
    | InformCustomer
    | ResolveComplaint
    | Visit
    | SatisfactionSurvey
    | Upsell
    | RespondToRisk
    | ResolveDilemma,
    Field(discriminator="type"),
]

ACTION_ADAPTER: TypeAdapter[Action] = TypeAdapter(Action)

_RISK_PHASES = frozenset({Phase.FULFILMENT, Phase.MAINTENANCE, Phase.RISK, Phase.BRIEFING})

# Which phases each action type is legal in (EndPhase: every phase but the debrief).
LEGAL_PHASES: dict[str, frozenset[Phase]] = {
    "questionnaire": frozenset({Phase.ANALYSIS}),
    "interview": frozenset({Phase.ANALYSIS}),
    "market_research": frozenset({Phase.ANALYSIS}),
    "data_analysis": frozenset({Phase.ANALYSIS}),
    "select_targets": frozenset({Phase.ANALYSIS, Phase.PLANNING}),
    "set_forecast": frozenset({Phase.PLANNING}),
    "set_price": frozenset({Phase.PLANNING}),
    "allocate_effort": frozenset({Phase.PLANNING}),
    "set_channel": frozenset({Phase.PLANNING}),
    "pursue": frozenset({Phase.NEGOTIATION}),
    "offer": frozenset({Phase.NEGOTIATION}),
    "ask": frozenset({Phase.NEGOTIATION}),
    "present_value": frozenset({Phase.NEGOTIATION}),
    "trade": frozenset({Phase.NEGOTIATION}),
    "request_authority": frozenset({Phase.NEGOTIATION}),
    "accept_offer": frozenset({Phase.NEGOTIATION}),
    "walk_away": frozenset({Phase.NEGOTIATION}),
    "credit_check": frozenset({Phase.CONTRACT}),
    "amend_contract": frozenset({Phase.CONTRACT}),
    "sign": frozenset({Phase.CONTRACT}),
    "decline_contract": frozenset({Phase.CONTRACT}),
    "run_weeks": frozenset({Phase.FULFILMENT}),
    "expedite": frozenset({Phase.FULFILMENT, Phase.MAINTENANCE}),
    "inform_customer": frozenset({Phase.FULFILMENT, Phase.MAINTENANCE}),
    "resolve_complaint": frozenset({Phase.FULFILMENT, Phase.MAINTENANCE}),
    "visit": frozenset({Phase.MAINTENANCE}),
    "satisfaction_survey": frozenset({Phase.MAINTENANCE}),
    "upsell": frozenset({Phase.MAINTENANCE}),
    "respond_risk": _RISK_PHASES,
    "resolve_dilemma": frozenset(Phase) - {Phase.DEBRIEF, Phase.REVIEW},
}


def parse_action(data: dict) -> Action:
    """Validate a JSON-like dict as an action (raises pydantic.ValidationError)."""
    return ACTION_ADAPTER.validate_python(data)


def action_to_dict(action: Action) -> dict:
    return action.model_dump(mode="json")
