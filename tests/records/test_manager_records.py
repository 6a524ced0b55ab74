"""The manager track in the records: a manager game is committed as it is played, resumes from the
store alone, is scored with the manager rubric, carries its track into xAPI, exports as a signed
record that verify replays and re-scores, and imports; a rep's tools refuse it by name."""

from __future__ import annotations

import copy
import json
import sqlite3

import pytest

from game.manager.bots import make_manager_bot, play_manager
from game.manager.game import ManagerGame
from game.manager.loader import load_manager
from game.manager.scoring import manager_scores
from game.records import migrations
from game.records.autosave import resume
from game.records.errors import RecordsError
from game.records.exchange import import_record, session_record, sha256, verify_record
from game.records.manager_records import RecordedManagerGame, autoplay_manager
from game.records.store import Store, canonical
from tests.records.conftest import ROOT, run_main

KEY = b"hr-key-for-tests-0123456789abcdef"
TEAM = ROOT / "scenarios" / "manager" / "key-account-team.yaml"


@pytest.fixture(scope="module")
def team():
    return load_manager(TEAM)


@pytest.fixture(scope="module")
def played(team, tmp_path_factory):
    """A whole manager game played by the expert manager bot through the records."""
    scenario, territory, sha = team
    folder = tmp_path_factory.mktemp("records")
    with Store.open(folder) as store:
        rec, resumed = autoplay_manager(store, scenario, territory, bot="manager-expert", seed=7,
                                        scenario_sha256=sha, trainee="m-100", mode="assessment")
        assert resumed is None
        record = session_record(store, rec.session_id, KEY)
        return folder, rec.session_id, rec.game.log_digest(), record


def test_a_recorded_manager_game_is_the_game_a_bot_plays_unrecorded(team, played) -> None:
    scenario, territory, _ = team
    folder, sid, digest, _ = played
    bare = ManagerGame(scenario, territory, seed=7)
    play_manager(bare, make_manager_bot("manager-expert", 7))
    assert bare.log_digest() == digest
    with Store.open(folder) as store:
        s = store.session(sid)
        assert (s.track, s.status, s.mode, s.player) == ("manager", "finished", "assessment",
                                                         "bot:manager-expert")
        assert s.actions == len(bare.actions) and s.event_log_sha256 == digest
        scores = store.scores(sid)
        assert scores["track"] == "manager"
        stored = {c["id"]: (c["score"], c["level"], c["insufficient"])
                  for c in scores["assessment"]["competencies"]}
        assert stored == {c.id: (c.score, c.level, c.insufficient) for c in manager_scores(bare)}
        observed = [v[0] for v in stored.values() if v[0] is not None]
        assert scores["overall"] == pytest.approx(sum(observed) / len(observed), abs=1e-6)
        profit = next(k for k in scores["assessment"]["objective"] if k["id"] == "profit")
        assert profit["value"] == bare.totals()["profit"]


def test_its_xapi_statements_say_the_track_and_the_manager_rubric(played) -> None:
    folder, sid, digest, _ = played
    with Store.open(folder) as store:
        statements = [s for s in store.statements("m-100")]
    assert [s["verb"]["display"]["en-US"] for s in statements][0] == "completed"
    for s in statements:
        session = next(v for k, v in s["context"]["extensions"].items() if k.endswith("/session"))
        assert session["track"] == "manager" and session["event_log_sha256"] == digest
        assert s["actor"]["account"]["name"] == "m-100"
    scored = statements[-1]["result"]["extensions"]
    rubric = next(v for k, v in scored.items() if k.endswith("/rubric"))
    competencies = next(v for k, v in scored.items() if k.endswith("/competencies"))
    assert rubric["id"] == "manager"
    assert set(competencies) == {"recruiting-selection", "coaching-development",
                                 "incentives-motivation", "process-knowledge"}


def test_a_manager_game_left_mid_way_resumes_to_the_same_game(team, tmp_path) -> None:
    scenario, territory, _ = team
    with Store.open(tmp_path) as store:
        rec = RecordedManagerGame.start(store, "m-101", scenario, territory, seed=9)
        bot = make_manager_bot("manager-intermediate", 9)
        while rec.game.round < 3:
            rec.apply(bot.next_action(rec.view()))
        sid, state = rec.session_id, rec.view()
        rec.release()  # the window closes mid-game
        again = RecordedManagerGame.resume(store, sid)
        assert again.view() == state
        play_manager(again, make_manager_bot("manager-intermediate", 9))
        again.release()
        # a bot that catches up on the committed actions ends where an uninterrupted game ends
        whole = ManagerGame(scenario, territory, seed=9)
        for action, _ in store.actions(sid):
            assert whole.apply(action).accepted
        assert store.session(sid).event_log_sha256 == whole.log_digest()
        assert store.session(sid).status == "finished"


