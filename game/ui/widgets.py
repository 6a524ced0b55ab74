"""Widget helpers: every screen builds its widgets through a ``Kit`` bound to one container.

The kit applies the window's rules in one place: strings come from the catalogue, long text is
broken with ``linebreak.wrap`` (never pygame_gui's own space-only wrapping), labels that would not
fit are shortened with an ellipsis instead of being clipped, tooltips are wrapped the same way,
and every control gets an object id (``#...``) so a script or test can click it.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import (
    UIButton,
    UIDropDownMenu,
    UIHorizontalSlider,
    UIImage,
    UILabel,
    UIPanel,
    UIProgressBar,
    UITextBox,
    UITextEntryLine,
)

from game.text import linebreak
from game.ui import fonts

if TYPE_CHECKING:
    from pygame_gui.core.interfaces import IContainerLikeInterface

    from game.scenario.text import Text
    from game.ui.i18n import Strings

# Font (size, bold) of each text class in assets/theme.json.
CLASS_FONTS: dict[str | None, tuple[int, bool]] = {
    None: (14, False),
    "@small": (12, False),
    "@muted": (13, False),
    "@heading": (16, True),
    "@title": (22, True),
    "@big": (20, True),
    "@primary": (14, True),
    "@tip": (13, False),
}
TOOLTIP_WIDTH = 290  # text width inside the themed 320-pixel tooltip
TOOLTIP_FRAME = 30  # the tooltip's width beyond its text (padding and border)
TOOLTIP_LINE_H = 25  # a tooltip line's height: the 13-pixel text with its spacing
TOOLTIP_WIDEN = 150  # how much wider a tip grows each time it would not fit its room

Callback = Callable[..., None]


class Bar(UIProgressBar):
    """A progress bar that shows our own text (or none) instead of "12.0/100.0"."""

    def __init__(self, rect: pygame.Rect, manager: pygame_gui.UIManager, text: str = "",
                 **kwargs: Any) -> None:
        self.text = text  # before the base class asks for it (it loads a font only if needed)
        super().__init__(rect, manager, **kwargs)

    def status_text(self) -> str | None:
        return self.text or None


class Callbacks:
    """What to do when a widget is used: button press, option picked, slider moved, text typed."""

    def __init__(self) -> None:
        self.table: dict[Any, Callback] = {}

    def add(self, element: Any, fn: Callback | None) -> None:
        if fn is not None:
            self.table[element] = fn

    def clear(self) -> None:
        self.table.clear()

    def dispatch(self, event: pygame.event.Event) -> bool:
        """Run the callback of a pygame_gui event; True if there was one."""
        element = getattr(event, "ui_element", None)
        fn = self.table.get(element)
        if fn is None:
            return False
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            fn()
        elif event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            fn(event.selected_option_id)
        elif event.type == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED:
            fn(event.value)
        elif event.type in (pygame_gui.UI_TEXT_ENTRY_CHANGED, pygame_gui.UI_TEXT_ENTRY_FINISHED):
            fn(event.text)
        else:
            return False
        return True


def oid(object_id: str | None, cls: str | None = None) -> ObjectID | None:
    if object_id is None and cls is None:
        return None
    return ObjectID(object_id=object_id, class_id=cls)


class Kit:
    """Builds widgets inside ``container`` (positions are relative to it)."""

    def __init__(
        self,
        manager: pygame_gui.UIManager,
        strings: Strings,
        container: IContainerLikeInterface,
        callbacks: Callbacks,
    ) -> None:
        self.manager = manager
        self.s = strings
        self.lang = strings.lang
        self.container = container
        self.callbacks = callbacks
        self._measures: dict[tuple[int, bool], Callable[[str], int]] = {}

    # ------------------------------------------------------------------ text

    def t(self, key: str, /, **fields: object) -> str:
        return self.s.t(key, **fields)

    def pick(self, text: Text | None) -> str:
        """Scenario text in the chosen language (falling back to the other)."""
        return "" if text is None else linebreak.tidy(text.pick(self.lang))

    def measure(self, cls: str | None = None) -> Callable[[str], int]:
        key = CLASS_FONTS.get(cls, CLASS_FONTS[None])
        if key not in self._measures:
            self._measures[key] = fonts.measurer(self.manager, *key)
        return self._measures[key]

    def fit(self, text: str, width: int, cls: str | None = None) -> str:
        """``text`` shortened with an ellipsis so it fits ``width`` pixels."""
        return linebreak.fit(text, width, self.measure(cls))

    def fit_words(self, text: str, width: int, cls: str | None = None) -> str:
        """Like ``fit``, but a name with spaces is shortened at a word's end ("Huaxia Commercial
        Bank…", never "… Bank (Sha…"); text without spaces (Chinese) as ``fit`` does."""
        measure = self.measure(cls)
        if measure(text) <= width:
            return text
        words = text.split(" ")
        for n in range(len(words) - 1, 0, -1):
            shortened = " ".join(words[:n]).rstrip(" ,;:·-(") + "…"
            if measure(shortened) <= width:
                return shortened
        return self.fit(text, width, cls)

    def wrap(self, text: str, width: int, cls: str | None = None) -> list[str]:
        return linebreak.wrap(text, width, self.measure(cls))

    def fitted_tip(self, text: str | None, room: int) -> tuple[str | None, int | None]:
        """Tooltip HTML (wrapped by our line breaker, escaped) and the tooltip's width: the
        themed width, or wider, as little as lets a long tip (a competency with all its
        indicators) stand in ``room`` pixels of height instead of running off the screen
        (width None: the theme's)."""
        if not text:
            return None, None
        measure = self.measure("@tip")
        window_w = self.manager.window_resolution[0]
        width = TOOLTIP_WIDTH
        lines = linebreak.wrap(text, width, measure)
        while (len(lines) + 1) * TOOLTIP_LINE_H > room \
                and width + TOOLTIP_WIDEN + TOOLTIP_FRAME <= window_w:
            width += TOOLTIP_WIDEN
            lines = linebreak.wrap(text, width, measure)
        tip = "<br>".join(html.escape(line) for line in lines)
        return tip, (None if width == TOOLTIP_WIDTH else width + TOOLTIP_FRAME)

    def _tipped(self, element: UIButton, text: str | None) -> UIButton:
        """``element`` with ``text`` as its tooltip. The tooltip opens just below the element or,
        where it does not fit there, just above it; it is made as wide as it needs to fit the
        larger of the two."""
        window_h = self.manager.window_resolution[1]
        room = max(element.rect.top, window_h - element.rect.bottom)
        tip, width = self.fitted_tip(text, room)
        if tip is not None:
            element.set_tooltip(tip, wrap_width=width)
        return element

    # ------------------------------------------------------------------ widgets

    def label(self, x: int, y: int, w: int, text: str, cls: str | None = None,
              object_id: str | None = None, h: int = 24) -> UILabel:
        size = CLASS_FONTS.get(cls, CLASS_FONTS[None])[0]
        h = max(h, size + 10)
        return UILabel(pygame.Rect(x, y, w, h), self.fit(text, w - 4, cls), self.manager,
                       container=self.container, object_id=oid(object_id, cls))

    def lines(self, x: int, y: int, w: int, text: str, cls: str | None = None,
              line_h: int = 22, max_lines: int = 4) -> int:
        """Wrapped text as one label per line (no box); returns the y below it."""
        wrapped = self.wrap(text, w - 6, cls)
        if len(wrapped) > max_lines:
            wrapped = [*wrapped[: max_lines - 1], self.fit(" ".join(wrapped[max_lines - 1:]), w - 6, cls)]
        for line in wrapped:
            self.label(x, y, w, line, cls, h=line_h)
            y += line_h
        return y

    def value(self, x: int, y: int, w: int, text: str, tip: str | None,
              cls: str | None = None, object_id: str | None = None, h: int = 24) -> UIButton:
        """A number the trainee must interpret: flat text with a tooltip that explains it."""
        classes = "@value" if cls is None else f"@value{cls.replace('@', '_')}"
        button = UIButton(pygame.Rect(x, y, w, h), self.fit(text, w - 6, cls), self.manager,
                          container=self.container, object_id=oid(object_id, classes))
        return self._tipped(button, tip)

    def button(self, x: int, y: int, w: int, text: str, object_id: str,
               on_click: Callback | None = None, tip: str | None = None,
               cls: str | None = None, h: int = 32, enabled: bool = True) -> UIButton:
        button = self._tipped(UIButton(pygame.Rect(x, y, w, h), self.fit(text, w - 12, cls),
                                       self.manager, container=self.container,
                                       object_id=oid(object_id, cls)), tip)
        if not enabled:
            button.disable()
        self.callbacks.add(button, on_click)
        return button

    def paragraph(self, x: int, y: int, w: int, h: int, text: str, cls: str | None = None,
                  object_id: str | None = None) -> UITextBox:
        """Wrapped text in a box (scrolls if taller than ``h``; ``h=-1`` sizes to the text)."""
        inner = w - 12 - 4 - 8  # padding 6 both sides, the border, and a safety margin
        narrowed = False
        if h > 0:
            size = CLASS_FONTS.get(cls, CLASS_FONTS[None])[0]
            if len(self.wrap(text, inner, cls)) * (size + 9) > h - 8:
                inner -= 22  # room for the scroll bar
                narrowed = True
        box = self._wrapped_box(x, y, w, h, text, inner, cls, object_id)
        if h > 0 and not narrowed and box.scroll_bar is not None:
            # the lines came out taller than the estimate: wrap again beside the scroll bar, or
            # the box re-breaks our lines itself (a word alone on a line after each one)
            box.kill()
            box = self._wrapped_box(x, y, w, h, text, inner - 22, cls, object_id)
        return box

    def _wrapped_box(self, x: int, y: int, w: int, h: int, text: str, inner: int,
                     cls: str | None, object_id: str | None) -> UITextBox:
        lines = linebreak.wrap(text, inner, self.measure(cls), widows=True)  # prose: no orphans
        body = "\n".join(html.escape(line) for line in lines)
        return UITextBox(body, pygame.Rect(x, y, w, h), self.manager, container=self.container,
                         object_id=oid(object_id, cls), allow_split_dashes=False,
                         wrap_to_height=h < 0)

    def rich(self, x: int, y: int, w: int, h: int, lines: Sequence[tuple[str, str | None]],
             object_id: str | None = None) -> UITextBox:
        """A box of pre-styled lines: (text, style) with style None, 'b', 'good', 'bad', 'muted'."""
        inner = w - 12 - 4 - 8 - 22
        colours = {"good": "#5fd69a", "bad": "#ff8a80", "muted": "#b6c3d1", "warn": "#f5c451",
                   "head": "#9fd0ff"}
        out: list[str] = []
        for text, style in lines:
            for line in self.wrap(text, inner, "@primary" if style in ("b", "head") else None):
                esc = html.escape(line)
                if style in ("b", "head"):
                    esc = f"<b>{esc}</b>"
                if style in colours:
                    esc = f'<font color="{colours[style]}">{esc}</font>'
                out.append(esc)
        return UITextBox("<br>".join(out), pygame.Rect(x, y, w, h), self.manager,
                         container=self.container, object_id=oid(object_id),
                         allow_split_dashes=False, pre_parsing_enabled=False)

    def dropdown(self, x: int, y: int, w: int, options: Sequence[tuple[str, str]],
                 selected: str, object_id: str, on_change: Callback | None = None,
                 h: int = 30, up: bool = False) -> UIDropDownMenu:
        """A drop-down over ``options`` (label, value id); ``on_change(value_id)``."""
        fitted = [(self.fit_words(label, w - 36), value) for label, value in options]
        current = next((o for o in fitted if o[1] == selected), fitted[0])
        menu = UIDropDownMenu(fitted, current, pygame.Rect(x, y, w, h), self.manager,
                              container=self.container, object_id=oid(object_id),
                              expansion_height_limit=260)
        if up:  # the states take the direction when the menu is made: tell them too
            menu.expand_direction = "up"
            for state in menu.menu_states.values():
                state.expand_direction = "up"
        self.callbacks.add(menu, on_change)
        return menu

    def slider(self, x: int, y: int, w: int, value: float, lo: float, hi: float, step: float,
               object_id: str, on_change: Callback | None = None, h: int = 26) -> UIHorizontalSlider:
        slider = UIHorizontalSlider(pygame.Rect(x, y, w, h), value, (lo, hi), self.manager,
                                    container=self.container, object_id=oid(object_id),
                                    click_increment=step)
        self.callbacks.add(slider, on_change)
        return slider

    def entry(self, x: int, y: int, w: int, text: str, object_id: str,
              on_change: Callback | None = None, h: int = 32,
              allowed: str | list[str] | None = None) -> UITextEntryLine:
        line = UITextEntryLine(pygame.Rect(x, y, w, h), self.manager, container=self.container,
                               object_id=oid(object_id), initial_text=text)
        if allowed is not None:
            line.set_allowed_characters(allowed)
        self.callbacks.add(line, on_change)
        return line

    def panel(self, x: int, y: int, w: int, h: int, object_id: str | None = None) -> UIPanel:
        return UIPanel(pygame.Rect(x, y, w, h), manager=self.manager, container=self.container,
                       object_id=oid(object_id))

    def image(self, x: int, y: int, surface: pygame.Surface, object_id: str | None = None) -> UIImage:
        return UIImage(pygame.Rect((x, y), surface.get_size()), surface, self.manager,
                       container=self.container, object_id=oid(object_id))

    def progress(self, x: int, y: int, w: int, h: int, percent: float,
                 object_id: str | None = None, text: str = "") -> Bar:
        bar = Bar(pygame.Rect(x, y, w, h), self.manager, text=" " if text == "" else text,
                  container=self.container, object_id=oid(object_id))
        bar.text = text
        bar.set_current_progress(max(0.0, min(100.0, percent)))
        return bar

    def sub(self, panel: UIPanel) -> Kit:
        """A kit that builds inside ``panel``."""
        return Kit(self.manager, self.s, panel, self.callbacks)
