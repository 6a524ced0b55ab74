"""Risk (CW-50): scheduled market, customer and personnel risks, warnings and responses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine.actions import RespondToRisk
from game.engine.state import Rejected, Strike
from game.sim.market import MarketEffects
from game.sim.risk import schedule_risks
from game.sim.rng import stream

if TYPE_CHECKING:
    from game.engine.game import Game

def schedule(game: Game) -> list[Strike]:
    planned = schedule_risks(game.scenario, stream(game.seed, "risk"), game.total_weeks)
    planned = sorted(planned, key=lambda r: (r.strike_week, r.risk_id))
    return [
        Strike(
            id=i,
            risk=p.risk_id,
            kind=p.kind,
            warning_week=p.warning_week,
            strike_week=p.strike_week,
            end_week=p.end_week,
            impact=p.impact,
            target=p.target,
        )
        for i, p in enumerate(planned)
    ]


def _spec(game: Game, risk_id: str):
    return next(r for r in game.scenario.risks if r.id == risk_id)


def _effective(strike: Strike) -> float:
    return strike.impact * (1.0 - strike.mitigation)


def _churn_factor(game: Game) -> float:
    return game.scenario.economics.risk.churn_wave_factor


def _active(game: Game, kind: str) -> list[Strike]:
    return [s for s in game.strikes if s.kind == kind and s.strike_week <= game.week < s.end_week]


def emit_due_warnings(game: Game) -> bool:
    """Early-warning signals whose time has come (CW-50 预警); True if any is new."""
    new = False
    for s in game.strikes:
        spec = _spec(game, s.risk)
        if not s.warned and spec.warning_weeks > 0 and s.warning_week <= game.week < s.strike_week:
            s.warned = True
            game.emit("risk_warning", strike=s.id, risk=s.risk, kind=s.kind,
                      weeks_ahead=s.strike_week - game.week)
            new = True
    return new


def week_start(game: Game) -> bool:
    """Warnings and strikes due this week; True if the trainee should look."""
    attention = emit_due_warnings(game)
    for s in game.strikes:
        if not s.struck and s.strike_week == game.week:
            s.struck = True
            _strike(game, s)
            attention = True
    return attention


def _strike(game: Game, s: Strike) -> None:
    effect: dict[str, float | str | None] = {}
    if s.kind == "demand_shock":
        effect["demand_multiplier"] = 1.0 - _effective(s)
    elif s.kind == "price_war":
        effect["competitor"] = s.target
        effect["price_multiplier"] = 1.0 - _effective(s)
    elif s.kind == "churn_wave":
        effect["churn_multiplier"] = 1.0 + _churn_factor(game) * _effective(s)
    elif s.kind == "staff_loss":
        effect["capacity_multiplier"] = 1.0 - _effective(s)
    elif s.kind == "supply_delay":
        effect["incident_extra"] = _effective(s)
    elif s.kind == "credit_default":
        effect["written_off"] = _credit_default(game, s)
    game.emit("risk_struck", strike=s.id, risk=s.risk, kind=s.kind, target=s.target,
              warned=s.warned, prepared=s.response, mitigation=s.mitigation,
              end_week=s.end_week, effect=effect)


def _credit_default(game: Game, s: Strike) -> float:
    """A customer stops paying: a share of what it owes us is lost."""
    loss = 0.0
    targets = [s.target] if s.target else [a for a, st in game.accounts.items() if st.status == "won"]
    for account in targets:
        state = game.accounts.get(account)
        if state is None or state.contract is None or state.status != "won":
            continue
        owed = sum(amount for _, amount in state.contract.unpaid)
        lost = owed * _effective(s)
        state.contract.unpaid = [(due, amt * (1.0 - _effective(s))) for due, amt in state.contract.unpaid]
        state.contract.written_off += lost
        loss += lost
    game.books[game.round].cost("bad_debt", loss)
    s.applied_loss = loss
    return round(loss, 2)


def market_effects(game: Game) -> MarketEffects:
    demand, churn = 1.0, 1.0
    prices: dict[str, float] = {}
    for s in _active(game, "demand_shock"):
        demand *= 1.0 - _effective(s)
    for s in _active(game, "churn_wave"):
        churn *= 1.0 + _churn_factor(game) * _effective(s)
    for s in _active(game, "price_war"):
        if s.target:
            prices[s.target] = prices.get(s.target, 1.0) * (1.0 - _effective(s))
    return MarketEffects(demand_multiplier=demand, churn_multiplier=churn, competitor_price_multipliers=prices)


def capacity_multiplier(game: Game) -> float:
    m = 1.0
    for s in _active(game, "staff_loss"):
        m *= 1.0 - _effective(s)
    return m


def incident_extra(game: Game) -> float:
    return sum(_effective(s) for s in _active(game, "supply_delay"))


def visible(game: Game) -> list[Strike]:
    """Strikes the trainee can see: warned or struck."""
    return [s for s in game.strikes if s.warned or s.struck]


def on_risk_phase(game: Game) -> None:
    start = game.round_end_week - game.scenario.weeks_per_round
    game.emit(
        "risk_summary",
        struck=[s.id for s in game.strikes if s.struck and s.strike_week >= start],
        warnings=[s.id for s in game.strikes if s.warned and not s.struck],
        unanswered=[s.id for s in visible(game) if s.response is None and s.end_week > game.week],
    )


def respond(game: Game, a: RespondToRisk) -> None:
    if not 0 <= a.strike < len(game.strikes) or a.strike not in {s.id for s in visible(game)}:
        raise Rejected("unknown_risk", f"there is no risk #{a.strike} you know of")
    s = game.strikes[a.strike]
    if s.response is not None:
        raise Rejected("already_answered", f"you already chose '{s.response}' for this risk")
    if s.struck and s.end_week <= game.week:
        raise Rejected("risk_over", "this risk is over; nothing left to respond to")
    spec = _spec(game, s.risk)
    options = {r.id: r for r in spec.responses}
    if a.response not in options:
        raise Rejected("unknown_response", f"choose one of: {', '.join(options)}")
    choice = options[a.response]
    game.spend_effort(choice.effort, "This response")
    game.spend_money("risk", choice.cost)
    s.response = choice.id
    # Prepared before it struck: the full mitigation; after: only for the weeks that remain.
    if s.struck:
        left = max(0, s.end_week - game.week) / max(1, s.end_week - s.strike_week)
        s.mitigation = choice.mitigation * left
    else:
        s.mitigation = choice.mitigation
    game.emit("risk_responded", strike=s.id, risk=s.risk, response=choice.id,
              before_strike=not s.struck, mitigation=round(s.mitigation, 4),
              effort=choice.effort, cost=choice.cost)
