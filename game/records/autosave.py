"""Autosave and resume: every accepted action is committed before its result is returned.

``RecordedGame`` wraps an engine ``Game``: ``apply(action)`` applies it and, if the engine accepts
it, commits it to the store in a transaction (with the scores and xAPI statements when it ends
the game) before returning. ``resume(store, session_id)`` rebuilds the game by replaying the
committed actions, checking every event against the digests saved with them.
"""

from __future__ import annotations

import json
import time
from typing import Any

from game import ENGINE_VERSION, engine_compatible
from game.engine.actions import Action, action_to_dict, parse_action
from game.engine.game import ApplyResult, Game
from game.engine.savegame import DIGEST_CHARS
from game.records.class_statements import (
    class_context,
    deal_rows,
    missed_rows,
    progress_statement,
)
from game.records.classes import ClassInfo, check_on_roster, stored_class
from game.records.errors import RecordsError, StoreError
from game.records.scoring import rubric_text, score_game, scores_rubric
from game.records.session_lock import lock_session, unlock_session
from game.records.store import Finish, SessionInfo, Store, check_trainee_id
from game.records.xapi import base_iri, statements_for
from game.scenario.models import Scenario


def short_digests(result_events: list[Any]) -> list[str]:
    return [e.digest()[:DIGEST_CHARS] for e in result_events]


def class_of(store: Store, session: SessionInfo) -> ClassInfo | None:
    """The class a session was played in (None for one played alone)."""
    if session.class_id is None:
        return None
    body = store.class_body(session.class_id)
    if body is None:
        raise StoreError.said(str(store.path), "session_lost_class", session=session.id)
    return stored_class(body)


def fresh_game(store: Store, session: SessionInfo) -> Game:
    """The session's game before its first action (scenario as it was when it started)."""
    if session.track != "rep":
        raise RecordsError.said(str(store.path), "manager_game_as_rep", session=session.id)
    return Game(store.scenario_of(session), seed=session.seed,
                scenario_sha256=session.scenario_sha256)


def resume(store: Store, session_id: str) -> Game:
    """Rebuild a session's game from its committed actions: same state, same event log."""
    session = store.session(session_id)
    if not engine_compatible(session.engine_version):
        raise RecordsError.said(str(store.path), "engine_changed", session=session.id,
                                played=session.engine_version, engine=ENGINE_VERSION)
    game = fresh_game(store, session)
    for n, (data, digests) in enumerate(store.actions(session_id)):
        _replay_one(store, session, game, n, data, digests)
    return game


def _replay_one(store: Store, session: SessionInfo, game: Game, n: int, data: dict[str, Any],
                digests: list[str]) -> None:
    result = game.apply(parse_action(data))
    if not result.accepted:
        raise RecordsError.said(str(store.path), "saved_action_rejected", session=session.id, n=n,
                                type=data.get("type"), reason=result.reason,
                                played=session.engine_version)
    if short_digests(result.events) != digests:
        raise RecordsError.said(str(store.path), "saved_action_differs", session=session.id, n=n,
                                type=data.get("type"), played=session.engine_version)


