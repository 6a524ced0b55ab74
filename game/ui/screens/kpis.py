"""The five KPIs of CW-61 (and CW-03's market share) as the screens show them."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel

from game.ui import fmt

KPI_KEYS = ("revenue", "margin", "market_share", "customers", "satisfaction")


def kpi_values(figures: BaseModel | None) -> dict[str, float | None]:
    """The five KPIs of a view's figures (a round's KPIs, the round's targets, the round so far);
    None where there are none yet."""
    return {k: None if figures is None else getattr(figures, k) for k in KPI_KEYS}


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
