"""Random clicks, keys, choices and typing on the window never crash it: a player we never
scripted presses whatever is enabled, in any order (seeded, so a failure replays)."""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KEYS = ["RETURN", "RETURN", "RETURN", "ESCAPE", "1", "2", "3", "4", "F1", "TAB", "z", "s"]
TEXTS = ["12", "-5", "abc", "9999999999999", "0", "１２", "1e9", "nan"]


def _monkey(scenario: Path, lang: str, seed: int, steps: int, data: Path) -> list[str]:
    """Play ``steps`` random inputs; the screens passed (an exception fails the test)."""
    import pygame_gui

    from game.ui.app import App
    from game.ui.script import Driver, ScriptError

    def window() -> tuple[App, Driver]:
        args = argparse.Namespace(scenario=str(scenario), lang=lang, mode="practice",
                                  trainee="T-1", seed=None, screenshot_dir=None, script=None,
                                  data_dir=str(data), resume=False, tour=False)
        app = App(args)
        return app, Driver(app)

    rng = random.Random(seed)
    app, driver = window()
    screens = [app.screen_key()]
    try:
        for _ in range(steps):
            if not app.running:  # the player quit: a new window, as a person would start again
                app.close()
                app, driver = window()
            roll = rng.random()
            try:
                if roll < 0.55:
                    buttons = [e for e in driver.elements()
                               if isinstance(e, pygame_gui.elements.UIButton) and e.is_enabled]
                    if buttons:
                        driver.click_at(rng.choice(buttons).get_abs_rect().center)
                        driver.settle()
                elif roll < 0.85:
                    key = rng.choice(KEYS)
                    driver.key(key, "ctrl" if key in ("z", "s") else None)
                elif roll < 0.95:
                    menus = [e for e in driver.elements()
                             if isinstance(e, pygame_gui.elements.UIDropDownMenu)]
                    if menus:
                        menu = rng.choice(menus)
                        option = rng.choice(menu.options_list)[1]
                        driver.select(menu.object_ids[-1], option)
                else:
                    driver.type(rng.choice(TEXTS))
            except ScriptError:  # a widget gone or behind a dialog: the next input goes on
                pass
            screens.append(app.screen_key())
    finally:
        app.close()
    return screens


@pytest.mark.parametrize("scenario, lang, seed", [
    ("scenarios/drills/drill-forecasting.yaml", "zh", 1),  # no key accounts
    ("scenarios/drills/drill-key-account.yaml", "en", 2),  # accounts taken over under contract
    ("scenarios/key-account-deals.yaml", "zh", 3),
])
def test_random_input_never_crashes_the_window(tmp_path: Path, scenario: str, lang: str,
                                               seed: int) -> None:
    import pygame

    try:
        screens = _monkey(ROOT / scenario, lang, seed, 250, tmp_path / "records")
    finally:
        pygame.quit()
    assert len(set(screens)) >= 4, f"the input reached too few screens to mean much: {screens}"
