"""Conduct dilemmas (CW-63): put to the rep at a phase's start, answered (or left to their default
when the phase ends), and their hidden consequences struck when they come due.

Whether a consequence happens is drawn, once, when the answer is given, from the dilemma's own
stream: a scenario without dilemmas draws nothing and its games replay exactly as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine.actions import ResolveDilemma
from game.engine.state import DilemmaState, Rejected
from game.scenario.dilemmas import Dilemma, DilemmaChoice
from game.sim.rng import stream

if TYPE_CHECKING:
    from game.engine.game import Game

CONDUCT_COST = "conduct"
"""The cost kind money from dilemmas is booked under (a fine, a fee paid, a refund)."""


def _spec(game: Game, dilemma: str) -> Dilemma:
    for d in game.scenario.dilemmas:
        if d.id == dilemma:
            return d
    raise Rejected("unknown_dilemma", f"there is no dilemma '{dilemma}'")


_WHEN = {"in_talks": ("negotiating",), "deal": ("agreed", "won")}


def _applies(game: Game, d: Dilemma) -> bool:
    if d.when == "always" or d.account is None:
        return True
    return game.accounts[d.account].status in _WHEN[d.when]


def raise_due(game: Game) -> None:
    """At a phase's start: put the dilemmas of this round and phase to the rep (those whose
    condition on their account holds)."""
    for d in game.scenario.dilemmas:
        if d.round == game.round and d.phase == str(game.phase) and d.id not in game.dilemmas \
                and _applies(game, d):
            game.dilemmas[d.id] = DilemmaState(id=d.id, raised_week=game.week)
            game.emit("dilemma_raised", dilemma=d.id, dilemma_kind=d.kind, **_who(d))


def resolve(game: Game, a: ResolveDilemma) -> None:
    spec = _spec(game, a.dilemma)
    state = game.dilemmas.get(spec.id)
    if state is None:
        raise Rejected("not_raised", f"'{spec.id}' has not come up yet")
    if state.status != "open":
        raise Rejected("already_answered", f"you already answered '{spec.id}'")
    ids = [c.id for c in spec.choices]
    if a.choice not in ids:
        raise Rejected("unknown_choice", f"choose one of: {', '.join(ids)}")
    choice = spec.choice(a.choice)
    game.spend_effort(choice.effort, "This answer")
    _take(game, spec, state, choice, answered=True)


def on_phase_end(game: Game) -> None:
    """Dilemmas of the ending phase left unanswered take their default (never scored as handled)."""
    for d in game.scenario.dilemmas:
        state = game.dilemmas.get(d.id)
        if state is not None and state.status == "open" and d.phase == str(game.phase):
            _take(game, d, state, d.choice(d.default), answered=False)


def _take(game: Game, spec: Dilemma, state: DilemmaState, choice: DilemmaChoice,
          answered: bool) -> None:
    if choice.money:
        game.spend_money(CONDUCT_COST, choice.money)
    if spec.account is not None and choice.trust:
        _add_trust(game, spec.account, choice.trust)
    rng = stream(game.seed, f"dilemma:{spec.id}")
    state.pending = [(game.week + later.after_weeks, k) for k, later in enumerate(choice.later)
                     if float(rng.uniform()) < later.chance]
    state.status = "answered" if answered else "unanswered"
    state.choice = choice.id
    game.emit("dilemma_resolved", dilemma=spec.id, dilemma_kind=spec.kind, **_who(spec),
              choice=choice.id, act=choice.act, label=choice.label.model_dump(),
              answered=answered, money=round(choice.money, 2), trust=choice.trust)
    strike_due(game)


def strike_due(game: Game) -> None:
    """Strike every drawn consequence whose week has come."""
    for d in game.scenario.dilemmas:
        state = game.dilemmas.get(d.id)
        if state is None or not state.pending or state.choice is None:
            continue
        later = d.choice(state.choice).later
        due = [(week, k) for week, k in state.pending if week <= game.week]
        state.pending = [p for p in state.pending if p not in due]
        for _, k in due:
            c = later[k]
            if c.money:
                game.spend_money(CONDUCT_COST, c.money)
            for acc in game.accounts.values():
                if c.trust:
                    _add_trust(game, acc.id, c.trust)
                if c.satisfaction and acc.status == "won":
                    acc.satisfaction = min(1.0, max(0.0, acc.satisfaction + c.satisfaction))
            game.emit("dilemma_consequence", dilemma=d.id, choice=state.choice, consequence=k,
                      says=c.says.model_dump(), money=round(c.money, 2), trust=c.trust,
                      satisfaction=c.satisfaction)


def _who(d: Dilemma) -> dict[str, str]:
    """The account a dilemma's events name (none when no account raised it)."""
    return {"account": d.account} if d.account is not None else {}


def _add_trust(game: Game, account: str, delta: float) -> None:
    state = game.accounts[account]
    state.trust = min(1.0, max(0.0, state.trust + delta))
    session = game.sessions.get(account)
    if session is not None and session.status == "open" and session.customer.trust is not None:
        session.customer.trust = min(1.0, max(0.0, session.customer.trust + delta))
