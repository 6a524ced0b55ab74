"""A confirmation dialog before irreversible steps (sign, walk away, end a phase or round)."""

from __future__ import annotations

import html
from collections.abc import Callable

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UITextBox, UIWindow

from game.ui import linebreak
from game.ui.widgets import Kit

WIDTH, HEIGHT = 520, 250


class ConfirmDialog:
    """A blocking window with a message, OK (Enter) and Cancel (Esc)."""

    def __init__(self, kit: Kit, title: str, message: str, ok_text: str, cancel_text: str,
                 on_ok: Callable[[], None], window_size: tuple[int, int]) -> None:
        self.on_ok = on_ok
        rect = pygame.Rect(0, 0, WIDTH, HEIGHT)
        rect.center = (window_size[0] // 2, window_size[1] // 2)
        self.window = UIWindow(rect, kit.manager, window_display_title=kit.fit(title, WIDTH - 80),
                               object_id=ObjectID("#confirm_dialog"), draggable=False)
        self.window.set_blocking(True)
        container = self.window
        inner_w = self.window.get_container().get_rect().width
        inner_h = self.window.get_container().get_rect().height
        lines = linebreak.wrap(message, inner_w - 40 - 16, kit.measure())
        body = "\n".join(html.escape(line) for line in lines)
        self.text = UITextBox(body, pygame.Rect(12, 10, inner_w - 24, inner_h - 70), kit.manager,
                              container=container, allow_split_dashes=False)
        bw = 150
        self.ok = UIButton(pygame.Rect(inner_w - 2 * bw - 24, inner_h - 50, bw, 36),
                           kit.fit(ok_text, bw - 12, "@primary"), kit.manager, container=container,
                           object_id=ObjectID("#confirm_ok", "@primary"))
        self.cancel = UIButton(pygame.Rect(inner_w - bw - 12, inner_h - 50, bw, 36),
                               kit.fit(cancel_text, bw - 12), kit.manager, container=container,
                               object_id=ObjectID("#confirm_cancel"))

    @property
    def alive(self) -> bool:
        return self.window.alive()

    def close(self) -> None:
        self.window.kill()

    def handle(self, event: pygame.event.Event) -> str | None:
        """'ok' or 'cancel' when the event answers the dialog, else None."""
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.ok:
                return "ok"
            if event.ui_element is self.cancel:
                return "cancel"
        if event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.window:
            return "cancel"
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                return "ok"
            if event.key == pygame.K_ESCAPE:
                return "cancel"
        return None
