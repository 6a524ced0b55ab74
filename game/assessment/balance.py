"""The balance preview: how hard a scenario is, read off the validity lab's runs.

``run_balance`` plays the lab (every graded and gaming bot on N seeds) and, with ``variants``,
the expert and the novice on trainee variants of the scenario; ``build_balance`` turns the runs
into a ``BalanceReport``: competency scores per tier, the targets reached per tier, deals per
key account, risks that struck, the lab's separation statistics, the variants against the
scenario, and flags, each naming what a trainer should look at. ``game.reports.balance_page``
renders it (the report layer sits above this one).

The report holds data only (ids, numbers, the scenario's and rubric's own texts); every word a
reader sees comes from ``game/reports/balance_text.json``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from game.assessment.ablation_lab import AblationReport
from game.assessment.lab import (
    AUC_MIN,
    G_MIN,
    ICC_MIN,
    CompetencyStats,
    LabReport,
    Run,
    Setup,
    lab_bots,
    load_setup,
    play_jobs,
    summarise_lab,
)
from game.assessment.rubric import Rubric, Words
from game.bots.players import is_player_spec
from game.scenario.models import Scenario
from game.scenario.text import Text
from game.text.progress import Progress

TARGETS: tuple[str, ...] = ("revenue", "margin", "market_share", "customers", "satisfaction")
"""The scenario's targets, in the order the report shows them."""

MOST = 0.5
"""'Most runs': strictly more than this share of them."""

MOST_TARGETS = 3
"""'Most targets': at least this many of the five."""

VARIANT_SEEDS = 10
"""Variants are played on the lab's first seeds, at most this many (paired with the scenario's
own runs on the same seeds, so the market's luck cancels out)."""

VARIANT_BOTS: tuple[str, ...] = ("expert", "novice")
"""Who plays the variants; the expert's results are judged against the band."""

DEFAULT_BAND = 0.1
"""The difficulty band when the scenario declares none."""

HALF = 0.5
"""The chance of striking a risk's suggested hazard aims at."""


# --------------------------------------------------------------------------- typed facts
# A flag's facts are values the renderer formats for the reader's language.


@dataclass(frozen=True)
class Pct:
    """A share 0..1, shown as a percentage."""

    value: float


@dataclass(frozen=True)
class Amount:
    """A quantity shown with thousands separators (revenue, customer counts)."""

    value: float


@dataclass(frozen=True)
class Dec:
    """A decimal number shown with ``digits`` decimals."""

    value: float
    digits: int = 2


@dataclass(frozen=True)
class KpiValue:
    """A value of one of the targets' KPIs, shown the way that target is written."""

    kpi: str
    value: float


@dataclass(frozen=True)
class Label:
    """A word of ``balance_text.json`` by key (e.g. ``tier.novice``), or by ``fallback`` when
    the key is not there (e.g. a competency of another rubric)."""

    key: str
    fallback: str | None = None


Fact = int | str | Pct | Amount | Dec | KpiValue | Label | Text | Words | list["Fact"]


@dataclass(frozen=True)
class Flag:
    """Something a trainer should look at. ``code`` and ``variant`` pick its texts in
    ``balance_text.json`` (``flags.<code>.<variant>``); ``facts`` fill them."""

    code: str
    variant: str
    subject: str | None
    facts: dict[str, Fact]


# --------------------------------------------------------------------------- report parts


@dataclass
class TargetTier:
    values: list[float]  # the KPI in each run
    met: int  # runs reaching the target

    @property
    def runs(self) -> int:
        return len(self.values)

    @property
    def share(self) -> float:
        return self.met / self.runs if self.runs else math.nan


@dataclass
class TargetRow:
    id: str
    target: float
    tiers: dict[str, TargetTier]

    def attainment(self, tier: str) -> list[float]:
        """Each run's KPI as a share of the target (empty when the target is not positive)."""
        if self.target <= 0:
            return []
        return [v / self.target for v in self.tiers[tier].values]


@dataclass
class AccountTier:
    runs: int
    negotiated: int  # runs with a negotiation with the account
    deals: int  # runs in which a deal was agreed
    value_claimed: list[float]  # per deal

    @property
    def deal_rate(self) -> float:
        return self.deals / self.runs if self.runs else math.nan

    @property
    def mean_value(self) -> float | None:
        return float(np.mean(self.value_claimed)) if self.value_claimed else None


