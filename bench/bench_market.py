"""Benchmark: milliseconds per simulated market week and bytes per customer.

Runs Market.step_week with the default (neutral) policy on the shipped scenario resized to
1k, 10k and 100k customers and prints medians, with the per-week ``Market.state_hash`` (which
the engine computes after every week) timed apart. Targets: <= 0.4 ms per week at 10k and
<= 2 ms at 100k customers, <= 200 bytes per customer. The machine may be shared: run it a few
times and quote medians.

    python bench/bench_market.py [--weeks 200] [--sizes 1000,10000,100000]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import yaml

from game.scenario.models import Scenario
from game.sim.market import Market

SHIPPED = Path(__file__).resolve().parent.parent / "scenarios" / "east-china-territory.yaml"
SIZES = (1_000, 10_000, 100_000)


def week_times(
    scenario: Scenario, weeks: int, warmup: int = 10
) -> tuple[list[float], list[float], Market]:
    """Seconds per step_week and per state_hash over ``weeks`` weeks after ``warmup``."""
    market = Market.from_scenario(scenario)
    policy = market.default_policy()
    for _ in range(warmup):
        market.step_week(policy)
    steps, hashes = [], []
    for _ in range(weeks):
        start = time.perf_counter()
        market.step_week(policy)
        stepped = time.perf_counter()
        market.state_hash()
        hashes.append(time.perf_counter() - stepped)
        steps.append(stepped - start)
    return steps, hashes, market


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=200, help="timed weeks per size")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="customer counts")
    args = parser.parse_args()
    with SHIPPED.open(encoding="utf-8") as f:
        data = yaml.safe_load(f)
    print(f"{'customers':>10}  {'median ms/week':>14}  {'p90 ms/week':>11}  "
          f"{'hash ms/week':>12}  {'bytes/customer':>14}")
    for n in (int(s) for s in args.sizes.split(",")):
        data["market"]["customers"] = n
        steps, hashes, market = week_times(Scenario.model_validate(data), args.weeks)
        median = statistics.median(steps) * 1e3
        p90 = statistics.quantiles(steps, n=10)[-1] * 1e3
        per_customer = market.population.nbytes() / market.population.n
        print(f"{n:>10}  {median:>14.3f}  {p90:>11.3f}  {statistics.median(hashes) * 1e3:>12.3f}"
              f"  {per_customer:>14.1f}")
    print("targets: <= 0.4 ms/week at 10000 and <= 2 ms/week at 100000 customers, "
          "<= 200 bytes/customer")


if __name__ == "__main__":
    main()
