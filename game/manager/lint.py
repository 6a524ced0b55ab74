"""Lint for manager scenarios: what the schema cannot catch, as positioned warnings (W6xx, and
W401 for a text in one language only), in the format of the rep track's lint."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

from game.manager.loader import load_manager
from game.manager.models import ManagerScenario
from game.scenario.errors import Problem, ScenarioError
from game.scenario.loader import decode_source, parse_tree, read_source
from game.scenario.messages import msg
from game.scenario.models import Scenario
from game.trainer.lint_base import LintContext
from game.trainer.lint_definitions import translation_problems

PAY_MULTIPLE = 3.0
"""A rep should bring in about three times their pay in contribution (the sales rule of thumb)."""


def check_manager(path: str | Path) -> list[Problem]:
    """Every problem of the manager scenario at ``path``: the loader's (its own and its
    territory's), then the lint warnings, sorted by position."""
    try:
        scenario, territory, _ = load_manager(path)
        tree = parse_tree(decode_source(read_source(path), str(path)), str(path))
    except ScenarioError as err:
        return list(err.problems)
    ctx = LintContext(tree=tree, text="", path=str(path))
    found = [*translation_problems(ctx, scenario, scenario.languages),
             *_pay(ctx, scenario, territory), *_load(ctx, scenario, territory),
             *_late_accounts(ctx, scenario, territory), *_interviews(ctx, scenario)]
    return sorted(found, key=lambda p: p.sort_key)


def _pay(ctx: LintContext, scenario: ManagerScenario, territory: Scenario) -> Iterator[Problem]:
    """W601: the region that earns least cannot carry a rep at the target pay."""
    per_round = territory.targets.revenue / territory.rounds * territory.targets.margin
    smallest = min(scenario.regions, key=lambda r: (r.share, r.id))
    contribution = per_round * smallest.share
    if scenario.pay.target_pay * PAY_MULTIPLE > contribution:
        yield ctx.problem(("pay", "target_pay"), "W601",
                          msg("W601.seat_cannot_pay", pay=scenario.pay.target_pay,
                              region=smallest.id, contribution=contribution),
                          msg("W601.seat_cannot_pay_hint", limit=contribution / PAY_MULTIPLE,
                              region=smallest.id))


def _load(ctx: LintContext, scenario: ManagerScenario, territory: Scenario) -> Iterator[Problem]:
    """W602: more key accounts than the largest team holds at a fair load."""
    accounts, reps = len(territory.key_accounts), scenario.hiring.max_reps
    fair = scenario.pay.fair_accounts
    if accounts > reps * fair:
        yield ctx.problem(("pay", "fair_accounts"), "W602",
                          msg("W602.accounts_beyond_fair_load", accounts=accounts, reps=reps,
                              fair=fair),
                          msg("W602.accounts_beyond_fair_load_hint", need=math.ceil(accounts / reps),
                              reps_needed=math.ceil(accounts / max(1, fair))))


def _late_accounts(ctx: LintContext, scenario: ManagerScenario,
                   territory: Scenario) -> Iterator[Problem]:
    """W603: a key account whose opportunity comes after the manager game's last round."""
    rounds = scenario.rounds or territory.rounds
    for ka in territory.key_accounts:
        if ka.opportunity_round > rounds:
            yield ctx.problem(("rounds",), "W603",
                              msg("W603.account_after_the_end", account=ka.id,
                                  round=ka.opportunity_round, rounds=rounds),
                              msg("W603.account_after_the_end_hint", round=ka.opportunity_round))


def _interviews(ctx: LintContext, scenario: ManagerScenario) -> Iterator[Problem]:
    """W604: an interview question longer than a round's hours."""
    hours, round_hours = scenario.candidates.interview_hours, scenario.coaching.hours_per_round
    if hours > round_hours:
        yield ctx.problem(("candidates", "interview_hours"), "W604",
                          msg("W604.no_interview_possible", hours=hours, round_hours=round_hours),
                          msg("W604.no_interview_possible_hint", round_hours=round_hours))
