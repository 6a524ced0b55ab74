"""A question's tip tells the trainee what asking it does to the customer's trust, as the game
plays it: the tips are checked against a real negotiation, not against a list of words."""

from __future__ import annotations

import numpy as np
import pytest

from game.negotiation.session import NegotiationSession
from game.scenario.models import Scenario
from game.ui.i18n import Strings

BUILDS = {"en": "builds trust", "zh": "增进信任"}
TOPICS = ("needs", "priorities", "timeline", "budget", "competitors")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("topic", TOPICS)
def test_a_tip_says_asking_builds_trust_only_where_it_does(shipped: Scenario, lang: str,
                                                          topic: str) -> None:
    session = NegotiationSession(shipped, "hx-bank", np.random.default_rng(0))
    before = session.trust
    session.ask(topic)  # the first question, before any offer
    builds = session.trust > before
    tip = Strings(lang).t(f"tip.topic.{topic}")
    assert (BUILDS[lang] in tip) == builds, (topic, tip)
