"""HR records on the command line: autoplay, sessions, report, export, verify, import, sync,
retention, delete, keygen, backup and restore. Heavy modules are imported inside each command;
each returns a ``Result`` that ``game.commands.output`` prints as text or JSON."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from game.cli_args import bot_arg, seed_arg
from game.commands.output import (
    EXIT_PROBLEMS,
    EXIT_USAGE,
    CliWords,
    CommandError,
    Result,
    add_output_args,
    command,
    lang_of,
    status_word,
)
from game.records.errors import RecordsError
from game.text.linebreak import align, columns


def _open(args: argparse.Namespace, create: bool = False, retain: bool = False) -> Any:
    """The store; ``retain``: a command that writes records also deletes the sessions older than
    the retention setting (read-only commands never delete anything)."""
    from game.records.privacy import apply_retention
    from game.records.store import Store

    store = Store.open(args.data_dir, create=create)
    if retain:
        apply_retention(store)
    return store


def records_command(name: str) -> Callable[[Callable[[argparse.Namespace], Result]],
                                           Callable[[argparse.Namespace], int]]:
    """A records command: Ctrl-C says that everything committed so far is kept."""
    return command(name, interrupted="records.interrupted")


# ---------------------------------------------------------------------- autoplay


@records_command("autoplay")
def cmd_autoplay(args: argparse.Namespace) -> Result:
    from game.manager.loader import is_manager_file
    from game.records.autoplay import autoplay
    from game.scenario.loader import load_scenario

    if args.pace < 0:
        raise CommandError("autoplay.bad_pace")
    if args.class_file is None and args.scenario is None:
        raise CommandError("autoplay.no_scenario", EXIT_USAGE)
    if args.class_file is None and is_manager_file(args.scenario):
        return _autoplay_manager(args)
    _bot_for_track(args.bot, manager=False)
    class_info = None
    if args.class_file is not None:
        from game.records.classes import load_class
        from game.records.paths import data_dir
        from game.records.signing import load_key

        class_info, _ = load_class(args.class_file, load_key(data_dir(args.data_dir), False))
        scenario, sha = class_info.scenario, class_info.scenario_sha256
    else:
        scenario, sha = load_scenario(args.scenario)
    result = Result()
    with _open(args, create=True, retain=True) as store:
        played = autoplay(store, scenario, scenario_sha256=sha, bot=args.bot, seed=args.seed,
                          trainee=args.trainee, mode=args.mode, resume=args.resume,
                          scenario_path=None if args.scenario is None
                          else str(Path(args.scenario).resolve()), pace=args.pace,
                          class_info=class_info)
        if played.sync_error:
            result.warn("autoplay.sync_pending", why=played.sync_error)
        rec = played.recorded
        if played.resumed_from is not None:
            result.warn("autoplay.resumed", session=rec.session_id, actions=played.resumed_from)
        elif args.resume:
            result.warn("autoplay.nothing_to_resume")
        session = store.session(rec.session_id)
        result.data = {"session": session.id, "trainee": session.trainee_id, "track": session.track,
                       "status": session.status, "actions": session.actions,
                       "resumed_from": played.resumed_from,
                       "event_log_sha256": rec.game.log_digest()}
    result.say("autoplay.session", session=session.id,
               status=status_word(CliWords(lang_of(args)), session.status), actions=session.actions)
    return result.say("autoplay.digest", sha=result.data["event_log_sha256"])


def _bot_for_track(bot: str, manager: bool) -> None:
    """A usage error when ``bot`` plays the other track than the scenario's."""
    from game.bots.players import is_player_spec, load_player
    from game.bots.registry import BOTS
    from game.manager.bots import MANAGER_BOTS

    if manager and bot not in MANAGER_BOTS:
        raise CommandError("simulate.manager_bot", EXIT_USAGE, bot=bot,
                           known=", ".join(sorted(MANAGER_BOTS)))
    if not manager and is_player_spec(bot):
        load_player(bot)  # one that cannot play is told before a session is started for it
    elif not manager and bot not in BOTS:
        raise CommandError("simulate.rep_bot", EXIT_USAGE, bot=bot)


