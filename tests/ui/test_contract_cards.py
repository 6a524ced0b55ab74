"""The contract screen, driven by real clicks: a card keeps its place when another is signed, and
after amendments its Sign and Decline buttons stay inside it."""

from __future__ import annotations

import numpy as np

from game.bots.gaming import TakeFirstCounter
from game.engine.actions import AcceptOffer, EndPhase, MakeOffer, Pursue, RequestAuthority
from game.engine.phases import Phase
from game.ui.script import Driver
from tests.ui.test_phase_end_warnings import _to
from tests.ui.test_window import start_game


def _eager(nv) -> object:
    """A rep who wants the deal: takes the customer's counter when it may (asking the manager
    once), else offers the customer's own terms at the deepest discount it may give."""
    counter = nv.customer_last_offer
    if counter is None:
        return TakeFirstCounter().next_move(nv, np.random.default_rng(0))
    price = float(counter["price"])
    if price <= nv.authority + 1e-9:
        return AcceptOffer(account=nv.account)
    if price <= nv.manager_authority + 1e-9 and not nv.authority_requests:
        return RequestAuthority(account=nv.account, discount=price)
    deepest = max(float(p) for p in nv.issues["price"] if float(p) <= nv.authority + 1e-9)
    return MakeOffer(account=nv.account, offer={**counter, "price": deepest})


def _agree_all(app) -> list[str]:
    """Talk every open opportunity into a deal if it can be; the accounts that agreed."""
    for account in app.play.game.view().opportunities:
        assert app.play.apply(Pursue(account=account)).accepted
        for _ in range(40):
            nv = app.play.game.view().negotiations().get(account)
            if nv is None or nv.status != "open" or not app.play.apply(_eager(nv)).accepted:
                break
    return [a.id for a in app.play.game.view().accounts if a.status == "agreed"]


def _contract_phase(make_app, trainee: str, deals: int) -> tuple[Driver, list[str]]:
    """The first contract phase with at least ``deals`` deals agreed, and those deals."""
    d = Driver(make_app(lang="en"))
    start_game(d, trainee, lang="en")
    while True:
        _to(d.app, Phase.NEGOTIATION)
        agreed = _agree_all(d.app)
        _to(d.app, Phase.CONTRACT)
        if len(agreed) >= deals:
            d.pump(3)
            return d, agreed
        assert d.app.play.game.round < d.app.play.game.scenario.rounds, "too few deals agreed"
        _to(d.app, Phase.REVIEW)
        d.app.play.apply(EndPhase())


def test_a_card_keeps_its_place_when_another_is_signed(make_app):
    d, agreed = _contract_phase(make_app, "T-071", deals=2)
    first, second = agreed[0], agreed[1]
    before = d.find(f"#contract_{second}").get_abs_rect().topleft
    d.click(f"#sign_{first}")
    d.key("RETURN")  # confirm the signature
    d.pump(3)
    assert d.app.play.game.view().account(first).status == "won"
    assert d.find(f"#contract_{second}").get_abs_rect().topleft == before
    # the next click meant for the second card's Sign lands on it, not on the signed card
    d.click(f"#sign_{second}")
    d.key("RETURN")
    d.pump(3)
    assert d.app.play.game.view().account(second).status == "won"


def test_after_amendments_the_sign_and_decline_buttons_stay_inside_the_card(make_app):
    d, agreed = _contract_phase(make_app, "T-072", deals=1)
    account = agreed[0]
    for _ in range(3):
        d.click(f"#amend_{account}")
        d.pump(3)
    card = d.find(f"#contract_{account}").get_abs_rect()
    for button in (f"#sign_{account}", f"#decline_{account}"):
        assert card.contains(d.find(button).get_abs_rect()), button
