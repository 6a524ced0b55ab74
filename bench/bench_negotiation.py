"""Negotiation figures: median timings of the session and the value the bot policies claim.

Prints, for the shipped scenario: the median time to open a session, to make one offer (the
customer's answer included) and to play a whole negotiation per policy; the Pareto frontier on
the largest allowed outcome space (10,000 outcomes); and, per policy, the mean and SD of value
claimed with Hedges' g against the price-only novice.

Run: python bench/bench_negotiation.py [--seeds N] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.bots.negotiators import POLICIES  # noqa: E402
from game.engine.selfplay import play_out  # noqa: E402
from game.negotiation.pareto import pareto_frontier  # noqa: E402
from game.negotiation.session import NegotiationSession  # noqa: E402
from game.negotiation.space import OutcomeSpace  # noqa: E402
from game.scenario.models import Scenario  # noqa: E402

SHIPPED = ROOT / "scenarios" / "east-china-territory.yaml"
MODEST = {
    "price": 0.05,
    "volume": 1.0,
    "delivery_weeks": 4,
    "payment_days": 30,
    "service": "standard",
}


def median_ms(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def hedges_g(x: np.ndarray, y: np.ndarray) -> float:
    nx, ny = x.size, y.size
    pooled = np.sqrt(((nx - 1) * x.var(ddof=1) + (ny - 1) * y.var(ddof=1)) / (nx + ny - 2))
    return float((x.mean() - y.mean()) / pooled * (1 - 3 / (4 * (nx + ny) - 9)))


def play(scenario: Scenario, policy_name: str, seed: int) -> dict:
    setup = np.random.default_rng([seed, 11])
    account = scenario.key_accounts[seed % len(scenario.key_accounts)]
    space = OutcomeSpace(scenario.negotiation)
    rival = space.offer_at(int(setup.integers(space.n_outcomes))) if setup.random() < 0.5 else None
    session = NegotiationSession(scenario, account.id, np.random.default_rng(seed), rival)
    play_out(session, POLICIES[policy_name](), np.random.default_rng([seed, 12]))
    return session.metrics()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    scenario = Scenario.model_validate(yaml.safe_load(SHIPPED.read_text(encoding="utf-8")))

    def open_session() -> NegotiationSession:
        return NegotiationSession(scenario, "hx-bank", np.random.default_rng(0), None)

    print(f"open a session (864 outcomes):      {median_ms(open_session, args.repeat):7.3f} ms")
    sessions = iter([open_session() for _ in range(args.repeat)])
    offer_ms = median_ms(lambda: next(sessions).offer(MODEST), args.repeat)
    print(f"one offer and the customer's reply: {offer_ms:7.3f} ms")
    rng = np.random.default_rng(0)
    big_a, big_b = rng.random(10_000), rng.random(10_000)
    frontier_ms = median_ms(lambda: pareto_frontier(big_a, big_b), args.repeat)
    print(f"Pareto frontier of 10,000 outcomes: {frontier_ms:7.3f} ms")
    for name in sorted(POLICIES):
        seeds = iter(range(10**6))
        ms = median_ms(lambda name=name, seeds=seeds: play(scenario, name, next(seeds)), 50)
        print(f"whole negotiation, {name:12s}      {ms:7.3f} ms")

    print(f"\nvalue claimed over {args.seeds} seeded negotiations (rival bid half the time)")
    claimed = {
        name: np.array([play(scenario, name, seed)["value_claimed"] for seed in range(args.seeds)])
        for name in sorted(POLICIES)
    }
    base = claimed["price_only"]
    for name, values in claimed.items():
        g = (
            ""
            if name == "price_only"
            else f"  Hedges' g vs price_only {hedges_g(values, base):5.2f}"
        )
        print(f"  {name:12s} mean {values.mean():.3f}  sd {values.std(ddof=1):.3f}{g}")


if __name__ == "__main__":
    main()
