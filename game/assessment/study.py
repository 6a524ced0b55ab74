"""The validity study: synthetic trainees of known skill play a scenario; do the scores follow?

Each trainee has a skill vector theta (``game.bots.synthetic``), plays the scenario on every
study seed, and is scored. Per competency c the study reports

- convergent validity: Spearman's rho between score_c and theta_c over all games;
- discriminant validity: the largest |rho(score_c, theta_d)| over the other skills d;
- test-retest reliability: ICC(2,1) of a trainee's score across seeds (trainees x seeds);
- the standard error of measurement, SEM = SD(score) sqrt(1 - ICC), and how one game's error
  goes with the occasions that game gave (``sem_curve``: SEM sqrt(a + b / n) on n occasions);
- the number of games in which the competency had enough evidence to be scored, and what the
  next stricter minimums of evidence would give (``icc_by_minimum``);

the same reliability and SEM for the overall score (the mean of a game's scored competencies,
as the reports show it), and criterion validity: Spearman's rho between a trainee's composite
(that mean) and the contribution profit the trainee earns, each averaged over the trainee's
games. A person's profit is what the person earns on average: one game's profit carries the
market's luck too, which lowers its correlation with any score; the per-game figure is reported
beside it. Two figures tell what the scenario's economics allow: the same correlation for the
mean of the trainees' true skills (how far profit follows the competencies themselves), and per
competency the profit one unit of that skill earns, the others held equal (least squares of a
trainee's mean profit on its skills). When a scenario's profit rewards one competency only, an
equally weighted composite of all of them follows it only so far, however exact the scores.
Per competency, each of its indicators gets its own convergent rho and test-retest ICC: where a
competency falls short, they show which evidence holds it back. The bar judges the competencies
the scenario sets out to assess (those sharing a courseware section with it); a drill's
incidental evidence of the others is measured and shown, not judged. Games run on any
``concurrent.futures.Executor``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from game import ENGINE_VERSION
from game.assessment.assess import competency_scores, standard_rubric
from game.assessment.stats import (
    bootstrap_interval,
    error_curve,
    half_weight_occasions,
    icc,
    lengthening,
    nonnegative_least_squares,
)
from game.bots.synthetic import SKILLS, SyntheticTrainee, draw_theta
from game.sim.rng import stream
from game.text.progress import bar

STUDY_SALT = "validity-study"


@dataclass(frozen=True)
class Job:
    """One game of the study: a trainee of skill ``theta`` on one seed."""

    scenario_path: str
    trainee: int
    theta: tuple[tuple[str, float], ...]
    seed: int


@dataclass(frozen=True)
class GameResult:
    trainee: int
    seed: int
    scores: dict[str, float | None]
    profit: float
    occasions: dict[str, int] = field(default_factory=dict)  # per competency, judged this game
    indicators: dict[str, float | None] = field(default_factory=dict)  # per indicator, this game
    indicator_occasions: dict[str, int] = field(default_factory=dict)  # per indicator, judged


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    """Spearman's rank correlation (average ranks for ties); NaN without spread."""
    a, b = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if a.size < 3:
        return math.nan
    ra, rb = _ranks(a), _ranks(b)
    if ra.std() == 0 or rb.std() == 0:
        return math.nan
    return float(np.corrcoef(ra, rb)[0, 1])


def _ranks(a: np.ndarray) -> np.ndarray:
    """0-based ranks; ties share their mean rank."""
    _, inverse, counts = np.unique(a, return_inverse=True, return_counts=True)
    first = np.cumsum(counts) - counts
    return (first + (counts - 1) / 2.0)[inverse.reshape(-1)]


