"""Driving the window from a JSON list of steps, with real mouse and keyboard events.

Steps (one key each, plus its qualifiers)::

    {"click": "#start_game"}                      mouse down/up at the widget's centre
    {"key": "RETURN"} / {"key": "z", "mod": "ctrl"}
    {"type": "T-001"}                             TEXTINPUT into the focused field
    {"select": "#q_segment", "option": "smb"}     open a drop-down and click an option
    {"slide": "#discount_smb", "value": 5}        click a slider's arrows up to a value
    {"hover": "#request_authority"}               rest the mouse on a widget until its tip shows
    {"action": {"type": "market_research"}}       apply an engine action (a shortcut)
    {"auto": true, "until": "negotiation"}        the heuristic bot plays through the window
    {"screenshot": "name"}                        save the window now
    {"expect": {"phase": "planning", "round": 1}} stop with an error unless it holds
    {"wait": 10}                                  run frames

With ``--screenshot-dir`` the window also saves a PNG of every screen it passes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame
from pydantic import ValidationError

from game.bots.base import MAX_ACTIONS_PER_PHASE
from game.engine.actions import Action, EndPhase, parse_action
from game.text.locale import default_lang
from game.text.patterns import translated_line
from game.text.said import catalog
from game.ui.screens.negotiation import option_id

if TYPE_CHECKING:
    from game.ui.app import App

STEP_KEYS = ("click", "key", "type", "select", "slide", "hover", "action", "auto", "screenshot", "expect",
             "wait")
HOVER_SECONDS = 1.5  # longer than a tooltip's delay (pygame_gui: 1 s)
QUALIFIERS = {"select": {"option"}, "slide": {"value"}, "key": {"mod"}, "auto": {"until"}}
MODS = {"ctrl": pygame.KMOD_CTRL, "shift": pygame.KMOD_SHIFT, "alt": pygame.KMOD_ALT}
MAX_FRAMES_BUSY = 5000


TEXT_FILE = Path(__file__).with_name("script_text.json")


class ScriptError(Exception):
    """A script that cannot be read or a step that cannot be carried out."""


def said(line: str, lang: str) -> str:
    """A script's error (worded in English here) in ``lang``, by ``script_text.json``."""
    return translated_line(line, catalog(TEXT_FILE)["patterns"], lang)


def step_failed(n: int, step: dict[str, Any], err: ScriptError, lang: str) -> str:
    """The line that stops a script at step ``n``."""
    return str(catalog(TEXT_FILE)["step_failed"][lang]).format(
        n=n, step=json.dumps(step, ensure_ascii=False), why=said(str(err), lang))


def shots_saved(n: int, folder: Path, lang: str) -> str:
    return str(catalog(TEXT_FILE)["shots"][lang]).format(n=n, folder=folder)


def steps_told(args: Any) -> list[dict[str, Any]] | None:
    """The steps of ``--script``, or None when the script cannot be read (said in ``--lang``)."""
    try:
        return load_script(Path(args.script))
    except ScriptError as err:
        print(said(str(err), getattr(args, "lang", None) or default_lang()))
        return None


