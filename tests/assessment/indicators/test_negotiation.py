"""Negotiation indicators on hand-built event logs with known answers."""

from __future__ import annotations

import numpy as np
import pytest

from game.assessment.indicators import INDICATORS
from game.engine.actions import AcceptOffer, MakeOffer
from game.engine.view_models import NegotiationView
from game.negotiation.moves import shrink_score


def run(name, log, scenario, **params):
    return INDICATORS[name].fn(log.events, scenario, params)


def test_shrink_score_reads_the_shape_of_the_concessions():
    assert shrink_score([0.9, 0.7, 0.6, 0.55]) == pytest.approx(0.8)
    assert shrink_score([0.9, 0.8, 0.7]) == pytest.approx(0.5)  # even steps
    assert shrink_score([0.9, 0.85, 0.6]) < 0.5  # growing steps
    assert shrink_score([0.8, 0.8, 0.8]) == 0.0  # never moved


def test_concessions_shrink_per_negotiation_and_repeats_are_left_to_good_faith(log, shipped):
    log.at(1, "negotiation")
    shrinking = [log.offer("hx-bank", u) for u in (0.9, 0.7, 0.6, 0.55)]
    for _ in range(3):
        log.offer("jinling-mfg", 0.8)
    log.offer("xihu-cloud", 0.9)  # one offer: nothing to compare
    result = run("concessions_shrink", log, shipped)
    # the repeated offer is no concession step: judged once, under good faith, not here
    assert result.value == pytest.approx(0.8)
    assert set(shrinking) <= set(result.evidence)
    assert result.facts == {"negotiations": 1, "shrinking": 1, "still": 1, "at_once": 0}


def test_concessions_are_not_applicable_with_fewer_than_three_offers(log, shipped):
    log.at(1, "negotiation")
    log.offer("hx-bank", 0.9)
    log.offer("hx-bank", 0.8)
    assert run("concessions_shrink", log, shipped).value is None


def _accept(log, account, u_seller, **changes):
    from tests.assessment.conftest import STANDARD_OFFER

    return log.add("trainee_accepted", account=account, round=2,
                   offer={**STANDARD_OFFER, **changes}, u_seller=u_seller)


def test_taking_the_customers_counter_is_the_reps_last_move(log, shipped):
    """Doing less must not score more: a rep that quotes once and takes the customer's counter
    has conceded everything at once (scored 0), not skipped the occasion; a rep that bargained
    first and then took the counter is judged on all its positions."""
    log.at(1, "negotiation")
    took = [log.offer("hx-bank", 0.9), _accept(log, "hx-bank", 0.5, price=0.15)]
    for u in (0.9, 0.75, 0.68):
        log.offer("jinling-mfg", u)
    _accept(log, "jinling-mfg", 0.65)
    result = run("concessions_shrink", log, shipped)
    assert result.facts == {"negotiations": 2, "shrinking": 1, "still": 0, "at_once": 1}
    assert result.value == pytest.approx((0.0 + shrink_score([0.9, 0.75, 0.68, 0.65])) / 2)
    assert set(took) <= set(result.evidence)
    trades = run("trades_across_issues", log, shipped)
    assert trades.facts["moves"] == 4 and trades.facts["price_only"] >= 1


def test_a_repeated_offer_then_the_customers_terms_is_counted_once(log, shipped):
    log.at(1, "negotiation")
    log.offer("hx-bank", 0.9)
    log.offer("hx-bank", 0.9)
    _accept(log, "hx-bank", 0.5, price=0.15)
    result = run("concessions_shrink", log, shipped)
    assert result.facts == {"negotiations": 1, "shrinking": 0, "still": 0, "at_once": 1}
    assert result.value == 0.0


def test_a_counter_better_than_the_reps_own_offer_concedes_nothing(log, shipped):
    log.at(1, "negotiation")
    log.offer("hx-bank", 0.6)
    _accept(log, "hx-bank", 0.7)
    assert run("concessions_shrink", log, shipped).value is None


