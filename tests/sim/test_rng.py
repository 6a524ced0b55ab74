"""The named random streams: one per subsystem, and one per keyed action."""

from __future__ import annotations

import pytest

from game.sim.rng import keyed_stream, stream


def test_a_keyed_stream_depends_on_its_seed_and_every_part_of_its_key() -> None:
    first = keyed_stream(7, "research", 1, "interview", "hx-bank", 0).random(4).tolist()
    assert keyed_stream(7, "research", 1, "interview", "hx-bank", 0).random(4).tolist() == first
    others = [
        keyed_stream(8, "research", 1, "interview", "hx-bank", 0),
        keyed_stream(7, "research", 2, "interview", "hx-bank", 0),
        keyed_stream(7, "research", 1, "questionnaire", "hx-bank", 0),
        keyed_stream(7, "research", 1, "interview", "tz-mfg", 0),
        keyed_stream(7, "research", 1, "interview", "hx-bank", 1),
        stream(7, "research"),
    ]
    assert all(rng.random(4).tolist() != first for rng in others)


def test_a_negative_key_part_is_refused() -> None:
    with pytest.raises(ValueError):
        keyed_stream(7, "research", -1)
