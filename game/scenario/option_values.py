"""How a key account values each option of an issue, 0..1: its own ``preferences.values`` where
it gives them, else what a customer usually thinks. Defined once here, at the bottom layer, so the
negotiation (``game.negotiation.moves``) and the persona's stated needs
(``game.scenario.persona_text``) read the same tables.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

FLOAT_TOLERANCE = 1e-6  # a number this close to an option is that option


def option_index(options: Sequence[float | str], value: object) -> int:
    """Position of ``value`` among ``options`` (numbers match within ``FLOAT_TOLERANCE``);
    ValueError when it is not one of them."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not an option")
    if isinstance(value, int | float | np.integer | np.floating):
        for k, option in enumerate(options):
            if not isinstance(option, str) and abs(float(value) - float(option)) <= FLOAT_TOLERANCE:
                return k
    elif isinstance(value, str):
        for k, option in enumerate(options):
            if isinstance(option, str) and option == value:
                return k
    raise ValueError(f"{value!r} is not an option (options: {list(options)})")


NUMERIC_USUAL = ("price", "volume", "payment_days", "delivery_weeks")
"""Issues whose numbers say which way is better: more discount, volume and payment days, and
fewer delivery weeks."""


def usual_option_values(issue: str, options: Sequence[float | str]) -> np.ndarray:
    """What a customer usually thinks of each option of ``issue``, 0..1: a bigger discount, more
    volume, faster delivery and longer payment terms are better, linearly in the value; an issue
    of labels (service, training) is better the later the option is listed."""
    n = len(options)
    numeric = not any(isinstance(v, str) for v in options)
    if issue in NUMERIC_USUAL and numeric:
        numbers = np.array(options, dtype=float)
        span = numbers.max() - numbers.min()
        if span == 0:
            return np.ones(n)
        rising = (numbers - numbers.min()) / span
        return 1.0 - rising if issue == "delivery_weeks" else rising
    return np.arange(n, dtype=float) / (n - 1)


def account_option_values(
    issue: str, options: Sequence[float | str], given: Mapping[str, Sequence[float]]
) -> np.ndarray:
    """The account's value of each option of ``issue``: its own values (clipped to 0..1) when it
    gives one per option, else the usual ones."""
    own = given.get(issue)
    if own is not None and len(own) == len(options):
        return np.clip(np.array(own, dtype=float), 0.0, 1.0)
    return usual_option_values(issue, options)


def normalised_issue_weights(
    issues: Sequence[str], weights: Mapping[str, float]
) -> dict[str, float]:
    """The account's weights over ``issues`` (in that order), summing to 1; absent issues 0."""
    raw = {issue: max(0.0, float(weights.get(issue, 0.0))) for issue in issues}
    total = sum(raw.values())
    return {issue: (w / total if total > 0 else 0.0) for issue, w in raw.items()}


def stated_top_issues(weights: Mapping[str, float], n: int = 2) -> list[str]:
    """The issues a customer names when asked what matters most: its ``n`` heaviest, ties in
    issue order. The interview's answer and the persona's needs text both say these."""
    return sorted(weights, key=lambda i: -weights[i])[:n]
