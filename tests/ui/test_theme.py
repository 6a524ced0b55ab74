"""The theme gives every element the Simplified Chinese face, so Chinese never shows as tofu."""

from __future__ import annotations

import json

import pygame
import pygame_gui

from game.ui import fonts
from game.ui.paths import THEME

ELEMENTS = [
    ["button"], ["label"], ["text_box"], ["text_entry_line"], ["drop_down_menu"],
    ["drop_down_menu", "selection_list", "button"], ["tool_tip", "text_box"], ["window"],
    ["progress_bar"], ["panel"],
]


def test_every_font_block_of_the_theme_names_the_sc_face():
    theme = json.loads(THEME.read_text(encoding="utf-8"))
    blocks = [(k, v["font"]) for k, v in theme.items() if "font" in v]
    assert len(blocks) > 10
    for key, font in blocks:
        assert font["name"] == fonts.FONT_NAME, key
        assert font["regular_resource"]["resource"] == fonts.REGULAR_FILE, key
        assert font["bold_resource"]["resource"] == fonts.BOLD_FILE, key


def test_the_manager_resolves_the_sc_face_for_every_element_type():
    pygame.init()
    pygame.display.set_mode((320, 200))
    manager = pygame_gui.UIManager((320, 200), str(THEME), enable_live_theme_updates=False,
                                   starting_language="zh")
    theme = manager.get_theme()
    for ids in ELEMENTS:
        combined = theme.build_all_combined_ids([None] * len(ids), ids, [None] * len(ids), [None] * len(ids))
        assert theme.get_font_info(combined)["name"] == fonts.FONT_NAME, ids
    # and the face has the characters: 谈 drawn is not the same as an empty box
    face = pygame.font.Font(str(fonts.font_file()), 20)
    assert face.render("谈", True, (255, 255, 255)).get_bounding_rect().width > 5
    pygame.quit()
