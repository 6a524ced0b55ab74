"""HR records on the command line: autoplay, sessions, report, export, verify, import, sync,
retention, delete and keygen. Heavy modules are imported inside each command."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.cli_args import bot_arg, seed_arg
from game.records.errors import RecordsError
from game.text.locale import default_lang

Handler = Callable[[argparse.Namespace], int]


def _guarded(handler: Handler) -> Handler:
    """Print a RecordsError (or a scenario problem) as a message for people, never a traceback."""

    def run(args: argparse.Namespace) -> int:
        from game.scenario.errors import ScenarioError

        try:
            return handler(args)
        except RecordsError as err:
            print(str(err), file=sys.stderr)
            return 1
        except ScenarioError as err:
            for problem in err.problems:
                print(str(problem), file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            print("interrupted: everything committed so far is kept", file=sys.stderr)
            return 130

    run.__doc__ = handler.__doc__
    return run


def _data_dir(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", metavar="DIR", default=None,
                   help="records folder (default: $SALES_DOJO_DATA, else the user data folder)")


def _open(args: argparse.Namespace, create: bool = False, retain: bool = False) -> Any:
    """The store; ``retain``: a command that writes records also deletes the sessions older than
    the retention setting (read-only commands never delete anything)."""
    from game.records.privacy import apply_retention
    from game.records.store import Store

    store = Store.open(args.data_dir, create=create)
    if retain:
        apply_retention(store)
    return store


# ---------------------------------------------------------------------- autoplay


def cmd_autoplay(args: argparse.Namespace) -> int:
    from game.records.autoplay import autoplay
    from game.scenario.loader import load_scenario

    scenario, sha = load_scenario(args.scenario)
    with _open(args, create=True, retain=True) as store:
        result = autoplay(store, scenario, scenario_sha256=sha, bot=args.bot, seed=args.seed,
                          trainee=args.trainee, mode=args.mode, resume=args.resume,
                          scenario_path=str(Path(args.scenario).resolve()), pace=args.pace)
        rec = result.recorded
        if result.resumed_from is not None:
            print(f"resumed session {rec.session_id} after {result.resumed_from} saved actions",
                  file=sys.stderr)
        elif args.resume:
            print("no unfinished session to resume: started a new one", file=sys.stderr)
        session = store.session(rec.session_id)
        print(f"session {session.id} {session.status}: {session.actions} actions")
        print(f"event log sha256 {rec.game.log_digest()}")
    return 0


# ---------------------------------------------------------------------- sessions


def cmd_sessions(args: argparse.Namespace) -> int:
    with _open(args) as store:
        rows = store.sessions(args.trainee)
        for s in rows:
            scores = store.scores(s.id) or {}
            overall = scores.get("overall")
            shown = "-" if overall is None else f"{overall:.2f}"
            print(f"{s.id}  {s.trainee_id:<16} {s.scenario_id:<24} {s.mode:<10} {s.player:<16} "
                  f"{s.status:<9} {s.actions:>5} actions  score {shown}  {s.started_at}")
        if not rows:
            print("no sessions")
    return 0


# ---------------------------------------------------------------------- reports


def cmd_report(args: argparse.Namespace) -> int:
    from game.records import cohort, report_data
    from game.records.files import write_text_atomic
    from game.records.measurement import load_validity
    from game.records.paths import data_dir
    from game.reports import hr_page

    validity_path = args.validity
    default = data_dir(args.data_dir) / "validity.json"
    if validity_path is None and default.exists():
        validity_path = str(default)
    validity = load_validity(validity_path)
    with _open(args) as store:
        when = store.now()[:16].replace("T", " ") + " UTC"
        if args.trainee:
            data = report_data.trainee_data(store, args.trainee, validity)
            if not data.attempts and args.trainee not in {t["id"] for t in store.trainees()}:
                raise RecordsError(str(store.path), f"there is no trainee '{args.trainee}'",
                                   "list the sessions with: python main.py sessions")
            out = Path(args.out or f"report-{args.trainee}.html")
            write_text_atomic(out, hr_page.trainee_html(data, args.lang, when))
            print(f"{out}: report of trainee {args.trainee} ({len(data.attempts)} attempt(s))")
            return 0
        chosen = cohort.CohortFilter.parse(args.cohort)
        groups = report_data.cohort_groups(store, chosen, validity)
        attempts = [a for g in groups for a in g.attempts]
        out = Path(args.out or "cohort-report.html")
        csv_path = Path(args.csv) if args.csv else out.with_suffix(".csv")
        write_text_atomic(csv_path, cohort.to_csv(cohort.rows(attempts)))
        write_text_atomic(out, hr_page.cohort_html(groups, args.lang, when, csv_path.name))
        cases = f" in {len(groups)} groups by scenario and mode" if len(groups) > 1 else ""
        print(f"{out}: cohort report of {len(attempts)} session(s){cases}; {csv_path}: one row "
              "per session")
    return 0


# ---------------------------------------------------------------------- export / verify / import


def _key(args: argparse.Namespace) -> bytes | None:
    """The signing key if one is configured (None otherwise)."""
    from game.records.paths import data_dir
    from game.records.signing import load_key

    return load_key(data_dir(args.data_dir), required=False)


def _required_key(args: argparse.Namespace) -> bytes:
    """The signing key; a RecordsError with a hint when none is configured."""
    from game.records.paths import data_dir
    from game.records.signing import require_key

    return require_key(data_dir(args.data_dir))


def cmd_export(args: argparse.Namespace) -> int:
    from game.records import cohort, xapi
    from game.records.exchange import session_record
    from game.records.files import write_json_atomic, write_text_atomic
    from game.records.privacy import Anonymiser

    if not (args.record or args.xapi or args.csv):
        raise RecordsError("", "say what to export",
                           "give --record FILE (a signed session), --xapi FILE or --csv FILE; "
                           "add --anonymise for copies without ids or exact times")
    anon = Anonymiser() if args.anonymise else None
    with _open(args) as store:
        if args.record:
            session_id = args.session or _latest_session(store, args.trainee)
            record = session_record(store, session_id, _required_key(args), anon)
            write_json_atomic(args.record, record)
            print(f"{args.record}: signed record of session {session_id}")
        if args.xapi:
            statements = store.statements(args.trainee)
            if anon is not None:
                statements = [xapi.anonymised(st, anon.trainee(st["actor"]["account"]["name"]),
                                              anon.token) for st in statements]
            write_json_atomic(args.xapi, statements)
            print(f"{args.xapi}: {len(statements)} xAPI statement(s)")
        if args.csv:
            chosen = cohort.CohortFilter.parse(args.cohort)
            attempts = [a for a in cohort.select(store, chosen)
                        if args.trainee is None or a.session.trainee_id == args.trainee]
            write_text_atomic(args.csv, cohort.to_csv(cohort.rows(attempts, anon)))
            print(f"{args.csv}: {len(attempts)} session(s), one row each")
    return 0


def _latest_session(store: Any, trainee: str | None) -> str:
    if trainee is None:
        raise RecordsError("", "which session?", "give --session ID or --trainee ID (the latest "
                           "finished session of that trainee)")
    done = store.sessions(trainee, "finished")
    if not done:
        raise RecordsError(str(store.path), f"trainee '{trainee}' has no finished session",
                           "list them with: python main.py sessions")
    return str(done[-1].id)


def cmd_verify(args: argparse.Namespace) -> int:
    from game.records.exchange import verify_record
    from game.records.files import read_json

    document = read_json(args.file, "session record")
    result = verify_record(document, _key(args))
    for fact in result.facts:
        print(f"ok: {fact}")
    for problem in result.problems:
        print(f"{args.file}: MISMATCH: {problem}")
    if result.ok:
        print(f"{args.file}: verified")
        return 0
    print(f"{args.file}: NOT verified ({len(result.problems)} problem(s))", file=sys.stderr)
    return 1


def cmd_import(args: argparse.Namespace) -> int:
    from game.records.exchange import import_record
    from game.records.files import read_json

    document = read_json(args.file, "session record")
    key = _required_key(args)
    with _open(args, create=True, retain=True) as store:
        info = import_record(store, args.file, document, key)
    print(f"{args.file}: imported session {info.id} of trainee {info.trainee_id}")
    return 0


def cmd_keygen(args: argparse.Namespace) -> int:
    from game.records.paths import data_dir
    from game.records.signing import generate_key, key_id, require_key

    path = generate_key(data_dir(args.data_dir))
    key = require_key(path.parent)
    print(f"{path}: new signing key, id {key_id(key)} (keep a copy somewhere safe)")
    return 0


# ---------------------------------------------------------------------- xAPI sync


def cmd_sync(args: argparse.Namespace) -> int:
    from game.records.sync import LrsClient, sync

    password = args.password if args.password is not None else os.environ.get(PASSWORD_ENV)
    if password is None:
        raise RecordsError("", "no LRS password", f"give --password or set {PASSWORD_ENV}")
    with _open(args) as store:
        client = LrsClient(args.lrs, args.user, password, timeout=args.timeout)
        report = sync(store, client, batch_size=args.batch, retries=args.retries,
                      backoff=args.backoff)
    print(report.describe())
    if report.stopped:
        print(f"{client.endpoint}: error: {report.stopped}\n  hint: the statements are kept "
              "in the outbox; run sync again when the LRS is back", file=sys.stderr)
        return 1
    return 0


PASSWORD_ENV = "SALES_DOJO_LRS_PASSWORD"


# ---------------------------------------------------------------------- privacy


def cmd_retention(args: argparse.Namespace) -> int:
    from game.records.privacy import apply_retention, retention_days, set_retention

    with _open(args) as store:
        if args.off:
            set_retention(store, None)
            print("retention off: sessions are kept until deleted")
            return 0
        if args.days is not None:
            set_retention(store, args.days)
            removed = apply_retention(store)
            print(f"retention {args.days} days: deleted {removed} older session(s)")
            return 0
        days = retention_days(store)
        print("retention off" if days is None else f"retention {days} days")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    from game.records.privacy import delete_trainee

    with _open(args) as store:
        count = len(store.sessions(args.trainee))
        sent = store.sent_statements(args.trainee)
        if not args.yes:
            print(f"this would delete trainee '{args.trainee}' and {count} session(s) with their "
                  "actions, scores and unsent statements; run again with --yes to do it")
            if sent:
                print(_lrs_note(args.trainee, sent))
            return 1
        removed = delete_trainee(store, args.trainee)
    print(f"deleted trainee '{args.trainee}' and {removed} session(s)")
    if sent:
        print(_lrs_note(args.trainee, sent))
    return 0


def _lrs_note(trainee: str, sent: int) -> str:
    """What deleting here cannot do: statements already in a learning record store stay there."""
    return (f"note: {sent} xAPI statement(s) of '{trainee}' were already sent to a learning record "
            "store; deleting here does not remove them there — ask the LRS's administrator to "
            f"delete (or void) the statements whose actor account name is '{trainee}'")


# ---------------------------------------------------------------------- backup / restore


def cmd_backup(args: argparse.Namespace) -> int:
    from game.records.backup import backup, check_copy

    with _open(args) as store:
        path = backup(store, args.file)
    counts = check_copy(path)
    print(f"{path}: backup of {counts['sessions']} session(s) of {counts['trainees']} "
          "trainee(s), checked")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from game.records.backup import check_copy, restore

    counts = check_copy(Path(args.file))
    if not args.yes:
        print(f"{args.file}: a sound backup of {counts['sessions']} session(s) of "
              f"{counts['trainees']} trainee(s); run again with --yes to replace the records "
              "with it (the records it replaces are kept beside them)")
        return 1
    counts, kept = restore(args.file, args.data_dir)
    print(f"restored {counts['sessions']} session(s) of {counts['trainees']} trainee(s) from "
          f"{args.file}" + (f"; the records before are kept in {kept}" if kept else ""))
    return 0


# ---------------------------------------------------------------------- registering


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("autoplay", help="play a recorded session headless with a bot")
    p.add_argument("scenario")
    p.add_argument("--bot", type=bot_arg, default="heuristic")
    p.add_argument("--seed", type=seed_arg, default=None, help="overrides the scenario's seed")
    p.add_argument("--trainee", default=None, help="pseudonymous trainee id (default bot-NAME)")
    p.add_argument("--mode", choices=["practice", "assessment"], default="practice")
    p.add_argument("--resume", action="store_true",
                   help="continue this trainee's last unfinished session with this bot")
    p.add_argument("--pace", type=float, default=0.0, metavar="SECONDS",
                   help="pause after each action (for demonstrations)")
    _data_dir(p)
    p.set_defaults(func=_guarded(cmd_autoplay))

    p = sub.add_parser("sessions", help="list the recorded sessions")
    p.add_argument("--trainee", default=None)
    _data_dir(p)
    p.set_defaults(func=_guarded(cmd_sessions))

    p = sub.add_parser("report", help="HTML report of a trainee or a cohort (zh or en)")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--trainee", metavar="ID")
    who.add_argument("--cohort", metavar="FILTER", help="'all' or key=value,... over scenario, "
                     "mode, player, trainee, since, until, status")
    p.add_argument("--lang", choices=["en", "zh"], default=default_lang(),
                   help="the report's language (default: from LC_ALL, LC_MESSAGES, LANG)")
    p.add_argument("--out", metavar="FILE", help="the HTML file (default report-ID.html or "
                   "cohort-report.html)")
    p.add_argument("--csv", metavar="FILE", help="cohort: the one-row-per-session CSV "
                   "(default: next to the HTML)")
    p.add_argument("--validity", metavar="FILE", help="validity-lab report (JSON) for the "
                   "measurement error (default: validity.json in the data folder, if present)")
    _data_dir(p)
    p.set_defaults(func=_guarded(cmd_report))

    p = sub.add_parser("export", help="export a signed session record, xAPI statements or CSV")
    p.add_argument("--record", metavar="FILE", help="signed record of one finished session")
    p.add_argument("--session", metavar="ID", help="the session for --record")
    p.add_argument("--trainee", metavar="ID", help="only this trainee (for --record: the latest)")
    p.add_argument("--xapi", metavar="FILE", help="the xAPI statements as a JSON array")
    p.add_argument("--csv", metavar="FILE", help="one row per session")
    p.add_argument("--cohort", metavar="FILTER", default="all", help="which sessions for --csv")
    p.add_argument("--anonymise", "--anonymize", action="store_true",
                   help="per-export pseudonyms, dates without times, no linking ids or hashes")
    _data_dir(p)
    p.set_defaults(func=_guarded(cmd_export))

    p = sub.add_parser("verify", help="check a session record: signature, replay and re-scoring")
    p.add_argument("file")
    _data_dir(p)
    p.set_defaults(func=_guarded(cmd_verify))

    p = sub.add_parser("import", help="add a session record to these records (verified first)")
    p.add_argument("file")
    _data_dir(p)
    p.set_defaults(func=_guarded(cmd_import))

    p = sub.add_parser("keygen", help="create the signing key file in the data folder")
    _data_dir(p)
    p.set_defaults(func=_guarded(cmd_keygen))

    p = sub.add_parser("sync", help="send the xAPI outbox to a learning record store")
    p.add_argument("--lrs", required=True, metavar="URL", help="xAPI endpoint, e.g. "
                   "http://127.0.0.1:8100/xAPI")
    p.add_argument("--user", required=True)
    p.add_argument("--password", default=None, help=f"(or set {PASSWORD_ENV})")
    p.add_argument("--batch", type=int, default=50, help="statements per request")
    p.add_argument("--retries", type=int, default=4, help="retries per request when the LRS "
                   "does not answer")
    p.add_argument("--backoff", type=float, default=0.5, metavar="SECONDS",
                   help="first wait between retries (doubles each time)")
    p.add_argument("--timeout", type=float, default=15.0, metavar="SECONDS")
    _data_dir(p)
    p.set_defaults(func=_guarded(cmd_sync))

    p = sub.add_parser("retention", help="delete sessions older than N days (kept as a setting)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--days", type=int, metavar="N")
    group.add_argument("--off", action="store_true", help="keep sessions until deleted")
    _data_dir(p)
    p.set_defaults(func=_guarded(cmd_retention))

    p = sub.add_parser("delete", help="delete a trainee and everything recorded about them")
    p.add_argument("--trainee", required=True, metavar="ID")
    p.add_argument("--yes", action="store_true", help="really delete")
    _data_dir(p)
    p.set_defaults(func=_guarded(cmd_delete))

    p = sub.add_parser("backup", help="copy the records, everything committed included, to FILE")
    p.add_argument("file", help="the backup file to write (replaced only once the copy checks out)")
    _data_dir(p)
    p.set_defaults(func=_guarded(cmd_backup))

    p = sub.add_parser("restore", help="replace the records with a backup, once it checks out")
    p.add_argument("file", help="a backup made with the backup command")
    p.add_argument("--yes", action="store_true", help="do it (without: check the backup only)")
    _data_dir(p)
    p.set_defaults(func=_guarded(cmd_restore))
