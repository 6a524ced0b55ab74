"""The window itself: one pygame display, one UIManager, the screen on show, the status line,
"please wait" notices and confirmation dialogs.

``Window`` is the bottom of the app's layers (``game.ui.app`` lists them); the play-through it
shows is ``self.play``, and what the screens read of it is ``self.view``, the trainee's view.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame

from game.engine.view_models import TraineeView
from game.scenario.loader import load_scenario
from game.scenario.models import Scenario
from game.text.locale import default_lang
from game.ui import charts, fonts, speedups, splash
from game.ui.chrome import BOTTOM_H, STRIP_H, TOP_H, Chrome
from game.ui.dialogs import ConfirmDialog, draw_notice
from game.ui.i18n import LANGUAGES, Strings
from game.ui.paths import THEME
from game.ui.play import MODES, Play
from game.ui.screens.base import Screen
from game.ui.screens.names import Names
from game.ui.screens.start import StartScreen
from game.ui.shots import Recorder
from game.ui.viewport import ScaledManager, Viewport, canvas, fit_size, set_mode
from game.ui.widgets import Callbacks, Kit

SIZE = (1280, 720)  # the logical canvas every screen is laid out on
BACKGROUND = (24, 31, 42)
FIRST_FRAME_ENV = "SALES_DOJO_FIRST_FRAME"  # a file: the first frame's time (and PNG), then quit


class Window:
    """Holds the window, the UI manager, the play-through and the screen on show."""

    def __init__(self, args: argparse.Namespace, size: tuple[int, int] = SIZE) -> None:
        self.started = time.perf_counter()
        self.size = size
        self.lang_chosen = getattr(args, "lang", None) in LANGUAGES  # else a resumed session's
        self.lang = args.lang if self.lang_chosen else default_lang()
        self.mode = args.mode if getattr(args, "mode", None) in MODES else "practice"
        self.trainee = getattr(args, "trainee", None) or ""
        self.scenario_path = str(getattr(args, "scenario", "") or "")
        self.seed: int | None = getattr(args, "seed", None)
        self.resized_at: float | None = None  # the window's size changed, not yet kept
        self.notice: str | None = None  # the last "please wait" notice drawn
        self._notice_at = 0.0
        speedups.install()
        # Only what the window uses: the game has no sound, and opening the mixer on a machine
        # without a sound card fills stderr with the sound library's complaints.
        pygame.display.init()
        pygame.font.init()
        fonts.reset()
        charts.reset()
        pygame.display.set_caption("Sales Dojo")
        self.display = set_mode(fit_size(getattr(args, "size", None) or size))
        self.viewport = Viewport(size, self.display.get_size())
        self.window = canvas(self.viewport, self.display)
        if splash.shown_at is None:  # else the splash stays on show until the first frame
            # The window shows the background at once, never black while the rest loads.
            self.display.fill(BACKGROUND)
            pygame.display.flip()
        pygame.key.set_repeat(400, 40)
        # Language 'zh' makes Noto Sans SC the default face, and the theme names it for every
        # element: Chinese never renders as tofu, whatever the interface language.
        self.manager = ScaledManager(size, str(THEME), enable_live_theme_updates=False,
                                     starting_language="zh")
        self.manager.viewport = self.viewport
        fonts.preload(self.manager)
        self.strings = Strings(self.lang)
        self.play: Play | None = None
        self.status: tuple[str, str] = ("", "info")
        self.handoff: str | None = None  # a manager scenario picked on the start screen
        self.handoff_size: tuple[int, int] | None = None
        self.chrome = Chrome(self)
        self.dialog: ConfirmDialog | None = None
        self.screen: Screen | None = None
        self.screen_id: tuple[str, int] | None = None
        self.screen_changed = False
        self.running = True
        shots = getattr(args, "screenshot_dir", None)
        self.recorder = Recorder(Path(shots)) if shots else None
        self.bot: Any = None

    # ------------------------------------------------------------------ the window's size

    @property
    def window_size(self) -> tuple[int, int]:
        return self.display.get_size()

    def resize(self, size: tuple[int, int]) -> None:
        """Follow the window to ``size`` (a resize by the user, or a resumed session's size):
        the layout stays, scaled to fit."""
        size = fit_size(size)
        if pygame.display.get_surface() is None or self.display.get_size() != size:
            self.display = set_mode(size)
        else:
            self.display = pygame.display.get_surface()
        self.viewport = Viewport(self.size, self.display.get_size())
        self.manager.viewport = self.viewport
        self.window = canvas(self.viewport, self.display)
        self.resized_at = time.perf_counter()  # kept with the session once the drag is over

    def remember_window(self) -> None:
        """Keep the session's language and window size (the records layer stores them)."""

    # ------------------------------------------------------------------ what is shown

    @property
    def view(self) -> TraineeView | None:
        """What the trainee may know now (None on the start screen); the engine builds it once
        between actions."""
        return self.play.game.view() if self.play is not None else None

    def names(self) -> Names:
        """The scenario's names in the interface language (a game must be on show)."""
        view = self.view
        if view is None:
            raise RuntimeError("names are asked for with no game on show")
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
            if key == StartScreen.key:
                self.screen = StartScreen(self)
            else:  # the game's screens are imported once a game is on show, not before
                from game.ui.screens.registry import screen_class

                self.screen = screen_class(key)(self)
            self.screen_id = ident
            self.screen_changed = True
        self.chrome.build()
        self.screen.rebuild()

    def set_status(self, text: str, kind: str = "info") -> None:
        self.status = (text, kind)

    def set_language(self, lang: str) -> None:
        """The trainee picks the interface language."""
        self.lang_chosen = True
        self.use_language(lang)
        self.remember_window()

    def use_language(self, lang: str) -> None:
        self.lang = lang
        self.strings = Strings(lang)
        self.refresh(force=True)

    def quit(self) -> None:
        self.running = False

    def hand_off(self, path: str) -> None:
        """Close this window so that the manager track's window opens on ``path``, at this
        window's size."""
        self.handoff = path
        self.handoff_size = self.window_size
        self.running = False

    # ------------------------------------------------------------------ drawing and notices

    def draw(self, flip: bool = True) -> None:
        self.window.fill(BACKGROUND)
        if self.screen is not None:
            self.screen.draw_behind(self.window)
        self.manager.draw_ui(self.window)
        self.draw_over(self.window)
        if flip:
            self.present()

    def draw_over(self, surface: pygame.Surface) -> None:
        """What a higher layer draws over the widgets (the tour's outline); nothing here."""

    def present(self) -> None:
        """Show the canvas in the window, scaled to its size."""
        self.viewport.present(self.window, self.display, BACKGROUND)
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
        self.present()

    # ------------------------------------------------------------------ confirmations

    def confirm(self, title: str, message: str, on_ok: Callable[[], Any],
                ok_text: str | None = None, cancel_text: str | None = None) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = ConfirmDialog(self.kit(), title, message,
                                    ok_text or self.strings.t("dialog.ok"),
                                    cancel_text or self.strings.t("dialog.cancel"), on_ok,
                                    self.size)

    def irreversible_note(self, ends_game: bool = False) -> str:
        """Whether the step can be taken back: in practice it can, except the step that ends a
        recorded game (a finished session is final)."""
        play = self.play
        final = play is None or play.mode != "practice" or (ends_game and play.recorded is not None)
        return self.strings.t("dialog.note." + ("assessment" if final else "practice"))
