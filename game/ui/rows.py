"""A long list of styled text lines, drawn a screenful at a time (the debrief's timeline).

The lines are broken into rows once (``wrap_rows``); a ``RowView`` then renders only the rows in
view onto one image beside a pygame_gui scroll bar, and caches each row it has rendered. A list
of hundreds of rows opens and scrolls as fast as a short one, where a ``UITextBox`` would lay out
and render every row first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame
from pygame_gui.core import UIContainer
from pygame_gui.elements import UIImage, UIVerticalScrollBar

from game.ui import charts
from game.ui.widgets import oid

if TYPE_CHECKING:
    from game.ui.widgets import Kit

ROW_H = 26
PAD_X, PAD_Y = 8, 6
SCROLL_W = 20
FONT_SIZE = 14
BG = (31, 41, 54)  # the theme's text box: dark_bg and border
BORDER = (52, 69, 90)
COLOURS: dict[str | None, tuple[int, int, int]] = {
    None: (232, 238, 245), "b": (232, 238, 245), "good": (95, 214, 154), "bad": (255, 138, 128),
    "muted": (182, 195, 209), "warn": (245, 196, 81), "head": (159, 208, 255),
}
BOLD = frozenset({"b", "head"})


@dataclass(frozen=True)
class Row:
    text: str
    style: str | None


def text_width(view_width: int) -> int:
    """The width rows are broken to in a view ``view_width`` pixels wide."""
    return view_width - SCROLL_W - 2 * PAD_X - 4


def wrap_rows(kit: Kit, lines: Sequence[tuple[str, str | None]], view_width: int) -> list[Row]:
    """``(text, style)`` lines broken into rows for a view ``view_width`` wide."""
    width = text_width(view_width)
    rows: list[Row] = []
    for text, style in lines:
        cls = "@primary" if style in BOLD else None
        rows.extend(Row(part, style) for part in kit.wrap(text, width, cls))
    return rows


class RowView:
    """Rows in a box ``w`` x ``h`` with a scroll bar; ``update()`` once a frame follows it."""

    def __init__(self, kit: Kit, x: int, y: int, w: int, h: int, rows: Sequence[Row],
                 object_id: str) -> None:
        self.rows = list(rows)
        self.size = (w - SCROLL_W, h)
        self.visible = max(1, (h - 2 * PAD_Y) // ROW_H)
        self.first = 0
        self.rendered: dict[int, pygame.Surface] = {}
        self.box = UIContainer(pygame.Rect(x, y, w, h), kit.manager, container=kit.container)
        self.image = UIImage(pygame.Rect((0, 0), self.size), pygame.Surface(self.size), kit.manager,
                             container=self.box, object_id=oid(object_id))
        self.bar: UIVerticalScrollBar | None = None
        self.bar_at = 0.0  # the scroll bar's position last followed
        if len(self.rows) > self.visible:
            self.bar = UIVerticalScrollBar(pygame.Rect(w - SCROLL_W, 0, SCROLL_W, h),
                                           self.visible / len(self.rows), kit.manager,
                                           container=self.box)
            self.bar.set_container_to_check_hover_for_mousewheel_events(self.box)
        self.draw()

    @property
    def last_first(self) -> int:
        """The first row shown when scrolled to the end."""
        return max(0, len(self.rows) - self.visible)

    def _row(self, i: int) -> pygame.Surface:
        surface = self.rendered.get(i)
        if surface is None:
            row = self.rows[i]
            font = charts.font(FONT_SIZE, row.style in BOLD)
            surface = font.render(row.text, True, COLOURS.get(row.style, COLOURS[None]))
            self.rendered[i] = surface
        return surface

    def draw(self) -> None:
        surface = pygame.Surface(self.size)
        surface.fill(BG)
        pygame.draw.rect(surface, BORDER, surface.get_rect(), 1)
        for k in range(self.visible):
            i = self.first + k
            if i >= len(self.rows):
                break
            row = self._row(i)
            surface.blit(row, (PAD_X, PAD_Y + k * ROW_H + (ROW_H - row.get_height()) // 2))
        self.image.set_image(surface)

    def update(self) -> None:
        """Follow the scroll bar (dragged, its arrows, or the mouse wheel over the box)."""
        if self.bar is None or self.bar.start_percentage == self.bar_at:
            return
        self.bar_at = self.bar.start_percentage
        first = min(self.last_first, round(self.bar_at * len(self.rows)))
        if first != self.first:
            self.first = first
            self.draw()

    def scroll_to(self, first: int) -> None:
        """Show rows from ``first`` on (clamped), moving the scroll bar with them."""
        first = max(0, min(self.last_first, first))
        if self.bar is not None:
            self.bar.set_scroll_from_start_percentage(first / len(self.rows))
            self.bar_at = self.bar.start_percentage
        if first != self.first:
            self.first = first
            self.draw()

    def scroll_by(self, rows: int) -> None:
        self.scroll_to(self.first + rows)
