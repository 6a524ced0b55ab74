"""Dialogs: a confirmation before irreversible steps (sign, walk away, end a phase or round), the
panel that lists a scenario's problems after a hot reload, and the notice shown while a step
takes a moment."""

from __future__ import annotations

import html
from collections.abc import Callable

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UITextBox, UIWindow

from game.scenario.errors import Problem
from game.text import linebreak
from game.text.locale import Lang
from game.ui import charts
from game.ui.widgets import Callbacks, Kit

WIDTH, HEIGHT = 520, 250
LINE = 22  # the height of one line of the dialog's text


class _Window:
    """A window over the game: alive until closed."""

    window: UIWindow

    @property
    def alive(self) -> bool:
        return self.window.alive()

    def close(self) -> None:
        self.window.kill()


class ConfirmDialog(_Window):
    """A blocking window with a message, OK (Enter) and Cancel (Esc)."""

    def __init__(self, kit: Kit, title: str, message: str, ok_text: str, cancel_text: str,
                 on_ok: Callable[[], None], window_size: tuple[int, int]) -> None:
        self.on_ok = on_ok
        # a longer message (what ending a phase gives up) makes the dialog taller, not cut off
        lines = linebreak.wrap(message, WIDTH - 32 - 40 - 16, kit.measure())
        height = min(window_size[1] - 40, max(HEIGHT, 150 + LINE * len(lines)))
        rect = pygame.Rect(0, 0, WIDTH, height)
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
        bw = max(150, min((inner_w - 36) // 2, max(kit.measure()(ok_text),
                                                     kit.measure()(cancel_text)) + 28))
        self.ok = UIButton(pygame.Rect(inner_w - 2 * bw - 24, inner_h - 50, bw, 36),
                           kit.fit(ok_text, bw - 12, "@primary"), kit.manager, container=container,
                           object_id=ObjectID("#confirm_ok", "@primary"))
        self.cancel = UIButton(pygame.Rect(inner_w - bw - 12, inner_h - 50, bw, 36),
                               kit.fit(cancel_text, bw - 12), kit.manager, container=container,
                               object_id=ObjectID("#confirm_cancel"))

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


PROBLEMS_W, PROBLEMS_H = 980, 460