def load_script(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ScriptError(f"{path}: error: cannot read the script: {exc}") from exc
    steps = data.get("steps") if isinstance(data, dict) else data
    if not isinstance(steps, list):
        raise ScriptError(f"{path}: error: a script is a JSON list of steps (or {{\"steps\": [...]}})")
    for n, step in enumerate(steps, start=1):
        if not isinstance(step, dict):
            raise ScriptError(f"{path}: step {n}: error: a step is an object like {{\"click\": \"#id\"}}")
        kinds = [k for k in step if k in STEP_KEYS]
        if len(kinds) != 1:
            raise ScriptError(f"{path}: step {n}: error: name exactly one of {', '.join(STEP_KEYS)}")
        extra = set(step) - {kinds[0]} - QUALIFIERS.get(kinds[0], set())
        if extra:
            raise ScriptError(f"{path}: step {n}: error: unknown key '{sorted(extra)[0]}'")
    return steps


class Driver:
    """Posts real pygame events to the window and runs frames until it has reacted."""

    def __init__(self, app: App) -> None:
        self.app = app

    # ------------------------------------------------------------------ frames

    def pump(self, frames: int = 3) -> None:
        for _ in range(frames):
            self.app.frame(1 / 60)

    def settle(self) -> None:
        """Run frames while the window is busy (weeks running), then a few more."""
        for _ in range(MAX_FRAMES_BUSY):
            if not self.app.busy:
                break
            self.app.frame(1 / 60)
        self.pump(2)

    # ------------------------------------------------------------------ finding widgets

    def elements(self) -> list[Any]:
        return [e for e in self.app.manager.get_sprite_group().sprites()
                if getattr(e, "alive", lambda: False)() and getattr(e, "visible", True)]

    def find(self, object_id: str) -> Any:
        for element in self.elements():
            ids = getattr(element, "object_ids", None) or []
            if ids and ids[-1] == object_id:
                return element
        raise ScriptError(f"no widget '{object_id}' on the '{self.app.screen_key()}' screen")

    def reachable(self, object_id: str) -> Any:
        """The widget ``object_id``, if a person could reach it now: a window that blocks the
        rest (a conduct dilemma, a confirmation) takes every click until it is answered, and a
        click meant for a widget behind it would press whatever lies on top."""
        element = self.find(object_id)
        for window in self.app.manager.get_window_stack().get_full_stack():
            if getattr(window, "is_blocking", False) and window.alive() \
                    and not _inside(element, window):
                ids = getattr(window, "object_ids", None) or []
                name = ids[-1] if ids and ids[-1] else "a dialog"
                raise ScriptError(f"'{object_id}' is behind '{name}' on the "
                                  f"'{self.app.screen_key()}' screen: answer it first")
        return element

    def exists(self, object_id: str) -> bool:
        try:
            self.find(object_id)
        except ScriptError:
            return False
        return True

    # ------------------------------------------------------------------ input

    def click_at(self, pos: tuple[int, int]) -> None:
        """A click at ``pos`` on the canvas, posted where it shows in the window."""
        pos = self.app.viewport.to_window(pos)
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        self.pump(3)

    def click(self, object_id: str) -> None:
        element = self.reachable(object_id)
        if hasattr(element, "is_enabled") and not element.is_enabled:
            raise ScriptError(f"'{object_id}' is disabled on the '{self.app.screen_key()}' screen")
        self.click_at(element.get_abs_rect().center)
        self.settle()

    def hover(self, object_id: str) -> None:
        """Rest the mouse on a widget as a person reading its tip would, until the tip shows."""
        element = self.reachable(object_id)
        pos = self.app.viewport.to_window(element.get_abs_rect().center)
        pygame.mouse.set_pos(pos)
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        self.pump(round(HOVER_SECONDS * 60))

    def key(self, name: str, mod: str | None = None) -> None:
        code = pygame.key.key_code(name.lower()) if len(name) > 1 else ord(name.lower())
        flags = MODS.get(mod or "", 0)
        char = name if len(name) == 1 else ("\r" if code == pygame.K_RETURN else "")
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=flags, unicode=char, scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=code, mod=flags, unicode=char, scancode=0))
        self.pump(2)
        self.settle()

    def type(self, text: str) -> None:
        for ch in text:
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
        self.pump(3)

    def select(self, menu_id: str, option: str) -> None:
        menu = self.reachable(menu_id)
        if getattr(menu, "selected_option", (None, None))[1] == option:
            return
        self.click_at(menu.get_abs_rect().center)
        expanded = menu.menu_states.get("expanded")
        items = expanded.options_selection_list.item_list if expanded and expanded.options_selection_list else []
        for item in items:
            if item["object_id"] == option and item["button_element"] is not None:
                self.click_at(item["button_element"].get_abs_rect().center)
                return
        raise ScriptError(f"'{menu_id}' has no option '{option}'")

    def slide(self, slider_id: str, value: float) -> None:
        slider = self.reachable(slider_id)
        for _ in range(400):
            now = slider.get_current_value()
            if abs(now - value) < 1e-6:
                return
            button = slider.right_button if now < value else slider.left_button
            if button is None:
                break
            self.click_at(button.get_abs_rect().center)
        raise ScriptError(f"cannot move '{slider_id}' to {value}")

    # ------------------------------------------------------------------ the bot, through the window

    def perform(self, action: Action) -> None:
        """Carry out ``action`` with the widgets a person would use (or apply it if none fits)."""
        try:
            if self._through_widgets(action):
                return
        except ScriptError:
            pass
        self.app.submit(action)
        self.settle()

    def _confirm(self) -> None:
        if self.app.dialog is not None:
            self.click("#confirm_ok")

    def _through_widgets(self, a: Action) -> bool:
        kind = a.type
        if kind == "end_phase":
            self.key("RETURN")
            if self.app.dialog is None:
                return False
            self.key("RETURN")
            return True
        if kind == "resolve_dilemma":
            dialog = self.app.dilemma
            if dialog is None or self.app.dilemma_id != a.dilemma or a.choice not in dialog.ids:
                return False
            self.click(f"#dilemma_choice_{dialog.ids.index(a.choice)}")
            return True
        simple = {
            "market_research": "#run_market_research",
            "run_weeks": "#run_round",
        }
        if kind in simple:
            self.click(simple[kind])
            return True
        if kind == "questionnaire":
            self.select("#q_segment", a.segment)
            self.click("#run_questionnaire")
            return True
        if kind == "data_analysis":
            self.select("#d_segment", a.segment)
            self.click("#run_data_analysis")
            return True
        if kind == "interview":
            self.select("#i_account", a.account)
            self.click("#run_interview")
            return True
        if kind in ("pursue", "offer", "ask", "present_value", "accept_offer", "walk_away"):
            self.click(f"#account_{a.account}")
            if kind == "pursue":
                self.click(f"#pursue_{a.account}")
            elif kind == "ask":
                self.click(f"#ask_{a.topic}")
            elif kind == "present_value":
                self.select("#value_aspect", a.aspect)
                self.click("#answer_objection" if a.answer_objection else "#present_value")
            elif kind == "offer":
                for issue, value in a.offer.items():
                    self.select(f"#issue_{issue}", option_id(value))
                self.click("#send_offer")
            else:
                self.click("#accept_offer" if kind == "accept_offer" else "#walk_away")
                self._confirm()
            return True
        if kind in ("credit_check", "sign", "decline_contract"):
            target = {"credit_check": "#credit_check_", "sign": "#sign_", "decline_contract": "#decline_"}[kind]
            self.click(target + a.account)
            self._confirm()
            return True
        if kind in ("visit", "upsell"):
            self.click(f"#{kind}_{a.account}")
            return True
        if kind == "resolve_complaint":
            self.click(f"#resolve_{a.complaint}")
            return True
        if kind in ("expedite", "inform_customer"):
            self.click(f"#{'expedite' if kind == 'expedite' else 'inform'}_{a.incident}")
            return True
        if kind == "satisfaction_survey":
            self.select("#survey_segment", a.segment)
            self.click("#run_survey")
            return True
        if kind == "respond_risk":
            self.click(f"#risk_{a.strike}_{a.response}")
            return True
        return False

    def auto(self, until: str | None = None, limit: int | None = None) -> int:
        """Let the heuristic bot choose actions and carry them out through the window."""
        from game.bots.heuristic import HeuristicBot

        app = self.app
        if app.play is None:
            raise ScriptError("start a game before 'auto'")
        if getattr(app, "bot", None) is None:
            app.bot = HeuristicBot(app.play.game.seed)
        done = rejected = in_phase = 0
        view = app.play.game.view()
        where = start = (view.round, view.phase)
        while not view.over and (limit is None or done < limit):
            if until is not None and view.phase == until and (view.round, view.phase) != start:
                break
            stuck = in_phase >= MAX_ACTIONS_PER_PHASE or rejected >= 3
            action = EndPhase() if stuck else app.bot.next_action(view)  # it sees what a rep sees
            before = len(app.play.game.actions)
            self.perform(action)
            if len(app.play.game.actions) > before:
                rejected = 0
            else:
                rejected += 1
            in_phase += 1
            done += 1
            view = app.play.game.view()
            if (view.round, view.phase) != where:
                where = (view.round, view.phase)
                in_phase = 0
        return done

    # ------------------------------------------------------------------ steps

    def step(self, step: dict[str, Any]) -> None:
        app = self.app
        if "click" in step:
            self.click(step["click"])
        elif "key" in step:
            self.key(step["key"], step.get("mod"))
        elif "type" in step:
            self.type(step["type"])
        elif "select" in step:
            self.select(step["select"], str(step["option"]))
        elif "slide" in step:
            self.slide(step["slide"], float(step["value"]))
        elif "hover" in step:
            self.hover(step["hover"])
        elif "action" in step:
            if app.play is None:
                raise ScriptError("start a game before an 'action' step")
            try:
                action = parse_action(step["action"])
            except ValidationError as exc:
                raise ScriptError(f"not an action: {exc.errors()[0]['msg']}") from exc
            app.submit(action)
            self.settle()
        elif "auto" in step:
            limit = None if step["auto"] is True else int(step["auto"])
            self.auto(step.get("until"), limit)
        elif "screenshot" in step:
            self.pump(1)
            if app.recorder is not None:
                app.recorder.capture(app, str(step["screenshot"]))
        elif "expect" in step:
            self.expect(step["expect"])
        elif "wait" in step:
            self.pump(int(step["wait"]))

    def expect(self, wants: dict[str, Any]) -> None:
        app = self.app
        game = app.play.game if app.play else None
        facts = {
            "screen": app.screen_key(),
            "phase": game.phase.value if game else None,
            "round": game.round if game else None,
            "over": game.over if game else False,
        }
        for key, want in wants.items():
            if key not in facts:
                raise ScriptError(f"cannot check '{key}' (can: {', '.join(facts)})")
            if facts[key] != want:
                raise ScriptError(f"expected {key} {want!r}, found {facts[key]!r}")


def _inside(element: Any, window: Any) -> bool:
    """Whether ``element`` is ``window`` or sits in it."""
    if element is window:
        return True
    inner = window.get_container()
    container = getattr(element, "ui_container", None)
    seen: set[int] = set()
    while container is not None and id(container) not in seen:  # the root holds itself
        if container is inner or container is window:
            return True
        seen.add(id(container))
        container = getattr(container, "ui_container", None)
    return False


def run_script(app: App, steps: list[dict[str, Any]]) -> int:
    """Carry out every step; 0 when all went through, 1 at the first that failed."""
    driver = Driver(app)
    driver.pump(2)
    for n, step in enumerate(steps, start=1):
        try:
            driver.step(step)
        except ScriptError as err:
            print(step_failed(n, step, err, app.lang))
            return 1
        if not app.running:
            break
    driver.pump(2)
    if app.recorder is not None:
        print(shots_saved(len(app.recorder.saved), app.recorder.directory, app.lang))
    return 0
