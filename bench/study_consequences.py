"""Does the sales process pay? Tiers and ablations on the shipped and on generated scenarios.

For every shipped scenario and N generated ones (``python main.py generate``), plays the idle
rep and the novice, intermediate and expert tiers on the same seeds and prints mean contribution
profit per tier, Hedges' g between adjacent tiers, the idle rep's profit as a share of the
expert's, whether the idle rep misses the revenue target, and Hedges' g of satisfaction between
novice and expert. Then the ablation table (the expert with one behaviour removed) on the
shipped scenarios. A long study, not a test: ~15 minutes at the defaults on two cores.

    python bench/study_consequences.py [--runs 30] [--generated 10] [--gen-seed0 101]
                                       [--ablations] [--markdown FILE]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.assessment.ablation_lab import ablation_table, run_ablations  # noqa: E402
from game.assessment.consequences import STUDY_HEADER, study_line, study_tiers  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))


def generated(n: int, seed0: int, folder: Path) -> list[Path]:
    from game.assessment.runs import play_named
    from game.trainer.generate import generate

    paths = []
    for seed in range(seed0, seed0 + n):
        path = folder / f"generated-{seed}.yaml"
        path.write_text(generate(seed, None, play_named).text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--generated", type=int, default=10)
    parser.add_argument("--gen-seed0", type=int, default=101,
                        help="first generator seed (default 101: worlds nobody tuned against)")
    parser.add_argument("--ablations", action="store_true", help="also the ablation tables")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--markdown", metavar="FILE", help="also write the tables as Markdown")
    args = parser.parse_args()
    seeds = list(range(1, args.runs + 1))
    lines = [STUDY_HEADER]
    print(STUDY_HEADER, flush=True)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        paths = [*SHIPPED, *generated(args.generated, args.gen_seed0, Path(tmp))]
        passed = 0
        for path in paths:
            study = study_tiers(str(path), seeds, workers=args.workers)
            line = study_line(study)
            passed += study.passed
            lines.append(line)
            print(line, flush=True)
    print(f"{passed} of {len(paths)} scenarios pass, {args.runs} seeds each, "
          f"{time.perf_counter() - t0:.0f} s")
    tables = []
    if args.ablations:
        for path in SHIPPED:
            table = ablation_table(run_ablations(str(path), runs=args.runs, workers=args.workers))
            tables.append(table)
            print(table, flush=True)
    if args.markdown:
        body = ["```", *lines, "```", *(f"```\n{t}\n```" for t in tables)]
        Path(args.markdown).write_text("\n".join(body) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
