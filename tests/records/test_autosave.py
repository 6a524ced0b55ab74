"""Autosave and resume: every accepted action is committed before the caller sees it, and a
resumed game is the same game (same state, same event-log hash)."""

from __future__ import annotations

import pytest

from game.bots.base import play
from game.bots.registry import make_bot
from game.engine.actions import EndPhase
from game.engine.events import log_digest
from game.engine.game import Game
from game.records.autoplay import autoplay
from game.records.autosave import RecordedGame, resume
from game.records.errors import RecordsError
from game.records.store import Store


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path) as s:
        yield s


def test_each_accepted_action_is_committed_before_apply_returns(store, small):
    rec = RecordedGame.start(store, "t-001", small, seed=4)
    bot = make_bot("heuristic", 4)
    seen = 0
    while not rec.game.over and seen < 40:
        result = rec.apply(bot.next_action(rec.view()))
        if result.accepted:
            seen += 1
            # A second connection sees the action at once: it is committed, not buffered.
            with Store.open(store.folder) as other:
                assert len(other.actions(rec.session_id)) == seen
                assert other.session(rec.session_id).actions == seen
        else:
            assert len(store.actions(rec.session_id)) == seen


def test_a_rejected_action_is_not_recorded(store, small):
    rec = RecordedGame.start(store, "t-001", small, seed=4)
    bad = rec.apply({"type": "sign", "account": "nobody"})
    assert not bad.accepted
    assert store.actions(rec.session_id) == []


def test_resume_rebuilds_the_same_game_at_every_point(store, small):
    reference = Game(small, seed=6)
    play(reference, make_bot("random", 6))
    rec = RecordedGame.start(store, "t-002", small, seed=6)
    for k, action in enumerate(reference.actions):
        assert rec.apply(action).accepted
        if k in (0, 7, len(reference.actions) // 2):
            again = resume(store, rec.session_id)
            hi = reference.action_bounds[k][1]
            assert again.log_digest() == log_digest(reference.events[:hi])
            assert (again.round, again.phase, again.week) == (rec.round, rec.phase, rec.week)
    session = store.session(rec.session_id)
    assert session.status == "finished"
    assert session.event_log_sha256 == reference.log_digest()
    assert resume(store, rec.session_id).log_digest() == reference.log_digest()


def test_finishing_writes_scores_and_statements_with_the_last_action(store, small):
    rec = RecordedGame.start(store, "t-003", small, seed=2)
    play(rec, make_bot("heuristic", 2))  # type: ignore[arg-type]
    session = store.session(rec.session_id)
    assert session.status == "finished" and session.weeks == small.rounds * small.weeks_per_round
    scores = store.scores(rec.session_id)
    assert scores is not None and scores["source"] == "assessment"
    assert scores["assessment"]["event_log_sha256"] == rec.game.log_digest()
    verbs = [s["verb"]["id"].rsplit("/", 1)[1] for s in store.statements()]
    assert verbs[0] == "completed" and verbs[-1] == "scored"
    assert ("passed" in verbs) != ("failed" in verbs)
    # Nothing more can be recorded once the game is over.
    assert not rec.apply(EndPhase()).accepted


def test_undo_takes_back_the_last_action_in_practice_mode(store, small):
    rec = RecordedGame.start(store, "t-004", small, seed=4)
    bot = make_bot("heuristic", 4)
    for _ in range(12):
        rec.apply(bot.next_action(rec.view()))
    before = len(rec.game.actions)
    digest = log_digest(rec.game.events[: rec.game.action_bounds[-2][1]])
    assert rec.undo()
    assert len(store.actions(rec.session_id)) == before - 1
    assert rec.game.log_digest() == digest == resume(store, rec.session_id).log_digest()

    exam = RecordedGame.start(store, "t-004", small, seed=4, mode="assessment")
    exam.apply(EndPhase())
    assert not exam.undo()


def test_a_failed_commit_leaves_game_and_store_in_step(store, small, monkeypatch):
    rec = RecordedGame.start(store, "t-005", small, seed=4)
    rec.apply(EndPhase())
    digest = rec.game.log_digest()

    def broken(*args, **kwargs):
        raise RecordsError("records.sqlite3", "disk full")

    monkeypatch.setattr(store, "record_action", broken)
    with pytest.raises(RecordsError):
        rec.apply(EndPhase())
    assert rec.game.log_digest() == digest
    assert len(rec.game.actions) == 1 == len(store.actions(rec.session_id))


def test_autoplay_resume_continues_a_bot_session_exactly(store, small):
    reference = Game(small, seed=9)
    play(reference, make_bot("heuristic", 9))
    # Play part of a session, as if the process died after 50 committed actions.
    rec = RecordedGame.start(store, "bot-heuristic", small, seed=9, player="bot:heuristic")
    bot = make_bot("heuristic", 9)
    while len(rec.game.actions) < 50:
        rec.apply(bot.next_action(rec.view()))
    result = autoplay(store, small, scenario_sha256="", bot="heuristic", seed=9, resume=True)
    assert result.resumed_from == 50
    assert result.recorded.session_id == rec.session_id
    assert result.recorded.game.log_digest() == reference.log_digest()
    assert [a for a, _ in store.actions(rec.session_id)] == reference.action_log()


def test_resuming_with_another_bot_is_refused(store, small):
    rec = RecordedGame.start(store, "t-006", small, seed=9, player="bot:heuristic")
    bot = make_bot("heuristic", 9)
    while len(rec.game.actions) < 30:
        rec.apply(bot.next_action(rec.view()))
    catch = RecordedGame.catch_up(store, rec.session_id)
    with pytest.raises(RecordsError, match="differs from the saved one"):
        play(catch, make_bot("random", 9))  # type: ignore[arg-type]
    assert len(store.actions(rec.session_id)) == 30


def test_assessment_mode_plays_the_trainees_own_variant(store, small):
    from game.scenario.models import Variation

    varied = small.model_copy(update={"variation": Variation(volume_jitter=0.3,
                                                             reservation_jitter=0.05)})
    exam = RecordedGame.start(store, "t-007", varied, seed=3, mode="assessment")
    practice = RecordedGame.start(store, "t-007", varied, seed=3, mode="practice")
    assert store.session(exam.session_id).variant == "trainee"
    assert store.session(practice.session_id).variant == ""
    volumes = [ka.volume for ka in exam.game.scenario.key_accounts]
    assert volumes != [ka.volume for ka in small.key_accounts]
    play(exam, make_bot("heuristic", 3))  # type: ignore[arg-type]
    assert resume(store, exam.session_id).log_digest() == exam.game.log_digest()
    other = RecordedGame.start(store, "t-008", varied, seed=3, mode="assessment")
    assert [ka.volume for ka in other.game.scenario.key_accounts] != volumes
