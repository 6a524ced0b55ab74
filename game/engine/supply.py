"""Supply (CW-21): the forecast orders the round's stock; stock-outs lose sales; stock costs.

At the start of fulfilment supply brings every product up to the units the forecast needs: the
deliveries signed contracts are due this round, plus the rest of the forecast in last round's
small-customer mix and prices, plus the safety stock. Without a forecast the company plans to the
round's revenue target, as a sales department plans to its budget. When a product's stock covers
less than ``emergency_weeks`` + 1 weeks of recent demand, supply rush-orders the rest of the round at a
premium (it arrives ``emergency_weeks`` later); a product that still runs out cannot be sold to
small customers until stock arrives. Stock left at the round's end is partly written down;
holding stock costs every week.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine.state import Books, Contract
from game.sim.stock import StockLedger

if TYPE_CHECKING:
    from game.engine.game import Game

def new_ledger(game: Game) -> StockLedger:
    return StockLedger({p.id: p.unit_cost for p in game.scenario.company.products})


def _contract_units_this_round(game: Game, contract: Contract) -> float:
    """Units a signed contract is due to deliver from now to the round's end."""
    if contract.signed_week is None or contract.defaulted:
        return 0.0
    due = contract.due_by(game.round_end_week - 1)
    return max(0.0, due - contract.delivered_units)


def _mix(game: Game, books: Books) -> tuple[dict[str, float], dict[str, float]]:
    """Each product's share of small-customer revenue and its average unit price in ``books``,
    falling back to the warm-up quarter for a product that sold nothing there."""
    shares, prices = {}, {}
    for source in (books, game.warm_up_books):
        total = sum(source.product_revenue.values())
        for product, revenue in source.product_revenue.items():
            units = source.product_units.get(product, 0.0)
            if product in prices or revenue <= 0 or units <= 0 or total <= 0:
                continue
            shares[product] = revenue / total
            prices[product] = revenue / units
    return shares, prices


def last_books(game: Game) -> Books:
    """The last finished round's books (the warm-up quarter before round 1)."""
    return game.books[game.round - 1] if game.round > 1 else game.warm_up_books


def order_for_round(game: Game) -> None:
    """Bring stock up to what the forecast needs for this round."""
    econ = game.scenario.economics.stock
    last = last_books(game)
    forecast = game.plan.forecast
    basis = "forecast"
    if forecast is None:
        from game.engine.review import round_targets

        forecast, basis = round_targets(game)["revenue"], "target"
    contracted_units: dict[str, float] = {}
    contracted_value = 0.0
    for state in game.accounts.values():
        c = state.contract
        if state.status == "won" and c is not None:
            units = _contract_units_this_round(game, c)
            contracted_units[c.product] = contracted_units.get(c.product, 0.0) + units
            contracted_value += units * c.unit_price
    shares, prices = _mix(game, last)
    rest = max(0.0, float(forecast) - contracted_value)
    wanted = {}
    for product in game.stock.on_hand:
        units = contracted_units.get(product, 0.0)
        if product in shares:
            units += rest * shares[product] / prices[product]
        wanted[product] = units * (1.0 + econ.safety_stock)
    before = dict(game.stock.on_hand)
    ordered = game.stock.order_up_to(wanted)
    game.emit(
        "stock_ordered",
        basis=basis,
        forecast=round(float(forecast), 2),
        contracted=round(contracted_value, 2),
        on_hand={p: round(u, 1) for p, u in before.items()},
        ordered={p: round(u, 1) for p, u in ordered.items()},
        safety_stock=econ.safety_stock,
    )


def week_start(game: Game) -> dict[str, bool]:
    """Rush orders that arrive this week, rush orders for products running low, and which
    products small customers cannot buy from us this week."""
    got = game.stock.arrivals(game.week)
    for product, units in got.items():
        game.emit("stock_arrived", product=product, units=round(units, 1), rush=True)
    lead = game.scenario.economics.stock.emergency_weeks
    for product in game.stock.on_hand:
        weekly = _weekly_need(game, product)
        if weekly > 0 and game.stock.on_hand[product] < (lead + 1) * weekly:
            _rush(game, product, weekly, "running_low")
    return {p: game.stock.out(p) for p in game.stock.on_hand}


def _weekly_need(game: Game, product: str) -> float:
    """Recent weekly small-customer demand for ``product`` (served or not) plus what contracts
    deliver a week."""
    lookback = game.scenario.economics.stock.rush_weeks_of_sales
    recent = game.recent_units.get(product, [])[-lookback:]
    weekly = sum(recent) / len(recent) if recent else 0.0
    for state in game.accounts.values():
        c = state.contract
        if state.status == "won" and c is not None and c.product == product and not c.defaulted:
            weekly += c.weekly_units
    return weekly


def sell(game: Game, product: str, units: float, price: float) -> float:
    """Take ``units`` of small-customer demand from stock; returns the share that was served
    and books the sales lost."""
    if units <= 0:
        return 1.0
    got = game.stock.take(product, units)
    if got < units - 1e-9:
        game.books[game.round].lost_sales += (units - got) * price
        _stocked_out(game, product)
    return got / units


def deliver(game: Game, product: str, units: float) -> float:
    """Take units for a key-account delivery; returns the units available."""
    got = game.stock.take(product, units)
    if got < units - 1e-9:
        _stocked_out(game, product)
    return got


def _stocked_out(game: Game, product: str) -> None:
    """A product ran out: say so, and rush-order the rest of the round if none is on its way."""
    game.emit("stock_out", product=product, rush_pending=game.stock.rush_pending(product))
    _rush(game, product, _weekly_need(game, product), "stock_out")


def _rush(game: Game, product: str, weekly: float, reason: str) -> None:
    """Rush-order the round's remaining weeks of ``product`` at the emergency premium."""
    econ = game.scenario.economics.stock
    if game.stock.rush_pending(product) or econ.emergency_weeks <= 0:
        return
    arrives = game.week + econ.emergency_weeks
    weeks_after = game.round_end_week - arrives
    if weeks_after <= 0:
        return
    units = weekly * weeks_after
    if units <= 0:
        return
    premium = units * game.stock.unit_costs[product] * econ.emergency_premium
    game.stock.order_rush(product, units, arrives)
    game.books[game.round].cost("emergency", premium)
    game.emit("stock_rushed", product=product, reason=reason, units=round(units, 1),
              arrives_week=arrives, premium=round(premium, 2))


def week_end(game: Game) -> None:
    """A week's holding cost on the stock left."""
    cost = game.stock.holding_cost(game.scenario.economics.stock.holding_rate)
    game.books[game.round].cost("holding", cost)


def round_end(game: Game) -> None:
    """Write down part of the stock left at the round's end."""
    share = game.scenario.economics.stock.write_down
    left = {p: round(u, 1) for p, u in game.stock.on_hand.items()}
    lost, _ = game.stock.write_down(share)
    game.books[game.round].cost("write_down", lost)
    game.emit("stock_written_down", left=left, share=share, value=round(lost, 2))
