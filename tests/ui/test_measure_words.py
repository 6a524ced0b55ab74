"""Chinese counts a product in its own measure word: chairs in 把, sets in 套, cases in 箱, not
always in 台. The scenario gives each product its word; every Chinese line that counts units uses
it, and English, which needs none, is unchanged."""

from __future__ import annotations

import pytest

from game.assessment.runs import play_named
from game.engine.events import Event
from game.engine.game import Game
from game.scenario.models import Scenario
from game.ui import story
from game.ui.i18n import CatalogError, Strings, load_catalogs
from game.ui.screens.names import Names


@pytest.fixture(scope="module")
def chairs(small: Scenario) -> Scenario:
    """The small shipped scenario with its products counted in 把 (as chairs are)."""
    company = small.company.model_copy(update={"products": [
        p.model_copy(update={"measure": "把"}) for p in small.company.products]})
    return small.model_copy(update={"company": company})


def _event(kind: str, **payload: object) -> Event:
    return Event(seq=1, round=1, week=3, phase="contract", kind=kind, payload=payload)


def test_a_signed_contract_counts_in_the_products_word(chairs: Scenario) -> None:
    names = Names(Game(chairs, seed=1).view().brief, Strings("zh"))
    account = chairs.key_accounts[0].id
    deal = {"account": account, "units": 1200, "unit_price": 180.0, "delivery_weeks": 4}
    signed = story.line(_event("contract_signed", **deal), names)
    assert signed is not None and "1,200 把" in signed and "台" not in signed
    english = story.line(_event("contract_signed", **deal),
                         Names(Game(chairs, seed=1).view().brief, Strings("en")))
    assert english is not None and "1,200" in english and "把" not in english


def test_every_line_a_whole_game_tells_in_chinese_counts_in_the_products_word(chairs) -> None:
    game = play_named(chairs, "heuristic", 3)
    names = Names(game.view().brief, Strings("zh"))
    told = [text for e in game.events if (text := story.line(e, names)) is not None]
    assert any("把" in text for text in told), "no line counted units"
    assert not [text for text in told if "台" in text]


def test_the_measure_word_follows_the_account_then_the_product(chairs: Scenario) -> None:
    brief = Game(chairs, seed=1).view().brief
    names = Names(brief, Strings("zh"))
    assert names.measure(account=chairs.key_accounts[0].id) == "把"
    assert names.measure(product=chairs.company.products[0].id) == "把"
    assert names.measure() == "把"  # no account or product: the company's first product


def test_only_the_measure_word_may_be_missing_from_english(tmp_path) -> None:
    (tmp_path / "en.json").write_text('{"a.b": "{n} units", "a.c": "{n} units"}', encoding="utf-8")
    (tmp_path / "zh.json").write_text('{"a.b": "{n} {measure}", "a.c": "{m} 台"}', encoding="utf-8")
    with pytest.raises(CatalogError) as err:
        load_catalogs(tmp_path)
    assert "'a.c' has different placeholders" in str(err.value)
    assert "a.b" not in str(err.value)
