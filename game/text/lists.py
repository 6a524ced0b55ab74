"""How a list of names reads: ``a, b, c`` in English, ``a、b、c`` in Chinese (the enumeration
comma between items of one kind)."""

from __future__ import annotations

from collections.abc import Iterable


def name_list(items: Iterable[str], lang: str) -> str:
    """``items`` joined as ``lang`` writes a list of names."""
    return ("、" if lang == "zh" else ", ").join(items)
