"""Benchmark: wall-clock seconds of the validity lab (every bot tier on N seeds, 2 processes).

Target: 30 seeds x all tiers in <= 60 s on a 2-core machine.

    python bench/bench_lab.py [--runs 30] [--workers 2] [--scenario FILE]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from game.assessment.lab import run_lab
from game.assessment.lab_text import lab_table

SHIPPED = Path(__file__).resolve().parent.parent / "scenarios" / "east-china-territory.yaml"
TARGET_SECONDS = 60.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--scenario", default=str(SHIPPED))
    parser.add_argument("--table", action="store_true", help="also print the lab's table")
    args = parser.parse_args()
    start = time.perf_counter()
    report = run_lab(args.scenario, args.runs, workers=args.workers)
    total = time.perf_counter() - start
    games = args.runs * (len(report.tiers) + len(report.gaming))  # the expert's game is the reference
    if args.table:
        print(lab_table(report))
        print()
    print(f"lab: {args.runs} seeds x {len(report.tiers) + len(report.gaming)} bots, {games} games, "
          f"{args.workers} workers on {os.cpu_count()} cores")
    print(f"wall clock {total:.1f} s (games {report.seconds:.1f} s), "
          f"{1000 * report.seconds / games:.0f} ms of wall clock per game")
    verdict = "within" if total <= TARGET_SECONDS else "OVER"
    print(f"{verdict} the {TARGET_SECONDS:.0f} s target; "
          f"{'every validity target met' if report.passed else 'validity targets missed'}")


if __name__ == "__main__":
    main()
