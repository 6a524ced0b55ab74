"""A key account's persona as structured data: who the trainee meets and what they buy it for.

Everything a persona *claims* — how the contact negotiates, how open they are, which issues
matter most and what they want on each — is not written here but derived from the account's
tactic, trust and hidden preferences (``game.scenario.persona_text``), so the briefing can never
contradict the numbers the customer negotiates with.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from game.scenario.text import Text


class Persona(BaseModel):
    """The contact and the purchase; the game writes the persona line and the needs from it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Text = Field(
        description="Contact 联系人 — how the trainee addresses them.",
        examples=[{"en": "Ms Chen", "zh": "陈女士"}],
    )
    role: Text = Field(
        description="Role 职务 — their job, lower case in English.",
        examples=[{"en": "IT procurement lead", "zh": "IT采购负责人"}],
    )
    background: Text | None = Field(
        None,
        description="Background 背景 — one optional sentence about the organisation; it must not state needs or style, which are generated.",
        examples=[{"en": "The studio lives from one release to the next.", "zh": "工作室靠一款款游戏上线维持现金流。"}],
    )
    buys: Text = Field(
        description="What they buy 采购品名 — the product in the plural, as the needs name it after the volume.",
        examples=[{"en": "notebooks", "zh": "笔记本"}],
    )
    measure: str | None = Field(
        None,
        min_length=1,
        max_length=2,
        description="Measure word 量词 — the Chinese measure word after the volume (台, 套, 把 ...); by default the product's.",
        examples=["台"],
    )
    purpose: Text | None = Field(
        None,
        description="Purpose 用途 — what the purchase is for: 'for ...' in English, '为……' in Chinese.",
        examples=[{"en": "for branch staff before the audit season", "zh": "在审计季前为各网点员工"}],
    )
