"""A missed target never reads "missed (100%)": a rep at 99.6 % of target clicked the assessment
tab and saw a missed target at 100 %; the share keeps the decimals that make it true."""

from __future__ import annotations

from game.ui.screens.debrief import attainment_text
from tests.ui.test_debrief import finished


def test_a_target_missed_by_a_hair_shows_its_shortfall_on_the_assessment_tab(make_app, monkeypatch):
    d = finished(make_app)
    app = d.app
    stored = app.play.assessment()
    kpi = next(k for k in stored.objective if k.target is not None)
    near = kpi.model_copy(update={"met": False, "attainment": 0.996})
    objective = [near if k.id == kpi.id else k for k in stored.objective]
    monkeypatch.setattr(app.play, "assessment",
                        lambda: stored.model_copy(update={"objective": objective}))
    d.click("#debrief_assessment")
    shown = d.find(f"#objective_{kpi.id}").text
    assert shown == app.strings.t("assess.attainment", verdict=app.strings.t("review.missed"),
                                  pct="99.6%")


def test_attainment_keeps_whole_percentages_where_they_are_true() -> None:
    assert attainment_text(0.87, met=False) == "87%"
    assert attainment_text(1.004, met=True) == "100%"
    assert attainment_text(0.9996, met=False) == "99.96%"
    assert attainment_text(0.99999, met=False) == "<100%"
