"""A key account's words agree with its hidden preferences.

The persona and needs every shipped scenario, drill and generated scenario shows are parsed back
by the lint's reader (``persona_claims.claims``, which knows nothing of how they were written)
and compared with option values and weights computed here from the raw preferences: the issues
named as mattering most are the heaviest, every option the words ask for is one the values do
not rank low, and the number of units is the volume. Hand-written words that do contradict
their values are found, in English and Chinese.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario.loader import load_scenario, load_scenario_text
from game.scenario.models import KeyAccount, Scenario
from game.scenario.persona_text import account_texts
from game.trainer.generate import draft_scenario
from game.trainer.persona_claims import claims, contradictions, counts

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted([*ROOT.glob("scenarios/*.yaml"), *ROOT.glob("scenarios/drills/*.yaml")])
GENERATED_SEEDS = range(20)
GAP = 0.25  # the lint's tolerance, written down: an option this far below the best is not wanted

# the issue names the "... matter most" sentence uses, in each language
SAID = {
    "en": {"price": "price", "the volume": "volume", "delivery": "delivery_weeks",
           "payment terms": "payment_days", "service": "service", "training": "training"},
    "zh": {"价格": "price", "采购量": "volume", "交货期": "delivery_weeks", "付款期": "payment_days",
           "服务": "service", "培训": "training"},
}


def _values(scenario: Scenario, ka: KeyAccount, issue: str) -> list[float]:
    """The account's value of each option, from its preferences (the usual order where it gives
    none): worked out here, not by the game."""
    options = next(i.values for i in scenario.negotiation.issues if i.id == issue)
    own = ka.preferences.values.get(issue)
    if own is not None and len(own) == len(options):
        return [min(1.0, max(0.0, v)) for v in own]
    if all(not isinstance(v, str) for v in options):
        low, high = min(options), max(options)  # type: ignore[type-var]
        rising = [(float(v) - low) / (high - low) for v in options]  # type: ignore[operator]
        return [1 - r for r in rising] if issue == "delivery_weeks" else rising
    return [k / (len(options) - 1) for k in range(len(options))]


def _weights(scenario: Scenario, ka: KeyAccount) -> dict[str, float]:
    return {i.id: max(0.0, ka.preferences.weights.get(i.id, 0.0)) for i in scenario.negotiation.issues}


def _agrees(scenario: Scenario, ka: KeyAccount) -> None:
    options = {i.id: list(i.values) for i in scenario.negotiation.issues}
    weights = _weights(scenario, ka)
    _, needs = account_texts(scenario, ka)
    for lang in ("en", "zh"):
        text = needs.pick(lang)
        most = text.rstrip(".。").split(". ")[-1] if lang == "en" else text.split("。")[-2]
        named = {issue for word, issue in SAID[lang].items() if word in most.lower()}
        if lang == "en" and "payment terms" in most.lower():
            named.discard("volume")
        assert len(named) == min(2, sum(w > 0 for w in weights.values())), (ka.id, lang, most)
        assert min(weights[i] for i in named) >= max(
            (w for i, w in weights.items() if i not in named), default=0.0
        ), (ka.id, lang, most, weights)
        found = list(claims(text, lang, options))
        for claim in found:
            values = _values(scenario, ka, claim.issue)
            k = next(j for j, v in enumerate(options[claim.issue]) if str(v) == str(claim.option)
                     or (not isinstance(v, str) and float(v) == float(claim.option)))
            assert max(values) - values[k] < GAP, (ka.id, lang, claim)
        said_issues = {c.issue for c in found}
        for issue in named & {"payment_days", "service", "training"}:
            assert issue in said_issues, (ka.id, lang, issue, text)
        if "delivery_weeks" in named and "rush" not in text and "不急" not in text:
            assert "delivery_weeks" in said_issues, (ka.id, lang, text)
        measure = scenario.product(ka.product).measure
        assert [n for n, _ in counts(text, lang, ka, measure)] == [ka.volume], (ka.id, lang, text)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_persona_says_what_its_preferences_hold(path: Path) -> None:
    scenario, _ = load_scenario(path)
    assert list(contradictions(scenario)) == []
    for ka in scenario.key_accounts:
        _agrees(scenario, ka)


def test_twenty_generated_scenarios_say_what_their_preferences_hold() -> None:
    industries = set()
    for seed in GENERATED_SEEDS:
        scenario = draft_scenario(seed)
        industries.add(scenario.id.rsplit("-", 1)[0])
        assert list(contradictions(scenario)) == [], scenario.id
        for ka in scenario.key_accounts:
            _agrees(scenario, ka)
    assert len(industries) >= 4


def test_words_that_ask_for_what_the_values_rank_low_are_found() -> None:
    text = (ROOT / "tests/trainer/lint_corpus/w212-words-contradict-values.yaml").read_text(encoding="utf-8")
    scenario = load_scenario_text(text, "riverside.yaml")
    found = sorted(contradictions(scenario), key=lambda c: c.lang)
    assert [(c.lang, c.field, c.issue, c.stated, c.favourite) for c in found] == [
        ("en", "needs", "service", "basic", "premium"), ("zh", "needs", "service", "basic", "premium")]
    assert scenario.key_accounts[found[0].account].id == "greenleaf-design"


@pytest.mark.parametrize(("said", "issue", "stated", "favourite"), [
    ("within a month", "delivery_weeks", "4", "2"),
    ("in two to four weeks", "delivery_weeks", "4", "2"),
    ("一个月内交货", "delivery_weeks", "4", "2"),
    ("六周内交货", "delivery_weeks", "6", "2"),
    ("30-day payment terms", "payment_days", "30", "60"),
    ("paid in 30 days", "payment_days", "30", "60"),
    ("付款期30天", "payment_days", "30", "60"),
    ("30天付款", "payment_days", "30", "60"),
    ("payment on delivery", "payment_days", "0", "60"),
    ("货到付款", "payment_days", "0", "60"),
])
def test_numbers_the_values_rank_low_are_found_in_both_languages(
    said: str, issue: str, stated: str, favourite: str
) -> None:
    """Riverside Dental values delivery the usual way (2 weeks best of 2, 4, 6) and payment days
    too (60 best of 0, 30, 60)."""
    scenario = _with_needs("riverside-dental", said)
    [found] = list(contradictions(scenario))
    assert (found.issue, found.stated, found.favourite, found.kind) == (issue, stated, favourite, "number")
    assert found.said and found.said in said


@pytest.mark.parametrize("said", ["within two weeks", "两周内交货", "60-day payment terms", "付款期60天",
                                  "long payment terms", "付款期要长", "fast delivery", "快速交付"])
def test_numbers_the_values_favour_are_not_flagged(said: str) -> None:
    assert list(contradictions(_with_needs("riverside-dental", said))) == []


@pytest.mark.parametrize(("said", "count"), [("250 notebooks for the clinics", 250), ("为诊所采购二百五十台笔记本", 250),
                                             ("1,200 notebooks", 1200), ("1200台笔记本", 1200)])
def test_a_number_of_units_other_than_the_volume_is_found(said: str, count: int) -> None:
    [found] = list(contradictions(_with_needs("riverside-dental", said)))
    assert (found.kind, found.count) == ("count", count)


def _with_needs(account: str, said: str) -> Scenario:
    """The lint corpus's hand-written Riverside with ``account``'s needs saying only ``said``."""
    text = (ROOT / "tests/trainer/lint_corpus/w205-account-product.yaml").read_text(encoding="utf-8")
    scenario = load_scenario_text(text, "riverside.yaml")
    data = scenario.model_dump(mode="python")
    for ka in data["key_accounts"]:
        if ka["id"] == account:
            ka["product"] = "notebook"
            ka["volume"] = 400
            ka["persona"] = {"en": "Dr Fang, owner of four clinics.", "zh": "方医生，四家诊所的老板。"}
            ka["needs"] = {"zh": said} if any("\u4e00" <= c <= "\u9fff" for c in said) else {"en": said}
    return Scenario.model_validate(data)


@pytest.mark.parametrize("measure", ["]", "\\", "^", "[a", "台]", "-"])
def test_a_measure_word_is_read_as_text_never_as_a_pattern(measure: str) -> None:
    """A trainer's measure word goes into the lint's reader as words: one that means something
    to a regular expression is matched literally, never a crash."""
    scenario = load_scenario(ROOT / "scenarios" / "riverside-first-territory.yaml")[0]
    data = scenario.model_dump(mode="python", exclude_unset=True)
    ka = next(k for k in data["key_accounts"] if isinstance(k.get("persona"), dict)
              and "buys" in k["persona"])
    ka["persona"]["measure"] = measure
    changed = Scenario.model_validate(data)
    account = next(k for k in changed.key_accounts if k.id == ka["id"])
    list(contradictions(changed))  # reads every account's words without raising
    said = f"采购{account.volume + 5}{measure}{account.persona.buys.pick('zh')}"  # type: ignore[union-attr]
    assert [n for n, _ in counts(said, "zh", account, changed.product(account.product).measure)] == [account.volume + 5]
