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
from game.records.classes import ClassInfo
from game.records.live_sync import LiveSync
from game.records.store import Store
from game.scenario.models import Scenario


@dataclass
class AutoplayResult:
    recorded: RecordedGame
    resumed_from: int | None  # committed actions found when resuming, None for a new session
    sync_error: str | None = None  # why the class's LRS did not take the last statements


def autoplay(store: Store, scenario: Scenario, *, scenario_sha256: str, bot: str,
             seed: int | None = None, trainee: str | None = None, mode: str = "practice",
             resume: bool = False, scenario_path: str | None = None,
             pace: float = 0.0, class_info: ClassInfo | None = None) -> AutoplayResult:
    """Play a whole session with ``bot``; with ``resume``, continue the trainee's last open one.
    In a class (``class_info``) the bot plays the class's case for a trainee of its roster, and
    the statements go to the class's LRS while it plays (``LiveSync``)."""
    player = f"bot:{bot}"
    who = trainee or f"bot-{bot}"
    if class_info is not None:
        scenario, seed = class_info.scenario, class_info.seed
    found = store.last_open_session(who, scenario.id, player) if resume else None
    if found is not None and seed is not None and found.seed != seed:
        found = None
    if found is not None:
        recorded = RecordedGame.catch_up(store, found.id)
        resumed_from: int | None = found.actions
    else:
        recorded = RecordedGame.start(store, who, scenario, scenario_sha256=scenario_sha256,
                                      seed=seed, mode=mode, player=player,
                                      scenario_path=scenario_path, class_info=class_info)
        resumed_from = None
    live = None
    if recorded.class_info is not None and recorded.class_info.lrs is not None:
        live = LiveSync(store.folder, recorded.class_info.lrs).start()
    try:
        engine_bot = make_bot(bot, recorded.game.seed)
        play(Paced(recorded, pace), engine_bot)  # type: ignore[arg-type]
    finally:
        if live is not None:
            live.stop()
    return AutoplayResult(recorded, resumed_from, None if live is None else live.last_error)
