"""The session the engine drives: legal moves, authority, trust, questions, events, metrics."""

from __future__ import annotations

import json
from collections.abc import Callable

import numpy as np
import pytest

from game.negotiation.errors import IllegalMove
from game.negotiation.metrics import SELLER_METRICS
from game.negotiation.session import NegotiationSession
from game.scenario.models import Scenario

MODEST = {
    "price": 0.05,
    "volume": 1.0,
    "delivery_weeks": 4,
    "payment_days": 30,
    "service": "standard",
}


def _session(
    s: Scenario, account_id: str = "hx-bank", seed: int = 0, alternative: dict | None = None
) -> NegotiationSession:
    return NegotiationSession(s, account_id, np.random.default_rng(seed), alternative)


def _snapshot(session: NegotiationSession) -> tuple:
    return (
        json.dumps(session.view(), sort_keys=True),
        json.dumps(session.truth(), sort_keys=True),
        session.trust,
        session.round,
        session.draws,
    )


def test_an_offer_above_authority_is_illegal_and_changes_nothing(east_china: Scenario) -> None:
    session = _session(east_china)
    session.ask("needs")
    session.offer(MODEST)
    before = _snapshot(session)
    with pytest.raises(IllegalMove) as err:
        session.offer({**MODEST, "price": 0.2})  # authority is 10%
    assert err.value.code == "above_authority" and "manager" in err.value.message
    with pytest.raises(IllegalMove):
        session.offer({**MODEST, "price": 0.12})  # not an option at all
    with pytest.raises(IllegalMove):
        session.propose_trade({"price": 0.15}, {"payment_days": 0})
    assert _snapshot(session) == before


def test_a_granted_request_raises_authority_and_unlocks_the_offer(east_china: Scenario) -> None:
    for seed in range(50):
        session = _session(east_china, seed=seed)
        events = session.request_authority(0.15)
        if events[0]["kind"] == "authority_granted":
            assert session.authority == pytest.approx(0.15)
            session.offer({**MODEST, "price": 0.15})
            return
    pytest.fail("the manager never approved a modest request in 50 tries")


def test_manager_refuses_beyond_their_limit_without_a_draw_and_big_asks_fail_more(
    east_china: Scenario,
) -> None:
    session = _session(east_china)
    state = session.draws
    events = session.request_authority(0.3)  # manager_authority is 25%
    assert (
        events[0]["kind"] == "authority_refused"
        and events[0]["reason"] == "beyond_manager_authority"
    )
    assert session.draws == state and session.authority == pytest.approx(0.1)

    def granted(ask: float) -> float:
        return float(
            np.mean(
                [
                    _session(east_china, seed=s).request_authority(ask)[0]["kind"]
                    == "authority_granted"
                    for s in range(300)
                ]
            )
        )

    small, large = granted(0.12), granted(0.25)
    assert 0 < large < small < 1


def test_the_managers_willingness_at_the_limit_is_the_scenarios_data(east_china: Scenario) -> None:
    """A company whose manager always says yes up to the limit grants every ask within it; one
    whose manager never says yes at the limit refuses an ask right at it every time."""
    def granted(at_limit: float) -> float:
        company = east_china.company.model_copy(update={"approval_at_limit": at_limit})
        scenario = east_china.model_copy(update={"company": company})
        return float(np.mean([
            _session(scenario, seed=s).request_authority(0.25)[0]["kind"] == "authority_granted"
            for s in range(100)
        ]))

    assert granted(1.0) == 1.0
    assert granted(0.0) == 0.0
    assert 0.0 < granted(east_china.company.approval_at_limit) < 1.0


def test_a_refused_ask_is_not_asked_again(east_china: Scenario) -> None:
    for seed in range(100):
        session = _session(east_china, seed=seed)
        if session.request_authority(0.25)[0]["kind"] == "authority_refused":
            state = session.draws
            again = session.request_authority(0.25)
            assert again[0]["reason"] == "already_refused"
            assert session.draws == state
            return
    pytest.fail("the manager approved 25% in 100 tries")


