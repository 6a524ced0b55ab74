"""The window at any size: the screens are laid out on a logical 1280x720 canvas, which is shown
scaled to the window (aspect ratio kept, bands in the background colour), and the pointer is
mapped back onto the canvas, so every widget stays on screen and where the eye sees it."""

from __future__ import annotations

import pygame
import pygame_gui

MIN_SIZE = (640, 360)  # below this the text is no longer legible


class Viewport:
    """Where the logical canvas lands in a window of ``window`` pixels."""

    def __init__(self, logical: tuple[int, int], window: tuple[int, int]) -> None:
        self.logical = logical
        self.window = window
        lw, lh = logical
        ww, wh = window
        self.scale = min(ww / lw, wh / lh)
        w, h = max(1, round(lw * self.scale)), max(1, round(lh * self.scale))
        self.rect = pygame.Rect((ww - w) // 2, (wh - h) // 2, w, h)

    @property
    def identity(self) -> bool:
        """The window is the canvas's size: drawing goes straight to it."""
        return self.window == self.logical

    def to_logical(self, pos: tuple[int, int]) -> tuple[int, int]:
        """A point of the window as a point of the canvas."""
        if self.identity:
            return int(pos[0]), int(pos[1])
        return (int((pos[0] - self.rect.x) / self.scale), int((pos[1] - self.rect.y) / self.scale))

    def to_window(self, pos: tuple[int, int]) -> tuple[int, int]:
        """A point of the canvas as a point of the window (where a click must land)."""
        if self.identity:
            return int(pos[0]), int(pos[1])
        return (round(self.rect.x + (pos[0] + 0.5) * self.scale),
                round(self.rect.y + (pos[1] + 0.5) * self.scale))

    def present(self, canvas: pygame.Surface, display: pygame.Surface,
                background: tuple[int, int, int]) -> None:
        """Show ``canvas`` on ``display`` (nothing to do when they are one surface)."""
        if canvas is display:
            return
        if self.rect.size != display.get_size():
            display.fill(background)
        if self.rect.size == canvas.get_size():
            display.blit(canvas, self.rect)
        else:
            pygame.transform.smoothscale(canvas, self.rect.size, display.subsurface(self.rect))


def fit_size(size: tuple[int, int]) -> tuple[int, int]:
    """A window size no smaller than ``MIN_SIZE``."""
    return max(MIN_SIZE[0], int(size[0])), max(MIN_SIZE[1], int(size[1]))


def set_mode(size: tuple[int, int]) -> pygame.Surface:
    """The window at ``size``, resizable where the platform allows it."""
    try:
        return pygame.display.set_mode(size, pygame.RESIZABLE)
    except pygame.error:
        return pygame.display.set_mode(size)


def canvas(viewport: Viewport, display: pygame.Surface) -> pygame.Surface:
    """What the screens draw on: the window itself at the logical size, else a surface of that
    size shown scaled."""
    if viewport.identity:
        return display
    return pygame.Surface(viewport.logical).convert(display)


class ScaledManager(pygame_gui.UIManager):
    """A UIManager that reads the pointer through the viewport (pygame_gui passes every pointer
    position through ``calculate_scaled_mouse_position``)."""

    viewport: Viewport | None = None

    def calculate_scaled_mouse_position(self, position: tuple[int, int]) -> tuple[int, int]:
        if self.viewport is None:
            return super().calculate_scaled_mouse_position(position)
        return self.viewport.to_logical(position)
