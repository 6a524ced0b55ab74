"""Negotiation (CW-30..32) and contract (CW-31, CW-50) phases: key-account deals."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from game.engine import accounts
from game.engine.actions import (
    AcceptOffer,
    AmendContract,
    AskQuestion,
    CreditCheck,
    DeclineContract,
    MakeOffer,
    PresentValue,
    ProposeTrade,
    Pursue,
    RequestAuthority,
    SignContract,
    WalkAway,
)
from game.engine.research import account_spec
from game.engine.stakes import opportunity_expires
from game.engine.state import Contract, Rejected
from game.negotiation.errors import IllegalMove
from game.negotiation.session import NegotiationSession
from game.negotiation.utility import customer_utilities
from game.sim.rng import keyed_stream, stream

if TYPE_CHECKING:
    from game.engine.game import Game


# ----------------------------------------------------------------- helpers


def best_bid(game: Game, account_id: str) -> tuple[str, dict[str, Any]] | None:
    """The competitor whose bid this account likes best, and that bid: its BATNA."""
    ka = account_spec(game, account_id)
    space = game.outcome_space
    utils = customer_utilities(space, ka)
    best, best_u = None, -math.inf
    for agent in game.market.competitors:
        bid = agent.bid(ka, list(game.scenario.negotiation.issues))
        u = float(utils[space.index_of(bid)])
        if u > best_u:
            best, best_u = (agent.id, bid), u
    return best


def best_alternative(game: Game, account_id: str) -> dict[str, Any] | None:
    """The competitor bid this account likes best: its BATNA."""
    found = best_bid(game, account_id)
    return None if found is None else found[1]


def _session(game: Game, account: str) -> NegotiationSession:
    account_spec(game, account)
    session = game.sessions.get(account)
    if session is None:
        raise Rejected("not_negotiating", f"you are not negotiating with '{account}'; pursue it first")
    if session.status != "open":
        raise Rejected("negotiation_over", f"the negotiation with '{account}' is over")
    return session


def _emit_all(game: Game, account: str, outcomes: list[dict[str, Any]]) -> None:
    for out in outcomes:
        payload = dict(out)
        kind = payload.pop("kind")
        game.emit(kind, account=account, **payload)
        if kind == "negotiation_ended":
            state = game.accounts[account]
            state.trust = float(game.sessions[account].trust)
            if payload.get("status") == "agreed":
                state.status = "agreed"
            else:
                accounts.lose_to_rival(game, account, "no_deal")


def _move(game: Game, account: str, call) -> None:
    session = _session(game, account)
    try:
        outcomes = call(session)
    except IllegalMove as exc:
        raise Rejected(exc.code, str(exc), exc.params) from exc
    _emit_all(game, account, outcomes)


# ----------------------------------------------------------------- negotiation


def on_negotiation_start(game: Game) -> None:
    """Competitors re-bid: open negotiations see the customer's alternative move."""
    for account, session in game.sessions.items():
        if session.status == "open":
            _emit_all(game, account, session.set_best_alternative(best_alternative(game, account)))


def on_negotiation_end(game: Game) -> None:
    """Talks still open pause; an opportunity nobody pursued in its last open round goes to the
    rival with the best bid (CW-15)."""
    for account, session in game.sessions.items():
        if session.status == "open":
            game.emit("negotiation_paused", account=account, round_of_talks=session.round)
    open_rounds = game.scenario.economics.opportunities.open_rounds
    for ka in game.scenario.key_accounts:
        if game.accounts[ka.id].status == "prospect" and \
                opportunity_expires(ka.opportunity_round, open_rounds, game.round):
            game.emit("opportunity_lost", account=ka.id, opened_round=ka.opportunity_round)
            accounts.lose_to_rival(game, ka.id, "not_pursued")


def close_all_sessions(game: Game) -> None:
    """At the end of the game an unfinished negotiation ends without a deal."""
    for account, session in game.sessions.items():
        if session.status == "open":
            _emit_all(game, account, session.walk_away())


def pursue(game: Game, a: Pursue) -> None:
    ka = account_spec(game, a.account)
    state = game.accounts[ka.id]
    if ka.id in game.sessions:
        raise Rejected("already_pursued", f"you are already dealing with '{ka.id}'")
    if ka.opportunity_round > game.round:
        raise Rejected(
            "not_yet", f"'{ka.id}' puts its deal on the table in round {ka.opportunity_round}"
        )
    if state.status != "prospect":
        raise Rejected("not_open", f"'{ka.id}' has no open opportunity")
    game.spend_effort(game.scenario.economics.effort.pursue, "Opening a negotiation")
    scenario = game.scenario
    if abs(state.trust - ka.trust) > 1e-12:
        accounts = [k.model_copy(update={"trust": state.trust}) if k.id == ka.id else k
                    for k in scenario.key_accounts]
        scenario = scenario.model_copy(update={"key_accounts": accounts})
    session = NegotiationSession(
        scenario, ka.id, stream(game.seed, f"negotiation:{ka.id}"), best_alternative(game, ka.id)
    )
    game.sessions[ka.id] = session
    state.status = "negotiating"
    game.emit(
        "negotiation_opened",
        account=ka.id,
        deadline=session.view().get("deadline"),
        authority=session.authority,
        rival=ka.current_vendor,
    )


