"""What every command prints: ``--json`` and ``--lang`` on each subcommand, and one way to say it.

A command returns a ``Result``: its data for tools and its messages for people, each a key of
``cli_text.json`` with the facts it names. ``emit`` prints it: in text mode the body (a table, a
file) and the messages in ``--lang`` (information on stdout, warnings and errors on stderr); with
``--json`` one JSON document on stdout and nothing else there. A command that cannot go on raises
``CommandError`` (a message of the catalog) or lets a records, scenario or outside player's
error through.

Exit codes: 0 done, 1 problems found (the document says ``"ok": false``), 2 a usage error (only a
message on stderr, never a document).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from pathlib import Path
from typing import Any, Literal

from game.bots.errors import PlayerError
from game.records.errors import RecordsError
from game.reports.words import Words
from game.scenario.errors import ScenarioError
from game.text.locale import LANGS, Lang, default_lang

TEXT_FILE = Path(__file__).with_name("cli_text.json")
Level = Literal["info", "warning", "error"]
RESERVED = ("command", "ok", "messages")
"""The keys every JSON document has; a command's own fields sit beside them."""

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def add_output_args(parser: argparse.ArgumentParser, json_output: bool = True,
                    lang_help: str = "the language of messages for people") -> None:
    """``--json`` (unless ``json_output`` is False: ``play`` opens a window) and ``--lang zh|en``.

    ``--lang`` is None when not given: ``lang_of`` reads it as the locale's language (and the
    window as a resumed game's language)."""
    if json_output:
        parser.add_argument("--json", action="store_true",
                            help="one JSON document on stdout (keys: command, ok, messages and "
                            "the command's own fields)")
    parser.add_argument("--lang", choices=list(LANGS), default=None,
                        help=f"{lang_help} (default: from LC_ALL, LC_MESSAGES, LANG)")


def lang_of(args: argparse.Namespace) -> str:
    """The language asked for with ``--lang``, else the locale's."""
    return getattr(args, "lang", None) or default_lang()


def status_word(words: Words, status: str) -> str:
    """A session's status (open, finished, abandoned) in the words' language."""
    key = f"status.{status}"
    return words(key) if words.has(key) else status


class CliWords(Words):
    """The command line's messages in one language."""

    def __init__(self, lang: str) -> None:
        super().__init__(TEXT_FILE, lang)


@dataclass(frozen=True)
class Message:
    """A message for people: a catalog key and its facts, or a lower layer's ready ``text``."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)
    level: Level = "info"
    text: str | None = None

    def render(self, words: Words) -> str:
        return self.text if self.text is not None else words(self.key, **self.params)

    def as_json(self, words: Words) -> dict[str, Any]:
        return {"key": self.key, "level": self.level, "params": self.params,
                "text": self.render(words)}


@dataclass
class Result:
    """What a command found: ``data`` for tools, ``messages`` for people, ``body`` (text mode
    only: a table or a file's text, printed first), ``ok`` False when it found problems."""

    data: dict[str, Any] = field(default_factory=dict)
    messages: list[Message] = field(default_factory=list)
    body: str | None = None
    ok: bool = True

    def say(self, key: str, **params: Any) -> Result:
        self.messages.append(Message(key, params))
        return self

    def warn(self, key: str, **params: Any) -> Result:
        self.messages.append(Message(key, params, "warning"))
        return self

    def problem(self, key: str, **params: Any) -> Result:
        """A problem found: an error message, and the command ends with exit 1."""
        self.messages.append(Message(key, params, "error"))
        self.ok = False
        return self


class CommandError(Exception):
    """A command cannot go on: a catalog message, exit 1 (problems found) or 2 (usage)."""

    def __init__(self, key: str, exit_code: int = EXIT_USAGE, **params: Any) -> None:
        super().__init__(key)
        self.key, self.exit_code, self.params = key, exit_code, params


def records_message(err: RecordsError, lang: str) -> Message:
    """A records error as a message: its own key and facts when it has them, in ``lang``."""
    return Message(f"records.{err.key or 'error'}", {"where": err.where, "message": err.message,
                                                      "hint": err.hint}, "error", err.text(lang))


def scenario_messages(err: ScenarioError, lang: str = "en") -> list[Message]:
    """A scenario's problems as messages, their text and hint in ``lang``."""
    reader: Lang = "zh" if lang == "zh" else "en"
    return [Message("scenario.problem", {
        "path": p.path, "line": p.line, "column": p.column, "severity": p.severity,
        "code": p.code, "message": p.message_in(reader), "hint": p.hint_in(reader),
        "key": p.text.key}, p.severity, p.format(reader))
        for p in err.problems]


def emit(command: str, result: Result, args: argparse.Namespace) -> int:
    """Print ``result`` as text or JSON; the exit code (0 ok, 1 problems found)."""
    words = CliWords(lang_of(args))
    as_json = bool(getattr(args, "json", False))
    for m in result.messages:
        if m.level != "info":
            print(m.render(words), file=sys.stderr)
    if as_json:
        clash = set(RESERVED) & set(result.data)
        if clash:
            raise ValueError(f"{command}: its data may not use the keys {sorted(clash)}")
        document = {"command": command, "ok": result.ok,
                    "messages": [m.as_json(words) for m in result.messages], **result.data}
        print(json.dumps(document, ensure_ascii=False, sort_keys=True))
    else:
        if result.body is not None:
            sys.stdout.write(result.body if result.body.endswith("\n") else result.body + "\n")
        for m in result.messages:
            if m.level == "info":
                print(m.render(words))
    return EXIT_OK if result.ok else EXIT_PROBLEMS


Handler = Callable[[argparse.Namespace], int]
Command = Callable[[argparse.Namespace], Result]


def command(name: str, interrupted: str | None = None) -> Callable[[Command], Handler]:
    """Wrap a command that returns a ``Result`` into an argparse handler that emits it and turns
    a ``CommandError``, a records error or a scenario error into its message and exit code;
    ``interrupted``: the key said on Ctrl-C (exit 130)."""

    def decorate(run: Command) -> Handler:
        @wraps(run)
        def handler(args: argparse.Namespace) -> int:
            try:
                return emit(name, run(args), args)
            except (CommandError, PlayerError) as err:
                key = err.key if isinstance(err, CommandError) else f"player.{err.key}"
                message = Message(key, err.params, "error")
                if err.exit_code == EXIT_USAGE:
                    words = CliWords(lang_of(args))
                    print(message.render(words), file=sys.stderr)
                    return EXIT_USAGE
                return emit(name, Result(messages=[message], ok=False), args)
            except RecordsError as err:
                return emit(name, Result(messages=[records_message(err, lang_of(args))], ok=False),
                            args)
            except ScenarioError as err:
                return emit(name, Result(messages=scenario_messages(err, lang_of(args)), ok=False), args)
            except KeyboardInterrupt:
                if interrupted is None:
                    raise
                words = CliWords(lang_of(args))
                print(words(interrupted), file=sys.stderr)
                return 130

        return handler

    return decorate
