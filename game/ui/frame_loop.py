"""The frame loop: pygame events to dialogs, shortcuts, the chrome and the screen; per-frame work
(weeks being run, the scenario file watched); drawing; screenshots of every new screen."""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import time
from pathlib import Path

import pygame
import pygame_gui
from pygame_gui.elements import UITextEntryLine

from game.engine.actions import ResolveDilemma
from game.records.errors import RecordsError
from game.ui import splash
from game.ui.dialogs import DILEMMA_W, DilemmaDialog
from game.ui.help_panel import HelpPanel
from game.ui.screens.alerts import labelled_cost
from game.ui.submission import Submission
from game.ui.tour import DONE_KEY, Tour, outline, widget_rect
from game.ui.window import FIRST_FRAME_ENV, SIZE

FPS = 60
KEEP_SIZE_AFTER = 0.5  # seconds without resizing before the new size is kept with the session


class FrameLoop(Submission):
    """Runs the window frame by frame until it is closed."""

    def __init__(self, args: argparse.Namespace, size: tuple[int, int] = SIZE) -> None:
        super().__init__(args, size)
        self.clock = pygame.time.Clock()
        self.help: HelpPanel | None = None
        self.tour: Tour | None = None
        self.dilemma: DilemmaDialog | None = None
        self.dilemma_id: str | None = None
        # a scripted run (screenshots, demos) never gets the tour, whatever --no-tour says
        self.tour_wanted = bool(getattr(args, "tour", True)) and not getattr(args, "script", None)
        self.frames = 0
        self.first_frame_seconds: float | None = None

    # ------------------------------------------------------------------ events

    def _focused_entry(self) -> bool:
        focus = self.manager.get_focus_set()
        return bool(focus) and any(isinstance(e, UITextEntryLine) for e in focus)

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type == pygame.VIDEORESIZE:
            self.resize((event.w, event.h))
            return
        if self.tour is not None and self.tour.panel is not None:
            answer = self.tour.panel.answer(event)
            if answer == "next":
                self.tour.advance()
                return
            if answer == "skip":
                self.finish_tour()
                return
        if self.help is not None:
            if self.help.handle(event):
                self.close_help()
                return
            if event.type == pygame.KEYDOWN:
                return  # keys stay with the panel, not the screen under it
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F1 and self.dialog is None:
            self.open_help()
            return
        if self.dilemma is not None:
            chosen = self.dilemma.handle(event)
            if chosen is not None:
                dilemma, self.dilemma_id = self.dilemma_id, None
                self.close_dilemma()
                if dilemma is not None:
                    self.submit(ResolveDilemma(dilemma=dilemma, choice=chosen))
                return
            if event.type == pygame.KEYDOWN:
                return  # an answer is needed; keys stay with the dialog
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
            if event.type == pygame_gui.UI_FILE_DIALOG_PATH_PICKED and self.screen is not None:
                picked = getattr(self.screen, "on_file_picked", None)  # a file dialog's choice
                if picked is not None:
                    picked(event.text)
            if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and self.screen is not None:
                finished = getattr(self.screen, "on_entry_finished", None)  # Enter in a text box
                if finished is not None:
                    finished(event.ui_element)

    # ------------------------------------------------------------------ the guided first round

    def start_game(self, path: str, mode: str, trainee: str) -> bool:
        started = super().start_game(path, mode, trainee)
        if started and mode == "practice" and self.tour_wanted and not self.tour_done():
            self.tour = Tour()
        return started

    def tour_done(self) -> bool:
        """Whether this records folder has seen the tour (finished or skipped)."""
        store = self.open_store()
        try:
            return store is not None and bool(store.get_meta(DONE_KEY))
        except (RecordsError, sqlite3.Error):  # an unreadable store: no tour rather than no game
            return True

    def finish_tour(self) -> None:
        if self.tour is None:
            return
        self.tour.end()
        self.tour = None
        store = self.open_store()
        if store is not None:
            try:
                store.set_meta(DONE_KEY, "1")
            except (RecordsError, sqlite3.Error):  # remembering is a courtesy; the game goes on
                pass

    def tour_tick(self) -> None:
        """Show the next mark of the screen on show; the tour ends after the first round."""
        tour, view = self.tour, self.view
        if tour is None:
            return
        if view is None or view.round > 1 or view.over or tour.over:
            self.finish_tour()
            return
        key = self.screen_key()
        if tour.current is not None and tour.marks[tour.current].screen != key:
            tour.advance()  # the trainee moved on: that mark is read
        if tour.panel is None and self.dialog is None and self.help is None:
            i = tour.next_for(key)
            if i is not None:
                tour.show(self.kit(), key, self.size, widget_rect(self.manager, tour.marks[i].target))

    # ------------------------------------------------------------------ conduct dilemmas

    def dilemma_tick(self) -> None:
        """Put an open conduct dilemma to the rep (one at a time); take the dialog away when the
        dilemma is no longer open (undone, or the game moved on)."""
        view = self.view
        open_ = [d for d in view.dilemmas if d.status == "open"] if view is not None else []
        if self.dilemma is not None and (not self.dilemma.alive
                                         or self.dilemma_id not in {d.id for d in open_}):
            self.close_dilemma()  # closed by its title bar's x: it is asked again
        if self.dilemma is not None or not open_ or self.dialog is not None or self.help is not None:
            return
        if self.tour is not None and self.tour.panel is not None:
            return
        d = open_[0]
        kit = self.kit()
        width = DILEMMA_W - 72  # the dialog's buttons, inside its borders
        choices = [(c.id, labelled_cost(kit, kit.pick(c.label), width, c.effort, c.money),
                    kit.pick(c.says)) for c in d.choices]
        who = self.names().account(d.account) if d.account else ""
        title = self.strings.t("dilemma.title_with" if who else "dilemma.title", account=who)
        self.dilemma = DilemmaDialog(kit, title, kit.pick(d.situation), choices, self.size)
        self.dilemma_id = d.id

    def close_dilemma(self) -> None:
        if self.dilemma is not None:
            self.dilemma.close()
            self.dilemma = None
        self.dilemma_id = None

    def draw_over(self, surface: pygame.Surface) -> None:
        target = self.tour.target if self.tour is not None else None
        rect = widget_rect(self.manager, target) if target else None
        if rect is not None:
            outline(surface, rect)

    def open_help(self) -> None:
        """F1: what this screen shows and the courseware behind it, and the glossary."""
        self.close_help()
        self.help = HelpPanel(self.kit(), self.strings, self.screen_key(), self.size)

    def close_help(self) -> None:
        if self.help is not None:
            self.help.close()
            self.help = None

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
        if self.resized_at is not None and time.perf_counter() - self.resized_at > KEEP_SIZE_AFTER:
            self.keep_window_size()
        if self.screen is not None:
            self.screen.update(dt)
        self.tour_tick()
        self.dilemma_tick()
        self.manager.update(dt)
        self.draw()
        self.frames += 1
        if self.first_frame_seconds is None:
            self.first_frame_seconds = time.perf_counter() - self.started
            stamp = os.environ.get(FIRST_FRAME_ENV)
            if stamp:
                self._stamp_first_frame(Path(stamp))
        if self.recorder is not None and self.screen_changed and not self.busy:
            self.recorder.capture_new(self)
        self.screen_changed = False

    def _stamp_first_frame(self, path: Path) -> None:
        """For the start-up bench: the wall-clock time of the first frame shown and its PNG;
        then the window closes."""
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.display, str(path.with_suffix(".png")))
        now = time.time()
        path.write_text(json.dumps({"shown_at": now, "first_drawn_at": splash.shown_at or now,
                                    "frames": self.frames,
                                    "since_window": self.first_frame_seconds}), encoding="utf-8")
        self.running = False

    def keep_window_size(self) -> None:
        """Store the size the window was resized to (once, not at every step of a drag)."""
        self.resized_at = None
        self.remember_window()

    def close(self) -> None:
        if self.resized_at is not None:
            self.keep_window_size()
        super().close()

    def loop(self) -> int:
        try:
            while self.running:
                dt = self.clock.tick(FPS) / 1000.0
                self.frame(dt)
        finally:
            self.close()
            pygame.quit()
        return 0
