"""Fulfilment (CW-40) and maintenance (CW-41..43): the weekly market, deliveries, service."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from game.engine import accounts, dilemmas, risks, supply
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
from game.engine.research import account_spec, research_rng, segment_index
from game.engine.state import Books, Incident, Rejected
from game.sim.market import MarketEffects, OurPolicy, WeekReport
from game.sim.rng import keyed_stream

if TYPE_CHECKING:
    from game.engine.game import Game
    from game.scenario.models import Scenario


# ----------------------------------------------------------------- the week


def service_quality(game: Game) -> tuple[float, float]:
    """Our service team's level this week (0..1) and the ticket load it faces."""
    econ = game.scenario.economics.service
    cust = game.market.customers_of_us()
    tickets = game.scenario.fulfilment.ticket_rate * cust
    capacity = game.scenario.company.service_capacity * risks.capacity_multiplier(game)
    coverage = 1.0 if tickets <= 0 else min(1.0, capacity / tickets)
    return min(1.0, econ.floor + econ.from_capacity * coverage + game.survey_bonus), tickets


def segment_service(game: Game, quality: float, out_of_stock: dict[str, bool]) -> list[float]:
    """The service level our small customers feel, per segment: the team's level, lifted by
    field contact where the effort plan covers the segment, cut while its product is out."""
    econ = game.scenario.economics
    out = []
    for i, seg in enumerate(game.scenario.market.segments):
        level = quality + econ.field.contact_lift * float(game.coverage[i])
        if out_of_stock.get(seg.product, False):
            level -= econ.service.stockout_drop
        out.append(min(1.0, max(0.0, level)))
    return out


def our_policy(game: Game, quality: float, out_of_stock: dict[str, bool] | None = None) -> OurPolicy:
    out_of_stock = out_of_stock or {}
    econ = game.scenario.economics
    prices, bonus, reach, fees = [], [], [], []
    channels = {c.id: c for c in game.scenario.company.channels}
    referral = accounts.referral_bonus(game)
    for i, seg in enumerate(game.scenario.market.segments):
        channel = channels[game.plan.channels.get(seg.id, game.scenario.company.channels[0].id)]
        price, _ = segment_terms(game.scenario, seg.id, game.plan.discounts.get(seg.id, 0.0), channel.id)
        prices.append(price)
        bonus.append(econ.field.relationship_gain * float(game.coverage[i]) + referral[i])
        reach.append(0.0 if out_of_stock.get(seg.product, False) else channel.reach)
        fees.append(channel.fee)
    return OurPolicy(prices=prices, relationship_bonus=bonus, reach=reach, channel_fee=fees,
                     service_quality=segment_service(game, quality, out_of_stock))


def best_case_bonus(scenario: Scenario, segment: str) -> float:
    """The most vendor-choice utility we can hold in ``segment`` beyond price and quality: all
    field effort there, every key account of the segment delighted, and the larger of a fully
    satisfied customer's loyalty and a fully satisfied base's referral (lint's share bound)."""
    econ, logit = scenario.economics, scenario.market.logit
    head = 1.0 - econ.retention.reference
    accounts_here = sum(1 for ka in scenario.key_accounts if ka.segment == segment)
    return (econ.field.relationship_gain + econ.retention.account_referral * head * accounts_here
            + max(logit.relationship + econ.retention.loyalty * head, econ.retention.referral * head))


def update_coverage(game: Game) -> None:
    """Field coverage moves a step toward the effort plan's share ** response (and fades
    without a plan, or without anyone to work it)."""
    field = game.scenario.economics.field
    rate = min(1.0, 1.0 / field.coverage_weeks)
    for i, seg in enumerate(game.scenario.market.segments):
        share = float(game.plan.effort_shares.get(seg.id, 0.0)) if game.field_force else 0.0
        plan = share ** field.response
        game.coverage[i] += rate * (plan - game.coverage[i])


