"""The scenario generator: valid, lint-clean, deterministic, varied and tuned worlds.

Bot results are never written down here: where a test needs them it plays the bots itself, so
the tests hold while the economics and the bots are rebalanced.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from game.assessment.runs import play_named
from game.commands import generate as command
from game.negotiation.space import OutcomeSpace
from game.scenario.loader import load_scenario_text
from game.scenario.models import Scenario
from game.scenario.persona import Persona
from game.scenario.persona_text import account_texts, stated_needs
from game.trainer.generate import Generated, GenerationError, UnknownIndustry, generate
from game.trainer.generate_data import industry_ids, words
from game.trainer.generate_tune import KPIS, TUNE_SEEDS, run_bot
from game.trainer.lint import check_source

ROOT = Path(__file__).resolve().parents[2]
SEED = 11
SAME_INDUSTRY_SEEDS = (12, 13)
WEAK = {"BB", "B", "CCC"}


@pytest.fixture(scope="module")
def generated() -> dict[tuple[int, str], Generated]:
    """One scenario per industry, and two more seeds of the first industry."""
    out = {(SEED, name): generate(SEED, name, play_named) for name in industry_ids()}
    first = industry_ids()[0]
    out.update({(seed, first): generate(seed, first, play_named) for seed in SAME_INDUSTRY_SEEDS})
    return out


def _all(generated: dict[tuple[int, str], Generated]) -> list[Generated]:
    return list(generated.values())


def test_generated_personas_say_what_their_preferences_hold(generated) -> None:
    from game.trainer.persona_claims import contradictions

    for g in _all(generated):
        assert list(contradictions(g.scenario)) == [], g.industry


# --------------------------------------------------------------------------- valid and clean


def test_there_are_at_least_four_industries() -> None:
    assert len(industry_ids()) >= 4
    assert len(words().industries) == len(set(industry_ids()))


def test_every_industry_loads_and_lints_without_errors(generated) -> None:
    for (seed, industry), g in generated.items():
        problems = check_source(g.text, f"{industry}-{seed}.yaml")
        assert not [p for p in problems if p.severity == "error"], [str(p) for p in problems]
        assert g.warnings == [p.code + " " + p.message for p in problems]
        assert load_scenario_text(g.text) == g.scenario
        assert g.scenario.id == f"{industry}-{seed}" and g.industry == industry


def test_the_file_reads_like_a_shipped_scenario(generated) -> None:
    shipped = (ROOT / "scenarios" / "east-china-territory.yaml").read_text(encoding="utf-8")
    order = list(yaml.safe_load(shipped))
    for g in _all(generated):
        assert g.text.splitlines()[0] == shipped.splitlines()[0]  # the schema comment
        keys = list(yaml.safe_load(g.text))
        assert [k for k in keys if k in order] == [k for k in order if k in keys]
        assert "  name: {en: " in g.text and "briefing:\n  en: >-\n" in g.text
        for text in _texts(g.scenario):
            assert text.en and text.zh and re.search(r"[\u4e00-\u9fff]", text.zh), text


def _texts(scenario: Scenario):
    yield scenario.title
    yield scenario.briefing
    yield scenario.company.name
    yield from (p.name for p in scenario.company.products)
    yield from (s.name for s in scenario.market.segments)
    yield from (c.name for c in scenario.competitors)
    for ka in scenario.key_accounts:
        yield ka.name
        yield from account_texts(scenario, ka)
    for risk in scenario.risks:
        yield risk.name
        if risk.warning is not None:
            yield risk.warning
        yield from (r.label for r in risk.responses)


# --------------------------------------------------------------------------- deterministic, varied


def test_the_seed_chooses_the_industry_when_none_is_given() -> None:
    from game.trainer.generate import pick_industry

    chosen = {pick_industry(seed).id for seed in range(40)}
    assert chosen == set(industry_ids())
    assert pick_industry(5).id == pick_industry(5).id


def test_seeds_give_different_worlds_not_just_different_numbers(generated) -> None:
    first = industry_ids()[0]
    same_industry = [generated[(s, first)] for s in (SEED, *SAME_INDUSTRY_SEEDS)]
    assert len({g.text for g in same_industry}) == len(same_industry)
    shapes = {_shape(g.scenario) for g in _all(generated)}
    assert len(shapes) == len(generated)
    for part in range(6):  # every part of the shape varies somewhere
        assert len({shape[part] for shape in shapes}) > 1, part


def _shape(s: Scenario) -> tuple:
    return (
        s.rounds,
        tuple(seg.id for seg in s.market.segments),
        tuple(sorted(c.strategy for c in s.competitors)),
        tuple(i.id for i in s.negotiation.issues),
        tuple(ka.id for ka in s.key_accounts),
        tuple(ka.tactic.kind for ka in s.key_accounts),
    )


# --------------------------------------------------------------------------- plausible parts


def test_company_market_and_rivals_are_plausible(generated) -> None:
    for g in _all(generated):
        s = g.scenario
        assert 2 <= s.rounds <= 4 and s.weeks_per_round == 13
        assert 2 <= len(s.market.segments) <= 4 and 1 <= len(s.company.products) <= 2
        for p in s.company.products:
            assert 0.25 <= 1 - p.unit_cost / p.list_price <= 0.45
        direct, partner = s.company.channels
        assert direct.fee == 0 and direct.reach < 1 and partner.fee > 0 and partner.reach == 1
        ours = max(p.quality for p in s.company.products)
        strategies = [c.strategy for c in s.competitors]
        assert 2 <= len(strategies) <= 4 and len(set(strategies)) == len(strategies)
        for c in s.competitors:
            assert c.cost_index * 1.02 < c.price_index
            if c.strategy == "premium":
                assert c.price_index > 1 and c.quality > ours
            if c.strategy == "price_leader":
                assert c.price_index < 1 and c.quality < ours


def test_the_negotiation_table_is_complete(generated) -> None:
    for g in _all(generated):
        s = g.scenario
        issues = {i.id: i.values for i in s.negotiation.issues}
        assert "price" in issues and 3 <= len(issues) - 1 <= 5
        assert OutcomeSpace(s.negotiation).n_outcomes <= 10_000
        assert set(issues.get("service", [])) <= set(s.company.service_cost)
        if "delivery_weeks" in issues:
            assert sorted(s.company.delivery_cost) == sorted(issues["delivery_weeks"])
        assert max(issues["price"]) <= s.company.manager_authority + 0.051


# --------------------------------------------------------------------------- key accounts


def test_key_accounts_carry_a_fair_part_of_the_target(generated) -> None:
    for g in _all(generated):
        s = g.scenario
        assert len(s.key_accounts) >= 4
        assert 0.25 <= g.key_account_share <= 0.5
        assert {ka.opportunity_round for ka in s.key_accounts} == set(range(1, s.rounds + 1))
        assert any(ka.credit_rating in WEAK for ka in s.key_accounts)
        assert len({ka.credit_rating for ka in s.key_accounts}) >= 2


def test_persona_needs_and_hidden_preferences_agree(generated) -> None:
    """Every account is written in the structured form, naming what its industry's product is
    and what its purchase is for; the needs the game writes from it give the volume and name the
    heaviest issues (the claims are parsed back against the values in
    tests/trainer/test_persona_claims.py)."""
    for g in _all(generated):
        industry = words().industry(g.industry)
        for ka in g.scenario.key_accounts:
            assert isinstance(ka.persona, Persona) and ka.needs is None
            product = next(p for p in industry.products if p.id == ka.product)
            assert ka.persona.buys.en == product.noun.en
            # the product is counted in its own measure word, and the persona says it the same way
            assert g.scenario.product(ka.product).measure == product.measure
            assert ka.persona.measure is None
            assert ka.persona.purpose is not None
            assert (ka.persona.purpose.en, ka.persona.purpose.zh) in {(a.purpose.en, a.purpose.zh) for a in industry.accounts}
            _, needs = account_texts(g.scenario, ka)
            assert f"{ka.volume:,}" in needs.en and f"{ka.volume}{product.measure}" in needs.zh
            top = stated_needs(g.scenario, ka).top
            weights = ka.preferences.weights
            assert min(weights[i] for i in top) >= max(
                (w for i, w in weights.items() if i not in top), default=0.0
            ), (ka.id, top, weights)


def test_the_expert_wins_most_key_accounts(generated) -> None:
    for g in _all(generated):
        wins = [g.report.wins(ka.id) for ka in g.scenario.key_accounts]
        assert sum(wins) >= 0.6 * len(TUNE_SEEDS) * len(wins), wins


# --------------------------------------------------------------------------- risks


def test_every_risk_kind_is_there_with_answers(generated) -> None:
    kinds = {"demand_shock", "price_war", "credit_default", "churn_wave", "staff_loss",
             "supply_delay"}
    for g in _all(generated):
        s = g.scenario
        assert {r.kind for r in s.risks} == kinds
        rivals = {c.id for c in s.competitors}
        accounts = {ka.id: ka for ka in s.key_accounts}
        for risk in s.risks:
            assert 1 <= len(risk.responses) <= 3
            assert (risk.warning is not None) == (risk.warning_weeks > 0)
            assert risk.hazard_per_week * s.rounds * s.weeks_per_round < 2
            if risk.kind == "price_war":
                assert risk.target in rivals
            elif risk.kind == "credit_default":
                assert risk.target is None or risk.target in accounts
            else:
                assert risk.target is None


def test_every_dilemma_kind_comes_up_in_the_scenarios_own_words(generated) -> None:
    """Conduct dilemmas (CW-63) name the scenario's own contacts and rivals, come up when the
    account's deal is on the table, and always leave a proper answer."""
    for g in _all(generated):
        s = g.scenario
        accounts = {ka.id: ka for ka in s.key_accounts}
        kinds = {d.kind for d in s.dilemmas}
        assert kinds >= {"kickback", "backdate", "leaked_price_list"}, kinds
        for d in s.dilemmas:
            text = d.situation.en + d.situation.zh + "".join(
                c.label.en + c.label.zh + c.says.en + c.says.zh for c in d.choices)
            assert "{" not in text and "}" not in text
            assert any(c.proper for c in d.choices) and any(c.act == "comply" for c in d.choices)
            if d.account is not None:
                ka = accounts[d.account]
                assert d.round == ka.opportunity_round
                assert ka.persona.name.en in d.situation.en  # its contact asks
            else:
                assert any(c.name.en in d.situation.en for c in s.competitors)


