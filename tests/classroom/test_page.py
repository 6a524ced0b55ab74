"""The facilitator's pages: every trainee of the roster with where it is, provisional scores
marked, each key account's chart with the Nash point and every outcome, a ranking only when
asked for, both languages, nothing fetched from elsewhere."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from game.classroom.model import (
    AccountSpread,
    ClassView,
    CompetencySpread,
    DealPoint,
    MissedOccasion,
    TraineeRow,
)
from game.classroom.page import TEXT, dashboard_html, debrief_html
from game.reports.html import e

CJK = re.compile(r"[\u4e00-\u9fff]")


def _view() -> ClassView:
    rows = [TraineeRow("t-01", "finished", "debrief", 3, 3, 4, 1_250_000.0, 0.71,
                       {"negotiation-quoting": 0.8}, "2026-12-05T10:00:00Z"),
            TraineeRow("t-<b>", "playing", "negotiation", 2, 3, 1, 400_000.0, 0.4321, {}, None),
            TraineeRow("t-03", "waiting", None, None, None, 0, None, None, {}, None)]
    frontier = [(0.0, 1.0), (0.4, 0.8), (0.8, 0.4), (1.0, 0.0)]
    accounts = [AccountSpread("acme", {"en": "Acme Works", "zh": "艾克姆"}, 0.1, 0.3, (0.55, 0.62),
                              frontier, [DealPoint("t-01", True, 0.5, 0.6, 0.44, 0.9),
                                         DealPoint("t-<b>", False, 0.1, 0.3, 0.0, 0.0)]),
                AccountSpread("bolt", {"en": "Bolt Ltd"}, 0.2, 0.2, None, frontier,
                              [DealPoint("t-01", True, 0.7, 0.35, 0.6, 0.8)])]
    comps = [CompetencySpread("negotiation-quoting", {"en": "Negotiation and quoting",
                                                      "zh": "报价与谈判"},
                              [0.8, 0.6], 0.7, 0.2, 1.0, 1)]
    missed = [MissedOccasion("deal_lapsed", {"en": "a negotiation ended without a deal",
                                             "zh": "谈判未能成交"}, 2, 3)]
    return ClassView("c-1", "Spring 7B", "acme-case", {"en": "The Acme case", "zh": "艾克姆案例"}, 7,
                     "2026-12-05T10:05:00Z", "http://lrs.example/xAPI", 57, rows, accounts, comps,
                     missed, [("t-01", 0.71), ("t-02", 0.55)])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_dashboard_shows_every_trainee_and_the_debrief(lang: str) -> None:
    html = dashboard_html(_view(), lang)
    assert f'lang="{"zh-CN" if lang == "zh" else "en"}"' in html
    assert '<meta http-equiv="refresh" content="10">' in html
    for trainee in ("t-01", "t-03"):
        assert f">{trainee}<" in html
    assert "t-&lt;b&gt;" in html and "t-<b>" not in html  # ids are escaped
    assert "≈0.43" in html  # a game in play shows its score as provisional
    assert html.count('class="nash"') == 1  # Bolt has no Nash point
    assert len(re.findall(r'<circle class="deal"', html)) == 3
    assert html.count('class="frontier"') == 2 and html.count('class="zone"') == 2
    assert "3 / 3" in html and "2 / 3" in html
    if lang == "zh":
        assert "艾克姆" in html and "谈判未能成交" in html and "报价与谈判" in html
        assert "Acme Works" not in html and "Bolt Ltd" in html  # no Chinese name: the English
    else:
        assert "Acme Works" in html and "a negotiation ended without a deal" in html


def test_the_ranking_is_there_only_when_asked_for() -> None:
    shown = debrief_html(_view(), "en", show_ranking=True)
    assert shown.index(">t-01<", shown.index("Ranking")) < shown.index(">t-02<")
    hidden = debrief_html(_view(), "en", show_ranking=False)
    assert "Ranking" not in hidden and ">t-02<" not in hidden  # t-02 is only in the ranking


def test_the_export_is_self_contained_and_does_not_reload() -> None:
    for html in (debrief_html(_view(), "zh"), dashboard_html(_view(), "en")):
        assert not re.search(r'(src|href)="https?:', html) and "<script" not in html
    assert "http-equiv" not in debrief_html(_view(), "en")
    assert "http-equiv" not in dashboard_html(_view(), "en", refresh_seconds=None)


def test_a_class_with_no_one_finished_says_so() -> None:
    view = _view()
    waiting = ClassView(**{**view.__dict__, "trainees": view.trainees[1:], "accounts": [],
                           "competencies": [], "missed": [], "ranking": []})
    html = dashboard_html(waiting, "zh")
    assert "还没有学员完成" in html and 'class="deal"' not in html


def test_the_page_words_are_in_both_languages() -> None:
    def leaves(node: dict, path: str = "") -> list[tuple[str, dict]]:
        if set(node) <= {"en", "zh"}:
            return [(path, node)]
        return [x for k, v in node.items() for x in leaves(v, f"{path}.{k}".strip("."))]

    for key, text in leaves(json.loads(Path(TEXT).read_text(encoding="utf-8"))):
        assert set(text) == {"en", "zh"}, key
        assert CJK.search(text["zh"]) or not re.search("[A-Za-z]", text["zh"]), key
        assert "收入" not in text["zh"], key


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_ranking_says_which_places_are_apart_by_more_than_the_measured_error(lang) -> None:
    comps = [replace(c, sem=0.09) for c in _view().competencies]
    gap = 1.96 * 2 ** 0.5 * 0.05  # 0.139: t-01 (0.71) and t-02 (0.55) are 0.16 apart
    measured = replace(_view(), competencies=comps, overall_sem=0.05, real_gap=gap,
                       ranking=[("t-01", 0.71), ("t-02", 0.55), ("t-04", 0.50)])
    html = debrief_html(measured, lang)
    words = json.loads(TEXT.read_text(encoding="utf-8"))
    assert "±0.09" in html  # one trainee's error beside the competency
    rows = re.findall(r"<tr>(.*?)</tr>", html.split(words["ranking"][lang])[1], flags=re.S)[1:]
    apart = [re.findall(r"<td[^>]*>(.*?)</td>", r)[-1] for r in rows]
    assert apart == [words["apart"][lang], words["not_apart"][lang], "–"]
    assert "0.71 ±0.05" in html and words["col_apart"][lang] in html
    assert "0.14" in html  # the gap, stated
    unmeasured = debrief_html(_view(), lang)
    assert e(words["sem_none"][lang]) in unmeasured and words["col_apart"][lang] not in unmeasured
    assert e(words["sem_note"][lang]) in html and e(words["sem_note"][lang]) not in unmeasured


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_competency_the_case_does_not_assess_is_marked_with_a_note(lang: str) -> None:
    view = _view()
    aside = replace(view, competencies=[replace(c, assessed=False) for c in view.competencies])
    note = json.loads(Path(TEXT).read_text(encoding="utf-8"))["incidental_note"][lang]
    assert note not in debrief_html(view, lang)
    html = debrief_html(aside, lang)
    assert e(note) in html
    name = {"en": "Negotiation and quoting", "zh": "报价与谈判"}[lang]
    assert f"{name} *" in html


def test_a_drill_case_assesses_what_its_courseware_names() -> None:
    from game.classroom.aggregate import case_assesses

    assert case_assesses(["CW-50"]) == {"contract-risk"}
    assert case_assesses(["CW-30", "CW-63"]) == {"negotiation-quoting", "professionalism-ethics"}
    assert case_assesses([]) is None  # a case naming no section assesses every competency
