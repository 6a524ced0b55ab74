"""A sensible rep: researches where it will sell, plans from data, negotiates for value, keeps accounts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from game.bots.base import negotiation_action
from game.bots.negotiators import Integrative
from game.engine.actions import (
    Action,
    AllocateEffort,
    AmendContract,
    CreditCheck,
    DataAnalysis,
    DeclineContract,
    EndPhase,
    Expedite,
    InformCustomer,
    Interview,
    MarketResearch,
    Pursue,
    Questionnaire,
    ResolveComplaint,
    RespondToRisk,
    RunWeeks,
    SatisfactionSurvey,
    SelectTargets,
    SetChannel,
    SetForecast,
    SetPrice,
    SignContract,
    Upsell,
    Visit,
)
from game.sim.rng import stream

if TYPE_CHECKING:
    from game.engine.game import Game

WEAK_RATINGS = {"BB", "B", "CCC"}


class HeuristicBot:
    name = "heuristic"

    def __init__(self, seed: int = 0, negotiator: Any = None) -> None:
        self.rng = stream(seed, "bot:heuristic")
        self.negotiator = negotiator if negotiator is not None else Integrative()
        self._done: set[tuple] = set()

    def _once(self, key: tuple, action: Action) -> Action | None:
        if key in self._done:
            return None
        self._done.add(key)
        return action

    def next_action(self, game: Game) -> Action:
        handler = getattr(self, f"_{game.phase.value}", None)
        action = handler(game, game.view()) if handler else None
        return action if action is not None else EndPhase()

    # ------------------------------------------------------------------ phases

    def _analysis(self, game: Game, view: dict) -> Action | None:
        r = game.round
        research = game.scenario.company.research
        segments = [s.id for s in game.scenario.market.segments]
        steps: list[tuple[tuple, Action, float]] = [((r, "mr"), MarketResearch(), research.market_research.effort)]
        for acc in view["accounts"]:
            if acc["opportunity_round"] in (r, r + 1) and acc["status"] == "prospect":
                steps.append(((acc["id"], "interview"), Interview(account=acc["id"]), research.interview.effort))
        if r == 1:
            for seg in segments:
                steps.append(((seg, "q"), Questionnaire(segment=seg), research.questionnaire.effort))
        if r > 1:
            weakest = self._weakest_segment(view)
            steps.append(((r, "da"), DataAnalysis(segment=weakest), research.data_analysis.effort))
        reserve = 2.0 + sum(1.0 for a in view["accounts"] if a["opportunity_round"] == r)
        for key, action, effort in steps:
            if key in self._done or view["effort_left"] - effort < reserve:
                continue
            self._done.add(key)
            return action
        targets = [a["id"] for a in view["accounts"] if a["opportunity_round"] <= r and a["status"] == "prospect"]
        return self._once((r, "targets"), SelectTargets(segments=self._best_segments(game), accounts=targets))

    def _weakest_segment(self, view: dict) -> str:
        last = view["kpis"][-1]["segments"] if view["kpis"] else {}
        if not last:
            return next(iter(view["plan"]["discounts"]))
        return min(last, key=lambda s: last[s]["customers"])

    def _best_segments(self, game: Game) -> list[str]:
        """The two segments worth most: last round's revenue, else size x price."""
        kpis = game.kpis
        if kpis and any(v["revenue"] for v in kpis[-1]["segments"].values()):
            value = {k: v["revenue"] for k, v in kpis[-1]["segments"].items()}
        else:
            value = {
                seg.id: seg.share * game.scenario.product(seg.product).list_price
                for seg in game.scenario.market.segments
            }
        return sorted(value, key=lambda k: value[k], reverse=True)[:2]

    def _planning(self, game: Game, view: dict) -> Action | None:
        r = game.round
        forecast = self._forecast(game, view)
        act = self._once((r, "forecast"), SetForecast(revenue=round(forecast, 2)))
        if act:
            return act
        market = view["knowledge"].get("market")
        authority = game.scenario.company.discount_authority
        for seg in game.scenario.market.segments:
            product = game.scenario.product(seg.product)
            discount = 0.0
            if market:
                rivals = [c["prices"][seg.id]["mean"] for c in market["competitors"].values()]
                cheapest = min(rivals) / product.list_price
                gap = 1.0 - cheapest  # how far below our list the cheapest rival sits
                discount = float(np.clip(round(gap * 0.5, 2), 0.0, authority))
            act = self._once((r, "price", seg.id), SetPrice(segment=seg.id, discount=discount))
            if act:
                return act
            channel = "partner" if seg.share >= 0.3 else game.scenario.company.channels[0].id
            if channel in {c.id for c in game.scenario.company.channels}:
                act = self._once((r, "channel", seg.id), SetChannel(segment=seg.id, channel=channel))
                if act:
                    return act
        best = self._best_segments(game)
        shares = {s.id: (0.4 if s.id in best else 0.2) for s in game.scenario.market.segments}
        total = sum(shares.values())
        return self._once((r, "effort"), AllocateEffort(shares={k: v / total for k, v in shares.items()}))

    def _forecast(self, game: Game, view: dict) -> float:
        last = (view["kpis"] or view["history"])[-1]
        pop_revenue = last["revenue"] - last["key_account_revenue"]
        pipeline = 0.0
        for acc in view["accounts"]:
            c = acc.get("contract")
            if c and acc["status"] == "won":
                left = c["units"] - c["delivered"]
                pipeline += min(left, c["units"] / 2) * c["unit_price"]
        return pop_revenue + pipeline

    def _negotiation(self, game: Game, view: dict) -> Action | None:
        for acc in view["accounts"]:
            if acc["id"] in game.opportunities() and view["effort_left"] >= 1:
                return Pursue(account=acc["id"])
        for account, session in game.sessions.items():
            if session.status == "open":
                move = self.negotiator.next_move(session, self.rng)
                return negotiation_action(account, move)
        return None

    def _contract(self, game: Game, view: dict) -> Action | None:
        for acc in view["accounts"]:
            if acc["status"] != "agreed":
                continue
            if not acc["credit_checked"] and view["effort_left"] >= 1:
                return CreditCheck(account=acc["id"])
            rating = acc["credit_rating"]
            if rating == "CCC":
                return DeclineContract(account=acc["id"])
            if rating in WEAK_RATINGS:
                act = self._once((acc["id"], "advance"), AmendContract(account=acc["id"], clause="advance_payment", value=0.3))
                if act:
                    return act
            return SignContract(account=acc["id"])
        return None

    def _attend(self, game: Game, view: dict) -> Action | None:
        """Incidents, complaints and risks that need an answer now."""
        for inc in view["incidents"]:
            acc = next(a for a in view["accounts"] if a["id"] == inc["account"])
            value = acc.get("contract", {}).get("unit_price", 0) * acc.get("contract", {}).get("units", 0)
            if value > 20 * game.scenario.fulfilment.expedite_cost or view["effort_left"] < 0.25:
                return Expedite(incident=inc["id"])
            return InformCustomer(incident=inc["id"])
        for comp in view["complaints"]:
            if view["effort_left"] >= 0.5:
                return ResolveComplaint(complaint=comp["id"])
        for risk in view["risks"]:
            if risk["response"] is None and (risk["status"] == "warning" or risk.get("end_week", 0) > view["week"]):
                choice = self._risk_choice(game, risk, view["effort_left"])
                act = self._once(("risk", risk["id"]), RespondToRisk(strike=risk["id"], response=choice)) if choice else None
                if act:
                    return act
        return None

    def _risk_choice(self, game: Game, risk: dict, effort: float) -> str | None:
        spec = next(r for r in game.scenario.risks if r.id == risk["risk"])
        options = [r for r in spec.responses if r.effort <= effort]
        if not options:
            return None
        return max(options, key=lambda r: r.mitigation - r.cost / 100_000).id

    def _fulfilment(self, game: Game, view: dict) -> Action | None:
        act = self._attend(game, view)
        if act:
            return act
        if view["week"] < view["round_end_week"]:
            return RunWeeks()
        return None

    def _maintenance(self, game: Game, view: dict) -> Action | None:
        act = self._attend(game, view)
        if act:
            return act
        r = game.round
        for acc in view["accounts"]:
            if acc["status"] == "won" and view["effort_left"] >= 1:
                act = self._once((r, "visit", acc["id"]), Visit(account=acc["id"]))
                if act:
                    return act
                if acc.get("satisfaction", 0) > 0.7:
                    act = self._once(("upsell", acc["id"]), Upsell(account=acc["id"]))
                    if act:
                        return act
        if view["effort_left"] >= 1:
            return self._once((r, "survey"), SatisfactionSurvey(segment=self._weakest_segment(view)))
        return None

    def _risk(self, game: Game, view: dict) -> Action | None:
        return self._attend(game, view)
