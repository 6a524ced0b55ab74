"""Fulfilment (CW-40) and maintenance (CW-41..43): the weekly market, deliveries, service."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from game.engine import risks
from game.engine.actions import (
    Expedite,
    InformCustomer,
    ResolveComplaint,
    RunWeeks,
    SatisfactionSurvey,
    Upsell,
    Visit,
)
from game.engine.planning import segment_terms
from game.engine.research import account_spec, segment_index
from game.engine.state import Books, Complaint, Incident, Rejected
from game.sim.market import MarketEffects, OurPolicy, WeekReport

if TYPE_CHECKING:
    from game.engine.game import Game

RELATIONSHIP_GAIN = 1.5  # logit utility a segment gets from all of our field effort
SERVICE_TARGET = {"basic": 0.55, "standard": 0.7, "premium": 0.85}
INFORM_EFFORT = 0.25
RESOLVE_EFFORT = 0.5
VISIT_EFFORT = 1.0
SURVEY_EFFORT = 1.0
UPSELL_EFFORT = 1.0
LATE_AFTER_WEEKS = 2
PROMPT_REPLY_WEEKS = 2


# ----------------------------------------------------------------- the week


def service_quality(game: Game) -> tuple[float, float]:
    """Our service level this week (0..1) and the ticket load it faces."""
    cust = game.market.customers_of_us()
    tickets = game.scenario.fulfilment.ticket_rate * cust
    capacity = game.scenario.company.service_capacity * risks.capacity_multiplier(game)
    coverage = 1.0 if tickets <= 0 else min(1.0, capacity / tickets)
    return min(1.0, 0.35 + 0.45 * coverage + game.survey_bonus), tickets


def our_policy(game: Game, quality: float) -> OurPolicy:
    prices, bonus, reach, fees = [], [], [], []
    channels = {c.id: c for c in game.scenario.company.channels}
    for seg in game.scenario.market.segments:
        channel = channels[game.plan.channels.get(seg.id, game.scenario.company.channels[0].id)]
        price, _ = segment_terms(game.scenario, seg.id, game.plan.discounts.get(seg.id, 0.0), channel.id)
        prices.append(price)
        bonus.append(RELATIONSHIP_GAIN * game.plan.effort_shares.get(seg.id, 0.0))
        reach.append(channel.reach)
        fees.append(channel.fee)
    return OurPolicy(prices=prices, relationship_bonus=bonus, reach=reach, channel_fee=fees,
                     service_quality=quality)


def _book_week(books: Books, report: WeekReport) -> None:
    books.revenue += report.revenue
    books.cogs += report.cogs
    books.fees += report.fees
    books.our_units += report.our_units
    books.market_units += report.market_units
    books.weeks += 1
    for seg_id, seg in report.segments.items():
        books.segment_revenue[seg_id] = books.segment_revenue.get(seg_id, 0.0) + seg.our_revenue


def warm_up(game: Game) -> Books:
    """The quarter before the trainee takes over, run with the inherited plan: the history the
    first forecast can be made from (CW-21)."""
    books = Books()
    for _ in range(game.scenario.weeks_per_round):
        quality, _ = service_quality(game)
        _book_week(books, game.market.step_week(our_policy(game, quality), MarketEffects()))
    return books


def _step_week(game: Game) -> bool:
    """Simulate one week; True if something now needs the trainee's attention."""
    attention = risks.week_start(game)
    quality, tickets = service_quality(game)
    report = game.market.step_week(our_policy(game, quality), risks.market_effects(game))
    books = game.books[game.round]
    _book_week(books, report)
    attention |= _key_accounts_week(game, quality)
    game.week += 1
    game.state_hashes.append(game.market.state_hash())
    game.emit(
        "week_simulated",
        revenue=round(report.revenue, 2),
        our_units=round(report.our_units, 2),
        market_share=round(report.market_share, 5),
        customers=report.customers,
        satisfaction=round(report.satisfaction or 0.0, 4),
        demand=round(report.demand, 4),
        service_quality=round(quality, 4),
        tickets=round(tickets, 2),
        state_hash=game.state_hashes[-1][:16],
    )
    return attention


