"""The validity study's statistics against closed forms, and its bar."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from game.assessment.rubric import assessed_competencies
from game.assessment.study import GameResult, Job, checks, spearman, summarise
from game.bots.synthetic import SKILLS


def test_spearman_matches_the_rank_formula_without_ties() -> None:
    rng = np.random.default_rng(3)
    x, y = rng.normal(size=40), rng.normal(size=40)
    rx, ry = np.argsort(np.argsort(x)), np.argsort(np.argsort(y))
    closed = 1 - 6 * float(((rx - ry) ** 2).sum()) / (40 * (40**2 - 1))
    assert spearman(x, y) == pytest.approx(closed, abs=1e-12)


def test_spearman_gives_tied_values_their_mean_rank() -> None:
    # x ranks with ties: [1, 2.5, 2.5, 4]; Pearson of those ranks with y's ranks [1, 2, 3, 4]
    expected = float(np.corrcoef([1, 2.5, 2.5, 4], [1, 2, 3, 4])[0, 1])
    assert spearman([1, 2, 2, 3], [10, 20, 30, 40]) == pytest.approx(expected)
    assert math.isnan(spearman([1, 1, 1, 1], [1, 2, 3, 4]))  # no spread, no correlation


def _study(score_of, trainees: int = 30, seeds: tuple[int, ...] = (1, 2), **options):
    rng = np.random.default_rng(7)
    jobs, results = [], []
    for t in range(trainees):
        theta = {s: float(rng.uniform()) for s in SKILLS}
        for seed in seeds:
            jobs.append(Job("x.yaml", t, tuple(sorted(theta.items())), seed))
            scores = {c: score_of(theta, c, seed, rng) for c in SKILLS}
            results.append(GameResult(t, seed, scores, profit=sum(theta.values())))
    return summarise(jobs, results, list(SKILLS), **options)


def test_scores_that_are_the_skill_pass_every_check() -> None:
    summary = _study(lambda theta, c, seed, rng: theta[c])
    for c in SKILLS:
        s = summary["competencies"][c]
        assert s["convergent_rho"] == pytest.approx(1.0)
        assert s["icc"] == pytest.approx(1.0)
        assert s["sem"] == pytest.approx(0.0, abs=1e-9)
        assert s["discriminant_max_rho"] < 0.7
    assert summary["criterion_rho"] > 0.5
    assert checks(summary) == []


def test_scores_of_pure_chance_fail_convergence_and_reliability() -> None:
    summary = _study(lambda theta, c, seed, rng: float(rng.uniform()), trainees=60)
    problems = checks(summary)
    for c in SKILLS:
        assert abs(summary["competencies"][c]["convergent_rho"]) < 0.45
        assert any(p.startswith(f"{c}: convergent") for p in problems)
        assert any(p.startswith(f"{c}: test-retest ICC") for p in problems)


def test_a_score_that_follows_another_skill_fails_discrimination() -> None:
    other = {c: SKILLS[(k + 1) % len(SKILLS)] for k, c in enumerate(SKILLS)}
    summary = _study(lambda theta, c, seed, rng: 0.5 * theta[c] + 0.5 * theta[other[c]])
    assert any("discriminant" in p for p in checks(summary))


def test_a_study_on_one_seed_says_it_has_no_second_game_not_that_evidence_was_short() -> None:
    summary = _study(lambda theta, c, seed, rng: theta[c], seeds=(1,))
    problems = checks(summary)
    for c in SKILLS:
        assert summary["competencies"][c]["icc"] is None
        assert f"{c}: no ICC: on one seed no trainee plays a second game to repeat its score " \
            "(study with --seeds 2 or more)" in problems
    assert not any("too few trainees" in p for p in problems)


def test_insufficient_evidence_is_left_out_not_counted_as_zero() -> None:
    summary = _study(lambda theta, c, seed, rng: None if theta[c] < 0.3 else theta[c])
    s = summary["competencies"][SKILLS[0]]
    assert s["scored_games"] < 60
    assert s["convergent_rho"] == pytest.approx(1.0)


def test_criterion_is_the_trainees_mean_profit_against_its_mean_composite() -> None:
    rng = np.random.default_rng(11)
    jobs, results, means = [], [], {}
    for t in range(80):
        theta = {s: float(rng.uniform()) for s in SKILLS}
        games = []
        for seed in (1, 2):
            luck = float(rng.normal(0, 3.0))  # a market's luck, as large as the skills' spread
            scores = {c: theta[c] for c in SKILLS}
            jobs.append(Job("x.yaml", t, tuple(sorted(theta.items())), seed))
            results.append(GameResult(t, seed, scores, profit=sum(theta.values()) + luck))
            games.append((float(np.mean(list(scores.values()))), results[-1].profit))
        means[t] = (np.mean([g[0] for g in games]), np.mean([g[1] for g in games]))
    summary = summarise(jobs, results, list(SKILLS))
    expected = spearman([m[0] for m in means.values()], [m[1] for m in means.values()])
    assert summary["criterion_rho"] == pytest.approx(expected, abs=1e-4)
    per_game = spearman([float(np.mean(list(r.scores.values()))) for r in results],
                        [r.profit for r in results])
    assert summary["criterion_rho_per_game"] == pytest.approx(per_game, abs=1e-4)
    assert summary["criterion_rho"] > summary["criterion_rho_per_game"]  # averaging sheds luck


def test_profit_per_skill_recovers_what_each_skill_earns() -> None:
    rng = np.random.default_rng(5)
    jobs, results = [], []
    earns = {c: 1000.0 * k for k, c in enumerate(SKILLS)}  # 0, 1000, ..., 6000 per unit of skill
    for t in range(60):
        theta = {s: float(rng.uniform()) for s in SKILLS}
        for seed in (1, 2):
            jobs.append(Job("x.yaml", t, tuple(sorted(theta.items())), seed))
            profit = sum(earns[c] * theta[c] for c in SKILLS) + float(rng.normal(0, 50))
            results.append(GameResult(t, seed, {c: theta[c] for c in SKILLS}, profit))
    summary = summarise(jobs, results, list(SKILLS))
    for c in SKILLS:
        assert summary["competencies"][c]["profit_per_skill"] == pytest.approx(earns[c], abs=60)
    # profit follows the skills' weighted sum, not their plain mean: the ceiling is below 1
    assert 0.6 < summary["criterion_ceiling_rho"] < 0.98


def test_each_icc_and_the_criterion_come_with_an_interval_that_narrows_with_trainees() -> None:
    def noisy(theta, c, seed, rng):
        return theta[c] + float(rng.normal(0, 0.2))

    small, large = _study(noisy, trainees=30), _study(noisy, trainees=240)
    for summary in (small, large):
        for s in summary["competencies"].values():
            low, high = s["icc_ci"]
            assert low <= s["icc"] <= high
        low, high = summary["criterion_rho_ci"]
        assert low <= summary["criterion_rho"] <= high
    width = {k: np.mean([s["icc_ci"][1] - s["icc_ci"][0] for s in v["competencies"].values()])
             for k, v in (("small", small), ("large", large))}
    # an interval's width goes with 1 / sqrt(trainees): 8 times the trainees, under half the width
    assert width["large"] < 0.5 * width["small"]
    assert _study(noisy, trainees=30) == small  # the same games give the same intervals


def test_a_reliability_short_of_the_bar_says_how_much_more_evidence_would_reach_it() -> None:
    from game.assessment.stats import lengthening, spearman_brown
    from game.assessment.study import shortfalls

    rng = np.random.default_rng(5)
    jobs, results = [], []
    for t in range(120):
        theta = {s: float(rng.uniform()) for s in SKILLS}
        for seed in (1, 2):
            jobs.append(Job("x.yaml", t, tuple(sorted(theta.items())), seed))
            scores = {c: theta[c] + float(rng.normal(0, 0.3)) for c in SKILLS}
            results.append(GameResult(t, seed, scores, 0.0, dict.fromkeys(SKILLS, 3 + seed % 2)))
    summary = summarise(jobs, results, list(SKILLS))
    c = SKILLS[0]
    assert summary["competencies"][c]["occasions_per_game"] == pytest.approx(3.5)
    short = next(s for s in shortfalls(summary) if s.check == "icc" and s.competency == c)
    rel = summary["competencies"][c]["icc"]
    assert spearman_brown(rel, short.factor) == pytest.approx(0.75)
    need = math.ceil(lengthening(rel, 0.75) * 3.5)
    en, zh = short.text("en"), short.text("zh")
    assert f"{short.factor:.2f}x" in en and f"some {need} occasions" in en and "3.5 now" in en
    assert f"{short.factor:.2f} 倍" in zh and f"{need} 次" in zh


def test_a_reliability_short_of_the_bar_says_which_stricter_minimum_would_reach_it() -> None:
    from game.assessment.study import _icc, shortfalls

    # one game in three gives 3 occasions and a score that is mostly chance; the others 5 or 6
    # and a score close to the skill: scoring only from 5 occasions keeps the repeatable games
    rng = np.random.default_rng(11)
    jobs, results, rows = [], [], {}
    for t in range(150):
        theta = {s: float(rng.uniform()) for s in SKILLS}
        for seed in (1, 2):
            n = int(rng.choice([3, 5, 6]))
            noise = 0.6 if n == 3 else 0.05
            jobs.append(Job("x.yaml", t, tuple(sorted(theta.items())), seed))
            scores = {c: theta[c] + float(rng.normal(0, noise)) for c in SKILLS}
            results.append(GameResult(t, seed, scores, 0.0, dict.fromkeys(SKILLS, n)))
            if n >= 5:
                rows.setdefault(t, {})[seed] = scores[SKILLS[0]]
    minimum = dict.fromkeys(SKILLS, 3)
    summary = summarise(jobs, results, list(SKILLS), min_occasions=minimum)
    s = summary["competencies"][SKILLS[0]]
    assert s["min_occasions"] == 3 and s["icc"] < 0.75
    by = {row["min_occasions"]: row for row in s["icc_by_minimum"]}
    assert sorted(by) == [4, 5, 6]
    # the figure at 5 is the ICC of exactly the trainees whose two games both reach 5
    both = np.array([[r[1], r[2]] for r in rows.values() if len(r) == 2])
    assert by[5]["icc"] == pytest.approx(_icc(both), abs=1e-4)
    assert by[5]["trainees"] == len(both)
    assert by[4]["scored_games"] == by[5]["scored_games"] == sum(
        1 for r in results if r.occasions[SKILLS[0]] >= 5)
    assert by[6]["scored_games"] < by[5]["scored_games"]
    short = next(x for x in shortfalls(summary) if x.check == "icc" and x.competency == SKILLS[0])
    assert short.stricter is not None and short.stricter[0] == 4  # the first that reaches it
    assert f"only from 4 occasions a game would reach the bar (ICC {by[4]['icc']:.2f}, " \
        f"{by[4]['scored_games']} of 300 games scored)" in short.text("en")
    assert "至少 4 次评判机会才给分" in short.text("zh")
    # a study not told the rubric's minimum says nothing about stricter ones
    plain = summarise(jobs, results, list(SKILLS))["competencies"][SKILLS[0]]
    assert "icc_by_minimum" not in plain and "min_occasions" not in plain
    # a minimum that would leave most games unscored is no remedy, and is not offered as one
    theta = {j.trainee: dict(j.theta) for j in jobs}
    few = [GameResult(r.trainee, r.seed, dict(theta[r.trainee]), 0.0, dict.fromkeys(SKILLS, 6))
           if r.trainee % 3 == 0 else
           GameResult(r.trainee, r.seed, {c: float(rng.uniform()) for c in SKILLS}, 0.0,
                      dict.fromkeys(SKILLS, 3)) for r in results]
    sparse = summarise(jobs, few, list(SKILLS), min_occasions=minimum)
    row = sparse["competencies"][SKILLS[0]]["icc_by_minimum"][0]
    assert row["scored_games"] == 100 and row["icc"] == pytest.approx(1.0)
    short = next(x for x in shortfalls(sparse) if x.check == "icc" and x.competency == SKILLS[0])
    assert short.stricter is None and "only from" not in short.text("en")


def _games(seed: int, trainees: int, game_of) -> tuple[list[Job], list[GameResult]]:
    """``trainees`` of skills drawn uniform, each on 2 seeds; ``game_of(theta, trainee, seed,
    rng)`` makes each game's result."""
    rng = np.random.default_rng(seed)
    jobs, results = [], []
    for t in range(trainees):
        theta = {s: float(rng.uniform()) for s in SKILLS}
        for game_seed in (1, 2):
            jobs.append(Job("x.yaml", t, tuple(sorted(theta.items())), game_seed))
            results.append(game_of(theta, t, game_seed, rng))
    return jobs, results


