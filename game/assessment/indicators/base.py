"""What an indicator is: a pure function of the event log (and the scenario) with a known shape.

Every indicator reads only events, never UI or engine state, and returns an
:class:`IndicatorResult`: a value in 0..1 (``None`` when the behaviour had no occasion to show),
the sequence numbers of the events behind it, and the numbers its explanation is written from.
The explanation's wording is data: the rubric holds one template per language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from game.engine.events import Event
from game.scenario.models import Scenario

Params = Mapping[str, Any]


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator's reading of a game.

    ``value`` is 0..1 (None: not applicable), ``evidence`` the seqs of the events it rests on and
    ``facts`` the named numbers the rubric's explanation template is filled with.
    """

    value: float | None
    evidence: tuple[int, ...]
    facts: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.value is not None and not 0.0 <= self.value <= 1.0:
            raise ValueError(f"an indicator value must lie in 0..1, not {self.value}")
        if self.value is not None and not self.evidence:
            raise ValueError("an indicator with a value must cite the events behind it")


IndicatorFn = Callable[[Sequence[Event], Scenario, Params], IndicatorResult]


@dataclass(frozen=True)
class IndicatorDef:
    """A registered indicator: its function, the facts its explanation may use, the parameters
    the rubric must give it and those it may give (a rule added later: a rubric written before
    it, such as one kept with a stored record, scores as it did then)."""

    id: str
    fn: IndicatorFn
    facts: frozenset[str]
    params: frozenset[str]
    occasions: str  # the fact that counts the occasions the indicator judged
    optional: frozenset[str] = frozenset()

    def occasions_of(self, result: IndicatorResult) -> int:
        """How many occasions ``result`` rests on (0 when not applicable)."""
        if result.value is None:
            return 0
        return int(result.facts.get(self.occasions, 0) or 0)


INDICATORS: dict[str, IndicatorDef] = {}


def indicator(
    name: str, facts: Sequence[str], params: Sequence[str] = (), optional: Sequence[str] = ()
) -> Callable[[IndicatorFn], IndicatorFn]:
    """Register ``fn`` as indicator ``name``; ``facts`` are the keys of its result's facts, the
    first of them the count of occasions judged; ``params`` the rubric must give, ``optional``
    it may."""

    def register(fn: IndicatorFn) -> IndicatorFn:
        if name in INDICATORS:
            raise ValueError(f"indicator '{name}' is registered twice")
        INDICATORS[name] = IndicatorDef(name, fn, frozenset(facts), frozenset(params), facts[0],
                                        frozenset(optional))
        return fn

    return register


def mean(values: Sequence[float]) -> float | None:
    """The mean of ``values`` (None for none), clipped to 0..1 against rounding."""
    if not values:
        return None
    return min(1.0, max(0.0, sum(values) / len(values)))


def clip01(x: float) -> float:
    return min(1.0, max(0.0, x))


def beyond_chance(share: float, base: float) -> float:
    """How far ``share`` lies from what spreading evenly would give (``base``), on -1..1: 1 when
    everything went to the chosen few, 0 at the even spread, -1 when nothing did. Averaging these
    before clipping keeps an unfocused player at 0 on average instead of rewarding its luck."""
    if base >= 1.0 - 1e-9 or base <= 1e-9:
        return 0.0
    if share >= base:
        return min(1.0, (share - base) / (1.0 - base))
    return max(-1.0, (share - base) / base)


def clipped_mean(values: Sequence[float]) -> float | None:
    """The mean of signed per-round values, clipped to 0..1 (None for none)."""
    if not values:
        return None
    return clip01(sum(values) / len(values))
