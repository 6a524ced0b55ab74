"""Per-trainee variants: deterministic, different per trainee, within the declared ranges, and
still valid, playable scenarios whose difficulty stays within the declared band."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from game.bots.base import play
from game.bots.registry import BOTS, make_bot
from game.engine.game import Game
from game.engine.review import totals
from game.negotiation.space import OutcomeSpace
from game.negotiation.utility import customer_utilities, seller_utilities
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_scenario, load_scenario_text
from game.scenario.models import Scenario
from game.scenario.persona import Persona
from game.trainer.lint import check_source
from game.trainer.lint_deals import deal_possible
from game.trainer.quantities import restate
from game.trainer.variants import make_variant, scenario_yaml

ROOT = Path(__file__).resolve().parents[2]
VARIED = [
    ROOT / "scenarios" / "riverside-first-territory.yaml",
    ROOT / "scenarios" / "key-account-deals.yaml",
]
TRAINEES = [f"T-{i:04d}" for i in range(20)]


def load(path: Path) -> Scenario:
    return load_scenario(path)[0]


@pytest.fixture(scope="module", params=VARIED, ids=lambda p: p.stem)
def varied(request: pytest.FixtureRequest) -> Scenario:
    scenario = load(request.param)
    assert scenario.variation is not None
    return scenario


def test_the_same_trainee_always_gets_the_same_variant(varied: Scenario) -> None:
    first = make_variant(varied, "T-0042")
    again = make_variant(load_scenario_text(scenario_yaml(varied)), "T-0042")
    assert first == again
    assert scenario_yaml(first) == scenario_yaml(again)


def test_twenty_trainees_get_twenty_different_valid_variants(varied: Scenario) -> None:
    texts = {scenario_yaml(make_variant(varied, trainee)) for trainee in TRAINEES}
    assert len(texts) == len(TRAINEES)
    for text in texts:
        assert check_source(text, "variant.yaml") == []  # valid, and as clean as its scenario
        assert load_scenario_text(text).variation is None


def test_variants_differ_only_within_the_declared_ranges(varied: Scenario) -> None:
    v = varied.variation
    assert v is not None
    for trainee in TRAINEES:
        variant = make_variant(varied, trainee)
        assert variant.model_dump(exclude={"key_accounts", "variation"}) == varied.model_dump(
            exclude={"key_accounts", "variation"}
        )
        for ka, kv in zip(varied.key_accounts, variant.key_accounts, strict=True):
            varied_fields = {"name", "volume", "preferences", "needs", "persona"}
            assert kv.model_dump(exclude=varied_fields) == ka.model_dump(exclude=varied_fields)
            if isinstance(ka.persona, Persona):  # it states the volume itself: kept as it is
                assert (kv.persona, kv.needs) == (ka.persona, None)
            else:
                for field in ("needs", "persona"):  # only the volume is restated in the texts
                    for lang in ("en", "zh"):
                        before = getattr(getattr(ka, field), lang)
                        after = getattr(getattr(kv, field), lang)
                        assert after == restate(before, ka.volume, kv.volume)
            assert kv.name in [ka.name, *v.names.get(ka.id, [])]
            assert abs(kv.volume - ka.volume) <= v.volume_jitter * ka.volume + 0.5
            change = kv.preferences.reservation - ka.preferences.reservation
            assert abs(change) <= v.reservation_jitter + 1e-9
            assert kv.preferences.values == ka.preferences.values
            for issue, weight in ka.preferences.weights.items():
                assert (
                    abs(kv.preferences.weights[issue] - weight) <= v.weights_jitter * weight + 1e-4
                )


def test_names_are_drawn_from_the_alternatives(varied: Scenario) -> None:
    v = varied.variation
    assert v is not None
    account = next(iter(v.names))
    seen = {
        next(k.name for k in make_variant(varied, t).key_accounts if k.id == account)
        for t in TRAINEES
    }
    assert len(seen) > 1


def test_a_scenario_without_variation_is_its_own_variant() -> None:
    scenario = load(ROOT / "scenarios" / "east-china-territory.yaml")
    assert scenario.variation is None
    assert make_variant(scenario, "T-0001") is scenario


def test_a_variant_needs_a_trainee_id(varied: Scenario) -> None:
    with pytest.raises(ValueError):
        make_variant(varied, "  ")


def test_different_scenarios_seed_differently() -> None:
    scenario = load(VARIED[0])
    renamed = scenario.model_copy(update={"id": "riverside-copy"})
    a = make_variant(scenario, "T-0001").key_accounts
    b = make_variant(renamed, "T-0001").key_accounts
    assert [k.volume for k in a] != [k.volume for k in b] or [k.preferences for k in a] != [
        k.preferences for k in b
    ]


def test_a_reservation_jitter_never_makes_a_deal_impossible() -> None:
    text = scenario_yaml(load(VARIED[0])).replace(
        "manager_authority: 0.2\n", "manager_authority: 0.1\n"
    )
    scenario = load_scenario_text(text)
    ka = scenario.key_accounts[1]
    space = OutcomeSpace(scenario.negotiation)
    u_c = customer_utilities(space, ka)
    discounts = np.array(space.options["price"], dtype=float)[space.grid[:, 0]]
    ok = (seller_utilities(space, scenario, ka) >= 0) & (
        discounts <= scenario.company.manager_authority
    )
    edge = float(u_c[ok].max())  # the highest reservation that still allows a deal
    assert edge < 1
    text = text.replace("reservation: 0.35", f"reservation: {edge!r}")
    text = text.replace("reservation_jitter: 0.03", "reservation_jitter: 0.2")
    tight = load_scenario_text(text)
    assert tight.key_accounts[1].preferences.reservation == edge
    for trainee in TRAINEES:
        variant = make_variant(tight, trainee)
        assert all(deal_possible(variant, k) for k in variant.key_accounts)


def test_variation_naming_an_unknown_account_is_a_positioned_error() -> None:
    text = (
        VARIED[0]
        .read_text(encoding="utf-8")
        .replace(
            "    greenleaf-design:\n      - {en: Bluebird",
            "    greenleef-design:\n      - {en: Bluebird",
        )
    )
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "bad.yaml")
    [problem] = caught.value.problems
    line = text.splitlines().index("    greenleef-design:") + 1
    assert (problem.code, problem.line, problem.column) == ("E105", line, 5)
    assert "did you mean 'greenleaf-design'?" in problem.hint


# ---------------------------------------------------------------- difficulty band


def _strong_scores(scenario: Scenario) -> dict[str, float]:
    """A strong player's scores on ``scenario`` (its own seed): the expert bot's competency
    scores and revenue share of target when the assessment package can score games, else the
    heuristic bot's revenue share of target."""
    try:
        from game.assessment.assess import assess
    except ImportError:
        assess = None
    expert = assess is not None and "expert" in BOTS
    game = Game(scenario)
    play(game, make_bot("expert" if expert else "heuristic", scenario.seed))
    scores = {"revenue_share": totals(game)["revenue"] / scenario.targets.revenue}
    if expert and assess is not None:
        scores.update({k: v for k, v in assess(game).scores().items() if v is not None})
    return scores


