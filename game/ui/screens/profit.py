"""Profit as the review and the debrief show it: the waterfall by cause and what cost money
(stock, lost sales, bad debt), from the engine's KPI records and events."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pygame

from game.engine.events import Event
from game.engine.view_models import RoundKpis
from game.ui import charts, fmt, story
from game.ui.screens.names import Names

WATERFALL_KEYS = ("volume", "price", "channel", "terms", "service", "stock", "credit", "costs", "profit")

Line = tuple[str, str | None]


def waterfall_steps(waterfall: Mapping[str, float], t: Callable[..., str]) -> list[charts.Step]:
    """The waterfall's bars in the engine's order, named in the interface language."""
    parts = [(k, t("profit.part." + k), float(waterfall.get(k) or 0.0)) for k in WATERFALL_KEYS]
    return charts.waterfall_steps(parts)


def waterfall_chart(size: tuple[int, int], waterfall: Mapping[str, float], t: Callable[..., str],
                    lang: str) -> tuple[pygame.Surface, list[charts.Step]]:
    """The chart of ``waterfall`` and its bars (each labelled with its amount)."""
    steps = waterfall_steps(waterfall, t)

    def shown(step: charts.Step) -> str:
        if step.total:
            return fmt.money_short(step.end, lang)
        return fmt.signed_money_short(step.end - step.start, lang)

    return charts.waterfall(size, steps, shown), steps


def round_events(events: Sequence[Event], round_no: int) -> list[Event]:
    return [e for e in events if e.round == round_no]


def stock_lines(events: Sequence[Event], names: Names, t: Callable[..., str]) -> list[Line]:
    """What the round's stock did: what it was ordered on, stock-outs, what was written down."""
    lines: list[Line] = []
    for e in events:
        if e.kind == "stock_ordered":
            p = e.payload
            key = "profit.stock_forecast" if p.get("basis") == "forecast" else "profit.stock_target"
            lines.append((t(key, forecast=fmt.money(p.get("forecast")),
                            ordered=story.units(p.get("ordered") or {}, names)),
                          None if p.get("basis") == "forecast" else "warn"))
    outs = [e for e in events if e.kind == "stock_out"]
    rushes = [e for e in events if e.kind == "stock_rushed" or (e.kind == "stock_out" and e.payload.get("rush_units"))]
    if outs:
        products = names.join_names(dict.fromkeys(names.product(e.payload["product"]) for e in outs))
        lines.append((t("profit.stock_outs", n=len(outs), products=products), "bad"))
    else:
        lines.append((t("profit.no_stock_outs"), "good"))
    if rushes:
        premium = sum(float(e.payload.get("premium") or 0.0) for e in rushes)
        lines.append((t("profit.rush_orders", n=len(rushes), premium=fmt.money(premium)), "warn"))
    for e in events:
        if e.kind == "stock_written_down":
            p = e.payload
            if float(p.get("value") or 0.0) > 0.5:
                lines.append((t("profit.written_down", left=story.units(p.get("left") or {}, names),
                                share=fmt.pct(p.get("share"), 0), value=fmt.money(p.get("value"))), "warn"))
            else:
                lines.append((t("profit.nothing_left"), None))
    return lines


def money_lines(kpis: RoundKpis | None, events: Sequence[Event], names: Names,
                t: Callable[..., str]) -> list[Line]:
    """Sales lost, bad debt and credit risk (``kpis``: the round's, None before its review)."""
    costs = kpis.cost_by_kind if kpis is not None else {}
    lost = kpis.lost_sales if kpis is not None else 0.0
    lines: list[Line] = [
        (t("profit.lost_sales", value=fmt.money(lost)), "bad") if lost > 0.5 else (t("profit.no_lost_sales"), "good")
    ]
    defaults = [names.account(e.payload["account"]) for e in events if e.kind == "customer_defaulted"]
    bad_debt = float(costs.get("bad_debt") or 0.0)
    if defaults or bad_debt > 0.5:
        lines.append((t("profit.bad_debt", value=fmt.money(bad_debt),
                        accounts=names.join_names(defaults) or fmt.DASH), "bad"))
    else:
        lines.append((t("profit.no_bad_debt"), None))
    lines.append((t("profit.credit_risk", value=fmt.money(kpis.expected_credit_loss if kpis else None),
                    financing=fmt.money(costs.get("financing"))), "muted"))
    return lines


def cost_lines(kpis: RoundKpis | None, t: Callable[..., str]) -> list[Line]:
    """Key accounts' satisfaction and the costs in all (for the figures)."""
    lines: list[Line] = [(t("profit.costs", costs=fmt.money(kpis.costs if kpis else None)), None)]
    ka = kpis.key_account_satisfaction if kpis else None
    if ka is not None:
        lines.append((t("profit.key_accounts", value=fmt.number(ka)), None))
    return lines
