"""What the scripted reps (the heuristic bot and the graded tiers) share: one handler per phase
reading the trainee view, their own memory of what they did, and the common ways to pursue and
negotiate deals, handle contracts, incidents, complaints and risks.

A rep sees only the ``TraineeView`` it is handed. What a person would remember — what it has
already done this round, the order it opened its negotiations in, the week it signed a
contract — it keeps itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, Protocol

import numpy as np

from game.bots.reading import Move
from game.engine.actions import (
    Action,
    AmendContract,
    CreditCheck,
    DeclineContract,
    EndPhase,
    Expedite,
    InformCustomer,
    Pursue,
    RequestAuthority,
    ResolveComplaint,
    ResolveDilemma,
    RespondToRisk,
    RunWeeks,
    SignContract,
    WalkAway,
)
from game.engine.view_models import (
    AccountView,
    DilemmaView,
    IncidentView,
    NegotiationView,
    RiskView,
    TraineeView,
)
from game.scenario.economics import WEAK_RATINGS

ADVANCE = 0.3  # the advance payment a careful rep asks of a weakly rated customer
EXPEDITE_WORTH = 20  # an incident on a contract worth this many expedites is expedited


Manner = Literal["never", "gain", "refuse", "straight"]
"""How a rep answers conduct dilemmas: never (leaves them to their default), gain (takes what the
request visibly offers), refuse (turns the request down) or straight (turns it down the way the
courseware teaches: reports a bribe or a leak, offers an honest alternative to a promise or a
date it cannot keep)."""

_STRAIGHT: dict[str, tuple[str, ...]] = {
    "kickback": ("report", "refuse", "counter"),
    "leaked_price_list": ("report", "refuse", "counter"),
    "overpromise": ("counter", "refuse", "report"),
    "backdate": ("counter", "refuse", "report"),
}


def dilemma_answer(d: DilemmaView, manner: Manner, effort_left: float) -> str | None:
    """The choice a rep of ``manner`` gives to ``d``, from its words' act alone (None: no answer)."""
    if manner == "never":
        return None
    order = {"gain": ("comply",), "refuse": ("refuse", "report", "counter")}.get(
        manner, _STRAIGHT.get(d.kind, ("refuse", "report", "counter")))
    affordable = [c for c in d.choices if c.effort <= effort_left + 1e-9]
    for act in order:
        for c in affordable:
            if c.act == act:
                return c.id
    return None


class Negotiator(Protocol):
    def next_move(self, nv: NegotiationView, rng: np.random.Generator) -> Move | None:
        """The next move in these talks; None: nothing to say in them now."""
        ...


@dataclass(frozen=True)
class Conduct:
    """How a rep handles contracts, deliveries, complaints and risks."""

    credit_check: bool
    protect_weak: bool  # declines CCC, asks weak ratings for an advance payment
    incidents: Literal["never", "now"]
    complaints: Literal["never", "now"]
    risks: Literal["never", "struck", "warned"]
    expedite_big: bool  # expedites incidents on contracts worth EXPEDITE_WORTH expedites or more
    check_weeks: int = 1  # in fulfilment, looks at incidents and complaints every this many weeks
    dilemmas: Manner = "never"


