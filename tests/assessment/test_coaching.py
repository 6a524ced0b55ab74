"""The coaching debrief: the courseware point behind every indicator, the occasions a novice
missed, and an improvement plan that tells the tiers apart."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from game.assessment.coaching import Coaching, coach
from game.assessment.coaching_content import COACHING_CONTENT, load_coaching_content
from game.assessment.coaching_text import coaching_text
from game.assessment.rubric import load_rubric
from game.assessment.runs import play_named
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_scenario
from game.trainer.courseware import courseware_sections

SCENARIOS = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml"))


@cache
def coaching_of(path: Path, bot: str) -> Coaching:
    scenario, _ = load_scenario(path)
    return coach(play_named(scenario, bot, scenario.seed))


def test_every_indicator_cites_a_courseware_point_of_its_own_sections():
    rubric, _ = load_rubric()
    content = load_coaching_content()
    for indicator in rubric.indicators:
        point = content.points[indicator.id]
        assert point.cw in courseware_sections(), indicator.id
        assert point.cw in indicator.cw, f"{indicator.id} cites {point.cw}, not one of its own"
        assert point.text.en.strip() and point.text.zh.strip()


def test_a_point_citing_a_section_the_courseware_lacks_is_refused_at_its_line(tmp_path):
    text = COACHING_CONTENT.read_text(encoding="utf-8")
    bad = tmp_path / "coaching.yaml"
    bad.write_text(text.replace("cw: CW-21", "cw: CW-29", 1), encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_coaching_content(bad)
    assert "CW-29" in str(err.value) and "coaching.yaml" in str(err.value)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_a_novice_is_told_three_missed_occasions_with_their_week(path):
    c = coaching_of(path, "novice")
    assert len(c.occasions) >= 3
    assert all(o.week >= 1 for o in c.occasions)
    assert len({(o.kind, o.week) for o in c.occasions}) >= 3
    for lang in ("en", "zh"):
        text = coaching_text(c, lang)
        for o in c.occasions[:3]:
            assert o.text.pick(lang) in text
    assert f"Week {c.occasions[0].week}:" in c.occasions[0].text.en
    assert f"第{c.occasions[0].week}周" in c.occasions[0].text.zh


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_the_plan_leads_with_a_different_change_for_the_novice_and_the_intermediate(path):
    novice, intermediate = coaching_of(path, "novice"), coaching_of(path, "intermediate")
    assert novice.plan and intermediate.plan
    assert novice.plan[0].behaviour != intermediate.plan[0].behaviour
    for c in (novice, intermediate):
        gains = [i.profit_gain for i in c.plan]
        assert gains == sorted(gains, reverse=True) and gains[-1] > 0
        assert all(i.drill.startswith("drill-") for i in c.plan)
        assert not {i.behaviour for i in c.plan} & set(c.shown)


def test_the_waterfall_adds_up_to_each_rounds_profit():
    c = coaching_of(SCENARIOS[0], "novice")
    assert c.waterfall
    for r in c.waterfall:
        assert sum(r.trainee[k] for k in c.causes) == pytest.approx(r.trainee["profit"], abs=1.0)
    assert sum(r.trainee["profit"] for r in c.waterfall) == pytest.approx(c.profit, abs=1.0)


def test_the_reference_rep_shows_moments_the_novice_did_not():
    c = coaching_of(SCENARIOS[0], "novice")
    analysis = next(x for x in c.competencies if x.id == "customer-analysis")
    assert sum(m.trainee["research_done"] for m in analysis.moments) == 0
    assert sum(m.reference["research_done"] for m in analysis.moments) > 0
    assert "research_done" not in {m.kind for m in analysis.trainee_moments}
    research = next(m for m in analysis.reference_moments if m.kind == "research_done")
    assert research.week >= 1 and research.subject is not None


def test_the_chinese_coaching_names_accounts_and_causes_in_chinese():
    c = coaching_of(SCENARIOS[0], "novice")
    zh = "\n".join(o.text.zh for o in c.occasions)
    assert "customer_walked" not in zh and "logistics" not in zh and "price_war" not in zh
    whole = re.sub(r"CW-[0-9]{2}|\(drill-[a-z-]+\)|CW|评级[A-C]+", "", coaching_text(c, "zh"))
    assert not re.findall(r"[A-Za-z]+", whole)
