"""Planning phase (CW-12, CW-20..22): targets, forecast, segment pricing, effort, channels."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from game.engine.actions import AllocateEffort, SelectTargets, SetChannel, SetForecast, SetPrice
from game.engine.research import account_spec, segment_index
from game.engine.state import Rejected
from game.negotiation.moves import within_authority

if TYPE_CHECKING:
    from game.engine.game import Game
    from game.scenario.models import Scenario


def segment_terms(scenario: Scenario, segment: str, discount: float, channel: str) -> tuple[float, float]:
    """Unit price and our margin per unit in ``segment`` at ``discount`` through ``channel``."""
    product = scenario.product(scenario.segment(segment).product)
    fee = next(c.fee for c in scenario.company.channels if c.id == channel)
    price = product.list_price * (1.0 - discount)
    return price, price * (1.0 - fee) - product.unit_cost


def select_targets(game: Game, a: SelectTargets) -> None:
    for seg in a.segments:
        segment_index(game, seg)
    for acc in a.accounts:
        account_spec(game, acc)
    game.targets_selected = {"segments": list(a.segments), "accounts": list(a.accounts)}
    game.emit("targets_selected", segments=list(a.segments), accounts=list(a.accounts))


def forecast_limit(factor: float, round_target: float) -> float:
    """The largest forecast a round takes: ``economics.forecast_limit`` times its revenue target
    (the window checks the box against the same figure)."""
    return factor * round_target


def set_forecast(game: Game, a: SetForecast) -> None:
    limit = forecast_limit(game.scenario.economics.forecast_limit,
                           game.scenario.targets.revenue / game.scenario.rounds)
    if not a.revenue <= limit:
        raise Rejected("forecast_out_of_range",
                       f"a forecast of {a.revenue:,.0f} is beyond {limit:,.0f}, "
                       f"{game.scenario.economics.forecast_limit:g} times this round's target",
                       {"maximum": round(limit)})
    game.plan.forecast = a.revenue
    game.emit("forecast_set", revenue=a.revenue)


def set_price(game: Game, a: SetPrice) -> None:
    segment_index(game, a.segment)
    limit = game.scenario.company.discount_authority
    if not within_authority(a.discount, limit):
        raise Rejected(
            "beyond_authority",
            f"a segment discount of {a.discount:.0%} is beyond your authority ({limit:.0%})",
        )
    game.plan.discounts[a.segment] = a.discount
    game.emit("price_set", segment=a.segment, discount=a.discount)


def field_plan_in_force(shares: Mapping[str, float]) -> bool:
    """Whether an effort plan's ``shares`` send anyone into the field: without, coverage fades
    in every segment (``game.engine.operations.update_coverage``)."""
    return any(float(v) > 0 for v in shares.values())


def allocate_effort(game: Game, a: AllocateEffort) -> None:
    for seg in a.shares:
        segment_index(game, seg)
    if any(v < 0 for v in a.shares.values()):
        raise Rejected("bad_shares", "effort shares cannot be negative")
    total = sum(a.shares.values())
    if abs(total - 1.0) > 1e-6:
        raise Rejected("bad_shares", f"effort shares must add up to 100% (they add up to {total:.0%})")
    game.plan.effort_shares = {s.id: float(a.shares.get(s.id, 0.0)) for s in game.scenario.market.segments}
    game.emit("effort_allocated", shares=game.plan.effort_shares)


def set_channel(game: Game, a: SetChannel) -> None:
    segment_index(game, a.segment)
    ids = [c.id for c in game.scenario.company.channels]
    if a.channel not in ids:
        raise Rejected("unknown_channel", f"there is no channel '{a.channel}' (known: {', '.join(ids)})")
    game.plan.channels[a.segment] = a.channel
    game.emit("channel_set", segment=a.segment, channel=a.channel)