def _autoplay_manager(args: argparse.Namespace) -> Result:
    """``autoplay`` on a manager scenario: a manager bot leads the team, every step recorded."""
    from game.manager.loader import load_manager
    from game.records.manager_records import autoplay_manager

    _bot_for_track(args.bot, manager=True)
    scenario, territory, sha = load_manager(args.scenario)
    result = Result()
    with _open(args, create=True, retain=True) as store:
        rec, resumed = autoplay_manager(store, scenario, territory, bot=args.bot, seed=args.seed,
                                        scenario_sha256=sha, trainee=args.trainee,
                                        mode=args.mode, resume=args.resume,
                                        scenario_path=str(Path(args.scenario).resolve()))
        if resumed is not None:
            result.warn("autoplay.resumed", session=rec.session_id, actions=resumed)
        elif args.resume:
            result.warn("autoplay.nothing_to_resume")
        session = store.session(rec.session_id)
        result.data = {"session": session.id, "trainee": session.trainee_id, "track": session.track,
                       "status": session.status, "actions": session.actions,
                       "resumed_from": resumed, "event_log_sha256": rec.game.log_digest()}
    result.say("autoplay.session", session=session.id,
               status=status_word(CliWords(lang_of(args)), session.status), actions=session.actions)
    return result.say("autoplay.digest", sha=result.data["event_log_sha256"])


# ---------------------------------------------------------------------- sessions

SESSION_COLUMNS = {"trainee": 16, "scenario": 24, "mode": 10, "player": 16, "status": 9}
"""The columns of the sessions list and their least widths (terminal columns)."""


@records_command("sessions")
def cmd_sessions(args: argparse.Namespace) -> Result:
    t = CliWords(lang_of(args))
    rows: list[dict[str, Any]] = []
    with _open(args) as store:
        for s in store.sessions(args.trainee):
            overall = (store.scores(s.id) or {}).get("overall")
            rows.append({"id": s.id, "trainee": s.trainee_id, "scenario": s.scenario_id,
                         "track": s.track, "class": s.class_id, "mode": s.mode, "player": s.player, "status": s.status,
                         "actions": s.actions, "score": overall, "started_at": s.started_at,
                         "ended_at": s.ended_at})
    cells = [{"trainee": r["trainee"], "scenario": r["scenario"], "mode": r["mode"],
              "player": r["player"], "status": status_word(t, r["status"])} for r in rows]
    # each column as wide as its longest entry (at least the usual width), wide characters two
    widths = {k: max([w, *(columns(row[k]) for row in cells)])
              for k, w in SESSION_COLUMNS.items()}
    lines = [t("sessions.row", id=r["id"], **{k: align(row[k], widths[k], left=True) for k in widths},
               actions=f"{r['actions']:>5}", score="-" if r["score"] is None else f"{r['score']:.2f}",
               started=r["started_at"])
             for r, row in zip(rows, cells, strict=True)]
    result = Result({"sessions": rows}, body="\n".join(lines) if lines else None)
    return result if rows else result.say("sessions.none")


# ---------------------------------------------------------------------- reports


