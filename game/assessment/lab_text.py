"""The validity lab's report as a table (text, in zh or en) or as JSON-able data; the words
of the lab and of the validity study's shortfalls (``lab_text.json``)."""

from __future__ import annotations

import json
import math
from dataclasses import asdict
from functools import cache
from pathlib import Path
from typing import Any

from game.assessment.lab import AUC_MIN, G_MIN, ICC_MIN, LabReport, describe_failures
from game.text.linebreak import align


def _num(x: float, digits: int = 2) -> str:
    if isinstance(x, float) and math.isnan(x):
        return "-"
    if isinstance(x, float) and math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return f"{x:.{digits}f}"


def _short(name: str) -> str:
    return {"novice": "nov", "intermediate": "int", "expert": "exp"}.get(name, name)


TEXT_FILE = Path(__file__).with_name("lab_text.json")


@cache
def _words() -> dict[str, Any]:
    return dict(json.loads(TEXT_FILE.read_text(encoding="utf-8")))


def word(key: str, lang: str, **facts: object) -> str:
    """The lab's text ``key`` (dotted for a nested one) in ``lang``, with ``facts`` filled in."""
    node: Any = _words()
    for part in key.split("."):
        node = node[part]
    return str(node[lang]).format(**facts)


def tier(name: str, lang: str) -> str:
    """A scripted tier's name in ``lang`` (novice, intermediate, expert); any other bot keeps its
    own name, which is what ``--bot`` takes."""
    return word(name, lang) if name in ("novice", "intermediate", "expert") else name


def lab_table(report: LabReport, lang: str = "en") -> str:
    def w(key: str, **facts: object) -> str:
        return word(key, lang, **facts)

    competency = align(w("competency"), 26, left=True)
    lines = [
        w("title", scenario=report.scenario, runs=report.runs,
          bots=len(report.tiers) + len(report.gaming), customers=report.customers,
          workers=report.workers, seconds=f"{report.seconds:.1f}"),
        "",
        w("scores"),
    ]
    head = competency + "".join(align(tier(t, lang), 15) for t in report.tiers)
    lines.append(head)
    for c in report.competencies:
        row = f"{c.id:<26}" + "".join(
            f"{_num(c.tiers[t]['mean']):>8} ({_num(c.tiers[t]['sd'])})" for t in report.tiers
        )
        lines.append(row)
    lines += [
        "",
        w("discrimination", g=G_MIN, auc=AUC_MIN, icc=ICC_MIN),
    ]
    pairs = [f"{_short(a['lower'])}>{_short(a['upper'])}" for a in report.competencies[0].adjacent]
    lines.append(
        competency
        + "".join(f"{p + ' g':>11}{p + ' AUC':>13}" for p in pairs)
        + f"{'ICC(2,1)':>10}{'ICC(3,1)':>10}  {w('pass')}"
    )
    for c in report.competencies:
        row = f"{c.id:<26}" + "".join(f"{_num(a['g']):>11}{_num(a['auc']):>13}" for a in c.adjacent)
        verdict = w("not_judged") if not c.assessed else w("yes") if c.passed else w("no")
        row += f"{_num(c.icc21):>10}{_num(c.icc31):>10}  {verdict}"
        lines.append(row)
    unjudged = [c.id for c in report.competencies if not c.assessed]
    if unjudged:
        lines.append(w("incidental", names=", ".join(unjudged)))
    lines += ["", w("gaming")]
    width = {g: max(18, len(g) + 2) for g in report.gaming}  # a long name keeps a gap
    lines.append(competency + align(w("novice"), 9)
                 + "".join(f"{g:>{width[g]}}" for g in report.gaming))
    for c in report.competencies:
        row = f"{c.id:<26}{_num(c.tiers[report.tiers[0]]['mean']):>9}"
        for gm in c.gaming:
            mark = ("*" if gm["targeted"] else " ") + ("" if gm["pass"] or not c.assessed else "!")
            row += f"{_num(gm['mean']) + mark:>{width.get(gm['bot'], 18)}}"
        lines.append(row)
    lines += ["", w("revenue")]
    lines.append(
        "  "
        + ", ".join(
            f"{b} {_num(v['mean'])} ({_num(v['sd'])})" for b, v in report.revenue_ratio.items()
        )
    )
    lines.append("")
    if report.failures:
        lines.append(w("targets_missed"))
        lines += [f"  {f}" for f in describe_failures(report.competencies, lang)]
    else:
        lines.append(w("every_target_met"))
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
