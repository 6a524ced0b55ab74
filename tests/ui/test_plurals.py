"""Counts read as English does: '1 week ran', '1 risk waits', never 'week(s)' or 'risk(s)'."""

from __future__ import annotations

from game.engine.events import Event
from game.ui import story
from game.ui.i18n import Strings


def test_no_event_or_risk_text_hedges_its_plural() -> None:
    en = Strings("en").table
    hedged = [k for k, v in en.items() if k.startswith(("event.", "risk.")) and "(s)" in v]
    assert hedged == []


def test_one_week_run_is_told_in_the_singular() -> None:
    en = Strings("en")
    one = Event(seq=0, round=1, week=1, phase="fulfilment", kind="weeks_ran", payload={"weeks": 1, "left": 12})
    many = Event(seq=0, round=1, week=2, phase="fulfilment", kind="weeks_ran", payload={"weeks": 2, "left": 11})
    assert en.t(story._key(one), weeks=1, left=12) == "1 week ran; 12 left in the round."
    assert en.t(story._key(many), weeks=2, left=11) == "2 weeks ran; 11 left in the round."


def test_one_waiting_risk_is_told_in_the_singular() -> None:
    en = Strings("en")
    assert en.t("risk.waiting_one", n=1) == "1 risk waits for your response."
    assert en.t("risk.waiting", n=3) == "3 risks wait for your response."