@records_command("report")
def cmd_report(args: argparse.Namespace) -> Result:
    from game.records import cohort, report_data
    from game.records.files import write_text_atomic
    from game.records.measurement import load_validity, shipped_validity
    from game.records.paths import data_dir
    from game.records.privacy import require_trainee
    from game.reports import hr_page

    lang = lang_of(args)
    validity_paths = args.validity
    default = data_dir(args.data_dir) / "validity.json"
    if validity_paths is None and default.exists():
        validity_paths = [str(default)]
    validity = load_validity([*shipped_validity(), *(validity_paths or [])])
    with _open(args) as store:
        when = store.now()[:16].replace("T", " ") + " UTC"
        if args.trainee:
            data = report_data.trainee_data(store, args.trainee, validity)
            if not data.attempts:
                require_trainee(store, args.trainee)
            out = Path(args.out or f"report-{args.trainee}.html")
            write_text_atomic(out, hr_page.trainee_html(data, lang, when))
            return Result({"html": str(out), "trainee": args.trainee,
                           "attempts": len(data.attempts)}).say(
                "report.trainee", path=str(out), trainee=args.trainee, n=len(data.attempts))
        chosen = cohort.CohortFilter.parse(args.cohort)
        groups = report_data.cohort_groups(store, chosen, validity)
        attempts = [a for g in groups for a in g.attempts]
        out = Path(args.out or "cohort-report.html")
        csv_path = Path(args.csv) if args.csv else out.with_suffix(".csv")
        write_text_atomic(csv_path, cohort.to_csv(cohort.rows(attempts)))
        write_text_atomic(out, hr_page.cohort_html(groups, lang, when, csv_path.name))
    result = Result({"html": str(out), "csv": str(csv_path), "sessions": len(attempts),
                     "groups": len(groups)})
    if len(groups) > 1:
        return result.say("report.cohort_groups", path=str(out), n=len(attempts),
                          groups=len(groups), csv=str(csv_path))
    return result.say("report.cohort", path=str(out), n=len(attempts), csv=str(csv_path))


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


@records_command("export")
def cmd_export(args: argparse.Namespace) -> Result:
    from game.records import cohort, xapi
    from game.records.exchange import session_record
    from game.records.files import write_json_atomic, write_text_atomic
    from game.records.privacy import Anonymiser

    if not (args.record or args.xapi or args.csv):
        raise CommandError("export.what")
    anon = Anonymiser() if args.anonymise else None
    result = Result({"anonymised": anon is not None})
    with _open(args) as store:
        if args.record:
            session_id = args.session or _latest_session(store, args.trainee)
            record = session_record(store, session_id, _required_key(args), anon)
            write_json_atomic(args.record, record)
            result.data["record"] = {"path": args.record, "session": session_id}
            result.say("export.record", path=args.record, session=session_id)
        if args.xapi:
            statements = store.statements(args.trainee)
            if anon is not None:
                statements = [xapi.anonymised(st, anon.trainee(st["actor"]["account"]["name"]),
                                              anon.token) for st in statements]
            write_json_atomic(args.xapi, statements)
            result.data["xapi"] = {"path": args.xapi, "statements": len(statements)}
            result.say("export.xapi", path=args.xapi, n=len(statements))
        if args.csv:
            chosen = cohort.CohortFilter.parse(args.cohort)
            attempts = [a for a in cohort.select(store, chosen)
                        if args.trainee is None or a.session.trainee_id == args.trainee]
            write_text_atomic(args.csv, cohort.to_csv(cohort.rows(attempts, anon)))
            result.data["csv"] = {"path": args.csv, "sessions": len(attempts)}
            result.say("export.csv", path=args.csv, n=len(attempts))
    return result


def _latest_session(store: Any, trainee: str | None) -> str:
    if trainee is None:
        raise CommandError("export.which_session")
    done = store.sessions(trainee, "finished")
    if not done:
        raise RecordsError.said(str(store.path), "no_finished_session", trainee=trainee)
    return str(done[-1].id)


@records_command("verify")
def cmd_verify(args: argparse.Namespace) -> Result:
    from game.records.errors import verify_line
    from game.records.exchange import verify_record
    from game.records.files import read_json

    document = read_json(args.file, "session record")
    checked = verify_record(document, _key(args))
    result = Result({"file": args.file, "verified": checked.ok, "facts": checked.facts,
                     "problems": checked.problems})
    lang = lang_of(args)
    for fact in checked.facts:
        result.say("verify.fact", fact=verify_line(fact, lang))
    for problem in checked.problems:
        result.say("verify.mismatch", file=args.file, problem=verify_line(problem, lang))
    if checked.ok:
        return result.say("verify.ok", file=args.file)
    return result.problem("verify.failed", file=args.file, n=len(checked.problems))


