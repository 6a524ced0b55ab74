"""Key accounts after the deal (CW-40..43, CW-50): deliveries, incidents, complaints,
satisfaction, payments and defaults, renewals, and the business rivals win when we do not."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from game.engine import risks, supply
from game.engine.research import account_spec
from game.engine.state import AccountState, Complaint, Contract, Incident, RivalContract
from game.negotiation.utility import per_unit_cost
from game.sim.credit import weekly_default_probability

if TYPE_CHECKING:
    from game.engine.game import Game


# ----------------------------------------------------------------- promises and satisfaction


def promised_satisfaction(game: Game, contract: Contract) -> float:
    """The satisfaction the service level sold promises."""
    econ = game.scenario.economics.accounts
    level = contract.terms.get("service")
    key = level if isinstance(level, str) else (None if level is None else f"{level:g}")
    return econ.service_levels.get(key, econ.default_service) if key else econ.default_service


def satisfaction_target(game: Game, contract: Contract, quality: float) -> float:
    """What the account's satisfaction drifts to: the level promised, moved toward the service
    our team gives by ``delivered_weight`` (a promise not kept costs, more service pleases)."""
    econ = game.scenario.economics.accounts
    promised = promised_satisfaction(game, contract)
    return promised + econ.delivered_weight * (quality - promised)


def calloff_share(game: Game, satisfaction: float) -> float:
    """Share of the units due that a key account still orders from us: all of them at the
    reference satisfaction or above, none at the call-off floor or below."""
    econ = game.scenario.economics
    floor, ref = econ.accounts.calloff_floor, econ.retention.reference
    if ref <= floor:
        return 1.0 if satisfaction >= ref else 0.0
    return min(1.0, max(0.0, (satisfaction - floor) / (ref - floor)))


def renewal_probability(game: Game, satisfaction: float) -> float:
    econ = game.scenario.economics.accounts
    return 1.0 / (1.0 + math.exp(-econ.renewal_steepness * (satisfaction - econ.renewal_midpoint)))


def complaint_probability(game: Game, satisfaction: float) -> float:
    econ = game.scenario.economics.accounts
    base = game.scenario.fulfilment.complaint_rate
    return min(1.0, base * (1.0 + econ.complaint_sensitivity
                            * max(0.0, econ.complaint_threshold - satisfaction)))


def recovery_gain(game: Game, weeks: int) -> float:
    """Satisfaction a resolved complaint adds after ``weeks`` of waiting."""
    econ = game.scenario.economics.accounts
    return econ.recovery * 0.5 ** (weeks / econ.recovery_half_life_weeks)


# ----------------------------------------------------------------- rivals


def lose_to_rival(game: Game, account: str, reason: str) -> None:
    """The account buys from the rival with the best bid: that business counts in the market."""
    state = game.accounts[account]
    state.status = "lost"
    from game.engine.dealing import best_bid

    found = best_bid(game, account)
    if found is None:
        game.emit("rival_won", account=account, competitor=None, reason=reason, units=0)
        return
    competitor, bid = found
    ka = account_spec(game, account)
    units = float(bid.get("volume", 1.0)) * ka.volume
    weeks = contract_weeks(game)
    state.lost_to = competitor
    game.rival_contracts.append(
        RivalContract(account, competitor, units / weeks, game.week + weeks)
    )
    game.emit("rival_won", account=account, competitor=competitor, reason=reason,
              units=round(units), terms=bid)


def contract_weeks(game: Game, start: int | None = None) -> int:
    """Weeks a contract starting at week ``start`` (default: now) delivers over: its length in
    rounds, cut at the game's end."""
    start = game.week if start is None else start
    length = game.scenario.economics.accounts.contract_rounds * game.scenario.weeks_per_round
    return max(1, min(game.total_weeks - start, length))


def draft_contract(game: Game, account: str, terms: dict) -> Contract:
    """The contract a deal with ``account`` on ``terms`` (an agreement) makes: its unit price,
    units and the scenario's late penalty; not yet in force."""
    ka = account_spec(game, account)
    unit_price = game.scenario.product(ka.product).list_price * (1.0 - float(terms.get("price", 0.0)))
    return Contract(account=account, terms=terms, unit_price=unit_price,
                    units=int(round(float(terms.get("volume", 1.0)) * ka.volume)),
                    product=ka.product, late_penalty=game.scenario.fulfilment.late_penalty)


def begin_deliveries(game: Game, state: AccountState, contract: Contract) -> None:
    """A contract comes into force now: the account is ours, its units due in equal weekly lots
    over ``contract_weeks``."""
    span = contract_weeks(game)
    contract.signed_week = game.week
    contract.schedule_week = game.week
    contract.weekly_units = contract.units / span
    contract.end_week = game.week + span
    state.contract = contract
    state.status = "won"
    state.served = True
    state.last_price = contract.unit_price


