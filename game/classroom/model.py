"""What the facilitator's dashboard and the class debrief show, built from a class's xAPI
statements alone (``game.classroom.aggregate``) and drawn by ``game.classroom.page``."""

from __future__ import annotations

from dataclasses import dataclass, field

Words = dict[str, str]
"""A text in several languages: {"en": ..., "zh": ...}."""


@dataclass(frozen=True)
class TraineeRow:
    """One trainee of the roster, as their latest statements show them."""

    trainee: str  # the pseudonymous id of the roster
    status: str  # "waiting" (no statement yet), "playing" or "finished"
    phase: str | None  # the game phase of the latest progress (e.g. "planning"), None if none
    round: int | None  # the round it is in (the last round once finished)
    rounds: int | None  # the game's rounds
    deals: int  # key-account contracts signed so far
    profit: float | None  # contribution profit so far
    overall: float | None  # mean competency score: final when finished, provisional while playing
    scores: dict[str, float | None]  # competency id -> score (None: insufficient evidence)
    updated: str | None  # ISO 8601 time of its latest statement


@dataclass(frozen=True)
class DealPoint:
    """One trainee's outcome with one key account, in utility space (0..1 each side)."""

    trainee: str
    agreed: bool
    u_rep: float  # the rep's utility of the outcome (its reservation value when no deal)
    u_customer: float  # the customer's (its reservation value when no deal)
    value_claimed: float | None  # share of the rep's room above its reservation it kept, 0..1
    joint_value: float | None  # how close to the best joint outcome, 0..1
    terms: dict[str, str | float] = field(default_factory=dict)  # the agreed terms, if agreed


@dataclass(frozen=True)
class AccountSpread:
    """A key account across the class: every trainee's outcome against the zone of possible
    agreement (both reservation values), the Pareto frontier and the Nash point."""

    account: str
    name: Words  # the account's display name (as the scenario gives it)
    rv_rep: float
    rv_customer: float
    nash: tuple[float, float] | None  # (u_rep, u_customer) of the Nash bargaining point
    frontier: list[tuple[float, float]]  # Pareto frontier points (u_rep, u_customer), by u_rep
    deals: list[DealPoint]


@dataclass(frozen=True)
class CompetencySpread:
    """One competency across the finished trainees: the scores and a 95 % band for the mean."""

    id: str
    name: Words
    values: list[float]  # one per finished trainee with a score
    mean: float | None
    low: float | None  # lower end of the 95 % band of the mean (t-interval), None when n < 2
    high: float | None
    insufficient: int  # finished trainees with too little evidence for a score
    sem: float | None = None  # one trainee's measurement error, from the scenario's study
    assessed: bool = True  # whether the class's scenario sets out to assess it (its courseware)


@dataclass(frozen=True)
class MissedOccasion:
    """An occasion the coaching counts as missed, and how many trainees missed it."""

    kind: str  # e.g. "opportunity_not_pursued"
    text: Words  # what it means, for the facilitator
    trainees: int  # trainees who missed it at least once
    times: int  # all misses across the class


@dataclass(frozen=True)
class ClassView:
    """The whole class as the LRS shows it now."""

    class_id: str
    name: str
    scenario_id: str
    scenario_title: Words
    seed: int
    generated: str  # ISO 8601 time this view was built
    lrs: str  # the LRS endpoint it was read from
    statements: int  # class statements read
    trainees: list[TraineeRow]
    accounts: list[AccountSpread]
    competencies: list[CompetencySpread]
    missed: list[MissedOccasion]
    ranking: list[tuple[str, float]]  # (trainee, overall) of the finished, best first
    issues: dict[str, Words] = field(default_factory=dict)  # negotiation issue id -> its name
    overall_sem: float | None = None  # one trainee's overall score's error, from the study
    real_gap: float | None = None  # how far apart two overall scores must be to differ for real
