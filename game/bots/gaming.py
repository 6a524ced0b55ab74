"""Bots that try to fool the rubric: a novice with one trick that looks like skill, or a rep that
does as little as it can.

Each names the competencies its trick aims at in ``targets``; the validity lab checks that none
scores above the novice there.
"""

from __future__ import annotations

import numpy as np

from game.bots.graded import NOVICE, GradedRep, StepPricer
from game.bots.policy import Conduct, Rep
from game.bots.reading import (
    TOPICS,
    Move,
    authority_move,
    deepest_within,
    needs_authority,
    offers_made,
    refused_from,
    standard_offer,
)
from game.engine.actions import (
    AcceptOffer,
    Action,
    AskQuestion,
    DataAnalysis,
    Interview,
    MakeOffer,
    MarketResearch,
    Questionnaire,
    RequestAuthority,
    SatisfactionSurvey,
    SetForecast,
    Visit,
    WalkAway,
)
from game.engine.view_models import NegotiationView, TraineeView
from game.negotiation.moves import within_authority
from game.sim.rng import stream

# --------------------------------------------------------------------------- negotiating tricks


class AskEverything(StepPricer):
    """Asks every question before quoting, then quotes standard terms as if it had heard nothing."""

    def next_move(self, nv: NegotiationView, rng: np.random.Generator) -> Move:
        if not offers_made(nv):
            for topic in TOPICS:
                if topic not in nv.questions:
                    return AskQuestion(account=nv.account, topic=topic)
        return super().next_move(nv, rng)


class SameOffer(StepPricer):
    """Makes its opening offer again and again, hoping activity counts."""

    def next_move(self, nv: NegotiationView, rng: np.random.Generator) -> Move:
        return MakeOffer(account=nv.account, offer=standard_offer(nv, self.opening_price(nv)))


class TakeFirstCounter(StepPricer):
    """Quotes, then takes the customer's counter the moment it may: accepts it within its
    authority, or asks the manager for its discount; only when neither is possible does it quote
    again, one price step further."""

    def next_move(self, nv: NegotiationView, rng: np.random.Generator) -> Move:
        counter = nv.customer_last_offer
        if counter is not None:
            price = float(counter["price"])
            if within_authority(price, nv.authority):
                return AcceptOffer(account=nv.account)
            if within_authority(price, nv.manager_authority) and price < refused_from(nv) - 1e-6:
                return RequestAuthority(account=nv.account, discount=price)
        return super().next_move(nv, rng)


class OneQuestionThenAll(StepPricer):
    """Asks one question, then opens on standard terms at the deepest discount it may give;
    from there it steps like the novice."""

    def next_move(self, nv: NegotiationView, rng: np.random.Generator) -> Move:
        if not offers_made(nv):
            if not nv.questions:
                return AskQuestion(account=nv.account, topic=TOPICS[0])
            return MakeOffer(account=nv.account,
                             offer=standard_offer(nv, deepest_within(nv, nv.authority)))
        return super().next_move(nv, rng)


class QuoteThenLeave(StepPricer):
    """Quotes its opening once, then walks away: every negotiation ends cleanly at the table,
    and none lasts long enough to show a habit."""

    def next_move(self, nv: NegotiationView, rng: np.random.Generator) -> Move:
        if not offers_made(nv):
            return super().next_move(nv, rng)
        return WalkAway(account=nv.account)


# --------------------------------------------------------------------------- a novice with a trick


class QuestionSpammer(GradedRep):
    """Asks every question without listening to the answers."""

    targets = ("customer-analysis",)

    def __init__(self, seed: int = 0) -> None:
        super().__init__(seed, NOVICE)
        self.name = "question-spammer"
        self.negotiator = AskEverything()


class OfferSpammer(GradedRep):
    """Repeats one offer, as if the number of offers showed effort."""

    targets = ("negotiation-quoting", "professionalism-ethics")

    def __init__(self, seed: int = 0) -> None:
        super().__init__(seed, NOVICE)
        self.name = "offer-spammer"
        self.negotiator = SameOffer()


class InstantSigner(GradedRep):
    """Takes the customer's first counter and signs every contract the moment it is drafted."""

    targets = ("negotiation-quoting", "contract-risk")

    def __init__(self, seed: int = 0) -> None:
        super().__init__(seed, NOVICE)
        self.name = "instant-signer"
        self.negotiator = TakeFirstCounter()


