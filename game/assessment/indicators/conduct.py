"""Professionalism and ethics (CW-63, CW-32): authority used properly, offers made in good faith,
deals honoured, delivery promises kept, negotiations brought to an end."""

from __future__ import annotations

from collections.abc import Sequence

from game.assessment.indicators.base import IndicatorResult, Params, indicator, mean
from game.assessment.indicators.contract import checked_before
from game.assessment.indicators.negotiation import offers_by_account
from game.assessment.log import EventLog
from game.assessment.occasions import unpursued_opportunities
from game.engine.events import Event
from game.negotiation.moves import changes_other_terms, used_own_room, went_back
from game.negotiation.space import OutcomeSpace
from game.negotiation.utility import profit
from game.scenario.models import KeyAccount, Scenario

TOL = 1e-9
INVALID_ASKS = ("beyond_manager_authority", "already_refused")


def _price(offer: dict) -> float:
    return float(offer.get("price", 0.0))


@indicator(
    "authority_proper",
    facts=("requests", "proper", "early", "again", "improper", "breaches", "own_room_unused"),
    optional=("own_room_first",),
)
def authority_proper(
    events: Sequence[Event], scenario: Scenario, params: Params
) -> IndicatorResult:
    """Per request for more discount authority: 1 if it was needed (the customer asked for that
    much, or the granted discount was then used) and the trainee had tried a package on other
    terms (a move that changed a term other than price) since its last request (or since the
    start); 0.5 for a first request with no package
    tried; 0 for asking again without trying anything new, beyond the manager's limit, after a
    refusal, for more than the customer wanted, or for a grant never used. Any offer above the
    authority in force also scores 0. Not applicable without requests. With ``own_room_first``,
    a first request with no package tried also scores 0 when the trainee had not yet offered
    the deepest discount its own authority allows: it passed the customer's demand up before
    using the room it had."""
    log = EventLog(events)
    offers = offers_by_account(events)
    space = OutcomeSpace(scenario.negotiation)
    scores: list[float] = []
    evidence: list[int] = []
    counts = dict.fromkeys(("proper", "early", "again", "improper", "own_room_unused"), 0)
    previous: dict[str, int] = {}
    room_first = bool(params.get("own_room_first"))
    discounts = space.options.get("price", [])
    for e in log.of("authority_granted", "authority_refused"):
        account = e.payload["account"]
        asked = float(e.payload["discount"])
        before = log.authority_before(account, e.seq)
        evidence.append(e.seq)
        counters = [c for c in log.for_account(account, "customer_countered") if c.seq < e.seq]
        wanted = bool(counters) and _price(counters[-1].payload["offer"]) >= asked - TOL
        if counters:
            evidence.append(counters[-1].seq)
        if e.kind == "authority_granted":
            uses = [
                u
                for u in log.for_account(account, "trainee_offered", "trainee_accepted")
                if u.seq > e.seq and _price(u.payload["offer"]) > before + TOL
            ]
            valid = bool(uses)
            evidence += [u.seq for u in uses[:1]]
        else:
            valid = e.payload.get("reason") not in INVALID_ASKS and wanted
        own = offers.get(account, [])
        since = previous.get(account, -1)
        tried = [
            b
            for a, b in zip(own, own[1:], strict=False)
            if since < b.seq < e.seq
            and changes_other_terms(space, a.payload["offer"], b.payload["offer"])
        ]
        evidence += [t.seq for t in tried[:1]]
        if not valid:
            kind, score = "improper", 0.0
        elif tried:
            kind, score = "proper", 1.0
        elif account in previous:
            kind, score = "again", 0.0
        elif room_first and not used_own_room(
            [_price(o.payload["offer"]) for o in own if o.seq < e.seq], discounts, before
        ):
            kind, score = "own_room_unused", 0.0
        else:
            kind, score = "early", 0.5
        counts[kind] += 1
        scores.append(score)
        previous[account] = e.seq
    breaches = 0
    for e in log.of("trainee_offered", "trainee_accepted"):
        if _price(e.payload["offer"]) > log.authority_before(e.payload["account"], e.seq) + TOL:
            breaches += 1
            scores.append(0.0)
            evidence.append(e.seq)
    facts = {"requests": sum(counts.values()), **counts, "breaches": breaches}
    return IndicatorResult(mean(scores), tuple(sorted(set(evidence))), facts)


@indicator("good_faith_offers", facts=("answers", "offers", "repeats", "stalls", "went_back"),
           optional=("stall_once", "went_back"))