class Rep:
    """A scripted rep: ``_<phase>(view)`` methods choose the action; None ends the phase."""

    def __init__(self, name: str, rng: np.random.Generator, negotiator: Negotiator,
                 conduct: Conduct) -> None:
        self.name = name
        self.rng = rng
        self.negotiator = negotiator
        self.conduct = conduct
        self._done: set[tuple[Any, ...]] = set()
        self._memo: dict[tuple[Any, ...], Any] = {}
        self._pursued: list[str] = []  # accounts in the order it opened talks with them
        self._signed: dict[str, int] = {}  # account -> the week it signed the contract
        self.spans: dict[str, int] = {}  # account -> weeks its contract delivers over

    def _once(self, key: tuple[Any, ...], action: Action | Callable[[], Action]) -> Action | None:
        """``action`` the first time ``key`` comes up, else None (a callable is only built then)."""
        if key in self._done:
            return None
        self._done.add(key)
        return action() if callable(action) else action

    def next_action(self, view: TraineeView) -> Action:
        self._remember(view)
        for d in view.dilemmas:
            if d.status == "open":
                choice = dilemma_answer(d, self.conduct.dilemmas, view.effort_left)
                if choice is not None:
                    return ResolveDilemma(dilemma=d.id, choice=choice)
        handler: Callable[[TraineeView], Action | None] | None = getattr(
            self, f"_{view.phase}", None)
        action = handler(view) if handler else None
        return action if action is not None else EndPhase()

    def _remember(self, view: TraineeView) -> None:
        """How long each contract it signed delivers: its end week less the week it signed."""
        for acc in view.accounts:
            if (acc.status == "won" and acc.contract is not None and acc.id in self._signed
                    and acc.id not in self.spans):
                self.spans[acc.id] = max(1, acc.contract.end_week - self._signed[acc.id])

    # ------------------------------------------------------------------ negotiation

    def open_talks(self, view: TraineeView) -> list[NegotiationView]:
        """Open negotiations, in the order the rep opened them."""
        talks = view.negotiations()
        order = [a for a in self._pursued if a in talks] + [a for a in talks if a not in self._pursued]
        return [talks[a] for a in order if talks[a].status == "open"]

    def _negotiation(self, view: TraineeView) -> Action | None:
        """Open talks with every opportunity while effort lasts, then move in the first open
        negotiation with something to say; with no effort left to ask the manager it walks away
        instead."""
        effort = view.brief.economics.effort
        for account in view.opportunities:
            if view.effort_left >= effort.pursue:
                if account not in self._pursued:
                    self._pursued.append(account)
                return Pursue(account=account)
        for nv in self.open_talks(view):
            move = self.negotiator.next_move(nv, self.rng)
            if move is None:
                continue
            if isinstance(move, RequestAuthority) and view.effort_left < effort.authority:
                return WalkAway(account=nv.account)
            return move
        return None

    # ------------------------------------------------------------------ contract

    def _contract(self, view: TraineeView) -> Action | None:
        conduct = self.conduct
        for acc in view.accounts:
            if acc.status != "agreed":
                continue
            if (conduct.credit_check and not acc.credit_checked
                    and view.effort_left >= view.brief.economics.effort.credit_check):
                return CreditCheck(account=acc.id)
            rating = acc.credit_rating
            if conduct.protect_weak and rating == "CCC":
                return DeclineContract(account=acc.id)
            if conduct.protect_weak and rating in WEAK_RATINGS:  # an advance payment first
                act = self._once(
                    (acc.id, "advance"),
                    AmendContract(account=acc.id, clause="advance_payment", value=ADVANCE),
                )
                if act:
                    return act
            return self.sign(view, acc)
        return None

    def sign(self, view: TraineeView, acc: AccountView) -> SignContract:
        self._signed[acc.id] = view.week
        return SignContract(account=acc.id)

    # ------------------------------------------------------------------ operations

    def incident_action(self, view: TraineeView, inc: IncidentView) -> Action:
        contract = view.account(inc.account).contract
        value = 0.0 if contract is None else contract.unit_price * contract.units
        if self.conduct.expedite_big and value > EXPEDITE_WORTH * view.brief.fulfilment.expedite_cost:
            return Expedite(incident=inc.id)
        if view.effort_left >= view.brief.economics.effort.inform:
            return InformCustomer(incident=inc.id)
        return Expedite(incident=inc.id)

    @staticmethod
    def risk_choice(view: TraineeView, risk: RiskView) -> str | None:
        """The response that mitigates most for its cost, among those the effort left allows."""
        options = [r for r in view.brief.risk(risk.risk).responses if r.effort <= view.effort_left]
        if not options:
            return None
        return max(options, key=lambda r: (r.mitigation - r.cost / 100_000, r.id)).id

    def _attend(self, view: TraineeView) -> Action | None:
        """Incidents, complaints and risks that need an answer now."""
        conduct = self.conduct
        if conduct.incidents == "now":
            for inc in view.incidents:
                return self.incident_action(view, inc)
        if conduct.complaints == "now":
            for comp in view.complaints:
                if view.effort_left >= view.brief.economics.effort.resolve:
                    return ResolveComplaint(complaint=comp.id)
        if conduct.risks != "never":
            for risk in view.risks:
                if risk.response is not None:
                    continue
                struck = risk.status == "struck"
                if struck and (risk.end_week or 0) <= view.week:
                    continue
                if conduct.risks == "struck" and not struck:
                    continue
                choice = self.risk_choice(view, risk)
                if choice:
                    act = self._once(("risk", risk.id),
                                     RespondToRisk(strike=risk.id, response=choice))
                    if act:
                        return act
        return None

    def _fulfilment(self, view: TraineeView) -> Action | None:
        conduct = self.conduct
        if conduct.incidents == "never" and conduct.complaints != "now" and conduct.risks != "warned":
            return None
        week, end, every = view.week, view.round_end_week, conduct.check_weeks
        checking = every <= 1 or week % every == 0 or week >= end
        act = self._attend(view) if checking else None
        if act:
            return act
        if week < end:
            return RunWeeks() if every <= 1 else RunWeeks(weeks=every - week % every)
        return None

    def _risk(self, view: TraineeView) -> Action | None:
        return self._attend(view)

    def _briefing(self, view: TraineeView) -> Action | None:
        return self._attend(view) if self.conduct.risks == "warned" else None
