"""A sensible rep: researches where it will sell, plans from data, negotiates for value, keeps accounts."""

from __future__ import annotations

from game.bots.negotiators import Integrative
from game.bots.policy import Conduct, Negotiator, Rep
from game.engine.actions import (
    Action,
    AllocateEffort,
    DataAnalysis,
    Interview,
    MarketResearch,
    Questionnaire,
    SatisfactionSurvey,
    SelectTargets,
    SetChannel,
    SetForecast,
    SetPrice,
    Upsell,
    Visit,
)
from game.engine.view_models import ScenarioBrief, TraineeView
from game.sim.rng import stream

BIG_SEGMENT = 0.3  # a segment with this share of the market or more is sold for reach
UPSELL_SATISFACTION = 0.7  # it offers more to an account more satisfied than this

CONDUCT = Conduct(credit_check=True, protect_weak=True, incidents="now", complaints="now",
                  risks="warned", expedite_big=True)


def channel_for(brief: ScenarioBrief, share: float) -> str:
    """A big segment through the channel that reaches most buyers (the cheaper on a tie), a
    small one through the cheapest channel (the wider on a tie)."""
    channels = brief.company.channels
    if share >= BIG_SEGMENT:
        return max(channels, key=lambda c: (c.reach, -c.fee)).id
    return min(channels, key=lambda c: (c.fee, -c.reach)).id


class HeuristicBot(Rep):
    name = "heuristic"

    def __init__(self, seed: int = 0, negotiator: Negotiator | None = None) -> None:
        super().__init__("heuristic", stream(seed, "bot:heuristic"),
                         negotiator if negotiator is not None else Integrative(), CONDUCT)

    # ------------------------------------------------------------------ phases

    def _analysis(self, view: TraineeView) -> Action | None:
        r = view.round
        research = view.brief.company.research
        steps: list[tuple[tuple[object, ...], Action, float]] = [
            ((r, "mr"), MarketResearch(), research.market_research.effort)]
        for acc in view.accounts:
            if acc.opportunity_round in (r, r + 1) and acc.status == "prospect":
                steps.append(((acc.id, "interview"), Interview(account=acc.id),
                              research.interview.effort))
        if r == 1:
            for seg in view.brief.market.segments:
                steps.append(((seg.id, "q"), Questionnaire(segment=seg.id),
                              research.questionnaire.effort))
        if r > 1:
            weakest = self._weakest_segment(view)
            steps.append(((r, "da"), DataAnalysis(segment=weakest), research.data_analysis.effort))
        reserve = 2.0 + sum(1.0 for a in view.accounts if a.opportunity_round == r)
        for key, action, effort in steps:
            if key in self._done or view.effort_left - effort < reserve:
                continue
            self._done.add(key)
            return action
        targets = [a.id for a in view.accounts if a.opportunity_round <= r and a.status == "prospect"]
        return self._once((r, "targets"),
                          SelectTargets(segments=self._best_segments(view), accounts=targets))

    @staticmethod
    def _weakest_segment(view: TraineeView) -> str:
        last = view.kpis[-1].segments if view.kpis else {}
        if not last:
            return next(iter(view.plan.discounts))
        return min(last, key=lambda s: last[s].customers)

    @staticmethod
    def _best_segments(view: TraineeView) -> list[str]:
        """The two segments worth most: last round's revenue, else size x price."""
        if view.kpis and any(v.revenue for v in view.kpis[-1].segments.values()):
            value = {k: v.revenue for k, v in view.kpis[-1].segments.items()}
        else:
            value = {
                seg.id: seg.share * view.brief.product(seg.product).list_price
                for seg in view.brief.market.segments
            }
        return sorted(value, key=lambda k: value[k], reverse=True)[:2]

    def _planning(self, view: TraineeView) -> Action | None:
        r = view.round
        act = self._once((r, "forecast"), SetForecast(revenue=round(self._forecast(view), 2)))
        if act:
            return act
        brief = view.brief
        market = view.knowledge.market
        authority = brief.company.discount_authority
        for seg in brief.market.segments:
            discount = 0.0
            rivals = [] if market is None else [
                float(c.prices[seg.id].mean) for c in market.competitors.values()
                if seg.id in c.prices and c.prices[seg.id].mean is not None
            ]
            if rivals:
                cheapest = min(rivals) / brief.product(seg.product).list_price
                gap = 1.0 - cheapest  # how far below our list the cheapest rival sits
                discount = min(max(round(gap * 0.5, 2), 0.0), authority)
            act = self._once((r, "price", seg.id), SetPrice(segment=seg.id, discount=discount))
            if act:
                return act
            act = self._once((r, "channel", seg.id),
                             SetChannel(segment=seg.id, channel=channel_for(brief, seg.share)))
            if act:
                return act
        best = self._best_segments(view)
        shares = {s.id: (0.4 if s.id in best else 0.2) for s in brief.market.segments}
        total = sum(shares.values())
        return self._once((r, "effort"),
                          AllocateEffort(shares={k: v / total for k, v in shares.items()}))

    @staticmethod
    def _forecast(view: TraineeView) -> float:
        last = (view.kpis or view.history)[-1]
        pop_revenue = last.revenue - last.key_account_revenue
        pipeline = 0.0
        for acc in view.accounts:
            c = acc.contract
            if c is not None and acc.status == "won":
                left = c.units - c.delivered
                pipeline += min(left, c.units / 2) * c.unit_price
        return pop_revenue + pipeline

    def _maintenance(self, view: TraineeView) -> Action | None:
        act = self._attend(view)
        if act:
            return act
        r = view.round
        effort = view.brief.economics.effort
        for acc in view.accounts:
            if acc.status == "won" and view.effort_left >= effort.visit:
                act = self._once((r, "visit", acc.id), Visit(account=acc.id))
                if act:
                    return act
                if (acc.satisfaction or 0.0) > UPSELL_SATISFACTION and view.effort_left >= effort.upsell:
                    act = self._once(("upsell", acc.id), Upsell(account=acc.id))
                    if act:
                        return act
        if view.effort_left >= effort.survey:
            return self._once((r, "survey"), SatisfactionSurvey(segment=self._weakest_segment(view)))
        return None