def book_week(game: Game, books: Books, report: WeekReport, served: dict[str, float]) -> None:
    """Book a week of small-customer sales; ``served``: per product, the share of the demand
    for us that stock could serve (the rest is lost)."""
    for seg_id, seg in report.segments.items():
        product = game.scenario.product(game.scenario.segment(seg_id).product)
        share = served.get(product.id, 1.0)
        units = seg.our_units * share
        revenue = seg.our_revenue * share
        books.revenue += revenue
        books.list_value += units * product.list_price
        books.cogs += seg.our_cogs * share
        books.fees += seg.channel_fees * share
        books.our_units += units
        books.market_units += seg.market_units - seg.our_units + units
        books.segment_revenue[seg_id] = books.segment_revenue.get(seg_id, 0.0) + revenue
        books.product_revenue[product.id] = books.product_revenue.get(product.id, 0.0) + revenue
        books.product_units[product.id] = books.product_units.get(product.id, 0.0) + units
    books.weeks += 1


def warm_up(game: Game) -> Books:
    """The quarter before the trainee takes over, run with the inherited plan (an even field
    effort, list prices): the history the first forecast can be made from (CW-21). The market
    first runs ``economics.settle_quarters`` quarters more under that plan, so that the history
    shows a market settled from the scenario's starting shares, not one still moving."""
    field = game.scenario.economics.field
    game.coverage[:] = (1.0 / len(game.scenario.market.segments)) ** field.response
    for _ in range(game.scenario.economics.settle_quarters + 1):  # the last one is the history
        books = Books()
        for _ in range(game.scenario.weeks_per_round):
            quality, _ = service_quality(game)
            report = game.market.step_week(our_policy(game, quality), MarketEffects())
            book_week(game, books, report, {})
    return books


def _sell_from_stock(game: Game, report: WeekReport) -> dict[str, float]:
    """Take the week's small-customer sales from stock, product by product."""
    demand: dict[str, float] = {}
    value: dict[str, float] = {}
    for seg_id, seg in report.segments.items():
        product = game.scenario.segment(seg_id).product
        demand[product] = demand.get(product, 0.0) + seg.our_units
        value[product] = value.get(product, 0.0) + seg.our_revenue
    served = {}
    for product, units in demand.items():
        price = value[product] / units if units > 0 else 0.0
        served[product] = supply.sell(game, product, units, price)
        game.recent_units.setdefault(product, []).append(units)  # demand, served or not
        del game.recent_units[product][:-game.scenario.economics.stock.rush_weeks_of_sales]
    return served


def _step_week(game: Game) -> bool:
    """Simulate one week; True if something now needs the trainee's attention."""
    attention = risks.week_start(game)
    dilemmas.strike_due(game)
    out_of_stock = supply.week_start(game)
    quality, tickets = service_quality(game)
    report = game.market.step_week(our_policy(game, quality, out_of_stock),
                                   risks.market_effects(game))
    books = game.books[game.round]
    revenue_before = books.revenue
    attention |= accounts.week(game, quality)
    served = _sell_from_stock(game, report)
    book_week(game, books, report, served)
    books.market_units += accounts.rival_units_this_week(game)
    supply.week_end(game)
    update_coverage(game)
    game.week += 1
    game.state_hashes.append(game.market.state_hash())
    game.emit(
        "week_simulated",
        revenue=round(report.revenue, 2),
        booked_revenue=round(books.revenue - revenue_before, 2),  # the market's and key accounts'
        our_units=round(report.our_units, 2),
        market_share=round(report.market_share, 5),
        customers=report.customers,
        satisfaction=round(report.satisfaction or 0.0, 4),
        demand=round(report.demand, 4),
        service_quality=round(quality, 4),
        tickets=round(tickets, 2),
        out_of_stock=sorted(p for p, out in out_of_stock.items() if out),
        state_hash=game.state_hashes[-1][:16],
    )
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
    game.books[game.round].cost("expedite", cost)
    inc.status = "expedited"
    if inc.cause == "stock_out":
        _rush_backlog(game, inc.account)
    game.emit("incident_expedited", account=inc.account, incident=inc.id, cost=cost,
              response_weeks=game.week - inc.week)


def _rush_backlog(game: Game, account: str) -> None:
    """Expediting a stock-out: the backlog is bought in at the rush premium and delivered."""
    state = game.accounts[account]
    contract = state.contract
    if contract is None or state.status != "won":
        return
    backlog = contract.due_by(game.week - 1) - contract.delivered_units
    if backlog <= 0:
        return
    premium = game.scenario.economics.stock.emergency_premium
    game.books[game.round].cost("emergency", backlog * game.stock.unit_costs[contract.product] * premium)
    accounts.book_delivery(game, state, contract, backlog)


