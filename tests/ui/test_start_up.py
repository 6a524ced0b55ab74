"""Starting the window as a user does, in a process of its own: a missing scenario file is one
line and exit code 2; a start on a machine without sound prints nothing on stderr and never opens
the sound mixer; the first scenario offered is the short introduction."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def quiet_env(tmp_path: Path) -> dict[str, str]:
    """A headless display and, as on a machine without a sound card, no audio driver named."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SDL_AUDIO")}
    env.pop("PYGAME_HIDE_SUPPORT_PROMPT", None)
    env["SDL_VIDEODRIVER"] = "dummy"
    env["SALES_DOJO_DATA"] = str(tmp_path / "records")
    env["LANG"] = "en_US.UTF-8"
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)
    env.pop("LANGUAGE", None)
    return env


def test_a_scenario_path_that_does_not_exist_exits_2_with_one_line(tmp_path):
    missing = "scenarios/does-not-exist.yaml"
    done = subprocess.run([sys.executable, "main.py", "play", missing], cwd=ROOT,
                          env=quiet_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and missing in lines[0]
    assert done.stdout == ""


def test_the_missing_file_is_told_in_chinese_with_lang_zh(tmp_path):
    done = subprocess.run([sys.executable, "main.py", "play", "nope.yaml", "--lang", "zh"],
                          cwd=ROOT, env=quiet_env(tmp_path), capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2
    assert "nope.yaml" in done.stderr and "找不到" in done.stderr


PROBE = """
import json, sys
import game.ui  # as ``main.py play`` does before pygame is imported
import pygame
calls = []
real_init, real_mixer = pygame.init, pygame.mixer.init
def init(*a, **k):
    calls.append("pygame.init")
    return real_init(*a, **k)
def mixer(*a, **k):
    calls.append("mixer.init")
    return real_mixer(*a, **k)
pygame.init, pygame.mixer.init = init, mixer
from game.cli import main
code = main(["play"])
print(json.dumps({"code": code, "calls": calls, "mixer": pygame.mixer.get_init() is not None}))
"""


def test_the_window_starts_without_library_noise_and_without_the_mixer(tmp_path):
    stamp = tmp_path / "first-frame.json"
    env = quiet_env(tmp_path)
    env["SALES_DOJO_FIRST_FRAME"] = str(stamp)  # the window closes after its first frame
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.stderr == ""
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert done.stdout.strip().splitlines() == [done.stdout.strip()]  # no greeting from pygame
    assert report == {"code": 0, "calls": [], "mixer": False}
    shown = json.loads(stamp.read_text(encoding="utf-8"))
    assert shown["frames"] == 1 and stamp.with_suffix(".png").exists()
    assert shown["first_drawn_at"] < shown["shown_at"]  # the window opened on the game's name


def test_the_introduction_is_the_first_scenario_offered(tmp_path):
    import argparse

    import pygame

    from game.ui.app import App
    from game.ui.script import Driver

    args = argparse.Namespace(scenario=None, lang="en", mode=None, trainee=None, seed=None,
                              screenshot_dir=None, script=None, resume=False,
                              data_dir=str(tmp_path / "records"))
    app = App(args)
    d = Driver(app)
    d.pump(2)
    first = app.screen.choices[0]
    assert Path(first.path).name == "riverside-first-territory.yaml"
    assert app.screen.selected == 0
    # the top button of the list is it, and it is the one selected
    buttons = sorted((e for e in d.elements()
                      if ((getattr(e, "object_ids", None) or [None])[-1] or "").startswith("#scenario_")
                      and e.object_ids[-1] != "#scenario_title"
                      and hasattr(e, "is_enabled")),
                     key=lambda e: e.get_abs_rect().top)
    assert buttons[0].object_ids[-1] == "#scenario_riverside-first-territory"
    app.close()
    pygame.quit()
