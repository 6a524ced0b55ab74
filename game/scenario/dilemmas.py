"""Scenario format: the ``dilemmas`` block — conduct dilemmas and what each answer leads to (CW-63).

A dilemma is put to the rep at the start of one phase of one round: a buyer asks for a kickback,
a contract to be back-dated, a promise delivery cannot keep; someone offers a rival's
confidential price list. Each choice says what the rep can see it brings now (``says``, its
money and effort) and hides what may follow: consequences that strike weeks later with a
probability (found out: a fine, trust and satisfaction lost; or, for straight dealing, trust
won). Which choices are proper conduct is the trainer's mark, never shown to the rep.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from game.scenario.errors import RuleBroken
from game.scenario.messages import msg
from game.scenario.text import Text

DilemmaKind = Literal["kickback", "backdate", "overpromise", "leaked_price_list"]
Act = Literal["comply", "refuse", "report", "counter", "ignore"]
DilemmaPhase = Literal[
    "briefing", "analysis", "planning", "negotiation", "contract", "fulfilment", "maintenance",
    "risk",
]
_ID = r"^[a-z][a-z0-9_-]{0,39}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Consequence(_Strict):
    """Something a choice may lead to later (hidden until it strikes)."""

    chance: float = Field(
        ge=0, le=1,
        description="Chance 概率 — probability that it happens at all, drawn when the rep "
        "chooses.", examples=[0.6])
    after_weeks: int = Field(
        ge=0, le=52,
        description="Delay 延迟周数 — weeks after the choice that it strikes (0: at once).",
        examples=[6])
    says: Text = Field(
        description="What happens 发生了什么 — the news the rep reads when it strikes.",
        examples=[{"en": "Compliance found the payment; the company is fined.",
                   "zh": "合规部门发现了这笔款项，公司被罚款。"}])
    money: float = Field(
        0.0,
        description="Money 金额 — a cost booked when it strikes (a fine, a refund; negative: "
        "money coming in).", examples=[150000])
    trust: float = Field(
        0.0, ge=-1, le=1,
        description="Trust 信任变化 — added to every key account's trust in the rep (word gets "
        "around).", examples=[-0.15])
    satisfaction: float = Field(
        0.0, ge=-1, le=1,
        description="Satisfaction 满意度变化 — added to the satisfaction of every key account we "
        "serve.", examples=[-0.1])


class DilemmaChoice(_Strict):
    """One answer the rep may give."""

    id: str = Field(pattern=_ID, description="Choice id 选项编号 — unique within the dilemma.",
                    examples=["decline"])
    label: Text = Field(
        description="Label 选项 — the answer as the rep reads it on the button.",
        examples=[{"en": "Decline and explain our policy", "zh": "婉拒并说明公司规定"}])
    act: Act = Field(
        description="Act 做法 — what the answer does, as the rep can tell from its words: comply "
        "(do what is asked), refuse, report (refuse and tell the manager or compliance), "
        "counter (offer an honest alternative) or ignore (let it pass without an answer; "
        "usually the default).", examples=["refuse"])
    says: Text = Field(
        description="Visible effect 可见后果 — what the rep can see this answer brings now.",
        examples=[{"en": "The buyer is cool with you for a while.",
                   "zh": "采购方对你冷淡了一阵。"}])
    money: float = Field(
        0.0,
        description="Money now 当即金额 — cost booked at once (negative: money coming in).",
        examples=[0])
    effort: float = Field(0.0, ge=0, le=20,
                          description="Effort 工作量 — days it takes from the round's budget.",
                          examples=[0.5])
    trust: float = Field(
        0.0, ge=-1, le=1,
        description="Trust now 当即信任变化 — added at once to the asking account's trust.",
        examples=[-0.05])
    proper: bool = Field(
        False,
        description="Proper conduct 合规行为 — the trainer's mark of the conduct the courseware "
        "asks for (CW-63); scored, never shown to the rep.", examples=[True])
    best: bool = Field(
        False,
        description="Best conduct 最佳做法 — among the proper answers, the one the courseware "
        "prefers: a clear no with an honest alternative, or a report (CW-63); a proper answer "
        "not marked best then scores less (the rubric's proper_not_best). Scored, never shown.",
        examples=[True])
    later: list[Consequence] = Field(
        default_factory=list,
        description="Later 后续影响 — what may follow, hidden until it strikes.",
        examples=[[]])


class Dilemma(_Strict):
    """A conduct dilemma put to the rep (CW-63 professional ethics)."""

    id: str = Field(pattern=_ID, description="Dilemma id 情境编号 — unique among the dilemmas.",
                    examples=["jinling-fee"])
    kind: DilemmaKind = Field(
        description="Kind 类型 — kickback, backdate, overpromise or leaked_price_list.",
        examples=["kickback"])
    round: int = Field(ge=1, description="Round 轮次 — the round it comes up in.", examples=[1])
    phase: DilemmaPhase = Field(
        description="Phase 阶段 — the phase at whose start it comes up; it must be answered "
        "before that phase ends.", examples=["negotiation"])
    account: str | None = Field(
        None,
        description="Key account 相关大客户 — the account whose person raises it (none: someone "
        "else, e.g. a contact at a rival).", examples=["jinling-mfg"])
    when: Literal["always", "in_talks", "deal"] = Field(
        "always",
        description="Only if 出现条件 — always; in_talks: only while we negotiate with the account; "
        "deal: only once the account agreed a deal (a dilemma whose condition fails at its phase's "
        "start never comes up).", examples=["deal"])
    situation: Text = Field(
        description="Situation 情境 — what happens, as the rep reads it.",
        examples=[{"en": "Mr Zhao hints that a 'consulting fee' would settle the order.",
                   "zh": "赵先生暗示，一笔“咨询费”就能敲定订单。"}])
    choices: list[DilemmaChoice] = Field(
        min_length=2,
        description="Choices 选项 — two to four answers.", examples=[[]])
    default: str = Field(
        description="If unanswered 未回应时 — the choice the game takes when the phase ends "
        "without an answer (an unanswered dilemma is never scored as handled).",
        examples=["ignore"])

    @model_validator(mode="after")
    def _choices(self) -> Dilemma:
        ids = [c.id for c in self.choices]
        if len(set(ids)) != len(ids) or len(ids) > 4:
            raise RuleBroken(msg("E106.dilemma_choices", id=self.id))
        if self.default not in ids:
            raise RuleBroken(msg("E106.dilemma_default", id=self.id, default=self.default,
                                 choices=", ".join(ids)))
        if self.when != "always" and self.account is None:
            raise RuleBroken(msg("E106.dilemma_when", id=self.id, when=self.when))
        if not any(c.proper for c in self.choices):
            raise RuleBroken(msg("E106.dilemma_no_proper", id=self.id))
        improper_best = [c.id for c in self.choices if c.best and not c.proper]
        if improper_best:
            raise RuleBroken(msg("E106.dilemma_best_proper", id=self.id,
                                 choices=", ".join(improper_best)))
        return self

    def choice(self, cid: str) -> DilemmaChoice:
        return next(c for c in self.choices if c.id == cid)
