"""Fixtures for the negotiation tests: the shipped scenario and variants of it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.scenario.models import Scenario

SHIPPED = Path(__file__).resolve().parents[2] / "scenarios" / "east-china-territory.yaml"


@pytest.fixture(scope="session")
def east_china() -> Scenario:
    return Scenario.model_validate(yaml.safe_load(SHIPPED.read_text(encoding="utf-8")))


def _variant(base: Scenario, account_id: str, **changes: Any) -> Scenario:
    data = base.model_dump(mode="python")
    for account in data["key_accounts"]:
        if account["id"] == account_id:
            for key, value in changes.items():
                if key in ("reservation", "weights", "values"):
                    account["preferences"][key] = value
                else:
                    account[key] = value
    return Scenario.model_validate(data)


@pytest.fixture(scope="session")
def variant(east_china: Scenario) -> Callable[..., Scenario]:
    """``variant(account_id, tactic={...}, trust=..., deadline=..., reservation=...)``: the
    shipped scenario with one key account changed."""

    def make(account_id: str, **changes: Any) -> Scenario:
        return _variant(east_china, account_id, **changes)

    return make


def single_price_scenario(
    base: Scenario, unit_cost: float, list_price: float, discounts: list[float], reservation: float
) -> Scenario:
    """A one-issue (price) deal for 'hx-bank' with the given product economics."""
    data = base.model_dump(mode="python")
    for product in data["company"]["products"]:
        if product["id"] == "notebook":
            product["unit_cost"] = unit_cost
            product["list_price"] = list_price
    data["negotiation"]["issues"] = [
        {"id": "price", "name": {"en": "Discount"}, "values": discounts}
    ]
    for account in data["key_accounts"]:
        account["preferences"]["weights"] = {"price": 1.0}
        account["preferences"]["values"] = {}
        if account["id"] == "hx-bank":
            account["preferences"]["reservation"] = reservation
    return Scenario.model_validate(data)


@pytest.fixture(scope="session")
def single_price(east_china: Scenario) -> Callable[..., Scenario]:
    def make(
        unit_cost: float, list_price: float, discounts: list[float], reservation: float
    ) -> Scenario:
        return single_price_scenario(east_china, unit_cost, list_price, discounts, reservation)

    return make
