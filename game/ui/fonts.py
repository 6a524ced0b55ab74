"""The one face the window uses: Noto Sans SC (Simplified Chinese, covers Latin too, OFL).

It ships inside pygame_gui (``pygame_gui/data``); we load it by package resource so no copy is
needed. Never a CJK *collection* (.ttc): its first face is Japanese.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

import pygame
import pygame_gui

FONT_PACKAGE = "pygame_gui.data"
REGULAR_FILE = "NotoSansSC-Regular.otf"
BOLD_FILE = "NotoSansSC-Bold.otf"
FONT_NAME = "dojo_sc"  # the name the theme gives the face

# (size, bold) pairs the theme uses; preloaded at start so no frame waits for a font.
SIZES: tuple[tuple[int, bool], ...] = (
    (12, False), (13, False), (14, False), (14, True), (16, True), (20, True), (22, True),
)


def font_file(bold: bool = False) -> Path:
    """A filesystem path to the face (the package is installed unzipped)."""
    resource = files(FONT_PACKAGE) / (BOLD_FILE if bold else REGULAR_FILE)
    with as_file(resource) as path:
        return Path(path)


def preload(manager: pygame_gui.UIManager) -> None:
    """Load every size the theme uses now rather than on first use."""
    fonts = manager.get_theme().get_font_dictionary()
    for size, bold in SIZES:
        font_id = fonts.create_font_id(size, FONT_NAME, bold, False, True)
        if not fonts.check_font_preloaded(font_id):
            fonts.preload_font(size, FONT_NAME, bold, False, True)


_MEASURES: dict[tuple[int, bool], Callable[[str], int]] = {}
_FACES: dict[tuple[int, bool], pygame.font.Font] = {}


def reset() -> None:
    """Forget fonts opened before ``pygame.quit()`` (they are invalid after it)."""
    _MEASURES.clear()
    _FACES.clear()


def face(size: int = 14, bold: bool = False) -> pygame.font.Font:
    """The face at ``size`` as a pygame font (opened once: opening it takes ~10 ms)."""
    key = (size, bold)
    if key not in _FACES:
        _FACES[key] = pygame.font.Font(str(font_file(bold)), size)
    return _FACES[key]


def measurer(manager: pygame_gui.UIManager | None = None, size: int = 14,
             bold: bool = False) -> Callable[[str], int]:
    """A cached ``text -> width`` function for the face the widgets draw with.

    It asks pygame's own ``Font.size`` (no rendering), so laying out a screen stays cheap. With
    ``manager``, the face the manager already loaded measures (the same widths), so no second
    copy of the large CJK face is opened before the first frame.
    """
    key = (size, bold)
    if key not in _MEASURES:
        font: Any = None
        if manager is not None:
            fonts = manager.get_theme().get_font_dictionary()
            if fonts.check_font_preloaded(fonts.create_font_id(size, FONT_NAME, bold, False, True)):
                font = fonts.find_font(size, FONT_NAME, bold, False, True)
        if font is None:
            font = face(size, bold)

        @lru_cache(maxsize=50_000)
        def measure(text: str) -> int:
            return font.size(text)[0] if text else 0

        _MEASURES[key] = measure
    return _MEASURES[key]
