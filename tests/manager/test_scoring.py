"""The manager rubric: each indicator against a game whose right answer is known, evidence that
points at real events, and "insufficient evidence" instead of a score without occasions."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.manager.actions import AdoptStandard, Coach, EndRound, Hire, InterviewCandidate
from game.manager.bots import make_manager_bot, play_manager
from game.manager.game import ManagerGame
from game.manager.models import StartingRep
from game.manager.scoring import lessons_shared, load_rubric, manager_scores
from game.scenario.errors import ScenarioError

from .conftest import ROOT


def _scores(game: ManagerGame) -> dict[str, object]:
    return {c.id: c for c in manager_scores(game)}


def _indicator(game: ManagerGame, name: str):
    for c in manager_scores(game):
        for i in c.indicators:
            if i.id == name:
                return i
    raise KeyError(name)


def _finish(game: ManagerGame) -> None:
    while not game.over:
        game.apply(EndRound())


def test_coaching_the_weakest_skill_shown_scores_1_and_the_strongest_0(key_team) -> None:
    scenario, territory, _ = key_team
    for pick, want in ((min, 1.0), (max, 0.0)):
        game = ManagerGame(scenario, territory, seed=2)
        review = {s: e.mean for s, e in game.view().rep("luo").review.items()}  # no play yet
        game.apply(Coach(rep="luo", competency=pick(review, key=review.get), hours=1.0))
        _finish(game)
        found = _indicator(game, "coached_weakest")
        assert found.value == pytest.approx(want) and found.occasions == 1


def test_a_seat_left_empty_all_game_scores_0_and_one_filled_at_once_scores_1(key_team) -> None:
    scenario, territory, _ = key_team
    empty = ManagerGame(scenario, territory, seed=2)
    _finish(empty)
    assert _indicator(empty, "seats_filled").value == 0.0
    filled = ManagerGame(scenario, territory, seed=2)
    vacant = next(r.id for r in filled.view().regions if r.rep is None)
    cand = filled.view().candidates[0].id
    filled.apply(InterviewCandidate(candidate=cand, competency="planning-forecasting"))
    filled.apply(Hire(candidate=cand, region=vacant))
    _finish(filled)
    seats = _indicator(filled, "seats_filled")
    left = sum(1 for e in filled.events if e["kind"] == "rep_left")
    assert seats.value == 1.0 or left  # a rep who left later opens a seat of its own
    assert _indicator(filled, "interviewed_before_hiring").value == 1.0
    quality = _indicator(filled, "hire_quality")
    pool = filled.truth()["candidates"][1]
    means = {c: sum(s.values()) / len(s) for c, s in pool.items()}
    below = sum(1 for v in means.values() if v < means[cand])
    assert quality.value == pytest.approx(below / (len(pool) - 1))


def test_without_occasions_a_competency_is_insufficient_never_a_level(key_team) -> None:
    scenario, territory, _ = key_team
    vacant = next(r for r in scenario.regions if r.id not in {t.region for t in scenario.team})
    full = scenario.model_copy(update={"team": [*scenario.team, StartingRep(
        id="extra", name=scenario.team[0].name, region=vacant.id,
        skills=dict(scenario.team[0].skills))]})
    game = ManagerGame(full, territory, seed=6)  # a seed on which nobody leaves
    _finish(game)
    assert not any(e["kind"] == "rep_left" for e in game.events)
    recruiting = _scores(game)["recruiting-selection"]  # no seat fell empty, no one was hired
    assert recruiting.insufficient and recruiting.score is None and recruiting.level is None
    assert recruiting.occasions == 0


def test_every_score_has_evidence_in_the_log_and_a_level_from_the_cuts(key_team) -> None:
    scenario, territory, _ = key_team
    game = ManagerGame(scenario, territory, seed=4)
    play_manager(game, make_manager_bot("manager-expert", 4))
    seqs = {e["seq"] for e in game.events}
    rubric = load_rubric()
    for c in manager_scores(game):
        for i in c.indicators:
            assert set(i.evidence) <= seqs
        if not c.insufficient:
            assert c.level == 1 + sum(1 for cut in rubric.cuts if c.score >= cut)
            assert c.anchor is not None


def test_a_score_weighs_each_indicator_by_the_evidence_behind_it(key_team) -> None:
    """weight x n / (n + k), n the indicator's occasions this game (one at least), k the
    rubric's half_weight_occasions; a rubric without k counts whole weights."""
    scenario, territory, _ = key_team
    game = ManagerGame(scenario, territory, seed=4)
    play_manager(game, make_manager_bot("manager-expert", 4))
    rubric = load_rubric()
    lighter = 0
    for spec, c in zip(rubric.competencies, manager_scores(game), strict=True):
        refs = {r.indicator: r for r in spec.indicators}
        pairs = []
        for i in c.indicators:
            if i.value is None:
                assert i.counted is None
                continue
            n = max(1, i.occasions)
            counted = refs[i.id].weight * n / (n + refs[i.id].half_weight_occasions)
            assert i.counted == pytest.approx(counted, abs=1e-6)
            lighter += counted < refs[i.id].weight
            pairs.append((counted, i.value))
        if not c.insufficient:
            assert c.score == pytest.approx(sum(w * v for w, v in pairs) / sum(w for w, _ in pairs),
                                            abs=1e-4)
    assert lighter > 0
    whole = rubric.model_copy(update={"competencies": [
        comp.model_copy(update={"indicators": [
            r.model_copy(update={"half_weight_occasions": 0.0}) for r in comp.indicators]})
        for comp in rubric.competencies]})
    for spec, c in zip(whole.competencies, manager_scores(game, whole), strict=True):
        weights = {r.indicator: r.weight for r in spec.indicators}
        assert all(i.counted == weights[i.id] for i in c.indicators if i.value is not None)


