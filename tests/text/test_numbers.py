"""How numbers read: one rule for the window and the reports (no "-0", a dash for a missing value,
compact money per language, the typographic minus on request)."""

from __future__ import annotations

import math

import pytest

from game.text.numbers import (
    DASH,
    MINUS,
    kpi_value,
    money,
    money_short,
    number,
    pct,
    signed,
    signed_money_short,
)


@pytest.mark.parametrize("f", [number, signed, pct, money])
def test_a_missing_value_reads_as_a_dash(f):
    assert f(None) == DASH
    assert f(math.nan) == DASH


def test_nothing_shows_as_minus_zero():
    assert number(-0.001) == "0.00"
    assert number(-0.4, 0) == "0"
    assert pct(-0.0004) == "0.0%"
    assert pct(-0.004, 0) == "0%"
    assert signed(-0.001) == "+0.00"
    assert money(-0.3) == "0"
    assert money_short(-0.3, "en") == "0" and signed_money_short(-0.3, "zh") == "0"


def test_numbers_and_money_have_thousands_separators():
    assert number(1234.5) == "1,234.50"
    assert money(1234567.4) == "1,234,567"
    assert money(-1500) == "-1,500"


def test_the_typographic_minus_on_request():
    assert number(-0.25, minus=MINUS) == "\u22120.25"
    assert signed(-0.25, minus=MINUS) == "\u22120.25"
    assert signed(0.25, minus=MINUS) == "+0.25"
    assert number(-math.inf, minus=MINUS) == "\u2212∞" and number(math.inf) == "∞"


def test_shares_read_as_percentages():
    assert pct(0.125) == "12.5%"
    assert pct(0.125, 0) == "12%"  # round half to even, as Python formats
    assert pct(0.15, 1, trim=True) == "15%" and pct(0.155, 1, trim=True) == "15.5%"
    assert pct(1.0, 0) == "100%"


def test_compact_money_per_language():
    assert money_short(1_234_567, "en") == "1.23M"
    assert money_short(45_000, "en") == "45k" and money_short(4_500, "en") == "4.5k"
    assert money_short(1_200_000, "zh") == "120万" and money_short(45_000, "zh") == "4.5万"
    assert money_short(250_000_000, "zh") == "2.50亿"
    assert signed_money_short(45_000, "en") == "+45k"
    assert signed_money_short(-1_200_000, "en") == "-1.20M"


def test_kpi_values_are_written_like_their_targets():
    assert kpi_value("margin", 0.15) == "15.0%"
    assert kpi_value("margin", 0.15, trim=True) == "15%"
    assert kpi_value("forecast_error", 0.083) == "8.3%"
    assert kpi_value("revenue", 10_675_000.4) == "10,675,000"
    assert kpi_value("customers", 1200) == "1,200"
    assert kpi_value("satisfaction", 0.7234) == "0.72"
    assert kpi_value("market_share", None) == DASH and kpi_value("revenue", math.nan) == DASH