@pytest.mark.parametrize("gains_hold", [False, True])
def test_terms_taken_that_cost_the_rep_nothing_are_holding_not_a_shrunk_concession(
        log, shipped, gains_hold):
    """One concession, then the customer's terms worth more to the rep than its own last offer:
    it conceded once and held. Read as a step back up, the steps 0.2 then -0.1 look like a
    concession that shrank below nothing (score 1); with ``gains_hold`` the taking is left out,
    like a repeated offer, and two positions leave nothing to compare."""
    log.at(1, "negotiation")
    log.offer("hx-bank", 0.9)
    log.offer("hx-bank", 0.7)
    _accept(log, "hx-bank", 0.8)
    # a taking that does cost something is still the rep's last concession
    for u in (0.9, 0.8):
        log.offer("jinling-mfg", u)
    _accept(log, "jinling-mfg", 0.75)
    result = run("concessions_shrink", log, shipped, gains_hold=gains_hold)
    kept = shrink_score([0.9, 0.8, 0.75])
    if gains_hold:
        assert result.facts == {"negotiations": 1, "shrinking": 1, "still": 1, "at_once": 0}
        assert result.value == pytest.approx(kept)
    else:
        assert result.facts["negotiations"] == 2
        assert result.value == pytest.approx((shrink_score([0.9, 0.7, 0.8]) + kept) / 2)
        assert shrink_score([0.9, 0.7, 0.8]) == 1.0


def test_trades_across_issues_count_moves_that_change_more_than_price(log, shipped):
    log.at(1, "negotiation")
    log.offer("hx-bank", price=0.05)
    log.offer("hx-bank", price=0.1)  # price only
    # faster delivery for some of the discount back: a trade
    trade = log.offer("hx-bank", price=0.05, delivery_weeks=2.0)
    log.offer("hx-bank", price=0.05, delivery_weeks=2.0)  # unchanged
    result = run("trades_across_issues", log, shipped)
    # the unchanged move is counted but judged under good faith, not scored as a missed trade
    assert result.value == pytest.approx(1 / 2)
    assert result.facts == {"judged": 2, "moves": 3, "trades": 1, "price_only": 1, "gave": 0,
                            "unchanged": 1, "taken": 0, "went_back": 0}
    assert trade in result.evidence


def test_a_trade_the_customer_built_and_the_rep_took_is_the_customers(log, shipped):
    """Under ``own_trades``, taking the customer's counter that trades across issues shows no
    trading of the rep's (no occasion: the customer built it), while taking a counter that only
    gives still scores 0 and a trade the rep offered itself still scores 1. Without the option
    (a rubric written before it) the taken trade counts as the rep's."""
    log.at(1, "negotiation")
    # opened deep on price; the customer counters with less discount and faster delivery
    log.offer("hx-bank", price=0.15)
    taken = _accept(log, "hx-bank", 0.6, price=0.1, delivery_weeks=2.0)
    # another customer: the rep's own trade, then a counter that only gives, taken
    log.offer("jinling-mfg", price=0.05)
    own = log.offer("jinling-mfg", price=0.05, delivery_weeks=2.0, payment_days=0.0)
    gave = _accept(log, "jinling-mfg", 0.4, price=0.1, delivery_weeks=2.0, payment_days=0.0)
    before = run("trades_across_issues", log, shipped)
    assert before.facts["trades"] == 2 and before.facts["taken"] == 0
    assert taken in before.evidence and before.value == pytest.approx(2 / 3)
    result = run("trades_across_issues", log, shipped, own_trades=True)
    assert result.facts == {"judged": 2, "moves": 3, "trades": 1, "price_only": 1, "gave": 0,
                            "unchanged": 0, "taken": 1, "went_back": 0}
    assert result.value == pytest.approx(1 / 2)
    assert own in result.evidence and gave in result.evidence and taken not in result.evidence


def test_value_claimed_averages_the_negotiations_and_no_deal_keeps_nothing(log, shipped):
    log.at(1, "negotiation")
    a = log.add(
        "negotiation_ended",
        account="hx-bank",
        round=5,
        status="agreed",
        metrics={"value_claimed": 0.6},
    )
    b = log.add(
        "negotiation_ended",
        account="jinling-mfg",
        round=2,
        status="trainee_walked",
        metrics={"value_claimed": 0.0},
    )
    result = run("value_claimed", log, shipped)
    assert result.value == pytest.approx(0.3)
    assert result.evidence == (a, b)
    assert result.facts == {"negotiations": 2, "deals": 1, "mean_pct": 30.0}


