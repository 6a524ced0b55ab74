"""Profit in the window: the review's waterfall by cause adds up to the round's profit, the
planning outlook comes from the engine once the research exists (a hint before), the field plan
warns when empty, and every event the engine records is told as a sentence."""

from __future__ import annotations

import re

import pygame
import pytest

from game.bots.registry import make_bot
from game.engine.actions import EndPhase, SetForecast
from game.engine.game import Game
from game.engine.outlook import segment_outlook
from game.engine.phases import Phase
from game.ui import charts, fmt, story
from game.ui.i18n import LANGUAGES, Strings
from game.ui.screens.names import Names
from game.ui.screens.profit import WATERFALL_KEYS
from game.ui.script import Driver


def started(make_app, lang: str = "en") -> Driver:
    app = make_app(lang=lang)
    d = Driver(app)
    d.pump(2)
    d.click(f"#lang_{lang}")
    d.click("#mode_practice")
    d.click("#start_game")
    return d


def end_phase(d: Driver) -> None:
    d.key("RETURN")
    if d.app.dialog is not None:
        d.key("RETURN")


def to_phase(d: Driver, phase: Phase, round_no: int = 1, bot: str = "expert") -> None:
    """The bot plays (through the recorded game, as the window does) up to ``phase``."""
    game = d.app.play.recorded
    player = make_bot(bot, game.seed)
    while not (game.round == round_no and game.phase == phase):
        if not game.apply(player.next_action(game.view())).accepted:
            assert game.apply(EndPhase()).accepted
    d.app.refresh(force=True)
    d.pump(2)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_review_shows_the_profit_waterfall_whose_parts_add_up_to_the_profit(make_app, lang):
    d = started(make_app, lang)
    app = d.app
    to_phase(d, Phase.REVIEW)
    assert app.screen_key() == "review"
    reviewed = [e for e in app.play.game.events if e.kind == "round_reviewed"][-1].payload["kpis"]
    screen = app.screen
    steps = screen.steps
    assert [s.key for s in steps] == list(WATERFALL_KEYS)
    assert [s.label for s in steps] == [app.strings.t("profit.part." + k) for k in WATERFALL_KEYS]
    # each part starts where the one before it ended, and the parts add up to the profit
    for before, step in zip(steps[1:-2], steps[2:-1], strict=True):
        assert step.start == pytest.approx(before.end)
    assert steps[0].end == reviewed["waterfall"]["volume"]
    for step in steps[1:-1]:
        assert step.end - step.start == pytest.approx(reviewed["waterfall"][step.key], abs=0.01)
    assert steps[-1].end == reviewed["profit"]
    assert steps[-2].end == pytest.approx(reviewed["profit"], abs=0.1)
    heading = d.find("#round_profit").text
    assert fmt.money(reviewed["profit"]) in heading
    # the profit bar is drawn where its value puts it, green when there is a profit
    image = d.find("#profit_waterfall").image
    w, h = image.get_size()
    slot = (w - 16) / len(steps)
    if reviewed["profit"] > 0:
        assert image.get_at((int(8 + slot * (len(steps) - 0.5)), h - 45))[:3] == charts.GOOD
    # the stock line says what the round's stock was ordered on
    ordered = [e for e in app.play.game.events if e.kind == "stock_ordered"][-1].payload
    box = d.find("#review_consequences").html_text
    assert fmt.money(ordered["forecast"]) in box
    assert d.exists("#kpi_chart") and d.exists("#review_figures")  # KPIs against target stay
    if lang == "zh":
        assert not re.search(r"[A-Za-z]{3,}", re.sub(r"<[^>]+>", "", box)), box


