"""The command line: play | simulate | replay | lab; the other commands live in game.commands."""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import pkgutil
import sys
from pathlib import Path
from typing import Any

from game.cli_args import bot_arg, count_arg, seed_arg
from game.scenario.errors import ScenarioError

log = logging.getLogger("sales_dojo")


def load_scenario(path: str | Path) -> tuple[Any, str]:
    """``game.scenario.loader.load_scenario``, imported on first use: ``play`` opens its window
    before the scenario models load."""
    from game.scenario.loader import load_scenario as load

    return load(path)


def _print_problems(err: ScenarioError) -> None:
    for problem in err.problems:
        print(str(problem), file=sys.stderr)


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


def cmd_simulate(args: argparse.Namespace) -> int:
    from game.bots.base import play
    from game.bots.registry import make_bot
    from game.engine.game import Game
    from game.engine.review import totals
    from game.engine.savegame import write_save

    try:
        scenario, sha = load_scenario(args.scenario)
    except ScenarioError as err:
        _print_problems(err)
        return 1
    log.info("loaded %s (%s, sha256 %s)", args.scenario, scenario.id, sha[:12])
    game = Game(scenario, seed=args.seed, scenario_sha256=sha)
    play(game, make_bot(args.bot, game.seed))
    log.info("%s played seed %d: %d actions, %d events", args.bot, game.seed, len(game.actions),
             len(game.events))
    if args.save:
        write_save(game, args.save, scenario_path=str(Path(args.scenario).resolve()))
        log.info("saved the game to %s", args.save)
    result = {
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
    if args.json:
        print(json.dumps(result, ensure_ascii=False, sort_keys=True))
        return 0
    print(f"{scenario.title.pick('en')} — bot {args.bot}, seed {game.seed}")
    print(f"{'round':>5} {'revenue':>14} {'profit':>13} {'margin':>8} {'share':>7} {'customers':>9} "
          f"{'satisf.':>8} {'fcst err':>8}")
    for r in result["rounds"]:
        err = "-" if r["forecast_error"] is None else f"{r['forecast_error']:.1%}"
        print(f"{r['round']:>5} {r['revenue']:>14,.0f} {r['profit']:>13,.0f} {r['margin']:>8.1%} "
              f"{r['market_share']:>7.1%} {r['customers']:>9} {r['satisfaction']:>8.2f} {err:>8}")
    t = result["totals"]
    print(f"{'total':>5} {t['revenue']:>14,.0f} {t['profit']:>13,.0f} {t['margin']:>8.1%} "
          f"{t['market_share']:>7.1%} {t['customers']:>9} {t['satisfaction']:>8.2f}")
    for account, m in result["negotiations"].items():
        claimed = m.get("value_claimed")
        claimed_text = "-" if claimed is None else f"{claimed:.2f}"
        print(f"  negotiation {account}: {m.get('status')}, value claimed {claimed_text}")
    print(f"event log sha256 {result['event_log_sha256']}")
    return 0


def cmd_replay(args: argparse.Namespace) -> int:
    from game.engine.savegame import SaveError, read_save, replay

    try:
        saved = read_save(args.file)
    except SaveError as err:
        print(str(err), file=sys.stderr)
        return 1
    path = args.scenario or saved.header.get("scenario_path")
    if not path:
        print(f"{args.file}: error: the saved game does not say which scenario it played\n"
              "  hint: pass it with --scenario FILE", file=sys.stderr)
        return 1
    try:
        scenario, sha = load_scenario(path)
    except ScenarioError as err:
        _print_problems(err)
        return 1
    if saved.header.get("scenario_sha256") and sha != saved.header["scenario_sha256"]:
        print(f"warning: {path} has changed since this game was saved (sha256 differs)", file=sys.stderr)
    log.info("replaying %s: %d actions on %s", args.file, len(saved.actions), path)
    report = replay(saved, scenario, sha)
    if args.coach:
        return _print_coaching(args, report)
    if not args.score:
        print(report.describe())
        return 0 if report.match else 1
    if not report.match:
        print(report.describe(), file=sys.stderr)
        print(f"{args.file}: error: the replay diverged, so its scores would not be this game's",
              file=sys.stderr)
        return 1
    from game.assessment.assess import assess
    from game.assessment.assessment_text import assessment_text

    result = assess(report.game)
    if args.json:
        print(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, sort_keys=True))
    else:
        print(report.describe())
        print(assessment_text(result))
    return 0


