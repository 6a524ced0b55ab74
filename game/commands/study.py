"""``study``: synthetic trainees of known skill play a scenario; do the scores follow the skill?"""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

from game.cli_args import seed_arg


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
    p.add_argument("scenario", help="a scenario YAML file")
    p.add_argument("--trainees", type=int, default=200, help="synthetic trainees (default 200)")
    p.add_argument("--seeds", type=int, default=2,
                   help="games per trainee, on the scenario's seed and the next ones (default 2)")
    p.add_argument("--workers", type=int, default=2, help="local worker processes (default 2)")
    p.add_argument("--dask", metavar="ADDRESS", default=None,
                   help="run the games on a Dask cluster at ADDRESS (needs dask[distributed])")
    p.add_argument("--study-seed", type=seed_arg, default=0, help="draws the trainees (default 0)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_study)


def cmd_study(args: argparse.Namespace) -> int:
    from game.assessment.study import checks, study
    from game.scenario.errors import ScenarioError
    from game.scenario.loader import load_scenario

    if args.trainees < 3 or args.seeds < 1 or args.workers < 1:
        print("error: --trainees must be at least 3, --seeds and --workers at least 1",
              file=sys.stderr)
        return 2
    path = Path(args.scenario)
    if not path.is_file():
        print(f"error: {path}: no such scenario file", file=sys.stderr)
        return 2
    try:
        scenario, _ = load_scenario(path)
    except ScenarioError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    executor: Executor | None = None
    client = None
    if args.dask:
        try:
            from distributed import Client
        except ImportError:
            print("error: --dask needs the optional extra: pip install 'dask[distributed]'",
                  file=sys.stderr)
            return 2
        client = Client(args.dask)
        executor = client.get_executor()
    try:
        seeds = [scenario.seed + k for k in range(args.seeds)]
        summary = study(path, trainees=args.trainees, seeds=seeds, executor=executor,
                        workers=args.workers, progress=sys.stderr.isatty() or not args.json,
                        study_seed=args.study_seed)
    finally:
        if client is not None:
            client.close()
    problems = checks(summary)
    summary["problems"] = problems
    if args.json:
        print(json.dumps(summary, indent=2, ensure_ascii=False))
    else:
        print(study_table(summary))
    return 1 if problems else 0


def study_table(summary: dict[str, Any]) -> str:
    """The study as a plain-text table, with what falls short of the bar below it."""
    lines = [
        f"{summary['scenario']}: {summary['trainees']} synthetic trainees x "
        f"{len(summary['seeds'])} seeds ({summary['games']} games, {summary['seconds']} s)",
        "",
        f"{'competency':28s} {'convergent':>10s} {'discrim.':>9s} {'ICC':>6s} {'SEM':>6s} {'scored':>7s}",
    ]

    def f(x: float | None) -> str:
        return "-" if x is None else f"{x:.2f}"

    for c, s in summary["competencies"].items():
        lines.append(f"{c:28s} {f(s['convergent_rho']):>10s} {f(s['discriminant_max_rho']):>9s} "
                     f"{f(s['icc']):>6s} {f(s['sem']):>6s} {s['scored_games']:>7d}")
    lines += ["", f"composite vs contribution profit: rho = {f(summary['criterion_rho'])}"]
    problems = summary.get("problems") or []
    lines += ["", "all checks met" if not problems else "short of the bar:"]
    lines += [f"  - {p}" for p in problems]
    return "\n".join(lines)