def good_faith_offers(
    events: Sequence[Event], scenario: Scenario, params: Params
) -> IndicatorResult:
    """The share of the trainee's answers — its offers after the first to a customer — that were
    not a repeat of its own previous offer (a repeated offer stalls the talks instead of
    answering the customer). An opening offer answers nothing and cannot be a repeat, so it
    does not dilute the repeats. Not applicable without an answer: a single offer per
    negotiation gave no occasion to stall, so it earns nothing here either way. With
    ``stall_once``, one offer held unchanged through several answers is one stall, not one per
    answer: otherwise a stall scores better the sooner the customer gives up on it. With
    ``went_back``, an offer that goes back to terms it already offered earlier in that negotiation
    (``game.negotiation.moves.went_back``) stalls too: the customer has heard it and not taken
    it."""
    answers: list[float] = []
    evidence: list[int] = []
    offers_n = repeats = back = 0
    once = bool(params.get("stall_once"))
    back_rule = bool(params.get("went_back"))
    for offers in offers_by_account(events).values():
        offers_n += len(offers)
        evidence += [e.seq for e in offers]
        held = False
        terms = [e.payload["offer"] for e in offers]
        for k in range(1, len(terms)):
            repeat = terms[k] == terms[k - 1]
            returned = back_rule and went_back(terms[:k], terms[k])
            repeats += repeat
            back += returned
            if not (repeat and held and once):
                answers.append(0.0 if repeat or returned else 1.0)
            held = repeat
    value = mean(answers) if answers else None
    stalls = len(answers) - int(sum(answers))
    facts = {"answers": len(answers), "offers": offers_n, "repeats": repeats, "stalls": stalls,
             "went_back": back}
    return IndicatorResult(value, tuple(sorted(evidence)), facts)


@indicator(
    "commitments_honoured",
    facts=("agreements", "signed", "declined_with_reason", "dropped"),
    params=("weak_ratings",),
)
def commitments_honoured(
    events: Sequence[Event], scenario: Scenario, params: Params
) -> IndicatorResult:
    """Per deal agreed at the table: 1 if the contract was signed, or declined after a credit
    check showed a weak rating; 0 if it was declined without reason or left to lapse."""
    log = EventLog(events)
    weak = set(params["weak_ratings"])
    scores: list[float] = []
    evidence: list[int] = []
    signed = reasoned = dropped = 0
    for end in log.of("negotiation_ended"):
        if end.payload.get("status") != "agreed":
            continue
        account = end.payload["account"]
        decision = next(
            (
                e
                for e in log.for_account(
                    account, "contract_signed", "contract_declined", "contract_lapsed"
                )
                if e.seq > end.seq
            ),
            None,
        )
        if decision is None:
            continue
        evidence += [end.seq, decision.seq]
        if decision.kind == "contract_signed":
            signed += 1
            scores.append(1.0)
            continue
        check = checked_before(log, account, decision.seq)
        if decision.kind == "contract_declined" and check and check.payload.get("rating") in weak:
            reasoned += 1
            evidence.append(check.seq)
            scores.append(1.0)
        else:
            dropped += 1
            scores.append(0.0)
    facts = {
        "agreements": len(scores),
        "signed": signed,
        "declined_with_reason": reasoned,
        "dropped": dropped,
    }
    return IndicatorResult(mean(scores), tuple(sorted(evidence)), facts)


@indicator("promises_kept", facts=("contracts", "kept"), optional=("kept_by_the_rep",))
def promises_kept(events: Sequence[Event], scenario: Scenario, params: Params) -> IndicatorResult:
    """Per contract in force (signed or inherited) that ran into a delivery problem: 1 if no
    delivery to that customer was late all the same, else 0. A contract that never met a problem
    tested no promise, so it is no occasion: a rep cannot earn this by signing and letting things
    run. With ``kept_by_the_rep``, neither is a contract whose problems the rep left unanswered
    (no incident of it expedited, no customer informed) and that was delivered on time anyway:
    the promise held by luck, not by the rep; a late delivery is 0 whoever let it happen."""
    log = EventLog(events)
    by_rep = bool(params.get("kept_by_the_rep"))
    answered = {int(e.payload["incident"])
                for e in log.of("incident_expedited", "customer_informed")}
    scores: list[float] = []
    evidence: list[int] = []
    for signed in log.contracts_begun():
        account = signed.payload["account"]
        trouble = [e for e in log.for_account(account, "delivery_incident", "delivery_late")
                   if e.seq > signed.seq]
        if not trouble:
            continue
        late = [e for e in trouble if e.kind == "delivery_late"]
        if by_rep and not late and not any(
                e.kind == "delivery_incident" and int(e.payload["incident"]) in answered
                for e in trouble):
            continue
        scores.append(0.0 if late else 1.0)
        evidence += [signed.seq] + [e.seq for e in trouble]
    facts = {"contracts": len(scores), "kept": int(sum(scores))}
    return IndicatorResult(mean(scores), tuple(sorted(evidence)), facts)