def play_job(job: Job) -> GameResult:
    """Play and score one game of the study (runs in a worker process)."""
    from game.assessment.outcomes import game_outcomes
    from game.assessment.runs import play_bot

    scenario, _ = _load(job.scenario_path)
    trainee = SyntheticTrainee(dict(job.theta), seed=job.seed, label=f":{job.trainee}")
    game = play_bot(scenario, trainee, job.seed)
    rubric, _ = standard_rubric()
    found = competency_scores(game.events, game.scenario, rubric)
    profit = game_outcomes(game.events).get("profit") or 0.0
    return GameResult(job.trainee, job.seed, {c.id: c.score for c in found}, float(profit),
                      {c.id: c.occasions for c in found},
                      {i.id: i.value for c in found for i in c.indicators},
                      {i.id: i.occasions for c in found for i in c.indicators})


_loaded: dict[str, Any] = {}


def _load(path: str) -> Any:
    from game.scenario.loader import load_scenario

    if path not in _loaded:
        _loaded[path] = load_scenario(path)
    return _loaded[path]


def jobs_for(scenario_path: str | Path, trainees: int, seeds: Sequence[int],
             study_seed: int = 0, skill_correlation: float = 0.0) -> list[Job]:
    """Trainees of skills drawn from the study's own stream (``synthetic.draw_theta``), each on
    every seed."""
    rng = stream(study_seed, STUDY_SALT)
    out: list[Job] = []
    for t in range(trainees):
        theta = tuple(sorted(draw_theta(rng, skill_correlation).items()))
        out += [Job(str(scenario_path), t, theta, s) for s in seeds]
    return out


def run_jobs(jobs: Sequence[Any], executor: Executor | None = None, workers: int = 2,
             progress: Callable[[int, int], None] | None = None,
             play: Callable[[Any], GameResult] = play_job) -> list[GameResult]:
    """Every job's result by ``play`` (a module-level function a worker can import), in job
    order; on ``executor`` or a local process pool."""
    own = executor is None
    pool: Executor = ProcessPoolExecutor(max_workers=workers) if executor is None else executor
    try:
        futures = [pool.submit(play, job) for job in jobs]
        results = []
        for k, f in enumerate(futures):
            results.append(f.result())
            if progress is not None:
                progress(k + 1, len(futures))
        return results
    finally:
        if own:
            pool.shutdown()


