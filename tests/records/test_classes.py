"""A class: its signed file, the statements a class session makes as it is played and at its end,
and the class as those statements alone show it."""

from __future__ import annotations

import copy
import json
import math
import pathlib
import statistics

import pytest

from game.assessment.assess import competency_scores, standard_rubric
from game.classroom.aggregate import class_view
from game.records.autoplay import autoplay
from game.records.classes import (
    LrsAccess,
    class_registration,
    load_class,
    new_class,
    read_roster,
    write_class,
)
from game.records.errors import RecordsError
from game.records.store import Store

KEY = b"class-key-for-tests-0123456789ab"
ROSTER = ("t-01", "t-02", "t-03")


@pytest.fixture(scope="module")
def klass(small, tmp_path_factory):
    folder = tmp_path_factory.mktemp("class")
    info = new_class(small, "abc", seed=21, roster=ROSTER, name="Spring cohort",
                     lrs=LrsAccess("http://127.0.0.1:9/xAPI", "writer", "secret"),
                     created_at="2026-12-05T09:00:00Z")
    path = write_class(info, folder / "class.json", KEY)
    return info, path


@pytest.fixture(scope="module")
def played(klass, tmp_path_factory):
    """Three trainees of the class, each on its own store, played by three bots."""
    info, _ = klass
    out = {}
    for trainee, bot in zip(ROSTER, ("expert", "novice", "heuristic"), strict=True):
        folder = tmp_path_factory.mktemp(trainee)
        with Store.open(folder) as store:
            noop = type(info)(**{**vars(info), "lrs": None})  # no LRS here: the outbox keeps all
            result = autoplay(store, info.scenario, scenario_sha256="", bot=bot, trainee=trainee,
                              class_info=noop)
            out[trainee] = (store.statements(trainee), store.scores(result.recorded.session_id),
                            result.recorded.game)
    return out


def test_a_class_file_loads_as_made_and_refuses_any_change(klass, tmp_path) -> None:
    info, path = klass
    again, note = load_class(path, KEY)
    assert again == info and note == ""
    assert again.registration == class_registration(info.id)
    assert again.scenario.id == info.scenario_id and again.seed == 21
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["class"]["seed"] = 22  # a trainee who wants an easier case
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(RecordsError, match="does not check out"):
        load_class(changed, KEY)
    unchecked, note = load_class(changed, None)  # a machine without the key plays, and says so
    assert unchecked.seed == 22 and "not checked" in note


def test_a_roster_is_pseudonymous_ids_and_says_where_it_is_wrong(tmp_path) -> None:
    good = tmp_path / "roster.txt"
    good.write_text("# spring\nt-01\n\nt-02  # late joiner\n", encoding="utf-8")
    assert read_roster(good) == ("t-01", "t-02")
    bad = tmp_path / "bad.txt"
    bad.write_text("t-01\nli.ming@example.com\n", encoding="utf-8")
    with pytest.raises(RecordsError) as err:
        read_roster(bad)
    assert err.value.where.endswith("bad.txt:2")
    twice = tmp_path / "twice.txt"
    twice.write_text("t-01\nt-01\n", encoding="utf-8")
    with pytest.raises(RecordsError, match="twice"):
        read_roster(twice)


def test_only_the_roster_plays_a_class(klass, tmp_path) -> None:
    info, _ = klass
    with Store.open(tmp_path) as store, pytest.raises(RecordsError, match="not on the roster"):
        autoplay(store, info.scenario, scenario_sha256="", bot="heuristic", trainee="t-99",
                 class_info=info)


def test_every_statement_of_a_class_session_carries_the_class(klass, played) -> None:
    info, _ = klass
    for statements, _, game in played.values():
        assert len({s["id"] for s in statements}) == len(statements)
        for s in statements:
            assert s["context"]["registration"] == info.registration
            grouping = s["context"]["contextActivities"]["grouping"]
            assert grouping[0]["id"].endswith(f"/classes/{info.id}")
        verbs = [s["verb"]["id"].rsplit("/", 1)[-1] for s in statements]
        assert verbs[-1] == "scored" and "completed" in verbs
        progress = [s["result"]["extensions"] for s in statements if verbs[0] == "progressed"
                    and s["verb"]["id"].endswith("progressed")]
        rounds = [next(iter(p.values()))["round"] for p in progress]
        assert rounds == sorted(rounds) and rounds[-1] == game.scenario.rounds
        last = next(iter(progress[-1].values()))
        assert last["over"] and last["deals"] == sum(1 for e in game.events
                                                     if e.kind == "contract_signed")
        rubric, _ = standard_rubric()
        final = {c.id: c.score for c in competency_scores(list(game.events), game.scenario, rubric)}
        assert last["scores"] == final  # the provisional scores end where the game's end


