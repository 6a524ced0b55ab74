"""The manager track's consequences: team profit of the manager tiers on the same seeds, the
incentive plan's effect (revenue-only against margin-based, paired), and coaching's (a rep's
weakest competency against its strongest, paired).

    python bench/study_manager.py [--seeds 30] [SCENARIO ...]
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.assessment.stats import hedges_g  # noqa: E402
from game.manager.study import TIERS, coaching_effect, incentive_effect, tier_profits  # noqa: E402

LADDER = ("manager-idle", "manager-novice", "manager-expert")
"""The tiers whose team profit must be ordered with Hedges' g >= 1.0 between neighbours."""
SCENARIOS = ["scenarios/manager/east-china-team.yaml", "scenarios/manager/key-account-team.yaml"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("scenarios", nargs="*", default=SCENARIOS)
    ap.add_argument("--seeds", type=int, default=30)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    ok = True
    with ProcessPoolExecutor(args.workers) as pool:
        for path in args.scenarios:
            start = time.perf_counter()
            profits = tier_profits(path, args.seeds, pool)
            means = "  ".join(f"{t.removeprefix('manager-')} {sum(v) / len(v) / 1e6:7.3f}M"
                              for t, v in profits.items())
            gs = [hedges_g(profits[a], profits[b]) for a, b in zip(TIERS, TIERS[1:], strict=False)]
            ladder = [hedges_g(profits[a], profits[b]) for a, b in zip(LADDER, LADDER[1:], strict=False)]
            ordered = all(g >= 1.0 for g in ladder)
            ok &= ordered
            print(f"{Path(path).stem}: {means}\n  adjacent tiers g: "
                  + "  ".join(f"{g:.2f}" for g in gs) + "  idle < novice < expert g: "
                  + "  ".join(f"{g:.2f}" for g in ladder) + ("  ok" if ordered else "  NOT >= 1.0"))
            inc = incentive_effect(path, args.seeds, pool)
            print(f"  incentive, revenue-only minus margin-based, {args.seeds} paired seeds: "
                  f"discount {inc['discount']:+.4f} (d={inc['discount_d']:.2f}), "
                  f"contribution margin {inc['margin']:+.4f} (d={inc['margin_d']:.2f}), "
                  f"margin after discounts {inc['price_margin']:+.4f} (d={inc['price_margin_d']:.2f})")
            co = coaching_effect(path, args.seeds, pool)
            print(f"  coaching, weakest minus strongest, {co['pairs']} paired reps: measured-score gain "
                  f"{co['weakest']:+.3f} vs {co['strongest']:+.3f} (difference {co['difference']:+.3f}, "
                  f"d={co['d']:.2f})  {time.perf_counter() - start:.0f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
