"""Key-account deals the game cannot run or nobody can close (E201, E206, E207, W201, W206).

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
from game.negotiation.space import NUMERIC_ISSUES, OutcomeSpace
from game.negotiation.utility import customer_utilities, seller_rv, seller_utilities
from game.scenario.errors import Problem
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
    within = ok & (discounts <= scenario.company.manager_authority + _TOL)
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
    broken = list(_option_problems(ctx, scenario))
    yield from broken
    for i, ka in enumerate(scenario.key_accounts):
        if ka.deadline > scenario.negotiation.max_rounds:
            yield ctx.problem(
                ("key_accounts", i, "deadline"),
                "W206",
                f"the deadline of '{ka.id}' ({ka.deadline} offers) is beyond "
                f"negotiation.max_rounds ({scenario.negotiation.max_rounds}), so the meeting "
                "limit ends the talks first",
                f"use a deadline of at most {scenario.negotiation.max_rounds}, or raise "
                "negotiation.max_rounds",
            )
    if broken:
        return  # the utilities cannot be computed on options the game cannot use
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
        if zone.floor > reservation + _TOL:
            rival = best_alternative(game, ka.id)
            terms = ", ".join(f"{k} {v:g}" if not isinstance(v, str) else f"{k} {v}"
                              for k, v in (rival or {}).items())
            message = (
                f"no deal is possible with '{ka.id}': the best rival bid ({terms}) is worth "
                f"{zone.floor:.2f} to it, above its reservation {reservation:g}, and no "
                "outcome worth that much to it makes us money"
                if zone.best_customer_utility >= zone.floor - _TOL
                else f"no deal is possible with '{ka.id}': the best rival bid ({terms}) is worth "
                f"{zone.floor:.2f} to it, more than any outcome on our table "
                f"({zone.best_customer_utility:.2f})"
            )
            hint = (
                "offer the account more on the issues it weighs (deeper discount options, faster "
                "delivery, longer payment terms, a better service level) or make the deal pay at "
                "those terms with lower costs; lowering preferences.reservation does not help, "
                "the account walks away to the rival's bid"
            )
        elif zone.best_customer_utility < reservation - _TOL:
            message = (
                f"no deal is possible with '{ka.id}': the best outcome on the table is worth "
                f"{zone.best_customer_utility:.2f} to it, below its reservation {reservation:g}"
            )
            hint = f"lower preferences.reservation below {zone.best_customer_utility:.2f}"
        else:
            message = (
                f"no deal is possible with '{ka.id}': every outcome it accepts (utility at "
                f"least {reservation:g}) loses us money"
            )
            hint = (
                "lower preferences.reservation, or make the deal pay: a higher list price or "
                "lower unit, delivery or service costs"
            )
        yield ctx.problem(at, "E201", message, hint)
    elif zone.within_authority == 0:
        yield ctx.problem(
            at,
            "W201",
            f"a deal with '{ka.id}' needs a discount of at least {zone.smallest_discount:.0%}, "
            f"beyond the manager's authority ({scenario.company.manager_authority:.0%})",
            "raise company.manager_authority (the best rival bid, not the reservation, sets "
            "what this account accepts)"
            if zone.floor > reservation + _TOL
            else "lower preferences.reservation, or raise company.manager_authority",
        )


def _option_problems(ctx: LintContext, scenario: Scenario) -> Iterator[Problem]:
    costs = scenario.company.service_cost
    for i, issue in enumerate(scenario.negotiation.issues):
        for j, value in enumerate(issue.values):
            at = ("negotiation", "issues", i, "values", j)
            if issue.id in NUMERIC_ISSUES and isinstance(value, str):
                yield ctx.problem(
                    at,
                    "E207",
                    f"'{issue.id}' needs numbers, but option {j + 1} is the text '{value}'",
                    "write a plain number (no units or '%'), e.g. 0.1 for a 10% discount",
                )
            elif issue.id == "price" and isinstance(value, float) and not 0 <= value < 1:
                yield ctx.problem(
                    at,
                    "E207",
                    f"the price option {value:g} is not a discount between 0 and 1",
                    "price options are discounts off list: 0.1 means 10% off",
                )
            elif issue.id == "volume" and isinstance(value, float) and value <= 0:
                yield ctx.problem(
                    at,
                    "E207",
                    f"the volume option {value:g} is not a share above 0 of the yearly volume",
                    "volume options are shares of the account's yearly volume, e.g. 0.5, 1.0",
                )
            elif issue.id == "service":
                level = value if isinstance(value, str) else f"{value:g}"
                if level not in costs:
                    yield ctx.problem(
                        at,
                        "E206",
                        f"the service level '{level}' has no cost in company.service_cost",
                        f"add '{level}: <cost per unit>' to company.service_cost (it has: "
                        f"{', '.join(costs) or 'nothing'}), or use one of those levels",
                    )
