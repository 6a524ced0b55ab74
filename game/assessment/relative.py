"""CW-61 performance-based results: what the trainee achieved as a share of what a reference rep
achieves on the same scenario and seed — what the market allowed.

At scoring time the reference bot is played (deterministically; cached per scenario, seed and
bot) and its result is kept with the scores (``Reference.stored``): the engine version, the
reference policy's name and version, its KPIs and its event-log sha256. Checking a stored score
later (``verify``) reads that stored reference and never plays the bot again, so a later change
to the bots does not turn every stored record into a mismatch."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from game import ENGINE_VERSION
from game.assessment.log import EventLog
from game.assessment.results import RelativeKpi, RelativeResult
from game.assessment.rubric import RelativeSpec
from game.engine.events import Event
from game.scenario.models import Scenario

if TYPE_CHECKING:
    from game.engine.game import Game

DIGITS = 6
CACHE_SIZE = 64

REFERENCE_POLICY_VERSION = "2"
"""The version of the reference reps' behaviour (any bot a rubric may name as its reference).
Bump it with every change to ``game/bots`` that can change what a reference rep does on some
scenario and seed: a stored reference names the behaviour that produced it, so a report can
tell scores made against different references apart."""

SHA256_HEX = 64


@dataclass(frozen=True)
class Reference:
    """A reference rep's run on one scenario and seed: the bot (policy) and the version of its
    behaviour, the engine that played it, its event-log sha256 and its KPIs (the game's
    totals)."""

    bot: str
    seed: int
    event_log_sha256: str
    totals: dict[str, float]
    engine_version: str = ENGINE_VERSION
    policy_version: str = REFERENCE_POLICY_VERSION

    def stored(self) -> dict[str, Any]:
        """The JSON form kept with the scores."""
        return {
            "policy": self.bot,
            "policy_version": self.policy_version,
            "engine_version": self.engine_version,
            "seed": self.seed,
            "event_log_sha256": self.event_log_sha256,
            "kpis": {k: float(v) for k, v in sorted(self.totals.items())},
        }

    @classmethod
    def from_stored(cls, data: Any) -> Reference:
        """The reference kept with a score (``stored``); ValueError, saying what is wrong, when
        it is not one."""
        if not isinstance(data, dict):
            raise ValueError("the stored reference is not an object")
        wanted = {"policy", "policy_version", "engine_version", "seed", "event_log_sha256", "kpis"}
        if set(data) != wanted:
            missing, extra = sorted(wanted - set(data)), sorted(set(data) - wanted)
            raise ValueError(
                "the stored reference "
                + (f"lacks {', '.join(missing)}" if missing else f"has unknown {', '.join(extra)}")
            )
        for name in ("policy", "policy_version", "engine_version", "event_log_sha256"):
            if not isinstance(data[name], str) or not data[name]:
                raise ValueError(f"the stored reference's {name} is not a non-empty string")
        digest = data["event_log_sha256"]
        if len(digest) != SHA256_HEX or any(c not in "0123456789abcdef" for c in digest):
            raise ValueError("the stored reference's event_log_sha256 is not a sha256")
        if not isinstance(data["seed"], int) or isinstance(data["seed"], bool):
            raise ValueError("the stored reference's seed is not an integer")
        kpis = data["kpis"]
        if not isinstance(kpis, dict) or not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in kpis.values()
        ):
            raise ValueError("the stored reference's kpis are not numbers by name")
        return cls(
            bot=data["policy"],
            seed=data["seed"],
            event_log_sha256=digest,
            totals={str(k): float(v) for k, v in kpis.items()},
            engine_version=data["engine_version"],
            policy_version=data["policy_version"],
        )

    @classmethod
    def from_relative(cls, relative: Any, seed: int, engine_version: str) -> Reference:
        """The reference as a score made before references were stored saw it, rebuilt from
        its relative result (the bot, its event-log sha256 and the reference value of each KPI
        the rubric compares); its policy version is unknown."""
        if not isinstance(relative, dict) or not isinstance(relative.get("kpis"), list):
            raise ValueError("the scores hold no relative result to read the reference from")
        totals = {
            str(k["id"]): float(k["reference"])
            for k in relative["kpis"]
            if isinstance(k, dict) and isinstance(k.get("reference"), int | float)
        }
        return cls(
            bot=str(relative.get("reference_bot", "")),
            seed=seed,
            event_log_sha256=str(relative.get("reference_event_log_sha256", "")),
            totals=totals,
            engine_version=engine_version,
            policy_version="unknown",
        )


_cache: OrderedDict[tuple[str, int, str], Reference] = OrderedDict()


def scenario_digest(scenario: Scenario) -> str:
    return hashlib.sha256(scenario.model_dump_json().encode("utf-8")).hexdigest()


def remember_reference(scenario: Scenario, seed: int, bot: str, game: Game) -> Reference:
    """Keep ``game`` — ``bot`` played on a fresh ``Game(scenario, seed)`` — as the reference
    run, sparing a replay of the same game."""
    from game.engine.review import totals

    ref = Reference(
        bot,
        seed,
        game.log_digest(),
        {k: float(v) for k, v in totals(game).items()},
        engine_version=game.engine_version,
    )
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
    from game.assessment.runs import play_named

    return remember_reference(scenario, seed, bot, play_named(scenario, bot, seed))


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
