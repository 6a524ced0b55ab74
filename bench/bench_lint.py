"""Median time of ``validate`` (load, validate and lint) on a ~2,000-line scenario.

The loader alone is measured too, so the cost of lint is visible on its own.

Run: python bench/bench_lint.py [--repeat N] [--lines N]
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.scenario.loader import load_scenario_text  # noqa: E402
from game.trainer.lint import check_source  # noqa: E402

SHIPPED = ROOT / "scenarios" / "east-china-territory.yaml"
BUDGET_MS = 200.0


def generated_scenario(target_lines: int = 2000) -> str:
    """The shipped scenario with extra key accounts and risks until it has ~target_lines lines."""
    data: dict[str, Any] = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    accounts = data["key_accounts"]
    risks = data["risks"]
    originals = (list(accounts), list(risks))
    n = 0
    while True:
        n += 1
        account = copy.deepcopy(originals[0][n % len(originals[0])])
        account["id"] = f"account-{n:04d}"
        accounts.append(account)
        risk = copy.deepcopy(originals[1][n % len(originals[1])])
        risk["id"] = f"risk-{n:04d}"
        if risk["kind"] == "credit_default":
            risk["target"] = account["id"]
        risks.append(risk)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        if text.count("\n") >= target_lines:
            return text


def median_ms(call: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--lines", type=int, default=2000)
    args = parser.parse_args()
    big = generated_scenario(args.lines)
    problems = check_source(big, "bench.yaml")
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise SystemExit(f"the generated scenario has errors: {errors[0]}")
    lines = big.count("\n")
    load = median_ms(lambda: load_scenario_text(big, "bench.yaml"), args.repeat)
    full = median_ms(lambda: check_source(big, "bench.yaml"), args.repeat)
    print(f"generated scenario  {lines:5d} lines, {len(problems)} warnings")
    print(f"loader alone        median {load:7.1f} ms")
    print(f"validate with lint  median {full:7.1f} ms  (lint {full - load:5.1f} ms)")
    verdict = "within" if full <= BUDGET_MS else "OVER"
    print(f"budget              {BUDGET_MS:7.1f} ms  {verdict}")


if __name__ == "__main__":
    main()
