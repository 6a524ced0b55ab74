"""A conduct dilemma is put to the rep in the window: what happens, one button per answer with
what it visibly brings, and the answer goes to the engine (real clicks), in English and Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest

import game.ui.window as window_module
from game.engine.actions import ResolveDilemma
from game.engine.phases import Phase
from game.scenario.loader import load_scenario
from game.ui.script import Driver, ScriptError
from tests.ui.test_phase_end_warnings import _to
from tests.ui.test_window import start_game

DRILL = Path(__file__).resolve().parents[2] / "scenarios" / "drills" / "drill-ethics.yaml"


@pytest.fixture
def ethics(monkeypatch):
    scenario, sha = load_scenario(DRILL)
    small = scenario.model_copy(update={"market": scenario.market.model_copy(update={"customers": 600})})
    monkeypatch.setattr(window_module, "load_scenario", lambda path: (small, sha))
    return small


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_dilemma_is_asked_and_answered_by_a_click(make_app, ethics, lang: str) -> None:
    d = Driver(make_app(lang=lang))
    start_game(d, "T-091", lang=lang)
    app = d.app
    _to(app, Phase.ANALYSIS)
    d.pump(3)
    assert app.dilemma is not None, "the price-list offer should be put to the rep"
    spec = next(x for x in ethics.dilemmas if x.phase == "analysis")
    situation = d.find("#dilemma_situation").html_text.replace("\n", "")
    assert getattr(spec.situation, lang).replace(" ", "")[:12] in situation.replace(" ", "")
    report = [c.id for c in spec.choices].index("report")
    button = d.find(f"#dilemma_choice_{report}")
    label = getattr(spec.choices[report].label, lang)
    assert button.text.startswith(label)
    assert "0.5" in button.text  # its half day of effort is on its face
    says = d.find(f"#dilemma_says_{report}").text
    assert says == getattr(spec.choices[report].says, lang)
    d.click(f"#dilemma_choice_{report}")
    d.pump(2)
    answered = next(x for x in app.view.dilemmas if x.id == spec.id)
    assert answered.status == "answered" and answered.choice == "report"
    assert app.dilemma is None
    assert app.view.effort_left == pytest.approx(app.view.effort_per_round - 0.5)
    status = d.find("#status_line").text  # the answer, told in the interface language
    assert label[:6] in status or status.endswith("…")
    assert status.startswith("你的回应" if lang == "zh" else "You answered")


def test_keys_do_not_dodge_the_question_and_undo_asks_again(make_app, ethics) -> None:
    d = Driver(make_app(lang="en", mode="practice"))
    start_game(d, "T-092", lang="en")
    app = d.app
    _to(app, Phase.ANALYSIS)
    d.pump(3)
    d.key("escape")
    d.key("return")
    assert app.dilemma is not None and app.view.phase == "analysis"
    d.click("#dilemma_choice_1")  # decline
    assert app.dilemma is None
    app.undo()
    d.pump(3)
    assert app.dilemma is not None, "undoing the answer puts the question again"


def _asked(make_app, trainee: str) -> Driver:
    """A window in the analysis phase of the drill, its dilemma put to the rep."""
    d = Driver(make_app(lang="en"))
    start_game(d, trainee, lang="en")
    _to(d.app, Phase.ANALYSIS)
    d.pump(3)
    assert d.app.dilemma is not None
    return d


def test_a_scripted_click_behind_the_dialog_is_refused_and_answers_nothing(make_app, ethics) -> None:
    d = _asked(make_app, "T-093")
    app = d.app
    actions = len(app.play.game.actions)
    covered = d.find("#run_market_research")  # on the analysis screen, under the dialog
    assert covered is not None
    with pytest.raises(ScriptError, match="behind '#dilemma_dialog'.*answer it first"):
        d.click("#run_market_research")
    d.pump(2)
    assert len(app.play.game.actions) == actions  # nothing was pressed in its place
    assert app.dilemma is not None
    assert all(x.status == "open" for x in app.view.dilemmas if x.phase == "analysis")
    d.click("#dilemma_choice_1")  # the dialog's own buttons are reachable
    assert app.dilemma is None


def test_the_bot_answers_a_dilemma_through_its_buttons(make_app, ethics) -> None:
    d = _asked(make_app, "T-094")
    app = d.app
    spec = next(x for x in ethics.dilemmas if x.phase == "analysis")
    pressed: list[str] = []
    real_click = d.click

    def click(object_id: str) -> None:
        pressed.append(object_id)
        real_click(object_id)

    d.click = click  # type: ignore[method-assign]
    d.perform(ResolveDilemma(dilemma=spec.id, choice="report"))
    assert pressed == [f"#dilemma_choice_{[c.id for c in spec.choices].index('report')}"]
    answered = next(x for x in app.view.dilemmas if x.id == spec.id)
    assert answered.status == "answered" and answered.choice == "report"