def _indicator_games(seed: int, indicators_of, trainees: int = 60,
                     occasions: dict[str, int] | None = None) -> tuple[list[Job], list[GameResult]]:
    """``trainees`` x 2 seeds whose scores are their skills, with indicator values
    ``indicators_of(theta, trainee, rng)`` per game, each judged on ``occasions``."""
    return _games(seed, trainees, lambda theta, t, game_seed, rng: GameResult(
        t, game_seed, {s: theta[s] for s in SKILLS}, 0.0,
        indicators=indicators_of(theta, t, rng), indicator_occasions=dict(occasions or {})))


def test_each_indicator_is_measured_against_the_skill_of_the_competency_it_serves() -> None:
    c = SKILLS[0]
    jobs, results = _indicator_games(11, lambda theta, t, rng: {
        "exact": theta[c],  # the skill itself, the same on every seed
        "chance": float(rng.uniform()),  # nothing of the person in it
        "other": theta[SKILLS[1]],  # another competency's skill
        "rare": theta[c] if t < 10 else None,  # judged in 20 games of 120
    })
    summary = summarise(jobs, results, list(SKILLS),
                        indicators_of={c: ["exact", "chance", "other", "rare"]})
    found = summary["competencies"][c]["indicators"]
    assert found["exact"] == {"convergent_rho": pytest.approx(1.0), "icc": pytest.approx(1.0),
                              "judged_games": 120, "against_skill": False,
                              "occasions_per_game": None, "half_weight_occasions": None}
    # 60 trainees: rho's SE is about 1/sqrt(59) = 0.13, so chance stays under 4 SE
    assert abs(found["chance"]["convergent_rho"]) < 0.4
    assert found["chance"]["icc"] < 0.4
    assert abs(found["other"]["convergent_rho"]) < 0.4 and found["other"]["icc"] == pytest.approx(1.0)
    assert found["rare"]["judged_games"] == 20 and found["rare"]["convergent_rho"] == pytest.approx(1.0)
    assert "indicators" not in summary["competencies"][SKILLS[1]]  # none listed for it
    assert "indicators" not in summarise(jobs, results, list(SKILLS))["competencies"][c]