def test_accepting_needs_an_offer_within_authority(east_china: Scenario) -> None:
    session = _session(east_china)
    with pytest.raises(IllegalMove) as err:
        session.accept()
    assert err.value.code == "nothing_to_accept"
    events = session.offer(MODEST)
    counter = next(e["offer"] for e in events if e["kind"] == "customer_countered")
    assert counter["price"] > session.authority  # the customer opens asking for a big discount
    with pytest.raises(IllegalMove):
        session.accept()
    assert session.status == "open"


def test_every_move_after_the_end_is_illegal(east_china: Scenario) -> None:
    session = _session(east_china)
    session.offer(MODEST)
    events = session.walk_away()
    assert events[-1]["kind"] == "negotiation_ended" and events[-1]["status"] == "trainee_walked"
    for move in (
        lambda: session.offer(MODEST),
        lambda: session.ask("needs"),
        lambda: session.propose_trade({"service": "premium"}, {"payment_days": 0}),
        lambda: session.request_authority(0.2),
        session.accept,
        session.walk_away,
    ):
        with pytest.raises(IllegalMove):
            move()
    assert session.set_best_alternative(MODEST) == []


def test_trust_falls_with_each_repeated_offer_until_the_customer_walks(
    variant: Callable[..., Scenario],
) -> None:
    s = variant("hx-bank", trust=0.7)
    session = _session(s)
    session.offer(MODEST)
    trust = [session.trust]
    while session.status == "open":
        events = session.offer(MODEST)
        assert any(
            e["kind"] == "trust_changed"
            and e["reason"] == "repeated_offer"
            and e["direction"] == "down"
            for e in events
        )
        trust.append(session.trust)
    assert all(b < a for a, b in zip(trust, trust[1:], strict=False))
    assert session.status == "customer_walked" and session.trust < 0.15
    assert session.metrics()["agreement"] is False


def test_the_trust_rules_are_the_scenarios_data(variant: Callable[..., Scenario]) -> None:
    """A trainer who makes repeats cost more and the customer quicker to leave gets a customer
    that walks after fewer repeats; one who makes repeats free gets one that never walks."""
    def repeats_until_walk(trust_rules: dict) -> int | None:
        data = variant("hx-bank", trust=0.7).model_dump(mode="python")
        data["negotiation"]["trust"] = trust_rules
        session = _session(Scenario.model_validate(data))
        session.offer(MODEST)
        for k in range(1, 30):
            if session.status != "open":
                return k - 1
            session.offer(MODEST)
        return None

    default = repeats_until_walk({})
    harsh = repeats_until_walk({"repeated_offer": 0.25, "walk_away_below": 0.4})
    assert default is not None and harsh is not None and harsh < default
    session_free = repeats_until_walk({"repeated_offer": 0.0})
    assert session_free is None or session_free > default


def test_each_further_question_before_the_first_offer_builds_less_trust(
    east_china: Scenario,
) -> None:
    session = _session(east_china)
    gains = []
    for topic in ("needs", "priorities", "timeline"):
        before = session.trust
        session.ask(topic)
        gains.append(session.trust - before)
    rules = east_china.negotiation.trust
    expected = [rules.asked_before_offering * rules.asking_decay**k for k in range(3)]
    assert gains == pytest.approx(expected)
    assert gains[0] > gains[1] > gains[2] > 0


