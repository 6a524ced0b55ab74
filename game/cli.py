"""The command line: play | simulate | replay | lab; the other commands live in game.commands."""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
from pathlib import Path
from typing import Any, ClassVar, NoReturn

from game.cli_args import bot_arg, count_arg, seed_arg
from game.commands.output import (
    EXIT_PROBLEMS,
    EXIT_USAGE,
    CliWords,
    CommandError,
    Message,
    Result,
    add_output_args,
    command,
    lang_of,
)
from game.text.linebreak import align
from game.text.locale import LANGS

log = logging.getLogger("sales_dojo")


def load_scenario(path: str | Path) -> tuple[Any, str]:
    """``game.scenario.loader.load_scenario``, imported on first use: ``play`` opens its window
    before the scenario models load."""
    from game.scenario.loader import load_scenario as load

    return load(path)


def _negotiation_metrics(game: Any) -> dict[str, Any]:
    """Each ended negotiation's metrics, the customer's hidden side included: the game is over,
    so they come from its truth (the event log carries only what the rep could see)."""
    truth = game.truth()["negotiations"]
    out = {}
    for event in game.events:
        if event.kind == "negotiation_ended":
            account = event.payload["account"]
            out[account] = {
                "status": event.payload.get("status"),
                **(event.payload.get("metrics") or {}),
                **(truth.get(account, {}).get("metrics") or {}),
            }
    return out


@command("simulate")
def cmd_simulate(args: argparse.Namespace) -> Result:
    from game.bots.base import play
    from game.bots.registry import make_bot
    from game.engine.game import Game
    from game.engine.review import totals
    from game.engine.savegame import write_save
    from game.manager.bots import MANAGER_BOTS
    from game.manager.loader import is_manager_file

    if is_manager_file(args.scenario):
        from game.commands.manager import simulate_manager

        return simulate_manager(args)
    if args.bot in MANAGER_BOTS:
        raise CommandError("simulate.rep_bot", EXIT_USAGE, bot=args.bot)
    scenario, sha = load_scenario(args.scenario)
    log.info("loaded %s (%s, sha256 %s)", args.scenario, scenario.id, sha[:12])
    game = Game(scenario, seed=args.seed, scenario_sha256=sha)
    play(game, make_bot(args.bot, game.seed))
    log.info("%s played seed %d: %d actions, %d events", args.bot, game.seed, len(game.actions),
             len(game.events))
    data = {
        "scenario": scenario.id,
        "seed": game.seed,
        "bot": args.bot,
        "rounds": [{k: v for k, v in r.items() if k != "segments"} for r in game.kpis],
        "totals": totals(game),
        "negotiations": _negotiation_metrics(game),
        "actions": len(game.actions),
        "events": len(game.events),
        "event_log_sha256": game.log_digest(),
    }
    lang = lang_of(args)
    result = Result(data, body=_simulate_table(data, scenario.title.pick(lang), lang))
    if args.save:
        try:
            write_save(game, args.save, scenario_path=str(Path(args.scenario).resolve()))
        except OSError as exc:
            raise CommandError("common.cannot_write", EXIT_PROBLEMS, path=args.save,
                               why=exc.strerror or str(exc)) from None
        result.say("simulate.saved", path=args.save)
    return result.say("simulate.digest", sha=data["event_log_sha256"])


SIMULATE_COLUMNS = (("round", 5), ("revenue", 14), ("profit", 13), ("margin", 8), ("share", 7),
                    ("customers", 9), ("satisfaction", 8), ("forecast_error", 8))