def test_a_strong_players_scores_stay_within_the_declared_band(varied: Scenario) -> None:
    v = varied.variation
    assert v is not None
    base = _strong_scores(varied)
    for trainee in TRAINEES:
        scores = _strong_scores(make_variant(varied, trainee))
        assert set(scores) == set(base), trainee
        for name, value in scores.items():
            assert abs(value - base[name]) <= v.difficulty_band, (trainee, name, value, base[name])


# ---------------------------------------------------------------- the command line


def test_variant_command_writes_a_valid_file(tmp_path: Path) -> None:
    out = tmp_path / "t42.yaml"
    cmd = [sys.executable, "main.py", "variant", str(VARIED[0]), "--trainee", "T-0042"]
    written = subprocess.run(
        [*cmd, "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert written.returncode == 0, written.stderr
    printed = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert printed.stdout == out.read_text(encoding="utf-8")
    assert printed.stdout.startswith("# Variant of riverside-first-territory.yaml")
    zh = subprocess.run([*cmd, "--lang", "zh"], cwd=ROOT, capture_output=True, text=True,
                        timeout=120)  # the header in the trainer's language, the YAML the same
    assert zh.stdout.splitlines()[0].endswith("为学员 T-0042 派生的变体。")
    assert zh.stdout.split("\n", 2)[2] == printed.stdout.split("\n", 2)[2]
    assert load_scenario(out)[0] == make_variant(load(VARIED[0]), "T-0042")
    missing = subprocess.run(
        [*cmd[:3], "nowhere.yaml", "--trainee", "x"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert missing.returncode == 1 and "E001" in missing.stderr
