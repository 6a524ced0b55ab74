"""Graded bots: each tier's behaviour, played from the trainee view alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.bots.base import play
from game.bots.registry import BOTS, GAMING, GRADED, make_bot
from game.engine.game import Game
from tests.bots.conftest import SEEDS, asked_before, first_offers, kinds


def test_the_registry_keeps_the_old_bots_and_adds_the_new():
    assert {"random", "heuristic", *GRADED, *GAMING} <= set(BOTS)
    with pytest.raises(KeyError):
        make_bot("guru", 1)


def test_the_same_bot_and_seed_play_the_same_game(tiny, games):
    again = Game(tiny, seed=SEEDS[0])
    play(again, make_bot("expert", SEEDS[0]))
    assert again.log_digest() == games["expert", SEEDS[0]].log_digest()


@pytest.mark.parametrize("seed", SEEDS)
def test_the_novice_skips_research_quotes_first_concedes_on_price_and_ignores_problems(games, seed):
    game = games["novice", seed]
    assert not kinds(game, "research_done", "targets_selected", "credit_checked")
    assert not kinds(
        game, "complaint_resolved", "customer_informed", "incident_expedited", "risk_responded"
    )
    for account, first in first_offers(game).items():
        assert asked_before(game, account, first.seq) == []
    offers = kinds(game, "trainee_offered")
    assert offers
    for a, b in zip(offers, offers[1:], strict=False):
        if a.payload["account"] == b.payload["account"]:
            assert {
                k for k in a.payload["offer"] if a.payload["offer"][k] != b.payload["offer"][k]
            } <= {"price"}
    for e in kinds(game, "contract_signed"):
        assert e.payload["credit_checked"] is False


@pytest.mark.parametrize("seed", SEEDS)
def test_the_expert_prepares_checks_and_answers_everything_at_once(games, seed):
    game = games["expert", seed]
    assert kinds(game, "research_done") and kinds(game, "targets_selected")
    for account, first in first_offers(game).items():
        assert {"needs", "priorities"} <= set(asked_before(game, account, first.seq))
    for e in kinds(game, "contract_signed"):
        assert e.payload["credit_checked"] is True
    resolved = {
        e.payload["complaint"]: e.payload["response_weeks"]
        for e in kinds(game, "complaint_resolved")
    }
    assert len(resolved) == len(kinds(game, "complaint_received"))
    assert all(weeks <= 2 for weeks in resolved.values())
    assert not kinds(game, "delivery_late")
    for e in kinds(game, "risk_responded"):
        assert e.payload["before_strike"] or not any(
            w.payload["strike"] == e.payload["strike"] for w in kinds(game, "risk_warning")
        )


@pytest.mark.parametrize("seed", SEEDS)
def test_the_intermediate_asks_about_needs_and_checks_credit_but_answers_risks_late(games, seed):
    game = games["intermediate", seed]
    for account, first in first_offers(game).items():
        assert asked_before(game, account, first.seq) == ["needs", "priorities"]
    for e in kinds(game, "contract_signed"):
        assert e.payload["credit_checked"] is True
    assert all(not e.payload["before_strike"] for e in kinds(game, "risk_responded"))
    assert not any(e.payload["method"] == "interview" for e in kinds(game, "research_done"))


@pytest.fixture(scope="module")
def two_segments():
    """A shipped scenario with only two segments and few accounts, made quick."""
    from game.scenario.loader import load_scenario

    root = Path(__file__).resolve().parents[2]
    scenario, _ = load_scenario(root / "scenarios" / "riverside-first-territory.yaml")
    market = scenario.market.model_copy(update={"customers": 600})
    return scenario.model_copy(update={"market": market})


@pytest.fixture(scope="module")
def two_segment_games(two_segments):
    out = {}
    for name in ("intermediate", "expert", "research-sprayer"):
        game = Game(two_segments, seed=3)
        play(game, make_bot(name, 3))
        out[name] = game
    return out


@pytest.mark.parametrize("name", ["intermediate", "expert", "research-sprayer"])
def test_targets_are_a_choice_even_among_two_segments(two_segment_games, name):
    game = two_segment_games[name]
    segments = {s.id for s in game.scenario.market.segments}
    chosen = kinds(game, "targets_selected")
    assert chosen
    for e in chosen:
        assert 0 < len(e.payload["segments"]) < len(segments)


@pytest.mark.parametrize("name", ["intermediate", "expert"])
def test_the_skilled_tiers_research_their_targets_among_two_segments(two_segment_games, name):
    game = two_segment_games[name]
    for r in range(2, game.scenario.rounds + 1):
        targets = next(e for e in kinds(game, "targets_selected") if e.round == r)
        analysed = [
            e.payload["segment"]
            for e in kinds(game, "research_done")
            if e.round == r and e.payload["method"] == "data_analysis"
        ]
        assert analysed and set(analysed) <= set(targets.payload["segments"])


@pytest.mark.parametrize("name", ["intermediate", "expert"])
def test_package_negotiators_never_take_back_what_they_offered(games, two_segment_games, name):
    for game in (games[name, SEEDS[0]], two_segment_games[name]):
        by_account: dict[str, list[float]] = {}
        for e in kinds(game, "trainee_offered"):
            by_account.setdefault(e.payload["account"], []).append(float(e.payload["u_seller"]))
        assert by_account
        for utilities in by_account.values():
            assert all(b <= a + 1e-9 for a, b in zip(utilities, utilities[1:], strict=False))


@pytest.mark.parametrize("name", ["intermediate", "expert"])
def test_a_first_offer_uses_what_the_customer_said_when_it_can(games, two_segment_games, name):
    from game.assessment.indicators.analysis import authority_at, favours, learned_from
    from game.assessment.log import EventLog
    from game.negotiation.space import OutcomeSpace

    used = total = 0
    for game in (games[name, SEEDS[0]], games[name, SEEDS[1]], two_segment_games[name]):
        log = EventLog(game.events)
        space = OutcomeSpace(game.scenario.negotiation)
        for account, first in first_offers(game).items():
            tops: list[str] = []
            ideal: dict = {}
            for e in log.for_account(account, "customer_answered"):
                if e.seq < first.seq and (found := learned_from(e)):
                    tops += found[0]
                    ideal.update(found[1])
            authority = authority_at(log, account, first.seq)
            total += 1
            used += any(favours(space, first.payload["offer"], i, ideal, authority) for i in tops)
    assert total and used / total >= 0.75


def test_the_intermediate_forecasts_last_rounds_base_plus_its_pipeline(games):
    """Last round's small-customer revenue (the territory's history before round 1), plus no
    more than every signed contract and deal on the table could deliver this round."""
    game = games["intermediate", SEEDS[0]]
    forecasts = {e.round: float(e.payload["revenue"]) for e in kinds(game, "forecast_set")}
    known = [game.history[0], *(e.payload["kpis"] for e in kinds(game, "round_reviewed"))]
    ceiling = sum(ka.volume * game.scenario.product(ka.product).list_price
                  for ka in game.scenario.key_accounts)
    for r in range(1, game.scenario.rounds + 1):
        base = known[r - 1]["revenue"] - known[r - 1]["key_account_revenue"]
        assert base - 0.01 <= forecasts[r] <= base + ceiling
