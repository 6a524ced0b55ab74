"""``study``: synthetic trainees of known skill play a scenario; do the scores follow the skill?"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import Executor
from pathlib import Path
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
from game.text.linebreak import align


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "study",
        help="validity study: synthetic trainees of known skill, per-competency validity and reliability",
        description="Draw synthetic trainees with a known skill in every competency, play each "
        "on the scenario's seeds, score them, and report per competency the convergent validity "
        "(Spearman rho of score and skill), the discriminant validity (the largest |rho| with "
        "another skill), the test-retest ICC(2,1) across seeds, the standard error of "
        "measurement, and the composite's correlation with contribution profit.",
    )
    p.add_argument("scenario", help="a scenario YAML file (a manager-track one: synthetic managers)")
    p.add_argument("--trainees", type=int, default=200,
                   help="synthetic trainees, or managers on a manager scenario (default 200)")
    p.add_argument("--seeds", type=int, default=2,
                   help="games per trainee, on the scenario's seed and the next ones (default 2)")
    p.add_argument("--workers", type=int, default=2, help="local worker processes (default 2)")
    p.add_argument("--dask", metavar="ADDRESS", default=None,
                   help="run the games on a Dask cluster at ADDRESS (needs dask[distributed])")
    p.add_argument("--study-seed", type=seed_arg, default=0, help="draws the trainees (default 0)")
    add_output_args(p)
    p.set_defaults(func=cmd_study)


@command("study")
def cmd_study(args: argparse.Namespace) -> Result:
    from game.assessment.study import checks, study
    from game.scenario.loader import load_scenario

    if args.trainees < 3 or args.seeds < 1 or args.workers < 1:
        raise CommandError("study.bad_numbers")
    from game.manager.loader import is_manager_file, load_manager

    path = Path(args.scenario)
    manager = is_manager_file(path)
    seed = load_manager(path)[0].seed if manager else load_scenario(path)[0].seed
    executor: Executor | None = None
    client = None
    if args.dask:
        try:
            from distributed import Client
        except ImportError:
            raise CommandError("study.no_dask") from None
        try:
            client = Client(args.dask)
        except (OSError, ValueError) as exc:
            raise CommandError("study.dask_unreachable", EXIT_PROBLEMS, address=args.dask,
                               why=str(exc).splitlines()[0]) from None
        executor = client.get_executor()
    try:
        seeds = [seed + k for k in range(args.seeds)]
        progress = not args.json and sys.stderr.isatty()
        if manager:  # synthetic managers lead the team; the manager rubric scores them
            from game.manager.validity import manager_study

            summary = manager_study(path, managers=args.trainees, seeds=seeds, executor=executor,
                                    workers=args.workers, progress=progress,
                                    study_seed=args.study_seed)
        else:
            summary = study(path, trainees=args.trainees, seeds=seeds, executor=executor,
                            workers=args.workers, progress=progress, study_seed=args.study_seed)
    finally:
        if client is not None:
            client.close()
    problems = checks(summary)
    summary["problems"] = problems
    return Result(summary, body=study_table(summary, lang_of(args)), ok=not problems)


def study_table(summary: dict[str, Any], lang: str = "en") -> str:
    """The study as a plain-text table in ``lang``, with what falls short of the bar below it."""
    t = CliWords(lang)
    lines = [
        t("study.title", scenario=summary["scenario"], trainees=summary["trainees"],
          seeds=len(summary["seeds"]), games=summary["games"], seconds=summary["seconds"]),
        "",
        align(t("study.column.competency"), 28, left=True) + " "
        + " ".join(align(t(f"study.column.{name}"), width)
                   for name, width in (("convergent", 10), ("discriminant", 9), ("icc", 6),
                                       ("sem", 6), ("scored", 7), ("profit", 13))),
    ]

    def f(x: float | None) -> str:
        return "-" if x is None else f"{x:.2f}"

    def money(x: float | None) -> str:
        return "-" if x is None else f"{x:+,.0f}"

    for c, s in summary["competencies"].items():
        lines.append(f"{c:28s} {f(s['convergent_rho']):>10s} {f(s['discriminant_max_rho']):>9s} "
                     f"{f(s['icc']):>6s} {f(s['sem']):>6s} {s['scored_games']:>7d} "
                     f"{money(s.get('profit_per_skill')):>13s}")
    lines += ["", t("study.criterion", rho=f(summary["criterion_rho"]),
                    game=f(summary.get("criterion_rho_per_game")),
                    icc=f(summary.get("profit_icc")))]
    if summary.get("criterion_ceiling_rho") is not None:
        lines.append(t("study.ceiling", rho=f(summary["criterion_ceiling_rho"])))
    problems = summary.get("problems") or []
    lines += ["", t("study.all_met") if not problems else t("study.short")]
    lines += [f"  - {p}" for p in problems]
    return "\n".join(lines)
