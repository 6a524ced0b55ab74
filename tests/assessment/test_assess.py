"""assess(game): three kinds of result kept apart, every score with its evidence and CW ids."""

from __future__ import annotations

import json
import math

import pytest
import yaml

from game.assessment.assess import assess, competency_scores
from game.assessment.results import Assessment
from game.assessment.rubric import STANDARD_RUBRIC, Rubric, load_rubric
from game.bots.base import play
from game.bots.registry import GRADED, make_bot
from game.engine.game import Game


@pytest.fixture(scope="module")
def played(tiny):
    games = {}
    for bot in GRADED:
        game = Game(tiny, seed=5)
        play(game, make_bot(bot, 5))
        games[bot] = game
    return games


@pytest.fixture(scope="module")
def assessed(played):
    return {bot: assess(game) for bot, game in played.items()}


def test_the_assessment_is_json_and_round_trips(assessed):
    for a in assessed.values():
        text = json.dumps(a.model_dump(mode="json"), ensure_ascii=False, allow_nan=False)
        assert Assessment.model_validate_json(text) == a


def test_objective_kpis_are_judged_against_their_targets(assessed, played):
    a = assessed["expert"]
    ended = next(e for e in played["expert"].events if e.kind == "game_ended")
    by_id = {k.id: k for k in a.objective}
    assert {
        "revenue",
        "customers",
        "satisfaction",
        "market_share",
        "margin",
        "forecast_error",
    } <= set(by_id)
    revenue = by_id["revenue"]
    assert revenue.value == ended.payload["totals"]["revenue"]
    assert revenue.target == ended.payload["targets"]["revenue"]
    assert revenue.met == (revenue.value >= revenue.target)
    assert revenue.attainment == pytest.approx(revenue.value / revenue.target, abs=1e-6)
    assert by_id["forecast_error"].better == "lower"
    for k in a.objective:
        assert k.evidence and "CW-61" in k.cw


def test_relative_performance_compares_with_the_reference_rep_on_the_same_seed(assessed):
    expert = assessed["expert"].relative
    assert expert.reference_bot == "expert"
    assert all(k.ratio == pytest.approx(1.0) for k in expert.kpis)  # the reference is itself
    novice = assessed["novice"].relative
    assert novice.reference_event_log_sha256 == expert.reference_event_log_sha256
    for k in novice.kpis:
        assert k.ratio == pytest.approx(k.value / k.reference, abs=1e-6)


def test_every_score_carries_the_events_behind_it_and_its_cw_ids(assessed, played):
    for bot, a in assessed.items():
        seqs = {e.seq for e in played[bot].events}
        for c in a.competencies:
            assert c.cw
            if c.score is None:
                continue
            assert c.evidence, f"{bot}: {c.id} has a score but no evidence"
            assert set(c.evidence) <= seqs
            for i in c.indicators:
                assert i.cw
                if i.value is None:
                    assert i.level is None and not i.evidence
                else:
                    assert i.evidence, f"{bot}: {i.id} has a value but no evidence"
                    assert set(i.evidence) <= set(c.evidence)
                    assert i.explanation.en and i.explanation.zh


def _evidence_weight(i, half: dict[str, float]) -> float:
    """w n / (n + k), n the occasions the indicator judged (one at least once it applied)."""
    n = max(1, i.occasions)
    return i.weight * n / (n + half[i.id])