def test_the_study_finds_at_how_many_occasions_an_indicator_is_worth_half_its_weight() -> None:
    # each occasion reads the skill (uniform, variance 1/12) plus noise of variance s2: one
    # occasion's reliability is (1/12) / (1/12 + s2), so the half weight lies at k = 12 s2
    # occasions; a game averages m of them
    c, m, s2 = SKILLS[0], 4, 2.0 / 12.0
    jobs, results = _indicator_games(5, lambda theta, t, rng: {
        "noisy": theta[c] + float(rng.normal(0.0, math.sqrt(s2), m).mean())},
        trainees=1000, occasions={"noisy": m})
    found = summarise(jobs, results, list(SKILLS),
                      indicators_of={c: ["noisy"]})["competencies"][c]["indicators"]["noisy"]
    assert found["occasions_per_game"] == m
    r = found["icc"]
    assert r == pytest.approx(m / (m + 12 * s2), abs=4 * (1 - r**2) / math.sqrt(1000))
    # k = m (1 - r) / r moves by m / r^2 per unit of r
    assert found["half_weight_occasions"] == pytest.approx(
        12 * s2, abs=4 * (1 - r**2) / math.sqrt(1000) * m / r**2)


def test_a_study_game_keeps_each_indicator_value_it_was_scored_with() -> None:
    from pathlib import Path

    from game.assessment.study import jobs_for, play_job

    path = Path(__file__).resolve().parents[2] / "scenarios" / "riverside-first-territory.yaml"
    result = play_job(jobs_for(path, 1, [5])[0])
    from game.assessment.assess import standard_rubric

    rubric, _ = standard_rubric()
    assert set(result.indicators) == {i.id for i in rubric.indicators}
    assert any(v is not None for v in result.indicators.values())
    assert set(result.indicator_occasions) == set(result.indicators)
    assert all(result.indicator_occasions[i] == 0 for i, v in result.indicators.items() if v is None)


