"""Conduct dilemmas in the engine: put at their phase's start, answered (or left to their default
when the phase ends), with what each answer brings now and what it may bring later."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.actions import EndPhase, ResolveDilemma
from game.engine.game import Game
from game.engine.phases import Phase
from game.scenario.loader import load_scenario
from game.scenario.models import Scenario

DRILL = Path(__file__).resolve().parents[2] / "scenarios" / "drills" / "drill-ethics.yaml"


@pytest.fixture(scope="module")
def drill() -> Scenario:
    scenario, _ = load_scenario(DRILL)
    return scenario.model_copy(update={"market": scenario.market.model_copy(
        update={"customers": 600})})


def _to(game: Game, phase: Phase) -> None:
    while game.phase != phase:
        assert game.apply(EndPhase()).accepted


def _with_later(scenario: Scenario, dilemma: str, choice: str, **later: object) -> Scenario:
    """``scenario`` where ``choice`` of ``dilemma`` leads to one consequence made of ``later``."""
    dilemmas = []
    for d in scenario.dilemmas:
        if d.id == dilemma:
            choices = [c.model_copy(update={"later": [c.later[0].model_copy(update=later)]})
                       if c.id == choice else c for c in d.choices]
            d = d.model_copy(update={"choices": choices})
        dilemmas.append(d)
    return scenario.model_copy(update={"dilemmas": dilemmas})


def test_a_dilemma_comes_up_at_its_phase_and_waits_for_an_answer(drill) -> None:
    game = Game(drill)
    assert game.view().dilemmas == ()
    _to(game, Phase.ANALYSIS)
    (d,) = game.view().dilemmas
    assert (d.id, d.status, d.kind) == ("zenith-price-list", "open", "leaked_price_list")
    assert [e.kind for e in game.events][-1] == "dilemma_raised"


def test_an_answer_costs_its_days_and_money_and_moves_the_askers_trust(drill) -> None:
    game = Game(drill)
    _to(game, Phase.NEGOTIATION)
    before = game.accounts["jade-river-insurance"].trust
    left = game.effort_left
    assert game.apply(ResolveDilemma(dilemma="jade-river-fee", choice="pay")).accepted
    assert game.accounts["jade-river-insurance"].trust == pytest.approx(before + 0.15)
    assert game.books[1].costs["conduct"] == pytest.approx(30000)
    assert game.effort_left == left
    assert game.apply(ResolveDilemma(dilemma="tianfu-one-week", choice="honest")).accepted
    assert game.effort_left == pytest.approx(left - 0.5)


def test_answers_the_rules_refuse(drill) -> None:
    game = Game(drill)
    _to(game, Phase.ANALYSIS)
    codes = [game.apply(a).code for a in (
        ResolveDilemma(dilemma="no-such", choice="x"),
        ResolveDilemma(dilemma="jade-river-fee", choice="pay"),  # not come up yet
        ResolveDilemma(dilemma="zenith-price-list", choice="bribe"),
    )]
    assert codes == ["unknown_dilemma", "not_raised", "unknown_choice"]
    assert game.apply(ResolveDilemma(dilemma="zenith-price-list", choice="take")).accepted
    assert game.apply(ResolveDilemma(dilemma="zenith-price-list", choice="decline")).code == \
        "already_answered"


def test_a_consequence_that_is_sure_strikes_in_its_week(drill) -> None:
    sure = _with_later(drill, "jade-river-fee", "pay", chance=1.0, after_weeks=3)
    game = Game(sure)
    _to(game, Phase.NEGOTIATION)
    assert game.apply(ResolveDilemma(dilemma="jade-river-fee", choice="pay")).accepted
    _to(game, Phase.FULFILMENT)
    while game.week < 3:
        game.apply({"type": "run_weeks", "weeks": 1})
    assert not [e for e in game.events if e.kind == "dilemma_consequence"
                and e.payload["dilemma"] == "jade-river-fee"]
    trust = {a: s.trust for a, s in game.accounts.items()}
    game.apply({"type": "run_weeks", "weeks": 1})
    (struck,) = [e for e in game.events if e.kind == "dilemma_consequence"
                 and e.payload["dilemma"] == "jade-river-fee"]
    assert struck.week == 3  # drawn at week 0, three weeks later
    assert struck.payload["money"] == 150000
    assert game.books[1].costs["conduct"] == pytest.approx(30000 + 150000)
    for account, was in trust.items():
        assert game.accounts[account].trust == pytest.approx(max(0.0, was - 0.2))


def test_a_consequence_that_cannot_happen_never_does(drill) -> None:
    never = _with_later(drill, "jade-river-fee", "pay", chance=0.0, after_weeks=0)
    game = Game(never)
    _to(game, Phase.NEGOTIATION)
    assert game.apply(ResolveDilemma(dilemma="jade-river-fee", choice="pay")).accepted
    while not game.over:
        game.apply(EndPhase())
    assert not [e for e in game.events if e.kind == "dilemma_consequence"
                and e.payload["dilemma"] == "jade-river-fee"]


def test_the_draw_is_the_same_on_the_same_seed_and_answer(drill) -> None:
    def consequences(seed: int) -> list[tuple[int, str]]:
        game = Game(drill, seed=seed)
        _to(game, Phase.NEGOTIATION)
        game.apply(ResolveDilemma(dilemma="jade-river-fee", choice="pay"))
        while not game.over:
            game.apply(EndPhase())
        return [(e.week, e.payload["dilemma"]) for e in game.events if e.kind == "dilemma_consequence"]

    assert consequences(5) == consequences(5)
    assert len({tuple(consequences(s)) for s in range(1, 13)}) > 1  # the 50 % draw varies by seed


def test_an_unanswered_dilemma_takes_its_default_when_its_phase_ends(drill) -> None:
    game = Game(drill)
    _to(game, Phase.ANALYSIS)
    assert game.apply(EndPhase()).accepted
    resolved = [e for e in game.events if e.kind == "dilemma_resolved"][-1]
    assert resolved.payload["choice"] == "no-answer" and resolved.payload["answered"] is False
    assert game.view().dilemmas[0].status == "unanswered"


def test_a_dilemma_that_needs_a_deal_comes_up_only_with_one(drill) -> None:
    game = Game(drill)
    _to(game, Phase.CONTRACT)  # no negotiation, so no deal with Tianfu
    assert "tianfu-backdate" not in {d.id for d in game.view().dilemmas}


def test_no_event_tells_which_answer_was_proper(drill) -> None:
    game = Game(drill)
    while not game.over:
        for d in game.view().dilemmas:
            if d.status == "open":
                game.apply(ResolveDilemma(dilemma=d.id, choice=d.choices[0].id))
        game.apply(EndPhase())
    dilemma_events = [e for e in game.events if e.kind.startswith("dilemma")]
    assert dilemma_events
    assert not [e for e in dilemma_events if "proper" in e.payload]


def test_a_scenario_without_dilemmas_books_no_conduct_cost(small) -> None:
    game = Game(small.model_copy(update={"dilemmas": []}))
    while not game.over:
        game.apply(EndPhase())
    assert not [e for e in game.events if e.kind.startswith("dilemma")]
    reviews = [e.payload["kpis"]["cost_by_kind"] for e in game.events if e.kind == "round_reviewed"]
    assert reviews and all("conduct" not in costs for costs in reviews)
