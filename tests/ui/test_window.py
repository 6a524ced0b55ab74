"""The window as a whole, driven by real posted mouse and key events: it keeps its layout at any
size, resumes in the session's language and size, Enter in the ID box starts the game, and the
dialog that ends a recorded game does not promise an undo the debrief refuses."""

from __future__ import annotations

import pygame

from game.engine.actions import EndPhase
from game.engine.phases import Phase
from game.ui.script import Driver

HALF_HD = (960, 540)


def english_locale(monkeypatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")


def start_game(d: Driver, trainee: str = "T-042", lang: str | None = None) -> None:
    d.pump(2)
    d.click("#trainee_id")
    d.type(trainee)
    if lang is not None:
        d.click(f"#lang_{lang}")
    d.click("#start_game")
    assert d.app.play is not None


def resize(d: Driver, size: tuple[int, int]) -> None:
    """What the window system sends when the user drags the window's edge."""
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1],
                                         size=size))
    d.pump(3)


def on_window(d: Driver, object_id: str) -> pygame.Rect:
    """Where the widget shows in the window, in window pixels."""
    rect = d.find(object_id).get_abs_rect()
    x0, y0 = d.app.viewport.to_window(rect.topleft)
    x1, y1 = d.app.viewport.to_window(rect.bottomright)
    return pygame.Rect(x0, y0, x1 - x0, y1 - y0)


def test_at_960x540_the_phase_strip_and_next_button_are_on_screen_and_clickable(make_app):
    d = Driver(make_app(lang="en"))
    start_game(d)
    resize(d, HALF_HD)
    app = d.app
    assert pygame.display.get_surface().get_size() == HALF_HD
    window = pygame.Rect((0, 0), HALF_HD)
    for object_id in ("#next_phase", "#phase_briefing", "#phase_review", "#save", "#undo"):
        assert window.contains(on_window(d, object_id)), object_id
    # a click where the eye sees the Next button (scaled by 0.75) presses it
    rect = d.find("#next_phase").get_abs_rect()
    at = (round(rect.centerx * 0.75), round(rect.centery * 0.75))
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=at, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=at, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=at, button=1))
    d.pump(3)
    assert app.dialog is not None  # "end the briefing?"
    d.key("RETURN")
    assert app.play.game.phase == Phase.ANALYSIS


def test_the_scaled_window_shows_the_whole_layout(make_app, tmp_path):
    d = Driver(make_app(lang="zh"))
    start_game(d)
    resize(d, HALF_HD)
    d.pump(2)
    shown = pygame.display.get_surface()
    # the Next button's primary blue is drawn inside the 960x540 window where it belongs
    rect = on_window(d, "#next_phase")
    inner = rect.inflate(-8, -8)
    points = [(x, y) for x in range(inner.left, inner.right, 3) for y in range(inner.top, inner.bottom, 3)]
    blue = sum(1 for p in points if shown.get_at(p).b > shown.get_at(p).r + 60)
    assert blue > 0.6 * len(points)
    # a wider window keeps the aspect: bands of background left and right, none black
    resize(d, (1200, 540))
    d.pump(2)
    shown = pygame.display.get_surface()
    assert d.app.viewport.rect.width == 960 and d.app.viewport.rect.x == 120
    assert shown.get_at((10, 270))[:3] != (0, 0, 0)


def test_resume_restores_the_sessions_language_and_window_size(make_app, monkeypatch):
    english_locale(monkeypatch)
    d = Driver(make_app(lang=None))
    start_game(d, "T-077", lang="zh")
    d.key("RETURN")
    d.key("RETURN")
    assert d.app.play.game.phase == Phase.ANALYSIS
    resize(d, HALF_HD)
    d.app.close()

    # ``play --resume --trainee T-077`` with no --lang
    resumed = make_app(lang=None, trainee="T-077", resume=True)
    assert resumed.play is not None and resumed.play.game.phase == Phase.ANALYSIS
    assert resumed.lang == "zh"
    assert resumed.window_size == HALF_HD
    r = Driver(resumed)
    r.pump(2)
    assert "分析" in r.find("#phase_analysis").text
    resumed.close()

    # Continue on the start screen, the ID typed, no language picked
    again = Driver(make_app(lang=None))
    again.pump(2)
    assert again.app.lang == "en"
    again.click("#trainee_id")
    again.type("T-077")
    again.click("#continue_game")
    assert again.app.play is not None and again.app.lang == "zh"
    assert "分析" in again.find("#phase_analysis").text


def test_enter_in_the_trainee_id_box_starts_the_game(make_app):
    d = Driver(make_app(lang="en"))
    d.pump(2)
    d.click("#trainee_id")
    d.type("T-005")
    d.key("RETURN")
    assert d.app.play is not None
    assert d.app.play.trainee == "T-005"
    assert d.app.screen_key() == "briefing"


def test_the_dialog_that_ends_a_recorded_game_does_not_offer_undo(make_app):
    d = Driver(make_app(lang="en"))
    start_game(d, "T-011", lang="en")
    app = d.app
    game = app.play.game
    while not (game.phase == Phase.REVIEW and game.round >= game.scenario.rounds):
        assert app.play.apply(EndPhase()).accepted
        game = app.play.game
    app.refresh(force=True)
    d.pump(2)
    d.key("RETURN")
    assert app.dialog is not None
    said = app.dialog.text.html_text.replace("\n", " ")
    assert app.strings.t("dialog.note.practice") not in said
    assert app.strings.t("dialog.note.assessment") in said
    d.key("RETURN")
    assert app.play.game.over
    assert not d.find("#undo").is_enabled  # and indeed the debrief cannot undo


def test_a_practice_phase_end_still_offers_undo(make_app):
    d = Driver(make_app(lang="en"))
    start_game(d, "T-012", lang="en")
    d.key("RETURN")
    said = d.app.dialog.text.html_text.replace("\n", " ")
    assert d.app.strings.t("dialog.note.practice") in said
