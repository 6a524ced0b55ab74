"""F1: a panel over any screen that says what the screen shows and how to read it, with the
courseware sections it practises, and a glossary of the courseware's terms (zh and en)."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UIWindow

from game.text import linebreak
from game.ui.help_content import help_content, section_key
from game.ui.i18n import Strings
from game.ui.widgets import Callbacks, Kit

HELP_W, HELP_H = 900, 560


class HelpPanel:
    """Not blocking; closed by its button, Esc or F1 again. Two pages: this screen, the glossary."""

    def __init__(self, kit: Kit, strings: Strings, screen: str, window_size: tuple[int, int]) -> None:
        self.strings, self.screen, self.page = strings, screen, "screen"
        rect = pygame.Rect(0, 0, HELP_W, HELP_H)
        rect.center = (window_size[0] // 2, window_size[1] // 2)
        t = strings.t
        self.window = UIWindow(rect, kit.manager, window_display_title=t("help.title"),
                               object_id=ObjectID("#help_panel"), draggable=True)
        self.manager = kit.manager
        self.kit = Kit(kit.manager, strings, self.window, Callbacks())
        inner = self.window.get_container().get_rect()
        self.inner = inner
        self.tabs = {
            page: UIButton(pygame.Rect(12 + i * 170, 8, 160, 32), t("help.page." + page), kit.manager,
                           container=self.window, object_id=ObjectID(f"#help_{page}"))
            for i, page in enumerate(("screen", "glossary"))
        }
        bw = 150
        self.close_button = UIButton(pygame.Rect(inner.width - bw - 12, inner.height - 46, bw, 36),
                                     t("dialog.close"), kit.manager, container=self.window,
                                     object_id=ObjectID("#help_close"))
        self.box = None
        self.show(self.page)

    def lines(self) -> list[tuple[str, str | None]]:
        """The page's lines as (text, style) for the rich text box."""
        content, s = help_content(), self.strings
        lang = s.lang
        out: list[tuple[str, str | None]] = []
        if self.page == "glossary":
            for entry in content.glossary:
                out.append((entry.term.pick(lang), "head"))
                out.append((entry.meaning.pick(lang), None))
                out.append((self.section(entry.courseware), "muted"))
            return out
        page = content.screens.get(self.screen) or content.screens["start"]
        out.append((s.t("help.screen." + self.screen) if ("help.screen." + self.screen) in s.table
                    else self.screen, "head"))
        out.append((linebreak.tidy(page.text(lang)), None))
        out.append(("", None))
        out.append((s.t("help.courseware"), "head"))
        out += [(self.section(cw), "muted") for cw in page.courseware]
        return out

    def section(self, cw: str) -> str:
        """``CW-11 Needs-analysis methods``: the section's id and its name in the interface."""
        name = self.strings.get(section_key(cw), "")
        return f"{cw} {name}".strip()

    def show(self, page: str) -> None:
        self.page = page
        for name, button in self.tabs.items():
            button.change_object_id(ObjectID(f"#help_{name}", "@toggle_on" if name == page else None))
        if self.box is not None:
            self.box.kill()
        self.box = self.kit.rich(12, 50, self.inner.width - 24, self.inner.height - 50 - 56, self.lines(),
                                 object_id="#help_text")

    @property
    def alive(self) -> bool:
        return self.window.alive()

    def close(self) -> None:
        self.window.kill()

    def handle(self, event: pygame.event.Event) -> bool:
        """True when the event closes the panel; page buttons switch the page."""
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.close_button:
                return True
            for page, button in self.tabs.items():
                if event.ui_element is button:
                    self.show(page)
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_F1):
            return True
        return event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.window
