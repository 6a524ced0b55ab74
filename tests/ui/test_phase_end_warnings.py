"""Ending a phase names what it gives up, driven by real key presses: an agreed deal left unsigned,
an opportunity in its last round never opened, talks that pause; Esc goes back and keeps them."""

from __future__ import annotations

from game.engine.actions import EndPhase, Pursue
from game.engine.phases import Phase
from game.ui.script import Driver
from tests.ui.test_window import start_game


def _to(app, phase: Phase) -> None:
    while app.play.game.phase != phase:
        assert app.play.apply(EndPhase()).accepted
    app.refresh(force=True)


def _said(app) -> str:
    assert app.dialog is not None
    return app.dialog.text.html_text.replace("\n", " ")


def test_unopened_opportunities_in_their_last_round_are_named_before_negotiation_ends(make_app):
    d = Driver(make_app(lang="en"))
    start_game(d, "T-061", lang="en")
    app = d.app
    _to(app, Phase.NEGOTIATION)
    names = app.names()
    d.pump(2)
    d.key("RETURN")
    said = _said(app)
    lost = [a for a in app.view.opportunities]
    assert lost and all(names.account(a) in said for a in lost)
    assert "go to a rival" in said
    d.key("ESCAPE")  # go back: nothing ended, nothing lost
    d.pump(2)
    assert app.dialog is None or not app.dialog.alive
    assert app.play.game.phase == Phase.NEGOTIATION
    assert app.play.apply(Pursue(account=lost[0])).accepted
    app.refresh(force=True)
    d.key("RETURN")
    said = _said(app)
    assert "wait for the next round" in said and names.account(lost[0]) in said.split("wait")[1]


def _agree(app) -> str:
    """Open talks with each opportunity and take the customer's first counter (asking the
    manager when needed) until one deal is agreed; that account's id."""
    import numpy as np

    from game.bots.gaming import TakeFirstCounter

    rng = np.random.default_rng(0)
    for account in app.play.game.view().opportunities:
        assert app.play.apply(Pursue(account=account)).accepted
        for _ in range(40):
            nv = app.play.game.view().negotiations().get(account)
            if nv is None or nv.status != "open":
                break
            if not app.play.apply(TakeFirstCounter().next_move(nv, rng)).accepted:
                break
        if app.play.game.view().account(account).status == "agreed":
            return account
    raise AssertionError("no customer agreed to its own first counter")


def test_an_agreed_deal_left_unsigned_is_named_before_the_contract_phase_ends(make_app):
    d = Driver(make_app(lang="zh"))
    start_game(d, "T-062", lang="zh")
    app = d.app
    _to(app, Phase.NEGOTIATION)
    account = _agree(app)
    _to(app, Phase.CONTRACT)
    d.pump(2)
    d.key("RETURN")
    said = _said(app).replace(" ", "")  # Chinese lines wrap without spaces
    assert app.names().account(account) in said and "已谈妥但尚未签约" in said
    assert app.dialog.ok.text.startswith("继续，放弃这些交易")
    d.key("ESCAPE")
    d.pump(2)
    assert app.play.game.phase == Phase.CONTRACT
    assert app.play.game.view().account(account).status == "agreed"  # still there to sign
