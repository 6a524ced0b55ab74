"""Linear-additive utilities of every outcome: the customer's (hidden) and the seller's (profit).

Conventions: the customer's utility lies in [0, 1]; the seller's is profit rescaled so that the
most profitable outcome is 1 and a profit of 0 (walking away) is the seller's reservation value.
"No deal" is worth the reservation value to both sides.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from game.negotiation.errors import IllegalMove
from game.negotiation.moves import usual_values
from game.negotiation.space import OutcomeSpace
from game.scenario.models import KeyAccount, Scenario

_DECIMALS = 12  # utilities are rounded so that mathematically equal outcomes tie exactly


def normalised_weights(space: OutcomeSpace, account: KeyAccount) -> dict[str, float]:
    """The account's issue weights over the space's issues, summing to 1 (absent issues: 0)."""
    raw = {
        issue: max(0.0, float(account.preferences.weights.get(issue, 0.0)))
        for issue in space.issues
    }
    total = sum(raw.values())
    if total <= 0:
        raise ValueError(f"key account '{account.id}' gives no weight to any issue on the table")
    return {issue: w / total for issue, w in raw.items()}


def default_value_table(space: OutcomeSpace, issue: str) -> np.ndarray:
    """What a customer usually thinks of each option, 0..1, when the scenario does not say
    (``moves.usual_values``): a bigger discount, more volume, faster delivery and longer payment
    terms are better, linearly in the value; service and training are better the later the
    option is listed.
    """
    return usual_values(space.options, issue)


def value_tables(space: OutcomeSpace, account: KeyAccount) -> dict[str, np.ndarray]:
    """The account's value (0..1) of every option of every issue."""
    tables = {}
    for issue in space.issues:
        given = account.preferences.values.get(issue)
        tables[issue] = (
            np.clip(np.array(given, dtype=float), 0.0, 1.0)
            if given is not None
            else default_value_table(space, issue)
        )
    return tables


def customer_utilities(space: OutcomeSpace, account: KeyAccount) -> np.ndarray:
    """The account's utility, in [0, 1], of every outcome of the space."""
    weights = normalised_weights(space, account)
    tables = value_tables(space, account)
    u = np.zeros(space.n_outcomes)
    for j, issue in enumerate(space.issues):
        u += weights[issue] * tables[issue][space.grid[:, j]]
    return np.round(np.clip(u, 0.0, 1.0), _DECIMALS)


def offer_utility(space: OutcomeSpace, account: KeyAccount, offer: Mapping[str, object]) -> float:
    """The account's utility of an offer that may fall between the options (a rival's bid).

    Numeric values are interpolated between the options' values (and clamped to their range);
    labels must be among the options.
    """
    weights = normalised_weights(space, account)
    tables = value_tables(space, account)
    total = 0.0
    for issue in space.issues:
        if issue not in offer:
            raise IllegalMove(f"the offer says nothing about '{issue}'", "missing_issue")
        value = offer[issue]
        numbers = space.numeric(issue)
        if numbers is not None and isinstance(value, int | float) and not isinstance(value, bool):
            order = np.argsort(numbers)
            v = float(np.interp(float(value), numbers[order], tables[issue][order]))
        else:
            v = float(tables[issue][space.option_index(issue, value)])
        total += weights[issue] * v
    return round(min(1.0, max(0.0, total)), _DECIMALS)


def _units(space: OutcomeSpace, account: KeyAccount) -> np.ndarray:
    if "volume" not in space.issues:
        return np.full(space.n_outcomes, float(account.volume))
    shares = np.array(space.options["volume"], dtype=float)
    return shares[space.grid[:, space.column("volume")]] * account.volume


def option_costs(space: OutcomeSpace, scenario: Scenario, list_price: float) -> dict[str, np.ndarray]:
    """Cost per unit of every option of the cost-bearing issues: delivery speed (interpolated
    between the company's ``delivery_cost`` points), service level and training."""
    company = scenario.company
    tables: dict[str, np.ndarray] = {}
    if "delivery_weeks" in space.issues:
        weeks = np.array(space.options["delivery_weeks"], dtype=float)
        known = sorted(company.delivery_cost)
        tables["delivery_weeks"] = np.interp(weeks, known, [company.delivery_cost[k] for k in known])
    if "service" in space.issues:
        per_option = []
        for level in space.options["service"]:
            key = level if isinstance(level, str) else f"{level:g}"
            if key not in company.service_cost:
                raise ValueError(
                    f"service level '{key}' has no cost in company.service_cost "
                    f"(known: {', '.join(company.service_cost)})"
                )
            per_option.append(company.service_cost[key])
        tables["service"] = np.array(per_option, dtype=float)
    if "training" in space.issues:
        n = len(space.options["training"])
        tables["training"] = company.training_cost_share * list_price * np.arange(n) / (n - 1)
    return tables


def _per_unit_costs(space: OutcomeSpace, scenario: Scenario, list_price: float) -> np.ndarray:
    """Delivery, service and training cost per unit of every outcome."""
    cost = np.zeros(space.n_outcomes)
    for issue, table in option_costs(space, scenario, list_price).items():
        cost += table[space.grid[:, space.column(issue)]]
    return cost


def per_unit_cost(
    space: OutcomeSpace, scenario: Scenario, terms: Mapping[str, object], list_price: float
) -> float:
    """Delivery, service and training cost per unit of one agreed set of terms."""
    return float(sum(
        table[space.option_index(issue, terms[issue])]
        for issue, table in option_costs(space, scenario, list_price).items()
        if issue in terms
    ))


def profit(space: OutcomeSpace, scenario: Scenario, account: KeyAccount) -> np.ndarray:
    """The company's profit (money) on every outcome of a deal with ``account``."""
    product = scenario.product(account.product)
    discounts = np.array(space.options["price"], dtype=float)[space.grid[:, space.column("price")]]
    price = product.list_price * (1.0 - discounts)
    units = _units(space, account)
    margin = price - product.unit_cost - _per_unit_costs(space, scenario, product.list_price)
    result = units * margin
    if "payment_days" in space.issues:
        days = np.array(space.options["payment_days"], dtype=float)
        days = days[space.grid[:, space.column("payment_days")]]
        result -= price * units * scenario.company.credit_rate * days / 365.0
    return result


def _scale(money: np.ndarray) -> tuple[float, float]:
    """(low, high) of the profit scale: low is at most 0 and high at least 0."""
    return min(float(money.min()), 0.0), max(float(money.max()), 0.0)


def seller_utilities(space: OutcomeSpace, scenario: Scenario, account: KeyAccount) -> np.ndarray:
    """The seller's utility of every outcome: profit rescaled so the best outcome is 1."""
    money = profit(space, scenario, account)
    low, high = _scale(money)
    if high == low:
        return np.zeros(space.n_outcomes)
    return np.round((money - low) / (high - low), _DECIMALS)


def seller_rv(space: OutcomeSpace, scenario: Scenario, account: KeyAccount) -> float:
    """The seller's reservation value: the utility of a profit of 0 (no deal)."""
    low, high = _scale(profit(space, scenario, account))
    if high == low:
        return 0.0
    return round(-low / (high - low), _DECIMALS)
