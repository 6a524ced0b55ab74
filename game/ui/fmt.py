"""How numbers read in the window: money, shares, estimates with their uncertainty.

The rules shared with the HTML reports (shares, money, decimals, no "-0") live in
``game.text.numbers``; this module adds the window's own (estimates, days, negotiation options).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from game.engine.view_models import Estimate
from game.text.numbers import DASH, money, money_short, number, nz, pct, signed_money_short

__all__ = ["DASH", "PM", "days", "estimate", "weeks_ahead", "with_cost", "money", "money_short", "number", "nz", "option", "pct",
           "signed_money_short"]

PM = "\u00a0±\u00a0"  # no-break spaces: an estimate never breaks across lines


def estimate(e: Estimate | Mapping[str, Any] | None, digits: int = 2, percent: bool = False) -> str:
    """An estimate ``{mean, sd}`` as ``1.28 ± 0.06`` (or ``12.0% ± 3.0%``)."""
    if isinstance(e, Estimate):
        mean_or_none, sd = e.mean, e.sd
    elif e:
        mean_or_none, sd = e.get("mean"), e.get("sd")
    else:
        return DASH
    if mean_or_none is None:
        return DASH
    mean = float(mean_or_none)
    if percent:  # a share: its range is cut to 0-100 %, shown as "4.0% (0.0–9.0%)" when cut
        d = max(0, digits - 1)
        text = f"{nz(min(max(mean, 0.0), 1.0) * 100, d):.{d}f}%"
        if sd is None:
            return text
        if not share_cut(mean, float(sd)):
            return f"{text}{PM}{float(sd) * 100:.{d}f}%"
        lo, hi = (min(max(v, 0.0), 1.0) * 100 for v in (mean - float(sd), mean + float(sd)))
        return f"{text} ({nz(lo, d):.{d}f}–{nz(hi, d):.{d}f}%)"
    text = f"{nz(mean, digits):,.{digits}f}"
    return text if sd is None else f"{text}{PM}{float(sd):,.{digits}f}"


def weeks_ahead(n: int | None, t: Any) -> str:
    """When something is expected, in words: "this week", "in about a week", "in about 3 weeks"
    (``t`` is the interface's ``Strings.t``)."""
    weeks = max(0, int(n or 0))
    if weeks == 0:
        return str(t("when.weeks_zero"))
    return str(t("when.weeks_one")) if weeks == 1 else str(t("when.weeks_many", n=weeks))


def share_cut(mean: float | None, sd: float | None) -> bool:
    """Whether a share's ``mean ± sd`` reaches below 0 % or above 100 % (and is shown cut)."""
    if mean is None or sd is None:
        return False
    return mean - sd < 0.0 or mean + sd > 1.0


def days(x: float) -> str:
    return f"{x:g}"


def with_cost(label: str, t: Any, effort: float = 0.0, cost: float = 0.0) -> str:
    """A button's label with what pressing it takes: "Visit (1 day)", "Expedite (2,400)",
    "Escalate (2 days · 5,000)"; the label alone when it takes nothing."""
    parts = []
    if effort > 0:
        parts.append(str(t("cost.day", days=days(effort)) if effort <= 1 else t("cost.days", days=days(effort))))
    if cost > 0:
        parts.append(money(cost))
    return str(t("cost.labelled", label=label, cost=" · ".join(parts))) if parts else label


def option(issue: str, value: float | str) -> str:
    """An issue option as the trainee reads it (labels are translated by the caller)."""
    if isinstance(value, str):
        return value
    if issue == "price":
        return f"{value * 100:.0f}%"
    if issue == "volume":
        return f"{value * 100:.0f}%"
    return f"{value:g}"


def week_now(weeks_run: int, round_end_week: int) -> int:
    """The week in play, counted from 1 like the weekly chart: the one after the weeks run, or the
    round's last week once all have run (never 'week 0')."""
    return min(weeks_run + 1, round_end_week)


def week_during(weeks_run_before: int) -> int:
    """The chart's number of the week something happened in, from the weeks run before it began
    (incidents and complaints record that count: the first week's is 0)."""
    return weeks_run_before + 1
