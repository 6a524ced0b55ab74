"""Templates that count: ``str.format`` plus ``{n:one|many}``, the number with the word for that
many — ``{deals:deal|deals}`` gives "1 deal" and "3 deals", ``{signed:was|were}`` "1 was" and
"2 were". English needs it; a Chinese template never does. ``{n:?text}`` gives ``text`` (which
may hold fields of its own) when ``n`` is not 0, nothing when it is: a sentence about rounds
that never happened is left out."""

from __future__ import annotations

import string
from typing import Any


class _Counted(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.startswith("?"):
            return format_spec[1:] if value else ""
        if "|" in format_spec:
            one, many = format_spec.split("|", 1)
            return f"{value} {one if value == 1 else many}"
        return str(super().format_field(value, format_spec))


_FORMATTER = _Counted()


def counted(template: str, **facts: Any) -> str:
    """``template`` filled with ``facts``, each ``{name:one|many}`` with its word for that many and
    each ``{name:?text}`` there only when ``name`` is not 0 (the ends trimmed)."""
    return _FORMATTER.format(template, **facts).strip()