def summarise(jobs: Sequence[Any], results: Sequence[GameResult],
              competencies: Sequence[str], skills: Sequence[str] = SKILLS,
              indicators_of: Mapping[str, Sequence[str]] | None = None,
              assessed: Sequence[str] | None = None,
              min_occasions: Mapping[str, int] | None = None) -> dict[str, Any]:
    """The study's figures (see the module docstring) as JSON-able data; ``skills`` are the
    components of the players' skill vector (the rep track's by default); ``indicators_of``
    lists each competency's indicators, for their own figures (none without it); ``assessed``
    the competencies the scenario sets out to assess (``assessed_competencies``; all of them
    when None): the others are measured the same way but not judged against the bar;
    ``min_occasions``, the rubric's evidence a score needs, adds it and what a stricter one
    would give (``icc_by_minimum``)."""
    theta = {j.trainee: dict(j.theta) for j in jobs}
    seeds = sorted({j.seed for j in jobs})
    judged = set(competencies if assessed is None else assessed)
    out: dict[str, Any] = {"competencies": {}, "games": len(results), "trainees": len(theta),
                           "seeds": seeds}
    for c in competencies:
        scored = [r for r in results if r.scores.get(c) is not None]
        xs = [float(r.scores[c]) for r in scored]  # type: ignore[arg-type]
        conv = spearman(xs, [theta[r.trainee][c] for r in scored]) if c in skills else math.nan
        others = [abs(spearman(xs, [theta[r.trainee][d] for r in scored])) for d in skills if d != c]
        others = [v for v in others if not math.isnan(v)]
        retest = _complete(((r.trainee, r.seed, float(r.scores[c])) for r in scored),  # type: ignore[arg-type]
                           seeds)
        rel = _icc(retest)
        sd = float(np.std(xs, ddof=1)) if len(xs) > 1 else math.nan
        counted = [r.occasions[c] for r in scored if c in r.occasions]
        out["competencies"][c] = {
            "convergent_rho": _r(conv),
            "discriminant_max_rho": _r(max(others)) if others else None,
            "icc": _r(rel),
            "icc_ci": _interval(lambda idx, m=retest: _icc(m[idx]), len(retest), f"icc:{c}"),
            "sem": _r(sd * math.sqrt(max(0.0, 1.0 - rel))) if not math.isnan(rel) else None,
            "sd": _r(sd),
            "scored_games": len(scored),
            "occasions_per_game": round(float(np.mean(counted)), 2) if counted else None,
            "occasions_max": max((r.occasions.get(c, 0) for r in results), default=0),
            "assessed": c in judged,
        }
        curve = _sem_curve(scored, c, seeds)
        if curve is not None:
            out["competencies"][c]["sem_curve"] = curve
        if min_occasions is not None and c in min_occasions:
            out["competencies"][c].update(
                min_occasions=min_occasions[c],
                icc_by_minimum=_by_minimum(scored, c, seeds, min_occasions[c]))
    overall = [(r, float(np.mean(vals))) for r in results
               if (vals := [v for v in r.scores.values() if v is not None])]
    games = [(r.trainee, composite, r.profit) for r, composite in overall]
    out["overall"] = _overall([(r.trainee, r.seed, composite) for r, composite in overall], seeds)
    out["criterion_rho_per_game"] = _r(spearman([g[1] for g in games], [g[2] for g in games]))
    per_trainee: dict[int, list[tuple[GameResult, float]]] = {}  # its games and their composites
    for r, game_composite in overall:
        per_trainee.setdefault(r.trainee, []).append((r, game_composite))
    ids = list(per_trainee)
    thetas = [theta[t] for t in ids]
    mean_profit = [float(np.mean([r.profit for r, _ in per_trainee[t]])) for t in ids]
    out["profit_icc"] = _r(_retest(((r.trainee, r.seed, r.profit) for r in results), seeds))
    composite = np.array([float(np.mean([c for _, c in per_trainee[t]])) for t in ids])
    money = np.array(mean_profit)
    out["criterion_rho"] = _r(spearman(composite, money))
    out["criterion_rho_ci"] = _interval(lambda idx: spearman(composite[idx], money[idx]),
                                        len(ids), "criterion")
    skilled = [c for c in competencies if c in skills]
    out["criterion_ceiling_rho"] = _r(spearman(
        [float(np.mean([th[c] for c in skilled])) for th in thetas], mean_profit)
    ) if skilled else None
    for c, money in _profit_per_skill(skilled, thetas, mean_profit).items():
        out["competencies"][c]["profit_per_skill"] = money
    scores = [_mean_scores([r for r, _ in per_trainee[t]], skilled) for t in ids]
    weights = profit_weights(skilled, thetas, mean_profit)
    out["profit_weights"] = {c: _r(w) for c, w in weights.items()} if weights else None
    out["criterion_rho_weighted"] = _r(_weighted_criterion(skilled, thetas, scores, mean_profit))
    for c, inds in (indicators_of or {}).items():
        if c in out["competencies"]:
            out["competencies"][c]["indicators"] = {
                i: _indicator(results, theta, seeds, i, c, skills) for i in inds}
    return out


def _sem_curve(scored: Sequence[GameResult], c: str,
               seeds: Sequence[int]) -> dict[str, Any] | None:
    """The SEM of one game's score as its evidence goes: sqrt(base + per_occasion / n) on n
    occasions (``stats.error_curve``, from every pair of seeds of each trainee scored on them),
    and the range of occasions it was measured over; None without such pairs."""
    games: dict[int, dict[int, tuple[float, int]]] = {}
    for r in scored:
        if r.occasions.get(c):
            games.setdefault(r.trainee, {})[r.seed] = (float(r.scores[c]), r.occasions[c])  # type: ignore[arg-type]
    squared, inverse, seen = [], [], []
    for found in games.values():
        for i, first in enumerate(seeds):
            for second in seeds[i + 1:]:
                if first in found and second in found:
                    (x, n), (y, m) = found[first], found[second]
                    squared.append((x - y) ** 2)
                    inverse.append(1 / n + 1 / m)
                    seen += [n, m]
    if not squared:
        return None
    base, per_occasion = error_curve(squared, inverse)
    return {"base": round(base, 6), "per_occasion": round(per_occasion, 6),
            "occasions": [min(seen), max(seen)], "pairs": len(squared)}


