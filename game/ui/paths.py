"""Where the window's files live: assets/ (theme, translations) and the scenarios folder."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "assets"
THEME = ASSETS / "theme.json"
SCENARIOS = ROOT / "scenarios"
DRILLS = SCENARIOS / "drills"  # short scenarios, one per courseware section
