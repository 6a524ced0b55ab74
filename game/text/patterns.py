"""Lines a lower layer words in English, told in Chinese by patterns kept as data: each pattern
is an English regular expression with named groups and its Chinese with those names; the first
pattern that matches the whole line wins, and a line no pattern knows stays as it is."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any


@cache
def pattern_file(path: Path) -> dict[str, Any]:
    """A patterns file, read once."""
    return dict(json.loads(path.read_text(encoding="utf-8")))


def translated_line(line: str, patterns: list[dict[str, str]], lang: str) -> str:
    """``line`` in ``lang`` by the first of ``patterns`` that matches it whole."""
    if lang == "en":
        return line
    for pattern in patterns:
        found = re.fullmatch(pattern["en"], line, re.S)
        if found is not None:
            return str(pattern[lang]).format(**found.groupdict())
    return line
