"""The trainee view keeps parts that have not changed; what it shows is always what a view built
from scratch would show."""

from __future__ import annotations

from pathlib import Path

from game.bots.base import play
from game.bots.registry import make_bot
from game.engine.actions import Action
from game.engine.game import Game
from game.engine.view import trainee_view
from game.engine.view_models import TraineeView
from game.scenario.loader import load_scenario

ROOT = Path(__file__).resolve().parents[2]


class Checking:
    """Plays like ``inner`` and, at every turn, compares the kept view with a fresh one."""

    def __init__(self, game: Game, inner) -> None:
        self.game, self.inner, self.turns = game, inner, 0
        self.name = inner.name

    def next_action(self, view: TraineeView) -> Action:
        kept = dict(self.game.cache)
        self.game.cache.clear()
        fresh = trainee_view(self.game)
        self.game.cache.update(kept)
        assert view == fresh, f"the kept view differs from a fresh one at turn {self.turns}"
        self.turns += 1
        return self.inner.next_action(view)


def test_the_kept_view_is_always_the_fresh_view() -> None:
    scenario, _ = load_scenario(ROOT / "scenarios" / "key-account-deals.yaml")
    for bot in ("expert", "random"):
        game = Game(scenario, seed=4)
        checking = Checking(game, make_bot(bot, 4))
        play(game, checking)
        assert game.over and checking.turns > 50
        assert any(a.negotiation is not None for a in game.view().accounts)
