"""``--help`` in the reader's language: the commands' help words are English in the code and
told in Chinese from ``help_text.json`` (English text -> Chinese, gettext's way), wrapped by
terminal columns so that a Chinese line is as wide as an English one."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from game.text.linebreak import columns, wrap
from game.text.locale import Lang
from game.text.said import catalog

TEXT_FILE = Path(__file__).with_name("help_text.json")
WIDE_TITLE = re.compile(r"^(\S.*[\u3000-\u9fff\uff00-\uffef]):$", re.M)


@cache
def _told(lang: Lang) -> dict[str, str]:
    return {entry["en"]: entry[lang] for entry in catalog(TEXT_FILE)["help"]}


def help_in(text: str, lang: Lang) -> str:
    """``text`` (a help line as the code words it) in ``lang``; a text the file lacks stays."""
    return text if lang == "en" else _told(lang).get(text, text)


def word(key: str, lang: Lang) -> str:
    """One of argparse's own words (``usage``, ``positionals``, ``options``) in ``lang``."""
    return str(catalog(TEXT_FILE)["words"][key][lang])


def formatter(lang: Lang) -> type[argparse.HelpFormatter]:
    """A help formatter for ``lang``: its usage prefix, lines wrapped by terminal columns."""

    class Formatter(argparse.HelpFormatter):
        def _format_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None) -> str:
            # argparse indents the usage's further lines by the prefix's length in characters:
            # lay it out behind spaces as wide as the prefix, then put the prefix in their place
            prefix = word("usage", lang) if prefix is None else prefix
            text = super()._format_usage(usage, actions, groups, " " * columns(prefix))
            return prefix + text[columns(prefix):]

        def format_help(self) -> str:
            text = super().format_help()
            # a section's title ends with argparse's ":", a Chinese one with "："
            return text if lang == "en" else WIDE_TITLE.sub(r"\1：", text)

        def _split_lines(self, text: str, width: int) -> list[str]:
            return wrap(" ".join(text.split()), width, columns)

        def _fill_text(self, text: str, width: int, indent: str) -> str:
            return "\n".join(indent + line for line in wrap(" ".join(text.split()),
                                                              width - len(indent), columns))

    return Formatter


def _texts(parser: argparse.ArgumentParser) -> Iterator[tuple[Any, str]]:
    """Every object of ``parser`` that carries words of help, and the attribute that holds them."""
    yield parser, "description"
    for group in parser._action_groups:
        yield group, "title"
    for action in parser._actions:
        yield action, "help"
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                yield choice, "help"


@contextmanager
def told_in(parser: argparse.ArgumentParser, lang: Lang) -> Iterator[None]:
    """``parser`` wording its help in ``lang`` for the length of the block."""
    kept = [(owner, name, getattr(owner, name)) for owner, name in _texts(parser)]
    kept_formatter = parser.formatter_class
    titles = {word("positionals", "en"): word("positionals", lang),
              word("options", "en"): word("options", lang)}
    try:
        for owner, name, text in kept:
            if isinstance(text, str) and text != argparse.SUPPRESS:
                setattr(owner, name, titles.get(text, text) if name == "title" else help_in(text, lang))
        parser.formatter_class = formatter(lang)
        yield
    finally:
        for owner, name, text in kept:
            setattr(owner, name, text)
        parser.formatter_class = kept_formatter
