"""Interface strings in English and Chinese, from assets/i18n/{en,zh}.json.

Both files must hold the same keys with the same ``{placeholders}``; ``load_catalogs`` checks it
(a pydantic model validates each file) and raises ``CatalogError`` naming what is wrong.
"""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

from pydantic import BaseModel, ConfigDict, RootModel, ValidationError, field_validator

from game.ui.paths import ASSETS

I18N_DIR = ASSETS / "i18n"
LANGUAGES = ("en", "zh")
KEY_PATTERN = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")


class CatalogError(Exception):
    """A translation file that is missing, malformed or out of step with the other language."""


class Catalog(RootModel[dict[str, str]]):
    """One language's strings: dotted lower-case keys to non-empty text."""

    @field_validator("root")
    @classmethod
    def _keys_and_values(cls, table: dict[str, str]) -> dict[str, str]:
        for key, text in table.items():
            if not KEY_PATTERN.match(key):
                raise ValueError(f"key '{key}' must be dotted lower-case words")
            if not text.strip():
                raise ValueError(f"key '{key}' has empty text")
            placeholders(text)  # raises on a malformed {field}
        return table


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a format string."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


ONE_LANGUAGE = frozenset({"measure"})
"""Fields only one language writes: the Chinese measure word of a product (English says
"units" or the product's plural)."""


def load_catalog(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CatalogError(f"{path}: {exc}") from exc
    try:
        return Catalog.model_validate(data).root
    except ValidationError as exc:
        raise CatalogError(f"{path}: {exc.errors()[0]['msg']}") from exc


def load_catalogs(directory: Path = I18N_DIR) -> dict[str, dict[str, str]]:
    """Every language's strings, checked to have the same keys and placeholders."""
    tables = {lang: load_catalog(directory / f"{lang}.json") for lang in LANGUAGES}
    base = tables[LANGUAGES[0]]
    problems: list[str] = []
    for lang in LANGUAGES[1:]:
        other = tables[lang]
        problems += [f"{lang}.json lacks '{k}'" for k in sorted(set(base) - set(other))]
        problems += [f"en.json lacks '{k}'" for k in sorted(set(other) - set(base))]
        for key in sorted(set(base) & set(other)):
            if placeholders(base[key]) - ONE_LANGUAGE != placeholders(other[key]) - ONE_LANGUAGE:
                problems.append(f"'{key}' has different placeholders in {lang}.json")
    if problems:
        raise CatalogError("; ".join(problems))
    return tables


_CACHE: dict[str, dict[str, str]] = {}


class Strings:
    """The interface strings of one language: ``t(key, **fields)``."""

    def __init__(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language '{lang}' (known: {', '.join(LANGUAGES)})")
        if not _CACHE:
            _CACHE.update(load_catalogs())
        self.lang = lang
        self.table = _CACHE[lang]

    def t(self, key: str, /, **fields: object) -> str:
        """The text of ``key`` (KeyError if there is none) with its fields filled in."""
        text = self.table[key]
        return text.format(**fields) if fields else text

    def get(self, key: str, default: str, /, **fields: object) -> str:
        """Like ``t`` but ``default`` when the key does not exist (for data-driven keys)."""
        return self.t(key, **fields) if key in self.table else default


class Term(BaseModel):
    """One concept's single wording per language, the wordings it must not take, and keys that name it."""

    model_config = ConfigDict(extra="forbid")

    meaning: str
    en: str
    zh: str
    avoid: dict[str, list[str]]
    keys: list[str]

    def word(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


class Terms(RootModel[dict[str, Term]]):
    """The terminology table: concept id to its wording."""


def load_terms(path: Path = I18N_DIR / "terms.json") -> dict[str, Term]:
    """The terminology table of assets/i18n/terms.json, validated."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Terms.model_validate(data).root
    except (OSError, json.JSONDecodeError) as exc:
        raise CatalogError(f"{path}: {exc}") from exc
    except ValidationError as exc:
        raise CatalogError(f"{path}: {exc.errors()[0]['msg']}") from exc


def term_problems(tables: dict[str, dict[str, str]], terms: dict[str, Term]) -> list[str]:
    """Where the catalogs stray from the terminology table: a listed key without its concept's
    word, or any string using a wording the table rules out."""
    problems: list[str] = []
    for concept, term in terms.items():
        for lang in LANGUAGES:
            table = tables[lang]
            word = term.word(lang).lower()
            for key in term.keys:
                if key not in table:
                    problems.append(f"{concept}: {lang}.json has no key '{key}'")
                elif word not in table[key].lower():
                    problems.append(f"{concept}: {lang}.json '{key}' does not say '{term.word(lang)}'")
            for bad in term.avoid.get(lang, []):
                problems += [
                    f"{concept}: {lang}.json '{key}' says '{bad}' where the term is '{term.word(lang)}'"
                    for key, text in table.items() if bad.lower() in text.lower()
                ]
    return problems
