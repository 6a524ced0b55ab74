"""``class``: make a class file, serve the facilitator's dashboard from the LRS, export the
class debrief (``docs/classroom.md``)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any

from game.cli_args import seed_arg
from game.commands.output import (
    EXIT_PROBLEMS,
    CliWords,
    CommandError,
    Result,
    add_output_args,
    command,
    lang_of,
)
from game.text.locale import LANGS

PASSWORD_ENV = "SALES_DOJO_LRS_PASSWORD"


def _key(args: argparse.Namespace) -> bytes:
    from game.records.paths import data_dir
    from game.records.signing import require_key

    return require_key(data_dir(args.data_dir))


def _lrs_client(args: argparse.Namespace, info: Any) -> Any:
    """The facilitator's LRS client: --lrs, else the class file's endpoint; --user/--password
    (or $SALES_DOJO_LRS_PASSWORD), else the class file's credential."""
    from game.records.sync import LrsClient

    url = args.lrs or (info.lrs.endpoint if info.lrs else None)
    if not url:
        raise CommandError("class.no_lrs")
    if not url.startswith(("http://", "https://")):
        raise CommandError("sync.bad_url", url=url)
    user = args.user or (info.lrs.user if info.lrs else None) or ""
    password = args.password if args.password is not None else os.environ.get(PASSWORD_ENV)
    if password is None and info.lrs is not None:
        password = info.lrs.password
    if password is None:
        raise CommandError("sync.no_password", env=PASSWORD_ENV)
    return LrsClient(url, user, password, timeout=args.timeout)


def competency_names() -> dict[str, dict[str, str]]:
    """The standard rubric's competency names, in its order (content, not trainee data)."""
    from game.assessment.assess import standard_rubric

    rubric, _ = standard_rubric()
    return {c.id: c.name.model_dump() for c in rubric.competencies}


@command("class new")
def cmd_class_new(args: argparse.Namespace) -> Result:
    from game.records.classes import LrsAccess, new_class, read_roster, write_class
    from game.records.store import iso, utc_now
    from game.scenario.loader import load_scenario

    scenario, sha = load_scenario(args.scenario)
    roster = read_roster(args.roster)
    lrs = None
    if args.lrs:
        if not args.lrs.startswith(("http://", "https://")):
            raise CommandError("sync.bad_url", url=args.lrs)
        password = args.lrs_password if args.lrs_password is not None else \
            os.environ.get("SALES_DOJO_CLASS_LRS_PASSWORD")
        lrs = LrsAccess(args.lrs, args.lrs_user, password)
    info = new_class(scenario, sha, seed=args.seed, roster=roster, name=args.name or "", lrs=lrs,
                     created_at=iso(utc_now()))
    path = write_class(info, args.out, _key(args))
    return Result({"class": info.id, "path": str(path), "registration": info.registration,
                   "scenario": info.scenario_id, "seed": info.seed, "roster": list(roster)}).say(
        "class.made", path=str(path), n=len(roster), scenario=info.scenario_id, seed=info.seed)


def _load(args: argparse.Namespace) -> Any:
    from game.records.classes import load_class
    from game.records.paths import data_dir
    from game.records.signing import load_key

    key = load_key(data_dir(args.data_dir), required=False)
    info, _ = load_class(args.class_file, key)
    return info


@command("class dashboard")
def cmd_class_dashboard(args: argparse.Namespace) -> Result:
    from game.classroom.server import ClassFeed, serve

    info = _load(args)
    client = _lrs_client(args, info)
    feed = ClassFeed(info, client, competency_names(), poll=args.poll).start()
    server = serve(feed, args.port, lang=lang_of(args), show_ranking=not args.hide_ranking,
                   refresh=args.refresh)
    host, port = server.server_address[:2]
    url = f"http://{host}:{port}/"
    words = CliWords(lang_of(args))
    print(words("class.serving", url=url, lrs=client.endpoint), file=sys.stderr, flush=True)
    try:
        if args.serve_for is not None:
            deadline = time.monotonic() + args.serve_for
            server.timeout = 0.2
            while time.monotonic() < deadline:
                server.handle_request()
        else:
            server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        feed.stop()
    return Result({"url": url, "statements": feed.view.statements})