def test_asking_what_matters_and_then_ignoring_it_costs_trust(east_china: Scenario) -> None:
    """The customer named its top issue; a first offer that gives it no more there than the
    standard terms every customer hears says it was not heard — even when those terms are
    good enough on it — and one that gives more says it was."""
    from game.negotiation.trust import offer_trust_changes

    rules = east_china.negotiation.trust
    assert rules.opening_beats_standard
    standard = {"delivery_weeks": 0.6, "price": 0.5}

    def reasons(values: dict[str, float], top: str | None, rules=rules) -> list[str]:
        return [c.reason for c in offer_trust_changes(values, None, False, 0.6, 0.5, top, rules,
                                                      standard_values=standard)]

    ignored = offer_trust_changes({"delivery_weeks": 0.6, "price": 0.9}, None, False, 0.6, 0.5,
                                  "delivery_weeks", rules, standard_values=standard)
    assert [c.reason for c in ignored] == ["ignored_priority"]
    assert ignored[0].delta == pytest.approx(-rules.ignored_priority)
    assert reasons({"delivery_weeks": 0.2, "price": 0.9}, "delivery_weeks") == ["ignored_priority"]
    assert reasons({"delivery_weeks": 0.9, "price": 0.2}, "delivery_weeks") == ["respected_priority"]
    assert reasons({"delivery_weeks": 0.2, "price": 0.9}, None) == []  # never said
    # a scenario written before the rule: standard terms good enough on it respect it, and
    # only an opening below the good-enough line ignores it
    before = rules.model_copy(update={"opening_beats_standard": False})
    assert reasons({"delivery_weeks": 0.6, "price": 0.9}, "delivery_weeks", before) \
        == ["respected_priority"]
    assert reasons({"delivery_weeks": 0.2, "price": 0.9}, "delivery_weeks", before) \
        == ["ignored_priority"]


def test_a_quote_of_standard_terms_after_asking_tells_the_customer_it_was_not_heard(
    east_china: Scenario,
) -> None:
    """At the table: a customer that named its top issue hears standard terms and loses trust;
    the same customer offered more than standard on that issue gains it."""
    from game.negotiation.moves import standard_offer
    from game.negotiation.space import OutcomeSpace

    space = OutcomeSpace(east_china.negotiation)
    authority = east_china.company.discount_authority
    standard = standard_offer(space.options, authority)
    tops = set()
    for seed in range(40):
        asked = _session(east_china, seed=seed)
        asked.ask("priorities")
        top = asked.customer.stated_top
        if top is None or top == "price":
            continue
        tops.add(top)
        events = asked.offer(dict(standard))
        assert [e["reason"] for e in events if e["kind"] == "trust_changed"
                and "priority" in e["reason"]] == ["ignored_priority"]
        table = asked.customer.tables[top]
        best = space.options[top][int(np.argmax(table))]
        if table[int(np.argmax(table))] > asked.customer.standard_values[top] + 1e-9:
            heard = _session(east_china, seed=seed)
            heard.ask("priorities")
            events = heard.offer({**standard, top: best})
            assert "respected_priority" in [e["reason"] for e in events
                                            if e["kind"] == "trust_changed"]
    assert tops  # some customer named an issue other than price


