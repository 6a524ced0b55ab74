"""The persona word file (``persona_words.yaml``) as a validated model: every tactic, openness,
issue and kind of want has its words in English and Chinese, with the same placeholders."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

from game.scenario.loader import load_file
from game.scenario.messages import placeholders
from game.scenario.models import NegotiationIssue, Tactic

WORDS_FILE = Path(__file__).with_name("persona_words.yaml")

ONE_LANGUAGE = frozenset({"verb", "measure"})
"""Placeholders only one language uses: the English verb's number, the Chinese measure word."""

Openness = Literal["guarded", "general", "open"]
WantKind = Literal["price_best", "volume_whole", "volume_part", "delivery_within", "delivery_any",
                   "payment_days", "payment_now", "level", "level_enough"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Words(_Strict):
    """One phrase in both languages."""

    en: str = Field(description="English 英文")
    zh: str = Field(description="Chinese 中文")

    @model_validator(mode="after")
    def _same_placeholders(self) -> Words:
        if placeholders(self.en) - ONE_LANGUAGE != placeholders(self.zh) - ONE_LANGUAGE:
            raise ValueError(f"'{self.en}' and '{self.zh}' need the same placeholders")
        return self

    def pick(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class PersonaWords(_Strict):
    """The sentences a structured persona is written with."""

    line: Words = Field(description="Persona line 画像句 — {name}, {role}, {background}, {style}, {openness}.")
    needs: Words = Field(description="Needs 需求句 — the volume, what they buy and why, what they want, what matters most.")
    needs_plain: Words = Field(description="Needs without wants 无具体要求的需求句 — when nothing is asked for.")
    enough: Words = Field(description="Enough 即可 — '; {what}' after the wants.")
    and_: Words = Field(alias="and", description="And 和 — before the last item of a list.")
    comma: Words = Field(description="Comma 顿号 — between the items of a list.")
    verb: dict[Literal["one", "many"], str] = Field(description="Verb 动词 — 'matters' or 'matter' (English).")
    style: dict[str, Words] = Field(description="Style 风格 — one sentence per tactic kind.")
    openness: dict[Openness, Words] = Field(description="Openness 坦率程度 — by the starting trust.")
    issues: dict[str, Words] = Field(description="Issues 议题 — each issue as a sentence names it.")
    wants: dict[WantKind, Words] = Field(description="Wants 要求 — each kind of want, with its placeholders.")
    options: dict[str, dict[str, Words]] = Field(description="Options 选项 — issue -> label -> the phrase that says it.")
    numbers: dict[Literal["en", "zh"], dict[int, str]] = Field(description="Numbers 数字 — small numbers in words.")

    @model_validator(mode="after")
    def _complete(self) -> PersonaWords:
        kinds = set(get_args(Tactic.model_fields["kind"].annotation))
        issues = set(get_args(NegotiationIssue.model_fields["id"].annotation))
        for name, have, need in (("style", set(self.style), kinds), ("issues", set(self.issues), issues),
                                 ("openness", set(self.openness), set(get_args(Openness))),
                                 ("wants", set(self.wants), set(get_args(WantKind)))):
            if have != need:
                raise ValueError(f"{name} needs exactly {sorted(need)} (has {sorted(have)})")
        return self


@cache
def persona_words() -> PersonaWords:
    """The validated word file (read once)."""
    return load_file(WORDS_FILE, PersonaWords)[0]