@dataclass
class AccountRow:
    id: str
    name: Text
    reservation: float
    tiers: dict[str, AccountTier]


@dataclass
class RiskTier:
    runs: int
    runs_struck: int  # runs in which the risk struck at least once
    strikes: int
    answered_before: int  # strikes answered before they struck

    @property
    def struck_share(self) -> float:
        return self.runs_struck / self.runs if self.runs else math.nan

    @property
    def before_share(self) -> float | None:
        return self.answered_before / self.strikes if self.strikes else None


@dataclass
class RiskRow:
    id: str
    name: Text
    kind: str
    warning_weeks: int
    hazard: float
    expected: float  # chance of striking at least once in a game, from the hazard
    tiers: dict[str, RiskTier]


@dataclass
class VariantBot:
    """One bot on one variant against the same bot on the scenario, on the same seeds."""

    revenue_share: float  # mean revenue as a share of the target
    base_revenue_share: float
    competencies: dict[str, tuple[float, float]]  # id -> (variant mean, scenario mean)

    @property
    def revenue_delta(self) -> float:
        return self.revenue_share - self.base_revenue_share

    def deltas(self) -> dict[str, float]:
        return {c: v - b for c, (v, b) in self.competencies.items()}


@dataclass
class VariantRow:
    trainee: str
    bots: dict[str, VariantBot]
    within: bool  # the expert stays within the band on every judged figure


@dataclass
class Variants:
    requested: int
    declared: bool  # the scenario has a variation block
    band: float
    band_declared: bool
    seeds: list[int]
    revenue_judged: bool  # False when the market was resized
    rows: list[VariantRow]


@dataclass
class BalanceReport:
    scenario_id: str
    title: Text
    scenario_path: str
    rubric_id: str
    seeds: list[int]
    customers: int
    declared_customers: int
    tiers: list[str]
    competencies: list[tuple[str, Words]]
    scores: dict[str, dict[str, list[float]]]  # competency -> tier -> S per run
    targets: list[TargetRow]
    accounts: list[AccountRow]
    risks: list[RiskRow]
    lab: LabReport
    variants: Variants | None
    flags: list[Flag] = field(default_factory=list)
    seconds: float = 0.0
    ablations: AblationReport | None = None  # lab --ablations

    @property
    def runs(self) -> int:
        return len(self.seeds)

    @property
    def resized(self) -> bool:
        """The market was resized for speed: revenue and customer counts are not comparable
        with the targets, so no target is judged."""
        return self.customers != self.declared_customers


# --------------------------------------------------------------------------- collecting


def run_balance(
    scenario_path: str | Path,
    runs: int,
    workers: int = 2,
    customers: int | None = None,
    rubric_path: str | Path | None = None,
    seed0: int = 1,
    variants: int = 0,
    progress: Progress | None = None,
    players: Sequence[str] = (),
) -> BalanceReport:
    """Play the lab (and ``variants`` trainee variants) and build the balance report; outside
    ``players`` are judged as the gaming bots are."""
    setup = Setup(str(scenario_path), customers, str(rubric_path) if rubric_path else None,
                  players=tuple(players))
    scenario, rubric, _ = load_setup(setup)
    declared, _, _ = load_setup(Setup(str(scenario_path)))
    seeds = list(range(seed0, seed0 + runs))
    jobs = [(setup, seed, lab_bots(setup.players)) for seed in seeds]
    trainees = variant_trainees(variants) if scenario.variation is not None else []
    variant_seeds = seeds[:VARIANT_SEEDS]
    for trainee in trainees:
        vsetup = Setup(setup.scenario_path, customers, setup.rubric_path, trainee)
        jobs += [(vsetup, seed, VARIANT_BOTS) for seed in variant_seeds]
    start = time.perf_counter()
    batches = play_jobs(jobs, workers, progress)
    seconds = time.perf_counter() - start
    base = [run for batch in batches[: len(seeds)] for run in batch]
    per_variant = len(variant_seeds)
    played = {
        trainee: [
            run
            for batch in batches[len(seeds) + i * per_variant : len(seeds) + (i + 1) * per_variant]
            for run in batch
        ]
        for i, trainee in enumerate(trainees)
    }
    lab = summarise_lab(setup, base, seeds, workers, seconds)
    report = build_balance(
        scenario,
        rubric,
        lab,
        base,
        seeds,
        declared_customers=declared.market.customers,
        scenario_path=str(scenario_path),
        variants=variants,
        variant_runs=played,
        variant_seeds=variant_seeds,
    )
    report.seconds = round(seconds, 2)
    return report