def test_the_planning_outlook_appears_after_research_and_a_hint_before(make_app):
    d = started(make_app)
    app = d.app
    t = app.strings.t
    end_phase(d)  # briefing -> analysis, no research
    end_phase(d)
    assert app.screen_key() == "planning"
    for seg in app.view.brief.market.segments:
        assert d.find(f"#outlook_{seg.id}").text == t("planning.outlook_needs_both")
    assert d.find("#forecast_note").text == t("planning.forecast_note")
    # the next round: a questionnaire of one segment and market research first
    to_phase(d, Phase.ANALYSIS, round_no=2, bot="idle")
    d.select("#q_segment", "midmarket")
    d.click("#run_questionnaire")
    d.key("3")
    assert app.view.knowledge.market is not None
    end_phase(d)
    assert app.screen_key() == "planning"
    view = app.view

    def expected(discount: float) -> str:
        o = segment_outlook(view.brief, view.knowledge, "midmarket", discount, view.plan.channels["midmarket"])
        assert o is not None
        return t("planning.outlook_value", share=fmt.pct(o.share, 0), contribution=fmt.money(o.contribution))

    assert d.find("#outlook_midmarket").text == expected(0.0)
    assert d.find("#outlook_smb").text == t("planning.outlook_needs_questionnaire")
    d.slide("#discount_midmarket", 8)
    assert d.find("#outlook_midmarket").text == expected(0.08)
    assert expected(0.08) != expected(0.0)


def test_an_empty_field_plan_warns_and_is_never_sent(make_app):
    d = started(make_app)
    app = d.app
    t = app.strings.t
    to_phase(d, Phase.PLANNING, bot="idle")
    game = app.play.game
    assert not any(app.view.plan.effort_shares.values())  # the plan starts with no field effort
    total = d.find("#effort_total")
    assert total.text == t("planning.no_field_plan")
    assert "@value_warn" in total.get_class_ids()
    d.slide("#effort_smb", 40)
    assert d.find("#effort_total").text.startswith(t("planning.effort_total", total=40))
    d.click("#apply_plan")
    assert app.view.plan.effort_shares["smb"] == pytest.approx(1.0)
    assert app.status[1] == "good"
    d.slide("#effort_smb", 0)
    assert d.find("#effort_total").text == t("planning.no_field_plan")
    actions = len(game.actions)
    d.click("#apply_plan")
    assert len(game.actions) == actions  # nothing the engine would refuse was sent
    assert app.view.plan.effort_shares["smb"] == pytest.approx(1.0)
    assert app.status == (t("planning.effort_kept"), "warn")


def test_every_event_a_game_records_is_told_as_a_sentence(small):
    """Several bots' games between them record the stock, rival, renewal and service events;
    each is told in both languages, never as the generic fallback."""
    seen: dict[str, int] = {}
    games = []
    for bot, seed in (("expert", 3), ("novice", 5), ("random", 2), ("idle", 1)):
        game = Game(small, seed=seed)
        player = make_bot(bot, seed)
        while not game.over:
            if not game.apply(player.next_action(game.view())).accepted:
                game.apply(EndPhase())
        games.append(game)
    short = Game(small, seed=4)  # a forecast far below the market: stock runs out
    while not short.over:
        if short.phase == Phase.PLANNING and short.view().plan.forecast is None:
            short.apply(SetForecast(revenue=1000.0))
        short.apply(EndPhase())
    games.append(short)
    for game in games:
        for lang in LANGUAGES:
            s = Strings(lang)
            names = Names(game.view().brief, s)
            fallback = s.t("event.other", kind="")
            for event in game.events:
                text = story.line(event, names)
                if text is None:
                    continue
                seen[event.kind] = seen.get(event.kind, 0) + 1
                assert fallback not in text, (event.kind, text)
                assert "{" not in text, text
                if lang == "zh":
                    bare = re.sub(r"\b(?:AAA|AA|BBB|BB|CCC)\b", "", text)  # credit ratings
                    assert not re.search(r"[A-Za-z]{3,}", bare), text
    for kind in ("stock_ordered", "stock_out", "rival_won", "opportunity_lost", "contract_renewed",
                 "delivery_incident", "complaint_received"):
        assert seen.get(kind), f"no game told a '{kind}'"


