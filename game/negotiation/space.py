"""The outcome space of a negotiation: every combination of the declared issues' options."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from game.negotiation.errors import IllegalMove
from game.negotiation.moves import standard_offer, standard_option, within_authority
from game.scenario.models import NUMERIC_ISSUES, Negotiation
from game.scenario.option_values import option_index

Offer = dict[str, float | str]
"""One value per issue id, each among that issue's options (discounts for ``price``)."""


class OutcomeSpace:
    """The full Cartesian product of the issues' options, as option indices.

    ``grid[i, j]`` is the index of the option of issue ``issues[j]`` in outcome ``i``; outcomes are
    numbered in ``itertools.product`` order (the last issue varies fastest).
    """

    def __init__(self, negotiation: Negotiation) -> None:
        self.issues: list[str] = [issue.id for issue in negotiation.issues]
        self.options: dict[str, list[float | str]] = {}
        for issue in negotiation.issues:
            values: list[float | str] = []
            for value in issue.values:
                if issue.id in NUMERIC_ISSUES and isinstance(value, str):
                    raise ValueError(f"negotiation issue '{issue.id}' needs numbers, not '{value}'")
                values.append(value if isinstance(value, str) else float(value))
            self.options[issue.id] = values
        self.sizes: list[int] = [len(self.options[i]) for i in self.issues]
        # np.indices in C order is itertools.product's order: the last issue varies fastest
        self.grid: np.ndarray = np.ascontiguousarray(
            np.indices(self.sizes, dtype=np.int64).reshape(len(self.issues), -1).T
        )
        self._strides = np.array(
            [math.prod(self.sizes[j + 1 :]) for j in range(len(self.sizes))], dtype=np.int64
        )

    @property
    def n_outcomes(self) -> int:
        return int(self.grid.shape[0])

    def column(self, issue: str) -> int:
        """Position of ``issue`` in ``issues`` (and in the grid's columns)."""
        return self.issues.index(issue)

    def numeric(self, issue: str) -> np.ndarray | None:
        """The issue's option values as floats, or None when some option is a label."""
        values = self.options[issue]
        if any(isinstance(v, str) for v in values):
            return None
        return np.array(values, dtype=float)

    def within_authority(self, authority: float) -> np.ndarray:
        """Which outcomes a rep holding ``authority`` may offer: a discount no deeper than it
        (every outcome when the table has no price issue)."""
        if "price" not in self.options:
            return np.ones(self.n_outcomes, dtype=bool)
        discounts = np.array(self.options["price"], dtype=float)[self.grid[:, self.column("price")]]
        return within_authority(discounts, authority)

    def option_index(self, issue: str, value: object) -> int:
        """Index of ``value`` among ``issue``'s options; IllegalMove if it is not one of them."""
        if issue not in self.options:
            raise IllegalMove(f"'{issue}' is not on the table", "unknown_issue")
        options = self.options[issue]
        try:
            return option_index(options, value)
        except ValueError:
            raise IllegalMove(_not_an_option(issue, value, options), "not_an_option") from None

    def validate(self, offer: Mapping[str, object]) -> None:
        """Raise IllegalMove for a missing or unknown issue or a value not among the options."""
        self.indices(offer)

    def indices(self, offer: Mapping[str, object]) -> list[int]:
        """The option index of every issue (validating the offer)."""
        if not isinstance(offer, Mapping):
            raise IllegalMove("an offer names a value for every issue", "not_an_offer")
        unknown = [k for k in offer if k not in self.options]
        if unknown:
            raise IllegalMove(
                f"'{unknown[0]}' is not on the table (issues: {', '.join(self.issues)})",
                "unknown_issue",
            )
        missing = [i for i in self.issues if i not in offer]
        if missing:
            raise IllegalMove(
                f"the offer says nothing about '{missing[0]}'; name a value for every issue",
                "missing_issue",
            )
        return [self.option_index(issue, offer[issue]) for issue in self.issues]

    def index_of(self, offer: Mapping[str, object]) -> int:
        """The outcome number of a (valid) offer."""
        return int(np.dot(self.indices(offer), self._strides))

    def offer_at(self, i: int) -> Offer:
        """The offer of outcome ``i``, with the options' own values (plain floats and strs)."""
        row = self.grid[int(i)]
        return {
            issue: self.options[issue][int(k)] for issue, k in zip(self.issues, row, strict=True)
        }

    def canonical(self, offer: Mapping[str, object]) -> Offer:
        """The offer with each value replaced by the matching option (ints become floats)."""
        return self.offer_at(self.index_of(offer))


def _not_an_option(issue: str, value: object, options: list[float | str]) -> str:
    shown = ", ".join(f"{o:g}" if isinstance(o, float) else str(o) for o in options)
    return f"{value!r} is not an option for '{issue}' (options: {shown})"


def standard_index(space: OutcomeSpace, issue: str, authority: float | None = None) -> int:
    """The option of ``issue`` that standard terms give (``moves.standard_option``): the middle
    one — for the discount, the middle of those the rep may give on its own authority."""
    return standard_option(space.options, issue, authority)


def standard_terms(space: OutcomeSpace, authority: float | None = None) -> Offer:
    """The company's standard terms: the ``standard_index`` option of every issue. The one
    definition the engine, the trainee view, the metrics and the players share (it lives in
    ``moves.standard_offer``)."""
    return standard_offer(space.options, authority)
