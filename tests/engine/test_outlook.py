"""The planning outlook: the estimate the window shows from the trainee's own research."""

from __future__ import annotations

from game.engine.actions import EndPhase, MarketResearch, Questionnaire
from game.engine.game import Game
from game.engine.outlook import segment_outlook
from game.engine.phases import Phase


def _researched(scenario, matching: float):
    """The view after a questionnaire of ``smb`` and market research, in a scenario whose outlook
    expects the rivals to match ``matching`` of a discount."""
    rivals = scenario.economics.rivals.model_copy(update={"outlook_matching": matching})
    economics = scenario.economics.model_copy(update={"rivals": rivals})
    game = Game(scenario.model_copy(update={"economics": economics}), seed=5)
    while game.phase != Phase.ANALYSIS:
        assert game.apply(EndPhase()).accepted
    assert game.apply(Questionnaire(segment="smb")).accepted
    assert game.apply(MarketResearch()).accepted
    return game.view()


def test_the_outlook_expects_the_rivals_to_match_as_much_of_a_cut_as_the_scenario_says(small):
    """Whether the rivals answer a cut is the outlook's assumption, set in the scenario: a cut wins
    fewer buyers the more of it they are expected to match, and at list price nothing differs."""
    shares = {}
    for matching in (0.0, 0.8, 1.0):
        view = _researched(small, matching)
        channel = view.plan.channels["smb"]
        at_list = segment_outlook(view.brief, view.knowledge, "smb", 0.0, channel)
        cut = segment_outlook(view.brief, view.knowledge, "smb", 0.08, channel)
        assert at_list is not None and cut is not None
        shares[matching] = (at_list.share, cut.share)
    assert shares[0.0][0] == shares[0.8][0] == shares[1.0][0]
    assert shares[0.0][1] > shares[0.8][1] > shares[1.0][1] > 0.0
