"""The one definition of trades, shrinking concessions and better-than-standard terms, checked on
plain data with answers worked out by hand."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from game.negotiation import moves
from game.negotiation.space import OutcomeSpace
from game.scenario.models import Scenario

ISSUES: dict[str, list[float | str]] = {
    "price": [0.0, 0.05, 0.10, 0.15, 0.20],
    "delivery_weeks": [2.0, 4.0, 6.0],
    "service": ["basic", "standard", "premium"],
}
# the customer likes a big discount, fast delivery and premium service
VALUES = {
    "price": [0.0, 0.25, 0.5, 0.75, 1.0],
    "delivery_weeks": [1.0, 0.5, 0.0],
    "service": [0.0, 0.5, 1.0],
}
BASE = {"price": 0.05, "delivery_weeks": 4.0, "service": "standard"}


def _with(**changes: float | str) -> dict[str, float | str]:
    return {**BASE, **changes}


@pytest.mark.parametrize(
    ("after", "kind"),
    [
        (_with(), "unchanged"),
        (_with(price=0.10), "price_only"),
        (_with(price=0.0), "price_only"),
        # gives on service, takes on delivery: a trade
        (_with(service="premium", delivery_weeks=6.0), "trade"),
        # gives faster delivery and asks nothing back: a concession, not a trade
        (_with(delivery_weeks=2.0), "concession"),
        # gives faster delivery, takes back some discount: a trade
        (_with(delivery_weeks=2.0, price=0.0), "trade"),
        # gives on service, takes back some discount: a trade
        (_with(service="premium", price=0.0), "trade"),
        # gives on delivery and on price at once: a concession
        (_with(delivery_weeks=2.0, price=0.10), "concession"),
        # only takes: not a trade
        (_with(service="basic"), "concession"),
    ],
)
def test_move_kind_reads_gives_and_takes(after: dict[str, float | str], kind: str) -> None:
    assert moves.move_kind(ISSUES, VALUES, BASE, after) == kind
    assert moves.is_trade(ISSUES, VALUES, BASE, after) == (kind == "trade")


def test_a_move_is_valued_as_the_given_tables_value_it() -> None:
    # faster delivery with basic service: a customer that wants fast delivery gets something and
    # gives something back; to one that prefers slow delivery the move only takes
    slow = {**VALUES, "delivery_weeks": [0.0, 0.5, 1.0]}
    after = _with(delivery_weeks=2.0, service="basic")
    assert moves.move_kind(ISSUES, VALUES, BASE, after) == "trade"
    assert moves.move_kind(ISSUES, slow, BASE, after) == "concession"


def test_numbers_match_options_within_tolerance() -> None:
    assert moves.move_kind(ISSUES, VALUES, BASE, _with(price=0.05 + 1e-9)) == "unchanged"
    with pytest.raises(ValueError):
        moves.move_kind(ISSUES, VALUES, BASE, _with(price=0.07))


def test_trades_to_agrees_with_is_trade_on_every_offer() -> None:
    names = list(ISSUES)
    rows = np.array(list(itertools.product(*(range(len(ISSUES[k])) for k in names))))
    got = moves.trades_to(ISSUES, VALUES, BASE, rows)
    offers = [{k: ISSUES[k][int(i)] for k, i in zip(names, row, strict=True)} for row in rows]
    expected = [moves.is_trade(ISSUES, VALUES, BASE, o) for o in offers]
    assert got.tolist() == expected
    # holding the price, a trade gives on one of delivery and service and takes on the other
    held = [o for o, t in zip(offers, expected, strict=True) if t and o["price"] == 0.05]
    assert {(o["delivery_weeks"], o["service"]) for o in held} == {
        (2.0, "basic"),
        (6.0, "premium"),
    }


def test_trade_share_counts_moves_not_offers() -> None:
    offers = [
        BASE,
        _with(price=0.10),
        _with(price=0.05, service="premium"),
        _with(price=0.05, service="premium"),
    ]
    # price only, trade (premium service for some of the discount back), unchanged
    assert moves.trade_share(ISSUES, VALUES, offers) == pytest.approx(1 / 3)
    assert moves.trade_share(ISSUES, VALUES, offers[:1]) is None


def test_shrink_score_reads_the_shape_of_the_concessions() -> None:
    # drops 0.2, 0.1, 0.05: early 0.2, late 0.05 -> 0.5 + 0.15 / 0.5 = 0.8
    assert moves.shrink_score([0.9, 0.7, 0.6, 0.55]) == pytest.approx(0.8)
    assert moves.shrink_score([0.9, 0.8, 0.7]) == pytest.approx(0.5)
    assert moves.shrink_score([0.9, 0.85, 0.6]) == pytest.approx(0.5 - 0.2 / 0.6)
    assert moves.shrink_score([0.8, 0.8, 0.8]) == 0.0
    assert moves.shrink_score([0.9, 0.8]) is None
    assert moves.concessions_shrank([0.9, 0.7, 0.6, 0.55]) is True
    assert moves.concessions_shrank([0.9, 0.8, 0.7]) is False
    assert moves.concessions_shrank([0.9, 0.8]) is None
    assert moves.never_moved([0.8, 0.8, 0.8]) and not moves.never_moved([0.8, 0.7])


@pytest.mark.parametrize("gains_hold", [False, True])
def test_concession_positions_leave_out_what_holds(gains_hold: bool) -> None:
    """The same terms again hold; customer terms taken that cost the rep nothing hold under
    ``gains_hold`` (taking terms that cost it something is its last concession either way)."""
    a, b, c = {"price": 0.05}, {"price": 0.1}, {"price": 0.15}
    positions = [(a, 0.9, False), (b, 0.8, False), (b, 0.8, False), (c, 0.85, True)]
    assert moves.concession_positions(positions, gains_hold) == ([0, 1] if gains_hold
                                                                 else [0, 1, 3])
    costly = [(a, 0.9, False), (b, 0.8, False), (c, 0.7, True)]
    assert moves.concession_positions(costly, gains_hold) == [0, 1, 2]
    # the same terms at another worth moved (a term's worth can change with the rep's costs)
    assert moves.concession_positions([(a, 0.9, False), (a, 0.8, False)], gains_hold) == [0, 1]


def test_standard_terms_are_the_middle_options_and_the_middle_discount_within_authority() -> None:
    assert moves.standard_offer(ISSUES) == {
        "price": 0.10,
        "delivery_weeks": 4.0,
        "service": "standard",
    }
    # within an authority of 0.10 the discounts are 0, 0.05, 0.10: the middle is 0.05
    assert moves.standard_offer(ISSUES, 0.10)["price"] == 0.05
    # within 0.15: 0, 0.05, 0.10, 0.15 -> the lower middle, 0.05
    assert moves.standard_option(ISSUES, "price", 0.15) == 1


def test_better_than_standard_by_ideal_or_usual_direction() -> None:
    offer = _with(delivery_weeks=2.0, service="basic", price=0.10)
    # the usual direction: faster delivery, a bigger discount than the standard 0.05 (authority 0.1)
    assert moves.better_than_standard(ISSUES, offer, "delivery_weeks")
    assert moves.better_than_standard(ISSUES, offer, "price", authority=0.10)
    assert not moves.better_than_standard(ISSUES, offer, "price")  # standard is 0.10 without one
    assert not moves.better_than_standard(ISSUES, offer, "service")
    # a customer that named basic service as its ideal is given more than the standard option
    assert moves.better_than_standard(ISSUES, offer, "service", {"service": "basic"})
    # an ideal that is the standard option cannot be bettered
    assert not moves.better_than_standard(
        ISSUES, _with(service="premium"), "service", {"service": "standard"}
    )
    assert not moves.better_than_standard(ISSUES, offer, "training")


def test_estimated_values_fall_with_the_distance_from_the_ideal() -> None:
    tables = moves.estimated_values(ISSUES, {"delivery_weeks": 6.0})
    assert tables["delivery_weeks"].tolist() == [0.0, 0.5, 1.0]
    assert tables["price"].tolist() == pytest.approx(VALUES["price"])
    assert tables["service"].tolist() == VALUES["service"]


def test_an_outcome_space_is_accepted_as_the_issues(east_china: Scenario) -> None:
    space = OutcomeSpace(east_china.negotiation)
    a, b = space.offer_at(0), space.offer_at(space.n_outcomes - 1)
    tables = moves.estimated_values(space)
    assert moves.move_kind(space, tables, a, b) == moves.move_kind(space.options, tables, a, b)
    assert moves.trades_to(space, tables, a, space.grid).shape == (space.n_outcomes,)


def test_another_package_is_any_change_of_a_term_other_than_price() -> None:
    assert moves.changes_other_terms(ISSUES, BASE, _with(delivery_weeks=2.0))
    assert moves.changes_other_terms(ISSUES, BASE, _with(service="basic", price=0.10))
    assert not moves.changes_other_terms(ISSUES, BASE, _with(price=0.10))
    assert not moves.changes_other_terms(ISSUES, BASE, _with())


TABLE = [0.0, 0.05, 0.1, 0.15]


@pytest.mark.parametrize(("offered", "authority", "discounts", "used"), [
    ([0.0, 0.05], 0.1, TABLE, False),  # 0.1 was still its own to give
    ([0.05, 0.1], 0.1, TABLE, True),
    ([0.1000000001], 0.1, TABLE, True),  # float noise is no difference
    ([0.05], 0.12, TABLE, False),  # the deepest within 0.12 is 0.1
    ([0.1], 0.12, TABLE, True),
    ([], 0.0, [0.05, 0.1, 0.15], True),  # no discount within the authority: no room to use
])
def test_own_room_is_used_once_the_deepest_discount_within_authority_was_offered(
        offered: list[float], authority: float, discounts: list[float], used: bool) -> None:
    assert moves.used_own_room(offered, discounts, authority) is used


def test_the_deepest_discount_within_an_authority() -> None:
    assert moves.deepest_within(TABLE, 0.12) == 0.1
    assert moves.deepest_within(TABLE, 0.1 + 1e-12) == 0.1
    assert moves.deepest_within([0.05, 0.1], 0.0) is None
