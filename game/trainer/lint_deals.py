"""Key-account deals nobody can close (E201, W201, W206).

A deal is possible when some outcome on the table is at or above both reservation values: the
customer's and the seller's (a profit of at least 0). The customer's is the one its negotiator
holds in the game: its own ``reservation`` or, when higher, what the best rival bid is worth to
it, with the rivals bidding as they do when the game starts (after the warm-up). The utilities
come from the negotiation package and the bids from the engine, so lint and game agree on what
every outcome is worth and on what the account walks away to.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from game.engine.dealing import best_alternative
from game.engine.game import Game
from game.negotiation.customer import CustomerNegotiator
from game.negotiation.space import OutcomeSpace
from game.negotiation.utility import customer_utilities, seller_rv, seller_utilities
from game.scenario.errors import Problem
from game.scenario.messages import Msg, joined, msg
from game.scenario.models import KeyAccount, Scenario
from game.trainer.lint_base import LintContext

_TOL = 1e-9


@dataclass(frozen=True)
class DealZone:
    """What the outcome space offers one key account."""

    best_customer_utility: float  # the most any outcome is worth to the account
    floor: float  # the utility it accepts at least: its reservation or the best rival bid
    acceptable: int  # outcomes both sides accept (the zone of possible agreement)
    within_authority: int  # of those, outcomes with a discount the manager can approve
    smallest_discount: float | None  # the smallest discount of an acceptable outcome


def deal_zone(
    space: OutcomeSpace, scenario: Scenario, account: KeyAccount, game: Game | None = None
) -> DealZone:
    """The zone of possible agreement with ``account`` (ValueError if the space is unusable).

    With ``game`` (the scenario's game as it starts), the account also turns down anything worth
    less to it than the best rival bid, as its negotiator does; without, only its reservation
    counts.
    """
    u_c = customer_utilities(space, account)
    u_s = seller_utilities(space, scenario, account)
    floor = account.preferences.reservation
    if game is not None:
        customer = CustomerNegotiator.for_account(
            space, account, account.deadline, best_alternative(game, account.id)
        )
        floor = customer.rv
    ok = (u_c >= floor - _TOL) & (
        u_s >= seller_rv(space, scenario, account) - _TOL
    )
    discounts = np.array(space.options["price"], dtype=float)[space.grid[:, space.column("price")]]
    within = ok & space.within_authority(scenario.company.manager_authority)
    return DealZone(
        best_customer_utility=float(u_c.max()),
        floor=float(floor),
        acceptable=int(np.count_nonzero(ok)),
        within_authority=int(np.count_nonzero(within)),
        smallest_discount=float(discounts[ok].min()) if ok.any() else None,
    )


def deal_possible(scenario: Scenario, account: KeyAccount) -> bool:
    """Whether some outcome satisfies both sides within the manager's authority."""
    try:
        return deal_zone(OutcomeSpace(scenario.negotiation), scenario, account).within_authority > 0
    except ValueError:
        return False


def deal_rules(ctx: LintContext) -> Iterator[Problem]:
    scenario = ctx.scenario
    if scenario is None:  # only called once the file loaded
        return
    for i, ka in enumerate(scenario.key_accounts):
        if ka.deadline > scenario.negotiation.max_rounds:
            yield ctx.problem(
                ("key_accounts", i, "deadline"),
                "W206",
                msg(
                    "W206.deadline",
                    id=ka.id,
                    deadline=ka.deadline,
                    max_rounds=scenario.negotiation.max_rounds,
                ),
                msg("W206.deadline_hint", max_rounds=scenario.negotiation.max_rounds),
            )
    if not scenario.key_accounts:
        return
    space = OutcomeSpace(scenario.negotiation)
    game = Game(scenario)  # the rivals' bids as the game starts
    for i, ka in enumerate(scenario.key_accounts):
        yield from _zone_problems(ctx, scenario, space, game, i, ka)


def _zone_problems(
    ctx: LintContext,
    scenario: Scenario,
    space: OutcomeSpace,
    game: Game,
    i: int,
    ka: KeyAccount,
) -> Iterator[Problem]:
    zone = deal_zone(space, scenario, ka, game)
    at = ("key_accounts", i, "preferences", "reservation")
    reservation = ka.preferences.reservation
    if zone.acceptable == 0:
        message: Msg
        hint: Msg
        if zone.floor > reservation + _TOL:
            rival = best_alternative(game, ka.id)
            terms = joined(
                [f"{k} {v:g}" if not isinstance(v, str) else f"{k} {v}"
                 for k, v in (rival or {}).items()],
                "ids",
            )
            message = (
                msg("E201.rival_unpaid", id=ka.id, terms=terms, floor=zone.floor,
                    reservation=reservation)
                if zone.best_customer_utility >= zone.floor - _TOL
                else msg("E201.rival_beats_table", id=ka.id, terms=terms, floor=zone.floor,
                         best=zone.best_customer_utility)
            )
            hint = msg("E201.rival_hint")
        elif zone.best_customer_utility < reservation - _TOL:
            best = zone.best_customer_utility
            message = msg("E201.worth_too_little", id=ka.id, best=best, reservation=reservation)
            hint = msg("E201.worth_too_little_hint", best=best)
        else:
            message = msg("E201.loses_money", id=ka.id, reservation=reservation)
            hint = msg("E201.loses_money_hint")
        yield ctx.problem(at, "E201", message, hint)
    elif zone.within_authority == 0:
        yield ctx.problem(
            at,
            "W201",
            msg(
                "W201.beyond_authority",
                id=ka.id,
                discount=zone.smallest_discount or 0.0,
                authority=scenario.company.manager_authority,
            ),
            msg("W201.rival_hint")
            if zone.floor > reservation + _TOL
            else msg("W201.beyond_authority_hint"),
        )

