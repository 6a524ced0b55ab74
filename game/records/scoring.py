"""Scores for a finished game, as one JSON-able dict the store, reports and xAPI share.

The dict wraps ``game.assessment.assess(game)`` (objective KPIs, performance against what the
market allowed, competency scores with their evidence and CW ids) and adds the two figures an
LRS wants: ``overall`` (the mean competency score, 0..1) and ``passed`` (every observed
competency at or above the target level of ``measurement.json``). Scoring is deterministic, so
``verify`` can recompute it from the replay and compare.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from game.engine.game import Game

SCORES_FORMAT = 1
SETTINGS = Path(__file__).with_name("measurement.json")


@cache
def settings() -> dict[str, Any]:
    return dict(json.loads(SETTINGS.read_text(encoding="utf-8")))


def target_score(levels: int) -> float:
    level = int(settings()["target_level"])
    return round((level - 1) / (levels - 1), 6)


def score_game(game: Game, rubric_text: str | None = None) -> dict[str, Any]:
    """Score a finished game (the same game always gives the same dict), with the standard
    rubric or with the rubric given as its YAML text (as a session record carries it)."""
    from game.assessment.assess import assess

    if rubric_text is None:
        result = assess(game)
    else:
        from game.assessment.rubric import Rubric
        from game.scenario.loader import load_model

        rubric = load_model(rubric_text, Rubric, path="<the rubric in the record>")
        result = assess(game, rubric, hashlib.sha256(rubric_text.encode("utf-8")).hexdigest())
    assessment = result.model_dump(mode="json")
    target = target_score(int(assessment["levels"]))
    observed = [c["score"] for c in assessment["competencies"] if c["score"] is not None]
    overall = round(sum(observed) / len(observed), 6) if observed else None
    passed = all(s >= target - 1e-9 for s in observed) if observed else None
    return {
        "format": SCORES_FORMAT,
        "source": "assessment",
        "overall": overall,
        "passed": passed,
        "target": {"level": int(settings()["target_level"]), "score": target},
        "assessment": assessment,
    }


def rubric_text(sha256: str) -> str | None:
    """The standard rubric's YAML if it is still the one with ``sha256`` (else None)."""
    from game.assessment.rubric import STANDARD_RUBRIC

    raw = Path(STANDARD_RUBRIC).read_bytes()
    return raw.decode("utf-8") if hashlib.sha256(raw).hexdigest() == sha256 else None


def competencies(scores: dict[str, Any]) -> list[dict[str, Any]]:
    return list(scores.get("assessment", {}).get("competencies", []))


def kpis(scores: dict[str, Any]) -> list[dict[str, Any]]:
    return list(scores.get("assessment", {}).get("objective", []))


def relative(scores: dict[str, Any]) -> dict[str, Any] | None:
    return scores.get("assessment", {}).get("relative")