@records_command("import")
def cmd_import(args: argparse.Namespace) -> Result:
    from game.records.exchange import import_record
    from game.records.files import read_json

    document = read_json(args.file, "session record")
    key = _required_key(args)
    with _open(args, create=True, retain=True) as store:
        info = import_record(store, args.file, document, key)
    return Result({"file": args.file, "session": info.id, "trainee": info.trainee_id}).say(
        "import.done", file=args.file, session=info.id, trainee=info.trainee_id)


@records_command("keygen")
def cmd_keygen(args: argparse.Namespace) -> Result:
    from game.records.paths import data_dir
    from game.records.signing import generate_key, key_id, require_key

    folder = data_dir(args.data_dir)
    try:
        path = generate_key(folder)
    except OSError as exc:
        raise CommandError("common.cannot_write", EXIT_PROBLEMS, path=str(folder),
                           why=exc.strerror or str(exc)) from None
    kid = key_id(require_key(path.parent))
    return Result({"path": str(path), "key_id": kid}).say("keygen.done", path=str(path), kid=kid)


# ---------------------------------------------------------------------- xAPI sync


@records_command("sync")
def cmd_sync(args: argparse.Namespace) -> Result:
    from game.records.sync import LrsClient, sync

    if args.batch < 1 or args.retries < 0 or args.backoff < 0 or args.timeout <= 0:
        raise CommandError("sync.bad_numbers")
    if not args.lrs.startswith(("http://", "https://")):
        raise CommandError("sync.bad_url", url=args.lrs)
    password = args.password if args.password is not None else os.environ.get(PASSWORD_ENV)
    if password is None:
        raise CommandError("sync.no_password", env=PASSWORD_ENV)
    with _open(args) as store:
        client = LrsClient(args.lrs, args.user, password, timeout=args.timeout)
        report = sync(store, client, batch_size=args.batch, retries=args.retries,
                      backoff=args.backoff)
    result = Result({"lrs": client.endpoint, **asdict(report)})
    result.say("sync.report", sent=report.sent, batches=report.batches, pending=report.pending)
    if report.conflicts:
        result.say("sync.conflicts", n=report.conflicts)
    if report.rejected:
        result.warn("sync.rejected", n=len(report.rejected))
    if report.stopped:
        result.problem("sync.stopped", endpoint=client.endpoint, why=report.stopped)
    return result


PASSWORD_ENV = "SALES_DOJO_LRS_PASSWORD"


# ---------------------------------------------------------------------- privacy


@records_command("retention")
def cmd_retention(args: argparse.Namespace) -> Result:
    from game.records.privacy import apply_retention, retention_days, set_retention

    with _open(args) as store:
        if args.off:
            set_retention(store, None)
            return Result({"days": None, "deleted": 0}).say("retention.set_off")
        if args.days is not None:
            set_retention(store, args.days)
            removed = apply_retention(store)
            return Result({"days": args.days, "deleted": removed}).say(
                "retention.set", days=args.days, n=removed)
        days = retention_days(store)
    if days is None:
        return Result({"days": None}).say("retention.off")
    return Result({"days": days}).say("retention.days", days=days)


