"""Credit risk (CW-50): a customer's chance of default over a time span, and the expected loss.

Expected loss = exposure x probability of default x (1 - recovery); a yearly default probability
PD over ``weeks`` weeks is 1 - (1 - PD)^(weeks / 52).
"""

from __future__ import annotations

WEEKS_PER_YEAR = 52.0


def default_probability(yearly: float, weeks: float) -> float:
    """Chance of default within ``weeks`` for a customer with yearly default probability."""
    if not 0.0 <= yearly <= 1.0:
        raise ValueError("a default probability lies in 0..1")
    return 1.0 - (1.0 - yearly) ** (max(0.0, weeks) / WEEKS_PER_YEAR)


def weekly_default_probability(yearly: float) -> float:
    return default_probability(yearly, 1.0)


def expected_loss(exposure: float, yearly: float, weeks: float, recovery: float) -> float:
    """Expected credit loss on a constant ``exposure`` held for ``weeks``."""
    return exposure * default_probability(yearly, weeks) * (1.0 - recovery)