def test_the_idle_manager_scores_below_the_expert_on_every_competency(key_team) -> None:
    scenario, territory, _ = key_team
    scores = {}
    for bot in ("manager-idle", "manager-expert"):
        game = ManagerGame(scenario, territory, seed=6)
        play_manager(game, make_manager_bot(bot, 6))
        scores[bot] = _scores(game)
    for cid, expert in scores["manager-expert"].items():
        idle = scores["manager-idle"][cid]
        assert idle.insufficient or expert.insufficient or idle.score < expert.score, cid


def test_an_unknown_indicator_in_the_rubric_is_pointed_at(tmp_path: Path) -> None:
    text = (ROOT / "scenarios" / "rubrics" / "manager.yaml").read_text(encoding="utf-8")
    path = tmp_path / "manager.yaml"
    path.write_text(text.replace("indicator: team_coached", "indicator: team_cuddled"), encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_rubric(path)
    problem = caught.value.problems[0]
    assert "team_cuddled" in problem.message and problem.line > 1


def test_process_standards_count_the_rounds_worked_to_them(key_team) -> None:
    scenario, territory, _ = key_team
    process = [s.id for s in scenario.standards if s.kind != "discount_cap"]
    assert len(process) == 2
    game = ManagerGame(scenario, territory, seed=2)
    game.apply(AdoptStandard(standard=process[0]))
    game.apply(EndRound())
    game.apply(AdoptStandard(standard=process[1]))
    _finish(game)
    found = _indicator(game, "process_standards")
    rounds = game.rounds
    assert found.occasions == rounds
    assert found.value == pytest.approx((0.5 + (rounds - 1) * 1.0) / rounds)


def _review(seq: int, rnd: int, teachable: list[tuple[str, str]], leavers: tuple[str, ...] = ()):
    return {"seq": seq, "round": rnd, "kind": "team_reviewed",
            "payload": {"teachable": [{"rep": r, "account": a, "value_claimed": 0.5}
                                      for r, a in teachable], "leavers": list(leavers)}}


def _started(seq: int, rnd: int):
    return {"seq": seq, "round": rnd, "kind": "manager_round_started", "payload": {}}


def test_a_lesson_counts_only_once_the_manager_had_a_round_to_share_it() -> None:
    # round 1: Wang wins hx and leaves as the round closes; Chen wins xihu. Round 2, the last:
    # Chen's xihu is shared, and Chen wins suzhou at the final review, with no round left.
    events = [_started(0, 1),
              _review(1, 1, [("wang", "hx"), ("chen", "xihu")], leavers=("wang",)),
              _started(2, 2),
              {"seq": 3, "round": 2, "kind": "playbook_shared",
               "payload": {"rep": "chen", "account": "xihu"}},
              _review(4, 2, [("chen", "xihu"), ("chen", "suzhou")])]
    now = lessons_shared(events, {}, None, {"chance_to_share": True})
    assert (now.value, now.occasions) == (1.0, 1)  # only xihu could have been shared
    before = lessons_shared(events, {}, None)  # a rubric without the switch scores as it did
    assert (before.value, before.occasions) == (pytest.approx(1 / 3), 3)


def test_the_shipped_manager_rubric_counts_only_lessons_the_manager_could_share() -> None:
    ref = next(i for c in load_rubric().competencies for i in c.indicators
               if i.indicator == "lessons_shared")
    assert ref.params == {"chance_to_share": True}


def test_a_switch_an_indicator_does_not_take_is_pointed_at(tmp_path: Path) -> None:
    text = (ROOT / "scenarios" / "rubrics" / "manager.yaml").read_text(encoding="utf-8")
    path = tmp_path / "manager.yaml"
    path.write_text(text.replace("params: {chance_to_share: true}", "params: {chance_to_chat: true}"),
                    encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_rubric(path)
    problem = caught.value.problems[0]
    assert "chance_to_chat" in problem.message and "chance_to_share" in problem.message
    assert problem.line > 1
