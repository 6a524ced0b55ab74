"""Bilingual text as it appears in scenarios: ``{en: ..., zh: ...}``."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, model_validator

from game.scenario.errors import RuleBroken
from game.scenario.messages import msg

LANGUAGES = ("en", "zh")


class Text(BaseModel):
    """A piece of scenario text in English and/or Simplified Chinese (at least one)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    en: str | None = None
    zh: str | None = None

    @model_validator(mode="after")
    def _one_language_at_least(self) -> Text:
        if not (self.en or self.zh):
            raise RuleBroken(msg("E106.text_language"))
        return self

    def pick(self, lang: str) -> str:
        """The text in ``lang``, falling back to the other language."""
        first = self.zh if lang == "zh" else self.en
        return first or self.en or self.zh or ""

    def missing_languages(self) -> list[str]:
        return [lang for lang in LANGUAGES if not getattr(self, lang)]
