"""The language people read messages in: ``--lang`` when given, else the system locale."""

from __future__ import annotations

import os
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("en", "zh")


def default_lang(environ: dict[str, str] | None = None) -> Lang:
    """zh when the locale (LC_ALL, LC_MESSAGES, LANG, LANGUAGE) names Chinese, else en."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"
