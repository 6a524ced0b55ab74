"""The help's content (``assets/help.yaml``): what each screen shows with the courseware sections
it practises, and a glossary of the courseware's terms, in zh and en."""

from __future__ import annotations

from functools import cache
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from game.scenario.text import Text
from game.ui.paths import ASSETS

HELP_FILE = ASSETS / "help.yaml"
CourseId = Annotated[str, StringConstraints(pattern=r"^CW-\d{2}$")]


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ScreenHelp(_Data):
    courseware: list[CourseId] = Field(min_length=1)
    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class GlossaryTerm(_Data):
    term: Text
    meaning: Text
    courseware: CourseId


class TourMark(_Data):
    """One mark of the guided first round: a widget of one screen and what to say about it."""

    screen: str
    target: str = Field(pattern=r"^#[a-z_]+$")
    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class HelpContent(_Data):
    screens: dict[str, ScreenHelp]
    glossary: list[GlossaryTerm] = Field(min_length=1)
    tour: list[TourMark] = Field(default_factory=list)


def section_key(cw: str) -> str:
    """The interface's catalog key of a courseware section's name: CW-50 -> cw.cw_50."""
    return "cw." + cw.lower().replace("-", "_")


@cache
def help_content() -> HelpContent:
    """The help file, validated (a broken file fails the test suite, not the player)."""
    return HelpContent.model_validate(yaml.safe_load(HELP_FILE.read_text(encoding="utf-8")))