def variant_trainees(n: int) -> list[str]:
    """The trainee ids of ``n`` variants: trainee-1 .. trainee-n."""
    return [f"trainee-{i}" for i in range(1, n + 1)]


def build_balance(
    scenario: Scenario,
    rubric: Rubric,
    lab: LabReport,
    runs: Sequence[Run],
    seeds: Sequence[int],
    declared_customers: int,
    scenario_path: str = "",
    variants: int = 0,
    variant_runs: dict[str, list[Run]] | None = None,
    variant_seeds: Sequence[int] = (),
) -> BalanceReport:
    """The balance report of ``runs`` (the lab's runs of every bot on ``seeds``)."""
    tiers = list(lab.tiers)
    by_tier = {t: [r for r in runs if r.bot == t] for t in tiers}
    report = BalanceReport(
        scenario_id=scenario.id,
        title=scenario.title,
        scenario_path=scenario_path,
        rubric_id=rubric.id,
        seeds=list(seeds),
        customers=scenario.market.customers,
        declared_customers=declared_customers,
        tiers=tiers,
        competencies=[(c.id, c.name) for c in rubric.competencies],
        scores={
            c.id: {
                t: [v for r in by_tier[t] if (v := r.scores.get(c.id)) is not None] for t in tiers
            }
            for c in rubric.competencies
        },
        targets=_targets(scenario, by_tier),
        accounts=_accounts(scenario, by_tier),
        risks=_risks(scenario, by_tier),
        lab=lab,
        variants=None,
    )
    if variants > 0:
        report.variants = _variants(
            scenario, report, runs, variants, variant_runs or {}, list(variant_seeds)
        )
    report.flags = judge(report, scenario)
    return report


def _targets(scenario: Scenario, by_tier: dict[str, list[Run]]) -> list[TargetRow]:
    declared = scenario.targets.model_dump()
    rows = []
    for kpi in TARGETS:
        target = float(declared[kpi])
        tiers = {}
        for tier, tier_runs in by_tier.items():
            values = [r.totals[kpi] for r in tier_runs if kpi in r.totals]
            tiers[tier] = TargetTier(values, sum(v >= target for v in values))
        rows.append(TargetRow(kpi, target, tiers))
    return rows


def _accounts(scenario: Scenario, by_tier: dict[str, list[Run]]) -> list[AccountRow]:
    rows = []
    for ka in scenario.key_accounts:
        tiers = {}
        for tier, tier_runs in by_tier.items():
            ended = [r.deals[ka.id] for r in tier_runs if ka.id in r.deals]
            agreed = [d for d in ended if d.status == "agreed"]
            tiers[tier] = AccountTier(
                runs=len(tier_runs),
                negotiated=len(ended),
                deals=len(agreed),
                value_claimed=[d.value_claimed for d in agreed if d.value_claimed is not None],
            )
        rows.append(AccountRow(ka.id, ka.name, ka.preferences.reservation, tiers))
    return rows


def strike_chance(hazard: float, weeks: int) -> float:
    """The chance that a risk with ``hazard`` per week strikes at least once in ``weeks``."""
    return 1.0 - (1.0 - hazard) ** weeks


def hazard_for(chance: float, weeks: int) -> float:
    """The weekly hazard that makes a first strike within ``weeks`` as likely as ``chance``."""
    return 1.0 - (1.0 - chance) ** (1.0 / max(1, weeks))


def _risks(scenario: Scenario, by_tier: dict[str, list[Run]]) -> list[RiskRow]:
    weeks = scenario.rounds * scenario.weeks_per_round
    rows = []
    for risk in scenario.risks:
        tiers = {}
        for tier, tier_runs in by_tier.items():
            mine = [[s for s in r.strikes if s.risk == risk.id] for r in tier_runs]
            tiers[tier] = RiskTier(
                runs=len(tier_runs),
                runs_struck=sum(bool(m) for m in mine),
                strikes=sum(len(m) for m in mine),
                answered_before=sum(s.answered_before for m in mine for s in m),
            )
        rows.append(
            RiskRow(
                id=risk.id,
                name=risk.name,
                kind=risk.kind,
                warning_weeks=risk.warning_weeks,
                hazard=risk.hazard_per_week,
                expected=strike_chance(risk.hazard_per_week, weeks),
                tiers=tiers,
            )
        )
    return rows


