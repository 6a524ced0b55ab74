"""Headless play through ``RecordedGame``: a bot plays, every action is committed as it goes.

Resuming a bot's session replays the committed actions through the same bot, so the bot's own
state (its random stream, what it has done) is rebuilt exactly; each replayed action is checked
against the store and nothing is written twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.bots.base import play
from game.bots.registry import make_bot
from game.records.autosave import Paced, RecordedGame
from game.records.store import Store
from game.scenario.models import Scenario


@dataclass
class AutoplayResult:
    recorded: RecordedGame
    resumed_from: int | None  # committed actions found when resuming, None for a new session


def autoplay(store: Store, scenario: Scenario, *, scenario_sha256: str, bot: str,
             seed: int | None = None, trainee: str | None = None, mode: str = "practice",
             resume: bool = False, scenario_path: str | None = None,
             pace: float = 0.0) -> AutoplayResult:
    """Play a whole session with ``bot``; with ``resume``, continue the trainee's last open one."""
    player = f"bot:{bot}"
    who = trainee or f"bot-{bot}"
    found = store.last_open_session(who, scenario.id, player) if resume else None
    if found is not None and seed is not None and found.seed != seed:
        found = None
    if found is not None:
        recorded = RecordedGame.catch_up(store, found.id)
        resumed_from: int | None = found.actions
    else:
        recorded = RecordedGame.start(store, who, scenario, scenario_sha256=scenario_sha256,
                                      seed=seed, mode=mode, player=player,
                                      scenario_path=scenario_path)
        resumed_from = None
    engine_bot = make_bot(bot, recorded.game.seed)
    play(Paced(recorded, pace), engine_bot)  # type: ignore[arg-type]
    return AutoplayResult(recorded, resumed_from)
