"""The report charts' primitives and charts: text wrapped by the game's line breaker at an
estimated width, well-formed SVG, the same statistics as a hand computation."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from game.reports import charts, svg
from game.text.linebreak import ELLIPSIS, NO_END, NO_START

NS = "{http://www.w3.org/2000/svg}"


def test_a_chart_label_breaks_by_the_window_rules():
    """No line of a wrapped label starts with closing punctuation or ends with an opening one,
    at any width, and nothing is lost when every line is kept."""
    text = "每个点是一局的得分 S（0 到 1）；方框覆盖中间一半的对局，粗线为中位数。"
    for width in range(40, 400, 7):
        lines = svg.wrap(text, width, svg.SMALL, max_lines=99)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        for line in lines:
            assert line[0] not in NO_START and line[-1] not in NO_END, (width, lines)


def test_a_long_label_is_cut_with_an_ellipsis_within_its_width():
    name = "Relationship and satisfaction management with every key account of the territory"
    lines = svg.wrap(name, 160, svg.SMALL, max_lines=2)
    assert len(lines) == 2 and lines[1].endswith(ELLIPSIS)
    assert all(svg.text_width(line, svg.SMALL) <= 160 for line in lines)
    assert svg.wrap("", 100) == [""]
    assert svg.fit("Channel", 60, svg.SMALL) == "Channel"
    assert svg.fit("Channel partners", 60, svg.SMALL).endswith(ELLIPSIS)


def test_chinese_is_measured_wider_than_latin():
    assert svg.text_width("中文", 10) == 20
    assert svg.text_width("ab", 10) < 20


def test_text_escapes_and_stacks_lines():
    one = ET.fromstring(svg.text(10, 20, "R&D <plan>", 12, "end"))
    assert one.text == "R&D <plan>" and one.get("text-anchor") == "end"
    two = ET.fromstring(svg.text(10, 20, ["甲", "乙"], 12))
    spans = list(two)
    assert [s.text for s in spans] == ["甲", "乙"] and spans[1].get("dy") == "14"


@pytest.mark.parametrize("fluid", [False, True])
def test_a_chart_is_well_formed_and_labelled(fluid):
    root = ET.fromstring(svg.svg(640, 230, svg.text(1, 2, "x"), "A & B", fluid=fluid))
    assert root.tag == f"{NS}svg" and root.get("aria-label") == "A & B"
    assert root.get("viewBox") == "0 0 640 230"
    assert (root.get("width") == "100%") == fluid


def test_quantiles_interpolate_between_neighbours():
    xs = [0.1, 0.2, 0.4, 0.8]
    assert svg.quantile(xs, 0.0) == 0.1 and svg.quantile(xs, 1.0) == 0.8
    assert svg.quantile(xs, 0.5) == pytest.approx(0.3)
    assert svg.quantile(xs, 0.25) == pytest.approx(0.175)


def test_the_hr_charts_parse_and_keep_their_labels():
    labels = ["客户关系与满意度管理", "Planning and forecasting", "数据驱动决策"]
    series = [charts.Series("Latest", [0.5, 0.7, None], svg.BLUE, fill=True)]
    for chart in (
        charts.radar(labels, series, band=([0.4, 0.6, None], [0.6, 0.8, None]),
                     band_label="± SEM", label="Radar"),
        charts.strips([(name, [0.2, 0.5, 0.9]) for name in labels], target=0.6,
                      target_label="Target", label="Strips"),
        charts.dumbbells([(name, 0.3, 0.6, 0.05) for name in labels], target=0.6,
                         names=("First", "Latest", "Target"), label="Bells"),
    ):
        root = ET.fromstring(chart)
        words = "".join(root.itertext())
        for name in labels:
            assert name.replace(" ", "") in words.replace(" ", ""), name


def test_the_waterfall_names_fit_their_slots():
    parts = [("Volume", 100.0, "100"), ("Channel partners and resellers", -20.0, "-20"),
             ("Profit", 80.0, "80")]
    root = ET.fromstring(charts.waterfall(parts, label="W", width=240))
    names = [t.text for t in root.iter(f"{NS}text") if t.get("y") == "218.0"]
    assert names[0] == "Volume" and names[2] == "Profit"
    assert names[1] is not None and names[1].endswith(ELLIPSIS)
    assert svg.text_width(names[1], 11) <= (240 - 16) / 3
