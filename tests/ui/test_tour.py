"""The guided first round: on a first practice game the window points at its parts screen by
screen; Next moves on, Skip ends it for good (remembered in the records), and it never shows in
assessment or after the first round."""

from __future__ import annotations

from game.engine.actions import EndPhase
from game.engine.phases import Phase
from game.ui.help_content import help_content
from game.ui.script import Driver
from tests.ui.test_window import start_game


def _mark_text(d: Driver) -> str:
    return d.find("#tour_text").html_text.replace("\n", "")


def test_the_tour_points_at_each_screen_and_next_moves_on(make_app):
    d = Driver(make_app(lang="en", tour=True))
    start_game(d, "T-110", lang="en")
    d.pump(3)
    marks = [m for m in help_content().tour if m.screen == "briefing"]
    for mark in marks:
        assert d.exists("#tour_panel")
        assert mark.en[:30] in _mark_text(d)
        assert d.app.tour.target == mark.target
        d.click("#tour_next")
        d.pump(3)
    assert not d.exists("#tour_panel")  # the briefing's marks are read
    d.key("RETURN")  # on to analysis: its first mark shows
    d.pump(3)
    if d.app.dialog is not None:
        d.key("RETURN")
        d.pump(3)
    assert d.app.view.phase == Phase.ANALYSIS
    first = next(m for m in help_content().tour if m.screen == "analysis")
    assert first.en[:30] in _mark_text(d)


def test_skip_ends_the_tour_for_good(make_app, tmp_path):
    d = Driver(make_app(lang="zh", tour=True))
    start_game(d, "T-111", lang="zh")
    d.pump(3)
    assert d.exists("#tour_panel")
    d.click("#tour_skip")
    d.pump(3)
    assert not d.exists("#tour_panel") and d.app.tour is None
    again = Driver(make_app(lang="zh", tour=True))  # the same records folder
    start_game(again, "T-111", lang="zh")
    again.pump(3)
    assert not again.exists("#tour_panel")


def test_no_tour_in_assessment_nor_after_the_first_round(make_app):
    d = Driver(make_app(lang="en", tour=True, mode="assessment"))
    start_game(d, "T-112", lang="en")
    d.pump(3)
    assert not d.exists("#tour_panel")
    p = Driver(make_app(lang="en", tour=True))
    start_game(p, "T-113", lang="en")
    p.pump(3)
    assert p.exists("#tour_panel")
    app = p.app
    while app.play.game.round == 1:
        assert app.play.apply(EndPhase()).accepted
    app.refresh(force=True)
    p.pump(3)
    assert not p.exists("#tour_panel") and app.tour is None


def test_every_mark_names_a_screen_with_help_and_says_it_in_both_languages():
    content = help_content()
    assert content.tour
    for mark in content.tour:
        assert mark.screen in content.screens
        assert mark.en and mark.zh and mark.target.startswith("#")


def test_a_scripted_run_never_shows_the_tour(make_app, tmp_path, shipped_path):
    """``play --script`` leaves ``tour`` True unless --no-tour is given: the script alone stops it."""
    import argparse

    from game.ui.app import App

    assert make_app(lang="en", tour=True).tour_wanted
    args = argparse.Namespace(scenario=str(shipped_path), lang="en", mode=None, trainee=None, seed=None,
                              screenshot_dir=None, script="steps.json", data_dir=str(tmp_path / "r"),
                              resume=False, tour=True)
    scripted = App(args)
    try:
        assert not scripted.tour_wanted
    finally:
        scripted.close()