def _key_accounts_week(game: Game, quality: float) -> bool:
    rng = game.rng_operations
    attention = False
    f = game.scenario.fulfilment
    books = game.books[game.round]
    for account, state in game.accounts.items():
        contract = state.contract
        if state.status != "won" or contract is None:
            continue
        # Incidents left open turn late: a broken delivery promise.
        for inc in game.incidents:
            if inc.account == account and inc.status == "open" and game.week - inc.week >= LATE_AFTER_WEEKS:
                inc.status = "late"
                penalty = contract.late_penalty * contract.weekly_units * contract.unit_price * LATE_AFTER_WEEKS
                books.costs += penalty
                state.satisfaction = max(0.0, state.satisfaction - 0.1)
                state.trust = max(0.0, state.trust - 0.1)
                game.emit("delivery_late", account=account, incident=inc.id, penalty=round(penalty, 2))
        if contract.delivered_units < contract.units - 1e-9 and game.week < contract.end_week:
            units = min(contract.weekly_units, contract.units - contract.delivered_units)
            contract.delivered_units += units
            value = units * contract.unit_price
            ka = account_spec(game, account)
            product = game.scenario.product(ka.product)
            terms = contract.terms
            extra = game.scenario.company.delivery_cost.get(int(terms.get("delivery_weeks", 8)), 0.0)
            extra += game.scenario.company.service_cost.get(str(terms.get("service", "basic")), 0.0)
            books.revenue += value
            books.key_account_revenue += value
            books.cogs += units * (product.unit_cost + extra)
            due = game.week + math.ceil(float(terms.get("payment_days", 0)) / 7.0)
            contract.unpaid.append((due, value * (1.0 - contract.advance_payment)))
            if rng.random() < f.incident_rate + risks.incident_extra(game):
                inc = Incident(id=len(game.incidents), account=account, week=game.week)
                game.incidents.append(inc)
                game.emit("delivery_incident", account=account, incident=inc.id)
                attention = True
        contract.unpaid = [(due, amt) for due, amt in contract.unpaid if due > game.week]
        # Satisfaction follows the service promised and the service given.
        target = SERVICE_TARGET.get(str(contract.terms.get("service", "standard")), 0.7)
        target += 0.3 * (quality - 0.7)
        open_complaints = sum(1 for c in game.complaints if c.account == account and c.status == "open")
        state.satisfaction += 0.08 * (target - state.satisfaction) - 0.01 * open_complaints
        state.satisfaction = float(np.clip(state.satisfaction, 0.0, 1.0))
        p = f.complaint_rate * (1.0 + 2.0 * max(0.0, 0.7 - state.satisfaction))
        if rng.random() < p:
            comp = Complaint(id=len(game.complaints), account=account, week=game.week)
            game.complaints.append(comp)
            game.emit("complaint_received", account=account, complaint=comp.id)
            attention = True
    return attention


def run_until(game: Game, end_week: int, pause: bool) -> int:
    """Run weeks up to ``end_week``; with ``pause``, stop after a week that needs attention."""
    ran = 0
    while game.week < end_week:
        attention = _step_week(game)
        ran += 1
        if pause and attention:
            break
    return ran


# ----------------------------------------------------------------- fulfilment actions


def run_weeks(game: Game, a: RunWeeks) -> None:
    if game.week >= game.round_end_week:
        raise Rejected("round_done", "all weeks of this round have run; end the phase")
    end = game.round_end_week if a.weeks is None else min(game.round_end_week, game.week + a.weeks)
    start = game.week
    ran = run_until(game, end, pause=True)
    game.emit("weeks_ran", start=start, weeks=ran, left=game.round_end_week - game.week)


def _incident(game: Game, incident: int) -> Incident:
    if not 0 <= incident < len(game.incidents):
        raise Rejected("unknown_incident", f"there is no incident #{incident}")
    inc = game.incidents[incident]
    if inc.status != "open":
        raise Rejected("incident_closed", f"incident #{incident} is already {inc.status}")
    return inc


def expedite(game: Game, a: Expedite) -> None:
    inc = _incident(game, a.incident)
    cost = game.scenario.fulfilment.expedite_cost
    game.spend_money(cost)
    inc.status = "expedited"
    game.emit("incident_expedited", account=inc.account, incident=inc.id, cost=cost,
              response_weeks=game.week - inc.week)


