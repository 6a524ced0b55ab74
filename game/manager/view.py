"""What a sales manager may know, as frozen models: the reps' reviews, measured scores and
results, the candidates' CVs and interview reads, the plan, the standards and systems on offer,
the team's KPIs. Never a rep's or a candidate's true skill: a test walks this schema."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from game.scenario.text import Text


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Estimate(_View):
    """A read of one skill: the mean of what was seen and its standard deviation."""

    mean: float
    sd: float


class ScoreView(_View):
    """A competency as the project's rubric scored the rep's play so far."""

    score: float | None
    level: int | None
    occasions: int
    insufficient: bool


class RepRound(_View):
    """One rep's round, as the books show it."""

    round: int
    revenue: float
    profit: float
    pay: float
    discount: float  # the mean discount off list price it gave
    forecast: float | None
    deals: int
    effort_used: float  # the share of its effort budget it spent (the activity report)


class RepView(_View):
    id: str
    name: Text
    region: str
    accounts: tuple[str, ...]
    hired_round: int
    review: dict[str, Estimate]  # last year's review or the CV and interviews it was hired on
    scores: dict[str, ScoreView]  # measured in the rep game, with its evidence count
    coached: dict[str, float]  # hours coached per competency, over the game
    morale: float  # this round's pulse survey, 0..1 (noisy)
    rounds: tuple[RepRound, ...]
    won: tuple[WonDeal, ...]


class WonDeal(_View):
    account: str
    value_claimed: float
    shared: bool


class CandidateView(_View):
    id: str
    name: Text
    estimates: dict[str, Estimate]
    interviewed: dict[str, int]  # questions asked per competency


class RegionView(_View):
    id: str
    name: Text
    share: float
    rep: str | None


class AccountView(_View):
    id: str
    name: Text
    segment: str
    volume: int
    opportunity_round: int
    rep: str | None
    status: str  # prospect, negotiating, agreed, won or lost: open ones weigh on their rep
    measure: str  # the Chinese measure word its product is counted in (the product's)


class PlanView(_View):
    variable_share: float
    basis: str
    accelerator: float
    team_share: float


class StandardView(_View):
    id: str
    name: Text
    kind: str
    value: float
    cost_per_round: float
    hours: float
    in_force: bool


class SystemView(_View):
    id: str
    name: Text
    cost: float
    cost_per_round: float
    effort_gain: float
    owned: bool


class TeamRound(_View):
    """The team's round: the manager's KPIs (CW-61) with the cost of the team."""

    round: int
    revenue: float
    contribution: float  # the reps' contribution profit
    pay: float
    costs: float  # hiring, severance, standards and systems
    profit: float  # contribution - pay - costs
    customers: int
    satisfaction: float
    forecast: float | None  # the roll-up of the reps' forecasts
    forecast_error: float | None
    leavers: tuple[str, ...]


class ManagerView(_View):
    round: int
    rounds: int
    over: bool
    hours_left: float
    hours_per_round: float
    competencies: tuple[str, ...]
    plan: PlanView
    regions: tuple[RegionView, ...]
    reps: tuple[RepView, ...]
    candidates: tuple[CandidateView, ...]
    accounts: tuple[AccountView, ...]
    assignments_open: bool  # key accounts may still be reassigned (before round 1 is played)
    standards: tuple[StandardView, ...]
    systems: tuple[SystemView, ...]
    team: tuple[TeamRound, ...]
    max_reps: int
    interview_hours: float
    playbook_hours: float
    playbook_min_value: float

    def rep(self, rep_id: str) -> RepView:
        return next(r for r in self.reps if r.id == rep_id)


RepView.model_rebuild()