def _revenue_share(runs: Sequence[Run]) -> float:
    shares = [
        r.totals["revenue"] / r.targets["revenue"]
        for r in runs
        if r.targets.get("revenue") and "revenue" in r.totals
    ]
    return float(np.mean(shares)) if shares else math.nan


def _mean(xs: Sequence[float]) -> float:
    return float(np.mean(xs)) if len(xs) else math.nan


def _variants(
    scenario: Scenario,
    report: BalanceReport,
    base_runs: Sequence[Run],
    requested: int,
    variant_runs: dict[str, list[Run]],
    seeds: list[int],
) -> Variants:
    variation = scenario.variation
    band = variation.difficulty_band if variation is not None else DEFAULT_BAND
    band_declared = variation is not None and "difficulty_band" in variation.model_fields_set
    revenue_judged = not report.resized
    rows = []
    comps = [c for c, _ in report.competencies]
    for trainee, runs in variant_runs.items():
        bots = {}
        for bot in VARIANT_BOTS:
            mine = [r for r in runs if r.bot == bot]
            base = [r for r in base_runs if r.bot == bot and r.seed in seeds]
            bots[bot] = VariantBot(
                revenue_share=_revenue_share(mine),
                base_revenue_share=_revenue_share(base),
                competencies={
                    c: (
                        _mean([v for r in mine if (v := r.scores.get(c)) is not None]),
                        _mean([v for r in base if (v := r.scores.get(c)) is not None]),
                    )
                    for c in comps
                },
            )
        expert = bots[VARIANT_BOTS[0]]
        moved = [abs(d) for d in expert.deltas().values() if not math.isnan(d)]
        if revenue_judged and not math.isnan(expert.revenue_delta):
            moved.append(abs(expert.revenue_delta))
        rows.append(VariantRow(trainee, bots, within=all(m <= band + 1e-9 for m in moved)))
    return Variants(
        requested=requested,
        declared=variation is not None,
        band=band,
        band_declared=band_declared,
        seeds=seeds if variation is not None else [],
        revenue_judged=revenue_judged,
        rows=rows,
    )


# --------------------------------------------------------------------------- judging


def _median(xs: Sequence[float]) -> float:
    return float(np.median(xs)) if len(xs) else math.nan


def _round2(x: float) -> float:
    """``x`` to two significant digits (a target a person would write)."""
    if x == 0 or math.isnan(x):
        return x
    return float(f"{x:.2g}")


def judge(report: BalanceReport, scenario: Scenario) -> list[Flag]:
    """Every flag the report raises, most important first."""
    flags: list[Flag] = []
    if not report.resized:
        flags += _difficulty_flags(report)
    flags += _separation_flags(report)
    flags += _account_flags(report, scenario)
    flags += _risk_flags(report, scenario)
    flags += _variant_flags(report, scenario)
    return flags


