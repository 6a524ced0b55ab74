"""A game's outcomes as the consequences studies compare them, read from its event log: profit
and the KPIs the courseware ties each step of the sales process to."""

from __future__ import annotations

from collections.abc import Sequence

from game.engine.events import Event

OUTCOMES: dict[str, str] = {
    "profit": "contribution profit over the game",
    "revenue": "revenue over the game",
    "margin": "contribution profit / revenue",
    "market_share": "share of units in the last round",
    "customers": "customers at the end",
    "satisfaction": "volume-weighted satisfaction at the end",
    "key_account_satisfaction": "mean satisfaction of the key accounts served at the end",
    "stock_cost": "holding, write-downs and rush premiums",
    "late_deliveries": "key-account deliveries that turned late",
    "expected_credit_loss": "receivables x default chance x (1 - recovery), summed weekly",
    "bad_debt": "receivables lost to defaults",
    "lost_sales": "revenue lost to stock-outs and to dissatisfied accounts buying elsewhere",
    "value_claimed": "mean share of the negotiation room kept (no deal: 0)",
    "forecast_error": "mean absolute error of the round forecasts, as a share of the forecast "
    "(a round without a forecast counts as 100%)",
}
"""Every outcome id, with what it measures."""

HIGHER_IS_BETTER: dict[str, bool] = {
    k: k not in ("stock_cost", "late_deliveries", "expected_credit_loss", "bad_debt", "lost_sales",
                 "forecast_error")
    for k in OUTCOMES
}


def game_outcomes(events: Sequence[Event]) -> dict[str, float | None]:
    """The outcomes of a finished game (an unfinished one has no totals: an empty dict); the
    key accounts' satisfaction is None when none is served at the end."""
    ended = [e for e in events if e.kind == "game_ended"]
    if not ended:
        return {}
    totals = ended[-1].payload["totals"]
    reviews = [e.payload["kpis"] for e in events if e.kind == "round_reviewed"]
    costs = [k["cost_by_kind"] for k in reviews]
    ka = reviews[-1].get("key_account_satisfaction") if reviews else None
    return {
        "profit": float(totals["profit"]),
        "revenue": float(totals["revenue"]),
        "margin": float(totals["margin"]),
        "market_share": float(totals["market_share"]),
        "customers": float(totals["customers"]),
        "satisfaction": float(totals["satisfaction"]),
        "key_account_satisfaction": None if ka is None else float(ka),
        "stock_cost": sum(c["holding"] + c["write_down"] + c["emergency"] for c in costs),
        "late_deliveries": float(sum(1 for e in events if e.kind == "delivery_late")),
        "expected_credit_loss": sum(float(k["expected_credit_loss"]) for k in reviews),
        "bad_debt": sum(c["bad_debt"] for c in costs),
        "lost_sales": sum(float(k["lost_sales"]) for k in reviews),
        "value_claimed": _value_claimed(events),
        "forecast_error": (sum(1.0 if k["forecast_error"] is None else float(k["forecast_error"])
                               for k in reviews) / len(reviews)) if reviews else None,
    }


def _value_claimed(events: Sequence[Event]) -> float | None:
    claimed = [
        float((e.payload.get("metrics") or {}).get("value_claimed") or 0.0)
        for e in events if e.kind == "negotiation_ended"
    ]
    return sum(claimed) / len(claimed) if claimed else None