def test_an_indicator_that_pays_for_the_opposite_of_its_skill_is_flagged_and_chance_is_not() -> None:
    c = SKILLS[0]
    jobs, results = _indicator_games(5, lambda theta, t, rng: {
        "opposite": 1.0 - theta[c] + float(rng.normal(0, 0.2)),
        "chance": float(rng.uniform()),
        # a slight lean the wrong way: rho about -0.1, within 3 SE (0.39) of nothing
        "slight": -0.1 * theta[c] + float(rng.normal(0, 0.3)),
    })
    found = summarise(jobs, results, list(SKILLS),
                      indicators_of={c: ["opposite", "chance", "slight"]})["competencies"][c]["indicators"]
    assert found["opposite"]["convergent_rho"] < -0.7 and found["opposite"]["against_skill"]
    assert not found["chance"]["against_skill"]
    assert -0.39 < found["slight"]["convergent_rho"] < 0.1 and not found["slight"]["against_skill"]


def test_a_scenario_assesses_the_competencies_that_share_its_courseware() -> None:
    rubric = [("analysis", ["CW-10", "CW-11"]), ("service", ["CW-40", "CW-43"]),
              ("risk", ["CW-31", "CW-50"])]
    assert assessed_competencies(rubric, ["CW-43"]) == ["service"]
    assert assessed_competencies(rubric, ["CW-11", "CW-50", "CW-99"]) == ["analysis", "risk"]
    assert assessed_competencies(rubric, []) == ["analysis", "service", "risk"]  # names none: all