def offer(game: Game, a: MakeOffer) -> None:
    _move(game, a.account, lambda s: s.offer(dict(a.offer)))


def ask(game: Game, a: AskQuestion) -> None:
    _move(game, a.account, lambda s: s.ask(a.topic))


def present_value(game: Game, a: PresentValue) -> None:
    _move(game, a.account, lambda s: s.present_value(a.aspect, a.answer_objection))


def trade(game: Game, a: ProposeTrade) -> None:
    _move(game, a.account, lambda s: s.propose_trade(dict(a.give), dict(a.want)))


def request_authority(game: Game, a: RequestAuthority) -> None:
    _session(game, a.account)
    game.spend_effort(game.scenario.economics.effort.authority, "Asking the manager")
    _move(game, a.account, lambda s: s.request_authority(a.discount))


def accept_offer(game: Game, a: AcceptOffer) -> None:
    _move(game, a.account, lambda s: s.accept())


def walk_away(game: Game, a: WalkAway) -> None:
    _move(game, a.account, lambda s: s.walk_away())


# ----------------------------------------------------------------- contract


def _pending(game: Game, account: str) -> Contract:
    account_spec(game, account)
    state = game.accounts[account]
    if state.status != "agreed" or state.contract is None:
        raise Rejected("no_contract", f"there is no contract waiting for signature with '{account}'")
    return state.contract


def on_contract_start(game: Game) -> None:
    """Every agreed deal becomes a draft contract with its clauses."""
    for account, state in game.accounts.items():
        if state.status != "agreed" or state.contract is not None:
            continue
        terms = dict(game.sessions[account].agreement or {})
        contract = state.contract = accounts.draft_contract(game, account, terms)
        value = round(contract.unit_price * contract.units, 2)
        game.emit(
            "contract_drafted",
            account=account,
            terms=terms,
            unit_price=round(contract.unit_price, 2),
            units=contract.units,
            value=value,
            payment_days=terms.get("payment_days", 0),
            late_penalty=contract.late_penalty,
            credit_exposure=value,
        )


def on_contract_end(game: Game) -> None:
    for account, state in game.accounts.items():
        if state.status == "agreed":
            state.trust = max(0.0, state.trust - game.scenario.economics.accounts.lapse_trust)
            game.emit("contract_lapsed", account=account)
            accounts.lose_to_rival(game, account, "lapsed")


def credit_check(game: Game, a: CreditCheck) -> None:
    ka = account_spec(game, a.account)
    state = game.accounts[ka.id]
    if state.credit_checked:
        raise Rejected("already_checked", f"you already ran a credit check on '{ka.id}'")
    game.spend_effort(game.scenario.economics.effort.credit_check, "A credit check")
    state.credit_checked = True
    game.emit(
        "credit_checked",
        account=ka.id,
        rating=ka.credit_rating,
        default_probability=game.scenario.economics.credit.default_probability[ka.credit_rating],
    )


def amend_contract(game: Game, a: AmendContract) -> None:
    contract = _pending(game, a.account)
    state = game.accounts[a.account]
    if a.clause in state.amendments_tried:
        raise Rejected("already_amended", f"you already proposed a {a.clause} clause to '{a.account}'")
    state.amendments_tried.add(a.clause)
    if a.clause == "late_penalty":
        contract.late_penalty = max(contract.late_penalty, a.value)
        state.trust = min(1.0, state.trust + game.scenario.economics.accounts.penalty_clause_trust)
        game.emit("amendment_accepted", account=a.account, clause=a.clause, value=a.value)
        return
    # Advance payment protects us from credit risk; the customer agrees if it trusts us enough.
    draw = float(keyed_stream(game.seed, "amendment", a.account, a.clause).random())  # one try a clause
    if draw < state.trust * (1.0 - a.value):
        contract.advance_payment = a.value
        game.emit("amendment_accepted", account=a.account, clause=a.clause, value=a.value)
    else:
        state.trust = max(0.0, state.trust - game.scenario.economics.accounts.advance_refused_trust)
        game.emit("amendment_refused", account=a.account, clause=a.clause, value=a.value)


def sign(game: Game, a: SignContract) -> None:
    contract = _pending(game, a.account)
    state = game.accounts[a.account]
    accounts.begin_deliveries(game, state, contract)
    state.satisfaction = max(state.satisfaction, game.scenario.economics.accounts.sign_satisfaction)
    game.emit(
        "contract_signed",
        account=a.account,
        terms=contract.terms,
        units=contract.units,
        unit_price=round(contract.unit_price, 2),
        advance_payment=contract.advance_payment,
        late_penalty=contract.late_penalty,
        credit_checked=state.credit_checked,
        credit_rating=account_spec(game, a.account).credit_rating,
        delivery_weeks=contract.end_week - game.week,
    )


def decline_contract(game: Game, a: DeclineContract) -> None:
    _pending(game, a.account)
    state = game.accounts[a.account]
    state.trust = max(0.0, state.trust - game.scenario.economics.accounts.decline_trust)
    game.emit("contract_declined", account=a.account,
              credit_rating=account_spec(game, a.account).credit_rating,
              credit_checked=state.credit_checked)
    accounts.lose_to_rival(game, a.account, "declined")