class OneQuestionFullAuthority(GradedRep):
    """Asks one question, as if it had listened, then opens at its full discount authority, as
    if a quick deal were a good one."""

    targets = ("customer-analysis", "negotiation-quoting")

    def __init__(self, seed: int = 0) -> None:
        super().__init__(seed, NOVICE)
        self.name = "one-question-full-authority"
        self.negotiator = OneQuestionThenAll()


class QuoteAndLeave(GradedRep):
    """Quotes once and walks away from every negotiation, as if ending talks cleanly were
    conduct enough."""

    targets = ("professionalism-ethics",)

    def __init__(self, seed: int = 0) -> None:
        super().__init__(seed, NOVICE)
        self.name = "quote-and-leave"
        self.negotiator = QuoteThenLeave()


class ResearchSprayer(GradedRep):
    """Researches everything, every round: each segment with a questionnaire and a data analysis,
    each account still in play with an interview, then the market — whatever it targets."""

    targets = ("customer-analysis", "data-driven")

    def __init__(self, seed: int = 0) -> None:
        super().__init__(seed, NOVICE)
        self.name = "research-sprayer"

    def _analysis(self, view: TraineeView) -> Action | None:
        r = view.round
        cost = view.brief.company.research
        segments = [s.id for s in view.brief.market.segments]
        everything: list[tuple[Action, float]] = [
            *((Questionnaire(segment=s), cost.questionnaire.effort) for s in segments),
            *((DataAnalysis(segment=s), cost.data_analysis.effort) for s in segments),
            *(
                (Interview(account=a.id), cost.interview.effort)
                for a in view.accounts
                if a.status in ("prospect", "negotiating")
            ),
            (MarketResearch(), cost.market_research.effort),
        ]
        for action, effort in everything:
            key = (r, action.type, getattr(action, "segment", None), getattr(action, "account", None))
            if key in self._done or view.effort_left < effort:
                continue
            self._done.add(key)
            return action
        return self.select_targets(view)


class CareSpammer(GradedRep):
    """Surveys every segment and visits every account it serves, again and again, every round —
    whether or not anyone needs it."""

    targets = ("relationship-satisfaction",)
    VISITS = 3  # visits to each account a round

    def __init__(self, seed: int = 0) -> None:
        super().__init__(seed, NOVICE)
        self.name = "care-spammer"

    def _maintenance(self, view: TraineeView) -> Action | None:
        r = view.round
        effort = view.brief.economics.effort
        if view.effort_left >= effort.survey:
            for seg in view.brief.market.segments:
                act = self._once((r, "survey", seg.id), SatisfactionSurvey(segment=seg.id))
                if act:
                    return act
        won = [a.id for a in view.accounts if a.status == "won"]
        for n in range(self.VISITS):
            for account in won:
                if view.effort_left >= effort.visit:
                    act = self._once((r, "visit", account, n), Visit(account=account))
                    if act:
                        return act
        return None


# --------------------------------------------------------------------------- as little as it can

LEAST = Conduct(credit_check=False, protect_weak=False, incidents="never", complaints="never",
                risks="never", expedite_big=False)


class SignWhatComes:
    """Quotes standard terms once and takes the customer's counter: accepts it, or first asks
    the manager for the discount it needs; otherwise waits."""

    def next_move(self, nv: NegotiationView, rng: np.random.Generator) -> Move | None:
        counter = nv.customer_last_offer
        if counter is not None:
            if not needs_authority(nv, counter):
                return AcceptOffer(account=nv.account)
            ask = authority_move(nv, float(counter["price"]))
            if ask is not None:
                return ask
        if not offers_made(nv):
            return MakeOffer(account=nv.account,
                             offer=standard_offer(nv, float(nv.standard_terms["price"])))
        return None


class MinimumEffort(Rep):
    """Does the least each phase needs to move on, but takes what comes its way: it opens talks
    with every opportunity, quotes standard terms once, takes the customer's counter (asking the
    manager when it must) and signs every contract unchecked; no research, no plan, no
    service."""

    targets = ("professionalism-ethics",)

    def __init__(self, seed: int = 0, name: str = "minimum-effort") -> None:
        super().__init__(name, stream(seed, f"bot:{name}"), SignWhatComes(), LEAST)


class ForecastTarget(MinimumEffort):
    """Forecasts the round's revenue target, as if a forecast were a wish; otherwise does as
    little as the minimum-effort rep."""

    targets = ("planning-forecasting",)

    def __init__(self, seed: int = 0) -> None:
        super().__init__(seed, "forecast-target")

    def _planning(self, view: TraineeView) -> Action | None:
        return self._once((view.round, "forecast"),
                          SetForecast(revenue=round(view.round_targets.revenue, 2)))
