"""What the trainee may see (estimates, own figures) apart from the hidden truth (debrief only)."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from game.engine import risks
from game.engine.accounts import contract_weeks
from game.engine.events import jsonable
from game.engine.phases import COURSEWARE
from game.engine.review import customers_and_satisfaction, round_targets
from game.engine.state import Strike
from game.engine.view_models import (
    AccountBrief,
    AccountView,
    Answer,
    AuthorityRequest,
    ComplaintView,
    ContractView,
    DilemmaChoiceView,
    DilemmaView,
    IncidentView,
    IssueBrief,
    Knowledge,
    MarketBrief,
    NegotiationView,
    Now,
    OfferMade,
    PlanView,
    RiskBrief,
    RiskView,
    RivalBrief,
    RoundKpis,
    RoundTargets,
    RushOrder,
    ScenarioBrief,
    SegmentBrief,
    StockView,
    TargetsSelected,
    TraineeView,
    ValuePitch,
)
from game.negotiation.session import NegotiationSession
from game.negotiation.space import standard_terms
from game.scenario.persona_text import needs_line, persona_line

if TYPE_CHECKING:
    from game.engine.game import Game


def _brief(game: Game) -> ScenarioBrief:
    """The scenario's public brief (built once per game: it never changes)."""
    if "brief" not in game.cache:
        sc = game.scenario
        game.cache["brief"] = ScenarioBrief(
            id=sc.id,
            title=sc.title,
            briefing=sc.briefing,
            rounds=sc.rounds,
            weeks_per_round=sc.weeks_per_round,
            company=sc.company,
            market=MarketBrief(
                customers=sc.market.customers,
                logit=sc.market.logit,
                segments=tuple(
                    SegmentBrief(id=s.id, name=s.name, share=s.share, product=s.product)
                    for s in sc.market.segments
                ),
            ),
            competitors=tuple(RivalBrief(id=c.id, name=c.name) for c in sc.competitors),
            issues=tuple(
                IssueBrief(id=i.id, name=i.name, values=tuple(game.outcome_space.options[i.id]))
                for i in sc.negotiation.issues
            ),
            max_offer_rounds=sc.negotiation.max_rounds,
            key_accounts=tuple(
                AccountBrief(
                    id=k.id, name=k.name, persona=persona_line(sc, k), segment=k.segment,
                    product=k.product, needs=needs_line(sc, k), volume=k.volume,
                    current_vendor=k.current_vendor, opportunity_round=k.opportunity_round,
                    inherited=k.inherited is not None,
                )
                for k in sc.key_accounts
            ),
            risks=tuple(
                RiskBrief(
                    id=r.id, kind=r.kind, name=r.name, warning=r.warning, target=r.target,
                    impact=r.impact, duration_weeks=r.duration_weeks, responses=tuple(r.responses),
                )
                for r in sc.risks
            ),
            fulfilment=sc.fulfilment,
            targets=sc.targets,
            economics=sc.economics,
        )
    return game.cache["brief"]


def _own_profit(game: Game, session: NegotiationSession) -> tuple[float, ...]:
    key = f"own_profit:{session.account.id}"
    if key not in game.cache:
        game.cache[key] = tuple(round(float(x), 2) for x in session.own_profits())
    return game.cache[key]


def _standard_terms(game: Game) -> dict[str, float | str]:
    if "standard_terms" not in game.cache:
        game.cache["standard_terms"] = standard_terms(
            game.outcome_space, game.scenario.company.discount_authority
        )
    return game.cache["standard_terms"]


def negotiation_view(game: Game, session: NegotiationSession) -> NegotiationView:
    """The negotiation's view as the trainee sees it, rebuilt only when the session has changed
    (``game`` needs only the ``cache``, ``outcome_space`` and ``scenario`` a Game has)."""
    key = f"negotiation:{session.account.id}"
    kept = game.cache.get(key)
    if kept is not None and kept[0] == session.revision():
        return kept[1]
    built = _build_negotiation_view(game, session)
    game.cache[key] = (session.revision(), built)
    return built


