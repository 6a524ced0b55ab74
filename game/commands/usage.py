"""A usage error told in the reader's language: argparse's messages and the commands' own
argument checks, matched against ``usage_text.json`` (a message no pattern knows keeps its
English words inside the Chinese frame)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from game.text.locale import LANGS, Lang, default_lang
from game.text.patterns import translated_line
from game.text.said import catalog

TEXT_FILE = Path(__file__).with_name("usage_text.json")
ARGUMENT = re.compile(r"argument (?P<arg>[^:]+): (?P<message>.+)", re.S)


def usage_lang(argv: Sequence[str]) -> Lang:
    """The language a usage error is told in: ``--lang`` as written on the command line (it may
    not have been parsed when the error came), else the locale's."""
    for i, word in enumerate(argv):
        value = argv[i + 1] if word == "--lang" and i + 1 < len(argv) else \
            word.split("=", 1)[1] if word.startswith("--lang=") else None
        if value in LANGS:
            return value  # type: ignore[return-value]
    return default_lang()


def translated(message: str, lang: Lang) -> str:
    """``message`` (argparse's English) in ``lang``."""
    if lang == "en":
        return message
    text = catalog(TEXT_FILE)
    named = ARGUMENT.fullmatch(message)
    if named is not None:
        inner = translated(named["message"], lang)
        return text["argument"][lang].format(arg=named["arg"], message=inner)
    return translated_line(message, text["patterns"], lang)


def usage_error(prog: str, message: str, lang: Lang) -> str:
    """The whole usage error: one line and a hint, in ``lang``."""
    return str(catalog(TEXT_FILE)["frame"][lang]).format(prog=prog, message=translated(message, lang))
