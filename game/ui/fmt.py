"""How numbers read in the window: money, shares, estimates with their uncertainty."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

DASH = "–"
PM = "\u00a0±\u00a0"  # no-break spaces: an estimate never breaks across lines


def nz(x: float, digits: int = 0) -> float:
    """``x``, or +0.0 when it shows as zero at ``digits`` places (never "-0" or "-0.00")."""
    return 0.0 if round(x, digits) == 0 else x


def money(x: float | None) -> str:
    """Whole currency units with thousands separators: ``1,234,567``."""
    if x is None:
        return DASH
    return f"{nz(x):,.0f}"


def money_short(x: float | None, lang: str) -> str:
    """Compact money for charts: ``1.2M``, ``4.5k`` / ``120万``, ``4.5万``."""
    if x is None:
        return DASH
    a = abs(x)
    if lang == "zh":
        if a >= 1e8:
            return f"{nz(x / 1e8, 2):.2f}亿"
        if a >= 1e5:
            return f"{nz(x / 1e4):,.0f}万"
        if a >= 1e4:
            return f"{nz(x / 1e4, 1):.1f}万"
        return f"{nz(x):,.0f}"
    if a >= 1e6:
        return f"{nz(x / 1e6, 2):.2f}M"
    if a >= 1e4:
        return f"{nz(x / 1e3):,.0f}k"
    if a >= 1e3:
        return f"{nz(x / 1e3, 1):.1f}k"
    return f"{nz(x):,.0f}"


def signed_money_short(x: float | None, lang: str) -> str:
    """Compact money with its sign: ``+45k``, ``-1.20M``, ``0``."""
    if x is None:
        return DASH
    text = money_short(x, lang)
    return text if text.startswith("-") or text == "0" else "+" + text


def pct(x: float | None, digits: int = 1) -> str:
    if x is None:
        return DASH
    return f"{nz(x * 100, digits):.{digits}f}%"


def number(x: float | None, digits: int = 2) -> str:
    if x is None:
        return DASH
    return f"{nz(x, digits):,.{digits}f}"


def estimate(e: Mapping[str, Any] | None, digits: int = 2, percent: bool = False) -> str:
    """An estimate ``{mean, sd}`` as ``1.28 ± 0.06`` (or ``12.0% ± 3.0%``)."""
    if not e or e.get("mean") is None:
        return DASH
    mean, sd = float(e["mean"]), e.get("sd")
    if percent:
        d = max(0, digits - 1)
        text = f"{nz(mean * 100, d):.{d}f}%"
        return text if sd is None else f"{text}{PM}{float(sd) * 100:.{d}f}%"
    text = f"{nz(mean, digits):,.{digits}f}"
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
