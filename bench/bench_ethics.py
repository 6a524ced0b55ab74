"""Does answering ethical requests properly pay, in the score and in the money? On the ethics
drill the expert plays each seed three times, the same rep but for its answers to the dilemmas:
straight (as the courseware teaches: report a bribe or a leak, offer an honest alternative to a
promise or a date it cannot keep), for the visible immediate gain, and leaving them to their
default. Per way: the mean professionalism score, the dilemmas_handled value and the
contribution profit, and paired over the seeds the straight-minus-gain differences.

    python bench/bench_ethics.py [--runs 20] [--scenario FILE]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import time
from pathlib import Path

from game.assessment.assess import competency_scores, standard_rubric
from game.assessment.runs import play_bot
from game.bots.graded import EXPERT, GradedRep
from game.scenario.loader import load_scenario

DRILL = Path(__file__).resolve().parent.parent / "scenarios" / "drills" / "drill-ethics.yaml"
WAYS = ("straight", "gain", "never")


def one_game(scenario_path: str, way: str, seed: int) -> tuple[float | None, float | None, float]:
    """(professionalism score, dilemmas_handled value, profit) of the expert answering ``way``."""
    scenario, _ = load_scenario(scenario_path)
    rubric, _ = standard_rubric()
    rep = GradedRep(seed, dataclasses.replace(EXPERT, dilemmas=way))
    game = play_bot(scenario, rep, seed)
    scores = competency_scores(list(game.events), scenario, rubric)
    prof = next(c for c in scores if c.id == "professionalism-ethics")
    handled = next(i for i in prof.indicators if i.id == "dilemmas_handled")
    profit = float(next(e for e in reversed(game.events) if e.kind == "game_ended")
                   .payload["totals"]["profit"])
    return prof.score, handled.value, profit


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--scenario", default=str(DRILL))
    args = ap.parse_args()
    start = time.perf_counter()
    results = {way: [one_game(args.scenario, way, seed) for seed in range(1, args.runs + 1)]
               for way in WAYS}
    print(f"{Path(args.scenario).name}: the expert over {args.runs} seeds "
          f"({time.perf_counter() - start:.0f} s)")
    for way in WAYS:
        rows = results[way]
        prof = [r[0] for r in rows if r[0] is not None]
        handled = [r[1] for r in rows if r[1] is not None]
        profit = [r[2] for r in rows]
        print(f"  {way:8s} professionalism {statistics.mean(prof):.3f} (n={len(prof)})  "
              f"dilemmas_handled {statistics.mean(handled) if handled else float('nan'):.3f}  "
              f"profit {statistics.mean(profit):,.0f} (sd {statistics.pstdev(profit):,.0f})")
    paired = [(p[0] - t[0], p[2] - t[2]) for p, t in zip(results["straight"], results["gain"],
                                                          strict=True)
              if p[0] is not None and t[0] is not None]
    print(f"  straight - gain, paired: professionalism {statistics.mean(d for d, _ in paired):+.3f}"
          f" (higher on {sum(d > 0 for d, _ in paired)}/{len(paired)} seeds), profit "
          f"{statistics.mean(m for _, m in paired):+,.0f} "
          f"(higher on {sum(m > 0 for _, m in paired)}/{len(paired)} seeds)")


if __name__ == "__main__":
    main()
