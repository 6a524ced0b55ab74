"""Studies of the manager track's rules, on paired seeds: who earns what (the manager tiers), what
an incentive plan does to discounts and margin (CW-62), and what coaching does to a rep's measured
scores. The coaching study picks a rep's weakest and strongest skill from the truth: it measures
the rule, it does not play."""

from __future__ import annotations

import statistics
from concurrent.futures import Executor
from typing import Any

from game.assessment.stats import paired_d
from game.manager.actions import Coach, EndRound, SetPlan
from game.manager.bots import make_manager_bot, play_manager
from game.manager.game import ManagerGame, at_list_price
from game.manager.loader import load_manager

TIERS = ("manager-idle", "manager-novice", "manager-intermediate", "manager-expert")
COACH_HOURS = 4.0

_cache: dict[str, Any] = {}


def _load(path: str) -> Any:
    if path not in _cache:
        _cache[path] = load_manager(path)
    return _cache[path]


def new_game(path: str, seed: int) -> ManagerGame:
    scenario, territory, _ = _load(path)
    return ManagerGame(scenario, territory, seed=seed)


def seeds_of(path: str, n: int) -> list[int]:
    base = _load(path)[0].seed
    return [base + k for k in range(n)]


def play_tier(job: tuple[str, str, int]) -> float:
    path, bot, seed = job
    game = new_game(path, seed)
    play_manager(game, make_manager_bot(bot, seed))
    return float(game.totals()["profit"])


def tier_profits(path: str, seeds: int, pool: Executor | None = None) -> dict[str, list[float]]:
    """Team profit of each manager tier on the same ``seeds`` seeds."""
    jobs = [(path, bot, s) for bot in TIERS for s in seeds_of(path, seeds)]
    results = list(pool.map(play_tier, jobs)) if pool is not None else [play_tier(j) for j in jobs]
    return {bot: results[k * seeds:(k + 1) * seeds] for k, bot in enumerate(TIERS)}


def _plan_game(job: tuple[str, int, str]) -> tuple[float, float, float]:
    """(mean discount given, contribution margin, margin after discounts) of a team under a plan
    paid on ``basis``, the manager doing nothing else. The margin after discounts is what the
    units sold earn over their cost at the prices given (the waterfall's volume and price parts),
    the margin a plan moves directly; the contribution margin also carries terms, service, stock
    and credit costs."""
    path, seed, basis = job
    game = new_game(path, seed)
    game.apply(SetPlan(variable_share=0.6, basis=basis, accelerator=1.0, team_share=0.0))  # type: ignore[arg-type]
    while not game.over:
        game.apply(EndRound())
    revenue = contribution = listed = priced = 0.0
    for region in game.region_games().values():
        for k in region.kpis:
            revenue += float(k["revenue"])
            contribution += float(k["profit"])
            listed += at_list_price(k)
            priced += float(k["waterfall"].get("volume", 0.0)) + float(k["waterfall"].get("price", 0.0))
    return ((listed - revenue) / max(1e-9, listed), contribution / max(1e-9, revenue),
            priced / max(1e-9, revenue))


def incentive_effect(path: str, seeds: int, pool: Executor | None = None) -> dict[str, float]:
    """Revenue-only minus margin-based plan, paired over seeds: the mean differences in discount,
    contribution margin and margin after discounts, each with its paired effect size d (mean /
    SD of the differences)."""
    jobs = [(path, s, b) for s in seeds_of(path, seeds) for b in ("revenue", "margin")]
    out = list(pool.map(_plan_game, jobs)) if pool is not None else [_plan_game(j) for j in jobs]
    result: dict[str, float] = {}
    for i, name in enumerate(("discount", "margin", "price_margin")):
        diffs = [out[2 * k][i] - out[2 * k + 1][i] for k in range(seeds)]
        result[name], result[f"{name}_d"] = statistics.fmean(diffs), paired_d(diffs)
    return result


def _coached_score(job: tuple[str, int, str, str | None, str]) -> float | None:
    """The measured score of ``measure`` for rep ``rep`` at the end of a game in which the
    manager coaches ``coach`` (None: nothing) for COACH_HOURS every round."""
    path, seed, rep, coach, measure = job
    game = new_game(path, seed)
    while not game.over:
        if coach is not None and rep in game.members:
            game.apply(Coach(rep=rep, competency=coach, hours=COACH_HOURS))
        game.apply(EndRound())
    if rep not in game.members:
        return None
    score = game.view().rep(rep).scores.get(measure)
    return None if score is None or score.insufficient else score.score


def coaching_effect(path: str, seeds: int, pool: Executor | None = None) -> dict[str, float]:
    """Per starting rep and seed: the gain in the measured score of its weakest skill when that is
    coached, against the gain in its strongest when that is, each over the same game uncoached."""
    scenario, _, _ = _load(path)
    jobs: list[tuple[str, int, str, str | None, str]] = []
    for seed in seeds_of(path, seeds):
        for rep in scenario.team:
            weak = min(rep.skills, key=lambda s: (rep.skills[s], s))
            strong = max(rep.skills, key=lambda s: (rep.skills[s], s))
            jobs += [(path, seed, rep.id, None, weak), (path, seed, rep.id, weak, weak),
                     (path, seed, rep.id, None, strong), (path, seed, rep.id, strong, strong)]
    out = list(pool.map(_coached_score, jobs)) if pool is not None else [_coached_score(j) for j in jobs]
    weak_gain, strong_gain = [], []
    for k in range(0, len(out), 4):
        base_w, w, base_s, s = out[k:k + 4]
        if None in (base_w, w, base_s, s):
            continue  # the rep left, or the skill had no evidence
        weak_gain.append(w - base_w)  # type: ignore[operator]
        strong_gain.append(s - base_s)  # type: ignore[operator]
    diffs = [w - s for w, s in zip(weak_gain, strong_gain, strict=True)]
    return {"pairs": len(diffs),
            "weakest": statistics.fmean(weak_gain) if weak_gain else float("nan"),
            "strongest": statistics.fmean(strong_gain) if strong_gain else float("nan"),
            "difference": statistics.fmean(diffs) if diffs else float("nan"),
            "d": paired_d(diffs)}
