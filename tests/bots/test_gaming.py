"""Gaming bots: each does its trick, and names competencies of the rubric it aims at."""

from __future__ import annotations

import pytest

from game.bots.registry import GAMING, make_bot
from game.negotiation.questions import TOPICS
from tests.bots.conftest import SEEDS, asked_before, first_offers, kinds


def test_every_gaming_bot_names_what_it_aims_at():
    for name in GAMING:
        bot = make_bot(name, 0)
        assert bot.targets and bot.name == name


@pytest.mark.parametrize("seed", SEEDS)
def test_gaming_bots_do_their_trick(games, seed):
    spammer = games["question-spammer", seed]
    for account, first in first_offers(spammer).items():
        assert sorted(asked_before(spammer, account, first.seq)) == sorted(TOPICS)
    repeater = games["offer-spammer", seed]
    offers = [e.payload["offer"] for e in kinds(repeater, "trainee_offered")]
    assert len(offers) > len({str(o) for o in offers})
    signer = games["instant-signer", seed]
    for e in kinds(signer, "contract_signed"):
        assert e.payload["credit_checked"] is False
    authority: dict[str, float] = {}
    waiting: dict[str, bool] = {}
    for e in signer.events:
        account = e.payload.get("account")
        if e.kind in ("negotiation_opened", "authority_granted"):
            authority[account] = e.payload["authority"]
        elif e.kind == "customer_countered":
            waiting[account] = float(e.payload["offer"]["price"]) <= authority[account] + 1e-9
        elif e.kind in ("trainee_offered", "trainee_accepted") and waiting.pop(account, False):
            assert e.kind == "trainee_accepted", (
                "the instant signer countered a counter it could take"
            )
    assert kinds(signer, "trainee_accepted")
    sprayer = games["research-sprayer", seed]
    segments = {s.id for s in sprayer.scenario.market.segments}
    for r in range(1, sprayer.scenario.rounds + 1):
        done = [e for e in kinds(sprayer, "research_done") if e.round == r]
        assert {
            e.payload.get("segment") for e in done if e.payload["method"] == "questionnaire"
        } == segments
        assert {
            e.payload.get("segment") for e in done if e.payload["method"] == "data_analysis"
        } == segments
