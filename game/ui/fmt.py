"""How numbers read in the window: money, shares, estimates with their uncertainty."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

DASH = "–"
PM = "\u00a0±\u00a0"  # no-break spaces: an estimate never breaks across lines


def money(x: float | None) -> str:
    """Whole currency units with thousands separators: ``1,234,567``."""
    if x is None:
        return DASH
    return f"{x:,.0f}"


def money_short(x: float | None, lang: str) -> str:
    """Compact money for charts: ``1.2M`` / ``120万``."""
    if x is None:
        return DASH
    if lang == "zh":
        if abs(x) >= 1e8:
            return f"{x / 1e8:.2f}亿"
        if abs(x) >= 1e4:
            return f"{x / 1e4:,.0f}万"
        return f"{x:,.0f}"
    if abs(x) >= 1e6:
        return f"{x / 1e6:.2f}M"
    if abs(x) >= 1e3:
        return f"{x / 1e3:,.0f}k"
    return f"{x:,.0f}"


def pct(x: float | None, digits: int = 1) -> str:
    if x is None:
        return DASH
    return f"{x * 100:.{digits}f}%"


def number(x: float | None, digits: int = 2) -> str:
    if x is None:
        return DASH
    return f"{x:,.{digits}f}"


def estimate(e: Mapping[str, Any] | None, digits: int = 2, percent: bool = False) -> str:
    """An estimate ``{mean, sd}`` as ``1.28 ± 0.06`` (or ``12.0% ± 3.0%``)."""
    if not e or e.get("mean") is None:
        return DASH
    mean, sd = float(e["mean"]), e.get("sd")
    if percent:
        text = f"{mean * 100:.{max(0, digits - 1)}f}%"
        return text if sd is None else f"{text}{PM}{float(sd) * 100:.{max(0, digits - 1)}f}%"
    text = f"{mean:,.{digits}f}"
    return text if sd is None else f"{text}{PM}{float(sd):,.{digits}f}"


def days(x: float) -> str:
    return f"{x:g}"


def option(issue: str, value: float | str) -> str:
    """An issue option as the trainee reads it (labels are translated by the caller)."""
    if isinstance(value, str):
        return value
    if issue == "price":
        return f"{value * 100:.0f}%"
    if issue == "volume":
        return f"{value * 100:.0f}%"
    return f"{value:g}"
