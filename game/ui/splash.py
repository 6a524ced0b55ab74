"""The window's first frame, drawn before the game's modules are loaded: the background and the
game's name, so the window never shows black (or nothing) while the start screen is built.

It uses pygame's display and font modules only, and the face pygame_gui ships, found without
importing pygame_gui. ``Window`` takes the same window over.
"""

from __future__ import annotations

import json
import time
from importlib.util import find_spec
from pathlib import Path

import pygame

from game.ui.paths import ASSETS

BACKGROUND = (24, 31, 42)  # the window's background (``window.BACKGROUND``)
TITLE = (232, 238, 246)

shown_at: float | None = None  # wall-clock time the splash was shown (the start-up bench reads it)


def _face_file() -> Path | None:
    spec = find_spec("pygame_gui")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "NotoSansSC-Bold.otf"
    return path if path.exists() else None


def _strings(lang: str) -> dict[str, str]:
    try:
        data = json.loads((ASSETS / "i18n" / f"{lang}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def show(size: tuple[int, int], lang: str) -> None:
    """Open the window at ``size`` and draw the game's name on its background."""
    global shown_at
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_caption("Sales Dojo")
    try:
        surface = pygame.display.set_mode(size, pygame.RESIZABLE)
    except pygame.error:
        surface = pygame.display.set_mode(size)
    surface.fill(BACKGROUND)
    title = _strings(lang).get("app.title", "")
    face = _face_file()
    if face is not None and title:
        points = max(12, round(44 * min(size[0] / 1280, size[1] / 720)))
        image = pygame.font.Font(str(face), points).render(title, True, TITLE)
        surface.blit(image, image.get_rect(center=surface.get_rect().center))
    pygame.display.flip()
    shown_at = time.time()
