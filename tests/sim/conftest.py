"""Scenarios for market tests, built from the shipped YAML with plain pydantic validation."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.scenario.models import Scenario

SHIPPED_YAML = Path(__file__).resolve().parents[2] / "scenarios" / "east-china-territory.yaml"


@pytest.fixture(scope="session")
def east_china_data() -> dict[str, Any]:
    with SHIPPED_YAML.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


@pytest.fixture
def data(east_china_data: dict[str, Any]) -> dict[str, Any]:
    """A fresh, editable copy of the shipped scenario's data."""
    return copy.deepcopy(east_china_data)


@pytest.fixture(scope="session")
def east_china(east_china_data: dict[str, Any]) -> Scenario:
    return Scenario.model_validate(east_china_data)


IdenticalMarket = Callable[..., Scenario]


@pytest.fixture
def identical_market(data: dict[str, Any]) -> IdenticalMarket:
    """A one-segment market of identical customers (every distribution a constant).

    Keeps the shipped company and competitors; drops key accounts and risks, which refer to the
    shipped segments.
    """

    def build(
        customers: int,
        *,
        size: float = 1.0,
        price_sensitivity: float = 1.2,
        quality_weight: float = 0.9,
        purchase_rate: float = 1.0,
        satisfaction: float = 0.9,
        vendor_shares: dict[str, float] | None = None,
        churn: dict[str, float] | None = None,
        seed: int = 7,
    ) -> Scenario:
        segment = {
            "id": "all",
            "name": {"en": "Everyone"},
            "share": 1.0,
            "product": "notebook",
            "size": {"constant": size},
            "price_sensitivity": {"constant": price_sensitivity},
            "quality_weight": {"constant": quality_weight},
            "credit_score": {"constant": 0.7},
            "purchase_rate": {"constant": purchase_rate},
            "satisfaction": {"constant": satisfaction},
            "vendor_shares": vendor_shares or {},
            "churn": churn or {"base": 0.0, "threshold": 0.45, "slope": 0.0},
        }
        d = copy.deepcopy(data)
        d["seed"] = seed
        d["market"]["customers"] = customers
        d["market"]["segments"] = [segment]
        d["key_accounts"] = []
        d["risks"] = []
        d["dilemmas"] = []  # they name key accounts, and this market has none
        return Scenario.model_validate(d)

    return build
