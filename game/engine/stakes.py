"""What ending the current phase gives up, read from the trainee view with the engine's own rules
(the window warns with it before the trainee confirms): agreed deals left unsigned lapse to a
rival; an opportunity in its last open round that nobody pursued goes to a rival; talks still
open pause until the next round."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.phases import Phase
from game.engine.view_models import TraineeView


def opportunity_expires(opportunity_round: int, open_rounds: int, round_: int) -> bool:
    """Whether an opportunity nobody pursued is lost when round ``round_``'s negotiation ends."""
    return round_ >= opportunity_round + open_rounds - 1


@dataclass(frozen=True)
class Stakes:
    """Key accounts (ids) whose fate ending the phase now decides."""

    unsigned: tuple[str, ...] = ()  # agreed deals that lapse to a rival
    unpursued: tuple[str, ...] = ()  # opportunities lost to a rival
    paused: tuple[str, ...] = ()  # talks that wait for the next round

    @property
    def losses(self) -> bool:
        return bool(self.unsigned or self.unpursued)

    def __bool__(self) -> bool:
        return bool(self.unsigned or self.unpursued or self.paused)


def at_stake(view: TraineeView) -> Stakes:
    """What ending ``view``'s phase now would give up (nothing outside negotiation and contract)."""
    phase = Phase(view.phase)
    if phase == Phase.CONTRACT:
        return Stakes(unsigned=tuple(a.id for a in view.accounts if a.status == "agreed"))
    if phase != Phase.NEGOTIATION:
        return Stakes()
    open_rounds = view.brief.economics.opportunities.open_rounds
    unpursued = tuple(
        a.id for a in view.accounts
        if a.status == "prospect" and a.opportunity_round <= view.round
        and opportunity_expires(a.opportunity_round, open_rounds, view.round)
    )
    paused = tuple(a.id for a in view.accounts
                   if a.negotiation is not None and a.negotiation.status == "open")
    return Stakes(unpursued=unpursued, paused=paused)