def _build_negotiation_view(game: Game, session: NegotiationSession) -> NegotiationView:
    v = session.view()
    return NegotiationView(
        account=session.account.id,
        status=v["status"],
        round=v["round"],
        max_rounds=v["deadline"],
        trust=v["trust"],
        walk_away_below=game.scenario.negotiation.trust.walk_away_below,
        authority=v["authority"],
        own_authority=v["own_authority"],
        manager_authority=v["manager_authority"],
        issues={k: tuple(vals) for k, vals in v["issues"].items()},
        offers=tuple(OfferMade(**o) for o in v["offers"]),
        customer_last_offer=v["customer_last_offer"],
        trainee_last_offer=v["trainee_last_offer"],
        agreement=v["agreement"],
        questions=tuple(v["questions"]),
        learned={
            topic: Answer(quality=k["quality"], round=k["round"], times_asked=k["times_asked"],
                          **k["estimate"])
            for topic, k in session.knowledge().items()
        },
        authority_requests=tuple(
            AuthorityRequest(discount=r["discount"], granted=r["granted"], reason=r["reason"],
                             round=r["round"])
            for r in v["authority_requests"]
        ),
        objection=v["objection"],
        value_presented=tuple(ValuePitch(**p) for p in v["value_presented"]),
        own_profit=_own_profit(game, session),
        standard_terms=_standard_terms(game),
    )


def _account_view(game: Game, account: str) -> AccountView:
    state = game.accounts[account]
    ka = next(k for k in game.scenario.key_accounts if k.id == account)
    contract = None
    if state.contract is not None:
        c = state.contract
        contract = ContractView(
            terms=c.terms,
            unit_price=round(c.unit_price, 2),
            units=c.units,
            value=round(c.unit_price * c.units, 2),
            credit_exposure=round(c.unit_price * c.units * (1.0 - c.advance_payment), 2),
            delivered=round(c.delivered_units, 1),
            advance_payment=c.advance_payment,
            late_penalty=c.late_penalty,
            receivable=round(c.receivable, 2),
            written_off=round(c.written_off, 2),
            defaulted=c.defaulted,
            first_week=(c.signed_week if c.signed_week is not None else game.week) + 1,
            end_week=c.end_week if c.signed_week is not None else game.week + contract_weeks(game),
            renewals=c.renewals,
        )
    session = game.sessions.get(account)
    return AccountView(
        id=account,
        status=state.status,
        segment=ka.segment,
        product=ka.product,
        volume=ka.volume,
        opportunity_round=ka.opportunity_round,
        current_vendor=ka.current_vendor,
        lost_to=state.lost_to,
        interviewed=state.interviewed,
        credit_checked=state.credit_checked,
        credit_rating=ka.credit_rating if state.credit_checked else None,
        # what regular contact tells the rep of an account it serves
        satisfaction=round(state.satisfaction, 2) if state.status == "won" else None,
        contract=contract,
        negotiation=None if session is None else negotiation_view(game, session),
    )


def _risk_view(game: Game, s: Strike) -> RiskView:
    spec = next(r for r in game.scenario.risks if r.id == s.risk)
    return RiskView(
        id=s.id,
        risk=s.risk,
        kind=s.kind,
        status="struck" if s.struck else "warning",
        response=s.response,
        responses=tuple(r.id for r in spec.responses),
        target=s.target,
        strike_week=s.strike_week if s.struck else None,
        end_week=s.end_week if s.struck else None,
        expected_in_weeks=None if s.struck else max(0, s.strike_week - game.week),
    )


def _knowledge(game: Game) -> Knowledge:
    """The research so far, rebuilt only after research or a survey added to it."""
    kept = game.cache.get("knowledge")
    if kept is not None and kept[0] == game.knowledge_version:
        return kept[1]
    built = _build_knowledge(game)
    game.cache["knowledge"] = (game.knowledge_version, built)
    return built


