"""The validity lab: every bot tier on N seeds, in parallel processes, and per competency the
statistics that say whether the rubric can tell skill apart and resists gaming.

Seeds are ``seed0 .. seed0 + N - 1``. Test-retest pairs each bot's runs on seeds
(seed0 + 2i, seed0 + 2i + 1) and computes the ICC over the pairs of all bots.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from game.assessment.assess import assess, standard_rubric
from game.assessment.relative import remember_reference
from game.assessment.rubric import Rubric, load_rubric
from game.assessment.stats import auc, hedges_g, icc, mean_sd
from game.engine.events import Event
from game.scenario.loader import load_scenario
from game.scenario.models import Scenario
from game.text.progress import Progress

G_MIN = 0.8
AUC_MIN = 0.8
ICC_MIN = 0.75


@dataclass(frozen=True)
class Deal:
    """How one key-account negotiation of a run ended (``negotiation_ended``)."""

    status: str
    value_claimed: float | None


@dataclass(frozen=True)
class Strike:
    """One risk that struck in a run (``risk_struck``), and whether it was answered before."""

    risk: str
    warned: bool
    answered_before: bool


@dataclass(frozen=True)
class Run:
    bot: str
    seed: int
    scores: dict[str, float | None]
    indicators: dict[str, float | None]
    revenue_ratio: float | None
    totals: dict[str, float] = field(default_factory=dict)  # game_ended totals
    targets: dict[str, float] = field(default_factory=dict)  # game_ended targets
    deals: dict[str, Deal] = field(default_factory=dict)  # key account -> its negotiation
    strikes: tuple[Strike, ...] = ()


@dataclass(frozen=True)
class Setup:
    scenario_path: str
    customers: int | None = None
    rubric_path: str | None = None
    trainee: str | None = None  # play this trainee's variant of the scenario
    players: tuple[str, ...] = ()  # outside players (docs/players.md), judged as the gaming bots are


def load_setup(setup: Setup) -> tuple[Scenario, Rubric, str]:
    scenario, _ = load_scenario(setup.scenario_path)
    if setup.trainee is not None:
        from game.trainer.variants import make_variant

        scenario = make_variant(scenario, setup.trainee)
    if setup.customers is not None:
        scenario = scenario.model_copy(
            update={"market": scenario.market.model_copy(update={"customers": setup.customers})}
        )
    rubric, sha = load_rubric(setup.rubric_path) if setup.rubric_path else standard_rubric()
    return scenario, rubric, sha


def play_and_score(scenario: Scenario, rubric: Rubric, rubric_sha: str, bot: str, seed: int) -> Run:
    from game.assessment.runs import play_named

    game = play_named(scenario, bot, seed)
    if bot == rubric.relative.reference_bot:
        remember_reference(game.scenario, seed, bot, game)  # the same game the reference plays
    result = assess(game, rubric, rubric_sha)
    revenue = next((k.ratio for k in result.relative.kpis if k.id == "revenue"), None)
    values = {i.id: i.value for c in result.competencies for i in c.indicators}
    return Run(bot, seed, result.scores(), values, revenue, **run_facts(game.events))


def run_facts(events: Sequence[Event]) -> dict[str, Any]:
    """What the balance report needs from one game's events: the final totals and targets,
    each key-account negotiation's outcome, and each risk that struck."""
    totals: dict[str, float] = {}
    targets: dict[str, float] = {}
    deals: dict[str, Deal] = {}
    before: set[int] = set()
    strikes: list[Strike] = []
    for event in events:
        p = event.payload
        if event.kind == "game_ended":
            totals = {k: float(v) for k, v in p["totals"].items()}
            targets = {k: float(v) for k, v in p["targets"].items()}
        elif event.kind == "negotiation_ended":
            claimed = (p.get("metrics") or {}).get("value_claimed")
            deals[p["account"]] = Deal(
                str(p.get("status")), None if claimed is None else float(claimed)
            )
        elif event.kind == "risk_responded" and p.get("before_strike"):
            before.add(p["strike"])
        elif event.kind == "risk_struck":
            strikes.append(Strike(p["risk"], bool(p.get("warned")), p["strike"] in before))
    return {"totals": totals, "targets": targets, "deals": deals, "strikes": tuple(strikes)}


_setups: dict[Setup, tuple[Scenario, Rubric, str]] = {}  # per worker process