def test_asking_everything_and_then_ignoring_the_answer_leaves_less_trust_than_not_asking(
    east_china: Scenario,
) -> None:
    """Asking shows interest only when the quote shows the rep listened: under
    ``ignoring_undoes_asking`` a first offer that ignores the issue the customer named takes back
    the trust the questions before it won, so asking everything and quoting standard terms ends
    below a rep that never asked (by ``ignored_priority``), not above it."""
    from game.negotiation.moves import standard_offer
    from game.negotiation.space import OutcomeSpace
    from game.negotiation.trust import offer_trust_changes

    rules = east_china.negotiation.trust
    assert rules.ignoring_undoes_asking
    standard = {"delivery_weeks": 0.6, "price": 0.5}
    ignored = offer_trust_changes({"delivery_weeks": 0.6, "price": 0.9}, None, False, 0.6, 0.5,
                                  "delivery_weeks", rules, standard_values=standard,
                                  asked_gain=0.0875)
    assert [(c.reason, c.delta) for c in ignored] == [
        ("ignored_priority", pytest.approx(-(rules.ignored_priority + 0.0875)))]
    heard = offer_trust_changes({"delivery_weeks": 0.9, "price": 0.2}, None, False, 0.6, 0.5,
                                "delivery_weeks", rules, standard_values=standard,
                                asked_gain=0.0875)
    assert [c.reason for c in heard] == ["respected_priority"]  # listened: the asking stands
    older = rules.model_copy(update={"ignoring_undoes_asking": False})
    assert offer_trust_changes({"delivery_weeks": 0.6, "price": 0.9}, None, False, 0.6, 0.5,
                               "delivery_weeks", older, standard_values=standard,
                               asked_gain=0.0875)[0].delta == pytest.approx(-rules.ignored_priority)

    space = OutcomeSpace(east_china.negotiation)
    quote = dict(standard_offer(space.options, east_china.company.discount_authority))
    compared = 0
    for seed in range(40):
        asked = _session(east_china, seed=seed)
        for topic in ("needs", "priorities", "timeline"):
            asked.ask(topic)
        top = asked.customer.stated_top
        if top is None or top == "price":
            continue
        silent = _session(east_china, seed=seed)
        start = silent.trust
        asked.offer(dict(quote))
        silent.offer(dict(quote))
        assert asked.trust == pytest.approx(silent.trust - rules.ignored_priority)
        assert silent.trust == pytest.approx(start)
        compared += 1
    assert compared  # some customer named an issue other than price


def test_keeping_a_good_term_the_customer_named_earns_no_trust_again(east_china: Scenario) -> None:
    """Trust is earned by a gesture on the issue that matters most — opening good on it, or
    moving toward it; an offer that only keeps it where it was is no news (else a rep could pump
    trust by repeating good standard terms), and going back on it costs trust."""
    from game.negotiation.trust import offer_trust_changes

    rules = east_china.negotiation.trust
    first = {"delivery_weeks": 0.8, "price": 0.3}
    standard = {"delivery_weeks": 0.5, "price": 0.5}

    def reasons(now: dict[str, float], before: dict[str, float] | None) -> list[str]:
        return [c.reason for c in offer_trust_changes(now, before, False, 0.6, 0.5,
                                                      "delivery_weeks", rules,
                                                      standard_values=standard)]

    assert reasons(first, None) == ["respected_priority"]
    assert reasons({"delivery_weeks": 0.8, "price": 0.2}, first) == []  # kept: no news
    assert reasons({"delivery_weeks": 0.9, "price": 0.2}, first) == ["respected_priority"]
    assert reasons({"delivery_weeks": 0.6, "price": 0.5}, first) == ["broken_promise"]
    # a trainer who wants the older rule back sets it as data
    again = rules.model_copy(update={"kept_priority": rules.respected_priority})
    kept = offer_trust_changes({"delivery_weeks": 0.8, "price": 0.2}, first, False, 0.6, 0.5,
                               "delivery_weeks", again)
    assert [(c.reason, c.delta) for c in kept] == [("respected_priority", rules.respected_priority)]


def test_asking_before_offering_builds_trust_and_an_aggressive_anchor_costs_it(
    east_china: Scenario,
) -> None:
    prepared = _session(east_china)
    start = prepared.trust
    prepared.ask("needs")
    assert prepared.trust > start
    anchored = _session(east_china)
    events = anchored.offer(
        {"price": 0.0, "volume": 0.5, "delivery_weeks": 8, "payment_days": 0, "service": "basic"}
    )
    assert any(e["kind"] == "trust_changed" and e["reason"] == "aggressive_anchor" for e in events)
    assert anchored.trust < start


