"""What every screen is: a container of widgets rebuilt from the trainee's view after each action.

A screen of the game reads ``self.view`` (the frozen ``TraineeView``: what a rep may know) and
``self.events`` (the event log, which carries nothing derived from the hidden truth); it never
reaches into the engine's live objects. Only the debrief, after the game, may read more.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import pygame
from pygame_gui.core import UIContainer

from game.engine.events import Event
from game.engine.phases import COURSEWARE, Phase
from game.engine.view_models import ScenarioBrief, TraineeView
from game.ui.widgets import Callbacks, Kit

if TYPE_CHECKING:
    from game.engine.game import Game
    from game.ui.app import App

MARGIN = 16


class Screen:
    """Subclasses set ``key`` and ``phase`` and implement ``build``."""

    key: ClassVar[str] = ""
    phase: ClassVar[Phase | None] = None
    full_window: ClassVar[bool] = False  # no top bar, phase strip or bottom bar

    def __init__(self, app: App) -> None:
        self.app = app
        self.callbacks = Callbacks()
        rect = pygame.Rect((0, 0), app.size) if self.full_window else app.content_rect
        self.root = UIContainer(rect, app.manager)
        self.kit = Kit(app.manager, app.strings, self.root, self.callbacks)

    # ------------------------------------------------------------------ shortcuts

    @property
    def game(self) -> Game:
        """The engine's game: plumbing and the debrief only (a phase's screen reads the view)."""
        if self.app.play is None:
            raise RuntimeError("a screen read the game with no game on show")
        return self.app.play.game

    @property
    def view(self) -> TraineeView:
        """What the trainee may know now."""
        view = self.app.view
        if view is None:
            raise RuntimeError("a screen read the view with no game on show")
        return view

    @property
    def brief(self) -> ScenarioBrief:
        """The scenario's public parts."""
        return self.view.brief

    @property
    def events(self) -> Sequence[Event]:
        """The event log so far (read-only)."""
        if self.app.play is None:
            raise RuntimeError("a screen read the game with no game on show")
        return self.app.play.game.events

    @property
    def width(self) -> int:
        return self.root.get_rect().width

    @property
    def height(self) -> int:
        return self.root.get_rect().height

    def t(self, key: str, /, **fields: object) -> str:
        return self.app.strings.t(key, **fields)

    def submit(self, action: Any) -> bool:
        return self.app.submit(action)

    # ------------------------------------------------------------------ life cycle

    def build(self, view: TraineeView | None) -> None:
        raise NotImplementedError

    def rebuild(self) -> None:
        self.callbacks.clear()
        self.root.clear()
        self.build(self.app.view)

    def destroy(self) -> None:
        self.callbacks.clear()
        self.root.kill()

    def update(self, dt: float) -> None:
        """Per-frame work (most screens have none)."""

    def draw_behind(self, surface: pygame.Surface) -> None:
        """Drawing under the widgets (most screens have none)."""

    def on_key(self, key: int, mod: int) -> bool:
        """A key the app did not handle; True if used."""
        return False

    def on_next(self) -> None:
        """Enter / the Next button: by default, end the phase after a confirmation."""
        self.app.confirm_end_phase()

    # ------------------------------------------------------------------ common pieces

    def header(self, title: str, phase: Phase | None = None) -> int:
        """The screen's title and the courseware sections it practises; returns the next y."""
        kit = self.kit
        phase = phase or self.phase
        kit.label(MARGIN, 4, 420, title, "@title", object_id="#screen_title", h=34)
        if phase is not None:
            ids = COURSEWARE[phase]
            shown = self.t("cw.practises", ids=" · ".join(ids))
            names = "\n".join(f"{cw} {self.t('cw.' + cw.lower().replace('-', '_'))}" for cw in ids)
            kit.value(440, 8, self.width - 440 - MARGIN, shown, names, "@muted",
                      object_id="#courseware")
        return 44
