"""Synthetic trainees: players of known skill, for measuring whether the scores measure skill.

A synthetic trainee has a latent skill vector theta — one component per area of the sales
process, each in 0..1 — and plays from the trainee view as a person of that skill would, with
chance in everything it does: how much it researches and whether it reads what it learns, how it
forecasts and how far off it is, how it splits its field effort, how hard it bargains and how its
concessions run, how soon it answers complaints, incidents and warnings, whether it checks credit,
whether it keeps its word. It is written from what a rep sees and does, not from how the rubric
scores: it never reads the assessment package (an import contract checks that).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from game.bots.policy import Manner, dilemma_answer
from game.engine.actions import (
    AcceptOffer,
    Action,
    AllocateEffort,
    AmendContract,
    AskQuestion,
    CreditCheck,
    DataAnalysis,
    DeclineContract,
    EndPhase,
    Expedite,
    InformCustomer,
    Interview,
    MakeOffer,
    MarketResearch,
    PresentValue,
    Pursue,
    Questionnaire,
    RequestAuthority,
    ResolveComplaint,
    ResolveDilemma,
    RespondToRisk,
    RunWeeks,
    SatisfactionSurvey,
    SelectTargets,
    SetChannel,
    SetForecast,
    SetPrice,
    SignContract,
    Visit,
    WalkAway,
)
from game.engine.view_models import NegotiationView, TraineeView, Value
from game.negotiation.moves import estimated_values, trades_to, within_authority
from game.scenario.economics import WEAK_RATINGS
from game.scenario.models import Channel
from game.sim.rng import stream

SKILLS: tuple[str, ...] = (
    "customer-analysis",
    "planning-forecasting",
    "negotiation-quoting",
    "contract-risk",
    "relationship-satisfaction",
    "data-driven",
    "professionalism-ethics",
)
"""The areas of the sales process a synthetic trainee has a skill in (the rubric's competencies)."""


def _p(skill: float) -> float:
    """How often a person of ``skill`` does the right thing when the occasion comes: rarely
    below the middle, mostly above it, with chance in between."""
    return 1.0 / (1.0 + math.exp(-10.0 * (skill - 0.5)))


def draw_theta(rng: np.random.Generator, correlation: float = 0.0) -> dict[str, float]:
    """A trainee's skills, each uniform on 0..1: independent, or with ``correlation`` (0..1)
    the correlation of the normal scores behind them (one common factor: a person able in one
    area tends to be able in the others)."""
    if correlation == 0.0:
        return {s: float(rng.uniform()) for s in SKILLS}
    if not 0.0 < correlation < 1.0:
        raise ValueError(f"a skill correlation is between 0 and 1, not {correlation}")
    common = float(rng.standard_normal())
    own = rng.standard_normal(len(SKILLS))
    z = math.sqrt(correlation) * common + math.sqrt(1.0 - correlation) * own
    return {s: 0.5 * (1.0 + math.erf(float(x) / math.sqrt(2.0))) for s, x in zip(SKILLS, z, strict=True)}


@dataclass(frozen=True)
class Workplace:
    """What the rep's employer asks of it, as the rep knows it (the manager track sets it; a rep
    on its own works under the default, which changes nothing)."""

    pull: float = 0.0
    """How its pay pulls it, -1..1: toward volume (+1, paid on revenue: it discounts and closes
    sooner) or toward margin (-1: it holds price)."""
    max_discount: float | None = None
    """The deepest discount a team standard lets it give (None: its authority)."""
    check_credit: bool = False
    """A team standard: every drafted contract has its credit checked first."""
    forecast_review: float = 0.0
    """The share of its habitual forecast lean that the manager's pipeline reviews take out (a
    reviewed rep always forecasts: the review needs one)."""


@dataclass
class _Talks:
    """What the trainee keeps in mind about one negotiation."""

    questions_planned: int = 0
    timeline_asked: bool = False
    reads_deadline: bool | None = None
    asked: int = 0
    offers: list[dict[str, Value]] = field(default_factory=list)
    requests: int = 0
    moved_since_request: bool = False
    value_decided: bool = False
    done: bool = False


class SyntheticTrainee:
    """A player of skill ``theta``; ``seed`` drives its own chance (never the game's)."""

    def __init__(self, theta: Mapping[str, float], seed: int, label: str = "",
                 workplace: Workplace | None = None) -> None:
        missing = [s for s in SKILLS if s not in theta]
        if missing:
            raise ValueError(f"theta lacks {', '.join(missing)}")
        self.theta = {s: float(min(1.0, max(0.0, theta[s]))) for s in SKILLS}
        self.name = f"synthetic{label}"
        self.rng = stream(seed, f"trainee:{label}")
        self.rng_reading = stream(seed, f"trainee:{label}:reading")  # how it misreads figures
        self._done: set[tuple] = set()
        self._talks: dict[str, _Talks] = {}
        self._chosen: dict[int, list[str]] = {}  # round -> the segments it targets
        self._seen: dict[tuple, int] = {}  # problem -> week first seen
        self._slack: dict[tuple, int] = {}  # problem -> weeks this trainee lets it wait
        self.workplace = workplace or Workplace()
        self._style = self._habits()

    def learn(self, skill: str, gain: float) -> None:
        """Grow ``skill`` by ``gain`` (capped at 1): its habits follow the new skill."""
        self.theta[skill] = float(min(1.0, max(0.0, self.theta[skill] + gain)))
        self._style = self._habits()

    def _habit_key(self) -> str:
        """What its habits' chance is drawn from: the person (label and skills)."""
        t = self.theta
        return "habits:" + self.name + ":" + ",".join(f"{t[s]:.6f}" for s in SKILLS)

    # ------------------------------------------------------------------ habits

    def _habits(self) -> dict[str, float]:
        """Fixed traits of this person, drawn once: they make a trainee the same across games,
        so they come from the person (label and skills), never from the game's seed."""
        t = self.theta
        r = stream(0, self._habit_key())
        a, p, n = t["customer-analysis"], t["planning-forecasting"], t["negotiation-quoting"]
        return {
            # how far its forecasts miss, as a lognormal spread, and its lean (optimism)
            "forecast_sd": 0.04 + 0.55 * (1 - p) ** 1.5,
            "forecast_bias": float(r.normal(0.0, 0.35 * (1 - p))),
            # how strongly it concentrates effort on the segments it chose
            "focus": 0.15 + 0.75 * p,
            # the least profit it will settle for, as a share of its best deal
            "floor": 0.1 + 0.7 * n,
            # the shape of its concessions: below 1 front-loads them (steps that shrink)
            "curve": 2.2 - 1.8 * n,
            # how much of the way to its floor it gives before the first offer: a timid
            # negotiator opens near what it would settle for, a skilled one anchors high
            "timid": float(r.uniform(0.3, 0.8)) * (1 - _p(n)),
            # questions it asks before quoting
            "questions": 2.4 * a,
        }

    def _chance(self, p: float) -> bool:
        return bool(self.rng.uniform() < p)

    def _once(self, key: tuple) -> bool:
        if key in self._done:
            return False
        self._done.add(key)
        return True

    # ------------------------------------------------------------------ turn

    def next_action(self, view: TraineeView) -> Action:
        for d in view.dilemmas:
            if d.status == "open" and self._once(("dilemma", d.id)):
                # a professional turns an improper request down; others take what it offers
                manner: Manner = "straight" if self._chance(_p(self.theta["professionalism-ethics"])) \
                    else "gain"
                choice = dilemma_answer(d, manner, view.effort_left)
                if choice is not None:
                    return ResolveDilemma(dilemma=d.id, choice=choice)
        handler = getattr(self, f"_{view.phase}", None)
        action = handler(view) if handler is not None else None
        return action if action is not None else EndPhase()

    # ------------------------------------------------------------------ analysis

    def _targets(self, view: TraineeView) -> list[str]:
        """The segments it sets out to win, chosen once a round from the last figures it has
        (last round's, else the territory's quarter before it). An able analyst weighs what is
        still to win there — what we earn, less the part of the segment's buyers already ours;
        a weaker one goes by size alone, and misreads the figures more."""
        chosen = self._chosen.get(view.round)
        if chosen is not None:
            return chosen
        a = self.theta["customer-analysis"]
        market = view.brief.market
        last = view.last_figures
        value = {}
        for s in market.segments:
            found = last.get(s.id)
            size = (found.revenue if found is not None and found.revenue > 0
                    else s.share * view.brief.product(s.product).list_price)
            buyers = market.customers * s.share
            ours = min(1.0, found.customers / buyers) if found is not None and buyers > 0 else 0.0
            misread = math.exp(float(self.rng_reading.normal(0.0, 0.8 * (1.0 - a))))
            value[s.id] = size * (1.0 - ours) ** _p(a) * misread
        k = max(1, len(market.segments) // 2)
        chosen = sorted(value, key=lambda s: -value[s])[:k]
        self._chosen[view.round] = chosen
        return chosen

    def _analysis(self, view: TraineeView) -> Action | None:
        r, t = view.round, self.theta
        a, d = t["customer-analysis"], t["data-driven"]
        research = view.brief.company.research
        targets = self._targets(view)
        others = [s.id for s in view.brief.market.segments if s.id not in targets]
        reserve = 2.0 + sum(1.0 for acc in view.accounts if acc.opportunity_round == r)
        steps: list[tuple[tuple, float, Action, float]] = []
        for acc in view.accounts:  # the accounts on the table now; a less able one looks ahead
            if acc.status == "prospect" and acc.opportunity_round <= r:
                steps.append(((acc.id, "interview"), _p(a), Interview(account=acc.id),
                              research.interview.effort))
            elif acc.status == "prospect" and acc.opportunity_round == r + 1:
                steps.append(((acc.id, "interview"), 0.6 * (1 - _p(a)), Interview(account=acc.id),
                              research.interview.effort))
        if r == 1 or view.knowledge.market is None:
            steps.append(((r, "market"), 0.3 + 0.7 * _p(a), MarketResearch(), research.market_research.effort))
        for s in targets:
            steps.append(((r, "q", s), _p(a), Questionnaire(segment=s),
                          research.questionnaire.effort))
            steps.append(((r, "data", s), _p(d), DataAnalysis(segment=s),
                          research.data_analysis.effort))
        for s in others:  # a less skilled analyst spreads its research
            steps.append(((r, "q", s), 0.6 * (1 - _p(a)), Questionnaire(segment=s),
                          research.questionnaire.effort))
            steps.append(((r, "data", s), 0.5 * (1 - _p(d)), DataAnalysis(segment=s),
                          research.data_analysis.effort))
        for key, p, action, effort in steps:
            if key in self._done:
                continue
            self._done.add(key)
            if view.effort_left - effort >= reserve and self._chance(p):
                return action
        accounts = [acc.id for acc in view.accounts
                    if acc.status == "prospect" and acc.opportunity_round <= r]
        if self._once((r, "targets")):
            return SelectTargets(segments=targets, accounts=accounts)
        return None

    # ------------------------------------------------------------------ planning

    def _forecast(self, view: TraineeView) -> float:
        """Last round's small-customer revenue and the contracts due this round, with this
        person's error."""
        last = (view.kpis or view.history)[-1]
        base = max(0.0, last.revenue - last.key_account_revenue)
        weeks = view.brief.weeks_per_round
        pipeline = 0.0
        for acc in view.accounts:
            c = acc.contract
            if c is not None and acc.status == "won":
                left = max(0.0, c.units - c.delivered)
                span = max(1, c.end_week - view.week)
                pipeline += left * min(1.0, weeks / span) * c.unit_price
        exact = base + pipeline
        s = self._style
        lean = s["forecast_bias"] * (1.0 - self.workplace.forecast_review)
        return max(0.0, exact * math.exp(lean + float(self.rng.normal(0, s["forecast_sd"]))))

    def _planning(self, view: TraineeView) -> Action | None:
        r, t = view.round, self.theta
        p, d = t["planning-forecasting"], t["data-driven"]
        reviewed = self.workplace.forecast_review > 0  # a reviewed rep has a forecast to show
        if self._once((r, "forecast")) and (reviewed or self._chance(_p(p))):
            return SetForecast(revenue=round(self._forecast(view), 2))
        targets = self._targets(view)
        authority = view.brief.company.discount_authority
        market = view.knowledge.market
        for seg in view.brief.market.segments:
            if not self._once((r, "price", seg.id)):
                continue
            data = view.knowledge.segments.get(seg.id)
            analysis = data.data_analysis if data is not None else None
            fresh = analysis is not None and analysis.round == r
            at_risk = (analysis.at_risk_share.mean or 0.0) if fresh and analysis else 0.0
            follow = fresh and self._chance(_p(d))
            if not (follow or self._chance(_p(p))):
                continue
            product = view.brief.product(seg.product)
            gap = 0.0
            if market is not None:
                rivals = [c.prices[seg.id].mean for c in market.competitors.values()
                          if seg.id in c.prices and c.prices[seg.id].mean is not None]
                if rivals:
                    gap = max(0.0, 1.0 - min(rivals) / product.list_price)
            # a planner matches part of the rivals' gap; a poor one guesses
            discount = gap * (0.3 + 0.3 * p) + float(self.rng.normal(0, 0.06 * (1 - p)))
            now = view.plan.discounts.get(seg.id, 0.0)
            if follow:
                discount = max(discount, now + 0.02) if at_risk > 0.2 else min(discount, now)
            discount = float(np.clip(round(self._pulled(discount, authority), 2), 0.0,
                                      self._most(authority)))
            return SetPrice(segment=seg.id, discount=discount)
        for seg in view.brief.market.segments:
            if self._once((r, "channel", seg.id)) and self._chance(_p(p)):
                return SetChannel(segment=seg.id, channel=self._channel(view, seg.id))
        if self._once((r, "effort")) and self._chance(_p(p)):
            return AllocateEffort(shares=self._effort(view, targets))
        return None

    def _pulled(self, discount: float, authority: float) -> float:
        """A discount as its pay pulls it: toward its authority when paid on revenue, toward
        list price when paid on margin."""
        pull = self.workplace.pull
        if pull > 0:
            return discount + 0.5 * pull * max(0.0, authority - discount)
        return discount * (1.0 + 0.5 * pull)

    def _most(self, authority: float) -> float:
        """The deepest discount it may give: its authority, or a team standard's cap."""
        cap = self.workplace.max_discount
        return authority if cap is None else min(authority, cap)

    def _channel(self, view: TraineeView, segment: str) -> str:
        """The channel with the best reach for its fee, judged roughly by a less able planner."""
        p = self.theta["planning-forecasting"]
        product = view.brief.product(view.brief.segment(segment).product)
        margin = 1.0 - product.unit_cost / product.list_price

        def worth(c: Channel) -> float:
            return math.log(c.reach) + 4 * (margin - c.fee)

        noise = 0.8 * (1 - p)
        channels = view.brief.company.channels
        return max(channels, key=lambda c: worth(c) + float(self.rng.normal(0, noise))).id

    def _effort(self, view: TraineeView, targets: list[str]) -> dict[str, float]:
        segs = [s.id for s in view.brief.market.segments]
        focus = self._style["focus"]
        weights = {s: (1.0 + 6.0 * focus if s in targets else 1.0) for s in segs}
        for s in segs:
            data = view.knowledge.segments.get(s)
            a = data.data_analysis if data is not None else None
            if a is not None and a.round == view.round and (a.at_risk_share.mean or 0) > 0.2 \
                    and self._chance(_p(self.theta["data-driven"])):
                weights[s] *= 1.5
            weights[s] *= float(self.rng.uniform(0.8, 1.2))
        total = sum(weights.values())
        shares = {s: round(w / total, 4) for s, w in weights.items()}
        top = max(shares, key=lambda s: shares[s])  # rounding must not break the 100 % the
        shares[top] = round(1.0 - sum(v for s, v in shares.items() if s != top), 6)  # plan needs
        return shares

    # ------------------------------------------------------------------ negotiation

    def _negotiation(self, view: TraineeView) -> Action | None:
        for acc in view.accounts:
            if acc.id in view.opportunities and view.effort_left >= 1.5 and self._once(("pursue", acc.id)):
                return Pursue(account=acc.id)
        for account, nv in view.negotiations().items():
            if nv.status != "open":
                continue
            talks = self._talks.setdefault(account, _Talks(
                questions_planned=int(self.rng.poisson(self._style["questions"]))))
            if talks.done:
                continue
            action = self._bargain(view, nv, talks)
            if action is not None:
                return action
            talks.done = True  # leaves the talks hanging for good: the game ends them
        return None

    def _bargain(self, view: TraineeView, nv: NegotiationView, talks: _Talks) -> Action | None:
        a, n, e = (self.theta[k] for k in ("customer-analysis", "negotiation-quoting",
                                            "professionalism-ethics"))
        account = nv.account
        if not nv.offers and not talks.timeline_asked and self._chance(_p(n)):
            talks.timeline_asked = True  # a negotiator wants to know how long it has
            return AskQuestion(account=account, topic="timeline")
        if not nv.offers and talks.asked < min(3, talks.questions_planned):
            talks.asked += 1
            topics = ["needs", "priorities", "budget", "timeline", "competitors"]
            topic = topics[0] if talks.asked == 1 else str(self.rng.choice(topics[1:3] if a > 0.5 else topics))
            return AskQuestion(account=account, topic=topic)
        if not nv.offers and not talks.value_decided:
            talks.value_decided = True
            pitch = self._value_pitch(nv)
            if pitch is not None:
                return pitch
        profits = np.array(nv.own_profit)
        allowed = self._within(nv, self._most(nv.authority))
        best = float(profits[allowed].max()) if allowed.any() else 0.0
        if best <= 0:
            return WalkAway(account=account)
        t = len([o for o in nv.offers if o.who == "trainee"])
        horizon = max(2, min(nv.max_rounds - 1, self._deadline(view, nv, talks) - 1))
        # the least it settles for: a skilled negotiator reads the customer's offers and holds
        # out for much of the gap between them and its own best; a novice settles low
        offered = [nv.profit_of(o.offer) for o in nv.offers if o.who == "customer"]
        their_best = max(offered) if offered else 0.0
        pull = self.workplace.pull  # pay on revenue settles lower; pay on margin holds out
        hold = self._style["floor"] * (1.0 - 0.6 * pull if pull > 0 else 1.0 - 0.3 * pull)
        floor = max(0.02 * best, their_best + (best - their_best) * 0.7 * min(1.0, hold))
        timid = self._style["timid"]
        target = best - (best - floor) * (
            timid + (1 - timid) * min(1.0, t / horizon) ** self._style["curve"])
        if t >= 2 and self._chance(0.12 * (1 - _p(e))):
            talks.done = True  # loses interest and leaves the talks hanging
            return None
        theirs = nv.customer_last_offer
        # reading the tone: within one step of the reading (0.1) of the line where the customer
        # walks out, a skilled negotiator stops pushing; it takes a counter that pays or meets
        # the customer half-way, and does not stall
        strained = bool(nv.offers) and nv.trust <= nv.walk_away_below + 0.1 \
            and self._chance(_p(n))
        if strained:
            target = max(their_best, (target + their_best) / 2)
        # an offer above the authority held cannot be taken (the engine refuses it, as it would
        # a trainee): the rep asks the manager or counters instead
        takeable = theirs is not None and \
            within_authority(float(theirs.get("price", 0.0)), self._most(nv.authority))
        if theirs is not None and takeable:
            got = nv.profit_of(theirs)
            eager = 0.7 * (1 - _p(n)) + 0.3 * max(0.0, self.workplace.pull)
            late = t >= horizon - 1 and got > 0
            if got >= target - 1e-9 or late or (strained and got > 0) \
                    or (got > 0.05 * best and self._chance(eager)):
                return AcceptOffer(account=account)
        if t >= horizon or nv.round >= nv.max_rounds - 1:
            # out of time: a negotiator still worth a deal meets the customer as far as its
            # authority lets it, on terms that keep a profit; then a professional closes clearly
            # and others leave it
            if theirs is not None and not takeable and nv.round < nv.max_rounds - 1 \
                    and self._chance(_p(n)):
                final = self._final_offer(nv, theirs, talks)
                if final is not None:
                    talks.offers.append(final)
                    return MakeOffer(account=account, offer=final)
            if self._chance(_p(e)):
                if theirs is not None and takeable and nv.profit_of(theirs) > 0:
                    return AcceptOffer(account=account)
                return WalkAway(account=account)
            return None
        # an unprofessional habit: asking the manager early, or again after a refusal
        wants_more = theirs is not None and not within_authority(float(theirs.get("price", 0.0)), nv.authority)
        if nv.authority < min(nv.manager_authority, self._most(1.0)) - 1e-9 and talks.requests < 3:
            refused = any(not r.granted for r in nv.authority_requests)  # the manager said no
            proper = wants_more and talks.moved_since_request and t >= 2 and not refused
            sloppy = self._chance(0.4 * (1 - _p(e)))
            if (proper and self._chance(_p(e))) or sloppy:
                talks.requests += 1
                talks.moved_since_request = False
                ask = min(nv.manager_authority, nv.authority + 0.05, self._most(1.0))
                if sloppy and self._chance(0.5):
                    ask = min(0.95, nv.manager_authority + 0.05)
                return RequestAuthority(account=account, discount=round(ask, 2))
        if talks.offers and not strained and self._chance(0.5 * (1 - _p(e))):
            return MakeOffer(account=account, offer=dict(talks.offers[-1]))  # stalls
        offer = self._choose_offer(view, nv, target, talks)
        talks.offers.append(offer)
        talks.moved_since_request = True
        return MakeOffer(account=account, offer=offer)

    def _final_offer(self, nv: NegotiationView, theirs: dict[str, Value],
                     talks: _Talks) -> dict[str, Value] | None:
        """The customer's own last terms with the price at the most the rep may give, if that
        keeps a profit and was not offered before (None otherwise)."""
        prices = [p for p in nv.issues.get("price", ())
                  if within_authority(float(p), self._most(nv.authority))]
        if not prices:
            return None
        offer = dict(theirs)
        offer["price"] = max(prices, key=float)
        if nv.profit_of(offer) <= 0 or offer in talks.offers:
            return None
        return offer

    def _value_pitch(self, nv: NegotiationView) -> PresentValue | None:
        """Selling value before quoting (CW-30, CW-31), more often the better a negotiator: on
        the aspect it heard matters most when its customer-analysis skill lets it use what it
        heard, else on an aspect of its own choosing."""
        a, n = self.theta["customer-analysis"], self.theta["negotiation-quoting"]
        if not self._chance(_p(n)):
            return None
        aspects = [k for k in nv.issues if k != "price"]
        if not aspects:
            return None
        heard = {k: w for k, w in self._heard(nv).items() if k in aspects}
        if heard and self._chance(_p(a)):
            aspect = max(sorted(heard), key=lambda k: heard[k])
        else:
            aspect = str(self.rng.choice(aspects))
        return PresentValue(account=nv.account, aspect=aspect)

    def _deadline(self, view: TraineeView, nv: NegotiationView, talks: _Talks) -> int:
        """The offers the customer will hear, as far as this negotiator has learned and heeds it
        (the meeting's limit when it does not know or does not pace itself by it)."""
        if talks.reads_deadline is None:
            talks.reads_deadline = self._chance(_p(self.theta["negotiation-quoting"]))
        if not talks.reads_deadline:
            return nv.max_rounds
        said = nv.learned.get("timeline")
        if said is not None and said.deadline_rounds is not None and said.deadline_rounds.mean:
            return max(2, int(said.deadline_rounds.mean))
        interview = view.knowledge.accounts.get(nv.account)
        return interview.deadline if interview is not None else nv.max_rounds

    def _within(self, nv: NegotiationView, authority: float) -> np.ndarray:
        prices = nv.issues.get("price", (0.0,))
        sizes = [len(v) for v in nv.issues.values()]
        ok = np.ones(int(np.prod(sizes)), dtype=bool)
        if "price" in nv.issues:
            col = list(nv.issues).index("price")
            stride = int(np.prod(sizes[col + 1:]))
            idx = (np.arange(ok.size) // stride) % sizes[col]
            allowed = np.array([within_authority(float(p), authority) for p in prices])
            ok &= allowed[idx]
        return ok

    def _choose_offer(self, view: TraineeView, nv: NegotiationView, target: float,
                      talks: _Talks) -> dict[str, Value]:
        """An offer near ``target`` profit: a skilled negotiator shapes it on the terms the
        customer said matter and moves on several terms; a novice moves the price alone."""
        a, n = self.theta["customer-analysis"], self.theta["negotiation-quoting"]
        profits = np.array(nv.own_profit)
        ok = self._within(nv, self._most(nv.authority))
        # an opening shaped for the customer gives a little of the target away
        give = 0.12 * float(profits[ok].max()) if not talks.offers else 0.0
        band = np.flatnonzero(ok & (profits >= target - give - 1e-9))
        if band.size == 0:
            band = np.flatnonzero(ok)
        last = talks.offers[-1] if talks.offers else None
        at = nv.index_of(last) if last is not None else -1
        if last is not None and band.size > 1:  # a new offer, not the last one again
            band = band[band != at]
        sizes = [len(v) for v in nv.issues.values()]
        rows = np.stack(np.unravel_index(band, sizes), axis=1)  # each candidate's option per issue
        if last is not None and not self._chance(_p(n)):
            # price only: keep the other terms, pick the price that meets the target best
            kept = np.array(np.unravel_index(at, sizes))
            others = [c for c, issue in enumerate(nv.issues) if issue != "price"]
            same = band[(rows[:, others] == kept[others]).all(axis=1) & (band != at)]
            if same.size:
                return nv.offer_at(int(same[int(np.argmin(np.abs(profits[same] - target)))]))
        read = self._chance(_p(a))
        heard = self._heard(nv) if read else {}
        if not heard:  # nothing learned (or not read): the usual wishes of a buyer, evenly
            heard = {k: 1.0 / len(nv.issues) for k in nv.issues if k != "price"}
        if last is not None and self._chance(_p(n)):
            # a negotiator gives only for something in return: among its candidates it keeps the
            # moves that trade, as far as it can tell what the customer values
            needs = nv.learned.get("needs")
            ideal = needs.ideal if read and needs is not None and needs.ideal else None
            trading = trades_to(nv.issues, estimated_values(nv.issues, ideal), last, rows)
            if trading.any():
                band, rows = band[trading], rows[trading]
        scale = max(1e-9, float(np.abs(profits).max()))
        # the opening is shaped for the customer within its give; later moves keep to the plan
        pace = 4.0 if last is None else 12.0
        column = {issue: c for c, issue in enumerate(nv.issues)}
        gift = np.zeros(band.size)
        for issue, w in heard.items():  # what each candidate gives, as the rep judges it
            gives = np.array([self._gives(nv, issue, v, heard) for v in nv.issues[issue]])
            gift = gift + w * gives[rows[:, column[issue]]]
        near = np.abs(profits[band] - target) / scale
        scores = gift - pace * near + self.rng.uniform(0, 1e-3, size=band.size)
        return nv.offer_at(int(band[int(np.argmax(scores))]))

    def _heard(self, nv: NegotiationView) -> dict[str, float]:
        """What the customer said matters, as weights per issue (empty: nothing learned)."""
        out: dict[str, float] = {}
        pri = nv.learned.get("priorities")
        if pri is not None and pri.weights:
            out = {k: float(v.mean or 0.0) for k, v in pri.weights.items() if k in nv.issues}
        needs = nv.learned.get("needs")
        if needs is not None and needs.top_issues:
            for k, issue in enumerate(needs.top_issues):
                if issue in nv.issues:
                    out[issue] = out.get(issue, 0.0) + (0.5 if k == 0 else 0.3)
        return out

    def _gives(self, nv: NegotiationView, issue: str, value: Value, heard: dict[str, float]) -> float:
        """How much ``value`` gives the customer on ``issue`` against the company's standard."""
        values = nv.issues[issue]
        k = values.index(value)
        mid = values.index(nv.standard_terms[issue]) if issue in nv.standard_terms else 0
        needs = nv.learned.get("needs")
        if needs is not None and needs.ideal and issue in needs.ideal:
            want = values.index(needs.ideal[issue]) if needs.ideal[issue] in values else mid
            return float(abs(mid - want) - abs(k - want))
        direction = {"price": 1, "delivery_weeks": -1, "payment_days": 1, "volume": 0}.get(issue)
        if direction is None:  # a service level or training: more is better for the customer
            direction = 1
        return float(direction * (k - mid))

    # ------------------------------------------------------------------ contract

    def _contract(self, view: TraineeView) -> Action | None:
        c, e = self.theta["contract-risk"], self.theta["professionalism-ethics"]
        for acc in view.accounts:
            if acc.status != "agreed":
                continue
            if not acc.credit_checked and view.effort_left >= 1 and self._once(("check?", acc.id)) \
                    and (self.workplace.check_credit or self._chance(_p(c))):
                return CreditCheck(account=acc.id)
            weak = acc.credit_rating in WEAK_RATINGS
            if weak and self._once(("advance", acc.id)) and self._chance(_p(c)):
                return AmendContract(account=acc.id, clause="advance_payment", value=0.3)
            if acc.credit_rating == "CCC" and self._once(("ccc", acc.id)) and self._chance(_p(c)):
                return DeclineContract(account=acc.id)
            if self._once(("decide", acc.id)):
                if self._chance(0.4 * (1 - _p(e))):
                    return DeclineContract(account=acc.id)  # goes back on its word
                if self._chance(0.3 * (1 - _p(e))):
                    continue  # lets it lapse
                return SignContract(account=acc.id)
        return None

    # ------------------------------------------------------------------ problems

    def _waited(self, key: tuple, view: TraineeView, skill: float) -> bool:
        """Whether this person gets to a problem first seen now or earlier: a skilled one at once,
        others after some weeks or never."""
        if key not in self._seen:
            self._seen[key] = view.week
            never = self._chance(0.5 * (1 - _p(skill)))
            self._slack[key] = 10**6 if never else int(self.rng.geometric(0.1 + 0.9 * _p(skill))) - 1
        return view.week - self._seen[key] >= self._slack[key]

    def _attend(self, view: TraineeView) -> Action | None:
        s, e, c = (self.theta[k] for k in ("relationship-satisfaction", "professionalism-ethics",
                                            "contract-risk"))
        for inc in view.incidents:
            if not self._waited(("incident", inc.id), view, s) or not self._once(("handle", inc.id)):
                continue
            acc = view.account(inc.account)
            value = 0.0 if acc.contract is None else acc.contract.value
            if value > 20 * view.brief.fulfilment.expedite_cost or view.effort_left < 0.25:
                return Expedite(incident=inc.id)
            return InformCustomer(incident=inc.id)
        for comp in view.complaints:
            if view.effort_left >= 0.5 and self._waited(("complaint", comp.id), view, s) \
                    and self._once(("resolve", comp.id)):
                return ResolveComplaint(complaint=comp.id)
        for risk in view.risks:
            over = risk.status == "struck" and risk.end_week is not None \
                and risk.end_week <= view.week  # run its course: nothing left to answer
            if risk.response is not None or over or not self._waited(("risk", risk.id), view, c):
                continue
            spec = view.brief.risk(risk.risk)
            options = [o for o in spec.responses if o.effort <= view.effort_left]
            if options and self._once(("respond", risk.id)):
                best = max(options, key=lambda o: o.mitigation - o.cost / 1e5
                           + float(self.rng.normal(0, 0.3 * (1 - c))))
                return RespondToRisk(strike=risk.id, response=best.id)
        return None

    def _fulfilment(self, view: TraineeView) -> Action | None:
        act = self._attend(view)
        if act is not None:
            return act
        if view.week < view.round_end_week:
            waiting = view.incidents or view.complaints or any(r.response is None for r in view.risks)
            return RunWeeks(weeks=1) if waiting else RunWeeks()
        return None

    def _maintenance(self, view: TraineeView) -> Action | None:
        act = self._attend(view)
        if act is not None:
            return act
        s, r = self.theta["relationship-satisfaction"], view.round
        for acc in view.accounts:
            if acc.status == "won" and view.effort_left >= 1 and self._once((r, "visit", acc.id)) \
                    and self._chance(_p(s)):
                return Visit(account=acc.id)
        for seg in self._targets(view):
            if view.effort_left >= 1 and self._once((r, "survey", seg)) and self._chance(_p(s)):
                return SatisfactionSurvey(segment=seg)
        return None

    def _risk(self, view: TraineeView) -> Action | None:
        return self._attend(view)

    def _briefing(self, view: TraineeView) -> Action | None:
        return self._attend(view)