class RecordedGame:
    """A ``Game`` whose accepted actions are committed to the store as they happen.

    Everything but ``apply`` and ``undo`` is read from the wrapped game, so the window, the bots
    and ``game.bots.base.play`` can use it in place of a ``Game``.
    """

    def __init__(self, store: Store, session_id: str, game: Game,
                 committed: list[tuple[dict[str, Any], list[str]]] | None = None) -> None:
        self.store = store
        self.session_id = session_id
        self.game = game
        self.class_info = class_of(store, store.session(session_id))
        # Actions already in the store that a bot is replaying to catch up: checked, not written.
        self._expected = list(committed or [])

    # ------------------------------------------------------------------ making one

    @classmethod
    def start(cls, store: Store, trainee: str, scenario: Scenario, *, scenario_sha256: str = "",
              seed: int | None = None, mode: str = "practice", player: str = "human",
              scenario_path: str | None = None, variant: str = "",
              display_name: str | None = None, class_info: ClassInfo | None = None) -> RecordedGame:
        """Start and record a new session (seed: the scenario's unless given); in a class
        (``class_info``), the class's scenario and seed, for a trainee of its roster.

        In assessment mode a scenario with a ``variation`` block is played as the trainee's own
        variant (``game.trainer.variants.make_variant``), recorded as variant ``trainee``."""
        check_trainee_id(trainee)
        if class_info is not None:  # every trainee of a class plays the same case
            check_on_roster(class_info, trainee)
            scenario, seed, variant = class_info.scenario, class_info.seed, ""
            store.add_class(class_info.id, json.dumps(class_info.document(), ensure_ascii=False))
        elif mode == "assessment" and getattr(scenario, "variation", None) is not None:
            from game.trainer.variants import make_variant

            scenario = make_variant(scenario, trainee)
            variant = variant or "trainee"
        game = Game(scenario, seed=seed, scenario_sha256=scenario_sha256)
        session_id = store.start_session(
            trainee, game.scenario, scenario_sha256=scenario_sha256, seed=game.seed, mode=mode,
            player=player, scenario_path=scenario_path, variant=variant,
            engine_version=game.engine_version, display_name=display_name,
            class_id=None if class_info is None else class_info.id)
        lock_session(store.folder, session_id)
        return cls(store, session_id, game)

    @classmethod
    def resume(cls, store: Store, session_id: str) -> RecordedGame:
        """Continue a session: replay what was committed, then record from there on. Refused
        (SessionBusy) while another process plays it."""
        lock_session(store.folder, session_id)
        recorded = cls(store, session_id, resume(store, session_id))
        recorded._finish_if_over()
        return recorded

    @classmethod
    def catch_up(cls, store: Store, session_id: str) -> RecordedGame:
        """A fresh game that expects the committed actions again (for a bot that must rebuild
        its own state by playing them); they are checked against the store, not re-written."""
        lock_session(store.folder, session_id)
        session = store.session(session_id)
        return cls(store, session_id, fresh_game(store, session), store.actions(session_id))

    # ------------------------------------------------------------------ playing

    @property
    def session(self) -> SessionInfo:
        return self.store.session(self.session_id)

    @property
    def catching_up(self) -> bool:
        return len(self.game.actions) < len(self._expected)

    def apply(self, action: Action | dict[str, Any]) -> ApplyResult:
        """Apply ``action``; if accepted, it is committed before this returns."""
        before = (self.game.round, self.game.phase)
        result = self.game.apply(action)
        if not result.accepted:
            return result
        n = len(self.game.actions) - 1
        data = action_to_dict(self.game.actions[-1])
        digests = short_digests(result.events)
        if n < len(self._expected):
            if (data, digests) != tuple(self._expected[n]):
                self._take_back()
                raise RecordsError.said(str(self.store.path), "catch_up_differs",
                                        session=self.session_id, n=n)
            if n == len(self._expected) - 1:
                self._finish_if_over()
            return result
        progress = []
        if self.class_info is not None and (self.game.round, self.game.phase) != before:
            progress = [progress_statement(self.class_info, self.session, self.game, n,
                                           "".join(digests)[:32], self.store.now())]
        try:
            self.store.record_action(self.session_id, n, data, digests,
                                     self._finish_record() if self.game.over else None,
                                     statements=progress)
        except BaseException:
            self._take_back()
            raise
        return result

    def _take_back(self) -> None:
        """Undo the last engine step in memory (the store did not take it)."""
        game = Game(self.game.scenario, seed=self.game.seed,
                    scenario_sha256=self.game.scenario_sha256)
        for action in self.game.actions[:-1]:
            game.apply(action)
        self.game = game

    def _finish_record(self) -> Finish:
        session = self.store.session(self.session_id)
        session = SessionInfo(**(session.to_dict() | {"actions": len(self.game.actions)}))
        ended_at = self.store.now()
        scores = score_game(self.game)
        weeks = self.game.week
        digest = self.game.log_digest()
        group = extra = None
        if self.class_info is not None:
            group = class_context(self.class_info, session)
            extra = {f"{base_iri()}/ext/deals": deal_rows(self.game),
                     f"{base_iri()}/ext/missed": missed_rows(self.game)}
        statements = statements_for(session, self.game.scenario, scores, ended_at=ended_at,
                                    weeks=weeks, event_log_sha256=digest, group=group, extra=extra)
        return Finish(event_log_sha256=digest, weeks=weeks, ended_at=ended_at, scores=scores,
                      statements=statements, rubric=rubric_text(scores_rubric(scores)))

    def _finish_if_over(self) -> None:
        if self.game.over and self.store.session(self.session_id).status == "open":
            self.store.finish_session(self.session_id, self._finish_record())

    def undo(self) -> bool:
        """Take back the last action (practice mode only); False if there is none."""
        session = self.store.session(self.session_id)
        if session.mode != "practice" or session.status != "open" or not self.game.actions:
            return False
        keep = len(self.game.actions) - 1
        self.store.truncate_actions(self.session_id, keep)
        self._take_back()
        return True

    def abandon(self) -> None:
        self.store.abandon_session(self.session_id)
        self.release()

    def release(self) -> None:
        """Let another process play this session (this one stops recording it)."""
        unlock_session(self.store.folder, self.session_id)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.game, name)


class Paced:
    """Wraps a game so each accepted action is followed by a pause (demos and crash tests)."""

    def __init__(self, game: RecordedGame, seconds: float) -> None:
        self.inner = game
        self.seconds = seconds

    def apply(self, action: Action | dict[str, Any]) -> ApplyResult:
        result = self.inner.apply(action)
        if result.accepted and self.seconds > 0 and not self.inner.catching_up:
            time.sleep(self.seconds)
        return result

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)
