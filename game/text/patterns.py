"""Lines a lower layer words in English, told in Chinese by patterns kept as data: each pattern
is an English regular expression with named groups and its Chinese with those names; the first
pattern that matches the whole line wins, and a line no pattern knows stays as it is."""

from __future__ import annotations

import re


def translated_line(line: str, patterns: list[dict[str, str]], lang: str) -> str:
    """``line`` in ``lang`` by the first of ``patterns`` that matches it whole."""
    if lang == "en":
        return line
    for pattern in patterns:
        found = re.fullmatch(pattern["en"], line, re.S)
        if found is not None:
            return str(pattern[lang]).format(**found.groupdict())
    return line
