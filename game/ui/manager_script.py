"""The manager window driven by a script and saving its screens (``play MANAGER.yaml --script
FILE --screenshot-dir DIR``): the steps of ``game.ui.script`` that a manager's screens have.

    {"click": "end-round"}                       press a button (its id, "#" optional)
    {"select": "plan-share", "option": "0.4"}    pick a drop-down's option
    {"auto": true, "until": 2}                   the expert manager bot decides, through the
                                                 window, until round 2 (or the debrief)
    {"screenshot": "name"} / {"expect": {"screen": "team", "round": 1}} / {"wait": 3}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from game.manager.actions import EndRound
from game.ui.script import STEP_KEYS, ScriptError, shots_saved, step_failed

if TYPE_CHECKING:
    from game.ui.manager_window import ManagerWindow
    from game.ui.shots import Recorder

MANAGER_STEPS = ("click", "select", "auto", "screenshot", "expect", "wait")
MAX_DECISIONS = 2_000


def _id(object_id: str) -> str:
    return object_id[1:] if object_id.startswith("#") else object_id


def step(window: ManagerWindow, screens: Recorder | None, step: dict[str, Any]) -> None:
    """Carry out one step, as a person at the window would."""
    kind = next(k for k in step if k in STEP_KEYS)  # load_script let exactly one through
    if kind not in MANAGER_STEPS:
        raise ScriptError(f"'{kind}' is not a step of the manager window (it takes "
                          f"{', '.join(MANAGER_STEPS)})")
    if kind == "click":
        name = _id(str(step["click"]))
        if name not in window.elements:
            raise ScriptError(f"no button '{name}' on the '{window.screen}' screen")
        if not window.elements[name].is_enabled:
            raise ScriptError(f"'{name}' is disabled on the '{window.screen}' screen")
        window.press(name)
    elif kind == "select":
        name, option = _id(str(step["select"])), str(step["option"])
        menu = window.elements.get(name)
        if menu is None:
            raise ScriptError(f"no drop-down '{name}' on the '{window.screen}' screen")
        if option not in [o[1] if isinstance(o, tuple) else o for o in menu.options_list]:
            raise ScriptError(f"'{name}' has no option '{option}'")
        window.choose(name, option)
    elif kind == "auto":
        until = step.get("until")
        auto(window, None if until is None else int(until), screens)
    elif kind == "screenshot":
        if screens is not None:
            screens.capture(window, str(step["screenshot"]))
    elif kind == "expect":
        facts = {"screen": window.screen, "round": window.view.round, "over": window.game.over}
        for key, want in step["expect"].items():
            if key not in facts:
                raise ScriptError(f"cannot check '{key}' (can: {', '.join(facts)})")
            if facts[key] != want:
                raise ScriptError(f"expected {key} {want!r}, found {facts[key]!r}")
    elif kind == "wait":
        for _ in range(int(step["wait"])):
            window.frame(1 / 30)


def auto(window: ManagerWindow, until_round: int | None, screens: Recorder | None = None) -> int:
    """The expert manager bot decides from the view; each decision goes through ``act``, as the
    window's own buttons do. Stops at the debrief or when round ``until_round`` begins; every
    screen it passes is saved."""
    from game.manager.bots import make_manager_bot

    bot = make_manager_bot("manager-expert", window.game.seed)
    done = refused = 0
    while not window.game.over and done < MAX_DECISIONS:
        view = window.view
        if until_round is not None and view.round >= until_round:
            break
        before = len(window.game.actions)
        window.act(EndRound() if refused >= 3 else bot.next_action(view))
        refused = 0 if len(window.game.actions) > before else refused + 1
        done += 1
        if screens is not None:
            window.frame(1 / 30)  # the recorder saves what the window shows
            screens.capture_new(window)
    return done


def run(window: ManagerWindow, steps: list[dict[str, Any]], screens: Recorder | None) -> int:
    """Every step; 0 when all went through, 1 at the first that failed."""
    for n, each in enumerate(steps, start=1):
        try:
            step(window, screens, each)
        except ScriptError as err:
            print(step_failed(n, each, err, window.lang))
            return 1
        window.frame(1 / 30)
        if screens is not None:
            screens.capture_new(window)
        if not window.running:
            break
    if screens is not None:
        print(shots_saved(len(screens.saved), screens.directory, window.lang))
    pygame.event.clear()
    return 0
