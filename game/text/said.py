"""Errors told to people in English or Chinese: one line naming where, then a hint, with the
common ones kept as data (a JSON file: key -> {message: {en, zh}, hint: {en, zh}})."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any


def frame(where: str, message: str, hint: str, lang: str = "en") -> str:
    """``where: error: message`` and an indented ``hint:`` line (``where：错误：…`` in Chinese)."""
    if lang == "zh":
        text = f"{where}：错误：{message}" if where else f"错误：{message}"
        return text + (f"\n  提示：{hint}" if hint else "")
    text = f"{where}: error: {message}" if where else f"error: {message}"
    return text + (f"\n  hint: {hint}" if hint else "")


@cache
def catalog(path: Path) -> dict[str, Any]:
    """A text file's entries (errors, patterns), read once."""
    return dict(json.loads(path.read_text(encoding="utf-8")))


def worded(path: Path, key: str, lang: str, facts: dict[str, Any]) -> tuple[str, str]:
    """The message and hint of ``key`` in ``lang``, with its facts filled in."""
    entry = catalog(path)[key]
    return entry["message"][lang].format(**facts), entry["hint"][lang].format(**facts)