def _play_seed(loaded: tuple[Scenario, Rubric, str], seed: int, bots: Sequence[str]) -> list[Run]:
    scenario, rubric, sha = loaded
    first = sorted(bots, key=lambda b: b != rubric.relative.reference_bot)  # reference first
    return [play_and_score(scenario, rubric, sha, bot, seed) for bot in first]


Job = tuple[Setup, int, tuple[str, ...]]
"""(setup, seed, bots): one seed of one scenario (or trainee variant) for some bots."""


def _run_job(job: Job) -> list[Run]:
    """A worker's job; each process loads each setup once (the pool lives for one lab)."""
    setup, seed, bots = job
    if setup not in _setups:
        _setups[setup] = load_setup(setup)
    return _play_seed(_setups[setup], seed, bots)


def play_jobs(jobs: Sequence[Job], workers: int = 2,
              progress: Progress | None = None) -> list[list[Run]]:
    """Play every job (in parallel processes when ``workers`` > 1); one list of runs per job,
    in the order of ``jobs``; ``progress`` hears (done, total) after each job."""
    out: list[list[Run]] = []

    def done(runs: list[Run]) -> None:
        out.append(runs)
        if progress is not None:
            progress(len(out), len(jobs))

    if workers > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for runs in pool.map(_run_job, jobs):
                done(runs)
        return out
    loaded: dict[Setup, tuple[Scenario, Rubric, str]] = {}  # fresh: files may have changed
    for setup, seed, bots in jobs:
        if setup not in loaded:
            loaded[setup] = load_setup(setup)
        done(_play_seed(loaded[setup], seed, bots))
    return out


# --------------------------------------------------------------------------- the report


@dataclass
class CompetencyStats:
    id: str
    tiers: dict[str, dict[str, float]]  # bot -> {mean, sd, n}
    adjacent: list[dict[str, Any]]  # {lower, upper, g, auc, pass}
    icc21: float
    icc31: float
    icc_pairs: int
    gaming: list[dict[str, Any]]  # {bot, targeted, mean, novice, excess, pass, carried_by}
    ordered: bool
    passed: bool
    assessed: bool = True  # whether the scenario sets out to assess it (its courseware)


@dataclass
class LabReport:
    scenario: str
    runs: int
    seeds: list[int]
    workers: int
    customers: int
    seconds: float
    tiers: list[str]
    gaming: list[str]
    competencies: list[CompetencyStats]
    revenue_ratio: dict[str, dict[str, float]]
    indicator_means: dict[str, dict[str, float]]  # indicator -> bot -> mean value (applicable runs)
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


def _values(runs: Sequence[Run], bot: str, comp: str) -> list[float]:
    return [v for r in runs if r.bot == bot and (v := r.scores.get(comp)) is not None]


def _summary(xs: Sequence[float]) -> dict[str, float]:
    m, s = mean_sd(xs)
    return {"mean": m, "sd": s, "n": float(len(xs))}


def paired_excess(by: dict[tuple[str, int], float | None], bot: str, novice: str,
                  seeds: Sequence[int], z: float = 2.0) -> float:
    """How far ``bot`` scores above ``novice`` beyond chance, paired on the seeds both were
    scored on: mean(bot - novice) - z SE. Positive means the bot out-scores the novice by more
    than the seeds' luck explains (a constant gap has no luck in it: SE 0); NaN when no seed
    scored both."""
    diffs = [float(by[(bot, s)]) - float(by[(novice, s)])  # type: ignore[arg-type]
             for s in seeds if by.get((bot, s)) is not None and by.get((novice, s)) is not None]
    if not diffs:
        return math.nan
    mean_diff, sd = mean_sd(diffs)
    se = sd / math.sqrt(len(diffs)) if len(diffs) > 1 else 0.0
    return mean_diff - z * se - 1e-12