@command("class export")
def cmd_class_export(args: argparse.Namespace) -> Result:
    from game.classroom.export import class_csv
    from game.classroom.page import debrief_html
    from game.classroom.server import ClassFeed
    from game.records.files import write_text_atomic

    if not (args.html or args.csv):
        raise CommandError("class.nothing_to_export")
    info = _load(args)
    client = _lrs_client(args, info)
    feed = ClassFeed(info, client, competency_names())
    feed.refresh()
    if feed.error:
        raise CommandError("class.lrs_down", EXIT_PROBLEMS, why=feed.error)
    view = feed.view
    result = Result({"statements": view.statements,
                     "finished": sum(1 for r in view.trainees if r.status == "finished")})
    if args.html:
        write_text_atomic(args.html, debrief_html(view, lang_of(args),
                                                  show_ranking=not args.hide_ranking))
        result.data["html"] = args.html
        result.say("class.exported", path=args.html)
    if args.csv:
        write_text_atomic(args.csv, class_csv(view))
        result.data["csv"] = args.csv
        result.say("class.exported", path=args.csv)
    return result


def _lrs_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lrs", default=None, metavar="URL",
                   help="the LRS's xAPI endpoint (default: the class file's)")
    p.add_argument("--user", default=None, help="an LRS account that may read statements")
    p.add_argument("--password", default=None, help=f"(or set {PASSWORD_ENV})")
    p.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS",
                   help="how long to wait for the LRS to answer (default 10)")
    p.add_argument("--hide-ranking", action="store_true",
                   help="leave the ranking out (the page's ?ranking=0 does so too)")
    p.add_argument("--data-dir", metavar="DIR", default=None,
                   help="records folder with the signing key (default: $SALES_DOJO_DATA, else "
                        "the user data folder)")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("class", help="a class: many trainees play one case; a facilitator follows "
                                     "it from the LRS")
    p.add_argument("--lang", dest="lang_first", choices=list(LANGS), default=argparse.SUPPRESS,
                   help="the language of messages and of this help, also before the step "
                        "(default: from LC_ALL, LC_MESSAGES, LANG)")
    inner = p.add_subparsers(dest="class_command", required=True, metavar="STEP",
                             help="new before the class, dashboard during it, export after it")

    q = inner.add_parser("new", help="make a signed class file")
    q.add_argument("scenario", help="the case the class plays")
    q.add_argument("--roster", required=True, metavar="FILE",
                   help="pseudonymous trainee ids, one per line")
    q.add_argument("--out", required=True, metavar="CLASS.json",
                   help="the class file to write; give it to the trainees")
    q.add_argument("--seed", type=seed_arg, default=None, help="overrides the scenario's seed")
    q.add_argument("--name", default=None, help="the class's name (default: the scenario's title)")
    q.add_argument("--lrs", default=None, metavar="URL",
                   help="the LRS the trainees' games send their statements to")
    q.add_argument("--lrs-user", default=None,
                   help="an LRS account that may only write statements, for the trainees")
    q.add_argument("--lrs-password", default=None,
                   help="its password (or set SALES_DOJO_CLASS_LRS_PASSWORD)")
    q.add_argument("--data-dir", metavar="DIR", default=None,
                   help="records folder with the signing key")
    add_output_args(q)
    q.set_defaults(func=cmd_class_new)

    q = inner.add_parser("dashboard", help="serve the facilitator's dashboard (reads the LRS only)")
    q.add_argument("class_file", metavar="CLASS.json", help="the class file 'class new' wrote")
    q.add_argument("--port", type=int, default=8765, help="the local port to serve on (default 8765)")
    q.add_argument("--refresh", type=int, default=10, metavar="SECONDS",
                   help="how often the page reloads itself")
    q.add_argument("--poll", type=float, default=3.0, metavar="SECONDS",
                   help="how often the LRS is read")
    q.add_argument("--serve-for", type=float, default=None, metavar="SECONDS",
                   help=argparse.SUPPRESS)  # tests: stop after this long
    _lrs_args(q)
    add_output_args(q, lang_help="the dashboard's language (the page's ?lang= switches it)")
    q.set_defaults(func=cmd_class_dashboard)

    q = inner.add_parser("export", help="the class debrief as a self-contained HTML and a CSV")
    q.add_argument("class_file", metavar="CLASS.json", help="the class file 'class new' wrote")
    q.add_argument("--html", default=None, metavar="FILE", help="write the debrief page here")
    q.add_argument("--csv", default=None, metavar="FILE",
                   help="write one row per trainee here")
    _lrs_args(q)
    add_output_args(q, lang_help="the debrief's language")
    q.set_defaults(func=cmd_class_export)
