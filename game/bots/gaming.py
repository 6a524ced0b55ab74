"""Bots that try to fool the rubric: a novice with one trick that looks like skill.

Each plays exactly like the novice except for its trick, and names the competencies the trick
aims at in ``targets``; the validity lab checks that none scores above the novice there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from game.bots.graded import NOVICE, GradedRep, StepPricer
from game.engine.actions import (
    Action,
    DataAnalysis,
    Interview,
    MarketResearch,
    Questionnaire,
    SelectTargets,
)
from game.negotiation.questions import TOPICS
from game.negotiation.session import NegotiationSession

if TYPE_CHECKING:
    from game.engine.game import Game

Move = tuple[Any, ...]


class AskEverything(StepPricer):
    """Asks every question before quoting, then quotes standard terms as if it had heard nothing."""

    def next_move(self, session: NegotiationSession, rng: np.random.Generator) -> Move:
        if not any(o["who"] == "trainee" for o in session.view()["offers"]):
            asked = set(session.view()["questions"])
            for topic in TOPICS:
                if topic not in asked:
                    return ("ask", topic)
        return super().next_move(session, rng)


class SameOffer(StepPricer):
    """Makes its opening offer again and again, hoping activity counts."""

    def next_move(self, session: NegotiationSession, rng: np.random.Generator) -> Move:
        discounts = [float(d) for d in session.space.options["price"]]
        return (
            "offer",
            self.standard(session, min(discounts, key=lambda d: abs(d - self.opening))),
        )


class TakeFirstCounter(StepPricer):
    """Quotes, then takes the customer's counter the moment it may: accepts it within its
    authority, or asks the manager for its discount; only when neither is possible does it quote
    again, one price step further."""

    def next_move(self, session: NegotiationSession, rng: np.random.Generator) -> Move:
        view = session.view()
        counter = view["customer_last_offer"]
        if counter is not None:
            price = float(counter["price"])
            if price <= session.authority + 1e-9:
                return ("accept",)
            refused = min(
                (r["discount"] for r in view["authority_requests"] if not r["granted"]),
                default=1.0,
            )
            if price <= float(view["manager_authority"]) + 1e-9 and price < refused - 1e-6:
                return ("request_authority", price)
        return super().next_move(session, rng)


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


class ResearchSprayer(GradedRep):
    """Researches everything, every round: each segment with a questionnaire and a data analysis,
    each account still in play with an interview, then the market — whatever it targets."""

    targets = ("customer-analysis", "data-driven")

    def __init__(self, seed: int = 0) -> None:
        super().__init__(seed, NOVICE)
        self.name = "research-sprayer"

    def _analysis(self, game: Game, view: dict[str, Any]) -> Action | None:
        r = game.round
        cost = game.scenario.company.research
        segments = [s.id for s in game.scenario.market.segments]
        everything: list[tuple[Action, float]] = [
            *((Questionnaire(segment=s), cost.questionnaire.effort) for s in segments),
            *((DataAnalysis(segment=s), cost.data_analysis.effort) for s in segments),
            *(
                (Interview(account=a["id"]), cost.interview.effort)
                for a in view["accounts"]
                if a["status"] in ("prospect", "negotiating")
            ),
            (MarketResearch(), cost.market_research.effort),
        ]
        for action, effort in everything:
            key = (
                r,
                action.type,
                getattr(action, "segment", None),
                getattr(action, "account", None),
            )
            if key in self._done or view["effort_left"] < effort:
                continue
            self._done.add(key)
            return action
        return self._once(
            (r, "targets"),
            SelectTargets(
                segments=self.target_segments(game, view), accounts=self.target_accounts(view)
            ),
        )