def inform_customer(game: Game, a: InformCustomer) -> None:
    inc = _incident(game, a.incident)
    game.spend_effort(INFORM_EFFORT, "Informing the customer")
    inc.status = "informed"
    state = game.accounts[inc.account]
    state.satisfaction = max(0.0, state.satisfaction - 0.02)
    state.trust = min(1.0, state.trust + 0.02)
    game.emit("customer_informed", account=inc.account, incident=inc.id,
              response_weeks=game.week - inc.week)


# ----------------------------------------------------------------- maintenance actions


def on_maintenance_start(game: Game) -> None:
    open_items = [c.id for c in game.complaints if c.status == "open"]
    game.emit("service_summary", open_complaints=open_items,
              open_incidents=[i.id for i in game.incidents if i.status == "open"])


def resolve_complaint(game: Game, a: ResolveComplaint) -> None:
    if not 0 <= a.complaint < len(game.complaints):
        raise Rejected("unknown_complaint", f"there is no complaint #{a.complaint}")
    comp = game.complaints[a.complaint]
    if comp.status != "open":
        raise Rejected("complaint_closed", f"complaint #{a.complaint} is already resolved")
    game.spend_effort(RESOLVE_EFFORT, "Resolving a complaint")
    weeks = game.week - comp.week
    comp.status = "resolved"
    comp.resolved_week = game.week
    state = game.accounts[comp.account]
    state.satisfaction = min(1.0, state.satisfaction + (0.06 if weeks <= PROMPT_REPLY_WEEKS else 0.02))
    game.emit("complaint_resolved", account=comp.account, complaint=comp.id, response_weeks=weeks)


def _won(game: Game, account: str):
    account_spec(game, account)
    state = game.accounts[account]
    if state.status != "won":
        raise Rejected("not_a_customer", f"'{account}' is not your customer")
    return state


def visit(game: Game, a: Visit) -> None:
    state = _won(game, a.account)
    game.spend_effort(VISIT_EFFORT, "A visit")
    gain = 0.05 / (1 + state.visits_this_round)
    state.visits_this_round += 1
    state.satisfaction = min(1.0, state.satisfaction + gain)
    state.trust = min(1.0, state.trust + 0.03)
    game.emit("account_visited", account=a.account, satisfaction=round(state.satisfaction, 3))


def satisfaction_survey(game: Game, a: SatisfactionSurvey) -> None:
    seg = segment_index(game, a.segment)
    game.spend_effort(SURVEY_EFFORT, "A satisfaction survey")
    pop = game.market.population
    mask = (pop.segment == seg) & (pop.vendor == 0)
    idx = np.flatnonzero(mask)
    take = game.rng_research.choice(idx, size=min(80, len(idx)), replace=False) if len(idx) else idx
    sat = pop.satisfaction[take].astype(float)
    mean = float(sat.mean()) if len(sat) else None
    sd = float(sat.std(ddof=1) / math.sqrt(len(sat))) if len(sat) > 1 else None
    accounts = {
        acc: round(st.satisfaction, 3)
        for acc, st in game.accounts.items()
        if st.status == "won" and account_spec(game, acc).segment == a.segment
    }
    game.survey_bonus = min(0.1, game.survey_bonus + 0.03)
    game.knowledge["surveys"][a.segment] = {"round": game.round, "mean": mean, "sd": sd, "n": len(sat),
                                            "accounts": accounts}
    game.emit("satisfaction_surveyed", segment=a.segment, mean=mean, sd=sd, n=len(sat),
              accounts=accounts)


def upsell(game: Game, a: Upsell) -> None:
    state = _won(game, a.account)
    if state.upsold:
        raise Rejected("already_upsold", f"you already made '{a.account}' an upsell offer")
    game.spend_effort(UPSELL_EFFORT, "An upsell offer")
    state.upsold = True
    contract = state.contract
    assert contract is not None
    if game.rng_operations.random() < state.satisfaction ** 2:
        extra = int(round(0.1 * contract.units))
        contract.units += extra
        contract.end_week = max(contract.end_week, min(game.total_weeks, game.week + 4))
        remaining = max(1, contract.end_week - game.week)
        contract.weekly_units = (contract.units - contract.delivered_units) / remaining
        game.emit("upsell_won", account=a.account, units=extra)
    else:
        state.satisfaction = max(0.0, state.satisfaction - 0.03)
        game.emit("upsell_declined", account=a.account)
