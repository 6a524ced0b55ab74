"""Review (CW-51, CW-60, CW-61): the round's KPIs against target, and the final result."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from game.engine.state import Books

if TYPE_CHECKING:
    from game.engine.game import Game


def round_targets(game: Game) -> dict[str, float]:
    """Targets for one round: revenue pro rata, the rest as levels."""
    t = game.scenario.targets
    return {
        "revenue": t.revenue / game.scenario.rounds,
        "margin": t.margin,
        "market_share": t.market_share,
        "customers": float(t.customers),
        "satisfaction": t.satisfaction,
    }


def customers_and_satisfaction(game: Game) -> tuple[int, float]:
    pop = game.market.population
    ours = pop.vendor == 0
    n_pop = int(np.count_nonzero(ours))
    sat_sum = float(pop.satisfaction[ours].astype(np.float64).sum())
    won = [st for st in game.accounts.values() if st.status == "won"]
    n = n_pop + len(won)
    sat_sum += sum(st.satisfaction for st in won)
    return n, (sat_sum / n if n else 0.0)


def _segment_figures(game: Game, books: Books) -> dict[str, dict[str, float]]:
    pop = game.market.population
    out = {}
    for i, seg in enumerate(game.scenario.market.segments):
        mask = (pop.segment == i) & (pop.vendor == 0)
        out[seg.id] = {
            "customers": int(np.count_nonzero(mask)),
            "revenue": round(books.segment_revenue.get(seg.id, 0.0), 2),
        }
    return out


def kpis_of(game: Game, books: Books, round_no: int) -> dict[str, Any]:
    """The KPI record of one round's books, with customers and satisfaction as they stand now."""
    customers, satisfaction = customers_and_satisfaction(game)
    share = books.our_units / books.market_units if books.market_units > 0 else 0.0
    forecast = game.plan.forecast if round_no > 0 else None
    error = abs(books.revenue - forecast) / forecast if forecast else None
    return {
        "round": round_no,
        "revenue": round(books.revenue, 2),
        "key_account_revenue": round(books.key_account_revenue, 2),
        "margin": round(books.margin(), 5),
        "market_share": round(share, 5),
        "customers": customers,
        "satisfaction": round(satisfaction, 5),
        "costs": round(books.costs, 2),
        "forecast": forecast,
        "forecast_error": None if error is None else round(error, 5),
        "segments": _segment_figures(game, books),
    }


def review_round(game: Game) -> None:
    kpis = kpis_of(game, game.books[game.round], game.round)
    game.kpis.append(kpis)
    game.emit("round_reviewed", kpis=kpis, targets=round_targets(game))


def totals(game: Game) -> dict[str, Any]:
    """Whole-game KPIs in the shape of the scenario's targets."""
    revenue = sum(b.revenue for b in game.books.values())
    profit = sum(b.revenue - b.cogs - b.fees - b.costs for b in game.books.values())
    last = game.kpis[-1] if game.kpis else {}
    return {
        "revenue": round(revenue, 2),
        "margin": round(profit / revenue, 5) if revenue > 0 else 0.0,
        "market_share": last.get("market_share", 0.0),
        "customers": last.get("customers", 0),
        "satisfaction": last.get("satisfaction", 0.0),
    }


def finish_game(game: Game) -> None:
    t = game.scenario.targets
    result = totals(game)
    targets = {
        "revenue": t.revenue,
        "margin": t.margin,
        "market_share": t.market_share,
        "customers": t.customers,
        "satisfaction": t.satisfaction,
    }
    met = {k: result[k] >= v for k, v in targets.items()}
    game.emit("game_ended", totals=result, targets=targets, met=met)
