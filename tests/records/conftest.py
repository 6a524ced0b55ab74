"""Shared fixtures for the records tests: a small scenario file and a command-line runner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def small_file(small, tmp_path_factory) -> Path:
    """The shipped scenario with 1,000 customers, as a YAML file a subprocess can load."""
    path = tmp_path_factory.mktemp("scenario") / "small.yaml"
    data = small.model_dump(mode="json", exclude_unset=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def small_loaded(small_file):
    from game.scenario.loader import load_scenario

    return load_scenario(small_file)


def run_main(*args: str, env: dict[str, str] | None = None,
             timeout: float = 180) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, env=full)


def popen_main(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    full = {**os.environ, **(env or {})}
    return subprocess.Popen([sys.executable, "main.py", *args], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=full)
