"""The course's sections a scenario may name in ``courseware:`` (data: courseware.yaml)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, RootModel

COURSEWARE_FILE = Path(__file__).with_name("courseware.yaml")


class Section(BaseModel):
    """One section's title in both languages."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    zh: str
    en: str


class Outline(RootModel[dict[str, Section]]):
    """Section id (``CW-nn``) -> title."""


@cache
def courseware_sections() -> dict[str, Section]:
    """Every courseware section by id, read once from courseware.yaml."""
    data = yaml.safe_load(COURSEWARE_FILE.read_text(encoding="utf-8"))
    return Outline.model_validate(data).root