@indicator("negotiations_concluded",
           facts=("negotiations", "concluded", "abandoned", "ignored", "unquoted"),
           optional=("answer_invitations", "quote_before_leaving"))
def negotiations_concluded(
    events: Sequence[Event], scenario: Scenario, params: Params
) -> IndicatorResult:
    """Per negotiation opened: 1 if it came to an end at the table (a deal, or either side
    walking away), 0 if it was left hanging until the game closed it. With
    ``answer_invitations`` (CW-63: responsibility, customer-service awareness), every
    opportunity never negotiated — a customer who invited a quote and heard nothing; the same
    rule names it among the missed occasions — is an occasion too, scored 0 (a rubric written
    before the rule, without the parameter, judges only the negotiations opened). With
    ``quote_before_leaving``, a rep who walked away before making any offer, although terms
    within its authority would have made the company money, left the customer without a quote
    too: 0 (walking away without quoting from talks that could not pay concludes them)."""
    log = EventLog(events)
    quoting = bool(params.get("quote_before_leaving"))
    offers = offers_by_account(events)
    accounts = {a.id: a for a in scenario.key_accounts}
    scores: list[float] = []
    evidence: list[int] = []
    unquoted = 0
    for opened in log.of("negotiation_opened"):
        account = opened.payload["account"]
        end = next(
            (e for e in log.for_account(account, "negotiation_ended") if e.seq > opened.seq), None
        )
        if end is None:
            continue
        score = 1.0 if end.phase == "negotiation" else 0.0
        if score and quoting and end.payload.get("status") == "trainee_walked" \
                and account in accounts \
                and not any(opened.seq < o.seq < end.seq for o in offers.get(account, [])) \
                and _could_pay(scenario, accounts[account], log.authority_before(account, end.seq)):
            score, unquoted = 0.0, unquoted + 1
        scores.append(score)
        evidence += [opened.seq, end.seq]
    ignored = 0
    if params.get("answer_invitations"):
        for offered, _ in unpursued_opportunities(events):
            ignored += 1
            scores.append(0.0)
            evidence.append(offered.seq)
    facts = {
        "negotiations": len(scores),
        "concluded": int(sum(scores)),
        "abandoned": len(scores) - int(sum(scores)) - ignored - unquoted,
        "ignored": ignored,
        "unquoted": unquoted,
    }
    return IndicatorResult(mean(scores), tuple(sorted(evidence)), facts)


def _could_pay(scenario: Scenario, account: KeyAccount, authority: float) -> bool:
    """Whether some terms within ``authority`` would have made the company money on a deal with
    ``account`` (the company's own price book, which the rep sees at the table)."""
    space = OutcomeSpace(scenario.negotiation)
    money = profit(space, scenario, account)[space.within_authority(authority)]
    return bool(money.size) and float(money.max()) > 0.0


@indicator("dilemmas_handled", facts=("dilemmas", "proper", "best", "improper", "unanswered"),
           params=("proper_not_best",))
def dilemmas_handled(events: Sequence[Event], scenario: Scenario, params: Params) -> IndicatorResult:
    """Per conduct dilemma that came up (CW-63): 1 if the rep answered it the way the scenario
    marks as proper conduct — ``proper_not_best`` instead when the scenario marks another proper
    answer as the best (a clear no with an honest alternative, or a report) — 0 if it took an
    improper answer or left the dilemma to its default (doing nothing is never handling it)."""
    specs = {d.id: d for d in scenario.dilemmas}
    short_of_best = float(params["proper_not_best"])
    scores: list[float] = []
    evidence: list[int] = []
    unanswered = proper = best = 0
    for e in EventLog(events).of("dilemma_resolved"):
        spec = specs.get(e.payload["dilemma"])
        if spec is None:
            continue
        chosen = next((c for c in spec.choices if c.id == e.payload["choice"]), None)
        answered = bool(e.payload.get("answered"))
        unanswered += 0 if answered else 1
        evidence.append(e.seq)
        if not (answered and chosen is not None and chosen.proper):
            scores.append(0.0)
            continue
        proper += 1
        graded = any(c.best for c in spec.choices)
        best += chosen.best or not graded
        scores.append(1.0 if chosen.best or not graded else short_of_best)
    facts = {
        "dilemmas": len(scores),
        "proper": proper,
        "best": best,
        "improper": len(scores) - proper - unanswered,
        "unanswered": unanswered,
    }
    return IndicatorResult(mean(scores), tuple(evidence), facts)
