"""Positioned problems found in a data file, and the exception that carries them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

CODES: dict[str, str] = {
    "E001": "the file cannot be read (not found, a folder, or no permission)",
    "E002": "the file is too large to be a scenario",
    "E003": "the file is not UTF-8 text (binary data, a NUL byte or a control character)",
    "E004": "the file is empty",
    "E010": "YAML syntax error",
    "E011": "forbidden tag: only plain text, numbers, true/false, null, lists and mappings",
    "E012": "too many aliases, nodes or nesting levels (or an alias that refers to itself)",
    "E013": "the same key appears twice in one mapping",
    "E014": "the top level is not a mapping of keys",
    "E101": "unknown key",
    "E102": "missing required key",
    "E103": "wrong type of value",
    "E104": "value out of range or not one of the allowed values",
    "E105": "dangling reference or duplicate id",
    "E106": "a rule of the format is broken",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) in a file, at a 1-based line and column."""

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str
    hint: str

    def __str__(self) -> str:
        head = f"{self.path}:{self.line}:{self.column}: {self.severity} {self.code}: {self.message}"
        return f"{head}\n  hint: {self.hint}" if self.hint else head

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.line, self.column, self.code)


class ScenarioError(Exception):
    """A data file could not be loaded; ``problems`` says where and why, sorted by position."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        ordered = sorted(problems, key=lambda p: p.sort_key)
        if not ordered:
            raise ValueError("ScenarioError needs at least one problem")
        super().__init__(ordered)
        self.problems: list[Problem] = ordered

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    @property
    def codes(self) -> list[str]:
        """The problems' codes, in order (handy for tests and summaries)."""
        return [p.code for p in self.problems]


def error(path: str, line: int, column: int, code: str, message: str, hint: str) -> Problem:
    """An error-severity problem (``code`` must be one of ``CODES``)."""
    if code not in CODES:
        raise ValueError(f"unknown problem code {code!r}")
    return Problem(path, line, column, "error", code, message, hint)
