"""The balance preview: what it collects from the lab's runs and the flags it raises."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.assessment.balance import (
    TARGETS,
    BalanceReport,
    Flag,
    hazard_for,
    judge,
    run_balance,
    strike_chance,
)
from game.assessment.lab import ICC_MIN, run_facts, run_lab, run_lab_with_runs
from game.assessment.lab_text import lab_json
from game.assessment.rubric import load_rubric
from game.bots.registry import GRADED
from game.reports.balance_page import LANGS, render
from game.scenario.loader import load_scenario
from game.scenario.models import Scenario
from game.trainer.variants import scenario_yaml

ROOT = Path(__file__).resolve().parents[2]
RIVERSIDE = ROOT / "scenarios" / "riverside-first-territory.yaml"
RUNS = 3
QUICK = 1000  # customers in the quick copies


def assert_flags_render(report: BalanceReport) -> None:
    """Every flag is shown, in both languages, with every field of its texts filled in."""
    for lang in LANGS:
        html = render(report, lang)
        assert html.count('class="flag"') == len(report.flags)
        for flag in report.flags:
            assert f'id="flag-{flag.code}-{flag.subject or ""}"' in html
        assert re.search(r"\{[a-z_]+\}", html) is None, "a field left unfilled"


def codes(report: BalanceReport) -> set[tuple[str, str]]:
    return {(f.code, f.variant) for f in report.flags}


def flags_of(report: BalanceReport, code: str) -> list[Flag]:
    return [f for f in report.flags if f.code == code]


def write_copy(scenario: Scenario, path: Path, **changes: Any) -> Path:
    """``scenario`` with nested ``changes`` (dotted keys) written as YAML to ``path``."""
    data = yaml.safe_load(scenario_yaml(scenario))
    for dotted, value in changes.items():
        node = data
        *parents, last = dotted.split(".")
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        node[last] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    load_scenario(path)  # still a valid scenario
    return path


def scaled_targets(scenario: Scenario, factor: float) -> dict[str, Any]:
    """The targets times ``factor``; shares and satisfaction stay within their bounds."""
    t = scenario.targets
    return {
        "targets": {
            "revenue": t.revenue * factor,
            "margin": min(0.99, t.margin * factor),
            "market_share": min(0.99, t.market_share * factor),
            "customers": max(0, round(t.customers * factor)),
            "satisfaction": min(0.99, t.satisfaction * factor),
        }
    }


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def quick(shipped_path) -> BalanceReport:
    """The shipped scenario in a market resized to 1,000 customers, three seeds."""
    return run_balance(shipped_path, RUNS, customers=QUICK)


@pytest.fixture(scope="module")
def quick_copy(shipped) -> Scenario:
    """The shipped scenario written with 1,000 customers (so its targets are judged)."""
    market = shipped.market.model_copy(update={"customers": QUICK})
    return shipped.model_copy(update={"market": market})


@pytest.fixture(scope="module")
def too_easy(quick_copy, tmp_path_factory) -> BalanceReport:
    """Targets divided by ten, after scaling them to the copy's market (a tenth of the
    shipped one): a hundredth of the shipped targets."""
    targets = scaled_targets(quick_copy, 0.01)["targets"]
    path = write_copy(quick_copy, tmp_path_factory.mktemp("easy") / "easy.yaml", targets=targets)
    return run_balance(path, RUNS)


@pytest.fixture(scope="module")
def too_hard(quick_copy, tmp_path_factory) -> BalanceReport:
    """Targets times ten (a hundred times what the copy's market allows)."""
    targets = scaled_targets(quick_copy, 10.0)["targets"]
    path = write_copy(quick_copy, tmp_path_factory.mktemp("hard") / "hard.yaml", targets=targets)
    return run_balance(path, RUNS)


# ---------------------------------------------------------------- what is collected


def test_the_report_covers_every_competency_tier_account_risk_and_target(quick, shipped):
    rubric, _ = load_rubric()
    assert [c for c, _ in quick.competencies] == [c.id for c in rubric.competencies]
    assert quick.tiers == list(GRADED)
    assert set(quick.scores) == {c.id for c in rubric.competencies}
    for comp in quick.scores.values():
        assert set(comp) == set(GRADED)
        assert all(len(values) == RUNS for values in comp.values())
    assert [a.id for a in quick.accounts] == [k.id for k in shipped.key_accounts]
    assert [r.id for r in quick.risks] == [r.id for r in shipped.risks]
    assert [t.id for t in quick.targets] == list(TARGETS)
    for row in [*quick.accounts, *quick.risks, *quick.targets]:
        assert set(row.tiers) == set(GRADED)


def test_the_figures_agree_with_the_games(quick, shipped):
    """Deal counts, strikes and targets met are recounted here from the runs' own facts."""
    for row in quick.targets:
        for cell in row.tiers.values():
            assert cell.runs == RUNS
            assert cell.met == sum(v >= row.target for v in cell.values)
    for account in quick.accounts:
        for cell in account.tiers.values():
            assert 0 <= cell.deals <= cell.negotiated <= cell.runs == RUNS
            assert len(cell.value_claimed) == cell.deals
            assert all(0.0 <= v <= 1.0 for v in cell.value_claimed)
    weeks = shipped.rounds * shipped.weeks_per_round
    for risk in quick.risks:
        spec = next(r for r in shipped.risks if r.id == risk.id)
        assert risk.expected == pytest.approx(strike_chance(spec.hazard_per_week, weeks))
        for cell in risk.tiers.values():
            assert cell.runs_struck <= cell.strikes <= cell.runs * spec.max_times
            assert cell.answered_before <= cell.strikes
    # every bot meets the same risks on a seed (they are scheduled from the seed alone)
    for risk in quick.risks:
        assert len({(c.runs_struck, c.strikes) for c in risk.tiers.values()}) == 1, risk.id


def test_the_expert_answers_risks_before_they_strike_and_the_novice_does_not(quick):
    warned = [r for r in quick.risks if r.warning_weeks > 0 and r.tiers["expert"].strikes]
    for risk in warned:
        assert risk.tiers["novice"].answered_before == 0
        assert risk.tiers["expert"].before_share == 1.0


def test_the_lab_keeps_its_output_and_api(shipped_path):
    report, runs = run_lab_with_runs(shipped_path, 2, workers=1, customers=400)
    plain = run_lab(shipped_path, 2, workers=1, customers=400)
    assert lab_json(report) | {"seconds": 0} == lab_json(plain) | {"seconds": 0}
    assert set(lab_json(plain)) == {
        "scenario", "runs", "seeds", "workers", "customers", "seconds", "tiers", "gaming",
        "competencies", "revenue_ratio", "indicator_means", "failures", "passed",
    }  # fmt: skip
    assert len(runs) == 2 * (len(report.tiers) + len(report.gaming))
    assert all(r.totals and r.targets for r in runs)


def test_run_facts_read_deals_strikes_and_answers(log):
    log.at(1, "negotiation")
    log.add("negotiation_ended", account="a", status="agreed", metrics={"value_claimed": 0.4})
    log.add("negotiation_ended", account="b", status="trainee_walked", metrics={})
    log.at(1, "risk")
    log.add("risk_warning", strike=0, risk="slump", kind="demand_shock", weeks_ahead=2)
    log.add("risk_responded", strike=0, risk="slump", response="x", before_strike=True)
    log.add("risk_struck", strike=0, risk="slump", kind="demand_shock", warned=True)
    log.add("risk_struck", strike=1, risk="war", kind="price_war", warned=False)
    log.add("risk_responded", strike=1, risk="war", response="y", before_strike=False)
    totals = dict.fromkeys(TARGETS, 1.0)
    log.add("game_ended", totals=totals, targets=totals, met={})
    facts = run_facts(log.events)
    assert facts["deals"]["a"].status == "agreed" and facts["deals"]["a"].value_claimed == 0.4
    assert facts["deals"]["b"].value_claimed is None
    assert [(s.risk, s.warned, s.answered_before) for s in facts["strikes"]] == [
        ("slump", True, True),
        ("war", False, False),
    ]
    assert facts["totals"] == totals


def test_hazard_and_chance_are_inverse():
    assert strike_chance(hazard_for(0.5, 52), 52) == pytest.approx(0.5)
    assert strike_chance(0.0, 52) == 0.0


# ---------------------------------------------------------------- flags


def test_a_scenario_with_targets_divided_by_ten_is_too_easy(too_easy):
    assert ("too_easy", "revenue") in codes(too_easy)
    assert ("too_easy", "targets") in codes(too_easy)
    assert "too_hard" not in {f.code for f in too_easy.flags}
    revenue = next(r for r in too_easy.targets if r.id == "revenue")
    assert revenue.tiers["novice"].met == RUNS
    assert_flags_render(too_easy)


def test_a_scenario_with_targets_times_ten_is_too_hard(too_hard):
    assert ("too_hard", "revenue") in codes(too_hard)
    assert "too_easy" not in {f.code for f in too_hard.flags}
    revenue = next(r for r in too_hard.targets if r.id == "revenue")
    assert revenue.tiers["expert"].met == 0
    assert_flags_render(too_hard)


def test_the_shipped_scenario_raises_no_revenue_flag(shipped_path):
    """Judged at its own market size: the novice misses the revenue target, the expert makes
    it."""
    report = run_balance(shipped_path, RUNS)
    assert not report.resized
    assert not {f.code for f in report.flags} & {"too_easy", "too_hard"}
    revenue = next(r for r in report.targets if r.id == "revenue")
    assert revenue.tiers["novice"].share < 0.5 < revenue.tiers["expert"].share


def test_a_resized_market_is_not_judged_against_the_targets(quick):
    assert quick.resized and quick.declared_customers != quick.customers == QUICK
    assert not {f.code for f in quick.flags} & {"too_easy", "too_hard", "target_inverted"}


def test_an_account_no_one_closes_and_risks_that_never_or_always_strike(quick_copy, tmp_path):
    account = quick_copy.key_accounts[0]
    path = write_copy(
        quick_copy,
        tmp_path / "broken.yaml",
        **{
            "key_accounts.0.preferences.reservation": 0.99,
            "risks.0.hazard_per_week": 1.0,
            "risks.1.hazard_per_week": 1e-6,
        },
    )
    report = run_balance(path, RUNS)
    closed = flags_of(report, "account_never_closed")
    assert [f.subject for f in closed] == [account.id]
    risks = {f.subject: f.variant for f in flags_of(report, "risk_fires")}
    assert risks[quick_copy.risks[0].id] == "always"
    assert risks[quick_copy.risks[1].id] == "never"
    assert_flags_render(report)


def test_few_seeds_put_an_always_striking_risk_down_to_chance(quick_copy, tmp_path):
    """A risk expected in 93% of games, not all, struck on both seeds: not yet a certainty."""
    path = write_copy(quick_copy, tmp_path / "lucky.yaml", **{"risks.0.hazard_per_week": 0.05})
    report = run_balance(path, 2)
    risk = report.risks[0]
    assert risk.expected == pytest.approx(0.93, abs=0.005)
    assert risk.tiers["expert"].runs_struck == 2
    variants = {f.subject: f.variant for f in flags_of(report, "risk_fires")}
    assert variants[risk.id] == "always_chance"
    assert_flags_render(report)


def test_tiers_that_do_not_separate_are_flagged(quick):
    failing = {
        c.id
        for c in quick.lab.competencies
        if not c.ordered or not all(a["pass"] for a in c.adjacent)
    }
    assert {f.subject for f in flags_of(quick, "no_separation")} == failing


# ---------------------------------------------------------------- variants


@pytest.fixture(scope="module")
def varied() -> BalanceReport:
    return run_balance(RIVERSIDE, RUNS, customers=QUICK, variants=2)


def test_variants_are_played_and_compared_on_the_same_seeds(varied):
    v = varied.variants
    assert v is not None and v.declared and v.requested == 2
    assert [row.trainee for row in v.rows] == ["trainee-1", "trainee-2"]
    assert v.seeds == varied.seeds[: len(v.seeds)]
    assert not v.revenue_judged  # the market was resized
    for row in v.rows:
        assert set(row.bots) == {"expert", "novice"}
        expert = row.bots["expert"]
        assert set(expert.competencies) == set(varied.scores)
        moved = max(abs(d) for d in expert.deltas().values())
        assert row.within == (moved <= v.band + 1e-9)


def test_a_variant_outside_a_tiny_band_is_flagged(tmp_path):
    scenario, _ = load_scenario(RIVERSIDE)
    path = write_copy(
        scenario,
        tmp_path / "tight.yaml",
        **{"variation.difficulty_band": 1e-6, "variation.reservation_jitter": 0.1},
    )
    report = run_balance(path, 2, variants=2)
    assert report.variants is not None and report.variants.revenue_judged
    flagged = {f.subject for f in flags_of(report, "variant_out_of_band")}
    assert flagged == {row.trainee for row in report.variants.rows if not row.within}
    assert flagged, "a band of one millionth should not hold any variant"
    assert_flags_render(report)


def test_a_scenario_without_variation_has_nothing_to_compare(shipped_path):
    report = run_balance(shipped_path, 2, customers=400, variants=3)
    assert report.variants is not None and not report.variants.declared
    assert report.variants.rows == []


def test_a_target_the_novice_meets_and_the_expert_misses_is_flagged(shipped, tmp_path):
    """The novice's deep discounts win more small customers than the expert, who prices for
    profit, keeps (about 4,550 against 4,150 here): a customer target of 4,350 rewards the
    novice."""
    path = write_copy(shipped, tmp_path / "customers.yaml", **{"targets.customers": 4350})
    report = run_balance(path, RUNS)
    customers = next(r for r in report.targets if r.id == "customers")
    assert customers.tiers["novice"].share > 0.5 > customers.tiers["expert"].share
    assert [f.subject for f in flags_of(report, "target_inverted")] == ["customers"]
    assert_flags_render(report)


def test_unrepeatable_and_gamed_competencies_are_flagged(quick, shipped):
    """The lab's other checks, on a copy of the quick report with one competency failing them."""
    report = copy.deepcopy(quick)
    stats = report.lab.competencies[0]
    stats.icc21 = 0.5
    stats.gaming[0] = {**stats.gaming[0], "targeted": True, "mean": 0.9, "pass": False}
    flags = judge(report, shipped)
    comps = report.lab.competencies
    unreliable = {f.subject for f in flags if f.code == "unreliable"}
    assert stats.id in unreliable
    assert unreliable == {c.id for c in comps if not c.icc21 >= ICC_MIN}
    gamed = {f.subject for f in flags if f.code == "gamed"}
    assert f"{stats.id}-{stats.gaming[0]['bot']}" in gamed
    assert gamed == {f"{c.id}-{g['bot']}" for c in comps for g in c.gaming if not g["pass"]}
    report.flags = flags
    assert_flags_render(report)


def test_each_flag_names_the_cause_the_games_show(quick, shipped):
    """An undefined ICC is not called luck, an account no bot took up is not blamed on its
    deadline, and a risk its hazard says should strike is not called rare."""
    report = copy.deepcopy(quick)
    stats = report.lab.competencies[0]
    stats.icc21 = float("nan")
    row = report.accounts[0]
    for tier in row.tiers.values():
        tier.deals = tier.negotiated = 0
    risk = report.risks[0]
    risk.expected = 0.4  # in 40 % of games, yet on none of 30 seeds: 0.6 ** 30 is no luck
    report.seeds = list(range(1, 31))
    for rt in risk.tiers.values():
        rt.runs, rt.runs_struck = 30, 0
    flags = {(f.code, f.subject): f.variant for f in judge(report, shipped)}
    assert flags[("unreliable", stats.id)] == "icc_undefined"
    assert flags[("account_never_closed", row.id)] == "untouched"
    assert flags[("risk_fires", risk.id)] == "never_blocked"
    report.flags = judge(report, shipped)
    html = render(report, "en")
    assert "undefined, not low" in html
    assert "yet in" in html and "no tier pursued it" in html
    assert "far too often to miss on every seed by chance" in html
    late = shipped.model_copy(update={"key_accounts": [
        shipped.key_accounts[0].model_copy(update={"opportunity_round": shipped.rounds + 1}),
        *shipped.key_accounts[1:]]})
    flags = {(f.code, f.subject): f.variant for f in judge(report, late)}
    assert flags[("account_never_closed", row.id)] == "untouched_late"
    report.flags = judge(report, late)
    assert_flags_render(report)
