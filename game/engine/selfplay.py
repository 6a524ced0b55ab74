"""One negotiation outside a game: a negotiating policy against the customer negotiator.

The policy sees what a rep sees in a game — the ``NegotiationView`` the trainee view carries —
and answers with the engine's negotiation actions; the session plays them as ``dealing`` does
in a game (without the effort a game charges). For tests and benchmarks of the policies and of
the customer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from game.engine.actions import (
    AcceptOffer,
    Action,
    AskQuestion,
    MakeOffer,
    ProposeTrade,
    RequestAuthority,
    WalkAway,
)
from game.engine.view import negotiation_view as view_of_negotiation
from game.engine.view_models import NegotiationView
from game.negotiation.session import Event, NegotiationSession
from game.negotiation.space import OutcomeSpace
from game.scenario.models import Scenario


class Policy(Protocol):
    def next_move(self, nv: NegotiationView, rng: np.random.Generator) -> Action: ...


@dataclass
class _Table:
    """What the trainee view reads from a game to show one negotiation: the scenario, the
    outcome space and a cache of figures that never change."""

    scenario: Scenario
    outcome_space: OutcomeSpace
    cache: dict[str, Any] = field(default_factory=dict)


_TABLES: dict[int, tuple[NegotiationSession, _Table]] = {}


def negotiation_view(session: NegotiationSession) -> NegotiationView:
    """The rep's view of ``session``, exactly as the trainee view shows it in a game."""
    hit = _TABLES.get(id(session))
    if hit is None or hit[0] is not session:
        if len(_TABLES) > 64:
            _TABLES.clear()
        hit = (session, _Table(session.scenario, session.space))
        _TABLES[id(session)] = hit
    return view_of_negotiation(hit[1], session)  # type: ignore[arg-type]


def apply_move(session: NegotiationSession, move: Action) -> list[Event]:
    """Play one negotiation action on the session (IllegalMove if the rules do not allow it)."""
    if isinstance(move, MakeOffer):
        return session.offer(dict(move.offer))
    if isinstance(move, AskQuestion):
        return session.ask(move.topic)
    if isinstance(move, ProposeTrade):
        return session.propose_trade(dict(move.give), dict(move.want))
    if isinstance(move, RequestAuthority):
        return session.request_authority(move.discount)
    if isinstance(move, AcceptOffer):
        return session.accept()
    if isinstance(move, WalkAway):
        return session.walk_away()
    raise ValueError(f"'{move.type}' is not a negotiation move")


def play_out(
    session: NegotiationSession,
    policy: Policy,
    rng: np.random.Generator,
    max_moves: int = 60,
) -> list[Event]:
    """Let ``policy`` play ``session`` to its end; walks away if it is still open after
    ``max_moves`` moves. Returns every event description, in order."""
    events: list[Event] = []
    for _ in range(max_moves):
        if session.status != "open":
            return events
        events += apply_move(session, policy.next_move(negotiation_view(session), rng))
    if session.status == "open":
        events += session.walk_away()
    return events