@records_command("delete")
def cmd_delete(args: argparse.Namespace) -> Result:
    from game.records.privacy import delete_trainee, require_trainee

    with _open(args) as store:
        require_trainee(store, args.trainee)  # before asking to confirm
        count = len(store.sessions(args.trainee))
        sent = store.sent_statements(args.trainee)
        if not args.yes:
            result = Result({"trainee": args.trainee, "deleted": False, "sessions": count,
                             "sent_statements": sent}, ok=False)
            result.say("delete.ask", trainee=args.trainee, n=count)
            return result.say("delete.lrs_note", trainee=args.trainee, n=sent) if sent else result
        removed = delete_trainee(store, args.trainee)
    result = Result({"trainee": args.trainee, "deleted": True, "sessions": removed,
                     "sent_statements": sent})
    result.say("delete.done", trainee=args.trainee, n=removed)
    return result.say("delete.lrs_note", trainee=args.trainee, n=sent) if sent else result


# ---------------------------------------------------------------------- backup / restore


@records_command("backup")
def cmd_backup(args: argparse.Namespace) -> Result:
    from game.records.backup import backup, check_copy

    if Path(args.file).is_dir():
        raise CommandError("backup.is_folder", EXIT_PROBLEMS, path=args.file)
    with _open(args) as store:
        path = backup(store, args.file)
    counts = check_copy(path)
    return Result({"file": str(path), **counts}).say(
        "backup.done", path=str(path), sessions=counts["sessions"], trainees=counts["trainees"])


@records_command("restore")
def cmd_restore(args: argparse.Namespace) -> Result:
    from game.records.backup import check_copy, restore

    counts = check_copy(Path(args.file))
    if not args.yes:
        return Result({"file": args.file, "restored": False, **counts}, ok=False).say(
            "restore.ask", file=args.file, sessions=counts["sessions"],
            trainees=counts["trainees"])
    counts, kept = restore(args.file, args.data_dir)
    result = Result({"file": args.file, "restored": True, "kept": str(kept) if kept else None,
                     **counts})
    if kept:
        return result.say("restore.done_kept", file=args.file, sessions=counts["sessions"],
                          trainees=counts["trainees"], kept=str(kept))
    return result.say("restore.done", file=args.file, sessions=counts["sessions"],
                      trainees=counts["trainees"])


# ---------------------------------------------------------------------- registering


