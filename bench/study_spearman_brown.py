"""Does the study's "about m times the evidence" hint hold on real games?

The study turns a test-retest ICC short of its bar into the evidence a game would need by the
Spearman-Brown prophecy. Averaging two games is a game with twice the evidence, so on every
competency this plays trainees on four seeds and compares the ICC of one game (mean over seed
pairs 1-2 and 3-4) and its prophecy for two games with the ICC measured between the mean of
games 1-2 and the mean of games 3-4.

    python bench/study_spearman_brown.py [SCENARIO ...] [--trainees 200] [--workers 2]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.assessment.stats import spearman_brown  # noqa: E402
from game.assessment.study import _complete, _icc, jobs_for, run_jobs  # noqa: E402

SEEDS = (11, 12, 13, 14)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenarios", nargs="*", default=[str(p) for p in sorted((ROOT / "scenarios").glob("*.yaml"))])
    ap.add_argument("--trainees", type=int, default=200)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    gaps = []
    for path in args.scenarios:
        results = run_jobs(jobs_for(path, args.trainees, SEEDS), workers=args.workers)
        print(f"\n{Path(path).name}: {args.trainees} trainees x {len(SEEDS)} seeds")
        print(f"{'competency':28s} {'trainees':>8s} {'1 game':>7s} {'2, told':>8s} {'2, found':>9s}")
        for c in sorted({c for r in results for c in r.scores}):
            m = _complete(((r.trainee, r.seed, float(v)) for r in results
                           if (v := r.scores.get(c)) is not None), SEEDS)
            if m.shape[0] < 20:
                print(f"{c:28s} {m.shape[0]:8d}  too few trainees with evidence on every seed")
                continue
            one = float(np.mean([_icc(m[:, [0, 1]]), _icc(m[:, [2, 3]])]))
            told = spearman_brown(one, 2.0)
            found = _icc(np.column_stack([m[:, :2].mean(axis=1), m[:, 2:].mean(axis=1)]))
            gaps.append(found - told)
            print(f"{c:28s} {m.shape[0]:8d} {one:7.3f} {told:8.3f} {found:9.3f}")
    if gaps:
        print(f"\nfound - told over {len(gaps)} cells: median {np.median(gaps):+.3f}, "
              f"range {min(gaps):+.3f} to {max(gaps):+.3f}")


if __name__ == "__main__":
    main()
