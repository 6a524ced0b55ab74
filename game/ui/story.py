"""Events told as sentences in the interface language: the status line, the exchange of a
negotiation, and the debrief's timeline of decisions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from game.engine.events import Event, week_of_play
from game.engine.view_models import Answer
from game.negotiation.moves import option_index, usual_values
from game.scenario.text import Text
from game.text.lists import name_list
from game.ui import fmt
from game.ui.i18n import Strings
from game.ui.screens.names import Names

# Events that say nothing worth a line of their own.
QUIET = frozenset({"phase_ended", "week_simulated", "negotiation_paused", "risk_summary", "weeks_ran",
                   "service_summary", "round_ended"})
GOOD = frozenset({"customer_accepted", "contract_signed", "authority_granted", "amendment_accepted",
                  "upsell_won", "complaint_resolved", "risk_responded", "contract_renewed"})
BAD = frozenset({"delivery_incident", "delivery_late", "complaint_received", "risk_struck",
                 "authority_refused", "amendment_refused", "upsell_declined", "contract_lapsed",
                 "contract_declined", "stock_out", "opportunity_lost", "rival_won", "customer_defaulted",
                 "contract_not_renewed", "orders_reduced"})
WARN = frozenset({"stock_rushed", "stock_written_down"})
# Occasions the trainee missed, as the debrief lists them one by one (an opportunity lost or a
# contract not renewed is told by the rival's win that follows it; stock-outs are counted).
MISSED = frozenset({"rival_won", "customer_defaulted", "orders_reduced"})


def units(amounts: dict[str, float], names: Names) -> str:
    """``Notebooks 1,200 units, Servers 40 units`` (products with none left out)."""
    s = names.s
    parts = [s.t("profit.units", product=names.product(p), units=f"{u:,.0f}",
                 measure=names.measure(product=p))
             for p, u in amounts.items() if u >= 0.5]
    return names.join(parts) if parts else s.t("profit.none")


def _economics(event: Event, names: Names) -> dict[str, Any]:
    """Fields of the stock, rival, credit and renewal events."""
    s = names.s
    p = event.payload
    kind = event.kind
    out: dict[str, Any] = {}
    if "product" in p:
        out["product"] = names.product(p["product"])
    if kind == "stock_ordered":
        out["forecast"] = fmt.money(p.get("forecast"))
        out["ordered"] = units(p.get("ordered") or {}, names)
    elif kind in ("stock_out", "stock_arrived", "stock_rushed"):
        out["units"] = f"{float(p.get('rush_units', p.get('units')) or 0.0):,.0f}"
        out["arrives"] = p.get("arrives_week") if p.get("arrives_week") is not None else fmt.DASH
        out["premium"] = fmt.money(p.get("premium") or 0.0)
    elif kind == "stock_written_down":
        out["left"] = units(p.get("left") or {}, names)
        out["share"] = fmt.pct(p.get("share"), 0)
        out["value"] = fmt.money(p.get("value"))
    elif kind == "opportunity_lost":
        out["opened"] = p.get("opened_round", fmt.DASH)
    elif kind == "rival_won":
        out["competitor"] = names.competitor(p.get("competitor"))
        out["reason"] = s.get("rival_reason." + str(p.get("reason")), str(p.get("reason")))
        out["units"] = f"{float(p.get('units') or 0):,.0f}"
    elif kind == "customer_defaulted":
        out["receivable"] = fmt.money(p.get("receivable"))
        out["loss"] = fmt.money(p.get("loss"))
        out["recovered"] = fmt.money(p.get("recovered"))
    elif kind == "contract_renewed":
        out["units"] = f"{float(p.get('units') or 0):,.0f}"
        out["weeks"] = p.get("weeks", fmt.DASH)
        out["satisfaction"] = fmt.number(p.get("satisfaction"))
    elif kind == "contract_not_renewed":
        out["satisfaction"] = fmt.number(p.get("satisfaction"))
        out["chance"] = fmt.pct(p.get("chance"), 0)
    elif kind == "orders_reduced":
        out["share"] = fmt.pct(p.get("share"), 0)
        out["satisfaction"] = fmt.number(p.get("satisfaction"))
    if kind in ("delivery_incident", "delivery_late"):
        out["cause"] = s.get("cause." + str(p.get("cause")), str(p.get("cause", fmt.DASH)))
    elif kind in ("complaint_received", "complaint_resolved"):
        out["cause"] = s.get("complaint_cause." + str(p.get("cause")), str(p.get("cause", fmt.DASH)))
    return out


def week_of(event: Event, names: Names) -> int:
    """The week an event happened in, counted from 1 as the weekly chart and the top bar count."""
    return week_of_play(event, event.round * names.brief.weeks_per_round)


def fields(event: Event, names: Names) -> dict[str, Any]:
    """The payload as the sentence templates need it: names, money and shares formatted."""
    s = names.s
    p = event.payload
    out: dict[str, Any] = {"round": event.round, "week": week_of(event, names)}
    lang = s.lang
    if "account" in p:
        out["account"] = names.account(p["account"])
    out["measure"] = names.measure(p.get("account"), p.get("product"))
    if "segment" in p:
        out["segment"] = names.segment(p["segment"])
    kind = event.kind
    if kind == "round_started":
        out["demand"] = fmt.number(p.get("demand_index"))
        out["opportunities"] = name_list((names.account(a) for a in p.get("opportunities", [])), lang) or fmt.DASH
    elif kind == "phase_started":
        out["phase"] = s.t("phase." + event.phase)
    elif kind == "research_done":
        out["method"] = s.t("method." + p["method"])
        out["target"] = out.get("segment") or out.get("account") or s.t("event.market")
    elif kind == "targets_selected":
        chosen = [names.segment(x) for x in p.get("segments", [])] + [names.account(x) for x in p.get("accounts", [])]
        out["list"] = name_list(chosen, lang) or fmt.DASH
    elif kind == "forecast_set":
        out["revenue"] = fmt.money(p["revenue"])
    elif kind == "price_set":
        out["discount"] = fmt.pct(p["discount"], 0)
    elif kind == "effort_allocated":
        out["list"] = name_list((f"{names.segment(k)} {fmt.pct(v, 0)}" for k, v in p["shares"].items()), lang)
    elif kind == "channel_set":
        out["channel"] = names.channel(p["channel"])
    elif kind in ("trainee_offered", "customer_countered", "trainee_accepted", "customer_accepted"):
        out["offer"] = names.offer_short(p.get("offer"))
        trade = p.get("trade")
        if trade:
            out["give"] = names.offer_short(trade.get("give"))
            out["want"] = names.offer_short(trade.get("want"))
    elif kind == "trust_changed":
        out["reason"] = s.get("trust." + str(p.get("reason")), s.t("trust.other"))
    elif kind == "value_presented":
        out["aspect"] = names.issue_spoken(p["aspect"])
    elif kind == "customer_answered":
        out["topic"] = s.t("topic." + p["topic"])
        said = Answer.model_validate({"quality": p["quality"], "round": event.round, "times_asked": 1,
                                      **(p.get("estimate") or {})})
        out["answer"] = spoken(p["topic"], said, names, p.get("account"))
    elif kind in ("authority_granted", "authority_refused"):
        out["discount"] = fmt.pct(p["discount"], 0)
        out["reason"] = s.get("authority." + str(p.get("reason")), "")
    elif kind == "negotiation_ended":
        out["status"] = s.t("status.session." + p["status"])
    elif kind == "contract_drafted":
        out["value"] = fmt.money(p["value"])
    elif kind == "credit_checked":
        out["rating"] = p["rating"]
        out["p"] = fmt.pct(p["default_probability"], 1)
    elif kind in ("amendment_accepted", "amendment_refused"):
        out["clause"] = s.t("clause." + p["clause"])
        out["value"] = fmt.pct(p["value"], 0)
    elif kind in ("contract_signed", "account_inherited"):
        out["units"] = f"{p['units']:,}"
        out["price"] = fmt.money(p["unit_price"])
        out["weeks"] = p["delivery_weeks"]
    elif kind == "weeks_ran":
        out["weeks"] = p["weeks"]
        out["left"] = p["left"]
    elif kind == "delivery_late":
        out["penalty"] = fmt.money(p["penalty"])
    elif kind == "incident_expedited":
        out["cost"] = fmt.money(p["cost"])
    elif kind == "account_visited":
        out["satisfaction"] = fmt.number(p["satisfaction"])
    elif kind == "satisfaction_surveyed":
        out["mean"] = fmt.estimate({"mean": p.get("mean"), "sd": p.get("sd")}, 2)
    elif kind == "upsell_won":
        out["units"] = f"{p['units']:,}"
    elif kind in ("risk_warning", "risk_struck", "risk_responded"):
        out["risk"] = names.risk(p["risk"])
        out["weeks"] = p.get("weeks_ahead", "")
        out["when"] = fmt.weeks_ahead(p.get("weeks_ahead"), s.t)
        out["response"] = names.response(p["risk"], p.get("response"))
    elif kind == "round_reviewed":
        out["revenue"] = fmt.money(p["kpis"]["revenue"])
        out["share"] = fmt.pct(p["kpis"]["market_share"])
        out["profit"] = fmt.money(p["kpis"].get("profit"))
    elif kind == "game_ended":
        out["profit"] = fmt.money((p.get("totals") or {}).get("profit"))
        met = p.get("met", {})
        out["met"] = sum(1 for v in met.values() if v)
        out["of"] = len(met)
    elif kind == "dilemma_raised":
        out["what"] = s.t("dilemma.kind." + str(p.get("dilemma_kind")))
    elif kind == "dilemma_resolved":
        out["label"] = _words(p.get("label"), lang)
    elif kind == "dilemma_consequence":
        out["says"] = _words(p.get("says"), lang)
    elif kind == "customer_alternative_changed":
        out["withdrawn"] = s.t("event.withdrawn") if p.get("withdrawn") else ""
    for key in ("incident", "complaint"):
        if key in p:
            out[key] = p[key]
    out.update(_economics(event, names))
    return out


def _words(text: object, lang: str) -> str:
    """A zh/en text an event carries (a dumped ``Text``), in ``lang``."""
    return Text.model_validate(text).pick(lang) if isinstance(text, dict) else str(text or "")


def _key(event: Event) -> str:
    p = event.payload
    if event.kind == "dilemma_resolved" and not p.get("answered"):
        return "event.dilemma_unanswered"
    if event.kind == "customer_countered" and p.get("message_key"):
        return f"event.customer_countered.{p['message_key']}"
    if event.kind == "customer_alternative_changed" and p.get("message_key"):
        return f"event.{p['message_key']}"
    if event.kind == "value_presented":
        said = "value_answered" if p.get("answer_objection") else "value_presented"
        return f"event.{said}.{p.get('reply')}"
    if event.kind == "trainee_offered" and p.get("trade"):
        return "event.trainee_traded"
    if event.kind == "trust_changed":
        return "event.trust_up" if p.get("direction") == "up" else "event.trust_down"
    if event.kind == "stock_ordered":
        return "event.stock_ordered." + ("forecast" if p.get("basis") == "forecast" else "target")
    if event.kind == "stock_out":
        if "rush_units" not in p:  # the rush order, if any, is its own event (stock_rushed)
            return "event.stock_out_waiting" if p.get("rush_pending") else "event.stock_out_now"
        return "event.stock_out" if p.get("rush_units") else "event.stock_out_no_rush"
    if event.kind == "stock_rushed":
        return "event.stock_rushed_low" if p.get("reason") == "running_low" else "event.stock_rushed"
    if event.kind == "rival_won" and not p.get("competitor"):
        return "event.rival_won_nobody"
    if event.kind == "weeks_ran" and p.get("weeks") == 1:
        return "event.weeks_ran_one"
    return "event." + event.kind


def _quiet(event: Event) -> bool:
    """Events that say nothing worth a line: bookkeeping, and a round that left no stock."""
    if event.kind in QUIET:
        return True
    return event.kind == "stock_written_down" and float(event.payload.get("value") or 0.0) <= 0.5


def line(event: Event, names: Names, with_account: bool = True) -> str | None:
    """One sentence for ``event`` (None for the quiet ones)."""
    if _quiet(event):
        return None
    s = names.s
    data = fields(event, names)
    text = s.get(_key(event), "", **data)
    if not text:
        text = s.t("event.other", kind=event.kind.replace("_", " "))
    if with_account and "account" in data and event.kind not in ("negotiation_opened", "research_done"):
        text = s.t("event.with_account", account=data["account"], text=text)
    return text


def counter_moves(events: Sequence[Event], names: Names) -> dict[int, str]:
    """Each customer counter (by its event's seq) told as a trade: what it gives and what it asks,
    issue by issue, against the customer's previous counter (or, for its first, the rep's offer it
    answers), in the direction customers usually value each issue (``usual_values``)."""
    options = {issue.id: issue.values for issue in names.brief.issues}
    offered: dict[str, dict[str, Any]] = {}
    countered: dict[str, dict[str, Any]] = {}
    out: dict[int, str] = {}
    for event in events:
        account = event.payload.get("account")
        offer = event.payload.get("offer")
        if not isinstance(account, str) or not isinstance(offer, dict):
            continue
        if event.kind == "trainee_offered":
            offered[account] = offer
        elif event.kind == "customer_countered":
            base = countered.get(account) or offered.get(account)
            if base:
                told = _trade_words(base, offer, options, names)
                if told:
                    out[event.seq] = told
            countered[account] = offer
    return out


def _trade_words(base: dict[str, Any], new: dict[str, Any], options: dict[str, tuple[Any, ...]],
                 names: Names) -> str:
    """``they give …; they ask …`` for the issues that moved from ``base`` to ``new``."""
    gives: list[str] = []
    asks: list[str] = []
    for issue, value in new.items():
        if issue not in options or issue not in base or base[issue] == value:
            continue
        try:
            before = option_index(options[issue], base[issue])
            after = option_index(options[issue], value)
        except ValueError:
            continue
        worth = usual_values(options, issue)
        change = names.s.t("counter.change", issue=names.issue(issue), was=names.option(issue, base[issue]),
                           now=names.option(issue, value))
        if worth[after] < worth[before]:
            gives.append(change)
        elif worth[after] > worth[before]:
            asks.append(change)
    parts = []
    if gives:
        parts.append(names.s.t("counter.gives", list=names.join(gives)))
    if asks:
        parts.append(names.s.t("counter.asks", list=names.join(asks)))
    return names.s.t("counter.trade", parts=names.s.t("counter.sep").join(parts)) if parts else ""


def style(event: Event) -> str | None:
    if event.kind in GOOD:
        return "good"
    if event.kind in BAD:
        return "bad"
    if event.kind == "trust_changed":
        return "good" if event.payload.get("direction") == "up" else "warn"
    if event.kind == "customer_countered":
        return "warn"
    if event.kind == "value_presented":
        return "good" if event.payload.get("reply") == "interested" else None
    if event.kind in WARN:
        return "warn"
    if event.kind == "stock_ordered" and event.payload.get("basis") != "forecast":
        return "warn"
    return None


def summary(events: Sequence[Event], names: Names) -> str:
    """The status line after an action: the last sentence worth telling."""
    for event in reversed(events):
        text = line(event, names)
        if text and event.kind != "trust_changed":
            return text
    return names.s.t("status.done")


PERCENT_PARAMS = ("discount", "authority", "manager_authority")
"""Figures a refusal names that are shares (shown as percentages)."""
MONEY_PARAMS = ("maximum",)
"""Figures a refusal names that are money."""


def reason(code: str | None, why: str | None, s: Strings,
           params: dict[str, object] | None = None) -> str:
    """The engine's reason for refusing an action, in the interface language: the rule and the
    figures it names ("a 20 % discount is above your authority of 15 %")."""
    shown = {k: fmt.pct(float(v), 0) if k in PERCENT_PARAMS and isinstance(v, int | float)
             else fmt.money(float(v)) if k in MONEY_PARAMS and isinstance(v, int | float)
             else v for k, v in (params or {}).items()}
    text = s.get("reject." + str(code), "", **shown)
    if text:
        return text
    if s.lang == "en" and why:
        return why
    return s.t("reject.other")


def rejection(code: str | None, why: str | None, s: Strings,
              params: dict[str, object] | None = None) -> str:
    """Why an action was refused, as the status line says it."""
    return s.t("status.rejected", reason=reason(code, why, s, params))


def _said_nothing(known: Answer) -> bool:
    """An answer that carries no figure (a refusal, or nothing the topic gives)."""
    return all(v is None for v in (known.weights, known.top_issues, known.ideal, known.deadline_rounds,
                                   known.has_alternative, known.discount, known.max_price_per_unit))


def answer(topic: str, known: Answer, names: Names, account: str | None = None) -> str:
    """What ``account``'s customer said about ``topic`` (best answer so far), as a sentence."""
    s = names.s
    name = s.t("topic." + topic)
    if known.quality == "refused" or _said_nothing(known):
        return s.t("answer.refused", topic=name)
    if topic == "priorities":
        items = sorted((known.weights or {}).items(), key=lambda kv: -(kv[1].mean or 0.0))
        body = names.join(f"{names.issue(k)} {fmt.estimate(v, 2)}" for k, v in items)
    elif topic == "needs":
        top = name_list((names.issue(i) for i in known.top_issues or ()), s.lang)
        ideal = names.join(f"{names.issue(k)} {names.option(k, v)}" for k, v in (known.ideal or {}).items())
        body = s.t("answer.needs", top=top, ideal=ideal)
    elif topic == "timeline":
        body = s.t("answer.timeline", offers=fmt.estimate(known.deadline_rounds, 1))
    elif topic == "competitors":
        if not known.has_alternative:
            body = s.t("answer.no_rival")
        else:
            body = s.t("answer.rival", discount=fmt.estimate(known.discount, 2, percent=True))
    else:
        body = s.t("answer.budget", price=fmt.estimate(known.max_price_per_unit, 0),
                   measure=names.measure(account))
    return s.t("answer.line", topic=name, quality=s.t("quality." + known.quality), body=body)


