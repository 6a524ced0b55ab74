"""The game window: one pygame display, one UIManager, the current screen and its frame loop.

``run(args)`` is what ``python main.py play`` calls. With ``--script`` the window is driven by a
JSON list of steps (see ``game.ui.script``) and ``--screenshot-dir`` saves a PNG of every screen.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path
from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UITextEntryLine

from game.engine.actions import EndPhase
from game.engine.phases import Phase, next_phase
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_scenario
from game.ui import charts, fonts, speedups, story
from game.ui.chrome import BOTTOM_H, STRIP_H, TOP_H, Chrome
from game.ui.dialogs import ConfirmDialog
from game.ui.i18n import LANGUAGES, Strings
from game.ui.paths import THEME
from game.ui.play import MODES, Play
from game.ui.screens.base import Screen
from game.ui.screens.registry import screen_class
from game.ui.shots import Recorder
from game.ui.widgets import Callbacks, Kit

SIZE = (1280, 720)
BACKGROUND = (24, 31, 42)
FPS = 60


class App:
    """Holds the window, the UI manager, the play-through and the screen on show."""

    def __init__(self, args: argparse.Namespace, size: tuple[int, int] = SIZE) -> None:
        self.started = time.perf_counter()
        self.size = size
        self.lang = args.lang if getattr(args, "lang", None) in LANGUAGES else "en"
        self.mode = args.mode if getattr(args, "mode", None) in MODES else "practice"
        self.trainee = getattr(args, "trainee", None) or ""
        self.scenario_path = str(getattr(args, "scenario", "") or "")
        self.seed: int | None = getattr(args, "seed", None)
        speedups.install()
        pygame.init()
        fonts.reset()
        charts.reset()
        pygame.display.set_caption("Sales Dojo")
        # A real display scales the 1280x720 layout with the window; headless needs no scaling.
        flags = 0 if os.environ.get("SDL_VIDEODRIVER") == "dummy" else pygame.SCALED | pygame.RESIZABLE
        try:
            self.window = pygame.display.set_mode(size, flags)
        except pygame.error:
            self.window = pygame.display.set_mode(size)
        pygame.key.set_repeat(400, 40)
        # Language 'zh' makes Noto Sans SC the default face, and the theme names it for every
        # element: Chinese never renders as tofu, whatever the interface language.
        self.manager = pygame_gui.UIManager(size, str(THEME), enable_live_theme_updates=False,
                                            starting_language="zh")
        fonts.preload(self.manager)
        self.strings = Strings(self.lang)
        self.play: Play | None = None
        self.view: dict[str, Any] = {}
        self.status: tuple[str, str] = ("", "info")
        self.chrome = Chrome(self)
        self.dialog: ConfirmDialog | None = None
        self.screen: Screen | None = None
        self.screen_id: tuple[str, int] | None = None
        self.screen_changed = False
        self.running = True
        self.clock = pygame.time.Clock()
        shots = getattr(args, "screenshot_dir", None)
        self.recorder = Recorder(Path(shots)) if shots else None
        self.bot: Any = None
        self.frames = 0
        self.first_frame_seconds: float | None = None
        self.refresh()

    # ------------------------------------------------------------------ geometry

    @property
    def content_rect(self) -> pygame.Rect:
        top = TOP_H + STRIP_H + 6
        return pygame.Rect(0, top, self.size[0], self.size[1] - top - BOTTOM_H)

    def kit(self) -> Kit:
        return Kit(self.manager, self.strings, self.manager.get_root_container(), Callbacks())

    # ------------------------------------------------------------------ state changes

    def screen_key(self) -> str:
        if self.play is None:
            return "start"
        if self.play.game.over:
            return "debrief"
        return self.play.game.phase.value

    def refresh(self, force: bool = False) -> None:
        """Redraw widgets from the engine's view; switch screens when the phase changed."""
        key = self.screen_key()
        self.view = self.play.game.view() if self.play else {}
        ident = (key, self.play.game.round if self.play else 0)
        if force or ident != self.screen_id or self.screen is None:
            if self.screen is not None:
                self.screen.destroy()
            self.screen = screen_class(key)(self)
            self.screen_id = ident
            self.screen_changed = True
        self.chrome.build()
        self.screen.rebuild()

    def set_status(self, text: str, kind: str = "info") -> None:
        self.status = (text, kind)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.strings = Strings(lang)
        self.refresh(force=True)

    def start_game(self, path: str, mode: str, trainee: str) -> bool:
        try:
            scenario, sha = load_scenario(path)
        except ScenarioError as err:
            self.set_status(str(err).splitlines()[0], "bad")
            self.refresh()
            return False
        self.scenario_path = path
        self.mode, self.trainee = mode, trainee
        self.play = Play(scenario, sha, path, self.seed, mode=mode, trainee=trainee)
        self.set_status(self.strings.t("status.started"), "good")
        self.refresh(force=True)
        return True

    def submit(self, action: Any) -> bool:
        """Apply an action, say what happened in the status line, redraw."""
        assert self.play is not None
        result = self.play.apply(action)
        if result.accepted:
            self.set_status(story.summary(result.events, self.strings, self.play.game), "good")
        else:
            self.set_status(story.rejection(result.code, result.reason, self.strings), "bad")
        self.refresh()
        return result.accepted

    def undo(self) -> None:
        if self.play is not None and self.play.undo():
            self.set_status(self.strings.t("status.undone"), "info")
        self.refresh(force=True)

    def save(self) -> None:
        if self.play is None:
            return
        try:
            path = self.play.save()
        except OSError as exc:
            self.set_status(self.strings.t("status.save_failed", error=str(exc)), "bad")
        else:
            self.set_status(self.strings.t("status.saved", path=str(path)), "good")
        self.refresh()

    def quit(self) -> None:
        self.running = False

    # ------------------------------------------------------------------ confirmations

    def confirm(self, title: str, message: str, on_ok: Any, ok_text: str | None = None) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = ConfirmDialog(self.kit(), title, message,
                                    ok_text or self.strings.t("dialog.ok"),
                                    self.strings.t("dialog.cancel"), on_ok, self.size)

    def irreversible_note(self) -> str:
        return self.strings.t("dialog.note." + (self.play.mode if self.play else "practice"))

    def next_label(self) -> str:
        game = self.play.game if self.play else None
        if game is None:
            return ""
        if game.phase == Phase.REVIEW:
            last = game.round >= game.scenario.rounds
            return self.strings.t("chrome.finish_game" if last else "chrome.finish_round")
        nxt = next_phase(game.phase)
        return self.strings.t("chrome.next", phase=self.strings.t("phase." + nxt.value)) if nxt else ""

    def confirm_end_phase(self) -> None:
        if self.play is None or self.play.game.over:
            return
        game = self.play.game
        t = self.strings.t
        now = t("phase." + game.phase.value)
        if game.phase == Phase.REVIEW:
            if game.round >= game.scenario.rounds:
                message = t("dialog.end_game")
            else:
                message = t("dialog.end_round", round=game.round, next=game.round + 1)
        else:
            nxt = next_phase(game.phase)
            message = t("dialog.end_phase", phase=now, next=t("phase." + nxt.value) if nxt else "")
        self.confirm(t("dialog.end_phase_title", phase=now),
                     f"{message} {self.irreversible_note()}", lambda: self.submit(EndPhase()))

    def on_next(self) -> None:
        if self.screen is not None:
            self.screen.on_next()

    # ------------------------------------------------------------------ events

    def _focused_entry(self) -> bool:
        focus = self.manager.get_focus_set()
        return bool(focus) and any(isinstance(e, UITextEntryLine) for e in focus)

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
            return
        if self.dialog is not None:
            answer = self.dialog.handle(event)
            if answer is not None:
                dialog, self.dialog = self.dialog, None
                dialog.close()
                if answer == "ok":
                    dialog.on_ok()
                return
            if event.type == pygame.KEYDOWN:
                return
        if event.type == pygame.KEYDOWN and not self._focused_entry():
            if self._shortcut(event):
                return
        self.manager.process_events(event)
        if event.type >= pygame.USEREVENT:
            if self.chrome.callbacks.dispatch(event):
                return
            if self.screen is not None:
                self.screen.callbacks.dispatch(event)

    def _shortcut(self, event: pygame.event.Event) -> bool:
        key, mod = event.key, event.mod
        ctrl = bool(mod & (pygame.KMOD_CTRL | pygame.KMOD_META))
        if ctrl and key == pygame.K_z and self.play is not None and self.play.mode == "practice":
            self.undo()
            return True
        if ctrl and key == pygame.K_s:
            self.save()
            return True
        if self.screen is not None and self.screen.on_key(key, mod):
            return True
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.play is not None:
            self.on_next()
            return True
        if key == pygame.K_ESCAPE:
            self.set_status("", "info")
            self.chrome.build()
            return True
        return False

    # ------------------------------------------------------------------ frames

    @property
    def busy(self) -> bool:
        """Work is going on over several frames (weeks being run)."""
        return bool(self.screen is not None and getattr(self.screen, "busy", False))

    def frame(self, dt: float = 1 / FPS) -> None:
        for event in pygame.event.get():
            self.handle(event)
        if self.screen is not None:
            self.screen.update(dt)
        self.manager.update(dt)
        self.draw()
        self.frames += 1
        if self.first_frame_seconds is None:
            self.first_frame_seconds = time.perf_counter() - self.started
        if self.recorder is not None and self.screen_changed and not self.busy:
            self.recorder.capture_new(self)
        self.screen_changed = False

    def draw(self) -> None:
        self.window.fill(BACKGROUND)
        if self.screen is not None:
            self.screen.draw_behind(self.window)
        self.manager.draw_ui(self.window)
        pygame.display.flip()

    def loop(self) -> int:
        while self.running:
            dt = self.clock.tick(FPS) / 1000.0
            self.frame(dt)
        pygame.quit()
        return 0


def run(args: argparse.Namespace) -> int:
    """Open the window (or drive it from ``--script``); returns the exit code."""
    if getattr(args, "script", None):
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
        from game.ui.script import ScriptError, load_script, run_script

        try:
            steps = load_script(Path(args.script))
        except ScriptError as err:
            print(str(err))
            return 2
        app = App(args)
        try:
            return run_script(app, steps)
        finally:
            pygame.quit()
    return App(args).loop()
