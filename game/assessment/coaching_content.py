"""The coaching content as data: the courseware's point behind each indicator (with its CW ID),
the behaviours an improvement plan names with their drills, and the words of the missed
occasions and of the profit waterfall's causes. ``scenarios/rubrics/coaching.yaml`` holds it."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from game.assessment.indicators import INDICATORS
from game.assessment.rubric import CW_PATTERN, Strict, Words
from game.scenario.loader import load_file
from game.scenario.messages import joined, msg
from game.scenario.models import ReferenceError_
from game.trainer.courseware import courseware_sections

COACHING_CONTENT = Path(__file__).resolve().parents[2] / "scenarios" / "rubrics" / "coaching.yaml"
DRILL_PATTERN = r"^drill-[a-z0-9-]{1,40}$"

OccasionKind = Literal[
    "opportunity_not_pursued", "deal_lapsed", "complaint_open", "complaint_late",
    "incident_unanswered", "delivery_late", "warning_unanswered", "risk_unprepared",
    "contract_unsigned", "signed_unchecked", "not_renewed", "dilemma_improper",
    "dilemma_unanswered",
]
Cause = Literal["volume", "price", "channel", "terms", "service", "stock", "credit", "costs"]
BehaviourId = Literal["research", "targets", "forecast", "ask_and_trade", "credit", "complaints",
                      "incidents", "risks", "account_care", "conduct"]
Heading = Literal[
    "title", "profit", "competencies", "first_you", "first_reference", "moment", "level", "no_level", "looks_for", "point", "moments",
    "occasions", "none_missed", "waterfall", "round_profit", "brought", "cost", "gap", "plan",
    "plan_item", "no_plan", "stand_in",
]


class Point(Strict):
    """The courseware's point behind one indicator."""

    cw: str = Field(pattern=CW_PATTERN)
    text: Words


class Behaviour(Strict):
    """A change an improvement plan can name, and the drill that practises it."""

    drill: str = Field(pattern=DRILL_PATTERN, description="The id of a scenario in scenarios/drills.")
    text: Words


class CoachingContent(Strict):
    format: Literal[1]
    rubric: str
    points: dict[str, Point] = Field(description="Per indicator id.")
    behaviours: dict[BehaviourId, Behaviour]
    occasions: dict[OccasionKind, Words]
    causes: dict[Cause, Words]
    moments: dict[str, list[str]] = Field(description="Per competency id: the event kinds counted.")
    kinds: dict[str, Words] = Field(description="The words for each event kind counted.")
    headings: dict[Heading, Words]
    terms: dict[str, Words] = Field(description="The words for codes in the events' facts.")

    @model_validator(mode="after")
    def _kinds_named(self) -> CoachingContent:
        for competency, kinds in self.moments.items():
            for kind in kinds:
                if kind not in self.kinds:
                    raise ValueError(f"moments of {competency}: '{kind}' has no words under kinds")
        sections = courseware_sections()
        self._agrees_with_the_rubric()
        for indicator, point in self.points.items():
            if point.cw not in sections:
                raise ValueError(f"points.{indicator} cites {point.cw}, not a courseware section")
        for name, keys in (("headings", Heading), ("behaviours", BehaviourId),
                           ("occasions", OccasionKind), ("causes", Cause)):
            missing = set(keys.__args__) - set(getattr(self, name))  # type: ignore[attr-defined]
            if missing:
                raise ValueError(f"{name} lack {', '.join(sorted(missing))}")
        return self

    def _agrees_with_the_rubric(self) -> None:
        """Every point is for a registered indicator; with the standard rubric, every indicator
        it judges has a point and every competency under moments is one of its own."""
        for indicator in self.points:
            if indicator not in INDICATORS:
                raise ReferenceError_(("points", indicator), msg(
                    "rubric.unknown_indicator", id=indicator, known=joined(sorted(INDICATORS), "ids")))
        if self.rubric != "standard":
            return
        from game.assessment.assess import standard_rubric

        rubric, _ = standard_rubric()
        for spec in rubric.indicators:
            if spec.id not in self.points:
                raise ReferenceError_(("points",), msg("rubric.no_point", rubric=self.rubric,
                                                       id=spec.id))
        competencies = [c.id for c in rubric.competencies]
        for competency in self.moments:
            if competency not in competencies:
                raise ReferenceError_(("moments", competency), msg(
                    "rubric.unknown_competency", id=competency, known=joined(competencies, "ids")))


def load_coaching_content(path: str | Path = COACHING_CONTENT) -> CoachingContent:
    """The validated coaching content; raises ScenarioError (file, line, column, hint)."""
    return load_file(path, CoachingContent)[0]
