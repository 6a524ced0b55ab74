"""An assessment as readable text: the three kinds of result apart, each with its evidence."""

from __future__ import annotations

from collections.abc import Sequence

from game.assessment.results import Assessment
from game.assessment.rubric import assessed_competencies
from game.assessment.scoring import counted_less

MAX_SEQS = 12


def _seqs(seqs: list[int]) -> str:
    shown = ", ".join(str(s) for s in seqs[:MAX_SEQS])
    more = len(seqs) - MAX_SEQS
    return f"#{shown}" + (f" ... (+{more})" if more > 0 else "") if seqs else "-"


def _value(x: float | None, digits: int = 2) -> str:
    if x is None:
        return "-"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{x:.{digits}f}"


def assessment_text(a: Assessment, lang: str = "en", courseware: Sequence[str] = ()) -> str:
    """The assessment as plain text; ``courseware`` the scenario's sections, to mark the
    competencies it does not set out to assess (none marked when it names none)."""
    judged = set(assessed_competencies(((c.id, c.cw) for c in a.competencies), courseware))
    lines = [
        f"assessment of {a.scenario_id}, seed {a.seed} — rubric {a.rubric_id} "
        f"(sha256 {a.rubric_sha256[:12]}), event log sha256 {a.event_log_sha256[:16]}",
        "",
        "1. Objective KPIs against target (CW-61 objective-based)",
    ]
    for k in a.objective:
        met = "-" if k.met is None else ("met" if k.met else "missed")
        lines.append(
            f"   {k.name.pick(lang):<24} {_value(k.value, 3):>14}  "
            f"target {_value(k.target, 3):>12}  {met:<6}  [{', '.join(k.cw)}]  "
            f"events {_seqs(k.evidence)}"
        )
    r = a.relative
    lines += [
        "",
        "2. Against what the market allowed (CW-61 performance-based): "
        f"reference '{r.reference_bot}'",
        f"   {r.explain.pick(lang)}",
    ]
    for k in r.kpis:
        lines.append(
            f"   {k.id:<24} {_value(k.value, 3):>14}  reference {_value(k.reference, 3):>12}  "
            f"ratio {_value(k.ratio)}"
        )
    lines += ["", f"3. Competencies (CW-61 behaviour-based, CW-63), levels 1-{a.levels}"]
    for c in a.competencies:
        if c.insufficient:
            score = f"insufficient evidence ({c.occasions} of {c.min_occasions} occasions)"
        else:
            score = "not observed" if c.score is None else f"level {c.level}, S = {c.score:.2f}"
        aside = "" if c.id in judged else " (not what the scenario sets out to assess)"
        lines.append(f"   {c.name.pick(lang)} [{', '.join(c.cw)}]: {score}{aside}")
        if c.anchor is not None:
            lines.append(f"      {c.anchor.pick(lang)}")
        for i in c.indicators:
            value = "n/a" if i.value is None else f"{i.value:.2f} (level {i.level})"
            weight = f"x{i.weight:g}"
            if counted_less(i.weight, i.counted):
                seen = f"{i.occasions} occasion" + ("" if i.occasions == 1 else "s")
                weight += f" (counted {i.counted:.2f}: {seen})"
            lines.append(f"      - {i.name.pick(lang)} {weight}: {value} [{', '.join(i.cw)}]")
            lines.append(f"        {i.explanation.pick(lang)}")
            if i.evidence:
                lines.append(f"        events {_seqs(i.evidence)}")
    return "\n".join(lines)