def competency_stats(
    comp: str,
    runs: Sequence[Run],
    tiers: Sequence[str],
    gaming: dict[str, tuple[str, ...]],
    seeds: Sequence[int],
    assessed: bool = True,
) -> CompetencyStats:
    """One competency's lab statistics; ``assessed`` False when the scenario does not set out to
    assess it: the figures are the same, only never a failure."""
    bots = [*tiers, *gaming]
    summary = {b: _summary(_values(runs, b, comp)) for b in bots}
    adjacent = []
    for lower, upper in zip(tiers, tiers[1:], strict=False):
        lo, up = _values(runs, lower, comp), _values(runs, upper, comp)
        g, a = hedges_g(lo, up), auc(lo, up)
        adjacent.append(
            {
                "lower": lower,
                "upper": upper,
                "g": g,
                "auc": a,
                "pass": bool(g >= G_MIN and a >= AUC_MIN),
            }
        )
    by = {(r.bot, r.seed): r.scores.get(comp) for r in runs}
    pairs = []
    for bot in bots:
        for a, b in zip(seeds[0::2], seeds[1::2], strict=False):
            x, y = by.get((bot, a)), by.get((bot, b))
            if x is not None and y is not None:
                pairs.append((x, y))
    matrix = np.array(pairs, dtype=float).reshape(-1, 2)
    icc21, icc31 = icc(matrix, "2,1"), icc(matrix, "3,1")
    means = [summary[t]["mean"] for t in tiers]
    ordered = all(a < b for a, b in zip(means, means[1:], strict=False))
    novice = summary[tiers[0]]["mean"]
    gamers = []
    for bot, targets in gaming.items():
        m = summary[bot]["mean"]
        targeted = comp in targets
        # judged on every competency, not only the ones it aims at: a gaming bot may not
        # out-score the novice anywhere (no score, for want of evidence, is never above it)
        excess = paired_excess(by, bot, tiers[0], seeds)
        if math.isnan(m):
            ok = True
        elif math.isnan(novice):  # the novice never gave the evidence for a score: only the
            ok = m <= 1e-12       # floor is not above it
        elif math.isnan(excess):  # both scored, never on the same seed: nothing to pair, so
            ok = m <= novice + 1e-12  # the means are compared as they are
        else:
            ok = excess <= 0.0
        gamers.append({"bot": bot, "targeted": targeted, "mean": m, "novice": novice,
                       "excess": excess, "pass": ok, "carried_by": None})
    passed = (
        ordered
        and all(x["pass"] for x in adjacent)
        and icc21 >= ICC_MIN
        and all(x["pass"] for x in gamers)
    )
    return CompetencyStats(
        comp, summary, adjacent, icc21, icc31, len(pairs), gamers, ordered, passed, assessed
    )


def describe_failures(stats: Sequence[CompetencyStats], lang: str = "en") -> list[str]:
    """What falls short, one line each in ``lang`` (the report's JSON keeps the English)."""
    from game.assessment.lab_text import tier, word

    def w(key: str, **facts: object) -> str:
        return word(f"failure.{key}", lang, **facts)

    out = []
    for s in stats:
        if not s.assessed:  # measured, but not what the scenario sets out to assess
            continue
        silent = [t for a in s.adjacent for t in (a["lower"], a["upper"])
                  if math.isnan(s.tiers[t]["mean"])]
        for silent_tier in dict.fromkeys(silent):  # no score to order or compare: say why
            out.append(w("silent", c=s.id, tier=tier(silent_tier, lang)))
        if not s.ordered and not silent:
            out.append(w("unordered", c=s.id))
        for a in s.adjacent:
            if not a["pass"] and a["lower"] not in silent and a["upper"] not in silent:
                out.append(w("apart", c=s.id, lower=tier(a["lower"], lang),
                             upper=tier(a["upper"], lang),
                             g=f"{a['g']:.2f}", auc=f"{a['auc']:.2f}"))
        if math.isnan(s.icc21):  # no spread to repeat; a silent tier is already said above
            if not silent:
                out.append(w("icc_undefined", c=s.id))
        elif s.icc21 < ICC_MIN:
            out.append(w("icc", c=s.id, icc=f"{s.icc21:.2f}", min=ICC_MIN))
        for gm in s.gaming:
            if gm["pass"]:
                continue
            kind = ("gaming_floor" if math.isnan(gm["novice"])
                    else "gaming_means" if math.isnan(gm["excess"]) else "gaming_paired")
            line = w(kind, c=s.id, bot=gm["bot"], mean=f"{gm['mean']:.3f}",
                     novice=f"{gm['novice']:.3f}")
            carried = gm.get("carried_by")
            if carried:
                line += w("gaming_carried", indicator=carried["indicator"],
                          bot=f"{carried['bot']:.3f}", novice=f"{carried['novice']:.3f}")
            out.append(line)
    return out


