"""Does taking one good behaviour out of a game ever raise a score? The property test, at scale.

``tests/assessment/test_good_behaviour_property.py`` checks the property on some 40 games a run
(hypothesis draws them). This plays N games of synthetic trainees of uniform random skill on
Riverside, each from its own seeded draw, removes one good action (the test's own definition),
replays the rest on the same seed and prints every game where a competency's behaviour score rose
or appeared without it. A study, not a test: about a minute for 1,500 games on two cores.

    python bench/property_scan.py [--games 1500] [--workers 2]
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def one(index: int) -> list[tuple]:
    """The violations in draw ``index``: (index, competency, before, after, action removed)."""
    from game.bots.base import play
    from game.bots.synthetic import SKILLS, SyntheticTrainee
    from game.engine.game import Game
    from tests.assessment import test_good_behaviour_property as prop

    scenario = prop._scenario()
    rng = np.random.default_rng(index)
    skills = [float(x) for x in rng.uniform(0.0, 1.0, len(SKILLS))]
    seed, pick = int(rng.integers(0, 51)), int(rng.integers(0, 10_000))
    game = Game(scenario, seed=seed)
    play(game, SyntheticTrainee(dict(zip(SKILLS, skills, strict=True)), seed=seed, label=":p"))
    actions = list(game.actions)
    good = [k for k in range(len(actions)) if prop._good(game, k)]
    if not good:
        return []
    drop = good[pick % len(good)]
    replay = Game(scenario, seed=seed)
    for k, action in enumerate(actions):
        if k != drop and not replay.over:
            replay.apply(action)
    before, after = prop._scores(game), prop._scores(replay)
    kind = actions[drop].type
    return [(index, c, was, after[c], kind) for c, was in before.items()
            if after[c] is not None and (was is None or after[c] > was + 1e-9)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=1500)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    start = time.perf_counter()
    with ProcessPoolExecutor(args.workers) as pool:
        found = [v for vs in pool.map(one, range(args.games), chunksize=8) for v in vs]
    for index, competency, was, now, kind in found:
        print(f"draw {index}: {competency} {was} -> {now} without {kind}")
    games = len({v[0] for v in found})
    print(f"{games} of {args.games} games broke the property "
          f"({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