def test_the_class_debrief_from_the_statements_equals_the_local_stores(klass, played) -> None:
    info, _ = klass
    statements = [s for trainee in ROSTER for s in played[trainee][0]]
    view = class_view(info, statements[::-1], lrs="test", generated="now")  # any order
    assert [r.trainee for r in view.trainees] == list(ROSTER)
    for row in view.trainees:
        _, scores, game = played[row.trainee]
        assert row.status == "finished" and row.overall == round(scores["overall"], 4)
        assert row.round == game.scenario.rounds
    assert [t for t, _ in view.ranking] == sorted(
        ROSTER, key=lambda t: (-round(played[t][1]["overall"], 4), t))
    for comp in view.competencies:
        local = [c["score"] for t in ROSTER for c in played[t][1]["assessment"]["competencies"]
                 if c["id"] == comp.id and c["score"] is not None]
        assert sorted(comp.values) == pytest.approx(sorted(local))
        if len(local) >= 2:
            assert comp.low <= statistics.fmean(local) <= comp.high
    negotiated = {d.trainee: set() for a in view.accounts for d in a.deals}
    for account in view.accounts:
        for d in account.deals:
            negotiated[d.trainee].add(account.account)
            assert 0.0 <= d.u_rep <= 1.0 and 0.0 <= d.u_customer <= 1.0
        assert account.frontier and account.nash is not None
    for trainee, accounts in negotiated.items():
        assert accounts == set(played[trainee][2].sessions)
    seen = {m.kind: m.trainees for m in view.missed}
    assert all(1 <= n <= len(ROSTER) for n in seen.values())


def test_a_trainee_not_yet_started_is_waiting_and_one_in_play_is_playing(klass, played) -> None:
    info, _ = klass
    statements, _, _ = played["t-01"]
    in_play = [s for s in statements if s["verb"]["id"].endswith("progressed")][:5]
    view = class_view(info, in_play, lrs="test", generated="now")
    rows = {r.trainee: r for r in view.trainees}
    assert rows["t-01"].status == "playing" and rows["t-01"].phase is not None
    assert rows["t-02"].status == "waiting" and rows["t-02"].round is None
    assert view.ranking == [] and view.accounts == []


def _study_of(info, rubric_sha: str, tmp_path: pathlib.Path) -> pathlib.Path:
    """A validity study of the class's case text, as ``study --json`` writes it."""
    report = {"command": "study", "scenario_id": info.scenario_id,
              "scenario_sha256": info.scenario_sha256, "rubric_sha256": rubric_sha,
              "trainees": 200, "seeds": [1, 2],
              "competencies": {"negotiation-quoting": {"icc": 0.8, "sem": 0.07, "sd": 0.16,
                                                       "scored_games": 400}},
              "overall": {"icc": 0.7, "sem": 0.05, "sd": 0.09, "scored_games": 400}}
    path = tmp_path / "study.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    return path


def test_the_class_debrief_gives_the_error_the_case_study_measured(klass, played, tmp_path,
                                                                   monkeypatch) -> None:
    """The facilitator sees how exact one trainee's scores are where the case's study measured
    the text and rubric the class played; nothing is assumed where it did not."""
    from game.records import measurement
    from game.records.xapi import base_iri

    info, _ = klass
    statements = copy.deepcopy([s for trainee in ROSTER for s in played[trainee][0]])
    for s in statements:  # as a class machine sends them: naming the class's case text
        s["context"]["extensions"][f"{base_iri()}/ext/session"]["scenario_sha256"] = \
            info.scenario_sha256
    unnamed = [s for trainee in ROSTER for s in played[trainee][0]]  # games naming no text
    for rubric, measured in ((standard_rubric()[1], True), ("0" * 64, False)):
        validity = measurement.load_validity(_study_of(info, rubric, tmp_path))
        monkeypatch.setattr(measurement, "_shipped", lambda v=validity: v)
        view = class_view(info, statements, lrs="test", generated="now")
        sems = {c.id: c.sem for c in view.competencies}
        if measured:
            assert sems.pop("negotiation-quoting") == 0.07
            assert view.overall_sem == 0.05
            assert view.real_gap == pytest.approx(1.96 * math.sqrt(2) * 0.05)
            assert class_view(info, unnamed, lrs="test", generated="now").overall_sem is None
        else:
            assert view.overall_sem is None and view.real_gap is None
        assert all(v is None for v in sems.values())  # no study figure, no error