def inherit(game: Game) -> None:
    """The key accounts the rep takes over (``inherited`` in the scenario): ours from the first
    week, under the terms the previous rep agreed."""
    for ka in game.scenario.key_accounts:
        if ka.inherited is None:
            continue
        contract = draft_contract(game, ka.id, dict(ka.inherited))
        begin_deliveries(game, game.accounts[ka.id], contract)
        game.emit("account_inherited", account=ka.id, terms=contract.terms, units=contract.units,
                  unit_price=round(contract.unit_price, 2),
                  delivery_weeks=contract.end_week - game.week)


def rival_units_this_week(game: Game) -> float:
    return sum(r.weekly_units for r in game.rival_contracts if game.week < r.end_week)


# ----------------------------------------------------------------- the week


def week(game: Game, quality: float) -> bool:
    """One week of every won key account; True if something needs the trainee's attention."""
    attention = False
    u_credit = game.rng_credit.random(len(game.scenario.key_accounts))
    for i, ka in enumerate(game.scenario.key_accounts):
        state = game.accounts[ka.id]
        contract = state.contract
        if state.status != "won" or contract is None or contract.defaulted:
            continue
        attention |= _turn_late(game, state, contract)
        attention |= _deliver(game, state, contract)
        _payments(game, state, contract, float(u_credit[i]))
        if contract.defaulted:
            attention = True
            continue
        _satisfaction(game, state, contract, quality)
        attention |= _maybe_complain(game, state, contract, quality)
        if contract.delivered_units >= contract.units - 1e-9 and game.week + 1 >= contract.end_week:
            _contract_ends(game, state, contract)
    return attention


def _turn_late(game: Game, state: AccountState, contract: Contract) -> bool:
    """Incidents left open too long turn late: a broken delivery promise."""
    econ = game.scenario.economics.accounts
    books = game.books[game.round]
    turned = False
    for inc in game.incidents:
        if inc.account != state.id or inc.status != "open":
            continue
        if game.week - inc.week < econ.late_after_weeks:
            continue
        inc.status = "late"
        value = contract.weekly_units * contract.unit_price * econ.late_after_weeks
        penalty = contract.late_penalty * value
        books.cost("penalties", penalty)
        state.satisfaction = max(0.0, state.satisfaction - econ.late_satisfaction)
        state.trust = max(0.0, state.trust - econ.late_trust)
        state.last_late_week = game.week
        game.emit("delivery_late", account=state.id, incident=inc.id, cause=inc.cause,
                  penalty=round(penalty, 2))
        turned = True
    return turned


def _open_incident(game: Game, account: str, cause: str) -> Incident | None:
    if any(i.account == account and i.status == "open" for i in game.incidents):
        return None
    inc = Incident(id=len(game.incidents), account=account, week=game.week, cause=cause)
    game.incidents.append(inc)
    game.emit("delivery_incident", account=account, incident=inc.id, cause=cause)
    return inc


def _deliver(game: Game, state: AccountState, contract: Contract) -> bool:
    """Deliver what is due (catching up on any backlog) from stock, and book it. A dissatisfied
    account calls off only part of it and buys the rest from a rival."""
    attention = False
    due = contract.due_by(game.week) - contract.delivered_units
    if due <= 1e-9:
        return False
    share = calloff_share(game, state.satisfaction)
    elsewhere = due * (1.0 - share)
    if elsewhere > 1e-9:
        contract.delivered_units += elsewhere
        contract.bought_elsewhere += elsewhere
        books = game.books[game.round]
        books.market_units += elsewhere
        books.lost_sales += elsewhere * contract.unit_price
        if not state.buying_elsewhere:
            game.emit("orders_reduced", account=state.id, share=round(share, 3),
                      satisfaction=round(state.satisfaction, 3))
        attention |= not state.buying_elsewhere
    state.buying_elsewhere = elsewhere > 1e-9
    due -= elsewhere
    if due <= 1e-9:
        return attention
    units = supply.deliver(game, contract.product, due)
    if units < due - 1e-9:
        attention |= _open_incident(game, state.id, "stock_out") is not None
    if units > 0:
        book_delivery(game, state, contract, units)
        f = game.scenario.fulfilment
        if game.rng_operations.random() < f.incident_rate + risks.incident_extra(game):
            attention |= _open_incident(game, state.id, "logistics") is not None
    return attention


def book_delivery(game: Game, state: AccountState, contract: Contract, units: float) -> None:
    """Revenue, goods, the cost of the terms sold, units and the receivable of a delivery."""
    books = game.books[game.round]
    product = game.scenario.product(contract.product)
    contract.delivered_units += units
    value = units * contract.unit_price
    books.revenue += value
    books.key_account_revenue += value
    books.list_value += units * product.list_price
    books.cogs += units * product.unit_cost
    books.cost("terms", units * per_unit_cost(game.outcome_space, game.scenario, contract.terms,
                                              product.list_price))
    books.our_units += units
    books.market_units += units
    due = game.week + math.ceil(float(contract.terms.get("payment_days", 0)) / 7.0)
    contract.unpaid.append((due, value * (1.0 - contract.advance_payment)))


