"""Does following the coaching pay? For each seed a graded rep plays, its improvement plan is
computed from its game alone, then the same rep with the plan's first item added plays the same
seed again; paired over the seeds: the profit gained, its paired effect size and how many seeds
gained. A rep whose first item is worth nothing would show a mean gain near zero.

    python bench/bench_coaching.py [--runs 30] [--scenario FILE] [--tiers novice intermediate]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from pathlib import Path

from game.assessment.assess import standard_rubric
from game.assessment.improvement_plan import copy_band, improvement_plan
from game.assessment.outcomes import game_outcomes
from game.assessment.runs import play_bot
from game.bots.additions import with_addition
from game.bots.graded import EXPERT, INTERMEDIATE, NOVICE, GradedRep
from game.scenario.loader import load_scenario

BAND = copy_band(standard_rubric()[0])

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
TIERS = {"novice": NOVICE, "intermediate": INTERMEDIATE, "expert": EXPERT}


def follow_the_plan(scenario_path: str, tier: str, seeds: list[int]) -> list[tuple[int, str, float, float]]:
    """(seed, first item, profit as played, profit with the first item added) per seed; a seed
    whose plan is empty keeps its profit."""
    scenario, _ = load_scenario(scenario_path)
    style = TIERS[tier]
    rows = []
    for seed in seeds:
        game = play_bot(scenario, GradedRep(seed, style), seed)
        before = float(game_outcomes(game.events)["profit"] or 0.0)
        items = improvement_plan(game.events, scenario, seed, BAND).items
        if not items:
            rows.append((seed, "-", before, before))
            continue
        again = play_bot(scenario, with_addition(style, items[0].behaviour, seed), seed)
        rows.append((seed, items[0].behaviour, before,
                     float(game_outcomes(again.events)["profit"] or 0.0)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seed0", type=int, default=1)
    parser.add_argument("--scenario", default=str(SCENARIOS / "riverside-first-territory.yaml"))
    parser.add_argument("--tiers", nargs="+", default=["novice", "intermediate"], choices=TIERS)
    args = parser.parse_args()
    seeds = list(range(args.seed0, args.seed0 + args.runs))
    print(f"{Path(args.scenario).stem}: {len(seeds)} paired seeds")
    print(f"{'tier':<13} {'mean profit':>12} {'mean gain':>10} {'sd':>9} {'d_z':>6} "
          f"{'gained':>7}  first items")
    for tier in args.tiers:
        start = time.perf_counter()
        rows = follow_the_plan(args.scenario, tier, seeds)
        gains = [after - before for _, _, before, after in rows]
        sd = statistics.stdev(gains) if len(gains) > 1 else float("nan")
        dz = statistics.fmean(gains) / sd if sd > 0 else float("inf")
        firsts = Counter(first for _, first, _, _ in rows).most_common()
        print(f"{tier:<13} {statistics.fmean(r[2] for r in rows):>12,.0f} "
              f"{statistics.fmean(gains):>10,.0f} {sd:>9,.0f} {dz:>6.2f} "
              f"{sum(g > 0 for g in gains):>3}/{len(gains):<3}  "
              f"{', '.join(f'{k} {n}' for k, n in firsts)}  ({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
