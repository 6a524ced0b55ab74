"""Review (CW-51, CW-60, CW-61): the round's KPIs against target, and the final result."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from game.engine.state import Books
from game.engine.targets import target_met

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
    """Our customers now (small ones and won key accounts), and satisfaction weighted by the
    business each brings: a small customer of ours by its expected purchases a week at list
    price; every key account we have served this game by its yearly volume / 52 at its contract
    price, at its satisfaction now — so an account that left us unhappy still counts, and one
    left unhappy weighs what its business weighs."""
    n_pop, total, sat_sum = _base_satisfaction(game)
    won = 0
    for ka in game.scenario.key_accounts:
        state = game.accounts[ka.id]
        won += state.status == "won"
        if state.served:
            w = ka.volume / 52.0 * state.last_price
            total += w
            sat_sum += state.satisfaction * w
    return n_pop + won, (sat_sum / total if total > 0 else 0.0)


def _base_satisfaction(game: Game) -> tuple[int, float, float]:
    """(our small customers, their total weight, their weighted satisfaction), computed once a
    week: the population changes only when the market steps."""
    cached = game.cache.get("base_satisfaction")
    if cached is not None and cached[0] == game.market.week:
        return cached[1]
    pop = game.market.population
    ours = pop.vendor == 0
    # sizes as float32 times the float32 rate, as when sizes were int16 (same weights, same games)
    size = pop.size[ours].astype(np.float32)
    weight = size * pop.purchase_rate[ours] * game.market.list_prices[pop.segment[ours]]
    value = (int(np.count_nonzero(ours)), float(weight.sum(dtype=np.float64)),
             float((pop.satisfaction[ours] * weight).sum(dtype=np.float64)))
    game.cache["base_satisfaction"] = (game.market.week, value)
    return value


def key_account_satisfaction(game: Game) -> float | None:
    """Mean satisfaction of the key accounts we have served this game (None without any)."""
    won = [st.satisfaction for st in game.accounts.values() if st.served]
    return sum(won) / len(won) if won else None


def _waterfall(books: Books) -> dict[str, float]:
    """The round's contribution profit by cause, from the margin its units would earn at list
    price down to what is left: price (discounts), channel fees, the delivery and service terms
    sold, service failures (expedites, late penalties), stock (holding, write-downs, rush
    premiums), credit (payment terms, bad debt) and other costs (research, risk responses, the money
    conduct dilemmas cost)."""
    c = books.costs
    parts = {
        "volume": books.list_value - books.cogs,
        "price": -(books.list_value - books.revenue),
        "channel": -books.fees,
        "terms": -c["terms"],
        "service": -(c["expedite"] + c["penalties"]),
        "stock": -(c["holding"] + c["write_down"] + c["emergency"]),
        "credit": -(c["financing"] + c["bad_debt"]),
        "costs": -(c["research"] + c["risk"] + c.get("conduct", 0.0)),
    }
    parts["profit"] = books.profit()
    return parts


def profit_waterfall(books: Books) -> dict[str, float]:
    """``_waterfall`` rounded to cents."""
    return {k: round(v, 2) + 0.0 for k, v in _waterfall(books).items()}  # + 0.0: no "-0.0"


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
    ka_sat = key_account_satisfaction(game)
    return {
        "round": round_no,
        "revenue": round(books.revenue, 2),
        "key_account_revenue": round(books.key_account_revenue, 2),
        "profit": round(books.profit(), 2),
        "margin": round(books.margin(), 5),
        "market_share": round(share, 5),
        "customers": customers,
        "satisfaction": round(satisfaction, 5),
        "key_account_satisfaction": None if ka_sat is None else round(ka_sat, 5),
        "costs": round(books.total_costs, 2),
        "cost_by_kind": {k: round(v, 2) for k, v in books.costs.items()},
        "lost_sales": round(books.lost_sales, 2),
        "expected_credit_loss": round(books.expected_credit_loss, 2),
        "waterfall": profit_waterfall(books),
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
    profit = sum(b.profit() for b in game.books.values())
    last = game.kpis[-1] if game.kpis else {}
    return {
        "revenue": round(revenue, 2),
        "profit": round(profit, 2),
        "margin": round(profit / revenue, 5) if revenue > 0 else 0.0,
        "market_share": last.get("market_share", 0.0),
        "customers": last.get("customers", 0),
        "satisfaction": last.get("satisfaction", 0.0),
    }


def whole_game_waterfall(game: Game) -> dict[str, float]:
    """The profit waterfall summed over every round played."""
    out: dict[str, float] = {}
    for books in game.books.values():
        for k, v in _waterfall(books).items():
            out[k] = out.get(k, 0.0) + v
    return {k: round(v, 2) + 0.0 for k, v in out.items()}  # the same profit as ``totals``


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
    met = {k: target_met(result[k], v) for k, v in targets.items()}
    game.emit("game_ended", totals=result, targets=targets, met=met,
              waterfall=whole_game_waterfall(game))