def _print_coaching(args: argparse.Namespace, report: Any) -> int:
    """``replay --coach``: the coaching of the replayed game, as text or JSON."""
    from game.assessment.coaching import coach
    from game.assessment.coaching_text import coaching_text
    from game.text.locale import default_lang

    if not report.match:
        print(report.describe(), file=sys.stderr)
        print(f"{args.file}: error: the replay diverged, so its coaching would not be this game's",
              file=sys.stderr)
        return 1
    coaching = coach(report.game)
    if args.json:
        print(json.dumps(coaching.model_dump(mode="json"), ensure_ascii=False, sort_keys=True))
    else:
        print(coaching_text(coaching, args.lang or default_lang()))
    return 0


def cmd_lab(args: argparse.Namespace) -> int:
    from game.assessment.lab import run_lab
    from game.assessment.lab_text import lab_json, lab_table
    from game.text.progress import bar

    if args.runs < 2:
        print("error: --runs must be at least 2 (test-retest pairs two seeds)", file=sys.stderr)
        return 2
    if args.variants < 0:
        print("error: --variants must be 0 or more", file=sys.stderr)
        return 2
    if args.no_html and (args.html or args.variants):
        print("error: --no-html leaves out the report that --html and --variants are for; "
              "drop one of them", file=sys.stderr)
        return 2
    try:
        scenario, _ = load_scenario(args.scenario)
        if args.rubric:
            from game.assessment.rubric import load_rubric

            load_rubric(args.rubric)
    except ScenarioError as err:
        _print_problems(err)
        return 1
    log.info("lab on %s: %d seeds from %d, %d workers", scenario.id, args.runs, args.seed0,
             args.workers)
    html = None if args.no_html else Path(args.html or f"balance-{scenario.id}.html")
    if html is not None and not html.parent.is_dir():
        print(f"{html}: error: the folder {html.parent} does not exist\n"
              "  hint: create it first or give --html a path in an existing folder",
              file=sys.stderr)
        return 1
    balance = None
    if html is None:
        report = run_lab(args.scenario, args.runs, workers=args.workers, customers=args.customers,
                         rubric_path=args.rubric, seed0=args.seed0, progress=bar("seeds"))
    else:
        from game.assessment.balance import run_balance

        balance = run_balance(args.scenario, args.runs, workers=args.workers,
                              customers=args.customers, rubric_path=args.rubric,
                              seed0=args.seed0, variants=args.variants, progress=bar("seeds"))
        report = balance.lab
    ablations = None
    if args.ablations:
        from game.assessment.ablation_lab import run_ablations

        ablations = run_ablations(args.scenario, args.runs, seed0=args.seed0,
                                  workers=args.workers, customers=args.customers,
                                  progress=bar("games"))
        if balance is not None:
            balance.ablations = ablations
    if args.json:
        data = lab_json(report)
        if ablations is not None:
            from game.assessment.ablation_lab import ablation_json

            data["ablations"] = ablation_json(ablations)
        print(json.dumps(data, ensure_ascii=False, sort_keys=True))
    else:
        print(lab_table(report))
        if ablations is not None:
            from game.assessment.ablation_lab import ablation_table

            print()
            print(ablation_table(ablations))
    if balance is not None and html is not None:
        from game.records.errors import RecordsError
        from game.reports.balance_page import write_report

        try:
            write_report(balance, html, args.lang, command=_lab_command(args))
        except RecordsError as err:
            print(err, file=sys.stderr)
            return 1
        flags = len(balance.flags)
        print(f"balance report: {html} ({flags} flag{'' if flags == 1 else 's'})",
              file=sys.stderr if args.json else sys.stdout)
    return 0


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
    parts.append(f"--lang {args.lang}")
    return " ".join(parts)


