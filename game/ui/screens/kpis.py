"""The five KPIs of CW-61 (and CW-03's market share) as the screens show them."""

from __future__ import annotations

from collections.abc import Callable

from game.ui import fmt

KPI_KEYS = ("revenue", "margin", "market_share", "customers", "satisfaction")


def kpi_text(key: str, value: float | None) -> str:
    if value is None:
        return fmt.DASH
    if key == "revenue":
        return fmt.money(value)
    if key in ("margin", "market_share"):
        return fmt.pct(value)
    if key == "customers":
        return f"{value:,.0f}"
    return fmt.number(value)


def kpi_short(key: str, value: float, lang: str) -> str:
    if key == "revenue":
        return fmt.money_short(value, lang)
    if key in ("margin", "market_share"):
        return fmt.pct(value, 0)
    if key == "customers":
        return f"{value:,.0f}"
    return f"{value:.2f}"


def kpi_tip(key: str, t: Callable[..., str], target: bool = False) -> str:
    return t(("tip.target." if target else "tip.kpi.") + key)
