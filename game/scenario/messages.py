"""The words of every positioned problem, in English and Chinese, kept as data.

A problem's message and hint are a ``Msg``: a key into the catalog (``messages.yaml`` for the
loader, ``messages_lint.yaml`` for the lint) and the values of its named ``{placeholders}``. A
parameter may itself be a ``Msg`` or a ``Joined`` list, so fragments such as "a whole number" or
"'a', 'b' or 'c'" read naturally in either language. ``render`` writes a message in a language.
Building a ``Msg`` with a key the catalog lacks, or with other parameters than its placeholders,
raises at once, so no caller can print text that is not in the catalog.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal, Union

import yaml
from pydantic import BaseModel, ConfigDict, RootModel, model_validator

from game.text.locale import LANGS, Lang

MESSAGE_FILES = (
    Path(__file__).with_name("messages.yaml"),
    Path(__file__).with_name("messages_lint.yaml"),
)
"""The catalog's files: group -> name -> {en: ..., zh: ...}; a key is ``group.name``."""

JoinKind = Literal["or", "and", "ids"]


def placeholders(template: str) -> frozenset[str]:
    """The names of a template's ``{placeholders}`` (format specs aside)."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


class Entry(BaseModel):
    """One message in both languages, with the same placeholders in each."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    en: str
    zh: str

    @model_validator(mode="after")
    def _same_placeholders(self) -> Entry:
        if placeholders(self.en) != placeholders(self.zh):
            raise ValueError(
                f"en has {sorted(placeholders(self.en))}, zh has {sorted(placeholders(self.zh))}"
            )
        return self

    def template(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en


class CatalogFile(RootModel[dict[str, dict[str, Entry]]]):
    """A catalog file: group -> name -> entry."""


class UnknownMessage(KeyError):
    """A key the catalog does not have, or parameters that do not fit its placeholders."""


@cache
def catalog() -> dict[str, Entry]:
    """Every entry by its key ``group.name``, read once from the catalog files."""
    out: dict[str, Entry] = {}
    for path in MESSAGE_FILES:
        data = CatalogFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        for group, entries in data.root.items():
            for name, entry in entries.items():
                key = f"{group}.{name}"
                if key in out:
                    raise ValueError(f"message key {key!r} is defined twice")
                out[key] = entry
    return out


def entry(key: str) -> Entry:
    """The catalog's entry for ``key``; UnknownMessage if there is none."""
    found = catalog().get(key)
    if found is None:
        raise UnknownMessage(f"no message {key!r} in the catalog")
    return found


Param = Union[str, int, float, "Msg", "Joined"]


@dataclass(frozen=True)
class Msg:
    """A catalog key and the values of its placeholders."""

    key: str
    params: tuple[tuple[str, Param], ...] = ()

    def __post_init__(self) -> None:
        wanted = placeholders(entry(self.key).en)
        given = {name for name, _ in self.params}
        if given != wanted:
            raise UnknownMessage(
                f"message {self.key!r} takes {sorted(wanted)}, not {sorted(given)}"
            )

    def __str__(self) -> str:
        return render(self, "en")


@dataclass(frozen=True)
class Joined:
    """Items written as a list in the reader's language: 'a, b or c' / 'a、b或c'."""

    items: tuple[Param, ...]
    kind: JoinKind = "or"


def msg(key: str, /, **params: Param) -> Msg:
    """The message ``key`` with ``params`` (raises UnknownMessage if they do not fit)."""
    return Msg(key, tuple(sorted(params.items())))


def joined(items: Iterable[Param], kind: JoinKind = "or") -> Joined:
    return Joined(tuple(items), kind)


def render(item: Param, lang: Lang = "en") -> str:
    """``item`` written in ``lang`` (plain values as they are)."""
    if isinstance(item, Msg):
        values = {
            name: render(value, lang) if isinstance(value, Msg | Joined) else value
            for name, value in item.params
        }
        return entry(item.key).template(lang).format(**values)
    if isinstance(item, Joined):
        words = [render(part, lang) for part in item.items]
        if len(words) < 2:
            return "".join(words)
        between = entry(f"join.{item.kind}_between").template(lang)
        last = entry(f"join.{item.kind}_last").template(lang)
        return between.join(words[:-1]) + last + words[-1]
    return str(item)


__all__ = [
    "LANGS",
    "MESSAGE_FILES",
    "Entry",
    "Joined",
    "Lang",
    "Msg",
    "UnknownMessage",
    "catalog",
    "entry",
    "joined",
    "msg",
    "placeholders",
    "render",
]
