"""A bot that picks random moves that fit the phase: a floor for every score, and a fuzzer."""

from __future__ import annotations

from game.bots.negotiators import RandomNegotiator
from game.engine.actions import (
    Action,
    AllocateEffort,
    AmendContract,
    CreditCheck,
    DataAnalysis,
    DeclineContract,
    EndPhase,
    Expedite,
    InformCustomer,
    Interview,
    MarketResearch,
    Pursue,
    Questionnaire,
    ResolveComplaint,
    RespondToRisk,
    RunWeeks,
    SatisfactionSurvey,
    SetChannel,
    SetForecast,
    SetPrice,
    SignContract,
    Upsell,
    Visit,
)
from game.engine.view_models import TraineeView
from game.sim.rng import stream


class RandomBot:
    name = "random"

    def __init__(self, seed: int = 0, end_chance: float = 0.25) -> None:
        self.rng = stream(seed, "bot:random")
        self.end_chance = end_chance
        self.negotiator = RandomNegotiator()

    def _pick(self, options: list[Action]) -> Action:
        if not options or self.rng.random() < self.end_chance:
            return EndPhase()
        return options[int(self.rng.integers(len(options)))]

    def next_action(self, view: TraineeView) -> Action:
        brief = view.brief
        segs = [s.id for s in brief.market.segments]
        accounts = [a.id for a in view.accounts]
        rng = self.rng
        phase = view.phase
        options: list[Action] = []
        if phase == "analysis":
            options = [Questionnaire(segment=str(rng.choice(segs))), MarketResearch(),
                       DataAnalysis(segment=str(rng.choice(segs)))]
            if accounts:  # a drill may have no key account to interview
                options.append(Interview(account=str(rng.choice(accounts))))
        elif phase == "planning":
            w = rng.random(len(segs))
            options = [
                SetForecast(revenue=float(rng.uniform(0, 2) * brief.targets.revenue / view.rounds)),
                SetPrice(segment=str(rng.choice(segs)),
                         discount=float(rng.uniform(0, brief.company.discount_authority))),
                AllocateEffort(shares={s: float(x / w.sum()) for s, x in zip(segs, w, strict=True)}),
                SetChannel(segment=str(rng.choice(segs)),
                           channel=str(rng.choice([c.id for c in brief.company.channels]))),
            ]
        elif phase == "negotiation":
            options = [Pursue(account=a) for a in view.opportunities]
            for nv in view.negotiations().values():
                if nv.status == "open":
                    options.append(self.negotiator.next_move(nv, rng))
        elif phase == "contract":
            for a in view.accounts:
                if a.status == "agreed":
                    options += [CreditCheck(account=a.id), SignContract(account=a.id),
                                DeclineContract(account=a.id),
                                AmendContract(account=a.id, clause="advance_payment", value=0.3)]
        elif phase in ("fulfilment", "maintenance", "risk"):
            if phase == "fulfilment" and view.week < view.round_end_week:
                options.append(RunWeeks(weeks=int(rng.integers(1, 6))))
            options += [Expedite(incident=i.id) for i in view.incidents]
            options += [InformCustomer(incident=i.id) for i in view.incidents]
            options += [ResolveComplaint(complaint=c.id) for c in view.complaints]
            for r in view.risks:
                if r.response is None:
                    options.append(RespondToRisk(strike=r.id, response=str(rng.choice(r.responses))))
            if phase == "maintenance":
                won = [a.id for a in view.accounts if a.status == "won"]
                options += [Visit(account=a) for a in won] + [Upsell(account=a) for a in won]
                options.append(SatisfactionSurvey(segment=str(rng.choice(segs))))
        return self._pick(options)