STRICTER = 3
"""How many minimums of evidence above the rubric's the study tries for each competency."""


def _by_minimum(scored: Sequence[GameResult], c: str, seeds: Sequence[int],
                minimum: int) -> list[dict[str, Any]]:
    """What a stricter minimum of evidence would give: for each of the next ``STRICTER``
    minimums, the ICC over the trainees whose games all reach it, how many trainees those are
    and how many games would still be scored."""
    out = []
    for m in range(minimum + 1, minimum + 1 + STRICTER):
        kept = [r for r in scored if r.occasions.get(c, 0) >= m]
        retest = _complete(((r.trainee, r.seed, float(r.scores[c])) for r in kept),  # type: ignore[arg-type]
                           seeds)
        out.append({"min_occasions": m, "icc": _r(_icc(retest)), "trainees": len(retest),
                    "scored_games": len(kept)})
    return out


AGAINST_Z = 3.0
"""How many standard errors below zero an indicator's rho with its competency's skill must be
before the study says the indicator runs against that skill (3: a few indicators are tested
per study, so 2 would flag one by chance now and then)."""


def _indicator(results: Sequence[GameResult], theta: Mapping[int, dict[str, float]],
               seeds: Sequence[int], ind: str, comp: str,
               skills: Sequence[str]) -> dict[str, Any]:
    """One indicator's own evidence, for finding what limits competency ``comp``: its Spearman
    rho with that competency's skill, its test-retest ICC(2,1) across seeds, the games that
    judged it (a game where it had no occasion gives it no value), and whether it runs against
    the skill: rho below zero by more than ``AGAINST_Z`` standard errors, 1/sqrt(n - 1) with n
    the trainees it judged (a trainee's games are not independent of each other); the
    occasions it judged a game, and the evidence weighting they imply
    (``stats.half_weight_occasions``)."""
    judged = [r for r in results if r.indicators.get(ind) is not None]
    xs = [float(r.indicators[ind]) for r in judged]  # type: ignore[arg-type]
    conv = spearman(xs, [theta[r.trainee][comp] for r in judged]) if comp in skills else math.nan
    rel = _retest(((r.trainee, r.seed, float(r.indicators[ind]))  # type: ignore[arg-type]
                   for r in judged), seeds)
    people = len({r.trainee for r in judged})
    against = not math.isnan(conv) and people > 2 and conv * math.sqrt(people - 1) < -AGAINST_Z
    seen = [r.indicator_occasions[ind] for r in judged if ind in r.indicator_occasions]
    per_game = float(np.mean(seen)) if seen else math.nan
    k = half_weight_occasions(rel, per_game) if seen else None
    return {"convergent_rho": _r(conv), "icc": _r(rel), "judged_games": len(judged),
            "against_skill": against,
            "occasions_per_game": None if math.isnan(per_game) else round(per_game, 2),
            "half_weight_occasions": None if k is None else round(k, 2)}



def _overall(found: Sequence[tuple[int, int, float]], seeds: Sequence[int]) -> dict[str, Any]:
    """The overall score's measurement from (trainee, seed, overall score) of each game (the
    mean of its scored competencies, as the reports show it): its test-retest ICC(2,1) across
    seeds with its interval, SD and SEM."""
    retest = _complete(found, seeds)
    rel = _icc(retest)
    sd = float(np.std([v for *_, v in found], ddof=1)) if len(found) > 1 else math.nan
    return {"icc": _r(rel),
            "icc_ci": _interval(lambda idx: _icc(retest[idx]), len(retest), "icc:overall"),
            "sem": None if math.isnan(rel) or math.isnan(sd)
            else _r(sd * math.sqrt(max(0.0, 1.0 - rel))),
            "sd": _r(sd), "scored_games": len(found)}


