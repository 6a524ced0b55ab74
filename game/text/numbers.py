"""How numbers read, in the window and in the HTML reports: shares, money, decimals, KPI values.

One rule each, so the window, the trainee and cohort reports and the balance report agree:

* a value that is missing (``None`` or NaN) reads as an en dash;
* nothing shows as "-0" or "-0.00" (a value that rounds to zero is zero);
* money and plain numbers have thousands separators; compact money reads ``1.2M`` / ``120万``;
* a negative sign is ``-`` unless the caller asks for the typographic minus (``minus=MINUS``, as
  the balance report prints it).
"""

from __future__ import annotations

import math

DASH = "–"
MINUS = "\u2212"  # typographic minus sign
INFINITY = "∞"

# KPIs that are shares (read as percentages) and KPIs that are whole amounts (money, counts).
SHARE_KPIS = frozenset({"margin", "market_share", "forecast_error"})
WHOLE_KPIS = frozenset({"revenue", "customers", "profit", "leavers"})


def missing(x: float | None) -> bool:
    """No value to show: ``None`` or NaN."""
    return x is None or (isinstance(x, float) and math.isnan(x))


def nz(x: float, digits: int = 0) -> float:
    """``x``, or +0.0 when it shows as zero at ``digits`` places (never "-0" or "-0.00")."""
    return 0.0 if round(x, digits) == 0 else x


def number(x: float | None, digits: int = 2, *, minus: str = "-") -> str:
    """``x`` with ``digits`` decimals and thousands separators: ``1,234.50``; ``∞`` for infinity."""
    if x is None or missing(x):
        return DASH
    if math.isinf(x):
        return INFINITY if x > 0 else minus + INFINITY
    return f"{nz(x, digits):,.{digits}f}".replace("-", minus)


def signed(x: float | None, digits: int = 2, *, minus: str = "-") -> str:
    """``x`` with its sign always shown: ``+0.12``, ``-0.05``, ``+0.00``."""
    if x is None or missing(x):
        return DASH
    x = nz(x, digits)
    return ("+" if x >= 0 else minus) + f"{abs(x):,.{digits}f}"


def pct(x: float | None, digits: int = 1, *, trim: bool = False) -> str:
    """A share as a percentage: ``0.125`` -> ``12.5%``; ``trim`` drops zero decimals (``15%``)."""
    if x is None or missing(x):
        return DASH
    text = f"{nz(x * 100, digits):.{digits}f}%"
    if trim and digits > 0:
        text = text.replace("." + "0" * digits + "%", "%")
    return text


def money(x: float | None) -> str:
    """Whole currency units with thousands separators: ``1,234,567``."""
    return number(x, 0)


def money_short(x: float | None, lang: str) -> str:
    """Compact money for charts: ``1.2M``, ``4.5k`` / ``120万``, ``4.5万``."""
    if x is None or missing(x):
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
    if x is None or missing(x):
        return DASH
    text = money_short(x, lang)
    return text if text.startswith("-") or text == "0" else "+" + text


def kpi_value(kpi: str, x: float | None, *, trim: bool = False) -> str:
    """A KPI's value the way its target is written: shares as percentages (one decimal, or
    none when ``trim`` and it is whole), amounts and counts whole, the rest with two decimals."""
    if x is None or missing(x):
        return DASH
    if kpi in SHARE_KPIS:
        return pct(x, 1, trim=trim)
    if kpi in WHOLE_KPIS:
        return money(x)
    return number(x, 2)