def _difficulty_flags(report: BalanceReport) -> list[Flag]:
    novice, expert = report.tiers[0], report.tiers[-1]
    rows = {row.id: row for row in report.targets}
    revenue = rows["revenue"]
    flags = []
    nov, exp = revenue.tiers[novice], revenue.tiers[expert]
    suggest = _round2(
        (_median(nov.values) + _median(exp.values)) / 2 if nov.runs and exp.runs else math.nan
    )
    if nov.runs and nov.share > MOST:
        flags.append(
            Flag(
                "too_easy",
                "revenue",
                "revenue",
                {
                    "tier": Label(f"tier.{novice}"),
                    "met": nov.met,
                    "runs": nov.runs,
                    "target": Amount(revenue.target),
                    "median": Amount(_median(nov.values)),
                    "suggest": Amount(suggest),
                },
            )
        )
    novice_runs = nov.runs
    if novice_runs:
        counts = [
            sum(rows[k].tiers[novice].values[i] >= rows[k].target for k in TARGETS)
            for i in range(novice_runs)
        ]
        most = sum(c >= MOST_TARGETS for c in counts)
        if most / novice_runs > MOST:
            easy = [k for k in TARGETS if rows[k].tiers[novice].share > MOST]
            flags.append(
                Flag(
                    "too_easy",
                    "targets",
                    "targets",
                    {
                        "tier": Label(f"tier.{novice}"),
                        "most": MOST_TARGETS,
                        "all": len(TARGETS),
                        "met": most,
                        "runs": novice_runs,
                        "which": [Label(f"target_word.{k}") for k in easy],
                    },
                )
            )
    for kpi in TARGETS:
        row = rows[kpi]
        low, high = row.tiers[novice], row.tiers[expert]
        if low.runs and high.runs and low.share > MOST and high.share < MOST:
            flags.append(
                Flag(
                    "target_inverted",
                    "met",
                    kpi,
                    {
                        "target": Label(f"target_word.{kpi}"),
                        "goal": KpiValue(kpi, row.target),
                        "novice": Label(f"tier.{novice}"),
                        "expert": Label(f"tier.{expert}"),
                        "novice_met": low.met,
                        "expert_met": high.met,
                        "runs": low.runs,
                        "median": KpiValue(kpi, _median(high.values)),
                        "hint": Label(f"inverted_hint.{kpi}"),
                    },
                )
            )
    if exp.runs and (exp.runs - exp.met) / exp.runs > MOST:
        flags.append(
            Flag(
                "too_hard",
                "revenue",
                "revenue",
                {
                    "tier": Label(f"tier.{expert}"),
                    "missed": exp.runs - exp.met,
                    "runs": exp.runs,
                    "target": Amount(revenue.target),
                    "median": Amount(_median(exp.values)),
                    "attainment": Pct(_median(exp.values) / revenue.target),
                    "suggest": Amount(suggest),
                },
            )
        )
    return flags


def _separation_flags(report: BalanceReport) -> list[Flag]:
    names = dict(report.competencies)
    flags = []
    for stats in report.lab.competencies:
        failing = [a for a in stats.adjacent if not a["pass"]]
        if stats.ordered and not failing:
            flags += _check_flags(report, stats, names)
            continue
        pairs: list[Fact] = [
            [Label(f"tier.{a['lower']}"), Label(f"tier.{a['upper']}"), Dec(a["g"]), Dec(a["auc"])]
            for a in failing
        ]
        means: list[Fact] = [
            [Label(f"tier.{t}"), Dec(stats.tiers[t]["mean"])] for t in report.tiers
        ]
        variant = "unordered" if not stats.ordered else "overlap"
        flags.append(
            Flag(
                "no_separation",
                variant,
                stats.id,
                {
                    "competency": names.get(stats.id, stats.id),
                    "pairs": pairs,
                    "means": means,
                    "runs": report.runs,
                    "g_min": Dec(G_MIN, 1),
                    "auc_min": Dec(AUC_MIN, 1),
                    "hint": Label(f"separation_hint.{stats.id}", "separation_hint.default"),
                },
            )
        )
        flags += _check_flags(report, stats, names)
    return flags


def _check_flags(
    report: BalanceReport, stats: CompetencyStats, names: dict[str, Words]
) -> list[Flag]:
    """The lab's other checks on a competency: repeatable scores, no gain from a trick."""
    flags = []
    name: Fact = names.get(stats.id, stats.id)
    if math.isnan(stats.icc21):  # every pair scored alike: no spread, nothing to repeat
        flags.append(Flag("unreliable", "icc_undefined", stats.id, {"competency": name}))
    elif stats.icc21 < ICC_MIN:
        flags.append(
            Flag(
                "unreliable",
                "icc",
                stats.id,
                {"competency": name, "icc": Dec(stats.icc21), "icc_min": Dec(ICC_MIN)},
            )
        )
    for gm in stats.gaming:
        if not gm["pass"] and is_player_spec(gm["bot"]):  # an outside player: no trick known
            flags.append(Flag("gamed", "player_above_novice", f"{stats.id}-{gm['bot']}", {
                "competency": name, "id": gm["bot"], "mean": Dec(gm["mean"], 3),
                "novice": Dec(gm["novice"], 3), "tier": Label(f"tier.{report.tiers[0]}")}))
        elif not gm["pass"]:
            flags.append(
                Flag(
                    "gamed",
                    "above_novice",
                    f"{stats.id}-{gm['bot']}",
                    {
                        "competency": name,
                        "bot": Label(f"gaming.{gm['bot']}.name", "gaming.other.name"),
                        "trick": Label(f"gaming.{gm['bot']}.trick", "gaming.other.trick"),
                        "id": gm["bot"],
                        "mean": Dec(gm["mean"], 3),
                        "novice": Dec(gm["novice"], 3),
                        "tier": Label(f"tier.{report.tiers[0]}"),
                    },
                )
            )
    return flags


