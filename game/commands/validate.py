"""``validate``: check and lint scenario files (and rubrics and the coaching content, each against
its own model) and print every problem with its position."""

from __future__ import annotations

import argparse
import json
from typing import Any

from game.text.locale import LANGS


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("validate", help="check and lint scenario files; print positioned problems")
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="scenario YAML files (a manager-track scenario, a rubric or the coaching "
                        "content is checked as what it is)")
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="text for people (default) or one JSON document for tools")
    p.add_argument("--json", dest="format", action="store_const", const="json",
                   help="the same as --format json: one JSON document on stdout (keys: command, ok, "
                        "messages, problems, files)")
    p.add_argument("--lang", choices=LANGS, default=None,
                   help="the language of the messages and hints (default: from LC_ALL, "
                        "LC_MESSAGES, LANG)")
    p.set_defaults(func=cmd_validate)


def cmd_validate(args: argparse.Namespace) -> int:
    """Load and lint each file: exit 0 when no file has errors (warnings alone pass), else 1.

    Text: each problem on stderr, a line per file that passed on stdout. JSON: the document every
    command prints, with ``problems`` (each with its position, code, catalog keys and words in
    ``--lang``) and ``files`` (each path with its counts)."""
    from game.commands.content_files import check_content
    from game.commands.output import Message, Result, emit, lang_of
    from game.scenario.messages import msg, render
    from game.trainer.lint import problems_json

    lang = "zh" if lang_of(args) == "zh" else "en"
    result = Result(data={"problems": [], "files": []})
    for path in args.files:
        kind, problems = check_content(path)
        errors = sum(p.severity == "error" for p in problems)
        result.data["problems"] += json.loads(problems_json(problems, lang))
        result.data["files"].append({"path": path, "kind": kind, "ok": not errors,
                                     "errors": errors, "warnings": len(problems) - errors})
        for p in problems:
            result.messages.append(Message(f"problem.{p.code}", {"path": p.path, "line": p.line,
                                                                 "column": p.column},
                                           p.severity, p.format(lang)))
        if errors:
            result.ok = False
            continue
        n = len(problems)
        ok = (msg("validate.ok", path=path) if n == 0
              else msg("validate.ok_one_warning", path=path) if n == 1
              else msg("validate.ok_warnings", path=path, count=n))
        result.messages.append(Message(ok.key, {"path": path, "warnings": n}, "info", render(ok, lang)))
    args.json = args.format == "json"
    return emit("validate", result, args)
