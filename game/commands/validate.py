"""``validate``: check and lint scenario files and print every problem with its position."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from game.text.locale import LANGS, default_lang


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("validate", help="check and lint scenario files; print positioned problems")
    p.add_argument("files", nargs="+")
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="text for people (default) or a JSON list for tools")
    p.add_argument("--json", dest="format", action="store_const", const="json",
                   help="the same as --format json, as on every other command")
    p.add_argument("--lang", choices=LANGS, default=None,
                   help="the language of the messages and hints (default: from LC_ALL, "
                        "LC_MESSAGES, LANG)")
    p.set_defaults(func=cmd_validate)


def cmd_validate(args: argparse.Namespace) -> int:
    """Load and lint each file: exit 0 when no file has errors (warnings alone pass), else 1."""
    from game.scenario.errors import Problem
    from game.scenario.messages import msg, render
    from game.trainer.lint import check_file, problems_json

    lang = args.lang or default_lang()
    found: list[Problem] = []
    bad = 0
    for path in args.files:
        problems = check_file(path)
        found.extend(problems)
        failed = any(p.severity == "error" for p in problems)
        bad += failed
        if args.format == "text":
            for problem in problems:
                print(problem.format(lang), file=sys.stderr)
            if not failed:
                n = len(problems)
                ok = (
                    msg("validate.ok", path=path) if n == 0
                    else msg("validate.ok_one_warning", path=path) if n == 1
                    else msg("validate.ok_warnings", path=path, count=n)
                )
                print(render(ok, lang))
    if args.format == "json":
        print(problems_json(found, lang))
    return 1 if bad else 0