def _payments(game: Game, state: AccountState, contract: Contract, u: float) -> None:
    """Receivables cost money until paid; a customer may default on what it owes."""
    econ = game.scenario.economics.credit
    books = game.books[game.round]
    owed = contract.receivable
    books.cost("financing", owed * game.scenario.company.credit_rate / 52.0)
    rating = account_spec(game, state.id).credit_rating
    hazard = weekly_default_probability(econ.default_probability[rating])
    books.expected_credit_loss += owed * hazard * (1.0 - econ.recovery)
    if owed > 0 and u < hazard:
        loss = owed * (1.0 - econ.recovery)
        books.cost("bad_debt", loss)
        contract.written_off += loss
        contract.unpaid = []
        contract.defaulted = True
        state.status = "lost"
        game.emit("customer_defaulted", account=state.id, receivable=round(owed, 2),
                  loss=round(loss, 2), recovered=round(owed - loss, 2),
                  undelivered=round(contract.units - contract.delivered_units))
        return
    contract.unpaid = [(due, amt) for due, amt in contract.unpaid if due > game.week]


def _satisfaction(game: Game, state: AccountState, contract: Contract, quality: float) -> None:
    econ = game.scenario.economics.accounts
    target = satisfaction_target(game, contract, quality)
    open_complaints = sum(1 for c in game.complaints if c.account == state.id and c.status == "open")
    state.satisfaction += econ.satisfaction_pull * (target - state.satisfaction)
    state.satisfaction -= econ.complaint_drain * open_complaints
    state.satisfaction = min(1.0, max(0.0, state.satisfaction))


def _complaint_cause(game: Game, state: AccountState, contract: Contract, quality: float) -> str:
    """What the complaint is about: a recent late delivery, service below what was sold, or the
    product itself."""
    econ = game.scenario.economics.accounts
    if state.last_late_week is not None and game.week - state.last_late_week <= econ.complaint_late_weeks:
        return "late_delivery"
    if quality < promised_satisfaction(game, contract) - econ.complaint_service_gap:
        return "service"
    return "product"


def _maybe_complain(game: Game, state: AccountState, contract: Contract, quality: float) -> bool:
    if game.rng_operations.random() >= complaint_probability(game, state.satisfaction):
        return False
    cause = _complaint_cause(game, state, contract, quality)
    comp = Complaint(id=len(game.complaints), account=state.id, week=game.week, cause=cause)
    game.complaints.append(comp)
    game.emit("complaint_received", account=state.id, complaint=comp.id, cause=cause)
    return True


def _contract_ends(game: Game, state: AccountState, contract: Contract) -> None:
    """Fully delivered: the account renews (more likely the more satisfied it is) or leaves."""
    weeks_left = game.total_weeks - (game.week + 1)
    if weeks_left <= 0:
        return
    p = renewal_probability(game, state.satisfaction)
    renewed = game.rng_operations.random() < p
    if not renewed:
        game.emit("contract_not_renewed", account=state.id, satisfaction=round(state.satisfaction, 3),
                  chance=round(p, 3))
        state.contract = None
        lose_to_rival(game, state.id, "not_renewed")
        return
    span = contract.end_week - (contract.signed_week or 0)
    weeks = contract_weeks(game, game.week + 1)
    units = int(round(contract.units / max(1, span) * weeks))
    state.contract = Contract(
        account=state.id, terms=contract.terms, unit_price=contract.unit_price, units=units,
        product=contract.product, advance_payment=contract.advance_payment,
        late_penalty=contract.late_penalty, signed_week=game.week + 1, schedule_week=game.week + 1,
        weekly_units=units / weeks, end_week=game.week + 1 + weeks,
        unpaid=contract.unpaid, renewals=contract.renewals + 1,
    )
    state.upsold = False
    game.emit("contract_renewed", account=state.id, units=units, weeks=weeks,
              satisfaction=round(state.satisfaction, 3), chance=round(p, 3))


def referral_bonus(game: Game) -> list[float]:
    """Per segment: what our won key accounts' satisfaction says about us to their peers."""
    econ = game.scenario.economics
    out = dict.fromkeys((s.id for s in game.scenario.market.segments), 0.0)
    for ka in game.scenario.key_accounts:
        state = game.accounts[ka.id]
        if state.status == "won":
            out[ka.segment] += econ.retention.account_referral * (
                state.satisfaction - econ.retention.reference)
    return list(out.values())
