"""The alternating-offers protocol: what every negotiator implements, and a runner for any two."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal, Protocol

from game.negotiation.space import Offer, OutcomeSpace

Response = Literal["accept", "reject", "end"]


@dataclass(frozen=True)
class Move:
    """One offer in the history: who made it (``"trainee"``, ``"customer"``, ``"a"``...), what."""

    who: str
    offer: Offer


@dataclass(frozen=True)
class NegotiationState:
    """What a negotiator sees when it must move: the round, the deadline, every offer so far.

    ``me`` names the side the state is shown to, so a negotiator can tell its own offers from the
    other side's.
    """

    round: int
    deadline: int
    history: tuple[Move, ...] = ()
    me: str = "customer"

    def received(self) -> list[Offer]:
        """The other side's offers, oldest first."""
        return [m.offer for m in self.history if m.who != self.me]

    def own(self) -> list[Offer]:
        """My own offers, oldest first."""
        return [m.offer for m in self.history if m.who == self.me]

    def with_move(self, who: str, offer: Offer) -> NegotiationState:
        return replace(self, history=(*self.history, Move(who, offer)))


class Negotiator(Protocol):
    """Anything that can take part in alternating offers."""

    def propose(self, state: NegotiationState) -> Offer:
        """A full offer (never None)."""
        ...

    def respond(self, state: NegotiationState, offer: Offer) -> Response:
        """Answer the other side's ``offer``; ``state.history`` does not contain it yet.

        Called exactly once per offer received (a negotiator may update its mood in it).
        """
        ...


@dataclass(frozen=True)
class BilateralResult:
    """How a run between two negotiators ended."""

    agreement: Offer | None
    ended_by: Literal["accepted", "ended", "max_rounds"]
    rounds: int
    history: tuple[Move, ...]
    last_mover: str | None = None  # who made the accepted offer or received the "end"


def run_bilateral(
    a: Negotiator, b: Negotiator, space: OutcomeSpace, max_rounds: int
) -> BilateralResult:
    """Alternate offers, ``a`` first, for at most ``max_rounds`` rounds (one offer each a round).

    Each side sees the state with ``me`` set to ``"a"`` or ``"b"``. Offers are validated against
    ``space`` (IllegalMove if a negotiator proposes something off the table).
    """
    history: list[Move] = []
    sides = ((a, b, "a", "b"), (b, a, "b", "a"))
    for rnd in range(1, max_rounds + 1):
        for proposer, responder, p_name, r_name in sides:
            offer = space.canonical(
                proposer.propose(NegotiationState(rnd, max_rounds, tuple(history), p_name))
            )
            answer = responder.respond(
                NegotiationState(rnd, max_rounds, tuple(history), r_name), offer
            )
            history.append(Move(p_name, offer))
            if answer == "accept":
                return BilateralResult(offer, "accepted", rnd, tuple(history), p_name)
            if answer == "end":
                return BilateralResult(None, "ended", rnd, tuple(history), p_name)
    return BilateralResult(None, "max_rounds", max_rounds, tuple(history))
