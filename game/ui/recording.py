"""The records side of the window: the store (opened on first use), starting a recorded game,
resuming an unfinished one, the start screen's list of sessions, saving a game to a file.

Every accepted action is committed to the store as it happens (``game.ui.play.Play`` goes through
``game.records.autosave``); ``--resume`` continues the trainee's latest unfinished session.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from game.records.errors import RecordsError
from game.records.session_lock import SessionBusy
from game.records.store import SessionInfo, Store, parse_iso
from game.scenario.errors import ScenarioError
from game.scenario.text import Text
from game.ui.hot_reload import HotReload
from game.ui.i18n import Strings
from game.ui.play import GUEST, PLAYER, Play, assessment_scenario, valid_trainee
from game.ui.session_prefs import WindowPrefs, load_prefs, save_prefs
from game.ui.window import SIZE


class Recording(HotReload):
    """Starts, resumes, saves and records the play-through."""

    def __init__(self, args: argparse.Namespace, size: tuple[int, int] = SIZE) -> None:
        super().__init__(args, size)
        self.data_dir: str | None = getattr(args, "data_dir", None)
        self.store: Store | None = None
        self.store_error: str | None = None
        self.titles: dict[str, Text] = {}  # session id -> its scenario's title (start screen)

    # ------------------------------------------------------------------ the store

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

    def close(self) -> None:
        """Let go of the records store (everything in it is already committed)."""
        if self.play is not None:
            self.play.stop_sync()
        if self.store is not None:
            self.store.close()
            self.store = None

    def remember_window(self) -> None:
        """Keep the session's language and window size with it, for resuming."""
        play = self.play
        if self.store is not None and play is not None and play.session_id is not None:
            save_prefs(self.store, play.session_id, WindowPrefs(self.lang, self.window_size))

    def latest_open(self, trainee: str | None) -> SessionInfo | None:
        """The latest unfinished window session of ``trainee`` ('' = guest; None = anyone's)."""
        store = self.open_store()
        if store is None:
            return None
        if trainee is not None and not valid_trainee(trainee or GUEST):
            return None
        found = [s for s in store.sessions(None if trainee is None else trainee or GUEST, "open")
                 if s.player == PLAYER and s.track == "rep"]  # a team's game resumes in its window
        return found[-1] if found else None

    def session_title(self, session: SessionInfo) -> str:
        if session.id not in self.titles and self.store is not None:
            self.titles[session.id] = self.store.scenario_of(session).title
        title = self.titles.get(session.id)
        return title.pick(self.lang) if title is not None else session.scenario_id

    def session_started(self, session: SessionInfo) -> str:
        moment: datetime = parse_iso(session.started_at).astimezone()
        return moment.strftime("%m-%d %H:%M")

    # ------------------------------------------------------------------ starting and resuming

    def start_game(self, path: str, mode: str, trainee: str) -> bool:
        t = self.strings.t
        if trainee and not valid_trainee(trainee):
            return self._refuse(t("start.bad_trainee"))
        if mode == "assessment" and not trainee:
            return self._refuse(t("start.need_trainee"))
        try:
            scenario, sha = self.load(path)
        except ScenarioError as err:
            return self._refuse(err.problems[0].format(self.strings.lang).splitlines()[0])
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
            return self._refuse(t("records.failed", why=self.told(err)))
        self.scenario_path = path
        self.mode, self.trainee = mode, trainee
        self.play = play
        self.remember_window()
        if store is None:
            self.set_status(t("status.started_unrecorded"), "warn")
        else:
            self.set_status(t("status.started"), "good")
        self.watch_scenario()
        self.refresh(force=True)
        return True

    def start_class(self, class_file: str, mode: str, trainee: str) -> bool:
        """``play --class``: the class's case and seed, recorded for a trainee of its roster,
        its statements sent to the class's LRS as they are made."""
        from game.records.classes import load_class
        from game.records.signing import load_key

        t = self.strings.t
        store = self.open_store()
        if store is None:
            return self._refuse(t("records.needed"))
        try:
            info, note = load_class(class_file, load_key(store.folder, required=False))
            if not trainee:
                return self._refuse(t("class.need_trainee"))
            if trainee not in info.roster:
                return self._refuse(t("class.not_on_roster", trainee=trainee))
            found = [s for s in store.sessions(trainee, "open")
                     if s.class_id == info.id and s.player == PLAYER]
            if found:  # a trainee who closed the window mid-class goes on where it was
                return self.resume(found[-1].id)
            self.progress(t("working.starting"))
            play = Play(info.scenario, info.scenario_sha256, "", info.seed, mode=mode,
                        trainee=trainee, store=store, class_info=info)
        except RecordsError as err:
            print(str(err), file=sys.stderr)
            return self._refuse(t("class.cannot_open", why=err.message_in(self.strings.lang)))
        if note:
            print(note, file=sys.stderr)
        self.mode, self.trainee = mode, trainee
        self.play = play
        self.remember_window()
        self.set_status(t("class.started", name=info.name), "good")
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
        except SessionBusy as err:
            print(str(err), file=sys.stderr)
            return self._refuse(t("status.resume_busy"))
        except (RecordsError, ScenarioError) as err:
            print(str(err), file=sys.stderr)
            return self._refuse(t("status.resume_failed", why=self.told(err)))
        self.play = play
        prefs = load_prefs(store, session_id)
        if prefs.lang is not None and not self.lang_chosen:
            self.lang, self.strings = prefs.lang, Strings(prefs.lang)
        if prefs.size is not None and prefs.size != self.window_size:
            self.resize(prefs.size)
        self.remember_window()
        self.mode, self.trainee = play.mode, play.trainee
        self.scenario_path = play.scenario_path or self.scenario_path
        self.set_status(t("status.resumed", actions=len(play.game.actions)), "good")
        self.watch_scenario()
        self.refresh(force=True)
        return True

    def resume_latest(self, trainee: str | None) -> bool:
        """``play --resume``: the latest unfinished session (of ``trainee`` if given)."""
        session = self.latest_open(trainee)
        if session is None:
            return self._refuse(self.strings.t("status.nothing_to_resume"))
        return self.resume(session.id)

    # ------------------------------------------------------------------ saving to a file

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