def _common(p: argparse.ArgumentParser,
            lang_help: str = "the language of messages for people") -> None:
    """What every records command takes: the records folder, --json and --lang."""
    p.add_argument("--data-dir", metavar="DIR", default=None,
                   help="records folder (default: $SALES_DOJO_DATA, else the user data folder)")
    add_output_args(p, lang_help=lang_help)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("autoplay", help="play a recorded session headless with a bot")
    p.add_argument("scenario", nargs="?", default=None, help="(not with --class)")
    p.add_argument("--class", dest="class_file", default=None, metavar="CLASS.json",
                   help="play a class's case as a trainee of its roster; its statements go to "
                        "the class's LRS as they are made")
    p.add_argument("--bot", type=bot_arg, default="heuristic",
                   help="the bot that plays (default heuristic; an unknown name lists the others), or your "
                        "own player: FILE.py:NAME or exec:COMMAND (docs/players.md)")
    p.add_argument("--seed", type=seed_arg, default=None, help="overrides the scenario's seed")
    p.add_argument("--trainee", default=None, help="pseudonymous trainee id (default bot-NAME)")
    p.add_argument("--mode", choices=["practice", "assessment"], default="practice",
                   help="assessment: the game is scored for the records; practice (the default): "
                        "for the trainee alone")
    p.add_argument("--resume", action="store_true",
                   help="continue this trainee's last unfinished session with this bot")
    p.add_argument("--pace", type=float, default=0.0, metavar="SECONDS",
                   help="pause after each action (for demonstrations)")
    _common(p)
    p.set_defaults(func=cmd_autoplay)

    p = sub.add_parser("sessions", help="list the recorded sessions")
    p.add_argument("--trainee", default=None, metavar="ID", help="only this trainee's sessions")
    _common(p)
    p.set_defaults(func=cmd_sessions)

    p = sub.add_parser("report", help="HTML report of a trainee or a cohort (zh or en)")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--trainee", metavar="ID", help="one trainee's report, over their sessions")
    who.add_argument("--cohort", metavar="FILTER", help="'all' or key=value,... over scenario, "
                     "mode, player, trainee, since, until, status")
    p.add_argument("--out", metavar="FILE", help="the HTML file (default report-ID.html or "
                   "cohort-report.html)")
    p.add_argument("--csv", metavar="FILE", help="cohort: the one-row-per-session CSV "
                   "(default: next to the HTML)")
    p.add_argument("--validity", metavar="FILE", action="append",
                   help="a validity study's or lab's JSON ('study SCENARIO --json', 'lab --json'), "
                   "or a list of them, for the measurement error of that scenario's scores; may "
                   "be given once per file (default: validity.json in the data folder, if present)")
    _common(p, lang_help="the language of the report and of the messages")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("export", help="export a signed session record, xAPI statements or CSV")
    p.add_argument("--record", metavar="FILE", help="signed record of one finished session")
    p.add_argument("--session", metavar="ID", help="the session for --record")
    p.add_argument("--trainee", metavar="ID", help="only this trainee (for --record: the latest)")
    p.add_argument("--xapi", metavar="FILE", help="the xAPI statements as a JSON array")
    p.add_argument("--csv", metavar="FILE", help="one row per session")
    p.add_argument("--cohort", metavar="FILTER", default="all", help="which sessions for --csv")
    p.add_argument("--anonymise", "--anonymize", action="store_true",
                   help="per-export pseudonyms, dates without times, no linking ids or hashes")
    _common(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("verify", help="check a session record: signature, replay and re-scoring")
    p.add_argument("file", help="a signed record written by 'export --record'")
    _common(p)
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("import", help="add a session record to these records (verified first)")
    p.add_argument("file", help="a signed record written by 'export --record'")
    _common(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("keygen", help="create the signing key file in the data folder")
    _common(p)
    p.set_defaults(func=cmd_keygen)

    p = sub.add_parser("sync", help="send the xAPI outbox to a learning record store")
    p.add_argument("--lrs", required=True, metavar="URL", help="xAPI endpoint, e.g. "
                   "http://127.0.0.1:8100/xAPI")
    p.add_argument("--user", required=True, help="an LRS account that may write statements")
    p.add_argument("--password", default=None, help=f"(or set {PASSWORD_ENV})")
    p.add_argument("--batch", type=int, default=50, help="statements per request")
    p.add_argument("--retries", type=int, default=4, help="retries per request when the LRS "
                   "does not answer")
    p.add_argument("--backoff", type=float, default=0.5, metavar="SECONDS",
                   help="first wait between retries (doubles each time)")
    p.add_argument("--timeout", type=float, default=15.0, metavar="SECONDS",
                   help="how long to wait for each answer (default 15)")
    _common(p)
    p.set_defaults(func=cmd_sync)

    p = sub.add_parser("retention", help="delete sessions older than N days (kept as a setting)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--days", type=int, metavar="N",
                       help="delete sessions older than N days, now and from now on")
    group.add_argument("--off", action="store_true", help="keep sessions until deleted")
    _common(p)
    p.set_defaults(func=cmd_retention)

    p = sub.add_parser("delete", help="delete a trainee and everything recorded about them")
    p.add_argument("--trainee", required=True, metavar="ID", help="the trainee to delete")
    p.add_argument("--yes", action="store_true", help="really delete")
    _common(p)
    p.set_defaults(func=cmd_delete)

    p = sub.add_parser("backup", help="copy the records, everything committed included, to FILE")
    p.add_argument("file", help="the backup file to write (replaced only once the copy checks out)")
    _common(p)
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="replace the records with a backup, once it checks out")
    p.add_argument("file", help="a backup made with the backup command")
    p.add_argument("--yes", action="store_true", help="do it (without: check the backup only)")
    _common(p)
    p.set_defaults(func=cmd_restore)