class ProblemsPanel(_Window):
    """A window over the game listing positioned problems (``path:line:col: error CODE: ...`` and
    the hint under each). It does not block: the game goes on behind it until it is closed."""

    def __init__(self, kit: Kit, title: str, intro: str, problems: list[Problem], close_text: str,
                 window_size: tuple[int, int], lang: Lang = "en") -> None:
        self.problems = problems
        printed = [p.format(lang) for p in problems]
        self.text = "\n".join(printed)  # exactly what `validate --lang` prints
        rect = pygame.Rect(0, 0, PROBLEMS_W, PROBLEMS_H)
        rect.center = (window_size[0] // 2, window_size[1] // 2)
        self.window = UIWindow(rect, kit.manager, window_display_title=kit.fit(title, PROBLEMS_W - 80),
                               object_id=ObjectID("#reload_problems"), draggable=True)
        inner = self.window.get_container().get_rect()
        sub = Kit(kit.manager, kit.s, self.window, Callbacks())
        sub.lines(12, 8, inner.width - 24, intro, max_lines=2)
        lines: list[tuple[str, str | None]] = []
        for problem, text in zip(problems, printed, strict=True):
            head, _, hint = text.partition("\n")
            lines.append((head, "bad" if problem.severity == "error" else "warn"))
            if hint:
                lines.append((hint.strip(), "muted"))
        self.box = sub.rich(12, 58, inner.width - 24, inner.height - 58 - 56, lines,
                            object_id="#problems_text")
        bw = 150
        self.close_button = UIButton(pygame.Rect(inner.width - bw - 12, inner.height - 46, bw, 36),
                                     kit.fit(close_text, bw - 12), kit.manager,
                                     container=self.window, object_id=ObjectID("#problems_close"))

    def handle(self, event: pygame.event.Event) -> bool:
        """True when the event closes the panel."""
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.close_button:
            return True
        return event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.window


NOTICE_W, NOTICE_H = 480, 96


def draw_notice(surface: pygame.Surface, text: str, done: float | None = None) -> None:
    """A notice in the middle of the window while a step runs: its text, and a bar when how much
    is done is known (0..1)."""
    rect = pygame.Rect(0, 0, NOTICE_W, NOTICE_H)
    rect.center = surface.get_rect().center
    pygame.draw.rect(surface, charts.BG, rect, border_radius=6)
    pygame.draw.rect(surface, charts.BLUE, rect, 2, border_radius=6)
    charts.text(surface, text, (rect.centerx, rect.top + 30), charts.TEXT, 16, True, "center")
    bar = pygame.Rect(rect.left + 32, rect.top + 58, rect.width - 64, 14)
    pygame.draw.rect(surface, charts.GRID, bar, border_radius=4)
    if done is None:  # how long is unknown: a stripe that moves with the clock
        phase = (pygame.time.get_ticks() // 8) % (bar.width + 80) - 80
        stripe = pygame.Rect(bar.left + max(0, phase), bar.top, 80, bar.height).clip(bar)
        pygame.draw.rect(surface, charts.BLUE, stripe, border_radius=4)
    else:
        filled = bar.copy()
        filled.width = round(bar.width * max(0.0, min(1.0, done)))
        pygame.draw.rect(surface, charts.GOOD, filled, border_radius=4)


DILEMMA_W = 640
CHOICE_H = 60  # one answer: its button and, under it, what it visibly brings now
BUTTON_H = 34


class DilemmaDialog(_Window):
    """A conduct dilemma (CW-63) that needs the rep's answer: what happens, and one button per
    answer with what it visibly brings. It blocks until answered; Esc does not dodge it (leaving
    it is also an answer: the phase's end takes the default)."""

    def __init__(self, kit: Kit, title: str, situation: str,
                 choices: list[tuple[str, str, str]], window_size: tuple[int, int]) -> None:
        """``choices``: (choice id, label with its cost, visible effect) per answer."""
        self.ids = [c[0] for c in choices]
        measure = kit.measure()
        text_w = DILEMMA_W - 32 - 40
        lines = linebreak.wrap(situation, text_w, measure)
        text_h = LINE * len(lines) + 16
        height = min(window_size[1] - 40, 56 + text_h + len(choices) * CHOICE_H)
        rect = pygame.Rect(0, 0, DILEMMA_W, height)
        rect.center = (window_size[0] // 2, window_size[1] // 2)
        self.window = UIWindow(rect, kit.manager, window_display_title=kit.fit(title, DILEMMA_W - 80),
                               object_id=ObjectID("#dilemma_dialog"), draggable=False)
        self.window.set_blocking(True)
        inner_w = self.window.get_container().get_rect().width
        body = "\n".join(html.escape(line) for line in lines)
        self.text = UITextBox(body, pygame.Rect(12, 8, inner_w - 24, text_h), kit.manager,
                              container=self.window, allow_split_dashes=False,
                              object_id=ObjectID("#dilemma_situation"))
        self.buttons: list[UIButton] = []
        y = 8 + text_h + 8
        for k, (_, label, says) in enumerate(choices):
            button = UIButton(pygame.Rect(12, y, inner_w - 24, BUTTON_H),
                              kit.fit(label, inner_w - 48), kit.manager, container=self.window,
                              object_id=ObjectID(f"#dilemma_choice_{k}"),
                              tool_tip_text=html.escape(says))
            self.buttons.append(button)
            sub = Kit(kit.manager, kit.s, self.window, Callbacks())
            sub.label(20, y + BUTTON_H + 2, inner_w - 40, says, "@muted",
                      object_id=f"#dilemma_says_{k}", h=20)
            y += CHOICE_H

    def handle(self, event: pygame.event.Event) -> str | None:
        """The id of the answer chosen, when the event chooses one."""
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.buttons:
            return self.ids[self.buttons.index(event.ui_element)]
        return None
