"""Synthetic managers: players of known skill in each manager competency, for measuring whether the
manager rubric measures skill. Like the synthetic reps they decide from what a manager sees (the
manager view) with chance in everything, and are written from what a manager does, not from how
the rubric scores (an import contract keeps them from the game and the scoring)."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from game.manager.actions import (
    AdoptStandard,
    AssignAccount,
    Coach,
    EndRound,
    Hire,
    InterviewCandidate,
    ManagerAction,
    SetPlan,
    SharePlaybook,
)
from game.manager.view import CandidateView, ManagerView, RepView
from game.sim.rng import stream

MANAGER_SKILLS: tuple[str, ...] = (
    "recruiting-selection",
    "coaching-development",
    "incentives-motivation",
    "process-knowledge",
)
"""The areas of the manager's work a synthetic manager has a skill in (the manager rubric's)."""


def _p(skill: float) -> float:
    """How often a manager of ``skill`` does the right thing when the occasion comes."""
    return 1.0 / (1.0 + math.exp(-10.0 * (skill - 0.5)))


def draw_manager_theta(rng: np.random.Generator) -> dict[str, float]:
    return {s: float(rng.uniform()) for s in MANAGER_SKILLS}


class SyntheticManager:
    """A manager of skill ``theta``; ``seed`` drives its own chance (never the game's)."""

    def __init__(self, theta: Mapping[str, float], seed: int, label: str = "") -> None:
        self.theta = {s: float(min(1.0, max(0.0, theta[s]))) for s in MANAGER_SKILLS}
        self.name = f"synthetic-manager{label}"
        self.rng = stream(seed, f"manager:{label}")
        self._done: set[tuple[object, ...]] = set()
        self._asking = False  # whether it interviews the candidates of this round

    def _chance(self, p: float) -> bool:
        return bool(self.rng.uniform() < p)

    def _once(self, key: tuple[object, ...]) -> bool:
        if key in self._done:
            return False
        self._done.add(key)
        return True

    def next_action(self, view: ManagerView) -> ManagerAction:
        for step in (self._plan, self._accounts, self._standards, self._hiring, self._playbooks,
                     self._coaching):
            action = step(view)
            if action is not None:
                return action
        return EndRound()

    # ------------------------------------------------------------------ incentives

    def _plan(self, view: ManagerView) -> ManagerAction | None:
        if not self._once(("plan", view.round)) or view.round > 1 and not self._chance(0.2):
            return None
        i = self.theta["incentives-motivation"]
        if self._chance(_p(i)):  # pays for profitable business
            return SetPlan(variable_share=0.4, basis="margin", accelerator=1.5, team_share=0.0)
        if self._chance(0.5):  # "more on revenue will motivate them"
            return SetPlan(variable_share=0.6, basis="revenue", accelerator=1.5, team_share=0.0)
        return None

    def _accounts(self, view: ManagerView) -> ManagerAction | None:
        """A fair load for everyone, as often as the manager thinks of it."""
        if not view.assignments_open or not view.reps or view.candidates and any(
                r.rep is None for r in view.regions) and self.theta["recruiting-selection"] > 0.5:
            return None  # a manager who fills the seat first shares the accounts after
        if not self._once(("accounts", len(view.reps))) or not self._chance(_p(self.theta["incentives-motivation"])):
            return None
        fair = -(-len(view.accounts) // len(view.reps))
        load = {rep.id: [a for a in view.accounts if a.rep == rep.id] for rep in view.reps}
        busiest = max(load, key=lambda r: (len(load[r]), r))
        idlest = min(load, key=lambda r: (len(load[r]), r))
        unowned = [a for a in view.accounts if a.rep not in load]
        if unowned:
            return AssignAccount(account=unowned[0].id, rep=idlest)
        if len(load[busiest]) > fair and len(load[idlest]) < fair:
            self._done.discard(("accounts", len(view.reps)))  # more to move
            return AssignAccount(account=min(load[busiest], key=lambda a: (a.volume, a.id)).id,
                                 rep=idlest)
        return None

    # ------------------------------------------------------------------ process and knowledge

    def _standards(self, view: ManagerView) -> ManagerAction | None:
        k = self.theta["process-knowledge"]
        for s in view.standards:
            if s.in_force or s.kind == "discount_cap" or not self._once(("standard", s.id)):
                continue
            if s.kind == "pipeline_review" and view.hours_left < s.hours * len(view.reps) + 4:
                continue
            if self._chance(_p(k)):
                return AdoptStandard(standard=s.id)
        return None

    def _playbooks(self, view: ManagerView) -> ManagerAction | None:
        k = self.theta["process-knowledge"]
        for rep in view.reps:
            for deal in rep.won:
                if deal.shared or deal.value_claimed < view.playbook_min_value \
                        or view.hours_left < view.playbook_hours \
                        or not self._once(("playbook", rep.id, deal.account)):
                    continue
                if self._chance(_p(k)):
                    return SharePlaybook(rep=rep.id, account=deal.account)
        return None

    # ------------------------------------------------------------------ recruiting

    def _hiring(self, view: ManagerView) -> ManagerAction | None:
        vacant = [r.id for r in view.regions if r.rep is None]
        if not vacant or not view.candidates or len(view.reps) >= view.max_reps:
            return None
        r = self.theta["recruiting-selection"]
        if self._once(("wait?", view.round)) and not self._chance(0.4 + 0.6 * _p(r)):
            self._done.add(("waits", view.round))  # puts the hiring off to a later round
        if ("waits", view.round) in self._done:
            return None
        if self._once(("asks?", view.round)):
            self._asking = self._chance(_p(r))
        if self._asking:
            top = sorted(view.candidates, key=lambda c: -_cv(c))[: 1 + round(2 * r)]
            for cand in top:
                widest = sorted(cand.estimates, key=lambda s: (-cand.estimates[s].sd, s))
                for comp in widest[: 1 + round(2 * r)]:
                    if view.hours_left >= view.interview_hours and self._once(("ask", cand.id, comp)):
                        return InterviewCandidate(candidate=cand.id, competency=comp)
        if self._chance(_p(r)):
            best = max(view.candidates, key=lambda c: (_cv(c), c.id))
        else:  # a hunch: whoever made the best impression
            best = view.candidates[int(self.rng.integers(len(view.candidates)))]
        return Hire(candidate=best.id, region=vacant[0])

    # ------------------------------------------------------------------ coaching

    def _coaching(self, view: ManagerView) -> ManagerAction | None:
        c = self.theta["coaching-development"]
        hours = round(2.0 + 2.0 * c, 2)
        for rep in view.reps:
            if view.hours_left < hours or not self._once(("coach", view.round, rep.id)):
                continue
            if not self._chance(0.3 + 0.7 * _p(c)):
                continue  # this rep goes without this round
            if self._chance(_p(c)):
                skill = min(view.competencies, key=lambda s: (_read(rep, s), s))
            else:
                skill = view.competencies[int(self.rng.integers(len(view.competencies)))]
            return Coach(rep=rep.id, competency=skill, hours=hours)
        return None


def _cv(cand: CandidateView) -> float:
    return float(np.mean([e.mean for e in cand.estimates.values()]))


def _read(rep: RepView, competency: str) -> float:
    """A rep's skill as the manager reads it: the measured score on enough evidence, else the review."""
    score = rep.scores.get(competency)
    if score is not None and score.score is not None and not score.insufficient:
        return score.score
    return rep.review[competency].mean