def test_a_competency_the_scenario_does_not_assess_is_measured_but_not_judged() -> None:
    def chance(theta, c, seed, rng):  # every bar fails
        return float(rng.uniform())

    judged = _study(chance, trainees=40)
    focus = _study(chance, trainees=40, assessed=[SKILLS[0]])  # the same games
    assert all(s["assessed"] for s in judged["competencies"].values())
    assert [c for c, s in focus["competencies"].items() if s["assessed"]] == [SKILLS[0]]
    for c in SKILLS[1:]:  # the same figures, left out of the bar
        figures = {k: v for k, v in focus["competencies"][c].items() if k != "assessed"}
        assert figures == {k: v for k, v in judged["competencies"][c].items() if k != "assessed"}
        assert any(p.startswith(f"{c}: ") for p in checks(judged))
        assert not any(p.startswith(f"{c}: ") for p in checks(focus))
    assert any(p.startswith(f"{SKILLS[0]}: ") for p in checks(focus))


def test_a_drill_is_judged_on_the_competencies_its_courseware_names() -> None:
    from game.assessment.study import study

    found = study("scenarios/drills/drill-risk.yaml", trainees=3, seeds=[1], workers=1)
    # the risk drill names CW-50 alone: contract and risk (CW-31, CW-50) is what it assesses
    assert {c for c, s in found["competencies"].items() if s["assessed"]} == {"contract-risk"}
    assert all(p.startswith(("contract-risk: ", "composite")) for p in checks(found))
    every = study("scenarios/east-china-territory.yaml", trainees=3, seeds=[1], workers=1)
    assert all(s["assessed"] for s in every["competencies"].values())


