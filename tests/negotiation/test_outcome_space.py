"""The outcome space: every combination of options, and offers checked against it."""

from __future__ import annotations

import itertools

import pytest

from game.negotiation.errors import IllegalMove
from game.negotiation.space import OutcomeSpace
from game.scenario.models import Scenario

GOOD = {"price": 0.1, "volume": 0.75, "delivery_weeks": 4, "payment_days": 30, "service": "premium"}


def test_grid_is_the_full_cartesian_product(east_china: Scenario) -> None:
    space = OutcomeSpace(east_china.negotiation)
    sizes = [len(i.values) for i in east_china.negotiation.issues]
    assert space.grid.shape == (6 * 3 * 4 * 4 * 3, len(sizes))
    assert len({tuple(row) for row in space.grid}) == space.n_outcomes
    for j, n in enumerate(sizes):
        assert set(space.grid[:, j]) == set(range(n))
    # numbered in itertools.product order: the last issue varies fastest
    assert space.grid.tolist() == [list(row) for row in itertools.product(*map(range, sizes))]


def test_every_outcome_round_trips_through_offer_and_index(east_china: Scenario) -> None:
    space = OutcomeSpace(east_china.negotiation)
    for i in range(space.n_outcomes):
        assert space.index_of(space.offer_at(i)) == i


def test_ints_and_nearly_equal_floats_name_the_same_option(east_china: Scenario) -> None:
    space = OutcomeSpace(east_china.negotiation)
    reference = space.index_of(GOOD)
    assert space.index_of({**GOOD, "price": 0.1 + 1e-12, "delivery_weeks": 4.0}) == reference
    offer = space.offer_at(reference)
    assert offer["delivery_weeks"] == 4.0 and isinstance(offer["delivery_weeks"], float)


@pytest.mark.parametrize(
    ("offer", "code"),
    [
        ({k: v for k, v in GOOD.items() if k != "service"}, "missing_issue"),
        ({**GOOD, "price": 0.12}, "not_an_option"),
        ({**GOOD, "service": "gold"}, "not_an_option"),
        ({**GOOD, "service": 1.0}, "not_an_option"),
        ({**GOOD, "delivery_weeks": "4"}, "not_an_option"),
        ({**GOOD, "volume": True}, "not_an_option"),
        ({**GOOD, "warranty": 3}, "unknown_issue"),
    ],
)
def test_bad_offers_are_illegal_with_a_message(
    east_china: Scenario, offer: dict, code: str
) -> None:
    space = OutcomeSpace(east_china.negotiation)
    with pytest.raises(IllegalMove) as err:
        space.validate(offer)
    assert err.value.code == code
    assert str(err.value)  # a message a person can read


def test_within_authority_keeps_the_discounts_a_rep_may_give(east_china: Scenario) -> None:
    space = OutcomeSpace(east_china.negotiation)
    mask = space.within_authority(0.1)
    offered = {float(space.offer_at(i)["price"]) for i in range(space.n_outcomes) if mask[i]}
    assert offered == {0.0, 0.05, 0.1}  # 0.1 itself is within, whatever its float error
    assert mask.sum() == space.n_outcomes // 2
    issues = [i for i in east_china.negotiation.issues if i.id != "price"]
    unpriced = OutcomeSpace(east_china.negotiation.model_copy(update={"issues": issues}))
    assert unpriced.within_authority(0.0).all()
