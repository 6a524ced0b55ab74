"""Selling value (CW-30, CW-31): the expert with and without presenting value, paired by seed.

Plays the shipped scenario (a small market, for speed) once per seed with the expert bot and once
with the same expert that never presents value (the same random stream, so the games differ only
by the move), and prints per seed and on average: the deals, the company's profit on the deals
(money, as the rep's own price book counts it), value claimed and joint value (the assessment's
indicators).

Run: python bench/bench_value_selling.py [--seeds N]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.assessment.indicators.base import INDICATORS  # noqa: E402
from game.bots.base import play  # noqa: E402
from game.bots.graded import EXPERT, GradedRep  # noqa: E402
from game.engine.game import Game  # noqa: E402
from game.scenario.models import Scenario  # noqa: E402

SHIPPED = ROOT / "scenarios" / "east-china-territory.yaml"


def small_market(customers: int = 600) -> Scenario:
    scenario = Scenario.model_validate(yaml.safe_load(SHIPPED.read_text(encoding="utf-8")))
    return scenario.model_copy(update={"market": scenario.market.model_copy(
        update={"customers": customers})})


def deal_figures(scenario: Scenario, seed: int, value_selling: bool) -> dict[str, Any]:
    """One game of the expert (or the expert without the move) and its negotiation figures."""
    style = EXPERT if value_selling else dataclasses.replace(EXPERT, value_selling="never")
    game = Game(scenario, seed=seed)
    play(game, GradedRep(seed, style))
    profit = sum(
        session.profit_of(session.agreement)
        for session in game.sessions.values() if session.agreement is not None
    )
    events = list(game.events)
    return {
        "deals": sum(1 for s in game.sessions.values() if s.agreement is not None),
        "deal_profit": profit,
        "value_claimed": INDICATORS["value_claimed"].fn(events, scenario, {}).value,
        "joint_value": INDICATORS["joint_value"].fn(events, scenario, {}).value,
        "presented": sum(1 for e in events if e.kind == "value_presented"),
    }


def paired(seeds: range, scenario: Scenario | None = None) -> list[tuple[dict, dict]]:
    scenario = scenario or small_market()
    return [(deal_figures(scenario, s, True), deal_figures(scenario, s, False)) for s in seeds]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    args = parser.parse_args()
    rows = paired(range(args.seeds))
    print(f"{'seed':>4} {'deals':>7} {'deal profit with / without':>30} "
          f"{'claimed':>13} {'joint':>13} {'pitches':>7}")
    for seed, (w, wo) in enumerate(rows):
        print(f"{seed:>4} {w['deals']:>3}/{wo['deals']:<3} {w['deal_profit']:>14,.0f} "
              f"{wo['deal_profit']:>14,.0f} {w['value_claimed'] or 0:>6.3f} "
              f"{wo['value_claimed'] or 0:>6.3f} {w['joint_value'] or 0:>6.3f} "
              f"{wo['joint_value'] or 0:>6.3f} {w['presented']:>7}")
    for key in ("deal_profit", "value_claimed", "joint_value"):
        diffs = [(w[key] or 0.0) - (wo[key] or 0.0) for w, wo in rows]
        better = sum(1 for d in diffs if d > 1e-9)
        worse = sum(1 for d in diffs if d < -1e-9)
        print(f"{key}: mean difference {statistics.mean(diffs):+.4f}, "
              f"better in {better}, worse in {worse} of {len(diffs)} seeds")


if __name__ == "__main__":
    main()
