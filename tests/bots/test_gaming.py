"""Gaming bots: each does its trick, and names competencies of the rubric it aims at."""

from __future__ import annotations

from collections import Counter

import pytest

from game.bots.registry import GAMING, make_bot
from game.engine.game import Game
from game.negotiation.questions import TOPICS
from game.negotiation.space import OutcomeSpace, standard_terms
from tests.bots.conftest import SEEDS, asked_before, first_offers, kinds

PLANNING = ("forecast_set", "price_set", "effort_allocated", "channel_set")
SERVICE = ("complaint_resolved", "customer_informed", "incident_expedited", "risk_responded",
           "account_visited", "satisfaction_surveyed", "upsell_won", "upsell_declined")


def _own_standard(game: Game) -> dict:
    space = OutcomeSpace(game.scenario.negotiation)
    return standard_terms(space, game.scenario.company.discount_authority)


def test_every_gaming_bot_names_what_it_aims_at():
    for name in GAMING:
        bot = make_bot(name, 0)
        assert bot.targets and bot.name == name


@pytest.mark.parametrize("seed", SEEDS)
def test_the_first_gaming_bots_do_their_trick(games, seed):
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


@pytest.mark.parametrize("seed", SEEDS)
def test_one_question_then_the_full_authority(games, seed):
    game = games["one-question-full-authority", seed]
    firsts = first_offers(game)
    assert firsts
    price = next(i for i in game.scenario.negotiation.issues if i.id == "price")
    prices = [float(p) for p in price.values]
    deepest = max(p for p in prices if p <= game.scenario.company.discount_authority + 1e-9)
    standard = _own_standard(game)
    for account, first in firsts.items():
        assert len(asked_before(game, account, first.seq)) == 1
        offer = first.payload["offer"]
        assert float(offer["price"]) == pytest.approx(deepest)
        assert {k: v for k, v in offer.items() if k != "price"} == {
            k: v for k, v in standard.items() if k != "price"}


@pytest.mark.parametrize("seed", SEEDS)
def test_the_target_forecaster_forecasts_the_target_and_plans_nothing_else(games, seed):
    game = games["forecast-target", seed]
    targets = {e.round: e.payload["targets"]["revenue"] for e in kinds(game, "round_started")}
    forecasts = {e.round: e.payload["revenue"] for e in kinds(game, "forecast_set")}
    assert set(forecasts) == set(targets) == set(range(1, game.scenario.rounds + 1))
    for r, revenue in forecasts.items():
        assert revenue == pytest.approx(targets[r], abs=0.01)
    assert not kinds(game, *PLANNING[1:], "research_done", *SERVICE)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_care_spammer_surveys_everything_and_visits_again_and_again(games, seed):
    game = games["care-spammer", seed]
    segments = {s.id for s in game.scenario.market.segments}
    for r in range(1, game.scenario.rounds + 1):
        surveyed = [e.payload["segment"] for e in kinds(game, "satisfaction_surveyed")
                    if e.round == r]
        assert sorted(surveyed) == sorted(segments)
    visits = Counter((e.round, e.payload["account"]) for e in kinds(game, "account_visited"))
    assert visits and max(visits.values()) > 1
    # nothing else of the service a customer needs
    assert not kinds(game, "complaint_resolved", "customer_informed", "incident_expedited")


@pytest.mark.parametrize("seed", SEEDS)
def test_the_minimum_effort_rep_does_little_but_signs_what_it_is_offered(games, seed):
    game = games["minimum-effort", seed]
    assert not kinds(game, *PLANNING, "research_done", "targets_selected", "credit_checked",
                     "amendment_accepted", "amendment_refused", *SERVICE)
    offered = Counter(e.payload["account"] for e in kinds(game, "trainee_offered"))
    assert offered and max(offered.values()) == 1
    drafted = {e.payload["account"] for e in kinds(game, "contract_drafted")}
    signed = {e.payload["account"] for e in kinds(game, "contract_signed")}
    assert drafted and signed == drafted
    for e in kinds(game, "contract_signed"):
        assert e.payload["credit_checked"] is False


@pytest.mark.parametrize("seed", SEEDS)
def test_the_quote_and_leave_rep_quotes_once_then_walks_away(games, seed):
    game = games["quote-and-leave", seed]
    offered = Counter(e.payload["account"] for e in kinds(game, "trainee_offered"))
    assert offered and max(offered.values()) == 1
    ended = kinds(game, "negotiation_ended")
    assert ended and {e.payload["status"] for e in ended} <= {"trainee_walked", "agreed"}
    assert any(e.payload["status"] == "trainee_walked" for e in ended)