def test_an_edited_action_in_the_store_stops_the_resume(team, tmp_path) -> None:
    scenario, territory, _ = team
    with Store.open(tmp_path) as store:
        rec = RecordedManagerGame.start(store, "m-102", scenario, territory, seed=4)
        rep = rec.view().reps[0].id
        rec.apply({"type": "coach", "rep": rep, "competency": "negotiation-quoting", "hours": 3})
        rec.release()
        edited = canonical({"type": "coach", "rep": rep, "competency": "planning-forecasting",
                            "hours": 3})
        with store.transaction() as db:
            db.execute("UPDATE actions SET action = ? WHERE session_id = ?", (edited, rec.session_id))
        with pytest.raises(RecordsError, match="does not replay"):
            RecordedManagerGame.resume(store, rec.session_id)


def test_bot_autoplay_resumes_a_manager_session_without_writing_twice(team, tmp_path) -> None:
    scenario, territory, _ = team
    with Store.open(tmp_path) as store:
        rec = RecordedManagerGame.start(store, "m-103", scenario, territory, seed=2,
                                        player="bot:manager-novice")
        bot = make_manager_bot("manager-novice", 2)
        for _ in range(5):
            rec.apply(bot.next_action(rec.view()))
        rec.release()
        again, resumed = autoplay_manager(store, scenario, territory, bot="manager-novice",
                                          trainee="m-103", resume=True)
        assert resumed == 5 and again.session_id == rec.session_id
        bare = ManagerGame(scenario, territory, seed=2)
        play_manager(bare, make_manager_bot("manager-novice", 2))
        assert store.session(rec.session_id).event_log_sha256 == bare.log_digest()
        assert len(store.sessions("m-103")) == 1


def test_a_manager_record_verifies_imports_and_catches_an_edit(played, tmp_path) -> None:
    *_, record = played
    check = verify_record(record, KEY)
    assert check.ok, check.problems
    assert any("scores match" in f for f in check.facts)
    with Store.open(tmp_path / "other") as store:
        info = import_record(store, "rec.json", record, KEY)
        assert info.track == "manager" and store.scores(info.id) == record["scores"]
        assert len(store.statements(info.trainee_id)) == 3
    # an insider who edits a score and signs again is caught by the re-scoring
    from game.records import signing

    forged = copy.deepcopy(record)
    forged["scores"]["assessment"]["competencies"][0]["score"] = 0.99
    forged["hashes"]["scores_sha256"] = sha256(canonical(forged["scores"]))
    forged = signing.sign(forged, KEY)
    check = verify_record(forged, KEY)
    assert not check.ok and any("re-scoring" in p for p in check.problems)
    # and one who edits an action, by the replay
    lines = [json.loads(line) for line in record["save"].splitlines()]
    coach = next(line for line in lines if line.get("action", {}).get("type") == "coach")
    coach["action"]["hours"] = 1.0 if coach["action"]["hours"] != 1.0 else 2.0
    edited = copy.deepcopy(record)
    edited["save"] = "".join(canonical(line) + "\n" for line in lines)
    edited["hashes"]["save_sha256"] = sha256(edited["save"])
    check = verify_record(signing.sign(edited, KEY), KEY)
    assert not check.ok and any(p.startswith("replay") for p in check.problems)



@pytest.mark.parametrize("edit", ["no action", "action is a number", "digests are a number",
                                  "digests are numbers", "a line is a list"])
def test_a_manager_save_line_the_game_never_writes_is_refused_in_words(played, edit) -> None:
    """Software holding the key may write a save the replay cannot read: verify says which
    line, and import refuses it, instead of a KeyError or AttributeError."""
    from game.records import signing

    *_, record = played
    lines = [json.loads(line) for line in record["save"].splitlines()]
    n = next(i for i, line in enumerate(lines) if line.get("type") == "action")
    if edit == "no action":
        del lines[n]["action"]
    elif edit == "action is a number":
        lines[n]["action"] = 3.5
    elif edit == "digests are a number":
        lines[n]["events"] = 7
    elif edit == "digests are numbers":
        lines[n]["events"] = [1, 2]
    else:
        lines[n] = [1, 2]
    edited = copy.deepcopy(record)
    edited["save"] = "".join(canonical(line) + "\n" for line in lines)
    edited["hashes"]["save_sha256"] = sha256(edited["save"])
    check = verify_record(signing.sign(edited, KEY), KEY)
    assert not check.ok
    assert any(p.startswith(f"saved game line {n + 1}:") for p in check.problems), check.problems


