"""Customer analysis (CW-10..15): learning needs before quoting, research aimed at the targets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from game.assessment.indicators.base import (
    IndicatorResult,
    Params,
    beyond_chance,
    clipped_mean,
    indicator,
    mean,
)
from game.assessment.log import EventLog
from game.engine.events import Event
from game.engine.potential import market_potentials
from game.negotiation.moves import better_than_standard
from game.negotiation.space import OutcomeSpace
from game.scenario.models import Scenario
from game.scenario.option_values import stated_top_issues


def _top_by_weight(weights: dict[str, Any]) -> list[str]:
    """The issues a stated weighting puts first, as the customer names them when asked."""
    means = {
        issue: float(w["mean"]) if isinstance(w, dict) else float(w) for issue, w in weights.items()
    }
    return stated_top_issues(means)


def learned_from(event: Event) -> tuple[list[str], dict[str, Any]] | None:
    """(the issues the customer put first, the ideal options it named) from an answer or an
    interview, or None if the event taught nothing about needs."""
    p = event.payload
    if event.kind == "customer_answered":
        if p.get("quality") == "refused" or p.get("topic") not in ("needs", "priorities"):
            return None
        estimate = p.get("estimate") or {}
        if p["topic"] == "needs":
            return list(estimate.get("top_issues", [])), dict(estimate.get("ideal", {}))
        return _top_by_weight(estimate.get("weights", {})), {}
    if event.kind == "research_done" and p.get("method") == "interview":
        return _top_by_weight((p.get("result") or {}).get("priorities", {})), {}
    return None


favours = better_than_standard
"""Whether an offer gives the customer more on an issue than standard terms would
(``moves.better_than_standard``: closer to the ideal it named, or better in the usual
direction)."""


def authority_at(log: EventLog, account: str, seq: int) -> float | None:
    """The discount authority the rep held with ``account`` just before event ``seq`` (None if
    the log does not say)."""
    authority = None
    for e in log.for_account(account, "negotiation_opened", "authority_granted"):
        if e.seq >= seq:
            break
        if "authority" in e.payload:
            authority = float(e.payload["authority"])
    return authority


@indicator("needs_before_quote", facts=("accounts", "used", "ignored", "unasked", "price_only"))
def needs_before_quote(
    events: Sequence[Event], scenario: Scenario, params: Params
) -> IndicatorResult:
    """Per account quoted: needs learned (interview, or a question on needs or priorities that was
    answered) before the first offer, and that offer gives the customer more than standard terms
    on an issue it put first (on price: more than the middle of the discounts the rep's authority
    allowed). Questions whose answers the offer ignores count for nothing."""
    log = EventLog(events)
    space = OutcomeSpace(scenario.negotiation)
    firsts: dict[str, Event] = {}
    for e in log.of("trainee_offered"):
        firsts.setdefault(e.payload["account"], e)
    scores: list[float] = []
    evidence: list[int] = []
    used = ignored = unasked = priced = 0
    for account, first in firsts.items():
        sources = [
            e
            for e in log.for_account(account, "customer_answered", "research_done")
            if e.seq < first.seq and learned_from(e) is not None
        ]
        evidence += [e.seq for e in sources] + [first.seq]
        if not sources:
            unasked += 1
            scores.append(0.0)
            continue
        tops: list[str] = []
        ideal: dict[str, Any] = {}
        for e in sources:
            top, named = learned_from(e) or ([], {})
            tops += [t for t in top if t not in tops]
            ideal.update(named)
        authority = authority_at(log, account, first.seq)
        heard = _heard(space, first.payload["offer"], tops, ideal, authority)
        if heard is None:
            priced += 1
            continue
        if heard:
            used += 1
            scores.append(1.0)
        else:
            ignored += 1
            scores.append(0.0)
    facts = {"accounts": len(scores), "used": used, "ignored": ignored, "unasked": unasked,
             "price_only": priced}
    return IndicatorResult(mean(scores), tuple(sorted(evidence)), facts)


def _heard(space: OutcomeSpace, offer: dict[str, Any], tops: list[str], ideal: dict[str, Any],
           authority: float | None) -> bool | None:
    """Whether a first offer shows what the customer said: better than standard terms on a term
    it put first other than price, and not a blanket offer, better on every term but price (it
    would be better on the top terms whatever the customer had said). The blanket test does not
    depend on what was heard, so hearing more never turns a heard offer into an ignored one.
    None when price is all it named: a discount is what any rep offers, heard or not, so such a
    quote cannot tell listening apart and is no occasion."""
    others = [t for t in tops if t != "price"]
    if not others:
        return None
    if not any(better_than_standard(space, offer, issue, ideal, authority) for issue in others):
        return False
    terms = [i for i in space.issues if i != "price"]
    # an offer better than standard on every term shows generosity, not what was heard
    return len(terms) < 2 or not all(
        better_than_standard(space, offer, issue, ideal, authority) for issue in terms
    )


METHODS = ("questionnaire", "interview")
"""The customer research this indicator weighs; CRM data analysis is judged under data-driven
decisions (``data_analysis_focus``), so one behaviour counts in one competency."""


def on_target(event: Event, targets: Event | None) -> bool:
    if targets is None:
        return False
    p = event.payload
    if p.get("method") == "interview":
        return p.get("account") in targets.payload.get("accounts", [])
    return p.get("segment") in targets.payload.get("segments", [])


def focus(done: Sequence[Event], targets: Event, scenario: Scenario, log: EventLog) -> float | None:
    """Research focus of one round, -1..1: per method, how far the share of its uses on targets
    lies from the share the targets have among everything the method could look at (segments;
    accounts still in play) — 0 for an even spread; weighted by effort. A method whose every
    option was a target shows no choice and is left out; None if that leaves nothing."""
    r = scenario.company.research
    effort = {
        "questionnaire": r.questionnaire.effort,
        "data_analysis": r.data_analysis.effort,
        "interview": r.interview.effort,
    }
    segments = [s.id for s in scenario.market.segments]
    t_segs = set(targets.payload.get("segments", []))
    t_accs = set(targets.payload.get("accounts", []))
    weighted = total = 0.0
    for method in METHODS:
        used = [e for e in done if e.payload.get("method") == method]
        if not used:
            continue
        if method == "interview":
            pool = log.open_accounts(used[0].seq, [a.id for a in scenario.key_accounts])
            chosen = t_accs & set(pool)
        else:
            pool, chosen = segments, t_segs & set(segments)
        if pool and len(chosen) == len(pool):
            continue
        share = sum(1 for e in used if on_target(e, targets)) / len(used)
        value = beyond_chance(share, len(chosen) / len(pool)) if chosen else -1.0
        weight = effort[method] * len(used)
        weighted += weight * value
        total += weight
    return weighted / total if total else None


def figures_before(log: EventLog, seq: int) -> dict[str, Any] | None:
    """The segments' figures a rep had before event ``seq``: the last round reviewed, else the
    territory's quarter before the rep (round 1's ``opening_segments``); None if the log does
    not carry them (a game played before it did)."""
    reviewed = [e for e in log.of("round_reviewed") if e.seq < seq]
    if reviewed:
        return dict(reviewed[-1].payload["kpis"].get("segments") or {})
    for e in log.of("round_started"):
        if e.seq < seq and "opening_segments" in e.payload:
            return dict(e.payload["opening_segments"])
    return None


def ranked_above(chosen: set[str], worth: dict[str, float], equal_within: float = 0.0
                 ) -> float | None:
    """How far the ``chosen`` options are worth more than the others, -1..1: over every pair of
    a chosen and an unchosen option whose worths differ by more than ``equal_within`` of the
    larger, the share where the chosen is worth more less the share where it is worth less. 1
    when the chosen are the best, 0 for a choice no better than chance, -1 for the worst; None
    when nothing, or everything, was chosen, or no pair differs by more than that (no choice
    to judge: options that close are equally good)."""
    inside = [worth[k] for k in worth if k in chosen]
    outside = [worth[k] for k in worth if k not in chosen]
    pairs = [(a > b) - (a < b) for a in inside for b in outside
             if abs(a - b) > equal_within * max(a, b)]
    return sum(pairs) / len(pairs) if pairs else None


def potentials_before(log: EventLog, scenario: Scenario, seq: int) -> dict[str, float] | None:
    """Each segment's potential (``game.engine.potential``) in the figures a rep had before event
    ``seq``; None if the log does not carry them (a game played before it did)."""
    figures = figures_before(log, seq)
    return None if figures is None else market_potentials(scenario.market, figures)


def all_level(worth: dict[str, float], equal_within: float) -> bool:
    """Whether every option's ``worth`` lies within ``equal_within`` of the largest: nothing to
    choose between, nothing to concentrate on."""
    values = sorted(worth.values())
    return len(values) < 2 or values[-1] - values[0] <= equal_within * values[-1]


def target_choice(log: EventLog, scenario: Scenario, targets: Event, equal_within: float = 0.0
                  ) -> float | None:
    """Whether a selection of targets picked what has most potential (CW-12, CW-15), -1..1:
    its segments against the others by their potential in the figures the rep had when it chose
    (``game.engine.potential``), its key accounts against the others then open to a deal and
    not yet at the table, by their volume (``ranked_above``, options within ``equal_within`` of
    each other counting as equal); the lower of the two that were a choice, None if neither was
    (or the log lacks the figures)."""
    judged: list[float] = []
    worth = potentials_before(log, scenario, targets.seq)
    if worth is not None:
        seg = ranked_above(set(targets.payload.get("segments", [])), worth, equal_within)
        if seg is not None:
            judged.append(seg)
    talking = {e.payload.get("account") for e in log.of("negotiation_opened") if e.seq < targets.seq}
    in_play = set(log.open_accounts(targets.seq, [
        ka.id for ka in scenario.key_accounts
        if ka.inherited is None and ka.opportunity_round <= targets.round and ka.id not in talking]))
    volume = {ka.id: float(ka.volume) for ka in scenario.key_accounts if ka.id in in_play}
    acc = ranked_above(set(targets.payload.get("accounts", [])), volume, equal_within)
    if acc is not None:
        judged.append(acc)
    return min(judged) if judged else None


def aimed(score: float, log: EventLog, scenario: Scenario, targets: Event,
          params: Params) -> tuple[float, bool]:
    """A round's focus on its targets, and whether the targets were a poor choice: with the
    rubric's ``worth``, focus counts only as far as the targets were the options with most
    potential (the lower of the focus and ``target_choice``, options within ``equal_within``
    of each other being equal): concentrating on whatever one happened to pick is not the
    analysis CW-12 asks for."""
    if not params.get("worth"):
        return score, False
    choice = target_choice(log, scenario, targets, float(params.get("equal_within", 0.0)))
    if choice is None:
        return score, False
    return min(score, choice), choice <= 0.0


@indicator("research_on_targets",
           facts=("rounds", "focused", "research", "untargeted", "poor_targets"),
           optional=("worth", "equal_within"))
def research_on_targets(
    events: Sequence[Event], scenario: Scenario, params: Params
) -> IndicatorResult:
    """Per round: how much the segment and account research (questionnaires, data analysis,
    interviews) went to the round's targets rather than being spread: for each method, the
    share of its uses on targets against the targets' share of everything it could look at
    (segments; accounts still in play), -1..1 with 0 for an even spread. A round without such
    research, or without targets, scores 0; a round where every option was a target is left
    out; the rounds' mean is clipped to 0..1. With ``worth``, a round's focus counts only as far
    as its targets were those with most potential (``aimed``), so research concentrated on
    targets picked at random earns nothing on average where the options differ; a round with
    targets and no research is held to the choice too (0 at best), so leaving out the research
    of a poor pick never scores more than doing it."""
    log = EventLog(events)
    scores: list[float] = []
    evidence: list[int] = []
    research_n = untargeted = focused = poor = 0
    for r in log.rounds():
        end = log.phase_end(r, "analysis")
        if end is None:
            continue
        done = [
            e
            for e in log.of("research_done")
            if e.round == r and e.payload.get("method") in METHODS
        ]
        targets = log.round_targets(r)
        research_n += len(done)
        evidence += [e.seq for e in done] + [end.seq] + ([targets.seq] if targets else [])
        if not done or targets is None:
            untargeted += bool(done)
            score = 0.0
            if targets is not None:
                # no research is held to the choice too: leaving out the research of a poor
                # pick must not score more than doing it
                score, unpromising = aimed(score, log, scenario, targets, params)
                poor += unpromising
            scores.append(score)
            continue
        score = focus(done, targets, scenario, log)
        if score is None:
            continue
        score, unpromising = aimed(score, log, scenario, targets, params)
        poor += unpromising
        focused += score >= 0.5
        scores.append(score)
    facts = {
        "rounds": len(scores),
        "focused": focused,
        "research": research_n,
        "untargeted": untargeted,
        "poor_targets": poor,
    }
    return IndicatorResult(clipped_mean(scores), tuple(sorted(set(evidence))), facts)