def test_breaking_a_promise_on_their_top_priority_costs_trust(
    variant: Callable[..., Scenario],
) -> None:
    s = variant("jinling-mfg", trust=0.9)  # price matters most to the CFO (0.45)
    session = _session(s, "jinling-mfg")
    answer = session.ask("priorities")[-1]
    assert answer["quality"] == "truthful"
    session.offer({**MODEST, "price": 0.1})
    before = session.trust
    events = session.offer({**MODEST, "price": 0.05, "payment_days": 60})
    assert any(e["kind"] == "trust_changed" and e["reason"] == "broken_promise" for e in events)
    assert session.trust < before


@pytest.mark.parametrize("account_id", ["hx-bank", "jinling-mfg", "xihu-cloud"])
def test_questions_at_high_trust_are_accurate(
    variant: Callable[..., Scenario], account_id: str
) -> None:
    s = variant(account_id, trust=0.9)
    alternative = {
        "price": 0.15,
        "volume": 1.0,
        "delivery_weeks": 6,
        "payment_days": 60,
        "service": "standard",
    }
    session = _session(s, account_id, alternative=alternative)
    truth = session.truth()
    answers = {
        topic: session.ask(topic)[-1]
        for topic in ("priorities", "timeline", "competitors", "needs")
    }
    assert all(a["quality"] == "truthful" for a in answers.values())
    weights = answers["priorities"]["estimate"]["weights"]
    error = np.mean([abs(weights[i]["mean"] - w) for i, w in truth["weights"].items()])
    assert error < 0.03
    assert answers["timeline"]["estimate"]["deadline_rounds"]["mean"] == truth["deadline"]
    assert answers["competitors"]["estimate"]["discount"]["mean"] == pytest.approx(0.15)
    top = max(truth["weights"], key=truth["weights"].get)
    assert answers["needs"]["estimate"]["top_issues"][0] == top
    assert session.knowledge()["priorities"]["estimate"] == answers["priorities"]["estimate"]


def test_low_trust_gets_vaguer_answers_and_then_none(variant: Callable[..., Scenario]) -> None:
    def error(trust: float, seed: int) -> float | None:
        session = _session(variant("xihu-cloud", trust=trust), "xihu-cloud", seed=seed)
        answer = session.ask("priorities")[-1]
        if answer["quality"] == "refused":
            assert answer["estimate"] == {}
            return None
        true = session.truth()["weights"]
        return float(
            np.mean([abs(answer["estimate"]["weights"][i]["mean"] - w) for i, w in true.items()])
        )

    vague = [error(0.4, seed) for seed in range(40)]
    sharp = [error(0.9, seed) for seed in range(40)]
    assert np.mean(vague) > 2 * np.mean(sharp)
    assert error(0.2, 0) is None


def test_a_stronger_rival_bid_raises_rv_and_withdraws_a_worse_standing_offer(
    east_china: Scenario,
) -> None:
    session = _session(east_china, "xihu-cloud")
    rv = session.customer.rv
    assert session.set_best_alternative(None) == []  # nothing changed
    session.offer(MODEST)
    standing = session.customer_last_offer
    assert standing is not None
    best = session.customer.utility(standing)
    rival = dict(standing)  # the rival matches the customer's own demand
    events = session.set_best_alternative(rival)
    assert session.customer.rv == pytest.approx(best) and best > rv
    assert (
        events[0]["kind"] == "customer_alternative_changed" and events[0]["direction"] == "stronger"
    )
    assert events[0]["withdrawn"] is False  # it still likes its own offer as much as the rival's
    weaker_rival = {**rival, "price": 0.0}
    assert session.set_best_alternative(weaker_rival)[0]["direction"] == "weaker"


def test_a_rival_bid_better_than_the_customers_own_demand_withdraws_it(
    east_china: Scenario,
) -> None:
    session = _session(east_china, "xihu-cloud")
    hard = {"price": 0.0, "volume": 0.5, "delivery_weeks": 8, "payment_days": 0, "service": "basic"}
    for r in range(5):
        session.offer({**hard, "volume": 0.5 if r % 2 else 0.75})
    standing = session.customer_last_offer
    assert standing is not None and session.customer.utility(standing) < 1.0
    ideal = {
        "price": 0.25,
        "volume": 1.0,
        "delivery_weeks": 2,
        "payment_days": 90,
        "service": "premium",
    }
    events = session.set_best_alternative(ideal)
    assert events[0]["withdrawn"] is True and session.customer_last_offer is None
    with pytest.raises(IllegalMove):
        session.accept()