def inform_customer(game: Game, a: InformCustomer) -> None:
    inc = _incident(game, a.incident)
    econ = game.scenario.economics
    game.spend_effort(econ.effort.inform, "Informing the customer")
    inc.status = "informed"
    state = game.accounts[inc.account]
    state.satisfaction = max(0.0, state.satisfaction - econ.accounts.inform_satisfaction)
    state.trust = min(1.0, state.trust + econ.accounts.inform_trust)
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
    game.spend_effort(game.scenario.economics.effort.resolve, "Resolving a complaint")
    weeks = game.week - comp.week
    comp.status = "resolved"
    comp.resolved_week = game.week
    state = game.accounts[comp.account]
    gain = accounts.recovery_gain(game, weeks)
    state.satisfaction = min(1.0, state.satisfaction + gain)
    game.emit("complaint_resolved", account=comp.account, complaint=comp.id, response_weeks=weeks,
              cause=comp.cause, recovery=round(gain, 4))


def _won(game: Game, account: str):
    account_spec(game, account)
    state = game.accounts[account]
    if state.status != "won":
        raise Rejected("not_a_customer", f"'{account}' is not your customer")
    return state


def visit(game: Game, a: Visit) -> None:
    state = _won(game, a.account)
    econ = game.scenario.economics
    game.spend_effort(econ.effort.visit, "A visit")
    gain = econ.accounts.visit_gain / (1 + state.visits_this_round)
    state.visits_this_round += 1
    state.satisfaction = min(1.0, state.satisfaction + gain)
    state.trust = min(1.0, state.trust + econ.accounts.visit_trust)
    game.emit("account_visited", account=a.account, satisfaction=round(state.satisfaction, 3))


def satisfaction_survey(game: Game, a: SatisfactionSurvey) -> None:
    seg = segment_index(game, a.segment)
    econ = game.scenario.economics
    game.spend_effort(econ.effort.survey, "A satisfaction survey")
    pop = game.market.population
    mask = (pop.segment == seg) & (pop.vendor == 0)
    idx = np.flatnonzero(mask)
    rng = research_rng(game, "satisfaction_survey", a.segment)
    size = min(econ.service.survey_sample, len(idx))
    take = rng.choice(idx, size=size, replace=False) if len(idx) else idx
    sat = pop.satisfaction[take].astype(float)
    mean = float(sat.mean()) if len(sat) else None
    sd = float(sat.std(ddof=1) / math.sqrt(len(sat))) if len(sat) > 1 else None
    accounts = {
        acc: round(st.satisfaction, 3)
        for acc, st in game.accounts.items()
        if st.status == "won" and account_spec(game, acc).segment == a.segment
    }
    game.survey_bonus = min(econ.service.survey_lift_max, game.survey_bonus + econ.service.survey_lift)
    game.knowledge_version += 1
    game.knowledge["surveys"][a.segment] = {"round": game.round, "mean": mean, "sd": sd, "n": len(sat),
                                            "accounts": accounts}
    game.emit("satisfaction_surveyed", segment=a.segment, mean=mean, sd=sd, n=len(sat),
              accounts=accounts)


def upsell(game: Game, a: Upsell) -> None:
    state = _won(game, a.account)
    if state.upsold:
        raise Rejected("already_upsold", f"you already made '{a.account}' an upsell offer")
    econ = game.scenario.economics
    contract = state.contract
    if contract is None or contract.delivered_units >= contract.units:
        raise Rejected("nothing_to_upsell", f"'{a.account}' has no contract still delivering")
    game.spend_effort(econ.effort.upsell, "An upsell offer")
    state.upsold = True
    draw = float(keyed_stream(game.seed, "upsell", a.account).random())  # once per account
    if draw < state.satisfaction ** econ.accounts.upsell_exponent:
        extra = int(round(econ.accounts.upsell_share * contract.units))
        # the extra units join the deliveries still due, spread over the contract's weeks left
        end = max(contract.end_week, min(game.total_weeks, game.week + econ.accounts.upsell_weeks))
        contract.reschedule(game.week, contract.units + extra, end)
        game.emit("upsell_won", account=a.account, units=extra)
    else:
        state.satisfaction = max(0.0, state.satisfaction - econ.accounts.upsell_refusal)
        game.emit("upsell_declined", account=a.account)
