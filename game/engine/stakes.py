"""What ending the current phase gives up, read from the trainee view with the engine's own rules
(the window warns with it before the trainee confirms): agreed deals left unsigned lapse to a
rival; an opportunity in its last open round that nobody pursued goes to a rival; talks still
open pause until the next round; and, before account service, effort days too few for it."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.phases import ROUND_PHASES, Phase
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
    service_days: float = 0.0  # days account service needs this round, when more than are left
    service_visits: int = 0  # visits in ``service_days``: one to each account signed or agreed

    @property
    def losses(self) -> bool:
        return bool(self.unsigned or self.unpursued)

    def __bool__(self) -> bool:
        return bool(self.unsigned or self.unpursued or self.paused or self.service_days)


def service_need(view: TraineeView) -> tuple[float, int]:
    """Effort days account service needs this round, and the visits among them: a visit to each
    key account signed or agreed, and one satisfaction survey (the days are the scenario's)."""
    effort = view.brief.economics.effort
    visits = sum(1 for a in view.accounts if a.status in ("won", "agreed"))
    return visits * effort.visit + effort.survey, visits


def service_shortfall(view: TraineeView) -> tuple[float, int]:
    """``service_need`` when ending the phase now leaves account service fewer days than it
    needs (only in the phases before it), else ``(0.0, 0)``."""
    phase = Phase(view.phase)
    if phase not in ROUND_PHASES or ROUND_PHASES.index(phase) >= ROUND_PHASES.index(Phase.MAINTENANCE):
        return 0.0, 0
    need, visits = service_need(view)
    return (need, visits) if view.effort_left + 1e-9 < need else (0.0, 0)


def at_stake(view: TraineeView) -> Stakes:
    """What ending ``view``'s phase now would give up or leave short."""
    phase = Phase(view.phase)
    days, visits = service_shortfall(view)
    if phase == Phase.CONTRACT:
        return Stakes(unsigned=tuple(a.id for a in view.accounts if a.status == "agreed"),
                      service_days=days, service_visits=visits)
    if phase != Phase.NEGOTIATION:
        return Stakes(service_days=days, service_visits=visits)
    open_rounds = view.brief.economics.opportunities.open_rounds
    unpursued = tuple(
        a.id for a in view.accounts
        if a.status == "prospect" and a.opportunity_round <= view.round
        and opportunity_expires(a.opportunity_round, open_rounds, view.round)
    )
    paused = tuple(a.id for a in view.accounts
                   if a.negotiation is not None and a.negotiation.status == "open")
    return Stakes(unpursued=unpursued, paused=paused, service_days=days, service_visits=visits)
