"""The validity lab's report as a table (text) or as JSON-able data."""

from __future__ import annotations

import math
from dataclasses import asdict
from typing import Any

from game.assessment.lab import AUC_MIN, G_MIN, ICC_MIN, LabReport


def _num(x: float, digits: int = 2) -> str:
    if isinstance(x, float) and math.isnan(x):
        return "-"
    if isinstance(x, float) and math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return f"{x:.{digits}f}"


def _short(name: str) -> str:
    return {"novice": "nov", "intermediate": "int", "expert": "exp"}.get(name, name)


def lab_table(report: LabReport) -> str:
    lines = [
        f"validity lab: {report.scenario}, {report.runs} seeds x "
        f"{len(report.tiers) + len(report.gaming)} bots, {report.customers} customers, "
        f"{report.workers} workers, {report.seconds:.1f} s",
        "",
        "competency scores S (0..1): mean (SD) per tier",
    ]
    head = f"{'competency':<26}" + "".join(f"{t:>15}" for t in report.tiers)
    lines.append(head)
    for c in report.competencies:
        row = f"{c.id:<26}" + "".join(
            f"{_num(c.tiers[t]['mean']):>8} ({_num(c.tiers[t]['sd'])})" for t in report.tiers
        )
        lines.append(row)
    lines += [
        "",
        f"discrimination (g >= {G_MIN}, AUC >= {AUC_MIN}) and test-retest (ICC >= {ICC_MIN})",
    ]
    pairs = [f"{_short(a['lower'])}>{_short(a['upper'])}" for a in report.competencies[0].adjacent]
    lines.append(
        f"{'competency':<26}"
        + "".join(f"{p + ' g':>11}{p + ' AUC':>13}" for p in pairs)
        + f"{'ICC(2,1)':>10}{'ICC(3,1)':>10}  ok"
    )
    for c in report.competencies:
        row = f"{c.id:<26}" + "".join(f"{_num(a['g']):>11}{_num(a['auc']):>13}" for a in c.adjacent)
        row += f"{_num(c.icc21):>10}{_num(c.icc31):>10}  {'yes' if c.passed else 'NO'}"
        lines.append(row)
    lines += ["", "gaming bots: mean S (* = a competency the bot aims at; must be <= novice)"]
    lines.append(f"{'competency':<26}{'novice':>9}" + "".join(f"{g:>18}" for g in report.gaming))
    for c in report.competencies:
        row = f"{c.id:<26}{_num(c.tiers[report.tiers[0]]['mean']):>9}"
        for gm in c.gaming:
            mark = ("*" if gm["targeted"] else " ") + ("" if gm["pass"] else "!")
            row += f"{_num(gm['mean']) + mark:>18}"
        lines.append(row)
    lines += ["", "revenue as a share of the reference rep's on the same seed: mean (SD)"]
    lines.append(
        "  "
        + ", ".join(
            f"{b} {_num(v['mean'])} ({_num(v['sd'])})" for b, v in report.revenue_ratio.items()
        )
    )
    lines.append("")
    if report.failures:
        lines.append("targets missed:")
        lines += [f"  {f}" for f in report.failures]
    else:
        lines.append("every target met")
    return "\n".join(lines)


def _clean(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None if math.isnan(value) else ("inf" if value > 0 else "-inf")
    return value


def lab_json(report: LabReport) -> dict[str, Any]:
    data = asdict(report)
    data["passed"] = report.passed
    return _clean(data)