def _complete(values: Iterable[tuple[int, int, float]], seeds: Sequence[int]) -> np.ndarray:
    """The trainees x seeds matrix of (trainee, seed, value), over the trainees with a value on
    every seed."""
    by_trainee: dict[int, dict[int, float]] = {}
    for trainee, seed, value in values:
        by_trainee.setdefault(trainee, {})[seed] = value
    rows = [[row[s] for s in seeds] for row in by_trainee.values() if len(row) == len(seeds)]
    return np.array(rows, dtype=float).reshape(len(rows), len(seeds))


def _icc(matrix: np.ndarray) -> float:
    """ICC(2,1) across the columns (NaN with fewer than two rows or one column)."""
    return icc(matrix) if matrix.shape[0] >= 2 and matrix.shape[1] >= 2 else math.nan


def _retest(values: Iterable[tuple[int, int, float]], seeds: Sequence[int]) -> float:
    """ICC(2,1) of (trainee, seed, value) across the seeds, over the trainees with a value on
    every seed (NaN with fewer than two such trainees or one seed)."""
    return _icc(_complete(values, seeds))


def _interval(statistic: Callable[[np.ndarray], float], n: int,
              name: str) -> list[float] | None:
    """The 95 % bootstrap interval of a figure over the ``n`` trainees it was computed on
    (resampling trainees, each with all its games); its own stream per figure, so the interval
    is the same every time the study gives the same games."""
    found = bootstrap_interval(statistic, n, stream(0, f"{STUDY_SALT}:bootstrap:{name}"))
    return None if found is None else [round(found[0], 4), round(found[1], 4)]


def _profit_per_skill(skills: Sequence[str], thetas: Sequence[dict[str, float]],
                      profit: Sequence[float]) -> dict[str, float | None]:
    """Least-squares profit per unit of each skill, the other skills held equal (None when
    there are too few trainees to tell)."""
    if not skills or len(thetas) <= len(skills) + 1:
        return dict.fromkeys(skills)
    x = np.array([[1.0, *(t[c] for c in skills)] for t in thetas])
    beta, *_ = np.linalg.lstsq(x, np.asarray(profit, dtype=float), rcond=None)
    return {c: round(float(b), 2) for c, b in zip(skills, beta[1:], strict=True)}


def profit_weights(skills: Sequence[str], thetas: Sequence[dict[str, float]],
                   profit: Sequence[float]) -> dict[str, float] | None:
    """How the scenario pays for each skill, as shares of 1: the non-negative least-squares
    profit per unit of each skill (a skill that earns nothing or less gets 0), scaled to sum to
    1. None when there are too few trainees to tell or no skill earns anything."""
    if not skills or len(thetas) <= len(skills) + 1:
        return None
    x = np.array([[1.0, *(t[c] for c in skills)] for t in thetas])
    beta = nonnegative_least_squares(x, np.asarray(profit, dtype=float))[1:]
    total = float(beta.sum())
    if total <= 0.0:
        return None
    return {c: float(b) / total for c, b in zip(skills, beta, strict=True)}


def _weighted_composite(scores: Mapping[str, float], weights: Mapping[str, float]) -> float:
    """The weighted mean of the competencies scored (NaN: none of them carries weight)."""
    carried = sum(weights.get(c, 0.0) for c in scores)
    if carried <= 0.0:
        return math.nan
    return sum(weights.get(c, 0.0) * v for c, v in scores.items()) / carried


def _mean_scores(games: Sequence[GameResult], skills: Sequence[str]) -> dict[str, float]:
    """A trainee's score per competency, the mean over the games that scored it."""
    out = {}
    for c in skills:
        values = [float(v) for g in games if (v := g.scores.get(c)) is not None]
        if values:
            out[c] = float(np.mean(values))
    return out