def spoken(topic: str, known: Answer, names: Names, account: str | None = None) -> str:
    """What the customer said about ``topic``, as the customer says it: a sentence in its own
    words, frank or vague as it answered (the figures stay in the "what you have learned" panel).
    """
    s = names.s
    if known.quality == "refused" or _said_nothing(known):
        return s.t("say.refused")
    tone = "vague" if known.quality == "vague" else "frank"
    if topic == "priorities":
        ranked = [k for k, _ in sorted((known.weights or {}).items(), key=lambda kv: -(kv[1].mean or 0.0))]
        if len(ranked) < 3:
            return s.t(f"say.priorities_top.{tone}", top=names.issue_spoken(ranked[0]))
        return s.t(f"say.priorities.{tone}", top=names.issue_spoken(ranked[0]), second=names.issue_spoken(ranked[1]),
                   least=names.issue_spoken(ranked[-1]))
    if topic == "needs":
        top = name_list((names.issue_spoken(i) for i in known.top_issues or ()), s.lang)
        ideal = names.join(f"{names.issue_spoken(k)} {names.option(k, v)}" for k, v in (known.ideal or {}).items())
        return s.t(f"say.needs.{tone}", top=top, ideal=ideal)
    if topic == "timeline":
        limit = max(1, names.brief.max_offer_rounds)  # the meetings' public limit
        share = (known.deadline_rounds.mean or 0.0) / limit if known.deadline_rounds else 1.0
        pace = "soon" if share < 1 / 3 else "some" if share < 2 / 3 else "calm"
        return s.t(f"say.timeline.{pace}")
    if topic == "competitors":
        return s.t(f"say.rival.{tone}" if known.has_alternative else "say.no_rival")
    budget = known.max_price_per_unit.mean if known.max_price_per_unit else None
    product = next((k.product for k in names.brief.key_accounts if k.id == account), None)
    if budget is None or product is None:
        return s.t(f"say.budget.{tone}")
    ratio = budget / names.brief.product(product).list_price
    return s.t("say.budget_" + ("above" if ratio >= 1 else "near" if ratio >= 0.85 else "below"))


