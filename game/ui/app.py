"""The game window: one pygame display, one UIManager, the current screen and its frame loop.

``run(args)`` is what ``python main.py play`` calls. With ``--script`` the window is driven by a
JSON list of steps (see ``game.ui.script``) and ``--screenshot-dir`` saves a PNG of every screen.
The records store (``--data-dir``) keeps every accepted action as it happens; ``--resume``
continues the trainee's latest unfinished session. In practice mode, saving the scenario file
reloads it (``game.ui.reload``).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UITextEntryLine

from game.engine.actions import EndPhase
from game.engine.phases import Phase, next_phase
from game.records.errors import RecordsError
from game.records.store import SessionInfo, Store, parse_iso
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_scenario
from game.scenario.text import Text
from game.ui import charts, fonts, speedups, story
from game.ui.chrome import BOTTOM_H, STRIP_H, TOP_H, Chrome
from game.ui.dialogs import ConfirmDialog, ProblemsPanel, draw_notice
from game.ui.i18n import LANGUAGES, Strings
from game.ui.paths import THEME
from game.ui.play import GUEST, MODES, PLAYER, Play, assessment_scenario, valid_trainee
from game.ui.reload import Watcher, glosses, problems_of
from game.ui.screens.base import Screen
from game.ui.screens.registry import screen_class
from game.ui.shots import Recorder
from game.ui.widgets import Callbacks, Kit

SIZE = (1280, 720)
BACKGROUND = (24, 31, 42)
FPS = 60


class App:
    """Holds the window, the UI manager, the play-through and the screen on show."""

    def __init__(self, args: argparse.Namespace, size: tuple[int, int] = SIZE) -> None:
        self.started = time.perf_counter()
        self.size = size
        self.lang = args.lang if getattr(args, "lang", None) in LANGUAGES else "en"
        self.mode = args.mode if getattr(args, "mode", None) in MODES else "practice"
        self.trainee = getattr(args, "trainee", None) or ""
        self.scenario_path = str(getattr(args, "scenario", "") or "")
        self.seed: int | None = getattr(args, "seed", None)
        self.data_dir: str | None = getattr(args, "data_dir", None)
        self.store: Store | None = None
        self.store_error: str | None = None
        self.titles: dict[str, Text] = {}  # session id -> its scenario's title (start screen)
        self.watcher: Watcher | None = None
        self.problems: ProblemsPanel | None = None
        self.notice: str | None = None  # the last "please wait" notice drawn
        self._notice_at = 0.0
        speedups.install()
        pygame.init()
        fonts.reset()
        charts.reset()
        pygame.display.set_caption("Sales Dojo")
        # A real display scales the 1280x720 layout with the window; headless needs no scaling.
        flags = 0 if os.environ.get("SDL_VIDEODRIVER") == "dummy" else pygame.SCALED | pygame.RESIZABLE
        try:
            self.window = pygame.display.set_mode(size, flags)
        except pygame.error:
            self.window = pygame.display.set_mode(size)
        pygame.key.set_repeat(400, 40)
        # Language 'zh' makes Noto Sans SC the default face, and the theme names it for every
        # element: Chinese never renders as tofu, whatever the interface language.
        self.manager = pygame_gui.UIManager(size, str(THEME), enable_live_theme_updates=False,
                                            starting_language="zh")
        fonts.preload(self.manager)
        self.strings = Strings(self.lang)
        self.play: Play | None = None
        self.view: dict[str, Any] = {}
        self.status: tuple[str, str] = ("", "info")
        self.chrome = Chrome(self)
        self.dialog: ConfirmDialog | None = None
        self.screen: Screen | None = None
        self.screen_id: tuple[str, int] | None = None
        self.screen_changed = False
        self.running = True
        self.clock = pygame.time.Clock()
        shots = getattr(args, "screenshot_dir", None)
        self.recorder = Recorder(Path(shots)) if shots else None
        self.bot: Any = None
        self.frames = 0
        self.first_frame_seconds: float | None = None
        self.refresh()
        if getattr(args, "resume", False):
            self.resume_latest(self.trainee or None)

    # ------------------------------------------------------------------ geometry

    @property
    def content_rect(self) -> pygame.Rect:
        top = TOP_H + STRIP_H + 6
        return pygame.Rect(0, top, self.size[0], self.size[1] - top - BOTTOM_H)

    def kit(self) -> Kit:
        return Kit(self.manager, self.strings, self.manager.get_root_container(), Callbacks())

    # ------------------------------------------------------------------ state changes

    def screen_key(self) -> str:
        if self.play is None:
            return "start"
        if self.play.game.over:
            return "debrief"
        return self.play.game.phase.value

    def refresh(self, force: bool = False) -> None:
        """Redraw widgets from the engine's view; switch screens when the phase changed."""
        key = self.screen_key()
        self.view = self.play.game.view() if self.play else {}
        ident = (key, self.play.game.round if self.play else 0)
        if force or ident != self.screen_id or self.screen is None:
            if self.screen is not None:
                self.screen.destroy()
            self.screen = screen_class(key)(self)
            self.screen_id = ident
            self.screen_changed = True
        self.chrome.build()
        self.screen.rebuild()

    def set_status(self, text: str, kind: str = "info") -> None:
        self.status = (text, kind)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.strings = Strings(lang)
        self.refresh(force=True)

    # ------------------------------------------------------------------ records

    def open_store(self) -> Store | None:
        """The records store (opened on first use); None, with ``store_error``, if it cannot be."""
        if self.store is None and self.store_error is None:
            try:
                from game.records.privacy import apply_retention

                self.store = Store.open(self.data_dir)
                apply_retention(self.store)
            except (RecordsError, OSError) as err:
                self.store = None
                self.store_error = str(err)
                print(self.store_error, file=sys.stderr)
        return self.store

    def latest_open(self, trainee: str | None) -> SessionInfo | None:
        """The latest unfinished window session of ``trainee`` ('' = guest; None = anyone's)."""
        store = self.open_store()
        if store is None:
            return None
        if trainee is None:
            found = [s for s in store.sessions(status="open") if s.player == PLAYER]
            return found[-1] if found else None
        who = trainee or GUEST
        if not valid_trainee(who):
            return None
        return store.last_open_session(who, player=PLAYER)

    def session_title(self, session: SessionInfo) -> str:
        if session.id not in self.titles and self.store is not None:
            self.titles[session.id] = self.store.scenario_of(session).title
        title = self.titles.get(session.id)
        return title.pick(self.lang) if title is not None else session.scenario_id

    def session_started(self, session: SessionInfo) -> str:
        moment: datetime = parse_iso(session.started_at).astimezone()
        return moment.strftime("%m-%d %H:%M")

    # ------------------------------------------------------------------ starting

    def _began(self) -> None:
        """A game is on show: watch its scenario file in practice mode (hot reload)."""
        self.close_problems()
        play = self.play
        path = Path(play.scenario_path) if play and play.scenario_path else None
        watch = play is not None and play.mode == "practice" and path is not None and path.is_file()
        self.watcher = Watcher(path) if watch and path is not None else None

    def start_game(self, path: str, mode: str, trainee: str) -> bool:
        t = self.strings.t
        if trainee and not valid_trainee(trainee):
            return self._refuse(t("start.bad_trainee"))
        if mode == "assessment" and not trainee:
            return self._refuse(t("start.need_trainee"))
        try:
            scenario, sha = load_scenario(path)
        except ScenarioError as err:
            return self._refuse(str(err).splitlines()[0])
        store = self.open_store()
        if store is None and mode == "assessment":
            return self._refuse(t("records.needed"))
        variant = ""
        if mode == "assessment":
            scenario, variant = assessment_scenario(scenario, trainee)
        self.progress(t("working.starting"))
        try:
            play = Play(scenario, sha, path, self.seed, mode=mode, trainee=trainee, store=store,
                        variant=variant)
        except RecordsError as err:
            print(str(err), file=sys.stderr)
            return self._refuse(t("records.failed"))
        self.scenario_path = path
        self.mode, self.trainee = mode, trainee
        self.play = play
        if store is None:
            self.set_status(t("status.started_unrecorded"), "warn")
        else:
            self.set_status(t("status.started"), "good")
        self._began()
        self.refresh(force=True)
        return True

    def _refuse(self, text: str) -> bool:
        self.set_status(text, "bad")
        self.refresh()
        return False

    def resume(self, session_id: str) -> bool:
        """Continue a recorded session: its actions replayed, then played on from there."""
        t = self.strings.t
        store = self.open_store()
        if store is None:
            return self._refuse(t("records.unavailable"))
        self.progress(t("working.resuming"))
        try:
            play = Play.resume(store, session_id)
        except (RecordsError, ScenarioError) as err:
            print(str(err), file=sys.stderr)
            return self._refuse(t("status.resume_failed"))
        self.play = play
        self.mode, self.trainee = play.mode, play.trainee
        self.scenario_path = play.scenario_path or self.scenario_path
        self.set_status(t("status.resumed", actions=len(play.game.actions)), "good")
        self._began()
        self.refresh(force=True)
        return True

    def resume_latest(self, trainee: str | None) -> bool:
        """``play --resume``: the latest unfinished session (of ``trainee`` if given)."""
        session = self.latest_open(trainee)
        if session is None:
            return self._refuse(self.strings.t("status.nothing_to_resume"))
        return self.resume(session.id)

    def submit(self, action: Any) -> bool:
        """Apply an action, say what happened in the status line, redraw."""
        assert self.play is not None
        game = self.play.game
        if isinstance(action, EndPhase) and game.phase == Phase.REVIEW \
                and game.round >= game.scenario.rounds:
            self.progress(self.strings.t("working.scoring"))  # the last step scores the game
        result = self.play.apply(action)
        if result.accepted:
            self.set_status(story.summary(result.events, self.strings, self.play.game), "good")
        else:
            self.set_status(story.rejection(result.code, result.reason, self.strings), "bad")
        self.refresh()
        return result.accepted

    def undo(self) -> None:
        if self.play is not None and self.play.undo():
            self.set_status(self.strings.t("status.undone"), "info")
        self.refresh(force=True)

    def save(self) -> None:
        if self.play is None:
            return
        try:
            path = self.play.save()
        except OSError as exc:
            self.set_status(self.strings.t("status.save_failed", error=str(exc)), "bad")
        else:
            self.set_status(self.strings.t("status.saved", path=str(path)), "good")
        self.refresh()

    def quit(self) -> None:
        self.running = False

    # ------------------------------------------------------------------ hot reload (practice)

    def hot_reload(self) -> None:
        """The scenario file changed: reload it; if it loads, rebuild the game from it with the
        same seed and re-apply the actions so far; if not, show why and keep the game."""
        play = self.play
        if play is None or play.mode != "practice" or not play.scenario_path:
            return
        t = self.strings.t
        path = play.scenario_path
        try:
            scenario, sha = load_scenario(path)
        except ScenarioError as err:
            problems = problems_of(err.problems, path)
            self.show_problems(t("reload.failed_title"), t("reload.failed_intro", file=Path(path).name,
                               n=len(err.problems)), problems)
            self.set_status(t("reload.failed", n=len(err.problems)), "bad")
            self.chrome.build()
            return
        problems = problems_of([], path)
        if sha == play.sha256:
            self.close_problems()
            self.set_status(t("reload.unchanged"), "info")
            self.chrome.build()
            return
        total = len(play.game.actions)
        self.progress(t("working.reloading", done=0, total=total), 0.0)
        try:
            done = play.reload(scenario, sha, lambda n, of: self.progress(
                t("working.reloading", done=n, total=of), n / max(1, of)))
        except RecordsError as err:
            print(str(err), file=sys.stderr)
            self.set_status(t("records.failed"), "bad")
            self.refresh(force=True)
            return
        if done.result is None:
            self.set_status(t("reload.done", n=done.applied), "good")
        else:
            why = story.reason(done.result.code, done.result.reason, self.strings)
            self.set_status(t("reload.stopped", n=done.applied, total=done.total,
                              action=t("action." + str(getattr(done.action, "type", "other"))),
                              why=why), "warn")
        if problems:
            self.show_problems(t("reload.warnings_title"),
                               t("reload.warnings_intro", file=Path(path).name, n=len(problems)),
                               problems)
        else:
            self.close_problems()
        self.refresh(force=True)

    def show_problems(self, title: str, intro: str, problems: list[Any]) -> None:
        self.close_problems()
        self.problems = ProblemsPanel(self.kit(), title, intro, problems, self.strings.t("dialog.close"),
                                      self.size, glosses(problems, self.strings))

    def close_problems(self) -> None:
        if self.problems is not None:
            self.problems.close()
            self.problems = None

    # ------------------------------------------------------------------ notices

    def progress(self, text: str, done: float | None = None) -> None:
        """Show, before a step that may take a moment, that the window is working on it: the
        screen is drawn now with a notice (and a bar when ``done`` 0..1 is known)."""
        now = time.perf_counter()
        if done is not None and 0.0 < done < 1.0 and now - self._notice_at < 0.05:
            return  # a bar moved more often than the eye can see is time lost
        self._notice_at = now
        self.notice = text
        pygame.event.pump()
        self.draw(flip=False)
        draw_notice(self.window, text, done)
        pygame.display.flip()

    # ------------------------------------------------------------------ confirmations

    def confirm(self, title: str, message: str, on_ok: Any, ok_text: str | None = None) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = ConfirmDialog(self.kit(), title, message,
                                    ok_text or self.strings.t("dialog.ok"),
                                    self.strings.t("dialog.cancel"), on_ok, self.size)

    def irreversible_note(self) -> str:
        return self.strings.t("dialog.note." + (self.play.mode if self.play else "practice"))

    def next_label(self) -> str:
        game = self.play.game if self.play else None
        if game is None:
            return ""
        if game.phase == Phase.REVIEW:
            last = game.round >= game.scenario.rounds
            return self.strings.t("chrome.finish_game" if last else "chrome.finish_round")
        nxt = next_phase(game.phase)
        return self.strings.t("chrome.next", phase=self.strings.t("phase." + nxt.value)) if nxt else ""

    def confirm_end_phase(self) -> None:
        if self.play is None or self.play.game.over:
            return
        game = self.play.game
        t = self.strings.t
        now = t("phase." + game.phase.value)
        if game.phase == Phase.REVIEW:
            if game.round >= game.scenario.rounds:
                message = t("dialog.end_game")
            else:
                message = t("dialog.end_round", round=game.round, next=game.round + 1)
        else:
            nxt = next_phase(game.phase)
            message = t("dialog.end_phase", phase=now, next=t("phase." + nxt.value) if nxt else "")
        self.confirm(t("dialog.end_phase_title", phase=now),
                     f"{message} {self.irreversible_note()}", lambda: self.submit(EndPhase()))

    def on_next(self) -> None:
        if self.screen is not None:
            self.screen.on_next()

    # ------------------------------------------------------------------ events

    def _focused_entry(self) -> bool:
        focus = self.manager.get_focus_set()
        return bool(focus) and any(isinstance(e, UITextEntryLine) for e in focus)

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
            return
        if self.dialog is not None:
            answer = self.dialog.handle(event)
            if answer is not None:
                dialog, self.dialog = self.dialog, None
                dialog.close()
                if answer == "ok":
                    dialog.on_ok()
                return
            if event.type == pygame.KEYDOWN:
                return
        if self.problems is not None:
            if self.problems.handle(event) or (event.type == pygame.KEYDOWN
                                               and event.key == pygame.K_ESCAPE):
                self.close_problems()
                return
        if event.type == pygame.KEYDOWN and not self._focused_entry():
            if self._shortcut(event):
                return
        self.manager.process_events(event)
        if event.type >= pygame.USEREVENT:
            if self.chrome.callbacks.dispatch(event):
                return
            if self.screen is not None:
                self.screen.callbacks.dispatch(event)

    def _shortcut(self, event: pygame.event.Event) -> bool:
        key, mod = event.key, event.mod
        ctrl = bool(mod & (pygame.KMOD_CTRL | pygame.KMOD_META))
        if ctrl and key == pygame.K_z and self.play is not None and self.play.mode == "practice":
            self.undo()
            return True
        if ctrl and key == pygame.K_s:
            self.save()
            return True
        if self.screen is not None and self.screen.on_key(key, mod):
            return True
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.play is not None:
            self.on_next()
            return True
        if key == pygame.K_ESCAPE:
            self.set_status("", "info")
            self.chrome.build()
            return True
        return False

    # ------------------------------------------------------------------ frames

    @property
    def busy(self) -> bool:
        """Work is going on over several frames (weeks being run)."""
        return bool(self.screen is not None and getattr(self.screen, "busy", False))

    def frame(self, dt: float = 1 / FPS) -> None:
        for event in pygame.event.get():
            self.handle(event)
        if self.watcher is not None and not self.busy and self.watcher.tick(dt):
            self.hot_reload()  # never while weeks are running: the next look will see it
        if self.screen is not None:
            self.screen.update(dt)
        self.manager.update(dt)
        self.draw()
        self.frames += 1
        if self.first_frame_seconds is None:
            self.first_frame_seconds = time.perf_counter() - self.started
        if self.recorder is not None and self.screen_changed and not self.busy:
            self.recorder.capture_new(self)
        self.screen_changed = False

    def draw(self, flip: bool = True) -> None:
        self.window.fill(BACKGROUND)
        if self.screen is not None:
            self.screen.draw_behind(self.window)
        self.manager.draw_ui(self.window)
        if flip:
            pygame.display.flip()

    def close(self) -> None:
        """Let go of the records store (everything in it is already committed)."""
        if self.store is not None:
            self.store.close()
            self.store = None

    def loop(self) -> int:
        try:
            while self.running:
                dt = self.clock.tick(FPS) / 1000.0
                self.frame(dt)
        finally:
            self.close()
            pygame.quit()
        return 0


def run(args: argparse.Namespace) -> int:
    """Open the window (or drive it from ``--script``); returns the exit code."""
    if getattr(args, "script", None):
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
        from game.ui.script import ScriptError, load_script, run_script

        try:
            steps = load_script(Path(args.script))
        except ScriptError as err:
            print(str(err))
            return 2
        app = App(args)
        try:
            return run_script(app, steps)
        finally:
            app.close()
            pygame.quit()
    return App(args).loop()
