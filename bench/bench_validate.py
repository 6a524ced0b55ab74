"""Median time to load and validate a scenario: the shipped one and a generated ~2,000-line one.

Run: python bench/bench_validate.py [--repeat N]
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.scenario.loader import load_scenario_text  # noqa: E402

SHIPPED = ROOT / "scenarios" / "east-china-territory.yaml"


def generated_scenario(target_lines: int = 2000) -> str:
    """The shipped scenario with extra key accounts and risks until it has ~target_lines lines."""
    data: dict[str, Any] = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    accounts = data["key_accounts"]
    risks = data["risks"]
    n = 0
    text = ""
    while True:
        n += 1
        account = copy.deepcopy(accounts[n % len(accounts)])
        account["id"] = f"account-{n:04d}"
        accounts.append(account)
        risk = copy.deepcopy(risks[n % len(risks)])
        risk["id"] = f"risk-{n:04d}"
        if risk["kind"] == "credit_default":
            risk["target"] = account["id"]
        risks.append(risk)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        if text.count("\n") >= target_lines:
            return text


def median_ms(text: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        load_scenario_text(text, "bench.yaml")
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()
    shipped = SHIPPED.read_text(encoding="utf-8")
    big = generated_scenario()
    for label, text in (("shipped scenario", shipped), ("generated scenario", big)):
        lines = text.count("\n")
        print(f"{label:20s} {lines:5d} lines  median {median_ms(text, args.repeat):7.1f} ms")


if __name__ == "__main__":
    main()