# --------------------------------------------------------------------------- targets


def test_targets_lie_between_the_idle_rep_and_the_expert(generated) -> None:
    g = generated[(SEED, industry_ids()[1])]
    expert = [run_bot(play_named, g.scenario, "expert", seed) for seed in TUNE_SEEDS]
    idle = [run_bot(play_named, g.scenario, "idle", seed) for seed in TUNE_SEEDS]
    targets = g.scenario.targets.model_dump()
    for kpi in KPIS:
        median = statistics.median(float(r.totals[kpi]) for r in expert)
        assert targets[kpi] <= median, kpi
    assert targets["revenue"] >= 0.85 * statistics.median(float(r.totals["revenue"]) for r in expert)
    assert max(float(r.totals["revenue"]) for r in idle) < targets["revenue"]


# --------------------------------------------------------------------------- the command


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_the_command_writes_the_same_bytes_in_another_process(generated, tmp_path: Path) -> None:
    first = industry_ids()[0]
    out = tmp_path / "generated.yaml"
    res = _run("generate", "--seed", str(SEED), "--industry", first, "--out", str(out))
    assert res.returncode == 0, res.stderr
    assert "wrote" in res.stdout and "key accounts" in res.stdout
    assert [p.name for p in tmp_path.iterdir()] == ["generated.yaml"]
    assert out.read_text(encoding="utf-8") == generated[(SEED, first)].text
    ok = _run("validate", str(out))
    assert ok.returncode == 0 and "ok" in ok.stdout and "warning" not in ok.stdout, ok.stderr


