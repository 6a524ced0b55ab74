"""The reference rep's run is kept with the scores, and ``verify`` checks a record against that
stored run: it never plays a bot again, so a later change to the bots leaves stored records
verifiable, while tampering with the stored reference is caught."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from game import ENGINE_VERSION
from game.assessment import relative as relative_module
from game.assessment import runs
from game.assessment.relative import REFERENCE_POLICY_VERSION, Reference, reference_run
from game.bots import registry
from game.engine.actions import AskQuestion, EndPhase, MakeOffer, Pursue
from game.engine.game import Game
from game.engine.phases import Phase
from game.records import signing
from game.records.autosave import RecordedGame
from game.records.exchange import session_record, sha256, verify_record
from game.records.scoring import score_game
from game.records.store import Store, canonical
from game.scenario.models import Scenario

KEY = b"hr-key-for-tests-0123456789abcdef"
SEED = 21
TERMS = {"price": 0.05, "volume": 1.0, "delivery_weeks": 4, "payment_days": 30, "service": "basic"}


def _drive(game: Game | RecordedGame) -> None:
    """A trainee's whole game with explicit actions: one question and one offer to hx-bank in
    round 1, every phase ended otherwise."""
    while game.phase != Phase.NEGOTIATION:
        assert game.apply(EndPhase()).accepted
    assert game.apply(Pursue(account="hx-bank")).accepted
    assert game.apply(AskQuestion(account="hx-bank", topic="needs")).accepted
    assert game.apply(MakeOffer(account="hx-bank", offer=TERMS)).accepted
    while not game.over:
        assert game.apply(EndPhase()).accepted


@pytest.fixture(scope="module")
def record(small: Scenario, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("reference")
    with Store.open(folder) as store:
        recorded = RecordedGame.start(store, "t-ref", small, seed=SEED, mode="assessment")
        _drive(recorded)
        assert store.session(recorded.session_id).status == "finished"
        return session_record(store, recorded.session_id, KEY)


def _resign(document: dict[str, Any]) -> dict[str, Any]:
    """What an insider holding the key would do after an edit: fix the hashes, sign again."""
    out = copy.deepcopy(document)
    out["hashes"]["scores_sha256"] = sha256(canonical(out["scores"]))
    return signing.sign(out, KEY)


def test_the_scores_keep_the_reference_run(record: dict[str, Any], small: Scenario) -> None:
    stored = record["scores"]["reference"]
    expert = runs.play_named(small, "expert", SEED)  # an independent play of the reference
    assert stored["policy"] == "expert"
    assert stored["policy_version"] == REFERENCE_POLICY_VERSION
    assert stored["engine_version"] == ENGINE_VERSION and stored["seed"] == SEED
    assert stored["event_log_sha256"] == expert.log_digest()
    relative = record["scores"]["assessment"]["relative"]
    assert relative["reference_event_log_sha256"] == stored["event_log_sha256"]
    for kpi in relative["kpis"]:
        assert kpi["reference"] == stored["kpis"][kpi["id"]]
    assert Reference.from_stored(stored).stored() == stored


def test_verify_passes_after_the_reference_bot_changed_and_never_plays_a_bot(
    record: dict[str, Any], small: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the reference rep now behaves differently: the idle bot answers to its name
    monkeypatch.setitem(registry.BOTS, "expert", registry.BOTS["idle"])
    monkeypatch.setattr(relative_module, "_cache", type(relative_module._cache)())
    changed = reference_run(small, SEED, "expert")
    assert changed.event_log_sha256 != record["scores"]["reference"]["event_log_sha256"]
    # so re-running the reference would change the relative result of this very game ...
    game = Game(small, seed=SEED)
    _drive(game)
    again = score_game(game, record["rubric"])
    assert again["assessment"]["relative"] != record["scores"]["assessment"]["relative"]

    # ... but verify reads the stored run and plays no bot at all
    def no_bots(name: str, seed: int) -> None:
        raise AssertionError(f"verify played the bot '{name}'")

    monkeypatch.setattr(registry, "make_bot", no_bots)
    monkeypatch.setattr(relative_module, "_cache", type(relative_module._cache)())
    result = verify_record(record, KEY)
    assert result.ok, result.problems
    assert any("reference run as stored at scoring (not re-played)" in f for f in result.facts)
    assert any("scores match a re-scoring" in f for f in result.facts)


def _tampered(record: dict[str, Any], change: str) -> dict[str, Any]:
    out = copy.deepcopy(record)
    ref = out["scores"]["reference"]
    if change == "kpis":
        ref["kpis"]["revenue"] = ref["kpis"]["revenue"] * 2
    elif change == "event_log_sha256":
        ref["event_log_sha256"] = "0" * 64
    elif change == "policy_version":
        ref["policy_version"] = "999"
    elif change == "seed":
        ref["seed"] = SEED + 1
    elif change == "engine_version":
        ref["engine_version"] = "1.0.0"
    elif change == "missing":
        del ref["kpis"]
    return out


@pytest.mark.parametrize(
    "change", ["kpis", "event_log_sha256", "policy_version", "seed", "engine_version", "missing"]
)
def test_tampering_with_the_stored_reference_fails_verify(
    record: dict[str, Any], change: str
) -> None:
    problems = verify_record(_tampered(record, change), KEY).problems
    assert any(p.startswith("signature:") for p in problems)
    assert any("scores: their sha256 differs" in p for p in problems)


@pytest.mark.parametrize(
    ("change", "caught_by"),
    [
        ("kpis", "assessment.relative.kpis[revenue].reference"),
        ("event_log_sha256", "assessment.relative.reference_event_log_sha256"),
        ("seed", "reference: it was played on seed"),
        ("engine_version", "reference: it was played by engine 1.0.0"),
        ("missing", "reference: the stored reference lacks kpis"),
    ],
)
def test_a_re_signed_reference_that_disagrees_with_the_scores_still_fails(
    record: dict[str, Any], change: str, caught_by: str
) -> None:
    problems = verify_record(_resign(_tampered(record, change)), KEY).problems
    assert not [p for p in problems if p.startswith("signature")]
    assert any(caught_by in p for p in problems), problems


def test_scores_made_before_references_were_stored_verify_from_their_relative_part(
    record: dict[str, Any],
) -> None:
    legacy = copy.deepcopy(record)
    del legacy["scores"]["reference"]
    legacy["scores"]["format"] = 1
    result = verify_record(_resign(legacy), KEY)
    assert result.ok, result.problems
    assert any("predate stored references" in f for f in result.facts)
    # and a legacy relative part edited afterwards is caught by the re-scoring
    edited = copy.deepcopy(legacy)
    kpis = edited["scores"]["assessment"]["relative"]["kpis"]
    kpis[0]["ratio"] = 0.5 if kpis[0]["ratio"] != 0.5 else 0.25
    problems = verify_record(_resign(edited), KEY).problems
    assert any(f"relative.kpis[{kpis[0]['id']}].ratio" in p for p in problems), problems