def _rounds(game: Game) -> tuple[tuple[RoundKpis, ...], tuple[RoundKpis, ...]]:
    """The reviewed rounds and the history, rebuilt only when a round is added."""
    key = (len(game.kpis), len(game.history))
    kept = game.cache.get("rounds")
    if kept is None or kept[0] != key:
        kept = (key, (tuple(RoundKpis.model_validate(k) for k in game.kpis),
                      tuple(RoundKpis.model_validate(k) for k in game.history)))
        game.cache["rounds"] = kept
    return kept[1]


def _build_knowledge(game: Game) -> Knowledge:
    k = game.knowledge
    return Knowledge.model_validate({
        "segments": k["segments"],
        "accounts": {a: v["interview"] for a, v in k["accounts"].items() if "interview" in v},
        "market": k["market"],
        "surveys": k["surveys"],
    })


def _dilemma_view(game: Game, dilemma: str) -> DilemmaView:
    spec = next(d for d in game.scenario.dilemmas if d.id == dilemma)
    state = game.dilemmas[dilemma]
    return DilemmaView(
        id=spec.id, kind=spec.kind, account=spec.account, situation=spec.situation,
        phase=spec.phase, raised_week=state.raised_week, status=state.status, choice=state.choice,
        choices=tuple(DilemmaChoiceView(id=c.id, label=c.label, act=c.act, says=c.says,
                                        money=c.money, effort=c.effort) for c in spec.choices),
    )


def trainee_view(game: Game) -> TraineeView:
    customers, satisfaction = customers_and_satisfaction(game)
    books = game.books[game.round]
    kpis, history = _rounds(game)
    return TraineeView(
        brief=_brief(game),
        round=game.round,
        week=game.week,
        round_end_week=game.round_end_week,
        phase=str(game.phase),
        courseware=tuple(COURSEWARE[game.phase]),
        effort_left=round(game.effort_left, 3),
        plan=PlanView(forecast=game.plan.forecast, discounts=dict(game.plan.discounts),
                      effort_shares=dict(game.plan.effort_shares), channels=dict(game.plan.channels)),
        targets_selected=TargetsSelected.model_validate(game.targets_selected),
        round_targets=RoundTargets.model_validate(round_targets(game)),
        knowledge=_knowledge(game),
        opportunities=tuple(game.opportunities()),
        accounts=tuple(_account_view(game, ka.id) for ka in game.scenario.key_accounts),
        incidents=tuple(IncidentView.model_validate(asdict(i)) for i in game.incidents
                        if i.status == "open"),
        complaints=tuple(ComplaintView.model_validate(asdict(c)) for c in game.complaints
                         if c.status == "open"),
        risks=tuple(_risk_view(game, s) for s in risks.visible(game)),
        dilemmas=tuple(_dilemma_view(game, d.id) for d in game.scenario.dilemmas
                       if d.id in game.dilemmas),
        now=Now(
            revenue=round(books.revenue, 2),
            profit=round(books.profit(), 2),
            margin=round(books.margin(), 4),
            market_share=round(books.our_units / books.market_units, 4) if books.market_units else 0.0,
            customers=customers,
            satisfaction=round(satisfaction, 4),
        ),
        stock=StockView(
            on_hand={p: round(u, 1) for p, u in game.stock.on_hand.items()},
            rush=tuple(RushOrder(product=r.product, units=round(r.units, 1),
                                 arrives_week=r.arrives_week) for r in game.stock.rush),
        ),
        coverage={s.id: round(float(c), 3)
                  for s, c in zip(game.scenario.market.segments, game.coverage, strict=True)},
        kpis=kpis,
        history=history,
        over=game.over,
    )


def hidden_truth(game: Game) -> dict[str, Any]:
    return jsonable({
        "accounts": {
            ka.id: {
                "preferences": ka.preferences.model_dump(),
                "tactic": ka.tactic.model_dump(),
                "trust": game.accounts[ka.id].trust,
                "satisfaction": game.accounts[ka.id].satisfaction,
                "credit_rating": ka.credit_rating,
            }
            for ka in game.scenario.key_accounts
        },
        "negotiations": {acc: s.truth() for acc, s in game.sessions.items()},
        "strikes": [asdict(s) for s in game.strikes],
        "demand": game.market.demand_level(),
    })