NO_SCENARIO = {
    "en": "{path}: error: no such scenario file (check the path, or leave it out and pick a "
          "scenario on the start screen)",
    "zh": "{path}：错误：找不到这个剧本文件（请检查路径，或不写路径，在开始界面选择剧本）",
}


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
    from game.text.locale import default_lang

    if args.scenario is not None and not Path(args.scenario).is_file():
        print(NO_SCENARIO[args.lang or default_lang()].format(path=args.scenario), file=sys.stderr)
        return 2
    from game.ui import splash

    splash.show(args.size or (1280, 720), args.lang or default_lang())  # before the rest loads
    from game.ui.app import run

    return run(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python main.py", description="Sales Dojo: a sales-process training game.")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="say more on stderr about what the command does (-vv: everything)")
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("play", help="open the game window (the default)")
    p.add_argument("scenario", nargs="?", default=None,
                   help="scenario file to select (default: choose on the start screen)")
    p.add_argument("--lang", choices=["zh", "en"], default=None, help="interface language")
    p.add_argument("--trainee", default=None, help="pseudonymous trainee id")
    p.add_argument("--mode", choices=["practice", "assessment"], default=None)
    p.add_argument("--seed", type=seed_arg, default=None, help="overrides the scenario's seed")
    p.add_argument("--size", type=_window_size, default=None, metavar="WxH",
                   help="window size at start, e.g. 960x540 (the layout scales to it)")
    p.add_argument("--screenshot-dir", metavar="DIR", help="save a PNG of every screen passed")
    p.add_argument("--script", metavar="FILE", help="drive the window from a JSON list of steps")
    p.add_argument("--resume", action="store_true",
                   help="continue the latest unfinished game (of --trainee, if given)")
    p.add_argument("--no-tour", dest="tour", action="store_false",
                   help="no guided first round, even on a first game")
    p.add_argument("--data-dir", metavar="DIR", default=None,
                   help="records folder (default: $SALES_DOJO_DATA, else the user data folder)")
    p.set_defaults(func=cmd_play)

    p = sub.add_parser("simulate", help="play a whole game headless with a bot")
    p.add_argument("scenario")
    p.add_argument("--bot", type=bot_arg, default="heuristic")
    p.add_argument("--seed", type=seed_arg, default=None, help="overrides the scenario's seed")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--save", metavar="FILE", help="write the saved game (JSON Lines)")
    p.set_defaults(func=cmd_simulate)

    p = sub.add_parser("replay", help="re-run a saved game and check every event")
    p.add_argument("file")
    p.add_argument("--scenario", help="the scenario file, if it moved since the game was saved")
    p.add_argument("--score", action="store_true",
                   help="recompute the assessment from the replayed game and print it")
    p.add_argument("--json", action="store_true",
                   help="with --score or --coach: the assessment or the coaching as JSON")
    p.add_argument("--coach", action="store_true",
                   help="the coaching: levels and why, occasions missed, the profit waterfall "
                        "and an improvement plan measured on the same seed")
    p.add_argument("--lang", choices=["zh", "en"], default=None,
                   help="with --coach: its language (default: the system's)")
    p.set_defaults(func=cmd_replay)

    p = sub.add_parser("lab", help="validity lab: every bot tier on N seeds, per-competency statistics")
    p.add_argument("scenario")
    p.add_argument("--runs", type=int, default=30, help="seeds per bot (default 30)")
    p.add_argument("--seed0", type=seed_arg, default=1, help="first seed (default 1)")
    p.add_argument("--workers", type=count_arg, default=2, help="parallel processes (default 2)")
    p.add_argument("--customers", type=count_arg, default=None, help="override the market's size")
    p.add_argument("--rubric", default=None, help="a rubric file instead of the standard one")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--html", metavar="FILE", default=None,
                   help="the balance report (default balance-<scenario id>.html here)")
    p.add_argument("--no-html", action="store_true", help="do not write the balance report")
    p.add_argument("--lang", choices=["en", "zh"], default="en", help="the report's language")
    p.add_argument("--variants", type=int, default=0, metavar="N",
                   help="also play the expert and novice on N trainee variants (default 0)")
    p.add_argument("--ablations", action="store_true",
                   help="also play the expert with one behaviour removed at a time, paired on "
                        "the same seeds: what each step of the process is worth")
    p.set_defaults(func=cmd_lab)

    for module in _command_modules():
        module.register(sub)
    _verbose_everywhere(sub)
    return parser


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
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["play", *argv])
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