def _simulate_table(data: dict[str, Any], title: str, lang: str) -> str:
    """The game round by round, its totals and its negotiations, headed in ``lang``."""
    t = CliWords(lang)
    lines = [t("simulate.title", title=title, bot=data["bot"], seed=data["seed"]),
             " ".join(align(t(f"simulate.column.{name}"), width) for name, width in SIMULATE_COLUMNS)]
    for r in data["rounds"]:
        err = "-" if r["forecast_error"] is None else f"{r['forecast_error']:.1%}"
        lines.append(f"{r['round']:>5} {r['revenue']:>14,.0f} {r['profit']:>13,.0f} "
                     f"{r['margin']:>8.1%} {r['market_share']:>7.1%} {r['customers']:>9} "
                     f"{r['satisfaction']:>8.2f} {err:>8}")
    s = data["totals"]
    lines.append(f"{align(t('simulate.total'), 5)} {s['revenue']:>14,.0f} {s['profit']:>13,.0f} "
                 f"{s['margin']:>8.1%} {s['market_share']:>7.1%} {s['customers']:>9} "
                 f"{s['satisfaction']:>8.2f}")
    for account, m in data["negotiations"].items():
        claimed = m.get("value_claimed")
        lines.append(t("simulate.negotiation", account=account, status=m.get("status"),
                       claimed="-" if claimed is None else f"{claimed:.2f}"))
    return "\n".join(lines)


def _replay_data(report: Any) -> dict[str, Any]:
    return {"match": report.match, "actions": report.actions, "events": report.events,
            "event_log_sha256": report.event_log_sha256,
            "expected_sha256": report.expected_sha256, "divergence": report.divergence}


def _replay_message(report: Any) -> Message:
    if report.match:
        return Message("replay.match", {"actions": report.actions, "events": report.events,
                                        "sha": report.event_log_sha256})
    detail = (report.divergence or {}).get("message", "the event log differs")
    return Message("replay.mismatch", {"detail": detail})


@command("replay")
def cmd_replay(args: argparse.Namespace) -> Result:
    from game.engine.savegame import SaveError, read_save, replay

    try:
        saved = read_save(args.file)
    except SaveError as err:
        return Result(messages=[Message("replay.save_error", {
            "path": err.path, "line": err.line, "message": err.message, "hint": err.hint},
            "error", err.text(lang_of(args)))], ok=False)
    path = args.scenario or saved.header.get("scenario_path")
    if not path:
        raise CommandError("replay.no_scenario", EXIT_PROBLEMS, file=args.file)
    scenario, sha = load_scenario(path)
    result = Result()
    if saved.header.get("scenario_sha256") and sha != saved.header["scenario_sha256"]:
        result.warn("replay.scenario_changed", path=path)
    log.info("replaying %s: %d actions on %s", args.file, len(saved.actions), path)
    report = replay(saved, scenario, sha)
    said = _replay_message(report)
    result.data["replay"] = _replay_data(report)
    result.messages.append(said)
    if not report.match:
        if args.coach or args.score:
            result.problem("replay.diverged_coach" if args.coach else "replay.diverged_score",
                           file=args.file)
        result.ok = False
        return result
    if args.coach:
        from game.assessment.coaching import coach
        from game.assessment.coaching_text import coaching_text

        coaching = coach(report.game)
        result.data.update(coaching.model_dump(mode="json"))
        result.messages.clear()  # the coaching is the whole text
        result.body = coaching_text(coaching, lang_of(args))
    elif args.score:
        from game.assessment.assess import assess
        from game.assessment.assessment_text import assessment_text

        assessment = assess(report.game)
        result.data.update(assessment.model_dump(mode="json"))
        result.messages.clear()  # the replay's line heads the assessment's text
        result.body = CliWords(lang_of(args))(said.key, **said.params) + "\n" + assessment_text(
            assessment, lang_of(args), report.game.scenario.courseware)
    return result


