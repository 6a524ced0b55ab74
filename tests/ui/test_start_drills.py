"""The start screen offers the drills by courseware section beside the full cases; picking one
describes it and starting plays that file."""

from __future__ import annotations

import re

import pytest
import yaml

import game.ui.window as window_module
from game.ui.paths import DRILLS
from game.ui.script import Driver


def _drills() -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(DRILLS.glob("*.yaml"))}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_drill_is_listed_by_its_first_section_in_course_order(make_app, lang):
    d = Driver(make_app(lang=lang))
    d.pump(2)
    drills = _drills()
    assert len(drills) >= 8
    assert not d.exists(f"#scenario_{next(iter(drills))}")  # the full cases show first
    d.click("#group_drills")
    d.pump(2)
    shown = {stem: d.find(f"#scenario_{stem}").text for stem in drills}
    for stem, data in drills.items():
        assert shown[stem].startswith(data["courseware"][0])
    order = sorted(drills, key=lambda s: (d.find(f"#scenario_{s}").rect.y, d.find(f"#scenario_{s}").rect.x))
    firsts = [drills[s]["courseware"][0] for s in order]
    assert firsts == sorted(firsts, key=lambda cw: int(re.sub(r"\D", "", cw)))
    if lang == "zh":
        assert all(re.search(r"[\u4e00-\u9fff]", text) for text in shown.values())


def test_picking_a_drill_describes_it_and_start_plays_it(make_app, monkeypatch, small_scenario):
    loaded: list[str] = []

    def load(path):
        loaded.append(str(path))
        return small_scenario

    monkeypatch.setattr(window_module, "load_scenario", load)
    d = Driver(make_app(lang="en"))
    d.pump(2)
    d.click("#group_drills")
    d.pump(2)
    stem, data = next((s, x) for s, x in _drills().items() if "CW-50" in x["courseware"])
    d.click(f"#scenario_{stem}")
    d.pump(2)
    assert d.find("#scenario_title").text == data["title"]["en"]
    d.click("#trainee_id")
    d.type("T-095")
    d.click("#start_game")
    assert d.app.play is not None and loaded and loaded[-1].endswith(f"{stem}.yaml")
    d.pump(2)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_drill_says_which_competencies_it_assesses_and_a_whole_case_does_not(make_app, lang):
    d = Driver(make_app(lang=lang))
    d.pump(2)
    t = d.app.strings.t

    def shown() -> list[str]:
        return [getattr(e, "text", "") for e in d.elements()]

    assert t("start.assesses") not in shown()  # the whole case on show assesses all seven
    d.click("#group_drills")
    d.pump(2)
    d.click("#scenario_drill-contract-credit")  # CW-31, CW-50
    d.pump(2)
    texts = shown()
    assert t("start.assesses") in texts
    names = {"en": "Negotiation and quoting, Contract and risk management",
             "zh": "报价与谈判、合同与风险管理"}[lang]
    assert names in texts