def test_missed_occasions_name_the_rivals_wins_and_sum_the_lost_sales(small):
    game = Game(small, seed=5)
    player = make_bot("idle", 5)
    while not game.over:
        if not game.apply(player.next_action(game.view())).accepted:
            game.apply(EndPhase())
    names = Names(game.view().brief, Strings("en"))
    lines = story.missed(game.events, names)
    lost = sum(e.payload["kpis"]["lost_sales"] for e in game.events if e.kind == "round_reviewed")
    assert fmt.money(lost) in lines[0][0]
    wins = [e for e in game.events if e.kind == "rival_won"]
    assert wins, "an idle rep loses the opportunities"
    told = [text for text, style in lines if style == "bad"]
    for e in wins:
        assert any(story.line(e, names) in text for text in told)


def test_the_waterfall_chart_puts_each_part_where_the_running_total_stands():
    pygame.init()
    charts.reset()  # fonts opened before another test's pygame.quit() are no longer valid
    steps = charts.waterfall_steps([("volume", "V", 100.0), ("price", "P", -30.0), ("stock", "S", 10.0),
                                    ("profit", "Pr", 80.0)])
    assert [(s.start, s.end, s.total) for s in steps] == [(0.0, 100.0, True), (100.0, 70.0, False),
                                                          (70.0, 80.0, False), (0.0, 80.0, True)]
    surface = charts.waterfall((400, 200), steps, lambda s: f"{s.end - s.start:+.0f}")
    slot = (400 - 16) / 4

    def colour_at(i: int, value: float) -> tuple[int, int, int]:
        y = 160 - (160 - 22) * value / (100 * 1.06)
        return surface.get_at((int(8 + slot * (i + 0.5)), int(y)))[:3]

    assert colour_at(0, 50) == charts.BLUE
    assert colour_at(1, 85) == charts.BAD  # the fall from 100 to 70
    assert colour_at(2, 75) == charts.GOOD  # the rise from 70 to 80
    assert colour_at(3, 40) == charts.GOOD


def test_no_number_shows_as_minus_zero():
    assert fmt.money(-0.4) == "0" and fmt.money(-0.0) == "0"
    assert fmt.pct(-0.00001) == "0.0%" and fmt.number(-0.001) == "0.00"
    assert fmt.money_short(-0.3, "en") == "0" and fmt.signed_money_short(-0.3, "zh") == "0"
    assert fmt.signed_money_short(-45_000, "en") == "-45k"
    assert fmt.signed_money_short(4_500, "en") == "+4.5k"
    assert fmt.money_short(-1_234_567, "zh") == "-123万"


@pytest.mark.parametrize("ratio", [0.5, 1.5])
def test_the_reviews_forecast_line_judges_by_the_assessments_aim(make_app, monkeypatch, ratio):
    """Green when the round's forecast error is within the rubric's forecast_error target, amber
    beyond it, and the line says what the aim is: not a threshold of the screen's own."""
    import game.ui.screens.review as review_module
    from game.assessment.assess import standard_rubric

    d = started(make_app, "en")
    to_phase(d, Phase.REVIEW)
    error = d.app.view.kpis[-1].forecast_error
    assert error is not None and error > 0
    rubric, sha = standard_rubric()
    aim = round(error * ratio, 4)
    objective = [k.model_copy(update={"target": aim}) if k.id == "forecast_error" else k
                 for k in rubric.objective]
    moved = rubric.model_copy(update={"objective": objective})
    monkeypatch.setattr(review_module, "standard_rubric", lambda: (moved, sha))
    d.app.refresh(force=True)
    d.pump(2)
    text = d.find("#review_figures").html_text
    parts = text.split("<br>")
    first = next(k for k, part in enumerate(parts) if "off by" in part)
    colour = "#5fd69a" if ratio > 1 else "#f5c451"
    wrapped = [part for part in parts[first:first + 3] if colour in part]  # a line may wrap
    said = " ".join(re.sub(r"<[^>]+>", "", part) for part in wrapped)
    assert wrapped[0] == parts[first] and f"{fmt.pct(aim, trim=True)} or less" in said