def _weighted_criterion(skills: Sequence[str], thetas: Sequence[dict[str, float]],
                        scores: Sequence[dict[str, float]], profit: Sequence[float]) -> float:
    """Criterion validity of a composite weighted as the scenario pays: the trainees split in
    two halves, each half's composite weighted by what the other half's skills earned
    (``profit_weights``), so no trainee's profit sets the weights its own score is judged
    with; then rho between composite and profit over all of them."""
    n = len(thetas)
    halves = (list(range(0, n, 2)), list(range(1, n, 2)))
    composite = np.full(n, math.nan)
    for fit, judged in (halves, halves[::-1]):
        weights = profit_weights(skills, [thetas[i] for i in fit], [profit[i] for i in fit])
        if weights is None:
            return math.nan
        for i in judged:
            composite[i] = _weighted_composite(scores[i], weights)
    keep = np.isfinite(composite)
    return spearman(composite[keep], np.asarray(profit, dtype=float)[keep])


def _r(x: float) -> float | None:
    return None if x is None or math.isnan(x) else round(float(x), 4)


Check = Literal["never_scored", "convergent", "discriminant", "no_retest", "no_icc", "icc",
                "criterion"]


@dataclass(frozen=True)
class Shortfall:
    """One way a study falls short of its bar: the check, the competency (None: the composite
    against profit), the figure found and the bar; ``convergent`` is what the discriminant check
    measured against."""

    check: Check
    competency: str | None
    value: float | None
    bar: float
    convergent: float | None = None
    interval: tuple[float, float] | None = None  # the figure's 95 % bootstrap interval
    factor: float | None = None  # times the evidence per game the bar needs (Spearman-Brown)
    occasions: float | None = None  # occasions judged per game now
    stricter: tuple[int, float, int, int] | None = None  # a minimum of evidence that would
    # meet the bar: (occasions, the ICC there, games still scored, games played)

    def text(self, lang: str = "en", names: Mapping[str, str] | None = None) -> str:
        """The shortfall as one line in ``lang``, the competency by its name in ``names`` (by id
        without one): the study's JSON ``problems`` in English, its table in the reader's."""
        from game.assessment.lab_text import word

        c = self.competency or ""
        line = word(f"shortfall.{self.check}", lang, name=(names or {}).get(c, c),
                    value=self.value, bar=self.bar, convergent=self.convergent)
        if self.interval is not None:
            line += word("interval", lang, low=f"{self.interval[0]:.2f}",
                         high=f"{self.interval[1]:.2f}")
        if self.factor is not None and math.isfinite(self.factor):
            facts = {"factor": f"{self.factor:.2f}"}
            if self.occasions:
                facts.update(now=f"{self.occasions:.1f}",
                             need=f"{math.ceil(self.factor * self.occasions)}")
            line += word("more_occasions" if self.occasions else "more_evidence", lang, **facts)
        if self.stricter is not None:
            m, rel, kept, games = self.stricter
            line += word("stricter_minimum", lang, minimum=m, icc=f"{rel:.2f}", kept=kept,
                         games=games)
        return line


def shortfalls(summary: dict[str, Any], convergent: float = 0.7, gap: float = 0.3,
               reliability: float = 0.75, criterion: float = 0.5) -> list[Shortfall]:
    """What falls short of the study's bar, in the order of the table (empty: all met); a
    competency the scenario does not set out to assess (``"assessed": false``) is not judged."""
    out: list[Shortfall] = []
    one_seed = len(summary.get("seeds") or ()) == 1  # no second game to repeat
    for c, s in summary["competencies"].items():
        if s.get("assessed") is False:  # measured, but not what the scenario sets out to assess
            continue
        if s["scored_games"] == 0 and s.get("min_occasions") is not None:  # say why, once
            out.append(Shortfall("never_scored", c, s.get("occasions_max", 0),
                                 s["min_occasions"]))
            continue
        conv, disc, rel = s["convergent_rho"], s["discriminant_max_rho"], s["icc"]
        if conv is None or conv < convergent:
            out.append(Shortfall("convergent", c, conv, convergent))
        if conv is not None and disc is not None and conv - disc < gap:
            out.append(Shortfall("discriminant", c, disc, gap, conv))
        if rel is None:
            out.append(Shortfall("no_retest" if one_seed else "no_icc", c, None, reliability))
        elif rel < reliability:
            out.append(Shortfall("icc", c, rel, reliability, interval=_pair(s.get("icc_ci")),
                                 factor=lengthening(rel, reliability),
                                 occasions=s.get("occasions_per_game"),
                                 stricter=_stricter(s, reliability, summary.get("games", 0))))
    crit = summary["criterion_rho"]
    if crit is None or crit < criterion:
        out.append(Shortfall("criterion", None, crit, criterion,
                             interval=_pair(summary.get("criterion_rho_ci"))))
    return out


