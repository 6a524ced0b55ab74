"""Screenshots: a PNG of every screen the window passes (``--screenshot-dir``)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from game.ui.app import App


class Recorder:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.count = 0
        self.saved: list[Path] = []
        self.last: object = None

    def capture_new(self, app: App) -> Path | None:
        """Save the window if it shows a screen not saved just before."""
        ident = (app.screen_id, app.lang)
        if ident == self.last:
            return None
        self.last = ident
        return self.capture(app)

    def capture(self, app: App, name: str | None = None) -> Path:
        """Save the window as it is now, as ``NN-<screen>[-rN].png`` or ``NN-<name>.png``."""
        if name is None:
            key, round_ = app.screen_id or ("screen", 0)
            name = f"{key}-r{round_}" if round_ else key
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") or "screen"
        path = self.directory / f"{self.count:02d}-{safe}.png"
        pygame.image.save(app.display, str(path))  # what the eye sees, at the window's size
        self.count += 1
        self.saved.append(path)
        return path