@command("lab")
def cmd_lab(args: argparse.Namespace) -> Result:
    from game.assessment.lab import run_lab
    from game.assessment.lab_text import lab_json, lab_table
    from game.bots.players import load_player
    from game.text.progress import bar

    if args.runs < 2:
        raise CommandError("lab.runs_too_few")
    if args.variants < 0:
        raise CommandError("lab.variants_negative")
    if args.no_html and (args.html or args.variants):
        raise CommandError("lab.no_html_conflict")
    for player in args.player:  # one that cannot play is told now, not from a worker
        load_player(player)
    scenario, _ = load_scenario(args.scenario)
    if args.rubric:
        from game.assessment.rubric import load_rubric

        load_rubric(args.rubric)
    log.info("lab on %s: %d seeds from %d, %d workers", scenario.id, args.runs, args.seed0,
             args.workers)
    html = None if args.no_html else Path(args.html or f"balance-{scenario.id}.html")
    if html is not None and not html.parent.is_dir():
        raise CommandError("lab.no_folder", EXIT_PROBLEMS, html=str(html), folder=str(html.parent))

    def progress(unit: str) -> Any:
        return None if args.json else bar(unit)

    balance = None
    if html is None:
        report = run_lab(args.scenario, args.runs, workers=args.workers, customers=args.customers,
                         rubric_path=args.rubric, seed0=args.seed0, progress=progress("seeds"),
                         players=args.player)
    else:
        from game.assessment.balance import run_balance

        balance = run_balance(args.scenario, args.runs, workers=args.workers,
                              customers=args.customers, rubric_path=args.rubric,
                              seed0=args.seed0, variants=args.variants,
                              progress=progress("seeds"), players=args.player)
        report = balance.lab
    result = Result(lab_json(report), body=lab_table(report, lang_of(args)))
    if args.ablations:
        from game.assessment.ablation_lab import ablation_json, ablation_table, run_ablations

        ablations = run_ablations(args.scenario, args.runs, seed0=args.seed0,
                                  workers=args.workers, customers=args.customers,
                                  progress=progress("games"))
        if balance is not None:
            balance.ablations = ablations
        result.data["ablations"] = ablation_json(ablations)
        result.body = f"{result.body}\n\n{ablation_table(ablations)}"
    if balance is not None and html is not None:
        from game.reports.balance_page import write_report

        write_report(balance, html, lang_of(args), command=_lab_command(args))
        result.data["html"] = str(html)
        result.say("lab.report_written", path=str(html), flags=len(balance.flags))
    return result


def _lab_command(args: argparse.Namespace) -> str:
    """The lab command that reproduces a report (printed at its foot)."""
    parts = ["python main.py lab", args.scenario, f"--runs {args.runs}", f"--seed0 {args.seed0}"]
    if args.customers is not None:
        parts.append(f"--customers {args.customers}")
    if args.rubric:
        parts.append(f"--rubric {args.rubric}")
    if args.variants:
        parts.append(f"--variants {args.variants}")
    if args.ablations:
        parts.append("--ablations")
    parts += [f"--player {player}" for player in args.player]
    parts.append(f"--lang {lang_of(args)}")
    return " ".join(parts)


def _window_size(text: str) -> tuple[int, int]:
    """``WxH`` as two positive numbers of pixels."""
    try:
        w, h = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 960x540") from None
    if w <= 0 or h <= 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 960x540")
    return w, h


def cmd_play(args: argparse.Namespace) -> int:
    if args.scenario is not None and not Path(args.scenario).is_file():
        print(CliWords(lang_of(args))("play.no_scenario", path=args.scenario), file=sys.stderr)
        return 2
    from game.ui import splash

    splash.show(args.size or (1280, 720), lang_of(args))  # before the rest loads
    from game.manager.loader import is_manager_file

    if args.scenario is not None and is_manager_file(args.scenario):
        if args.mode == "assessment" and not args.trainee:
            print(CliWords(lang_of(args))("play.manager_needs_trainee"), file=sys.stderr)
            return 2
        from game.ui.manager_window import run as run_manager

        return run_manager(args)
    from game.ui.app import run

    return run(args)


