"""Every bot decides from the trainee view alone: it is handed nothing else, its decisions follow
from the views it was shown, and it assumes nothing about a scenario's names."""

from __future__ import annotations

import json

import pytest

from game.bots.base import Bot, play
from game.bots.registry import BOTS, make_bot
from game.engine.actions import Action
from game.engine.game import ApplyResult, Game
from game.engine.view_models import TraineeView
from game.scenario.models import Scenario


class Probe:
    """Wraps a bot and keeps what it was handed and what it answered."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self.name = bot.name
        self.handed: list[object] = []
        self.answers: list[Action] = []

    def next_action(self, view: TraineeView) -> Action:
        self.handed.append(view)
        action = self.bot.next_action(view)
        self.answers.append(action)
        return action


class Counter:
    """A game seen only through ``view`` and ``apply``; keeps the rejections."""

    def __init__(self, game: Game) -> None:
        self._game = game
        self.rejected: list[ApplyResult] = []

    def view(self) -> TraineeView:
        return self._game.view()

    def apply(self, action: Action) -> ApplyResult:
        result = self._game.apply(action)
        if not result.accepted:
            self.rejected.append(result)
        return result


@pytest.fixture(scope="module")
def probed(tiny: Scenario) -> dict[str, tuple[Game, Probe]]:
    out = {}
    for name in sorted(BOTS):
        game = Game(tiny, seed=5)
        probe = Probe(make_bot(name, 5))
        play(Counter(game), probe)
        assert game.over, name
        out[name] = game, probe
    return out


@pytest.mark.parametrize("name", sorted(BOTS))
def test_every_bot_is_handed_the_trainee_view_and_nothing_else(probed, name):
    _, probe = probed[name]
    assert probe.handed
    assert {type(v) for v in probe.handed} == {TraineeView}


@pytest.mark.parametrize("name", sorted(BOTS))
def test_a_bot_shown_the_same_views_makes_the_same_decisions_without_the_game(probed, name):
    """A fresh bot on the same seed, handed the recorded views with no game behind them,
    answers exactly as the bot that played: nothing but the view (and its own memory and
    random stream) went into a decision."""
    _, probe = probed[name]
    again = make_bot(name, 5)
    assert [again.next_action(v) for v in probe.handed] == probe.answers


def _renamed(scenario: Scenario, names: dict[str, str]) -> Scenario:
    """The scenario with its channels and risk responses under other ids (order kept)."""
    company = scenario.company.model_copy(update={"channels": [
        c.model_copy(update={"id": names[c.id]}) for c in scenario.company.channels]})
    risks = [r.model_copy(update={"responses": [
        x.model_copy(update={"id": names[x.id]}) for x in r.responses]}) for r in scenario.risks]
    return scenario.model_copy(update={"company": company, "risks": risks})


@pytest.mark.parametrize("name", sorted(BOTS))
def test_bots_read_channels_and_risk_responses_from_the_brief(tiny, probed, name):
    """Renaming the channels and the risk responses changes nothing but the names in the log:
    no bot assumes a scenario's ids."""
    ids = [c.id for c in tiny.company.channels] + sorted(
        {x.id for r in tiny.risks for x in r.responses})
    names = {old: f"renamed-{k}" for k, old in enumerate(ids)}
    assert "partner" in names  # a channel id a bot could have assumed
    game = Game(_renamed(tiny, names), seed=5)
    table = Counter(game)
    play(table, make_bot(name, 5))
    assert not [r for r in table.rejected if (r.code or "").startswith("unknown_")]
    log = json.dumps([e.to_dict() for e in game.events])
    for old, new in names.items():
        log = log.replace(f'"{new}"', f'"{old}"')
    original, _ = probed[name]
    assert log == json.dumps([e.to_dict() for e in original.events])


@pytest.mark.parametrize("name", sorted(set(BOTS) - {"random"}))
def test_bots_read_what_their_work_costs_from_the_brief(tiny, name):
    """With every effort cost raised, no scripted bot tries what it cannot afford (the random
    bot tries anything, by design)."""
    effort = tiny.economics.effort.model_copy(update={
        "pursue": 2.5, "authority": 1.5, "credit_check": 2.5, "inform": 0.75, "resolve": 1.25,
        "visit": 2.5, "survey": 2.5, "upsell": 2.5})
    dear = tiny.model_copy(update={"economics": tiny.economics.model_copy(update={"effort": effort})})
    table = Counter(Game(dear, seed=5))
    play(table, make_bot(name, 5))
    assert [r.reason for r in table.rejected if r.code == "no_effort"] == []
