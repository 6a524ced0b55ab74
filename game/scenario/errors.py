"""Positioned problems found in a data file, and the exception that carries them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from game.scenario.messages import Lang, Msg, msg, render

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
    "E105": "parts of the scenario that do not agree: a dangling reference, a duplicate id, or a "
    "negotiation option the game cannot play (a service level without a cost in "
    "company.service_cost, text where a number is needed, a discount outside 0 up to 1, a "
    "volume share of 0 or less)",
    "E106": "a rule of the format is broken",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) in a file, at a 1-based line and column.

    ``text`` and ``advice`` are catalog messages; ``message`` and ``hint`` are them in English,
    ``message_in`` / ``hint_in`` / ``format`` in the reader's language.
    """

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    text: Msg
    advice: Msg | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.text, Msg) or not isinstance(self.advice, Msg | None):
            raise TypeError("a problem's message and hint are catalog messages (Msg)")

    @property
    def message(self) -> str:
        return self.message_in("en")

    @property
    def hint(self) -> str:
        return self.hint_in("en")

    def message_in(self, lang: Lang) -> str:
        return render(self.text, lang)

    def hint_in(self, lang: Lang) -> str:
        return render(self.advice, lang) if self.advice is not None else ""

    def format(self, lang: Lang = "en") -> str:
        """``path:line:col: severity CODE: message`` and the hint under it, in ``lang``."""
        head = render(
            msg(
                "label.problem",
                path=self.path,
                line=self.line,
                column=self.column,
                severity=msg(f"label.{self.severity}"),
                code=self.code,
                message=self.text,
            ),
            lang,
        )
        if self.advice is None:
            return head
        return head + "\n" + render(msg("label.hint_line", hint=self.advice), lang)

    def __str__(self) -> str:
        return self.format("en")

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.line, self.column, self.code)


class RuleBroken(ValueError):
    """A rule of the format a model validator found broken, with its catalog message."""

    def __init__(self, text: Msg) -> None:
        super().__init__(str(text))
        self.text = text


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


def error(path: str, line: int, column: int, code: str, text: Msg, advice: Msg | None) -> Problem:
    """An error-severity problem (``code`` must be one of ``CODES``)."""
    if code not in CODES:
        raise ValueError(f"unknown problem code {code!r}")
    return Problem(path, line, column, "error", code, text, advice)