def test_trades_change_only_the_named_issues(east_china: Scenario) -> None:
    session = _session(east_china)
    with pytest.raises(IllegalMove):
        session.propose_trade({"service": "premium"}, {"payment_days": 0})  # nothing on the table
    session.offer(MODEST)
    with pytest.raises(IllegalMove):
        session.propose_trade({"service": "premium"}, {"service": "basic"})
    events = session.propose_trade({"service": "premium"}, {"payment_days": 0})
    offered = events[0]
    assert offered["kind"] == "trainee_offered"
    assert offered["offer"] == {
        **MODEST,
        "delivery_weeks": 4.0,
        "payment_days": 0.0,
        "service": "premium",
    }
    assert offered["trade"] == {"give": {"service": "premium"}, "want": {"payment_days": 0.0}}


def test_the_view_hides_the_truth_and_is_json(east_china: Scenario) -> None:
    session = _session(east_china)
    session.ask("priorities")
    session.offer(MODEST)
    view = session.view()
    text = json.dumps(view)
    assert "weights" not in text and "reservation" not in text
    assert view["trust"] == round(view["trust"], 1)
    assert view["deadline"] == east_china.negotiation.max_rounds
    json.dumps(session.truth())
    json.dumps(session.knowledge())


def test_the_same_moves_on_the_same_seed_replay_exactly(east_china: Scenario) -> None:
    def play(seed: int) -> list[dict]:
        session = _session(east_china, "jinling-mfg", seed=seed)
        events = session.ask("priorities") + session.ask("budget") + session.request_authority(0.2)
        for price in (0.0, 0.05, 0.1, 0.1):
            if session.status == "open":
                events += session.offer({**MODEST, "price": price, "payment_days": 60})
        return events

    assert play(4) == play(4)


def test_no_deal_scores_at_the_reservation_values(east_china: Scenario) -> None:
    session = _session(east_china)
    with pytest.raises(IllegalMove):
        session.metrics()
    session.offer(MODEST)
    events = session.walk_away()
    metrics = session.metrics()
    assert events[-1]["metrics"] == {k: metrics[k] for k in SELLER_METRICS}
    truth = session.truth()
    assert truth["metrics"] == metrics
    assert metrics["value_claimed"] == 0.0 and metrics["customer_advantage"] == 0.0
    assert metrics["u_seller"] == pytest.approx(truth["seller_reservation"], abs=1e-4)
    assert metrics["u_customer"] == pytest.approx(truth["reservation"], abs=1e-4)
    nearest = min(
        np.hypot(x - metrics["u_seller"], y - metrics["u_customer"]) for x, y in truth["frontier"]
    )
    assert metrics["distance_to_frontier"] == pytest.approx(nearest, abs=1e-3)


def test_the_deadline_is_capped_by_the_meetings_limit(variant: Callable[..., Scenario]) -> None:
    s = variant("hx-bank", deadline=30, trust=1.0)
    session = _session(s)
    assert session.deadline == s.negotiation.max_rounds == 12
    hard = {"price": 0.0, "volume": 0.5, "delivery_weeks": 8, "payment_days": 0, "service": "basic"}
    offers = [hard, {**hard, "volume": 0.75}]  # below what the customer could ever accept
    keys = []
    for r in range(session.deadline):
        events = session.offer(offers[r % 2])
        keys += [e["message_key"] for e in events if e["kind"] == "customer_countered"]
    assert session.status == "open" and len(keys) == 12
    assert (
        keys[0] == "counter_opening"
        and keys[-1] == "final_offer"
        and "final_offer" not in keys[:-1]
    )
    session.offer(hard)
    assert session.status == "deadline"


