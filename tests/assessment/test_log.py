"""Queries over a game's event log that several indicators share."""

from __future__ import annotations

from game.assessment.log import EventLog


def test_the_authority_held_before_an_event_follows_the_managers_grants_per_account(log) -> None:
    log.at(1, "negotiation")
    before_talks = log.offer("hx-bank", price=0.05)
    log.add("negotiation_opened", account="hx-bank", deadline=12, authority=0.1, rival="summit")
    log.add("negotiation_opened", account="jinling-mfg", deadline=12, authority=0.1, rival="summit")
    first = log.offer("hx-bank", price=0.1)
    grant = log.add("authority_granted", account="hx-bank", discount=0.15, authority=0.15)
    after = log.offer("hx-bank", price=0.15)
    other = log.offer("jinling-mfg", price=0.1)
    events = EventLog(log.events)
    assert events.authority_before("hx-bank", before_talks) == 0.0
    assert events.authority_before("hx-bank", first) == 0.1
    assert events.authority_before("hx-bank", grant) == 0.1  # the grant counts only after it
    assert events.authority_before("hx-bank", after) == 0.15
    assert events.authority_before("jinling-mfg", other) == 0.1  # another account's grant is not its
