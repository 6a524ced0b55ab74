"""What every screen is: a container of widgets rebuilt from the engine's view after each action."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import pygame
from pygame_gui.core import UIContainer

from game.engine.phases import COURSEWARE, Phase
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
        assert self.app.play is not None
        return self.app.play.game

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

    def build(self, view: dict[str, Any] | None) -> None:
        raise NotImplementedError

    def rebuild(self) -> None:
        self.callbacks.clear()
        self.root.clear()
        self.build(self.app.play.game.view() if self.app.play else None)

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