def test_a_trade_gives_and_takes_while_conceding_on_everything_is_no_trade(log, shipped):
    log.at(1, "negotiation")
    log.offer("hx-bank", price=0.05, delivery_weeks=4.0, payment_days=30.0)
    give_take = log.offer(
        "hx-bank", price=0.05, delivery_weeks=2.0, payment_days=0.0
    )  # faster, paid sooner
    log.offer(
        "hx-bank", price=0.1, delivery_weeks=2.0, payment_days=90.0, service="premium"
    )  # gives all
    result = run("trades_across_issues", log, shipped)
    assert result.value == 0.5
    assert result.facts == {"judged": 2, "moves": 2, "trades": 1, "price_only": 0, "gave": 1,
                            "unchanged": 0, "taken": 0, "went_back": 0}
    assert give_take in result.evidence


def test_trades_are_valued_as_the_customer_values_the_options(log, shipped):
    # Ningbo Port rates standard service above premium: moving it to premium takes, not gives.
    log.at(1, "negotiation")
    log.offer("ningbo-port", price=0.1, service="standard")
    log.offer("ningbo-port", price=0.15, service="premium")  # more discount, less liked service
    assert run("trades_across_issues", log, shipped).value == 1.0


@pytest.mark.parametrize(("went_back", "value"), [(True, 1 / 3), (False, 1.0)])
def test_going_back_to_terms_offered_before_trades_nothing(log, shipped, went_back, value):
    """Under ``went_back`` a rep that swings between two packages is credited with the trade
    that reached the second, not with each swing back: a package offered again gives the
    customer what it gave before and takes back what it took. A rubric written before the rule
    credits every swing as a trade."""
    log.at(1, "negotiation")
    log.offer("hx-bank", price=0.1)
    log.offer("hx-bank", price=0.05, delivery_weeks=2.0)  # faster delivery for discount back
    first = log.offer("hx-bank", price=0.1)  # the opening package again
    back = log.offer("hx-bank", price=0.05, delivery_weeks=2.0)  # the second package again
    result = run("trades_across_issues", log, shipped, **({"went_back": True} if went_back else {}))
    assert result.value == pytest.approx(value)
    assert result.facts["went_back"] == (2 if went_back else 0)
    assert result.facts["trades"] == (1 if went_back else 3) and result.facts["moves"] == 3
    assert first in result.evidence and back in result.evidence


class _Swinger:
    """A novice's talks with one change: after its opening it swings between two packages at its
    opening price, each giving the customer one term and taking another, and takes a counter
    that pays within its authority."""

    def next_move(self, nv: NegotiationView, rng: np.random.Generator) -> MakeOffer | AcceptOffer:
        from game.bots.reading import (
            issue_values,
            needs_authority,
            offers_made,
            own_reservation,
            own_utility,
            standard_offer,
        )

        made = offers_made(nv)
        counter = nv.customer_last_offer
        if (counter is not None and len(made) >= 2 and not needs_authority(nv, counter)
                and own_utility(nv, counter) >= own_reservation(nv)):
            return AcceptOffer(account=nv.account)
        offer = standard_offer(nv, float(nv.standard_terms["price"]))
        a, b = [i for i in nv.issues if i != "price" and len(nv.issues[i]) >= 2][:2]
        values = issue_values(nv)
        best = {i: nv.issues[i][int(values[i].argmax())] for i in (a, b)}
        worst = {i: nv.issues[i][int(values[i].argmin())] for i in (a, b)}
        if made:
            give, take = (a, b) if len(made) % 2 else (b, a)
            offer[give], offer[take] = best[give], worst[take]
        return MakeOffer(account=nv.account, offer=offer)


def test_a_rep_swinging_between_two_packages_earns_no_trades_for_the_swings() -> None:
    """Played on four seeds of East China, the swinging rep's moves were credited as trades and
    its offers as good faith almost every time (0.95 and 1.00 over ten seeds); going back to a
    package it has offered now trades nothing and stalls the talks."""
    from game.assessment.assess import assess, standard_rubric
    from game.bots.base import play
    from game.bots.graded import novice
    from game.engine.game import Game
    from game.scenario.loader import load_scenario

    scenario, _ = load_scenario("scenarios/east-china-territory.yaml")
    rubric, sha = standard_rubric()
    for seed in range(1, 5):
        rep = novice(seed)
        rep.negotiator = _Swinger()
        game = Game(scenario, seed=seed)
        play(game, rep)
        found = {i.id: i for c in assess(game, rubric, sha).competencies for i in c.indicators}
        trades, faith = found["trades_across_issues"], found["good_faith_offers"]
        assert trades.value is not None and trades.value <= 0.5, (seed, trades.value)
        assert faith.value is not None and faith.value <= 0.5, (seed, faith.value)