def test_scores_follow_the_rollup_formula(assessed):
    # the standard rubric scores from values: each indicator's value, unrounded (even cuts),
    # once it reaches level 2, weighted by its rubric weight scaled by the evidence behind it
    rubric = load_rubric(STANDARD_RUBRIC)[0]
    assert rubric.score_from == "values"
    half = {i.id: i.half_weight_occasions for i in rubric.indicators}
    assert all(k > 0 for k in half.values())
    lighter = 0
    for a in assessed.values():
        for c in a.competencies:
            for i in c.indicators:
                if i.value is None:
                    assert i.counted is None
                    continue
                assert i.counted == pytest.approx(_evidence_weight(i, half), abs=1e-6)
                lighter += i.counted < i.weight
            graded = [(i.value if i.level > 1 else 0.0, _evidence_weight(i, half))
                      for i in c.indicators if i.value is not None]
            if not graded:
                assert c.score is None and c.level is None
                continue
            expected = sum(w * v for v, w in graded) / sum(w for _, w in graded)
            assert c.score == pytest.approx(expected, abs=1e-6)
            assert c.level == 1 + math.floor(c.score * (a.levels - 1) + 0.5)  # half-way: up
            assert 1 <= c.level <= a.levels and c.anchor is not None
    assert lighter > 0


def test_a_rubric_that_scores_from_levels_averages_the_rounded_levels(played):
    # a rubric kept with a record scored before ``score_from`` and evidence weighting: the
    # record re-scores unchanged, every indicator at its whole weight
    text = STANDARD_RUBRIC.read_text(encoding="utf-8").replace("\nscore_from: values", "\n# -")
    text = "\n".join(line for line in text.splitlines() if "half_weight_occasions:" not in line)
    old = Rubric.model_validate(yaml.safe_load(text))
    assert old.score_from == "levels"
    assert all(i.half_weight_occasions == 0 for i in old.indicators)
    game = played["intermediate"]
    for c in competency_scores(game.events, game.scenario, old):
        graded = [(i.level, i.weight) for i in c.indicators if i.level is not None]
        if c.score is None:
            continue
        expected = sum(w * (lvl - 1) / (old.levels - 1) for lvl, w in graded) / sum(
            w for _, w in graded)
        assert c.score == pytest.approx(expected, abs=1e-6)
        assert all(i.counted == i.weight for i in c.indicators if i.value is not None)


def test_the_expert_outscores_the_novice_on_every_competency(assessed):
    novice, expert = assessed["novice"].scores(), assessed["expert"].scores()
    for comp, score in expert.items():
        assert score is not None and novice[comp] is not None
        assert score > novice[comp], comp


def test_behaviour_scores_come_from_the_event_log_alone(played, tiny):
    game = played["intermediate"]
    rubric, _ = load_rubric()
    before = competency_scores(game.events, game.scenario, rubric)
    copy = [type(e).from_dict(json.loads(json.dumps(e.to_dict()))) for e in game.events]
    assert competency_scores(copy, tiny.model_copy(update={"seed": game.seed}), rubric) == before


def test_assessing_twice_gives_the_same_result(played, assessed):
    assert assess(played["novice"]) == assessed["novice"]


def test_a_rubric_given_by_path_changes_the_weights(played, assessed, tmp_path):
    text = STANDARD_RUBRIC.read_text(encoding="utf-8").replace(
        "{indicator: needs_before_quote, weight: 2}",
        "{indicator: needs_before_quote, weight: 0.001}",
    )
    path = tmp_path / "light.yaml"
    path.write_text(text, encoding="utf-8")
    rubric, sha = load_rubric(path)
    a = assess(played["intermediate"], rubric, sha)
    assert a.rubric_sha256 == sha
    standard = assessed["intermediate"].competency("customer-analysis")
    light = a.competency("customer-analysis")
    needs = next(i for i in light.indicators if i.id == "needs_before_quote")
    research = next(i for i in light.indicators if i.id == "research_on_targets")
    assert needs.level != research.level  # otherwise the weights could not matter
    assert light.score != standard.score


def test_a_remembered_reference_equals_a_replayed_one(played, tiny):
    from game.assessment import relative

    game = played["expert"]
    relative._cache.clear()
    replayed = relative.reference_run(game.scenario, game.seed, "expert")
    relative._cache.clear()
    kept = relative.remember_reference(game.scenario, game.seed, "expert", game)
    assert kept == replayed
