"""Scores for a finished game, as one JSON-able dict the store, reports and xAPI share.

The dict wraps ``game.assessment.assess(game)`` (objective KPIs, performance against what the
market allowed, competency scores with their evidence and CW ids) and adds the two figures an
LRS wants: ``overall`` (the mean competency score, 0..1) and ``passed`` (every observed
competency at or above the target level of ``measurement.json``), and ``reference``: the
reference rep's run the relative result was measured against (engine version, policy name and
version, KPIs, event-log sha256; ``Reference.stored``). Scoring is deterministic given that
reference, so ``verify`` recomputes the scores from the replay and the stored reference —
without playing the reference bot again — and compares.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from game.assessment.relative import Reference
from game.engine.game import Game

SCORES_FORMAT = 2
"""1: without ``reference``; 2: the reference run kept with the scores."""
SETTINGS = Path(__file__).with_name("measurement.json")


@cache
def settings() -> dict[str, Any]:
    return dict(json.loads(SETTINGS.read_text(encoding="utf-8")))


def target_score(levels: int) -> float:
    level = int(settings()["target_level"])
    return round((level - 1) / (levels - 1), 6)


def score_game(
    game: Game, rubric_text: str | None = None, reference: Reference | None = None
) -> dict[str, Any]:
    """Score a finished game (the same game and reference always give the same dict), with the
    standard rubric or with the rubric given as its YAML text (as a session record carries it).
    ``reference`` is the reference rep's run to measure against (a stored one when checking a
    record); without it the rubric's reference bot is played on the game's scenario and seed."""
    from game.assessment.assess import assess, standard_rubric
    from game.assessment.relative import reference_run

    if rubric_text is None:
        rubric, rubric_sha = standard_rubric()
    else:
        from game.assessment.rubric import Rubric
        from game.scenario.loader import load_model

        rubric = load_model(rubric_text, Rubric, path="<the rubric in the record>")
        rubric_sha = hashlib.sha256(rubric_text.encode("utf-8")).hexdigest()
    if reference is None:
        reference = reference_run(game.scenario, game.seed, rubric.relative.reference_bot)
    result = assess(game, rubric, rubric_sha, reference)
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
        "reference": reference.stored(),
    }


def stored_reference(scores: dict[str, Any]) -> tuple[Reference, str]:
    """The reference run kept with ``scores`` and a note on where it came from; scores made
    before references were stored (format 1) give the one their relative result describes.
    ValueError when the scores hold neither."""
    if "reference" in scores:
        return Reference.from_stored(scores["reference"]), ""
    assessment = scores.get("assessment") or {}
    ref = Reference.from_relative(
        assessment.get("relative"),
        int(assessment.get("seed", 0)),
        str(assessment.get("engine_version", "")),
    )
    return ref, "the scores predate stored references; read the reference from their relative part"


def rubric_text(sha256: str) -> str | None:
    """The standard rubric's YAML if it is still the one with ``sha256`` (else None)."""
    from game.assessment.rubric import STANDARD_RUBRIC

    raw = Path(STANDARD_RUBRIC).read_bytes()
    return raw.decode("utf-8") if hashlib.sha256(raw).hexdigest() == sha256 else None


def scores_rubric(scores: dict[str, Any]) -> str:
    """The sha256 of the rubric ``scores`` name ("" when they name none)."""
    return str((scores.get("assessment") or {}).get("rubric_sha256") or "")


def competencies(scores: dict[str, Any]) -> list[dict[str, Any]]:
    return list(scores.get("assessment", {}).get("competencies", []))


def kpis(scores: dict[str, Any]) -> list[dict[str, Any]]:
    return list(scores.get("assessment", {}).get("objective", []))


def relative(scores: dict[str, Any]) -> dict[str, Any] | None:
    return scores.get("assessment", {}).get("relative")