def carried_by(indicators: Sequence[str], means: dict[str, dict[str, float]], bot: str,
               novice: str) -> dict[str, Any] | None:
    """Of a competency's ``indicators``, the one where ``bot`` out-scored ``novice`` the most
    (their means over the runs where it applied; not weighted, so not always most of the gap):
    where a trainer looks first to tell a trick the rubric rewards from a better habit the
    trick brought along. None when the bot led on none."""
    gaps = [(means[i][bot] - means[i][novice], i) for i in indicators
            if i in means and not math.isnan(means[i].get(bot, math.nan))
            and not math.isnan(means[i].get(novice, math.nan))]
    gap, indicator = max(gaps, default=(0.0, ""))
    if gap <= 0.0:
        return None
    return {"indicator": indicator, "bot": means[indicator][bot],
            "novice": means[indicator][novice]}


def run_lab(
    scenario_path: str | Path,
    runs: int,
    workers: int = 2,
    customers: int | None = None,
    rubric_path: str | Path | None = None,
    seed0: int = 1,
    progress: Progress | None = None,
    players: Sequence[str] = (),
) -> LabReport:
    """Play every graded and gaming bot (and ``players``, outside ones judged as the gaming bots
    are) on ``runs`` seeds and compute the lab's statistics."""
    return run_lab_with_runs(scenario_path, runs, workers, customers, rubric_path, seed0,
                             progress, players)[0]


def lab_bots(players: Sequence[str] = ()) -> tuple[str, ...]:
    """Every bot the lab plays: the graded tiers, the gaming bots, then any outside players."""
    from game.bots.registry import GAMING, GRADED

    return (*GRADED, *GAMING, *players)


def run_lab_with_runs(
    scenario_path: str | Path,
    runs: int,
    workers: int = 2,
    customers: int | None = None,
    rubric_path: str | Path | None = None,
    seed0: int = 1,
    progress: Progress | None = None,
    players: Sequence[str] = (),
) -> tuple[LabReport, list[Run]]:
    """``run_lab``, and every run it played (bot, seed, scores and the game's facts)."""
    setup = Setup(str(scenario_path), customers, str(rubric_path) if rubric_path else None,
                  players=tuple(players))
    seeds = list(range(seed0, seed0 + runs))
    start = time.perf_counter()
    batches = play_jobs([(setup, seed, lab_bots(setup.players)) for seed in seeds], workers,
                        progress)
    results = [run for batch in batches for run in batch]
    seconds = time.perf_counter() - start
    return summarise_lab(setup, results, seeds, workers, seconds), results


def summarise_lab(
    setup: Setup, results: Sequence[Run], seeds: Sequence[int], workers: int, seconds: float
) -> LabReport:
    """The lab's statistics over ``results``, every lab bot's runs on ``seeds``."""
    from game.bots.registry import GAMING, GRADED, bot_targets

    scenario, rubric, _ = load_setup(setup)
    judged_as_gaming = (*GAMING, *setup.players)
    gaming = {name: bot_targets(name) for name in judged_as_gaming}
    bots = lab_bots(setup.players)
    judged = set(rubric.assessed_by(scenario.courseware))
    stats = [competency_stats(c.id, results, GRADED, gaming, seeds, c.id in judged)
             for c in rubric.competencies]
    revenue = {
        b: _summary(
            [r.revenue_ratio for r in results if r.bot == b and r.revenue_ratio is not None]
        )
        for b in bots
    }
    indicator_means = {
        ind: {
            b: mean_sd(
                [
                    r.indicators[ind]
                    for r in results
                    if r.bot == b and r.indicators.get(ind) is not None
                ]
            )[0]
            for b in bots
        }
        for ind in (spec.id for spec in rubric.indicators)
    }
    for s, c in zip(stats, rubric.competencies, strict=True):
        for gm in s.gaming:
            if not gm["pass"]:
                gm["carried_by"] = carried_by([r.indicator for r in c.indicators],
                                              indicator_means, gm["bot"], GRADED[0])
    return LabReport(
        scenario=scenario.id,
        runs=len(seeds),
        seeds=list(seeds),
        workers=workers,
        customers=scenario.market.customers,
        seconds=round(seconds, 2),
        tiers=list(GRADED),
        gaming=list(judged_as_gaming),
        competencies=stats,
        revenue_ratio=revenue,
        indicator_means=indicator_means,
        failures=describe_failures(stats),
    )
