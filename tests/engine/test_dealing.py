"""Key-account deals: from pursuit through negotiation to a signed contract that delivers."""

from __future__ import annotations

from game.bots.negotiators import Integrative
from game.engine.actions import (
    AmendContract,
    CreditCheck,
    EndPhase,
    MakeOffer,
    Pursue,
    SignContract,
)
from game.engine.game import Game
from game.engine.phases import Phase
from game.sim.rng import stream


def _to(game: Game, phase: Phase) -> None:
    while game.phase != phase:
        assert game.apply(EndPhase()).accepted


def _agree(game: Game, account: str) -> None:
    assert game.apply(Pursue(account=account)).accepted
    policy, rng = Integrative(), stream(0, "test")
    for _ in range(60):
        nv = game.view().account(account).negotiation
        assert nv is not None
        if nv.status != "open":
            break
        game.apply(policy.next_move(nv, rng))
    assert game.accounts[account].status == "agreed"


def test_an_offer_beyond_the_reps_authority_is_refused_without_changing_the_talks(small):
    game = Game(small, seed=3)
    _to(game, Phase.NEGOTIATION)
    assert game.apply(Pursue(account="hx-bank")).accepted
    n = len(game.events)
    offer = {"price": 0.25, "volume": 1.0, "delivery_weeks": 4, "payment_days": 30, "service": "standard"}
    result = game.apply(MakeOffer(account="hx-bank", offer=offer))
    assert not result.accepted and result.code == "above_authority"
    assert result.params == {"discount": 0.25, "authority": game.view().negotiations()["hx-bank"]
                             .authority}
    assert len(game.events) == n and game.sessions["hx-bank"].round == 0


def test_an_opportunity_cannot_be_pursued_before_its_round(small):
    game = Game(small)
    _to(game, Phase.NEGOTIATION)
    result = game.apply(Pursue(account="xihu-cloud"))  # on the table in round 2
    assert not result.accepted and result.code == "not_yet"


def test_agreed_deal_becomes_a_contract_that_is_checked_signed_and_delivered(small):
    game = Game(small, seed=3)
    _to(game, Phase.NEGOTIATION)
    _agree(game, "jinling-mfg")
    _to(game, Phase.CONTRACT)
    draft = next(e for e in game.events if e.kind == "contract_drafted")
    assert draft.payload["account"] == "jinling-mfg" and draft.payload["units"] > 0
    checked = game.apply(CreditCheck(account="jinling-mfg"))
    assert checked.events[0].payload["rating"] == "BB"
    assert game.view().account("jinling-mfg").credit_rating == "BB"
    game.apply(AmendContract(account="jinling-mfg", clause="advance_payment", value=0.3))
    signed = game.apply(SignContract(account="jinling-mfg"))
    assert signed.accepted and signed.events[0].payload["credit_checked"] is True
    assert game.accounts["jinling-mfg"].status == "won"
    _to(game, Phase.MAINTENANCE)
    contract = game.accounts["jinling-mfg"].contract
    assert contract is not None and contract.delivered_units > 0
    assert game.books[1].key_account_revenue > 0


def test_an_unsigned_deal_lapses_at_the_end_of_the_contract_phase(small):
    game = Game(small, seed=3)
    _to(game, Phase.NEGOTIATION)
    _agree(game, "jinling-mfg")
    _to(game, Phase.FULFILMENT)
    assert any(e.kind == "contract_lapsed" for e in game.events)
    assert game.accounts["jinling-mfg"].status == "lost"
