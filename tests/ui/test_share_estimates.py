"""A share's estimate never reads as negative: data analysis's at-risk share "4.0% ± 5.0%" implied
a range below 0 %, and "−5.9% ± 5.0%" a negative churn risk; the range is cut at 0 % and the
tooltip says so."""

from __future__ import annotations

import pytest

from game.engine.phases import Phase
from game.ui import fmt
from game.ui.script import Driver
from tests.ui.test_phase_end_warnings import _to
from tests.ui.test_window import start_game


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_at_risk_share_is_cut_at_zero_and_says_so(make_app, lang):
    d = Driver(make_app(lang=lang))
    start_game(d, "T-042", lang=lang)
    _to(d.app, Phase.ANALYSIS)
    d.pump(2)
    d.click("#run_data_analysis")
    d.pump(3)
    [(sid, seg)] = [(k, v) for k, v in d.app.view.knowledge.segments.items() if v.data_analysis]
    est = seg.data_analysis.at_risk_share
    assert est.mean - est.sd < 0  # the case the trainee met: the error runs below zero
    cell = d.find(f"#est_{sid}_at_risk")
    shown, hi = max(0.0, est.mean) * 100, max(0.0, est.mean + est.sd) * 100  # both cut at 0 %
    assert cell.text == f"{shown:.1f}% (0.0–{hi:.1f}%)"
    said = cell.tool_tip_text.replace("<br>", "").replace(" ", "")
    assert said.endswith(d.app.strings.t("tip.share_cut").replace(" ", ""))


def test_a_negative_share_estimate_shows_as_zero_with_its_cut_range() -> None:
    assert fmt.estimate({"mean": -0.059, "sd": 0.05}, 2, percent=True) == "0.0% (0.0–0.0%)"
    assert fmt.estimate({"mean": 0.98, "sd": 0.05}, 2, percent=True) == "98.0% (93.0–100.0%)"
    assert fmt.estimate({"mean": 0.12, "sd": 0.03}, 2, percent=True) == f"12.0%{fmt.PM}3.0%"