class Parser(argparse.ArgumentParser):
    """The command line's parser (its subcommands' too): a usage error is one line and a hint
    on stderr, exit 2, rather than the whole usage block; ``--help`` speaks ``--lang``."""

    argv: ClassVar[list[str]] = []  # the words being parsed: where a usage error finds --lang
    root = False  # the command line's own parser; a command's parser sees only its words

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        if args is not None and self.root:
            Parser.argv = list(args)
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        from game.commands.usage import usage_error, usage_lang

        self.exit(EXIT_USAGE, usage_error(self.prog, message, usage_lang(Parser.argv or sys.argv[1:])))

    def format_help(self) -> str:
        """The help in ``--lang`` as written on the command line, else the locale's language."""
        from game.commands.help import told_in
        from game.commands.usage import usage_lang

        with told_in(self, usage_lang(Parser.argv or sys.argv[1:])):
            return super().format_help()


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="python main.py", description="Sales Dojo: a sales-process training game.")
    parser.root = True
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="say more on stderr about what the command does (-vv: everything)")
    parser.add_argument("--lang", dest="lang_first", choices=list(LANGS), default=None,
                        help="the language of messages and of this help, also before the "
                             "command (default: from LC_ALL, LC_MESSAGES, LANG)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND",
                                help="one of these (default play); COMMAND --help tells more")

    p = sub.add_parser("play", help="open the game window (the default)")
    p.add_argument("scenario", nargs="?", default=None,
                   help="scenario file to select (default: choose on the start screen)")
    add_output_args(p, json_output=False,  # a window for people: no --json
                    lang_help="the window's language; a resumed game keeps its own")
    p.add_argument("--trainee", default=None, help="pseudonymous trainee id")
    p.add_argument("--mode", choices=["practice", "assessment"], default=None,
                   help="assessment: the game is scored for the records; practice: for the trainee "
                        "alone (default: chosen on the start screen)")
    p.add_argument("--seed", type=seed_arg, default=None, help="overrides the scenario's seed")
    p.add_argument("--size", type=_window_size, default=None, metavar="WxH",
                   help="window size at start, e.g. 960x540 (the layout scales to it)")
    p.add_argument("--screenshot-dir", metavar="DIR", help="save a PNG of every screen passed")
    p.add_argument("--script", metavar="FILE", help="drive the window from a JSON list of steps")
    p.add_argument("--resume", action="store_true",
                   help="continue the latest unfinished game (of --trainee, if given)")
    p.add_argument("--class", dest="class_file", default=None, metavar="CLASS.json",
                   help="play a class's case (with --trainee ID from its roster); the game's "
                        "statements go to the class's LRS as they are made")
    p.add_argument("--no-tour", dest="tour", action="store_false",
                   help="no guided first round, even on a first game")
    p.add_argument("--data-dir", metavar="DIR", default=None,
                   help="records folder (default: $SALES_DOJO_DATA, else the user data folder)")
    p.set_defaults(func=cmd_play)

    p = sub.add_parser("simulate", help="play a whole game headless with a bot")
    p.add_argument("scenario", help="the scenario file (a manager-track one: a manager bot)")
    p.add_argument("--bot", type=bot_arg, default="heuristic",
                   help="the bot that plays (default heuristic; an unknown name lists the others), or your "
                        "own player: FILE.py:NAME or exec:COMMAND (docs/players.md)")
    p.add_argument("--seed", type=seed_arg, default=None, help="overrides the scenario's seed")
    p.add_argument("--save", metavar="FILE", help="write the saved game (JSON Lines)")
    add_output_args(p)
    p.set_defaults(func=cmd_simulate)

    p = sub.add_parser("replay", help="re-run a saved game and check every event")
    p.add_argument("file", help="the saved game (JSON Lines, written by play or --save)")
    p.add_argument("--scenario", help="the scenario file, if it moved since the game was saved")
    p.add_argument("--score", action="store_true",
                   help="recompute the assessment from the replayed game and print it")
    p.add_argument("--coach", action="store_true",
                   help="the coaching: levels and why, occasions missed, the profit waterfall "
                        "and an improvement plan measured on the same seed")
    add_output_args(p)
    p.set_defaults(func=cmd_replay)

    p = sub.add_parser("lab", help="validity lab: every bot tier on N seeds, per-competency statistics")
    p.add_argument("scenario", help="the scenario file")
    p.add_argument("--runs", type=int, default=30, help="seeds per bot (default 30)")
    p.add_argument("--seed0", type=seed_arg, default=1, help="first seed (default 1)")
    p.add_argument("--workers", type=count_arg, default=2, help="parallel processes (default 2)")
    p.add_argument("--customers", type=count_arg, default=None, help="override the market's size")
    p.add_argument("--rubric", default=None, help="a rubric file instead of the standard one")
    p.add_argument("--html", metavar="FILE", default=None,
                   help="the balance report (default balance-<scenario id>.html here)")
    p.add_argument("--no-html", action="store_true", help="do not write the balance report")
    p.add_argument("--variants", type=int, default=0, metavar="N",
                   help="also play the expert and novice on N trainee variants (default 0)")
    p.add_argument("--ablations", action="store_true",
                   help="also play the expert with one behaviour removed at a time, paired on "
                        "the same seeds: what each step of the process is worth")
    p.add_argument("--player", action="append", default=[], metavar="PLAYER",
                   help="also play your own player (FILE.py:NAME or exec:COMMAND) and judge it as "
                        "the gaming bots are: at or below the novice on every competency "
                        "(repeatable; docs/players.md)")
    add_output_args(p, lang_help="the language of messages and of the balance report")
    p.set_defaults(func=cmd_lab)

    for module in _command_modules():
        if hasattr(module, "register"):  # game.commands.output is a helper, not a command
            module.register(sub)
    _verbose_everywhere(sub)
    return parser


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    return {name for a in parser._actions if isinstance(a, argparse._SubParsersAction)
            for name in a.choices}


