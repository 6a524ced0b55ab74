"""Seconds for a whole game of the shipped scenario (10,000 customers) with a bot.

Target on a 2-core machine: <= 0.3 s with the expert bot (the default). Prints the median over
several seeds; the machine may be shared, so run it a few times.
Usage: python bench/bench_game.py [--runs N] [--bot NAME]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.bots.base import play  # noqa: E402
from game.bots.registry import make_bot  # noqa: E402
from game.engine.game import Game  # noqa: E402
from game.scenario.loader import load_scenario  # noqa: E402

SCENARIO = Path(__file__).resolve().parent.parent / "scenarios" / "east-china-territory.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--bot", default="expert")
    args = parser.parse_args()
    scenario, _ = load_scenario(SCENARIO)
    times, setup = [], []
    for seed in range(args.runs):
        t0 = time.perf_counter()
        game = Game(scenario, seed=seed)
        t1 = time.perf_counter()
        play(game, make_bot(args.bot, seed))
        t2 = time.perf_counter()
        assert game.over
        setup.append(t1 - t0)
        times.append(t2 - t0)
    times.sort()
    print(f"scenario: {scenario.id}, {scenario.market.customers} customers, "
          f"{scenario.rounds} rounds x {scenario.weeks_per_round} weeks, bot {args.bot}")
    print(f"whole game: median {statistics.median(times):.3f} s, "
          f"p90 {times[int(0.9 * (len(times) - 1))]:.3f} s over {len(times)} seeds (target <= 0.3 s)")
    print(f"of which game set-up (population, warm-up quarter): median {statistics.median(setup):.3f} s")


if __name__ == "__main__":
    main()