def test_a_drill_that_names_a_competency_it_cannot_score_is_told_why(tmp_path: Path) -> None:
    from game.assessment.study import shortfalls, study

    shipped = Path("scenarios/drills/drill-negotiation.yaml").read_text(encoding="utf-8")
    assert "- CW-31\n" not in shipped  # the shipped drill does not promise it
    naming = tmp_path / "drill-negotiation.yaml"
    naming.write_text(shipped.replace("- CW-30\n", "- CW-30\n- CW-31\n", 1), encoding="utf-8")
    found = study(naming, trainees=3, seeds=[1], workers=1)
    # two deals, two contracts at most: contract and risk (named through CW-31) needs three
    risk = found["competencies"]["contract-risk"]
    assert risk["assessed"] and risk["scored_games"] == 0 and risk["occasions_max"] <= 2
    said = [s for s in shortfalls(found) if s.competency == "contract-risk"]
    assert [(s.check, s.bar) for s in said] == [("never_scored", 3)]


def _one_skill_pays(trainees: int, luck: float, seed: int, noise: float = 0.05):
    """Games where profit is one skill's doing (plus luck) and each score measures its skill."""
    def game(theta, t, game_seed, rng):
        scores = {c: theta[c] + float(rng.normal(0, noise)) for c in SKILLS}
        return GameResult(t, game_seed, scores, 10.0 * theta[SKILLS[1]] + float(rng.normal(0, luck)))
    return _games(seed, trainees, game)


def test_a_composite_weighted_as_the_scenario_pays_follows_a_profit_one_skill_decides() -> None:
    """Where one skill makes the money, the plain mean of seven scores follows profit only so
    far; weighted as the scenario pays it follows it closely, and the weights name the skill."""
    summary = summarise(*_one_skill_pays(200, luck=1.0, seed=3), list(SKILLS))
    assert summary["criterion_rho"] < 0.5
    assert summary["criterion_rho_weighted"] > 0.85
    weights = summary["profit_weights"]
    assert weights[SKILLS[1]] > 0.9 and sum(weights.values()) == pytest.approx(1.0, abs=1e-3)


def test_the_weighted_composite_is_judged_on_trainees_whose_profit_did_not_set_its_weights(
) -> None:
    """Profit that is pure luck: weights fitted on the same trainees would find a pattern in the
    luck (in-sample, rho about +0.25 with 60 trainees); each half weighted by the other finds
    none."""
    found = []
    for seed in range(10):
        jobs, results = _one_skill_pays(60, luck=1.0, seed=100 + seed)
        rng = np.random.default_rng(seed)
        luck_only = [GameResult(r.trainee, r.seed, r.scores, float(rng.normal())) for r in results]
        found.append(summarise(jobs, luck_only, list(SKILLS))["criterion_rho_weighted"] or 0.0)
    assert float(np.mean(found)) < 0.1


def test_the_study_measures_how_one_game_s_error_goes_with_its_evidence() -> None:
    from game.assessment.stats import error_curve

    rng = np.random.default_rng(17)
    jobs, results, squared, inverse = [], [], [], []
    for t in range(200):
        theta = {s: float(rng.uniform()) for s in SKILLS}
        games = {}
        for seed in (1, 2):
            n = int(rng.integers(3, 13))
            jobs.append(Job("x.yaml", t, tuple(sorted(theta.items())), seed))
            scores = {c: theta[c] + float(rng.normal(0, math.sqrt(0.002 + 0.15 / n)))
                      for c in SKILLS}
            results.append(GameResult(t, seed, scores, 0.0, dict.fromkeys(SKILLS, n)))
            games[seed] = (scores[SKILLS[0]], n)
        (x, n), (y, m) = games[1], games[2]
        squared.append((x - y) ** 2)
        inverse.append(1 / n + 1 / m)
    curve = summarise(jobs, results, list(SKILLS))["competencies"][SKILLS[0]]["sem_curve"]
    base, per_occasion = error_curve(squared, inverse)  # the trainee's two games, as a pair
    assert curve["base"] == pytest.approx(base, abs=1e-6)
    assert curve["per_occasion"] == pytest.approx(per_occasion, abs=1e-6)
    assert curve["pairs"] == 200 and curve["occasions"] == [3, 12]
    assert curve["per_occasion"] > 0.05  # thin games err more, as they were made to