def played(argv: list[str], commands: set[str]) -> list[str]:
    """``argv`` with ``play`` before it when it names no command: ``play`` is the default, so
    ``python main.py --lang zh`` and ``python main.py FILE.yaml`` open the window. A first word
    that is neither an option's value nor a file's name stays a command, so a misspelt one is
    told as such; ``--help`` without a command is the whole command line's."""
    if any(word in commands or word in ("-h", "--help") for word in argv):
        return argv
    for i, word in enumerate(argv):
        if word.startswith("-"):
            continue
        after_option = i > 0 and argv[i - 1].startswith("--") and "=" not in argv[i - 1]
        if not (after_option or "/" in word or "\\" in word or word.endswith((".yaml", ".yml"))
                or Path(word).exists()):
            return argv
    return ["play", *argv]


def _verbose_everywhere(sub: Any) -> None:
    """-v/--verbose after the command name too (``python main.py lab X -v``)."""
    for p in sub.choices.values():
        if not any("--verbose" in a.option_strings for a in p._actions):
            p.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS,
                           help="say more on stderr about what the command does")


def _command_modules() -> list:
    """Every module of game.commands, in name order (each adds its own subcommands)."""
    import game.commands

    names = sorted(m.name for m in pkgutil.iter_modules(game.commands.__path__))
    return [importlib.import_module(f"game.commands.{name}") for name in names]


EXIT_CRASH = 70
"""The exit code of an unexpected error (EX_SOFTWARE): 0 is success, 1 problems found in the
input, 2 a usage error, 130 interrupted."""


def main(argv: list[str] | None = None) -> int:
    """Run one command; an unexpected error becomes one line on stderr and a crash file."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:  # a usage error (or --help) ends here with its exit code, also when called in-process
        args = parser.parse_args(played(argv, _commands(parser)))
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else EXIT_USAGE
    if getattr(args, "lang", None) is None and getattr(args, "lang_first", None) is not None:
        args.lang = args.lang_first  # python main.py --lang zh COMMAND ...
    _logging(args)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("", file=sys.stderr)
        return 130
    except Exception as exc:  # the last line of defence: no traceback reaches a person
        from game.crash import crash_folder, one_line, write_crash
        from game.text.locale import default_lang

        path = write_crash(exc, argv, crash_folder(getattr(args, "data_dir", None)))
        lang = getattr(args, "lang", None) or default_lang()
        print(one_line(exc, path, lang), file=sys.stderr)
        return EXIT_CRASH


def _logging(args: argparse.Namespace) -> None:
    """Log to stderr: warnings by default, INFO with -v, DEBUG with -vv."""
    verbose = int(getattr(args, "verbose", 0) or 0)
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
