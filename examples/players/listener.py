"""An example of a player written outside the game (docs/players.md).

It asks each customer what it needs before quoting, opens with the company's standard terms
given the customer's ideal on the issue it named first, steps its discount up to its own
authority, takes a counter whose discount its authority covers, and checks a customer's credit
before it signs. Everything else it leaves to the territory: it presses "next".

    python main.py simulate scenarios/east-china-territory.yaml --bot examples/players/listener.py
    python main.py lab scenarios/east-china-territory.yaml --runs 10 --player examples/players/listener.py
"""

from __future__ import annotations

from game.engine.actions import (
    AcceptOffer,
    Action,
    AskQuestion,
    CreditCheck,
    EndPhase,
    MakeOffer,
    Pursue,
    SignContract,
)
from game.engine.view_models import NegotiationView, TraineeView

STEP = 0.025  # how much more discount each new offer gives


class Player:
    """What ``--bot FILE.py`` loads by default: made with the game's seed."""

    def __init__(self, seed: int) -> None:
        self.name = "listener"
        self.seed = seed  # this player draws nothing at random; a player that does seeds from it

    def next_action(self, view: TraineeView) -> Action:
        if view.phase == "negotiation":
            for account in view.opportunities:
                if view.account(account).negotiation is None:
                    return Pursue(account=account)
            for account, talks in view.negotiations().items():
                if talks.status == "open":
                    return self.talk(account, talks)
        if view.phase == "contract":
            for account in view.accounts:
                if account.status == "agreed":
                    if not account.credit_checked:
                        return CreditCheck(account=account.id)
                    return SignContract(account=account.id)
        return EndPhase()

    def talk(self, account: str, talks: NegotiationView) -> Action:
        if "needs" not in talks.questions:
            return AskQuestion(account=account, topic="needs")
        counter = talks.customer_last_offer
        if counter is not None and float(counter["price"]) <= talks.own_authority:
            return AcceptOffer(account=account)
        offers = sum(1 for o in talks.offers if o.who == "trainee")
        wanted = min(talks.own_authority, float(talks.standard_terms["price"]) + STEP * offers)
        price = max(v for v in talks.issues["price"] if float(v) <= wanted + 1e-9)
        offer = {**talks.standard_terms, "price": price}
        needs = talks.learned.get("needs")
        if needs is not None and needs.top_issues and needs.ideal:
            top = needs.top_issues[0]
            if top != "price" and top in needs.ideal:
                offer[top] = needs.ideal[top]
        return MakeOffer(account=account, offer=offer)
