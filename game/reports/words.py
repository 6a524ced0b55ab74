"""A report's words in one language, from a JSON file whose leaves are ``{"en": ..., "zh": ...}``
(flat, or nested and reached by dotted keys such as ``flags.fix``)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from game.reports.html import LANGS


@cache
def load_words(path: Path) -> dict[str, Any]:
    return dict(json.loads(path.read_text(encoding="utf-8")))


class Words:
    """The words of ``text_file`` in ``lang`` (one of ``LANGS``)."""

    def __init__(self, text_file: Path, lang: str) -> None:
        if lang not in LANGS:
            raise ValueError(f"unknown language '{lang}' (use one of {', '.join(LANGS)})")
        self.lang = lang
        self.text = load_words(text_file)

    def _node(self, key: str) -> Any:
        node: Any = self.text
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
        return node

    def has(self, key: str) -> bool:
        node = self._node(key)
        return isinstance(node, dict) and self.lang in node

    def __call__(self, key: str, **facts: Any) -> str:
        node = self._node(key)
        if not isinstance(node, dict) or self.lang not in node:
            raise KeyError(key)
        template: str = node[self.lang]
        return template.format(**facts) if facts else template

    def pick(self, words: Mapping[str, str] | None) -> str:
        """A name given in several languages (from a rubric or a scenario): this language's,
        else the English, else any."""
        if not words:
            return ""
        return words.get(self.lang) or words.get("en") or next(iter(words.values()), "")
