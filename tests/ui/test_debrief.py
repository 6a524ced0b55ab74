"""The debrief: the timeline is told once and drawn a screenful at a time; the game's profit by
cause and the occasions missed; the assessment shows objective KPIs, performance against the
market and competencies apart, and marks what HR may not use without a person's review."""

from __future__ import annotations

import html
import re

import pygame
import pytest

from game.assessment.assess import assess
from game.assessment.results import Assessment
from game.bots.registry import make_bot
from game.engine.actions import EndPhase
from game.engine.phases import Phase
from game.records.store import Store
from game.ui import fmt, story
from game.ui.screens.debrief import cw_ranges
from game.ui.screens.profit import WATERFALL_KEYS
from game.ui.script import Driver


def finished(make_app, mode: str = "practice", lang: str = "en", drill: str | None = None) -> Driver:
    """A game started in the window (the quick scenario, or the ``drill`` picked on the start
    screen), played by the expert bot up to its last review, and ended in the window (Enter,
    Enter)."""
    app = make_app(lang=lang)
    d = Driver(app)
    d.pump(2)
    if drill is not None:
        d.click("#group_drills")
        d.pump(2)
        d.click(f"#scenario_{drill}")
        d.pump(2)
    d.click("#trainee_id")
    d.type("T-042")
    d.click(f"#mode_{mode}")
    d.click("#start_game")
    game = app.play.recorded  # every step committed, as the window does it
    bot = make_bot("expert", game.seed)
    while not (game.round == game.scenario.rounds and game.phase == Phase.REVIEW):
        if not game.apply(bot.next_action(game.view())).accepted:
            assert game.apply(EndPhase()).accepted
    app.refresh(force=True)
    d.key("RETURN")
    d.key("RETURN")  # confirm: the last step, which scores the game
    assert app.play.game.over and app.screen_key() == "debrief"
    assert app.notice == app.strings.t("working.scoring")  # said before the wait, not after
    return d


@pytest.fixture
def practice_debrief(make_app) -> Driver:
    return finished(make_app)


def test_the_timeline_is_told_once_and_draws_only_the_rows_in_view(practice_debrief):
    d = practice_debrief
    app = d.app
    d.click("#debrief_timeline")
    screen = app.screen
    view = screen.rows
    assert d.exists("#timeline")
    told = screen.timeline_lines
    assert [r.text for r in view.rows][0] == app.strings.t("timeline.round", round=1)
    assert len(view.rows) >= len(story.timeline(app.play.game.events, app.names(), 1))
    assert len(view.rows) > view.visible  # a long round: it scrolls
    assert len(view.rendered) <= view.visible  # only what is in view was drawn
    # the mouse wheel over the list scrolls it
    pygame.mouse.set_pos(view.image.get_abs_rect().center)  # what hovering reads
    d.pump(2)
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-2, flipped=False,
                                         precise_x=0.0, precise_y=-2.0))
    d.pump(30)
    assert view.first > 0
    assert len(view.rendered) < len(view.rows)
    d.key("END")
    assert view.first == view.last_first == len(view.rows) - view.visible
    d.key("HOME")
    assert view.first == 0
    d.key("PAGEDOWN")
    assert view.first == view.visible - 1
    # another round: its own rows, from the story told once
    d.click("#timeline_r2")
    assert app.screen is screen and screen.timeline_lines is told
    rows = [r.text for r in screen.rows.rows]
    assert rows[0] == app.strings.t("timeline.round", round=2)
    assert screen.rows.first == 0 and len(screen.rows.rendered) <= screen.rows.visible


def test_the_assessment_shows_the_three_kinds_of_result_apart(practice_debrief, tmp_path):
    d = practice_debrief
    app = d.app
    t = app.strings.t
    d.click("#debrief_assessment")
    with Store.open(tmp_path / "records", create=False) as store:
        scores = store.scores(app.play.session_id)
    stored = Assessment.model_validate(scores["assessment"])
    assert app.play.assessment() == stored  # what the store committed with the last step
    assert assess(app.play.game) == stored  # and what the replayable game scores to
    assert d.find("#review_notice").text == t("assess.practice_notice")
    for part in ("#assess_objective", "#assess_relative", "#assess_competencies"):
        assert d.exists(part)
    assert not d.exists("#assess_incidental")  # a territory that names every section
    for comp in stored.competencies:
        assert d.find(f"#competency_{comp.id}").text == comp.name.en
        assert d.find(f"#evidence_{comp.id}").text == t("assess.evidence", n=len(comp.evidence))
        if comp.level is not None:
            bar = d.find(f"#level_{comp.id}")
            assert bar.text == t("assess.level", level=comp.level, levels=stored.levels)


