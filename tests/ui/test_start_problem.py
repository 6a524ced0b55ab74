"""A scenario file that cannot be loaded is named on the start screen with its problem — where,
what and how to fix it — in the window's language."""

from __future__ import annotations

import html
import re

import pytest

from game.ui.script import Driver
from tests.conftest import ROOT


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_broken_scenario_says_where_what_and_how_in_the_window_language(make_app, lang,
                                                                         tmp_path):
    text = (ROOT / "scenarios" / "riverside-first-territory.yaml").read_text(encoding="utf-8")
    line = next(n for n, x in enumerate(text.splitlines(), 1) if x.startswith("rounds:"))
    bad = tmp_path / "broken.yaml"
    bad.write_text(re.sub(r"(?m)^rounds: \d+$", "rounds: two", text, count=1), encoding="utf-8")
    d = Driver(make_app(lang=lang, scenario=str(bad)))
    d.pump(2)
    wrapped = html.unescape(re.sub(r"<[^>]+>", "", d.find("#scenario_problem").html_text))
    shown = " ".join(wrapped.split())  # as one line, whatever the panel's width broke
    assert f"broken.yaml:{line}:" in shown and "E103" in shown and "'rounds'" in shown
    if lang == "zh":
        packed = "".join(wrapped.split())
        assert "错误E103" in packed and "提示：应为整数" in packed  # message and hint, in Chinese
        assert "wrong type" not in shown
    else:
        assert "error E103: wrong type of value for 'rounds'" in shown and "hint:" in shown