STRICTER_KEEPS = 0.5
"""A stricter minimum is offered as a way to the bar only while it still scores this share of
the games: one that leaves most players unscored is no remedy, and its ICC rests on few."""


def _stricter(s: Mapping[str, Any], reliability: float,
              games: int) -> tuple[int, float, int, int] | None:
    """The smallest stricter minimum of evidence whose ICC meets ``reliability`` and that still
    scores ``STRICTER_KEEPS`` of the ``games``, if any."""
    for row in s.get("icc_by_minimum") or ():
        if row["scored_games"] < STRICTER_KEEPS * games:
            break
        if row["icc"] is not None and row["icc"] >= reliability:
            return row["min_occasions"], row["icc"], row["scored_games"], games
    return None


def _pair(found: Sequence[float] | None) -> tuple[float, float] | None:
    return None if not found else (float(found[0]), float(found[1]))


def checks(summary: dict[str, Any], convergent: float = 0.7, gap: float = 0.3,
           reliability: float = 0.75, criterion: float = 0.5) -> list[str]:
    """What falls short of the study's bar: one English line each (empty: all met)."""
    return [s.text() for s in shortfalls(summary, convergent, gap, reliability, criterion)]


SMALL_SHARE = 0.1
"""A skill earning under this share of what the best-earning skill earns barely moves profit."""


def profit_leader(summary: dict[str, Any]) -> tuple[str, float, list[str]] | None:
    """The competency whose skill earns most, what one unit of it earns, and the competencies
    whose skill earns under ``SMALL_SHARE`` of that; None without the figures (too few trainees)
    or when no skill earns anything."""
    money = {c: s.get("profit_per_skill") for c, s in summary["competencies"].items()}
    known = {c: m for c, m in money.items() if m is not None}
    if not known:
        return None
    top = max(known, key=lambda c: known[c])
    if known[top] <= 0:
        return None
    small = [c for c, m in known.items() if c != top and m < SMALL_SHARE * known[top]]
    return top, known[top], small


def study(scenario_path: str | Path, trainees: int = 200, seeds: Sequence[int] | None = None,
          executor: Executor | None = None, workers: int = 2, progress: bool = False,
          study_seed: int = 0, skill_correlation: float = 0.0) -> dict[str, Any]:
    """Run the whole study on one scenario (seeds: the scenario's seed and the next ones)."""
    rubric, rubric_sha = standard_rubric()
    scenario, scenario_sha = _load(str(scenario_path))
    if seeds is None:
        seeds = [scenario.seed, scenario.seed + 1]
    jobs = jobs_for(scenario_path, trainees, seeds, study_seed, skill_correlation)
    start = time.perf_counter()
    results = run_jobs(jobs, executor, workers, bar("games", force=True) if progress else None)
    summary = summarise(jobs, results, [c.id for c in rubric.competencies],
                        indicators_of={c.id: [w.indicator for w in c.indicators]
                                       for c in rubric.competencies},
                        assessed=rubric.assessed_by(scenario.courseware),
                        min_occasions={c.id: c.min_occasions for c in rubric.competencies})
    summary["seconds"] = round(time.perf_counter() - start, 1)
    summary["scenario"] = str(scenario_path)
    # what was measured, so a score is given this study's error only if it was made the same way
    summary.update(scenario_id=scenario.id, scenario_sha256=scenario_sha,
                   rubric_sha256=rubric_sha, engine_version=ENGINE_VERSION,
                   skill_correlation=skill_correlation)
    return summary