def test_an_indicator_seen_on_few_occasions_says_what_it_counted(practice_debrief):
    """The competency's tip names each indicator; one the rubric counted for less than its
    weight (few occasions this game) says so, with the occasions it rests on."""
    d = practice_debrief
    t = d.app.strings.t
    d.click("#debrief_assessment")
    stored = d.app.play.assessment()
    lighter = [(c, i) for c in stored.competencies for i in c.indicators
               if i.counted is not None and i.counted < i.weight - 0.005]
    assert lighter
    for comp, ind in lighter:
        tip = html.unescape(d.find(f"#competency_{comp.id}").tool_tip_text)
        tip = tip.replace("<br>", "").replace(" ", "")  # wrapped lines lose their spaces
        said = t("assess.indicator_counted", name=ind.name.en,
                 level=t("assess.level", level=ind.level, levels=stored.levels),
                 counted=fmt.number(ind.counted), weight=fmt.number(ind.weight, 0),
                 occasions=ind.occasions, text=ind.explanation.en)
        assert said.split(":")[0].replace(" ", "") in tip, ind.id  # name, level, what it counted


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_competency_tip_opens_whole_within_the_window(make_app, lang):
    """A competency's tip holds its level and every indicator's explanation: long enough, at
    the themed width, to run off the top of the window above the lower rows. Each opens the way
    the window opens it on hover (below the row, else above it) and stands whole on screen."""
    d = finished(make_app, lang=lang)
    d.click("#debrief_assessment")
    manager = d.app.manager
    screen = pygame.Rect((0, 0), manager.window_resolution)
    widened = 0
    for comp in d.app.play.assessment().competencies:
        row = d.find(f"#competency_{comp.id}")
        tip = manager.create_tool_tip(
            text=row.tool_tip_text, position=(row.rect.centerx, row.rect.centery),
            hover_distance=(0, row.rect.height // 2), parent_element=row,
            object_id=row.tool_tip_object_id, wrap_width=row.tool_tip_wrap_width)
        try:
            assert screen.contains(tip.rect), (comp.id, tip.rect)
        finally:
            tip.kill()
        widened += row.tool_tip_wrap_width is not None
    assert widened  # the lower rows' tips do need more than the themed width


def test_each_negotiation_says_of_its_concessions_what_the_score_read(practice_debrief):
    """The debrief's line on a negotiation's concessions is the rubric's reading of that
    negotiation (offers held and terms taken at no cost left out), so the page never praises
    concessions the score marked down."""
    from game.assessment.assess import concessions_as_scored

    d = practice_debrief
    t = d.app.strings.t
    said_of = concessions_as_scored(d.app.play.game.events)
    assert said_of
    for account, verdict in said_of.items():
        d.click(f"#debrief_neg_{account}")
        shown = html.unescape(re.sub(r"<[^>]+>|\s", "", d.find("#negotiation_facts").html_text))
        keys = ("debrief.m.shrank_yes", "debrief.m.shrank_no", "debrief.m.shrank_at_once",
                "debrief.m.shrank_still")
        present = [k for k in keys if re.sub(r"\s", "", t(k)) in shown]
        if verdict.kind == "judged":
            want = ["debrief.m.shrank_yes" if (verdict.score or 0) > 0.5 else "debrief.m.shrank_no"]
        elif verdict.kind in ("at_once", "still"):
            want = [f"debrief.m.shrank_{verdict.kind}"]
        else:
            want = []
        assert present == want, (account, verdict)


def test_assessment_results_are_marked_for_human_review(make_app):
    d = finished(make_app, mode="assessment", lang="zh")
    app = d.app
    d.click("#debrief_assessment")
    notice = d.find("#review_notice")
    assert notice.text == app.strings.t("assess.review_notice")
    assert "人事决定" in notice.text
    assert not d.exists("#undo")
    comp = app.play.assessment().competencies[0]
    assert d.find(f"#competency_{comp.id}").text == comp.name.zh


def test_the_profit_tab_shows_the_games_waterfall_profit_per_round_and_what_was_missed(practice_debrief):
    d = practice_debrief
    app = d.app
    game = app.play.game
    d.click("#debrief_profit")
    ended = next(e for e in reversed(game.events) if e.kind == "game_ended").payload
    steps = app.screen.steps
    assert [s.key for s in steps] == list(WATERFALL_KEYS)
    assert steps[-1].end == ended["waterfall"]["profit"]
    assert steps[-1].end == pytest.approx(ended["totals"]["profit"], abs=0.05)
    assert steps[-2].end == pytest.approx(ended["totals"]["profit"], abs=1.0)
    assert fmt.money(ended["totals"]["profit"]) in d.find("#game_profit").text
    assert d.exists("#game_waterfall") and d.exists("#profit_by_round")
    shown = re.sub(r"<[^>]+>|\s", "", d.find("#missed").html_text)  # the box's text, as wrapped

    def bare(text: str) -> str:
        return re.sub(r"\s", "", html.escape(text, quote=False))

    assert bare(story.missed(game.events, app.names())[0][0]) in shown
    # what the timeline says of a rival's win is what the list of missed occasions says
    for event in game.events:
        if event.kind == "rival_won":
            assert bare(story.line(event, app.names())) in shown


def test_a_score_a_study_measured_shows_its_error_and_says_what_it_means(make_app, monkeypatch):
    from game.records.measurement import Sem

    d = finished(make_app, lang="zh")
    app = d.app
    scored = [c for c in app.play.assessment().competencies if c.score is not None]
    measured, plain = scored[0], scored[1]
    sem = Sem(0.09, 0.3, 0.91, "validity-study", 400, trainees=200)
    monkeypatch.setattr(app.play, "measurement", lambda: {measured.id: sem})
    d.click("#debrief_assessment")
    label = d.find(f"#score_{measured.id}")
    assert label.text == f"{fmt.number(measured.score)} ± 0.09"
    tip = label.tool_tip_text.replace("<br>", "")
    assert "测量标准误" in tip and "200" in tip and "0.25" in tip  # 1.96 x sqrt(2) x 0.09
    assert not d.exists(f"#score_{plain.id}")  # no study measured it: the score alone


def test_a_score_s_error_in_the_window_is_that_of_its_own_game_s_evidence(make_app, monkeypatch):
    import math

    from game.records.measurement import Sem

    d = finished(make_app, lang="en")
    app = d.app
    measured = next(c for c in app.play.assessment().competencies if c.score is not None)
    curve = (0.001, 0.09, 1, 500)
    sem = Sem(0.09, 0.3, 0.91, "validity-study", 400, trainees=200, curve=curve)
    monkeypatch.setattr(app.play, "measurement", lambda: {measured.id: sem})
    d.click("#debrief_assessment")
    label = d.find(f"#score_{measured.id}")
    own = math.sqrt(0.001 + 0.09 / measured.occasions)
    assert label.text == f"{fmt.number(measured.score)} ± {fmt.number(own)}"
    tip = re.sub(r"<br>|\s", "", label.tool_tip_text)  # as wrapped, without the breaks
    assert f"giventhe{measured.occasions}occasionsyourgamegave" in tip
    assert f"morethan{fmt.number(1.96 * math.sqrt(2) * own)}apart" in tip



def test_a_damaged_study_file_leaves_the_scores_alone_and_the_debrief_open(make_app, monkeypatch):
    import game.records.measurement as measurement
    from game.records.errors import RecordsError

    def damaged():
        raise RecordsError.said("scenarios/validity/x.json", "validity_not_report")

    monkeypatch.setattr(measurement, "_shipped", damaged)
    d = finished(make_app)
    assert d.app.play.measurement() == {}
    d.click("#debrief_assessment")
    assert d.exists("#assess_competencies")


def test_a_drill_marks_the_competencies_it_does_not_set_out_to_assess(make_app, monkeypatch):
    """The risk drill names CW-50 alone: contract and risk is what it assesses; the others show
    with a mark and one line says what it means."""
    import game.ui.window as window_module
    from game.scenario.loader import load_scenario

    monkeypatch.setattr(window_module, "load_scenario", load_scenario)  # the drill's own file
    d = finished(make_app, drill="drill-risk")
    app = d.app
    assert app.play.game.scenario.id == "drill-risk"
    d.click("#debrief_assessment")
    result = app.play.assessment()
    for comp in result.competencies:
        mark = "" if comp.id == "contract-risk" else " *"
        assert d.find(f"#competency_{comp.id}").text == comp.name.en
        assert d.find(f"#cw_{comp.id}").text == cw_ranges(comp.cw) + mark
    assert d.find("#assess_incidental").text == app.strings.t("assess.incidental")