def _account_flags(report: BalanceReport, scenario: Scenario) -> list[Flag]:
    """A key account no tier ever won, with the cause the games show: talks that never closed,
    a deal that comes up after the game ends, or one no bot took up."""
    flags = []
    opens = {a.id: a.opportunity_round for a in scenario.key_accounts}
    for row in report.accounts:
        deals = sum(t.deals for t in row.tiers.values())
        if deals:
            continue
        negotiated = sum(t.negotiated for t in row.tiers.values())
        comes_up = opens.get(row.id, 1)
        if negotiated:
            variant = "negotiated"
        elif comes_up > scenario.rounds:
            variant = "untouched_late"
        else:
            variant = "untouched"
        flags.append(
            Flag(
                "account_never_closed",
                variant,
                row.id,
                {
                    "account": row.name,
                    "id": row.id,
                    "runs": sum(t.runs for t in row.tiers.values()),
                    "negotiated": negotiated,
                    "reservation": Dec(row.reservation),
                    "round": comes_up,
                    "rounds": scenario.rounds,
                    "effort": Dec(scenario.economics.effort.pursue, 1),
                    "per_round": Dec(scenario.company.effort_per_round, 0),
                },
            )
        )
    return flags


CHANCE = 0.05
"""A risk that struck on every seed (or on none) is put down to chance, not to its hazard, when
its hazard makes it strike in between CHANCE and 1 - CHANCE of games and makes the outcome seen
at least CHANCE likely."""


def _risk_flags(report: BalanceReport, scenario: Scenario) -> list[Flag]:
    """A risk that never or always strikes. Strikes are scheduled from the seed alone, so every
    bot meets the same strikes on a seed: the count is of seeds, not of games."""
    weeks = scenario.rounds * scenario.weeks_per_round
    seeds = report.runs
    flags = []
    for row in report.risks:
        struck = max((t.runs_struck for t in row.tiers.values()), default=0)
        if not seeds or 0 < struck < seeds:
            continue
        always = struck == seeds
        # the hazard itself says "always" (or "never"), or the seeds contradict it beyond
        # chance; else a run of luck on few seeds
        designed = CHANCE < row.expected < 1.0 - CHANCE
        luck = (row.expected if always else 1.0 - row.expected) ** seeds >= CHANCE
        if designed and luck:
            variant = ("always" if always else "never") + "_chance"
        elif not always and row.expected > CHANCE:
            variant = "never_blocked"  # its hazard says it should strike: something stops it
        else:
            variant = "always" if always else "never"
        flags.append(
            Flag(
                "risk_fires",
                variant,
                row.id,
                {
                    "risk": row.name,
                    "id": row.id,
                    "runs": seeds,
                    "hazard": Dec(row.hazard, 3),
                    "weeks": weeks,
                    "expected": Pct(row.expected),
                    "suggest": Dec(hazard_for(HALF, weeks), 3),
                },
            )
        )
    return flags


def _variant_flags(report: BalanceReport, scenario: Scenario) -> list[Flag]:
    v = report.variants
    if v is None or not v.declared:
        return []
    names = dict(report.competencies)
    variation = scenario.variation
    if variation is None:  # variants were compared, so the scenario declares a variation
        return []
    flags = []
    for row in v.rows:
        if row.within:
            continue
        expert = row.bots[VARIANT_BOTS[0]]
        moved: list[tuple[float, Fact]] = [
            (d, names.get(c, c)) for c, d in expert.deltas().items() if not math.isnan(d)
        ]
        if v.revenue_judged:
            moved.append((expert.revenue_delta, Label("variants.revenue_share")))
        delta, what = max(moved, key=lambda m: abs(m[0]))
        flags.append(
            Flag(
                "variant_out_of_band",
                "moved",
                row.trainee,
                {
                    "trainee": row.trainee,
                    "tier": Label(f"tier.{VARIANT_BOTS[0]}"),
                    "what": what,
                    "delta": Dec(delta),
                    "band": Dec(v.band),
                    "volume": Dec(variation.volume_jitter),
                    "reservation": Dec(variation.reservation_jitter, 3),
                    "weights": Dec(variation.weights_jitter),
                },
            )
        )
    return flags
