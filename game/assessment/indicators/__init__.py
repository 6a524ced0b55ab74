"""Behavioural indicators, read from the event log only; importing this package registers them
all in ``INDICATORS``."""

from game.assessment.indicators import (  # noqa: F401  (registration)
    analysis,
    conduct,
    contract,
    data,
    negotiation,
    planning,
    service,
)
from game.assessment.indicators.base import INDICATORS, IndicatorDef, IndicatorResult

__all__ = ["INDICATORS", "IndicatorDef", "IndicatorResult"]
