"""Fixtures for the scenario-loader tests: the shipped scenario's text and the broken corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture(scope="session")
def shipped_text() -> str:
    return (ROOT / "scenarios" / "east-china-territory.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def corpus() -> Path:
    return CORPUS
