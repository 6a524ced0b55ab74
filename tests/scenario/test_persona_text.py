"""A structured persona: the schema takes it beside the hand-written form, and the game writes the
persona line and the needs from the tactic, the trust and the hidden preferences, in English and
Chinese, without printing a weight (whether the claims agree with the weights is checked by an
independent parser: tests/trainer/test_persona_claims.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.scenario.errors import ScenarioError
from game.scenario.loader import load_scenario, load_scenario_text
from game.scenario.models import KeyAccount, Scenario
from game.scenario.persona import Persona
from game.scenario.persona_text import account_texts, stated_needs
from game.scenario.text import Text

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted([*ROOT.glob("scenarios/*.yaml"), *ROOT.glob("scenarios/drills/*.yaml")])
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _accounts() -> list[tuple[Scenario, KeyAccount]]:
    out = []
    for path in SHIPPED:
        scenario, _ = load_scenario(path)
        out.extend((scenario, ka) for ka in scenario.key_accounts)
    return out


def _retyped(scenario: Scenario, account_id: str, **update: object) -> KeyAccount:
    ka = next(k for k in scenario.key_accounts if k.id == account_id)
    return ka.model_copy(update=update)


def test_every_shipped_key_account_is_structured() -> None:
    accounts = _accounts()
    assert len(accounts) >= 20
    for _, ka in accounts:
        assert isinstance(ka.persona, Persona) and ka.needs is None, ka.id


def test_the_schema_takes_a_hand_written_persona_with_its_needs() -> None:
    text = (ROOT / "tests/trainer/lint_corpus/w205-account-product.yaml").read_text(encoding="utf-8")
    scenario = load_scenario_text(text)
    ka = scenario.key_accounts[0]
    assert isinstance(ka.persona, Text) and ka.needs is not None
    assert account_texts(scenario, ka) == (ka.persona, ka.needs)  # shown as written


def test_a_structured_persona_with_a_needs_text_is_refused_at_the_account() -> None:
    text = (ROOT / "scenarios/riverside-first-territory.yaml").read_text(encoding="utf-8")
    broken = text.replace("    segment: growing\n",
                          "    segment: growing\n    needs: {en: 400 notebooks, zh: 400台笔记本}\n", 1)
    assert broken != text
    with pytest.raises(ScenarioError) as exc:
        load_scenario_text(broken, "riverside.yaml")
    [problem] = exc.value.problems
    entry = broken.splitlines().index("  - id: riverside-dental") + 1
    assert (problem.code, problem.line, problem.column) == ("E106", entry, 5)  # the account's entry
    assert "needs" in problem.message and "riverside-dental" in problem.message
    assert "needs" in problem.message_in("zh") and CJK.search(problem.message_in("zh"))


def test_a_hand_written_persona_without_needs_is_refused() -> None:
    text = (ROOT / "tests/trainer/lint_corpus/w205-account-product.yaml").read_text(encoding="utf-8")
    start = text.index("    needs:\n")
    end = text.index("    volume:", start)
    with pytest.raises(ScenarioError) as exc:
        load_scenario_text(text[:start] + text[end:], "riverside.yaml")
    assert any("needs" in p.message for p in exc.value.problems)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_texts_are_prose_in_their_language_with_no_weight_in_them(lang: str) -> None:
    for scenario, ka in _accounts():
        persona, needs = account_texts(scenario, ka)
        for text in (persona.pick(lang), needs.pick(lang)):
            assert text.endswith("." if lang == "en" else "。"), text
            assert "{" not in text and "  " not in text, text
            assert not re.search(r"\d\.\d|%", text), text  # no weight, value or share
            if lang == "zh":
                assert not LATIN_WORD.search(text.replace("IT", "").replace("CAD", "")), text
            else:
                assert not CJK.search(text), text
        numbers = {int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", needs.pick(lang))}
        options = {int(float(v)) for i in scenario.negotiation.issues
                   if i.id in ("delivery_weeks", "payment_days") for v in i.values}
        assert ka.volume in numbers and numbers <= {ka.volume} | options, (ka.id, numbers)


def test_the_persona_line_names_the_contact_and_says_the_tactic_and_the_openness() -> None:
    scenario, _ = load_scenario(ROOT / "scenarios/key-account-deals.yaml")
    styles = {}
    for kind, beta in (("boulware", 0.4), ("linear", 1.0), ("conceder", 2.5), ("tit_for_tat", 1.0)):
        ka = _retyped(scenario, "kunlun-auto", tactic=type(scenario.key_accounts[0].tactic)(kind=kind, beta=beta))
        persona, _ = account_texts(scenario, ka)
        assert persona.en.startswith("Mr Ren, head of engineering IT. ")
        assert persona.zh.startswith("任先生，工程IT负责人。")
        styles[kind] = (persona.en, persona.zh)
    assert len(set(styles.values())) == 4  # every tactic reads differently
    openness = set()
    for trust in (0.2, 0.5, 0.8):
        persona, _ = account_texts(scenario, _retyped(scenario, "kunlun-auto", trust=trust))
        openness.add(persona.en)
    assert len(openness) == 3


def test_the_needs_follow_the_weights_when_the_weights_change() -> None:
    scenario, _ = load_scenario(ROOT / "scenarios/key-account-deals.yaml")
    ka = next(k for k in scenario.key_accounts if k.id == "haixin-shipbuilding")
    assert stated_needs(scenario, ka).top == ["price", "payment_days"]
    moved = ka.preferences.model_copy(update={"weights": {**ka.preferences.weights, "payment_days": 0.05,
                                                           "training": 0.4}})
    turned = ka.model_copy(update={"preferences": moved})
    assert stated_needs(scenario, turned).top == ["price", "training"]
    _, needs = account_texts(scenario, turned)
    assert "training" in needs.en and "培训" in needs.zh
    assert "payment" not in needs.en and "付款" not in needs.zh
