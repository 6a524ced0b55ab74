"""Played games: research focused on targets earns credit only when the targets have the
potential. A rep that names as its target the segment with least still to win and researches
only that was credited in full for focus (1.00); now it earns nothing, while the same rep aiming
at the segment with most still to win keeps it."""

from __future__ import annotations

import pytest

from game.assessment.assess import assess, standard_rubric
from game.bots.base import play
from game.bots.graded import NOVICE, GradedRep
from game.engine.actions import Action, Questionnaire, SelectTargets
from game.engine.game import Game
from game.engine.potential import potentials
from game.engine.view_models import TraineeView
from game.scenario.loader import load_scenario


class _Aims(GradedRep):
    """The novice with one change: each round it aims its research (and its field effort) at
    one segment, the one with most (``best``) or least potential by the figures it has."""

    def __init__(self, seed: int, best: bool) -> None:
        super().__init__(seed, NOVICE)
        self.best = best

    def _segment(self, view: TraineeView) -> str:
        market = view.brief.market
        figures = [*view.history, *view.kpis][-1].segments
        worth = potentials(market.customers, ((s.id, s.share) for s in market.segments), figures)
        pick = max if self.best else min
        return pick(sorted(worth), key=lambda s: worth[s])

    def _analysis(self, view: TraineeView) -> Action | None:
        seg = self._segment(view)
        for key, action in (((view.round, "q"), Questionnaire(segment=seg)),
                            ((view.round, "t"), SelectTargets(segments=[seg], accounts=[]))):
            if key not in self._done:
                self._done.add(key)
                return action
        return None

    def effort_shares(self, view: TraineeView) -> dict[str, float]:
        seg = self._segment(view)
        return {s.id: float(s.id == seg) for s in view.brief.market.segments}


@pytest.mark.parametrize("seed", [1, 2])
def test_focus_on_the_segment_with_least_potential_earns_nothing(seed: int) -> None:
    scenario, _ = load_scenario("scenarios/east-china-territory.yaml")
    rubric, sha = standard_rubric()
    found = {}
    for best in (False, True):
        game = Game(scenario, seed=seed)
        play(game, _Aims(seed, best))
        found[best] = {i.id: i for c in assess(game, rubric, sha).competencies
                       for i in c.indicators}
    worst, top = found[False], found[True]
    name = "research_on_targets"
    assert worst[name].value == 0.0, worst[name].value
    assert worst[name].occasions == top[name].occasions > 0
    assert top[name].value is not None and top[name].value >= 0.9, top[name].value
