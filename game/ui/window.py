"""The window itself: one pygame display, one UIManager, the screen on show, the status line,
"please wait" notices and confirmation dialogs.

``Window`` is the bottom of the app's layers (``game.ui.app`` lists them); the play-through it
shows is ``self.play``, and what the screens read of it is ``self.view``, the trainee's view.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame
import pygame_gui

from game.engine.view_models import TraineeView
from game.scenario.loader import load_scenario
from game.scenario.models import Scenario
from game.ui import charts, fonts, speedups
from game.ui.chrome import BOTTOM_H, STRIP_H, TOP_H, Chrome
from game.ui.dialogs import ConfirmDialog, draw_notice
from game.ui.i18n import LANGUAGES, Strings
from game.ui.paths import THEME
from game.ui.play import MODES, Play
from game.ui.screens.base import Screen
from game.ui.screens.names import Names
from game.ui.screens.registry import screen_class
from game.ui.shots import Recorder
from game.ui.widgets import Callbacks, Kit

SIZE = (1280, 720)
BACKGROUND = (24, 31, 42)


class Window:
    """Holds the window, the UI manager, the play-through and the screen on show."""

    def __init__(self, args: argparse.Namespace, size: tuple[int, int] = SIZE) -> None:
        self.started = time.perf_counter()
        self.size = size
        self.lang = args.lang if getattr(args, "lang", None) in LANGUAGES else "en"
        self.mode = args.mode if getattr(args, "mode", None) in MODES else "practice"
        self.trainee = getattr(args, "trainee", None) or ""
        self.scenario_path = str(getattr(args, "scenario", "") or "")
        self.seed: int | None = getattr(args, "seed", None)
        self.notice: str | None = None  # the last "please wait" notice drawn
        self._notice_at = 0.0
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
        self.status: tuple[str, str] = ("", "info")
        self.chrome = Chrome(self)
        self.dialog: ConfirmDialog | None = None
        self.screen: Screen | None = None
        self.screen_id: tuple[str, int] | None = None
        self.screen_changed = False
        self.running = True
        shots = getattr(args, "screenshot_dir", None)
        self.recorder = Recorder(Path(shots)) if shots else None
        self.bot: Any = None

    # ------------------------------------------------------------------ what is shown

    @property
    def view(self) -> TraineeView | None:
        """What the trainee may know now (None on the start screen); the engine builds it once
        between actions."""
        return self.play.game.view() if self.play is not None else None

    def names(self) -> Names:
        """The scenario's names in the interface language (a game must be on show)."""
        view = self.view
        assert view is not None
        return Names(view.brief, self.strings)

    def load(self, path: str) -> tuple[Scenario, str]:
        """The scenario file ``path`` and its sha256 (the one place the window loads one)."""
        return load_scenario(path)

    @property
    def content_rect(self) -> pygame.Rect:
        top = TOP_H + STRIP_H + 6
        return pygame.Rect(0, top, self.size[0], self.size[1] - top - BOTTOM_H)

    def kit(self) -> Kit:
        return Kit(self.manager, self.strings, self.manager.get_root_container(), Callbacks())

    def screen_key(self) -> str:
        view = self.view
        if view is None:
            return "start"
        if view.over:
            return "debrief"
        return view.phase

    def refresh(self, force: bool = False) -> None:
        """Redraw widgets from the trainee's view; switch screens when the phase changed."""
        key = self.screen_key()
        view = self.view
        ident = (key, view.round if view is not None else 0)
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

    def quit(self) -> None:
        self.running = False

    # ------------------------------------------------------------------ drawing and notices

    def draw(self, flip: bool = True) -> None:
        self.window.fill(BACKGROUND)
        if self.screen is not None:
            self.screen.draw_behind(self.window)
        self.manager.draw_ui(self.window)
        if flip:
            pygame.display.flip()

    def progress(self, text: str, done: float | None = None) -> None:
        """Show, before a step that may take a moment, that the window is working on it: the
        screen is drawn now with a notice (and a bar when ``done`` 0..1 is known)."""
        now = time.perf_counter()
        if done is not None and 0.0 < done < 1.0 and now - self._notice_at < 0.05:
            return  # a bar moved more often than the eye can see is time lost
        self._notice_at = now
        self.notice = text
        pygame.event.pump()
        self.draw(flip=False)
        draw_notice(self.window, text, done)
        pygame.display.flip()

    # ------------------------------------------------------------------ confirmations

    def confirm(self, title: str, message: str, on_ok: Callable[[], Any],
                ok_text: str | None = None) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = ConfirmDialog(self.kit(), title, message,
                                    ok_text or self.strings.t("dialog.ok"),
                                    self.strings.t("dialog.cancel"), on_ok, self.size)

    def irreversible_note(self) -> str:
        return self.strings.t("dialog.note." + (self.play.mode if self.play else "practice"))