def timeline_rounds(events: Sequence[Event], names: Names) -> dict[int, list[tuple[str, str | None]]]:
    """The decisions and what came of them, per round (for the debrief), told in one pass."""
    s = names.s
    out: dict[int, list[tuple[str, str | None]]] = {}
    for event in events:
        lines = out.setdefault(event.round, [])
        if event.kind == "round_started":
            lines.append((s.t("timeline.round", round=event.round), "head"))
            continue
        if event.kind in ("phase_started",):
            continue
        text = line(event, names)
        if text is None:
            continue
        lines.append((s.t("timeline.entry", week=week_of(event, names), text=text), style(event)))
    return {r: lines for r, lines in out.items() if lines}


def timeline(events: Sequence[Event], names: Names,
             round_: int | None = None) -> list[tuple[str, str | None]]:
    """The decisions and what came of them, round by round (or of one round)."""
    rounds = timeline_rounds(events, names)
    if round_ is not None:
        return rounds.get(round_, [])
    return [entry for r in sorted(rounds) for entry in rounds[r]]


def missed(events: Sequence[Event], names: Names) -> list[tuple[str, str | None]]:
    """The occasions the event log records as missed — business won by rivals, defaults (and
    credit risks that struck), orders placed elsewhere, then the stock-outs of each round and
    product — with what they cost."""
    s = names.s
    reviews = [e.payload["kpis"] for e in events if e.kind == "round_reviewed"]
    lost = sum(float(k.get("lost_sales") or 0.0) for k in reviews)
    bad_debt = sum(float((k.get("cost_by_kind") or {}).get("bad_debt") or 0.0) for k in reviews)
    stock = sum(sum(float((k.get("cost_by_kind") or {}).get(c) or 0.0) for c in ("holding", "write_down", "emergency"))
                for k in reviews)
    out: list[tuple[str, str | None]] = [
        (s.t("missed.summary", lost=fmt.money(lost), bad_debt=fmt.money(bad_debt), stock=fmt.money(stock)), "head")
    ]
    outs: dict[tuple[int, str], list[Event]] = {}
    premiums: dict[tuple[int, str], float] = {}
    for event in events:
        if event.kind in ("stock_out", "stock_rushed"):
            where = (event.round, event.payload["product"])
            premiums[where] = premiums.get(where, 0.0) + float(event.payload.get("premium") or 0.0)
        if event.kind == "stock_out":
            outs.setdefault((event.round, event.payload["product"]), []).append(event)
        elif event.kind in MISSED or (event.kind == "risk_struck" and event.payload.get("kind") == "credit_default"):
            text = line(event, names)
            if text:
                out.append((s.t("missed.entry", round=event.round, week=week_of(event, names), text=text),
                            style(event)))
    for (round_no, product), told in outs.items():
        premium = premiums.get((round_no, product), 0.0)
        key = "missed.stock_outs" if premium > 0.5 else "missed.stock_outs_no_rush"
        out.append((s.t(key, round=round_no, week=week_of(told[0], names), n=len(told),
                        product=names.product(product), premium=fmt.money(premium)), "bad"))
    if len(out) == 1:
        out.append((s.t("missed.none"), "good"))
    return out
