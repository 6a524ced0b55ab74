"""One wording per concept in each language: the catalogs use the terminology table's term for
every concept it lists (margin is 利润率, profit over revenue; the per-unit 毛利 is another concept)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.ui.i18n import CatalogError, Strings, load_catalogs, load_terms, term_problems


def test_the_catalogs_use_the_tables_term_for_each_concept() -> None:
    assert term_problems(load_catalogs(), load_terms()) == []


def test_the_margin_kpi_is_named_as_the_margin_it_measures() -> None:
    """The KPI is profit after every cost over revenue: 利润率, not gross margin (毛利率)."""
    zh, en = Strings("zh"), Strings("en")
    assert zh.t("kpi.margin") == "利润率"
    assert "gross" not in en.t("tip.target.margin").lower()
    assert "毛利率" not in zh.t("tip.target.margin")


def test_a_string_straying_from_the_table_is_named(tmp_path: Path) -> None:
    tables = load_catalogs()
    tables["zh"] = dict(tables["zh"], **{"review.profit": "本轮利润：{profit}（毛利率{margin}）"})
    problems = term_problems(tables, load_terms())
    assert any("'review.profit'" in p and "毛利率" in p for p in problems)


def test_a_malformed_table_is_refused_with_its_file(tmp_path: Path) -> None:
    path = tmp_path / "terms.json"
    path.write_text(json.dumps({"margin": {"en": "margin"}}), encoding="utf-8")
    with pytest.raises(CatalogError, match="terms.json"):
        load_terms(path)
