"""The engine: a game is (scenario, seed, actions); ``apply(action)`` turns an action into events."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from pydantic import ValidationError

from game import ENGINE_VERSION
from game.engine import (
    accounts,
    dealing,
    dilemmas,
    operations,
    planning,
    research,
    review,
    risks,
    supply,
)
from game.engine.actions import LEGAL_PHASES, Action, EndPhase, action_to_dict, parse_action
from game.engine.events import Event, jsonable, log_digest
from game.engine.phases import Phase, next_phase
from game.engine.state import (
    AccountState,
    Books,
    Complaint,
    DilemmaState,
    Incident,
    Plan,
    Rejected,
    RivalContract,
    Strike,
)
from game.engine.view_models import TraineeView
from game.negotiation.session import NegotiationSession
from game.negotiation.space import OutcomeSpace
from game.scenario.models import Scenario
from game.sim.market import Market
from game.sim.rng import stream


@dataclass
class ApplyResult:
    accepted: bool
    events: list[Event] = field(default_factory=list)
    code: str | None = None
    reason: str | None = None
    params: dict[str, Any] = field(default_factory=dict)  # the figures the reason names


Handler = Callable[["Game", Any], None]

HANDLERS: dict[str, Handler] = {
    "questionnaire": research.questionnaire,
    "interview": research.interview,
    "market_research": research.market_research,
    "data_analysis": research.data_analysis,
    "select_targets": planning.select_targets,
    "set_forecast": planning.set_forecast,
    "set_price": planning.set_price,
    "allocate_effort": planning.allocate_effort,
    "set_channel": planning.set_channel,
    "pursue": dealing.pursue,
    "offer": dealing.offer,
    "ask": dealing.ask,
    "present_value": dealing.present_value,
    "trade": dealing.trade,
    "request_authority": dealing.request_authority,
    "accept_offer": dealing.accept_offer,
    "walk_away": dealing.walk_away,
    "credit_check": dealing.credit_check,
    "amend_contract": dealing.amend_contract,
    "sign": dealing.sign,
    "decline_contract": dealing.decline_contract,
    "run_weeks": operations.run_weeks,
    "expedite": operations.expedite,
    "inform_customer": operations.inform_customer,
    "resolve_complaint": operations.resolve_complaint,
    "visit": operations.visit,
    "satisfaction_survey": operations.satisfaction_survey,
    "upsell": operations.upsell,
    "respond_risk": risks.respond,
    "resolve_dilemma": dilemmas.resolve,
}


class Game:
    """One play-through of a scenario. Deterministic in (scenario, seed, actions)."""

    def __init__(self, scenario: Scenario, seed: int | None = None, scenario_sha256: str = "") -> None:
        if seed is not None and seed != scenario.seed:
            scenario = scenario.model_copy(update={"seed": seed})
        self.scenario = scenario
        self.seed = scenario.seed
        self.scenario_sha256 = scenario_sha256
        self.engine_version = ENGINE_VERSION
        self.market = Market.from_scenario(scenario)
        self.research_draws: dict[tuple[int, str, str], int] = {}  # uses per round and target
        self.rng_operations = stream(self.seed, "operations")
        self.rng_credit = stream(self.seed, "credit")
        self.events: list[Event] = []
        self.actions: list[Action] = []
        self.action_bounds: list[tuple[int, int]] = []  # events [lo, hi) of each action
        self.round = 1
        self.week = 0  # weeks simulated so far (global)
        self.phase = Phase.BRIEFING
        self.effort_left = scenario.company.effort_per_round
        # The rep starts with list prices, the default channel and no field plan: field work
        # happens where the rep plans it (the inherited coverage fades without a plan).
        self.plan = Plan(
            discounts={s.id: 0.0 for s in scenario.market.segments},
            effort_shares={s.id: 0.0 for s in scenario.market.segments},
            channels={s.id: scenario.company.channels[0].id for s in scenario.market.segments},
        )
        self.coverage = np.zeros(len(scenario.market.segments))
        self.field_force = True  # someone works the field plan (a team's vacant region: no one)
        self.stock = supply.new_ledger(self)
        self.recent_units: dict[str, list[float]] = {}
        self.rival_contracts: list[RivalContract] = []
        self.cache: dict[str, Any] = {}  # derived figures, keyed by what they depend on
        self.targets_selected: dict[str, list[str]] = {"segments": [], "accounts": []}
        self.knowledge: dict[str, Any] = {"segments": {}, "accounts": {}, "market": None, "surveys": {}}
        self.knowledge_version = 0  # counts additions to ``knowledge`` (the view keeps a copy)
        self.accounts: dict[str, AccountState] = {
            ka.id: AccountState(id=ka.id, trust=ka.trust, satisfaction=ka.satisfaction)
            for ka in scenario.key_accounts
        }
        self.outcome_space = OutcomeSpace(scenario.negotiation)
        self.sessions: dict[str, NegotiationSession] = {}
        self.dilemmas: dict[str, DilemmaState] = {}  # those that have come up, by id
        self.incidents: list[Incident] = []
        self.complaints: list[Complaint] = []
        self.strikes: list[Strike] = risks.schedule(self)
        self.books: dict[int, Books] = {1: Books()}
        self.kpis: list[dict[str, Any]] = []
        self.survey_bonus = 0.0
        self.state_hashes: list[str] = []
        self.warm_up_books = operations.warm_up(self)
        self.history = [review.kpis_of(self, self.warm_up_books, 0)]
        accounts.inherit(self)  # key accounts already ours: deliveries run from the first week
        self._start_round()

    # ------------------------------------------------------------------ clock

    @property
    def total_weeks(self) -> int:
        return self.scenario.rounds * self.scenario.weeks_per_round

    @property
    def round_end_week(self) -> int:
        return self.round * self.scenario.weeks_per_round

    @property
    def over(self) -> bool:
        return self.phase == Phase.DEBRIEF

    # ------------------------------------------------------------------ events

    def emit(self, kind: str, /, **payload: Any) -> Event:
        event = Event(
            seq=len(self.events),
            round=self.round,
            week=self.week,
            phase=str(self.phase),
            kind=kind,
            payload=jsonable(payload),
        )
        self.events.append(event)
        return event

    def spend_effort(self, days: float, what: str) -> None:
        """Check there is effort left for ``what`` (raise Rejected) and take it."""
        if days > self.effort_left + 1e-9:
            raise Rejected(
                "no_effort",
                f"{what} needs {days:g} effort days; only {self.effort_left:g} left this round",
            )
        self.effort_left -= days

    def set_effort_per_round(self, days: float) -> None:
        """The rep's effort budget from the next round on (a team's systems free routine work;
        the manager track calls this between rounds)."""
        company = self.scenario.company.model_copy(update={"effort_per_round": float(days)})
        self.scenario = self.scenario.model_copy(update={"company": company})
        self.cache.pop("brief", None)
        self.cache.pop("view", None)

    def set_field_force(self, present: bool) -> None:
        """Whether anyone works the field plan from now on: without a rep, as in a team's vacant
        region, field coverage fades as it does without a plan (the manager track calls this
        between rounds)."""
        self.field_force = bool(present)

    def spend_money(self, kind: str, amount: float) -> None:
        """Book a cost of ``kind`` (one of ``state.COST_KINDS``) to this round."""
        self.books[self.round].cost(kind, amount)

    # ------------------------------------------------------------------ apply

    def apply(self, action: Action | dict) -> ApplyResult:
        """Apply one action; an illegal action is rejected and changes nothing."""
        if isinstance(action, dict):
            try:
                action = parse_action(action)
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"])
                return ApplyResult(False, code="invalid_action", reason=f"{where}: {first['msg']}")
        if self.over:
            return ApplyResult(False, code="game_over", reason="the game is over")
        kind = action.type
        if kind != "end_phase" and self.phase not in LEGAL_PHASES[kind]:
            return ApplyResult(
                False,
                code="wrong_phase",
                reason=f"'{kind}' is not possible in the {self.phase} phase",
            )
        self.cache.pop("view", None)  # whatever happens next may change what the trainee sees
        mark = len(self.events)
        effort_before = self.effort_left
        try:
            if isinstance(action, EndPhase):
                self._end_phase()
            else:
                HANDLERS[kind](self, action)
        except Rejected as rej:
            del self.events[mark:]
            self.effort_left = effort_before
            return ApplyResult(False, code=rej.code, reason=rej.message, params=rej.params)
        self.actions.append(action)
        self.action_bounds.append((mark, len(self.events)))
        return ApplyResult(True, self.events[mark:])

    # ------------------------------------------------------------------ phases

    def _end_phase(self) -> None:
        if self.phase == Phase.FULFILMENT and self.week < self.round_end_week:
            operations.run_until(self, self.round_end_week, pause=False)
        if self.phase == Phase.NEGOTIATION:
            dealing.on_negotiation_end(self)
        if self.phase == Phase.CONTRACT:
            dealing.on_contract_end(self)
        dilemmas.on_phase_end(self)
        nxt = next_phase(self.phase)
        self.emit("phase_ended")
        if nxt is None:
            self._end_round()
            return
        self.phase = nxt
        self.emit("phase_started")
        if nxt == Phase.NEGOTIATION:
            dealing.on_negotiation_start(self)
        elif nxt == Phase.CONTRACT:
            dealing.on_contract_start(self)
        elif nxt == Phase.FULFILMENT:
            supply.order_for_round(self)
        elif nxt == Phase.MAINTENANCE:
            operations.on_maintenance_start(self)
        elif nxt == Phase.RISK:
            risks.on_risk_phase(self)
        elif nxt == Phase.REVIEW:
            supply.round_end(self)
            review.review_round(self)
        dilemmas.raise_due(self)

    def _start_round(self) -> None:
        self.phase = Phase.BRIEFING
        self.effort_left = self.scenario.company.effort_per_round
        self.books.setdefault(self.round, Books())
        self.survey_bonus = max(0.0, self.survey_bonus - self.scenario.economics.service.survey_fade)
        for acc in self.accounts.values():
            acc.visits_this_round = 0
        opened = [
            ka.id
            for ka in self.scenario.key_accounts
            if ka.opportunity_round == self.round and self.accounts[ka.id].status == "prospect"
        ]
        risks.emit_due_warnings(self)
        # the first round carries the territory's quarter before the rep (the history its
        # first forecast and targets are made from), so a record is judged on what it showed
        opening = {"opening_segments": self.history[0]["segments"]} if self.round == 1 else {}
        self.emit(
            "round_started",
            targets=review.round_targets(self),
            demand_index=round(self.market.demand_level(), 4),
            opportunities=opened,
            warnings=[s.id for s in self.strikes if s.warned and not s.struck],
            effort=self.effort_left,
            **opening,
        )
        self.emit("phase_started")
        dilemmas.raise_due(self)

    def _end_round(self) -> None:
        self.emit("round_ended")
        if self.round >= self.scenario.rounds:
            dealing.close_all_sessions(self)
            self.phase = Phase.DEBRIEF
            review.finish_game(self)
            return
        self.round += 1
        self._start_round()

    # ------------------------------------------------------------------ views

    def log_digest(self) -> str:
        return log_digest(self.events)

    def action_log(self) -> list[dict]:
        return [action_to_dict(a) for a in self.actions]

    def opportunities(self) -> list[str]:
        """Key accounts that can be pursued now."""
        return [
            ka.id
            for ka in self.scenario.key_accounts
            if ka.opportunity_round <= self.round and self.accounts[ka.id].status == "prospect"
        ]

    def view(self) -> TraineeView:
        """Everything the trainee is allowed to know now (estimates, not hidden truths), as a
        frozen model. Built once between actions."""
        from game.engine.view import trainee_view

        if "view" not in self.cache:
            self.cache["view"] = trainee_view(self)
        return self.cache["view"]

    def truth(self) -> dict[str, Any]:
        """The hidden truth, for the debrief and assessment only."""
        from game.engine.view import hidden_truth

        return hidden_truth(self)
