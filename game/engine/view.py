"""What the trainee may see (estimates, own figures) apart from the hidden truth (debrief only)."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from game.engine import risks
from game.engine.events import jsonable
from game.engine.phases import COURSEWARE
from game.engine.review import customers_and_satisfaction, round_targets

if TYPE_CHECKING:
    from game.engine.game import Game


def _account_view(game: Game, account: str) -> dict[str, Any]:
    state = game.accounts[account]
    ka = next(k for k in game.scenario.key_accounts if k.id == account)
    out: dict[str, Any] = {
        "id": account,
        "status": state.status,
        "segment": ka.segment,
        "product": ka.product,
        "volume": ka.volume,
        "opportunity_round": ka.opportunity_round,
        "current_vendor": ka.current_vendor,
        "lost_to": state.lost_to,
        "interviewed": state.interviewed,
        "credit_checked": state.credit_checked,
        "credit_rating": ka.credit_rating if state.credit_checked else None,
    }
    if state.status == "won":
        out["satisfaction"] = round(state.satisfaction, 2)  # what regular contact tells the rep
    if state.contract is not None:
        c = state.contract
        out["contract"] = {
            "terms": c.terms,
            "unit_price": round(c.unit_price, 2),
            "units": c.units,
            "value": round(c.unit_price * c.units, 2),
            "credit_exposure": round(c.unit_price * c.units * (1.0 - c.advance_payment), 2),
            "delivered": round(c.delivered_units, 1),
            "advance_payment": c.advance_payment,
            "late_penalty": c.late_penalty,
            "receivable": round(c.receivable, 2),
            "written_off": round(c.written_off, 2),
            "defaulted": c.defaulted,
            "end_week": c.end_week,
            "renewals": c.renewals,
        }
    if account in game.sessions:
        out["negotiation"] = game.sessions[account].view()
        out["learned"] = game.sessions[account].knowledge()
    return out


def _strike_view(game: Game, s) -> dict[str, Any]:
    spec = next(r for r in game.scenario.risks if r.id == s.risk)
    out: dict[str, Any] = {
        "id": s.id,
        "risk": s.risk,
        "kind": s.kind,
        "status": "struck" if s.struck else "warning",
        "response": s.response,
        "responses": [r.id for r in spec.responses],
        "target": s.target,
    }
    if s.struck:
        out["strike_week"] = s.strike_week
        out["end_week"] = s.end_week
    else:
        out["expected_in_weeks"] = max(0, s.strike_week - game.week)
    return out


def trainee_view(game: Game) -> dict[str, Any]:
    customers, satisfaction = customers_and_satisfaction(game)
    books = game.books[game.round]
    return {
        "scenario": game.scenario.id,
        "round": game.round,
        "rounds": game.scenario.rounds,
        "week": game.week,
        "round_end_week": game.round_end_week,
        "phase": str(game.phase),
        "courseware": list(COURSEWARE[game.phase]),
        "effort_left": round(game.effort_left, 3),
        "effort_per_round": game.scenario.company.effort_per_round,
        "plan": asdict(game.plan),
        "targets_selected": game.targets_selected,
        "round_targets": round_targets(game),
        "knowledge": game.knowledge,
        "opportunities": game.opportunities(),
        "accounts": [_account_view(game, ka.id) for ka in game.scenario.key_accounts],
        "incidents": [asdict(i) for i in game.incidents if i.status == "open"],
        "complaints": [asdict(c) for c in game.complaints if c.status == "open"],
        "risks": [_strike_view(game, s) for s in risks.visible(game)],
        "now": {
            "revenue": round(books.revenue, 2),
            "profit": round(books.profit(), 2),
            "margin": round(books.margin(), 4),
            "market_share": round(books.our_units / books.market_units, 4) if books.market_units else 0.0,
            "customers": customers,
            "satisfaction": round(satisfaction, 4),
        },
        "stock": {
            "on_hand": {p: round(u, 1) for p, u in game.stock.on_hand.items()},
            "rush": [{"product": r.product, "units": round(r.units, 1), "arrives_week": r.arrives_week}
                     for r in game.stock.rush],
        },
        "coverage": {s.id: round(float(c), 3)
                     for s, c in zip(game.scenario.market.segments, game.coverage, strict=True)},
        "kpis": game.kpis,
        "history": game.history,
        "over": game.over,
    }


def hidden_truth(game: Game) -> dict[str, Any]:
    return jsonable({
        "accounts": {
            ka.id: {
                "preferences": ka.preferences.model_dump(),
                "tactic": ka.tactic.model_dump(),
                "trust": game.accounts[ka.id].trust,
                "satisfaction": game.accounts[ka.id].satisfaction,
                "credit_rating": ka.credit_rating,
            }
            for ka in game.scenario.key_accounts
        },
        "negotiations": {acc: s.truth() for acc, s in game.sessions.items()},
        "strikes": [asdict(s) for s in game.strikes],
        "demand": game.market.demand_level(),
    })
