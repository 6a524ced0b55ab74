"""CW-61 performance-based results: what the trainee achieved as a share of what a reference rep
achieves on the same scenario and seed — what the market allowed. Recomputed deterministically
by playing the reference bot; the result is cached per (scenario, seed, bot)."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.assessment.log import EventLog
from game.assessment.results import RelativeKpi, RelativeResult
from game.assessment.rubric import RelativeSpec
from game.engine.events import Event
from game.scenario.models import Scenario

if TYPE_CHECKING:
    from game.engine.game import Game

DIGITS = 6
CACHE_SIZE = 64


@dataclass(frozen=True)
class Reference:
    bot: str
    seed: int
    event_log_sha256: str
    totals: dict[str, float]


_cache: OrderedDict[tuple[str, int, str], Reference] = OrderedDict()


def scenario_digest(scenario: Scenario) -> str:
    return hashlib.sha256(scenario.model_dump_json().encode("utf-8")).hexdigest()


def remember_reference(scenario: Scenario, seed: int, bot: str, game: Game) -> Reference:
    """Keep ``game`` — ``bot`` played on a fresh ``Game(scenario, seed)`` — as the reference
    run, sparing a replay of the same game."""
    from game.engine.review import totals

    ref = Reference(bot, seed, game.log_digest(), {k: float(v) for k, v in totals(game).items()})
    _cache[(scenario_digest(scenario), seed, bot)] = ref
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return ref


def reference_run(scenario: Scenario, seed: int, bot: str) -> Reference:
    """Play ``bot`` on ``scenario`` with ``seed`` (once; later calls hit the cache)."""
    key = (scenario_digest(scenario), seed, bot)
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    from game.bots.base import play
    from game.bots.registry import make_bot
    from game.engine.game import Game

    game = Game(scenario, seed=seed)
    play(game, make_bot(bot, seed))
    return remember_reference(scenario, seed, bot, game)


def relative_result(
    events: Sequence[Event], spec: RelativeSpec, reference: Reference
) -> RelativeResult:
    ended = EventLog(events).of("game_ended")
    totals = ended[-1].payload["totals"] if ended else {}
    kpis = []
    for kpi in spec.kpis:
        value = float(totals[kpi]) if kpi in totals else None
        ref = reference.totals.get(kpi)
        ratio = None if value is None or not ref else round(value / ref, DIGITS)
        kpis.append(RelativeKpi(id=kpi, value=value, reference=ref, ratio=ratio))
    return RelativeResult(
        reference_bot=reference.bot,
        reference_event_log_sha256=reference.event_log_sha256,
        explain=spec.explain,
        kpis=kpis,
        evidence=[ended[-1].seq] if ended else [],
    )
