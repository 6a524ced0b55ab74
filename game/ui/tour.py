"""The guided first round: marks that point at the window's parts, screen by screen, on a
trainee's first game in practice. A mark is a small panel beside its widget, which is outlined;
"Next" moves on, "Skip the tour" ends it, and the tour ends by itself after the first round."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UIWindow

from game.text import linebreak
from game.ui.help_content import TourMark, help_content
from game.ui.widgets import Callbacks, Kit

DONE_KEY = "tour.done"  # the records' meta key set once the tour was finished or skipped
PANEL_W, PANEL_H = 380, 170
OUTLINE = (245, 196, 81)


class Tour:
    """Which marks are left, and the panel of the one on show."""

    def __init__(self, marks: list[TourMark] | None = None) -> None:
        self.marks = list(help_content().tour if marks is None else marks)
        self.seen: set[int] = set()
        self.current: int | None = None
        self.panel: TourPanel | None = None
        self.over = False

    def next_for(self, screen: str) -> int | None:
        """The first mark of ``screen`` not yet seen."""
        return next((i for i, m in enumerate(self.marks) if m.screen == screen and i not in self.seen), None)

    def show(self, kit: Kit, screen: str, window_size: tuple[int, int], target: pygame.Rect | None) -> None:
        """Put up the next mark of ``screen`` (or nothing when its marks are all seen)."""
        self.hide()
        i = self.next_for(screen)
        if i is None or self.over:
            return
        self.current = i
        self.panel = TourPanel(kit, self.marks[i], window_size, target, last=i == len(self.marks) - 1)

    def advance(self) -> None:
        """The mark on show is read."""
        if self.current is not None:
            self.seen.add(self.current)
        self.hide()
        if len(self.seen) == len(self.marks):
            self.over = True

    def hide(self) -> None:
        if self.panel is not None:
            self.panel.close()
        self.panel, self.current = None, None

    def end(self) -> None:
        self.hide()
        self.over = True

    @property
    def target(self) -> str | None:
        return self.marks[self.current].target if self.current is not None else None


class TourPanel:
    """The mark's words with Next and Skip, placed beside its widget and inside the window."""

    def __init__(self, kit: Kit, mark: TourMark, window_size: tuple[int, int], target: pygame.Rect | None,
                 last: bool) -> None:
        t = kit.s.t
        rect = pygame.Rect(0, 0, PANEL_W, PANEL_H)
        if target is None:
            rect.center = (window_size[0] // 2, window_size[1] // 2)
        else:  # below the widget when there is room, else above it; kept inside the window
            rect.midtop = (target.centerx, target.bottom + 12)
            if rect.bottom > window_size[1] - 8:
                rect.midbottom = (target.centerx, target.top - 12)
            rect.clamp_ip(pygame.Rect(8, 8, window_size[0] - 16, window_size[1] - 16))
        self.window = UIWindow(rect, kit.manager, window_display_title=t("tour.title"),
                               object_id=ObjectID("#tour_panel"), draggable=False)
        inner = self.window.get_container().get_rect()
        sub = Kit(kit.manager, kit.s, self.window, Callbacks())
        text = linebreak.tidy(mark.text(kit.s.lang))
        sub.paragraph(8, 4, inner.width - 16, inner.height - 52, text, object_id="#tour_text")
        self.next = UIButton(pygame.Rect(inner.width - 128, inner.height - 42, 120, 34),
                             t("tour.done" if last else "tour.next"), kit.manager, container=self.window,
                             object_id=ObjectID("#tour_next", "@primary"))
        self.skip = UIButton(pygame.Rect(8, inner.height - 42, 150, 34), t("tour.skip"), kit.manager,
                             container=self.window, object_id=ObjectID("#tour_skip"))

    def close(self) -> None:
        self.window.kill()

    def answer(self, event: pygame.event.Event) -> str | None:
        """'next' or 'skip' when the event presses one of the panel's buttons."""
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.next:
                return "next"
            if event.ui_element is self.skip:
                return "skip"
        if event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.window:
            return "skip"
        return None


def widget_rect(manager: Any, object_id: str) -> pygame.Rect | None:
    """Where the widget ``object_id`` is on the canvas (None when it is not on show)."""
    for element in manager.get_sprite_group().sprites():
        ids = getattr(element, "object_ids", None) or []
        if ids and ids[-1] == object_id and element.alive() and getattr(element, "visible", True):
            return element.get_abs_rect()
    return None


def outline(surface: pygame.Surface, rect: pygame.Rect) -> None:
    """The mark's widget, outlined so the eye finds it."""
    pygame.draw.rect(surface, OUTLINE, rect.inflate(8, 8), 3, border_radius=6)
