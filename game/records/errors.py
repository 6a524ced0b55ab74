"""Errors for people: one message naming the file, and a hint for what to do.

The common ones are data: ``errors_text.json`` holds their message and hint in English and Chinese,
and ``RecordsError.said(where, key, **facts)`` raises one of them; ``text(lang)`` tells it in
either language (the others are in English).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from game.text.patterns import translated_line
from game.text.said import catalog, frame, worded

TEXT_FILE = Path(__file__).with_name("errors_text.json")
VERIFY_TEXT = Path(__file__).with_name("verify_text.json")


def texts() -> dict[str, dict[str, dict[str, str]]]:
    return catalog(TEXT_FILE)


class RecordsError(Exception):
    """A problem with the records (store, export, key, LRS) that a person can act on."""

    def __init__(self, where: str, message: str, hint: str = "") -> None:
        self.where, self.message, self.hint = where, message, hint
        self.key: str | None = None
        self.facts: dict[str, Any] = {}
        super().__init__(frame(where, message, hint))

    @classmethod
    def said(cls, where: str, key: str, **facts: Any) -> RecordsError:
        """The error ``key`` of ``errors_text.json`` about ``where``, with its facts."""
        err = cls(where, *worded(TEXT_FILE, key, "en", facts))
        err.key, err.facts = key, facts
        return err

    def message_in(self, lang: str) -> str:
        """The message alone in ``lang`` (English when it has no Chinese)."""
        if self.key is None or lang == "en":
            return self.message
        return worded(TEXT_FILE, self.key, lang, self.facts)[0]

    def hint_in(self, lang: str) -> str:
        """The hint alone in ``lang`` (English when it has no Chinese)."""
        if self.key is None or lang == "en":
            return self.hint
        return worded(TEXT_FILE, self.key, lang, self.facts)[1]

    def text(self, lang: str) -> str:
        """The message and its hint in ``lang`` (English when it has no Chinese)."""
        if self.key is None or lang == "en":
            return str(self)
        return frame(self.where, *worded(TEXT_FILE, self.key, lang, self.facts), lang)


class StoreError(RecordsError):
    """The records database cannot be used (corrupted, foreign, too new, locked)."""


def verify_line(line: str, lang: str) -> str:
    """One finding of a record check (worded in English, which the JSON output keeps) told in
    ``lang``, by the patterns of ``verify_text.json``."""
    return translated_line(line, catalog(VERIFY_TEXT)["patterns"], lang)


class TamperError(RecordsError):
    """An export whose signature, saved game or scores do not check out."""

    findings: tuple[str, ...] = ()
    """What did not check out, one line each, in English (``refused`` keeps them)."""

    @classmethod
    def refused(cls, where: str, findings: list[str]) -> TamperError:
        """The record at ``where`` is refused for ``findings``."""
        err = cast(TamperError, cls.said(where, "record_refused", lines=_listed(findings)))
        err.findings = tuple(findings)
        return err

    def text(self, lang: str) -> str:
        if self.key != "record_refused" or lang == "en":
            return super().text(lang)
        lines = _listed([verify_line(line, lang) for line in self.findings])
        return frame(self.where, *worded(TEXT_FILE, self.key, lang, {"lines": lines}), lang)


def _listed(lines: list[str]) -> str:
    return "".join(f"\n  - {line}" for line in lines)
