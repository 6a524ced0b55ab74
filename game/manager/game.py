"""The manager track's game: ``ManagerGame.apply(action) -> events``, as the rep game does.

Each round the manager decides (hires, key accounts, the incentive plan, coaching, standards,
systems, playbooks); ``EndRound`` then lets every rep play one round of the rep game in its own
region, pays the team, books the team's costs and draws who leaves. Chance comes from streams of
the scenario seed only: the same (scenario, seed, actions) gives the same events.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from pydantic import ValidationError

from game.assessment.assess import competency_scores, standard_rubric
from game.bots.base import MAX_ACTIONS_PER_PHASE
from game.bots.synthetic import SKILLS, Workplace
from game.engine.actions import EndPhase
from game.engine.events import canonical
from game.engine.game import Game
from game.manager import rules
from game.manager.actions import (
    ACTION_ADAPTER,
    AdoptStandard,
    AssignAccount,
    BuySystem,
    Coach,
    DropStandard,
    EndRound,
    Hire,
    InterviewCandidate,
    LetGo,
    ManagerAction,
    SetPlan,
    SharePlaybook,
)
from game.manager.models import ManagerScenario, Standard
from game.manager.team import TeamRep, region_scenario
from game.manager.view import (
    AccountView,
    CandidateView,
    Estimate,
    ManagerView,
    PlanView,
    RegionView,
    RepRound,
    RepView,
    ScoreView,
    StandardView,
    SystemView,
    TeamRound,
    WonDeal,
)
from game.scenario.models import Scenario
from game.scenario.text import Text
from game.sim.rng import stream

ROUND_ACTIONS = 5_000  # a rep round that has not ended after this many actions is ended
CLOSED = frozenset({"won", "lost"})  # a key account no longer weighs on its rep


class Refused(Exception):
    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code, self.reason = code, reason


@dataclass(frozen=True)
class Applied:
    accepted: bool
    events: list[dict[str, Any]]
    code: str = ""
    reason: str = ""


@dataclass
class Member:
    """A rep on the team (the truth: its skills live in its player)."""

    id: str
    name: Text
    region: str
    player: TeamRep
    hired_round: int
    review: dict[str, list[tuple[float, float]]]
    coached: dict[str, float] = field(default_factory=dict)
    coached_rounds: set[int] = field(default_factory=set)
    rounds: list[RepRound] = field(default_factory=list)
    shared: set[str] = field(default_factory=set)
    morale: float = 1.0


@dataclass
class Candidate:
    id: str
    name: Text
    skills: dict[str, float]
    reads: dict[str, list[tuple[float, float]]]
    asked: dict[str, int] = field(default_factory=dict)


NAMES_FILE = Path(__file__).with_name("candidate_names.yaml")


@lru_cache(maxsize=1)
def candidate_names() -> tuple[Text, ...]:
    """The names candidates are given, in both languages (data: ``candidate_names.yaml``)."""
    data = yaml.safe_load(NAMES_FILE.read_text(encoding="utf-8"))
    return tuple(Text.model_validate(item) for item in data)


class ManagerGame:
    def __init__(self, scenario: ManagerScenario, territory: Scenario, seed: int | None = None) -> None:
        self.scenario = scenario
        self.territory = territory
        self.seed = scenario.seed if seed is None else int(seed)
        self.rounds = scenario.rounds or territory.rounds
        self.round = 1
        self.over = False
        self.events: list[dict[str, Any]] = []
        self.actions: list[dict[str, Any]] = []
        self._reads = stream(self.seed, "manager:reads")
        self._people = stream(self.seed, "manager:candidates")
        self._leaving = stream(self.seed, "manager:attrition")
        self._pulse = stream(self.seed, "manager:pulse")
        p = scenario.plan
        self.plan = PlanView(variable_share=p.variable_share, basis=p.basis,
                             accelerator=p.accelerator, team_share=p.team_share)
        self.hours_left = 0.0
        self.standards: set[str] = set()
        self.systems: set[str] = set()
        self.costs = 0.0  # this round's team costs so far
        self.team: list[TeamRound] = []
        self.members: dict[str, Member] = {}
        self.regions: dict[str, str | None] = {r.id: None for r in scenario.regions}
        for rep in scenario.team:
            self.members[rep.id] = Member(
                rep.id, rep.name, rep.region, self._player(rep.id, rep.skills), 1,
                {s: [self._read(rep.skills[s], scenario.candidates.review_noise)] for s in SKILLS})
            self.regions[rep.region] = rep.id
        self.pools: dict[int, dict[str, dict[str, float]]] = {}  # candidates' true skills
        self.coaching_log: list[dict[str, Any]] = []  # each coaching with the rep's skills before
        self.growth: dict[str, list[dict[str, float]]] = {
            m.id: [dict(m.player.theta)] for m in self.members.values()}
        starting = [r.id for r in scenario.team]
        self.accounts: dict[str, str | None] = {
            ka.id: starting[i % len(starting)] for i, ka in enumerate(territory.key_accounts)}
        self.games: dict[str, Game] = {}
        self.candidates: dict[str, Candidate] = {}
        self._applicants = 0  # candidates so far: each takes the next name
        self._view: ManagerView | None = None  # built once between actions
        taken = {r.name for r in scenario.team}
        pool = [n for n in candidate_names() if n not in taken]
        self._names = [pool[int(i)] for i in self._people.permutation(len(pool))]
        self._scores: dict[tuple[str, int], dict[str, ScoreView]] = {}
        self._effort_used: dict[str, float] = {}
        self._start_round()

    # ------------------------------------------------------------------ helpers

    def _player(self, person: str, skills: dict[str, float]) -> TeamRep:
        return TeamRep(person, skills, self.seed)

    def _read(self, skill: float, sd: float) -> tuple[float, float]:
        return float(np.clip(skill + self._reads.normal(0.0, sd), 0.0, 1.0)), sd

    def emit(self, kind: str, /, **payload: Any) -> dict[str, Any]:
        event = {"seq": len(self.events), "round": self.round, "kind": kind, "payload": payload}
        self.events.append(event)
        return event

    def _start_round(self) -> None:
        c = self.scenario.candidates
        self.candidates = {}
        for k in range(c.per_round):
            self._applicants += 1
            cid = f"c{self.round}-{k + 1}"
            skills = {s: float(np.clip(self._people.normal(c.skill_mean, c.skill_sd), 0.0, 1.0))
                      for s in SKILLS}
            name = self._names[(self._applicants - 1) % len(self._names)]
            self.candidates[cid] = Candidate(cid, name, skills,
                                             {s: [self._read(skills[s], c.cv_noise)] for s in SKILLS})
        review_hours = sum(s.hours for s in self.scenario.standards
                           if s.id in self.standards and s.kind == "pipeline_review") * len(self.members)
        self.hours_left = max(0.0, self.scenario.coaching.hours_per_round - review_hours)
        self.costs = 0.0
        self.pools[self.round] = {cid: dict(c.skills) for cid, c in self.candidates.items()}
        self.emit("manager_round_started", candidates=sorted(self.candidates),
                  hours=round(self.hours_left, 2))

    def _spend_hours(self, hours: float, what: str) -> None:
        if hours > self.hours_left + 1e-9:
            raise Refused("no_hours", f"{what} needs {hours:g} hours; {self.hours_left:g} left this round")
        self.hours_left -= hours

    # ------------------------------------------------------------------ apply

    def apply(self, action: ManagerAction | dict[str, Any]) -> Applied:
        """Apply one action; a refused action changes nothing."""
        if self.over:
            return Applied(False, [], "over", "the game is over")
        try:
            act = ACTION_ADAPTER.validate_python(action) if isinstance(action, dict) else action
        except ValidationError as exc:
            return Applied(False, [], "invalid", str(exc.errors()[0]["msg"]))
        before = len(self.events)
        self._view = None
        try:
            getattr(self, f"_{act.type}")(act)
        except Refused as exc:
            del self.events[before:]
            return Applied(False, [], exc.code, exc.reason)
        self.actions.append(act.model_dump(mode="json"))
        return Applied(True, self.events[before:])

    def _member(self, rep: str) -> Member:
        if rep not in self.members:
            raise Refused("unknown_rep", f"no rep '{rep}' on the team")
        return self.members[rep]

    def _competency(self, comp: str) -> None:
        if comp not in SKILLS:
            raise Refused("unknown_competency", f"unknown competency '{comp}'")

    def _interview_candidate(self, act: InterviewCandidate) -> None:
        cand = self.candidates.get(act.candidate)
        if cand is None:
            raise Refused("unknown_candidate", f"no candidate '{act.candidate}' this round")
        self._competency(act.competency)
        c = self.scenario.candidates
        self._spend_hours(c.interview_hours, "an interview question")
        cand.reads[act.competency].append(self._read(cand.skills[act.competency], c.interview_noise))
        cand.asked[act.competency] = cand.asked.get(act.competency, 0) + 1
        self.emit("candidate_interviewed", candidate=cand.id, competency=act.competency)

    def _hire(self, act: Hire) -> None:
        cand = self.candidates.get(act.candidate)
        if cand is None:
            raise Refused("unknown_candidate", f"no candidate '{act.candidate}' this round")
        if act.region not in self.regions:
            raise Refused("unknown_region", f"no region '{act.region}'")
        if self.regions[act.region] is not None:
            raise Refused("region_taken", f"region '{act.region}' has a rep")
        if len(self.members) >= self.scenario.hiring.max_reps:
            raise Refused("team_full", "the team is full")
        rid = f"r{self.round}-{act.candidate}"
        self.members[rid] = Member(rid, cand.name, act.region, self._player(rid, cand.skills),
                                   self.round, {s: list(v) for s, v in cand.reads.items()})
        self.regions[act.region] = rid
        self.growth[rid] = [dict(self.members[rid].player.theta)]
        for account, owner in self.accounts.items():  # the new rep takes over the region's accounts
            if owner is None and self._account_region(account) == act.region:
                self.accounts[account] = rid
        del self.candidates[act.candidate]
        self.costs += self.scenario.hiring.hire_cost
        self.emit("rep_hired", rep=rid, candidate=act.candidate, region=act.region,
                  cost=self.scenario.hiring.hire_cost)

    def _account_status(self, account: str) -> str:
        """Where a key account stands: ``prospect`` until the regions are cut, then its status in
        its region's game, ``lost`` if no rep took it."""
        if not self.games:
            return "prospect"
        region = self._account_region(account)
        return "lost" if region is None else self.games[region].accounts[account].status

    def _load(self, m: Member) -> int:
        """The key accounts a rep still has to win: the ones it owns not yet won or lost."""
        return sum(1 for a, owner in self.accounts.items()
                   if owner == m.id and self._account_status(a) not in CLOSED)

    def _account_region(self, account: str) -> str | None:
        for region, game in self.games.items():
            if any(ka.id == account for ka in game.scenario.key_accounts):
                return region
        return None

    def _let_go(self, act: LetGo) -> None:
        m = self._member(act.rep)
        self._leave(m)
        self.costs += self.scenario.hiring.severance
        self.emit("rep_let_go", rep=m.id, region=m.region, cost=self.scenario.hiring.severance)

    def _leave(self, m: Member) -> None:
        del self.members[m.id]
        self.regions[m.region] = None
        for account, owner in self.accounts.items():
            if owner == m.id:
                self.accounts[account] = None

    def _assign_account(self, act: AssignAccount) -> None:
        if self.games:
            raise Refused("too_late", "key accounts are assigned before the first round is played")
        if act.account not in self.accounts:
            raise Refused("unknown_account", f"no key account '{act.account}'")
        self._member(act.rep)
        self.accounts[act.account] = act.rep
        self.emit("account_assigned", account=act.account, rep=act.rep)

    def _set_plan(self, act: SetPlan) -> None:
        self.plan = PlanView(variable_share=act.variable_share, basis=act.basis,
                             accelerator=act.accelerator, team_share=act.team_share)
        self.emit("plan_set", **self.plan.model_dump())

    def _coach(self, act: Coach) -> None:
        m = self._member(act.rep)
        self._competency(act.competency)
        self._spend_hours(act.hours, "coaching")
        shown = self._shown_order(m)  # what the manager could see before coaching
        skill = m.player.theta[act.competency]
        self.coaching_log.append({"seq": len(self.events), "rep": m.id, "competency": act.competency,
                                  "skills": dict(m.player.theta)})
        m.player.learn(act.competency, rules.coaching_gain(self.scenario.coaching, skill, act.hours))
        m.coached[act.competency] = m.coached.get(act.competency, 0.0) + act.hours
        m.coached_rounds.add(self.round)
        self.emit("rep_coached", rep=m.id, competency=act.competency, hours=act.hours,
                  shown_rank=shown.index(act.competency), skills=len(shown))

    def _shown_order(self, m: Member) -> list[str]:
        """The rep's skills from weakest to strongest as the manager view shows them: the
        measured score on enough evidence, else the review's mean."""
        measured = self._measured(m)

        def shown(s: str) -> float:
            found = measured.get(s)
            if found is not None and found.score is not None and not found.insufficient:
                return found.score
            return rules.combine(m.review[s])[0]

        return sorted(SKILLS, key=lambda s: (round(shown(s), 4), s))

    def _standard(self, sid: str) -> Standard:
        spec = next((s for s in self.scenario.standards if s.id == sid), None)
        if spec is None:
            raise Refused("unknown_standard", f"no standard '{sid}'")
        return spec

    def _adopt_standard(self, act: AdoptStandard) -> None:
        self._standard(act.standard)
        if act.standard in self.standards:
            raise Refused("in_force", "that standard is in force")
        self.standards.add(act.standard)
        self.emit("standard_adopted", standard=act.standard)

    def _drop_standard(self, act: DropStandard) -> None:
        self._standard(act.standard)
        if act.standard not in self.standards:
            raise Refused("not_in_force", "that standard is not in force")
        self.standards.discard(act.standard)
        self.emit("standard_dropped", standard=act.standard)

    def _buy_system(self, act: BuySystem) -> None:
        spec = next((s for s in self.scenario.systems if s.id == act.system), None)
        if spec is None:
            raise Refused("unknown_system", f"no system '{act.system}'")
        if act.system in self.systems:
            raise Refused("owned", "the team has that system")
        self.systems.add(act.system)
        self.costs += spec.cost
        self.emit("system_bought", system=act.system, cost=spec.cost)

    def _share_playbook(self, act: SharePlaybook) -> None:
        m = self._member(act.rep)
        deal = next((d for d in self._won(m) if d.account == act.account), None)
        k = self.scenario.knowledge
        if deal is None or deal.value_claimed < k.min_value_claimed:
            raise Refused("no_lesson", "only a deal the rep won with enough value claimed teaches")
        if deal.shared:
            raise Refused("shared", "that deal is shared already")
        self._spend_hours(k.hours, "a playbook")
        m.shared.add(act.account)
        skill = "negotiation-quoting"
        for other in self.members.values():
            if other.id != m.id:
                other.player.learn(skill, k.gain * (1.0 - other.player.theta[skill]))
        self.emit("playbook_shared", rep=m.id, account=act.account)

    # ------------------------------------------------------------------ the round

    def _workplace(self) -> Workplace:
        cap = None
        check = False
        review = 0.0
        for spec in self.scenario.standards:
            if spec.id not in self.standards:
                continue
            if spec.kind == "discount_cap":
                cap = spec.value if cap is None else min(cap, spec.value)
            elif spec.kind == "credit_checks":
                check = True
            else:
                review = max(review, spec.value)
        pl = self.plan
        return Workplace(pull=rules.pull(self.scenario.pay, pl.variable_share, pl.basis,
                                         pl.team_share),
                         max_discount=cap, check_credit=check, forecast_review=review)

    def _build_regions(self) -> None:
        for k, region in enumerate(self.scenario.regions):
            rep = self.regions[region.id]
            accounts = [a for a, owner in self.accounts.items()
                        if owner is not None and owner == rep]
            sc = region_scenario(self.territory, region.id, region.share, accounts, self.rounds)
            seed = int(stream(self.seed, f"manager:region:{k}").integers(2**31))
            self.games[region.id] = Game(sc, seed=seed)
        lost = [a for a, owner in self.accounts.items() if owner is None]
        self.emit("territory_split", lost_accounts=lost,
                  regions={r: [ka.id for ka in g.scenario.key_accounts] for r, g in self.games.items()})

    def _play_region(self, game: Game, player: TeamRep | None) -> float:
        """Play the region's round; returns the share of the rep's effort budget it used."""
        start = game.round
        budget = game.scenario.company.effort_per_round
        least = budget
        refused = in_phase = 0  # as ``bots.base.play``: a rep refused three times in a row, or
        phase = game.phase  # lingering in one phase, is moved on as a trainee pressing "next"
        for _ in range(ROUND_ACTIONS):
            view = game.view()
            if view.over or game.round != start:
                return 1.0 - least / budget if budget > 0 else 0.0
            least = min(least, view.effort_left)
            stuck = player is None or refused >= 3 or in_phase >= MAX_ACTIONS_PER_PHASE
            action = EndPhase() if stuck else player.next_action(view)  # type: ignore[union-attr]
            refused = 0 if game.apply(action).accepted else refused + 1
            in_phase = 0 if game.phase != phase else in_phase + 1
            phase = game.phase
        while not game.over and game.round == start:  # a stuck player is moved on
            game.apply(EndPhase())
        return 1.0 - least / budget if budget > 0 else 0.0

    def _end_round(self, act: EndRound) -> None:
        if not self.games:
            self._build_regions()
        gain = sum(s.effort_gain for s in self.scenario.systems if s.id in self.systems)
        place = self._workplace()
        for region, game in self.games.items():
            base = self.territory.company.effort_per_round * (1.0 + gain)
            if abs(game.scenario.company.effort_per_round - base) > 1e-9:
                game.set_effort_per_round(base)
            rep = self.regions[region]
            player = None if rep is None else self.members[rep].player
            game.set_field_force(player is not None)
            if player is not None:
                player.workplace = place
            self._effort_used[region] = self._play_region(game, player)
        self.costs += sum(s.cost_per_round for s in self.scenario.standards if s.id in self.standards)
        self.costs += sum(s.cost_per_round for s in self.scenario.systems if s.id in self.systems)
        self._close_round()

    def _close_round(self) -> None:
        target = self.territory.targets
        results: dict[str, dict[str, float]] = {}
        for region, game in self.games.items():
            k = game.kpis[-1] if game.kpis and game.kpis[-1]["round"] == self.round else None
            results[region] = _round_figures(game, k, self.round)
        regions = {r.id: r for r in self.scenario.regions}
        team_revenue = sum(r["revenue"] for r in results.values())
        team_contribution = sum(r["profit"] for r in results.values())
        per_round = target.revenue / self.territory.rounds
        team_att = self._attainment(team_revenue, team_contribution, per_round)
        pay_total = 0.0
        for m in list(self.members.values()):
            res = results[m.region]
            share = regions[m.region].share
            own = self._attainment(res["revenue"], res["profit"], per_round * share)
            pl = self.plan
            paid = rules.rep_pay(self.scenario.pay, pl.variable_share, pl.accelerator,
                                 pl.team_share, own, team_att)
            pay_total += paid
            m.rounds.append(RepRound(round=self.round, revenue=round(res["revenue"], 2),
                                     profit=round(res["profit"], 2), pay=round(paid, 2),
                                     discount=round(res["discount"], 4), forecast=res["forecast"],
                                     deals=int(res["deals"]),
                                     effort_used=round(self._effort_used.get(m.region, 0.0), 4)))
            self.emit("rep_reviewed", rep=m.id, region=m.region,
                      **m.rounds[-1].model_dump(mode="json"))
        forecasts = [r["forecast"] for r in results.values()]
        rollup = None if any(f is None for f in forecasts) else float(sum(forecasts))  # type: ignore[arg-type]
        error = None if rollup is None or rollup <= 0 else abs(team_revenue - rollup) / rollup
        customers = int(sum(r["customers"] for r in results.values()))
        weights = sum(r["customers"] for r in results.values()) or 1.0
        satisfaction = sum(r["satisfaction"] * r["customers"] for r in results.values()) / weights
        for m in self.members.values():
            self.growth[m.id].append(dict(m.player.theta))
        staffed = sorted(m.region for m in self.members.values())
        teachable = [{"rep": m.id, "account": d.account, "value_claimed": d.value_claimed}
                     for m in self.members.values() for d in self._won(m)
                     if d.value_claimed >= self.scenario.knowledge.min_value_claimed]
        leavers = self._attrition() if self.round < self.rounds else []
        row = TeamRound(round=self.round, revenue=round(team_revenue, 2),
                        contribution=round(team_contribution, 2), pay=round(pay_total, 2),
                        costs=round(self.costs, 2),
                        profit=round(team_contribution - pay_total - self.costs, 2),
                        customers=customers, satisfaction=round(satisfaction, 5),
                        forecast=None if rollup is None else round(rollup, 2),
                        forecast_error=None if error is None else round(error, 5),
                        leavers=tuple(leavers))
        self.team.append(row)
        self.emit("team_reviewed", **row.model_dump(mode="json"), staffed=staffed,
                  regions=len(self.regions), teachable=teachable)
        if self.round >= self.rounds:
            self.over = True
            self.emit("manager_game_ended", totals=self.totals())
            return
        self.round += 1
        self._start_round()

    def _attainment(self, revenue: float, contribution: float, revenue_target: float) -> float:
        if revenue_target <= 0:
            return 0.0
        if self.plan.basis == "revenue":
            return revenue / revenue_target
        return contribution / max(1e-9, revenue_target * self.territory.targets.margin)

    def _attrition(self) -> list[str]:
        leavers = []
        for m in sorted(self.members.values(), key=lambda m: m.id):
            paid = m.rounds[-1].pay if m.rounds else self.scenario.pay.target_pay
            mine = self._load(m)
            played = self.round - m.hired_round + 1
            neglected = played >= 2 and not ({self.round, self.round - 1} & m.coached_rounds)
            chance = rules.leave_chance(self.scenario.pay, paid, mine, neglected)
            m.morale = float(np.clip(1.0 - 2.5 * chance + self._pulse.normal(0.0, 0.05), 0.0, 1.0))
            if self._leaving.uniform() < chance:
                leavers.append(m.id)
        for rid in leavers:
            m = self.members[rid]
            self._leave(m)
            self.emit("rep_left", rep=rid, region=m.region)
        return leavers

    # ------------------------------------------------------------------ results

    def totals(self) -> dict[str, Any]:
        """The team's whole-game KPIs."""
        rows = self.team
        errors = [r.forecast_error for r in rows]
        return {
            "profit": round(sum(r.profit for r in rows), 2),
            "revenue": round(sum(r.revenue for r in rows), 2),
            "contribution": round(sum(r.contribution for r in rows), 2),
            "pay": round(sum(r.pay for r in rows), 2),
            "costs": round(sum(r.costs for r in rows), 2),
            "margin": round(sum(r.contribution for r in rows) / max(1e-9, sum(r.revenue for r in rows)), 5),
            "customers": rows[-1].customers if rows else 0,
            "satisfaction": rows[-1].satisfaction if rows else 0.0,
            "forecast_error": (round(sum(1.0 if e is None else e for e in errors) / len(errors), 5)
                               if errors else None),
            "leavers": sum(len(r.leavers) for r in rows),
        }

    def truth(self) -> dict[str, Any]:
        """The hidden side, for the debrief: every current rep's skills, and every rep's skills
        when it joined and after each round it played."""
        return {"skills": {m.id: dict(m.player.theta) for m in self.members.values()},
                "growth": {rid: [dict(x) for x in rows] for rid, rows in self.growth.items()},
                "candidates": {r: {c: dict(v) for c, v in pool.items()} for r, pool in self.pools.items()},
                "coaching": [dict(c) for c in self.coaching_log]}

    def region_games(self) -> dict[str, Game]:
        return dict(self.games)

    def log_digest(self) -> str:
        """sha256 over the canonical lines of the manager's event log (as the rep game's)."""
        h = hashlib.sha256()
        for event in self.events:
            h.update(canonical(event).encode("utf-8"))
            h.update(b"\n")
        return h.hexdigest()

    # ------------------------------------------------------------------ view

    def _won(self, m: Member) -> list[WonDeal]:
        game = self.games.get(m.region)
        if game is None:
            return []
        out = []
        for e in game.events:
            if e.kind == "negotiation_ended" and e.payload.get("status") == "agreed" \
                    and e.round >= m.hired_round:
                account = e.payload["account"]
                claimed = float((e.payload.get("metrics") or {}).get("value_claimed") or 0.0)
                out.append(WonDeal(account=account, value_claimed=round(claimed, 4),
                                   shared=account in m.shared))
        return out

    def _measured(self, m: Member) -> dict[str, ScoreView]:
        key = (m.id, self.round)
        if key not in self._scores:
            game = self.games.get(m.region)
            out: dict[str, ScoreView] = {}
            if game is not None:
                rubric, _ = standard_rubric()
                events = [e for e in game.events if e.round >= m.hired_round]
                for c in competency_scores(events, game.scenario, rubric):
                    out[c.id] = ScoreView(score=None if c.score is None else round(c.score, 4),
                                          level=c.level, occasions=c.occasions,
                                          insufficient=c.insufficient)
            self._scores[key] = out
        return self._scores[key]

    def view(self) -> ManagerView:
        """Everything the manager may know now (built once between actions)."""
        if self._view is None:
            self._view = self._build_view()
        return self._view

    def _build_view(self) -> ManagerView:
        reps = []
        for m in sorted(self.members.values(), key=lambda m: m.id):
            reps.append(RepView(
                id=m.id, name=m.name, region=m.region,
                accounts=tuple(sorted(a for a, o in self.accounts.items() if o == m.id)),
                hired_round=m.hired_round,
                review={s: Estimate(mean=round(mu, 4), sd=round(sd, 4))
                        for s, (mu, sd) in ((s, rules.combine(r)) for s, r in m.review.items())},
                scores=self._measured(m), coached=dict(m.coached), morale=round(m.morale, 3),
                rounds=tuple(m.rounds), won=tuple(self._won(m))))
        cands = []
        for cand in self.candidates.values():
            cands.append(CandidateView(
                id=cand.id, name=cand.name, interviewed=dict(cand.asked),
                estimates={s: Estimate(mean=round(mu, 4), sd=round(sd, 4))
                           for s, (mu, sd) in ((s, rules.combine(r)) for s, r in cand.reads.items())}))
        t = self.territory
        return ManagerView(
            round=self.round, rounds=self.rounds, over=self.over,
            hours_left=round(self.hours_left, 4),
            hours_per_round=self.scenario.coaching.hours_per_round, competencies=SKILLS,
            plan=self.plan,
            regions=tuple(RegionView(id=r.id, name=r.name, share=r.share, rep=self.regions[r.id])
                          for r in self.scenario.regions),
            reps=tuple(reps), candidates=tuple(cands),
            accounts=tuple(AccountView(id=ka.id, name=ka.name, segment=ka.segment,
                                       volume=ka.volume, opportunity_round=ka.opportunity_round,
                                       rep=self.accounts[ka.id], status=self._account_status(ka.id),
                                       measure=t.product(ka.product).measure)
                     for ka in t.key_accounts),
            assignments_open=not self.games,
            standards=tuple(StandardView(id=s.id, name=s.name, kind=s.kind, value=s.value,
                                         cost_per_round=s.cost_per_round, hours=s.hours,
                                         in_force=s.id in self.standards)
                            for s in self.scenario.standards),
            systems=tuple(SystemView(id=s.id, name=s.name, cost=s.cost,
                                     cost_per_round=s.cost_per_round, effort_gain=s.effort_gain,
                                     owned=s.id in self.systems) for s in self.scenario.systems),
            team=tuple(self.team), max_reps=self.scenario.hiring.max_reps,
            interview_hours=self.scenario.candidates.interview_hours,
            playbook_hours=self.scenario.knowledge.hours,
            playbook_min_value=self.scenario.knowledge.min_value_claimed,
        )


def _round_figures(game: Game, k: dict[str, Any] | None, round_no: int) -> dict[str, Any]:
    """A region's round: revenue, contribution, mean discount, forecast, deals, customers."""
    if k is None:
        return {"revenue": 0.0, "profit": 0.0, "discount": 0.0, "forecast": None, "deals": 0,
                "customers": 0, "satisfaction": 0.0}
    listed = at_list_price(k)
    price = listed - float(k["revenue"])
    deals = sum(1 for e in game.events if e.kind == "contract_signed" and e.round == round_no)
    return {"revenue": float(k["revenue"]), "profit": float(k["profit"]),
            "discount": price / listed if listed > 0 else 0.0,
            "forecast": None if k.get("forecast") is None else float(k["forecast"]),
            "deals": deals, "customers": int(k["customers"]),
            "satisfaction": float(k["satisfaction"])}


def at_list_price(kpis: dict[str, Any]) -> float:
    """A round's revenue before the discounts given (revenue less the waterfall's price part)."""
    return float(kpis["revenue"]) - float(kpis["waterfall"].get("price", 0.0))
