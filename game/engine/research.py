"""Analysis phase (CW-10..15): the four needs-analysis methods of CW-11, with noisy reveals."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from game.engine.actions import DataAnalysis, Interview, MarketResearch, Questionnaire
from game.engine.state import Rejected
from game.scenario.persona_text import needs_line
from game.sim.rng import keyed_stream

if TYPE_CHECKING:
    from game.engine.game import Game


def research_rng(game: Game, method: str, target: str = "") -> np.random.Generator:
    """The draws of one piece of research: keyed by the seed, the round, the method, what it looks
    at and how often it was looked at so this round, so that doing or dropping one piece of
    research never changes what another shows (a trainee who also interviewed another account
    sees the same survey of a segment)."""
    key = (game.round, method, target)
    n = game.research_draws.get(key, 0)
    game.research_draws[key] = n + 1
    return keyed_stream(game.seed, "research", game.round, method, target, n)


def segment_index(game: Game, segment: str) -> int:
    ids = [s.id for s in game.scenario.market.segments]
    if segment not in ids:
        raise Rejected("unknown_segment", f"there is no segment '{segment}' (known: {', '.join(ids)})")
    return ids.index(segment)


def account_spec(game: Game, account: str):
    for ka in game.scenario.key_accounts:
        if ka.id == account:
            return ka
    known = ", ".join(ka.id for ka in game.scenario.key_accounts)
    raise Rejected("unknown_account", f"there is no key account '{account}' (known: {known})")


def _estimate(values: np.ndarray, noise: float, rng: np.random.Generator, scale: float) -> dict:
    """Mean of a sample with a standard error that includes the method's measurement noise."""
    n = len(values)
    if n == 0:
        return {"mean": None, "sd": None, "n": 0}
    mean = float(values.mean())
    se = float(values.std(ddof=1) / np.sqrt(n)) if n > 1 else scale
    sd = float(np.hypot(se, noise * scale))
    return {"mean": round(mean + float(rng.normal(0.0, noise * scale)), 4), "sd": round(sd, 4), "n": n}


def _sample(rng: np.random.Generator, game: Game, seg: int, size: int, ours_only: bool) -> np.ndarray:
    pop = game.market.population
    mask = pop.segment == seg
    if ours_only:
        mask &= pop.vendor == 0
    idx = np.flatnonzero(mask)
    if len(idx) == 0:
        return idx
    take = min(size, len(idx))
    return rng.choice(idx, size=take, replace=False)


def questionnaire(game: Game, a: Questionnaire) -> None:
    seg = segment_index(game, a.segment)
    method = game.scenario.company.research.questionnaire
    game.spend_effort(method.effort, "A questionnaire")
    game.spend_money("research", method.cost)
    pop = game.market.population
    rng = research_rng(game, "questionnaire", a.segment)
    idx = _sample(rng, game, seg, method.sample, ours_only=False)
    vendor = pop.vendor[idx]
    result = {
        "price_sensitivity": _estimate(pop.price_sensitivity[idx].astype(float), method.noise, rng, 1.0),
        "quality_weight": _estimate(pop.quality_weight[idx].astype(float), method.noise, rng, 1.0),
        "satisfaction": _estimate(pop.satisfaction[idx].astype(float), method.noise, rng, 0.5),
        "our_share": _estimate((vendor == 0).astype(float), method.noise, rng, 0.5),
    }
    game.knowledge_version += 1
    game.knowledge["segments"].setdefault(a.segment, {})["questionnaire"] = {
        "round": game.round,
        **result,
    }
    game.emit("research_done", method="questionnaire", segment=a.segment, result=result,
              effort=method.effort, cost=method.cost)


def interview(game: Game, a: Interview) -> None:
    ka = account_spec(game, a.account)
    method = game.scenario.company.research.interview
    game.spend_effort(method.effort, "An interview")
    game.spend_money("research", method.cost)
    rng = research_rng(game, "interview", ka.id)
    weights = ka.preferences.weights
    total = sum(weights.values())
    est = {
        issue: {
            "mean": round(max(0.0, w / total + float(rng.normal(0.0, method.noise))), 4),
            "sd": method.noise,
        }
        for issue, w in weights.items()
    }
    state = game.accounts[ka.id]
    first = not state.interviewed
    state.interviewed = True
    if first:
        state.trust = min(1.0, state.trust + game.scenario.economics.accounts.interview_trust)
    result = {"needs": needs_line(game.scenario, ka).model_dump(), "priorities": est,
              "deadline": ka.deadline}
    game.knowledge_version += 1
    game.knowledge["accounts"].setdefault(ka.id, {})["interview"] = {"round": game.round, **result}
    game.emit("research_done", method="interview", account=ka.id, result=result,
              effort=method.effort, cost=method.cost)


def market_research(game: Game, a: MarketResearch) -> None:
    method = game.scenario.company.research.market_research
    game.spend_effort(method.effort, "Market research")
    game.spend_money("research", method.cost)
    rng = research_rng(game, "market_research")
    seg_ids = [s.id for s in game.scenario.market.segments]
    competitors = {}
    for agent in game.market.competitors:
        prices = {
            seg: {
                "mean": round(float(p) * (1 + float(rng.normal(0.0, method.noise))), 2),
                "sd": round(float(p) * method.noise, 2),
            }
            for seg, p in zip(seg_ids, agent.prices, strict=True)
        }
        competitors[agent.id] = {
            "prices": prices,
            "quality": {"mean": round(agent.quality + float(rng.normal(0.0, method.noise)), 3),
                        "sd": method.noise},
        }
    level = game.market.demand_level()
    result = {
        "competitors": competitors,
        "demand": {"mean": round(level + float(rng.normal(0.0, method.noise)), 3), "sd": method.noise},
    }
    game.knowledge_version += 1
    game.knowledge["market"] = {"round": game.round, **result}
    game.emit("research_done", method="market_research", result=result,
              effort=method.effort, cost=method.cost)


def data_analysis(game: Game, a: DataAnalysis) -> None:
    seg = segment_index(game, a.segment)
    method = game.scenario.company.research.data_analysis
    game.spend_effort(method.effort, "Data analysis")
    game.spend_money("research", method.cost)
    pop = game.market.population
    rng = research_rng(game, "data_analysis", a.segment)
    idx = _sample(rng, game, seg, method.sample, ours_only=True)
    churn = game.scenario.market.segments[seg].churn
    sat = pop.satisfaction[idx].astype(float)
    ours = int(np.count_nonzero((pop.segment == seg) & (pop.vendor == 0)))
    result = {
        "our_customers": ours,
        "satisfaction": _estimate(sat, method.noise, rng, 0.5),
        "at_risk_share": _estimate((sat < churn.threshold).astype(float), method.noise, rng, 0.5),
        "revenue_by_round": [
            round(k["segments"].get(a.segment, {}).get("revenue", 0.0), 2) for k in game.kpis
        ],
    }
    game.knowledge_version += 1
    game.knowledge["segments"].setdefault(a.segment, {})["data_analysis"] = {
        "round": game.round,
        **result,
    }
    game.emit("research_done", method="data_analysis", segment=a.segment, result=result,
              effort=method.effort, cost=method.cost)