def test_errors_are_for_people_not_tracebacks(tmp_path: Path) -> None:
    unknown = _run("generate", "--seed", "1", "--industry", "space-tourism")
    assert unknown.returncode == 2 and "Traceback" not in unknown.stderr
    assert all(name in unknown.stderr for name in industry_ids())
    missing = tmp_path / "nowhere" / "x.yaml"
    res = _run("generate", "--seed", "1", "--out", str(missing))
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert "does not exist" in res.stderr and "hint:" in res.stderr
    assert not missing.parent.exists()
    negative = _run("generate", "--seed", "-3")
    assert negative.returncode == 2 and "Traceback" not in negative.stderr


def test_a_failed_generation_leaves_no_file(tmp_path: Path, monkeypatch, capsys) -> None:
    import game.trainer.generate as module

    def fail(seed: int, industry: str | None, player: object) -> Generated:
        raise GenerationError("no scenario")

    monkeypatch.setattr(module, "generate", fail)
    out = tmp_path / "x.yaml"
    args = command.argparse.Namespace(seed=1, industry=None, out=str(out))
    assert command.cmd_generate(args) == 1
    assert list(tmp_path.iterdir()) == []
    assert "no scenario" in capsys.readouterr().err


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "x.yaml"
    out.write_text("old", encoding="utf-8")

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(command.os, "replace", broken)
    with pytest.raises(OSError):
        command._write(out, "new")
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.yaml"]


def test_an_unknown_industry_names_the_known_ones() -> None:
    with pytest.raises(UnknownIndustry) as err:
        generate(1, "space-tourism", play_named)
    assert all(name in str(err.value) for name in industry_ids())


def test_the_command_counts_the_reference_games_on_a_terminal(monkeypatch) -> None:
    import io

    import game.assessment.runs as runs
    import game.trainer.generate as module

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    def three_games_then_fail(seed: int, industry: str | None, player) -> Generated:
        for k in range(3):
            player(None, "expert", k)
        raise GenerationError("no scenario")

    monkeypatch.setattr(runs, "play_named", lambda scenario, name, seed: object())
    monkeypatch.setattr(module, "generate", three_games_then_fail)
    err = Tty()
    monkeypatch.setattr(sys, "stderr", err)
    args = command.argparse.Namespace(seed=1, industry=None, out=None)
    assert command.cmd_generate(args) == 1
    assert "... 3 games played" in err.getvalue()
    assert "\nerror: no scenario" in err.getvalue()  # the message starts on its own line
