"""The occasions a trainee missed, read from the event log: opportunities not pursued, deals
lapsed, complaints left open or answered late, delivery incidents unanswered and late deliveries,
risk warnings unanswered, contracts left unsigned or signed unchecked, accounts not renewed,
improper requests gone along with or left unanswered."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from game.engine.events import Event, week_of_play

if TYPE_CHECKING:  # the rubric's indicators read this module
    from game.assessment.rubric import Rubric

PROMPT_INDICATOR = "complaint_response"
"""The indicator whose ``within_weeks`` says how soon a complaint must be answered."""


def prompt_weeks(rubric: Rubric) -> int | None:
    """Within how many weeks the rubric counts a complaint as answered promptly (None when it
    does not judge how fast complaints are answered)."""
    weeks = rubric.param(PROMPT_INDICATOR, "within_weeks")
    return int(weeks) if isinstance(weeks, int | float) else None


@dataclass(frozen=True)
class Occasion:
    kind: str  # a key of the coaching content's ``occasions``
    round: int
    week: int  # the week of play it happened in, 1-based
    seq: int  # the event that shows it
    facts: dict[str, Any] = field(default_factory=dict)


def round_end_weeks(events: Sequence[Event]) -> dict[int, int]:
    """Each round's last week as the log shows it: the last week it simulated."""
    ends: dict[int, int] = {}
    for e in events:
        if e.kind == "week_simulated":
            ends[e.round] = max(ends.get(e.round, 0), e.week)
    return ends


def play_week(event: Event, round_ends: Mapping[int, int]) -> int:
    """The week of play (from 1) an event belongs to, by the engine's one rule."""
    return week_of_play(event, round_ends.get(event.round))


def unpursued_opportunities(events: Sequence[Event]) -> list[tuple[Event, str]]:
    """Each opportunity a customer put on the table that the rep never negotiated — a customer
    who invited a quote and heard nothing (CW-15, CW-63) — with the ``round_started`` event
    that first offered it."""
    opened = {e.payload["account"] for e in events if e.kind == "negotiation_opened"}
    out: list[tuple[Event, str]] = []
    for e in events:
        if e.kind != "round_started":
            continue
        for account in e.payload.get("opportunities", []):
            if account not in opened:
                out.append((e, account))
                opened.add(account)  # named once
    return out


def missed_occasions(events: Sequence[Event], prompt: int | None) -> list[Occasion]:
    """Every missed occasion of the game, in the order they happened; a complaint answered after
    more than ``prompt`` weeks (``prompt_weeks`` of the rubric) was answered late, and with
    ``prompt`` None only one left open is missed."""
    ends = round_end_weeks(events)

    def _occ(kind: str, e: Event, **facts: Any) -> Occasion:
        return Occasion(kind, e.round, play_week(e, ends), e.seq, facts)

    by_kind: dict[str, list[Event]] = {}
    for e in events:
        by_kind.setdefault(e.kind, []).append(e)

    def of(kind: str) -> list[Event]:
        return by_kind.get(kind, [])

    out: list[Occasion] = [_occ("opportunity_not_pursued", e, account=account)
                           for e, account in unpursued_opportunities(events)]
    rivals = {(e.round, e.payload["account"]): e.payload.get("competitor", "")
              for e in of("rival_won")}
    for e in of("negotiation_ended"):
        if e.payload.get("status") != "agreed":
            out.append(_occ("deal_lapsed", e, account=e.payload["account"],
                            status=e.payload.get("status", ""),
                            competitor=rivals.get((e.round, e.payload["account"]), "?")))
    resolved = {(e.payload["account"], e.payload["complaint"]): e for e in of("complaint_resolved")}
    for e in of("complaint_received"):
        done = resolved.get((e.payload["account"], e.payload["complaint"]))
        if done is None:
            out.append(_occ("complaint_open", e, account=e.payload["account"],
                            cause=e.payload.get("cause", "")))
        elif prompt is not None and int(done.payload.get("response_weeks", 0)) > prompt:
            out.append(_occ("complaint_late", e, account=e.payload["account"],
                            cause=e.payload.get("cause", ""),
                            weeks=int(done.payload["response_weeks"])))
    answered = {(e.payload["account"], e.payload["incident"])
                for kind in ("incident_expedited", "customer_informed") for e in of(kind)}
    for e in of("delivery_incident"):
        if (e.payload["account"], e.payload["incident"]) not in answered:
            out.append(_occ("incident_unanswered", e, account=e.payload["account"],
                            cause=e.payload.get("cause", "")))
    for e in of("delivery_late"):
        out.append(_occ("delivery_late", e, account=e.payload["account"],
                        penalty=round(float(e.payload.get("penalty", 0.0)))))
    responded = {e.payload["strike"] for e in of("risk_responded")
                 if e.payload.get("before_strike", True)}
    for e in of("risk_warning"):
        if e.payload["strike"] not in responded:
            out.append(_occ("warning_unanswered", e, risk=e.payload.get("kind", ""),
                            weeks=int(e.payload.get("weeks_ahead", 0))))
    warned = {e.payload["strike"] for e in of("risk_warning")}
    for e in of("risk_struck"):
        if e.payload["strike"] not in warned and not e.payload.get("prepared"):
            out.append(_occ("risk_unprepared", e, risk=e.payload.get("kind", "")))
    for e in of("contract_drafted"):  # signed later (in a later round, too) or never
        if not any(s.payload["account"] == e.payload["account"] and s.seq > e.seq
                   for s in of("contract_signed")):
            out.append(_occ("contract_unsigned", e, account=e.payload["account"]))
    for e in of("contract_signed"):
        if not e.payload.get("credit_checked", True):
            out.append(_occ("signed_unchecked", e, account=e.payload["account"],
                            rating=e.payload.get("credit_rating", "?")))
    for e in of("contract_not_renewed"):
        out.append(_occ("not_renewed", e, account=e.payload["account"],
                        satisfaction=f"{float(e.payload.get('satisfaction', 0.0)):.0%}"))
    for e in of("dilemma_resolved"):
        if not e.payload.get("answered"):
            out.append(_occ("dilemma_unanswered", e, dilemma=e.payload.get("dilemma_kind", "")))
        elif e.payload.get("act") == "comply":
            out.append(_occ("dilemma_improper", e, dilemma=e.payload.get("dilemma_kind", "")))
    return sorted(out, key=lambda o: (o.week, o.seq))
