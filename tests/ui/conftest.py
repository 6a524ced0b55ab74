"""Headless window fixtures: a dummy video and audio driver, a quick scenario, and a records
folder of the test's own."""

from __future__ import annotations

import argparse
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402

SMALL_CUSTOMERS = 1000


@pytest.fixture(scope="session")
def small_scenario(shipped_path):
    """The shipped scenario with few customers and no conduct dilemmas (their dialog has its own
    tests, tests/ui/test_dilemma_dialog.py), and its file's sha256."""
    from game.scenario.loader import load_scenario

    scenario, sha = load_scenario(shipped_path)
    market = scenario.market.model_copy(update={"customers": SMALL_CUSTOMERS})
    return scenario.model_copy(update={"market": market, "dilemmas": []}), sha


@pytest.fixture
def make_app(monkeypatch, shipped_path, small_scenario, tmp_path):
    """A window on the start screen; starting a game loads the quick scenario."""
    import game.ui.app as app_module
    import game.ui.window as window_module

    monkeypatch.setattr(window_module, "load_scenario", lambda path: small_scenario)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    made = []

    def make(lang: str = "en", mode: str | None = None, shots: str | None = None,
             trainee: str | None = None, resume: bool = False, scenario: str | None = None,
             tour: bool = False):
        args = argparse.Namespace(scenario=scenario or str(shipped_path), lang=lang, mode=mode,
                                  trainee=trainee, seed=None, screenshot_dir=shots, script=None,
                                  data_dir=str(tmp_path / "records"), resume=resume, tour=tour)
        app = app_module.App(args)
        made.append(app)
        return app

    yield make
    import pygame

    for app in made:
        app.close()
    pygame.quit()