def test_a_manager_record_rescores_with_its_own_rubric_after_the_rubric_changes(
        played, tmp_path, monkeypatch) -> None:
    from game.manager import scoring

    *_, record = played
    assert record["rubric"] == scoring.RUBRIC.read_text(encoding="utf-8")
    changed = tmp_path / "manager.yaml"  # an installation whose manager rubric weighs otherwise
    changed.write_text(record["rubric"].replace("weight: 1\n", "weight: 3\n", 1), encoding="utf-8")
    monkeypatch.setattr(scoring, "RUBRIC", changed)
    check = verify_record(record, KEY)
    assert check.ok, check.problems
    assert any("scores match" in f for f in check.facts)
    # a record that does not carry its rubric is re-scored with the installed one, and says so
    bare = copy.deepcopy(record)
    bare["rubric"] = None
    from game.records import signing

    check = verify_record(signing.sign(bare, KEY), KEY)
    assert not check.ok
    assert any("neither the record nor this installation has" in p for p in check.problems)

def test_the_rep_tools_refuse_a_manager_session_by_name(played) -> None:
    folder, sid, *_ = played
    with Store.open(folder) as store, pytest.raises(RecordsError, match="manager game"):
        resume(store, sid)


def test_a_store_from_before_the_manager_track_opens_with_its_sessions_as_rep_games(
        tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
    sid = "0f0f0f0f-0000-4000-8000-000000000001"
    with Store.open(tmp_path) as store, store.transaction() as db:  # as the older version wrote it
        db.execute("INSERT INTO trainees (id, created_at) VALUES ('t-1', '2026-01-01T00:00:00Z')")
        db.execute("INSERT INTO scenarios VALUES ('c', 's', '{}')")
        db.execute("INSERT INTO sessions (id, trainee_id, scenario_id, scenario_sha256, "
                   "scenario_content, seed, mode, player, engine_version, started_at, status) "
                   "VALUES (?, 't-1', 's', '', 'c', 1, 'practice', 'human', '3.0.0', "
                   "'2026-01-01T00:00:00Z', 'open')", (sid,))
    monkeypatch.undo()
    with Store.open(tmp_path) as store:
        assert store.session(sid).track == "rep"
        with pytest.raises(sqlite3.IntegrityError):
            store.conn.execute("UPDATE sessions SET track = 'coach' WHERE id = ?", (sid,))


def test_autoplay_on_the_command_line_records_the_track_and_refuses_a_rep_bot(tmp_path) -> None:
    data = str(tmp_path / "records")
    wrong = run_main("autoplay", str(TEAM), "--bot", "expert", "--data-dir", data)
    assert wrong.returncode == 2 and "manager bot" in wrong.stderr
    assert "Traceback" not in wrong.stderr
    done = run_main("autoplay", str(TEAM), "--bot", "manager-idle", "--data-dir", data, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["track"] == "manager"
    listed = json.loads(run_main("sessions", "--data-dir", data, "--json").stdout)
    assert [s["track"] for s in listed["sessions"]] == ["manager"]
    report = run_main("report", "--trainee", "bot-manager-idle", "--data-dir", data,
                      "--out", str(tmp_path / "r.html"))
    assert report.returncode == 0, report.stderr
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Team profit" in html and "Recruiting and selection" in html
    assert "Profit by cause" not in html  # the rep's waterfall: a team's profit is its KPI


def test_a_record_whose_rubric_this_installation_cannot_read_says_so(played) -> None:
    from game.records import signing
    from game.records.exchange import sha256 as digest

    *_, record = played
    odd = copy.deepcopy(record)  # as if a later installation wrote a rule this one lacks
    odd["rubric"] = record["rubric"].replace("params: {chance_to_share: true}",
                                             "params: {chance_to_teach: true}")
    odd["scores"]["assessment"]["rubric_sha256"] = digest(odd["rubric"])
    odd["hashes"]["scores_sha256"] = digest(canonical(odd["scores"]))
    check = verify_record(signing.sign(odd, KEY), KEY)
    assert not check.ok
    assert any("manager rubric cannot be read here" in p and "chance_to_teach" in p
               for p in check.problems), check.problems
