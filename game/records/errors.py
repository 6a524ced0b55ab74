"""Errors for people: one message naming the file, and a hint for what to do."""

from __future__ import annotations


class RecordsError(Exception):
    """A problem with the records (store, export, key, LRS) that a person can act on."""

    def __init__(self, where: str, message: str, hint: str = "") -> None:
        self.where, self.message, self.hint = where, message, hint
        text = f"{where}: error: {message}" if where else f"error: {message}"
        super().__init__(text + (f"\n  hint: {hint}" if hint else ""))


class StoreError(RecordsError):
    """The records database cannot be used (corrupted, foreign, too new, locked)."""


class TamperError(RecordsError):
    """An export whose signature, saved game or scores do not check out."""