HIDDEN_KEYS = {
    "u_customer",
    "customer_advantage",
    "distance_to_frontier",
    "distance_to_nash",
    "question_quality",
    "trade_share",
    "trust_end",
}  # (an answer's "weights" are the customer's stated estimate, which the rep did hear)


def _keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


@pytest.mark.parametrize("status", ["agreed", "trainee_walked"])
def test_the_events_carry_nothing_derived_from_the_customers_hidden_truth(
    east_china: Scenario, status: str
) -> None:
    session = _session(east_china, "suzhou-logistics", seed=2)
    events = session.ask("priorities") + session.ask("needs")
    events += session.offer({**MODEST, "price": 0.0})
    events += session.propose_trade({"service": "premium"}, {"payment_days": 0})
    if status == "agreed":  # terms this customer takes at once
        generous = {"price": 0.1, "delivery_weeks": 2, "payment_days": 90, "service": "premium"}
        events += session.offer({**MODEST, **generous})
    else:
        events += session.walk_away()
    ended = events[-1]
    assert ended["kind"] == "negotiation_ended" and ended["status"] == status
    assert tuple(ended["metrics"]) == SELLER_METRICS
    assert not _keys(events) & HIDDEN_KEYS
    # the debrief still has them, from the session's truth
    assert HIDDEN_KEYS <= set(session.truth()["metrics"])


def test_questions_never_change_what_the_manager_decides(east_china: Scenario) -> None:
    """The manager's answer to an ask is drawn for that ask alone: a rep who asked the customer
    two questions first hears the same decision on the same seed as one who asked nothing (with
    one stream for both, the questions' draws shifted the manager's)."""
    decisions = []
    for seed in range(60):
        plain = _session(east_china, seed=seed).request_authority(0.2)[0]["kind"]
        asked = _session(east_china, seed=seed)
        asked.ask("needs")
        asked.ask("priorities")
        decisions.append(plain)
        assert asked.request_authority(0.2)[0]["kind"] == plain, seed
    assert {"authority_granted", "authority_refused"} <= set(decisions)  # both were drawn


def test_an_answer_is_the_same_whatever_was_asked_before(east_china: Scenario) -> None:
    """The stated priorities are drawn for that question: asking about the timeline first (a
    vague answer, itself drawn) leaves them as they were, as long as trust keeps the answer's
    quality."""
    same = 0
    for seed in range(30):
        first = _session(east_china, "jinling-mfg", seed=seed)
        later = _session(east_china, "jinling-mfg", seed=seed)
        later.ask("timeline")
        a, b = first.ask("priorities"), later.ask("priorities")
        answer_a = next(e for e in a if e["kind"] == "customer_answered")
        answer_b = next(e for e in b if e["kind"] == "customer_answered")
        if answer_a.get("quality") == answer_b.get("quality"):
            assert answer_a["estimate"] == answer_b["estimate"], seed
            same += 1
    assert same >= 10


def test_the_managers_draw_is_the_engines_keyed_stream(east_china: Scenario) -> None:
    """The session keys its draws as ``keyed_stream`` keys an action's: a session on the engine's
    stream for an account decides an ask exactly as that stream keyed by the ask would."""
    from game.negotiation.authority import approval_probability
    from game.sim.rng import keyed_stream, stream

    company = east_china.company
    chance = approval_probability(0.2, company.discount_authority, company.manager_authority,
                                  company.approval_at_limit)
    for seed in range(30):
        session = NegotiationSession(east_china, "hx-bank", stream(seed, "negotiation:hx-bank"))
        granted = session.request_authority(0.2)[0]["kind"] == "authority_granted"
        draw = keyed_stream(seed, "negotiation:hx-bank", "manager", 2000, 0).random()
        assert granted == (draw < chance), seed
