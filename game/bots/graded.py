"""Reps of graded skill — novice, intermediate, expert — for the validity lab.

Each tier is one ``Style``: what the rep does in every phase, from the trainee view alone (the
public brief, its research, its negotiations' own views and answers, its own figures). The
novice skips research, quotes before asking, concedes on price only, signs without checks and
leaves problems unanswered; the intermediate does most things, some of them late or broadly;
the expert does each well: researches its targets, plans from data, trades across issues with
shrinking concessions, checks and protects contracts, answers every problem at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from game.bots.policy import Conduct, Manner, Rep
from game.bots.reading import (
    TOL,
    Move,
    Offer,
    claims,
    column,
    deadline_guess,
    deepest_within,
    discounts,
    estimated_customer_utilities,
    grid,
    issue_values,
    needs_authority,
    offers_made,
    own_reservation,
    own_utility,
    refused_from,
    standard_offer,
    standard_option,
    stated_top_issues,
    stated_weights,
    within_reach,
)
from game.engine.actions import (
    AcceptOffer,
    Action,
    AllocateEffort,
    AskQuestion,
    DataAnalysis,
    Interview,
    MakeOffer,
    MarketResearch,
    PresentValue,
    Questionnaire,
    RequestAuthority,
    SatisfactionSurvey,
    SelectTargets,
    SetChannel,
    SetForecast,
    SetPrice,
    Upsell,
    Visit,
    WalkAway,
)
from game.engine.outlook import best_terms, round_coverage, segment_outlook
from game.engine.potential import best_split, market_potentials
from game.engine.view_models import DataAnalysis as Analysis
from game.engine.view_models import NegotiationView, RoundKpis, TraineeView
from game.negotiation import moves
from game.scenario import option_values
from game.sim.rng import stream

AT_RISK = 0.15  # share of a segment's customers at risk of churning that calls for action
SHOCK_GUESS = 0.2  # the dip in demand an expert expects from a warned demand shock ...
SHOCK_WEEKS = 4  # ... and for how long
UPSELL_SATISFACTION = 0.75  # an expert offers more only to an account this satisfied
AT_RISK_BOOST = 1.5  # the weight an expert's effort plan adds to a segment found at risk
HURDLE = 0.05  # the least gain the outlook must promise before prices or channels change


# --------------------------------------------------------------------------- negotiating


class StepPricer:
    """Standard terms, a small discount, then one more price step per offer; asks the manager as
    soon as the next step needs it; accepts any counter that still makes money; at its limit it
    repeats its last offer until the customer accepts or time runs out."""

    def __init__(self, opening: float = 0.05) -> None:
        self.opening = opening

    def opening_price(self, nv: NegotiationView) -> float:
        return min((float(d) for d in nv.issues["price"]), key=lambda d: abs(d - self.opening))

    def next_move(self, nv: NegotiationView, rng: np.random.Generator) -> Move:
        made = offers_made(nv)
        counter = nv.customer_last_offer
        allowed = within_reach(nv)
        if counter is not None and len(made) >= 2 and own_utility(nv, counter) >= own_reservation(nv):
            if not needs_authority(nv, counter):
                return AcceptOffer(account=nv.account)
            if allowed[nv.index_of(counter)]:
                return RequestAuthority(account=nv.account, discount=float(counter["price"]))
        prices = sorted(float(d) for d in nv.issues["price"])
        if not made:
            price = self.opening_price(nv)
        else:
            higher = [d for d in prices if d > float(made[-1]["price"]) + TOL]
            price = higher[0] if higher else float(made[-1]["price"])
        offer = standard_offer(nv, price)
        if needs_authority(nv, offer):
            if allowed[nv.index_of(offer)]:
                return RequestAuthority(account=nv.account, discount=price)
            offer = standard_offer(nv, deepest_within(nv, nv.authority))
        return MakeOffer(account=nv.account, offer=offer)  # at its limit it holds the same offer


OBJECTION_ANSWERS = 2  # price objections an expert answers with value in one negotiation


def heard_issues(nv: NegotiationView) -> list[str]:
    """The issues the customer said matter most: those it named among its needs, and the two its
    stated priorities weigh most."""
    named = stated_top_issues(nv)
    means = stated_weights(nv)
    named += [i for i in option_values.stated_top_issues(means) if i not in named]
    return [i for i in named if i in nv.issues]


def favouring_heard(nv: NegotiationView) -> np.ndarray:
    """Per outcome: whether it gives the customer more than standard terms on an issue the
    customer said matters most — what an offer that used the answers looks like."""
    tables = issue_values(nv)
    g = grid(nv)
    out = np.zeros(g.shape[0], dtype=bool)
    for issue in heard_issues(nv):
        table = tables[issue]
        out |= table[g[:, column(nv, issue)]] > table[standard_option(nv, issue)] + 1e-12
    return out


def value_aspect(nv: NegotiationView) -> str | None:
    """The issue other than price the customer said matters most (None: it has said nothing
    that names one): the first of what it named among its needs, else its stated priorities'
    top."""
    heard = [i for i in heard_issues(nv) if i != "price"]
    return heard[0] if heard else None


def value_move(nv: NegotiationView, mode: Literal["never", "pitch", "answer"]) -> Move | None:
    """Selling value (CW-30, CW-31): once the customer has said what matters to it, present the
    product's value on that aspect before the first offer; with ``"answer"``, also answer its
    price objections with that value while the first pitch found interest."""
    if mode == "never" or nv.status != "open":
        return None
    aspect = value_aspect(nv)
    if aspect is None:
        return None
    if not nv.value_presented:
        if offers_made(nv):
            return None
        return PresentValue(account=nv.account, aspect=aspect)
    if mode != "answer" or not nv.objection or nv.value_presented[0].reply != "interested":
        return None
    answered = sum(1 for p in nv.value_presented if p.answer_objection)
    if answered >= OBJECTION_ANSWERS:
        return None
    return PresentValue(account=nv.account, aspect=nv.value_presented[0].aspect,
                        answer_objection=True)


class Packager:
    """Asks before quoting, then offers the package the customer should like best (from what it
    said) among those still giving the company its aim; the aim falls from ``opening`` to
    ``floor`` of the room, faster early when ``exponent`` < 1 (shrinking concessions). With
    ``package_moves`` it prefers moves that give on one term and take on another; with
    ``escalate_after_trade`` it asks the manager for a discount only after such a move. Its first
    offer gives the customer more than standard terms on an issue the customer said matters
    most, if one pays."""

    def __init__(
        self,
        topics: tuple[str, ...],
        opening: float,
        floor: float,
        exponent: float,
        top_issues_only: bool,
        escalate_after_trade: bool,
        package_moves: bool,
        value_selling: Literal["never", "pitch", "answer"] = "never",
    ) -> None:
        self.value_selling = value_selling
        self.topics = topics
        self.opening = opening
        self.floor = floor
        self.exponent = exponent
        self.top_issues_only = top_issues_only
        self.escalate_after_trade = escalate_after_trade
        self.package_moves = package_moves

    def aim(self, made: int, deadline: float) -> float:
        t = min(1.0, made / max(1.0, deadline - 2.0))
        return self.floor + (self.opening - self.floor) * (1.0 - t**self.exponent)

    @staticmethod
    def _deadline(nv: NegotiationView) -> float:
        guess = deadline_guess(nv)
        if guess is not None:
            return max(2.0, guess[0] - guess[1])
        return float(nv.max_rounds) * 0.75

    def _movable(self, nv: NegotiationView) -> np.ndarray:
        """Outcomes that change only price and the issues the customer named (all, for an
        expert)."""
        g = grid(nv)
        ok = np.ones(g.shape[0], dtype=bool)
        if not self.top_issues_only:
            return ok
        named = set(stated_top_issues(nv)) | {"price"}
        for j, (issue, values) in enumerate(nv.issues.items()):
            if issue not in named:
                ok &= g[:, j] == (len(values) - 1) // 2
        return ok

    @staticmethod
    def _traded(nv: NegotiationView, made: list[Offer]) -> bool:
        """Whether a package move was made since the last request to the manager."""
        since = max((r.round for r in nv.authority_requests), default=0)
        tables = issue_values(nv)
        return any(
            moves.is_trade(nv.issues, tables, made[i - 1], made[i])
            for i in range(max(1, since), len(made))
        )

    def _first_offer(self, nv: NegotiationView, pool: np.ndarray, ok: np.ndarray,
                     claim: np.ndarray) -> np.ndarray:
        """The first offer's candidates: those within the authority held that meet the aim and
        give the customer more on an issue it said matters most; failing that, the best-paying
        such offers above the floor; else ``ok`` unchanged."""
        heard = pool & favouring_heard(nv) & moves.within_authority(discounts(nv), nv.authority)
        if (ok & heard).any():
            return ok & heard
        paying = heard & (claim >= self.floor - TOL)
        if not paying.any():
            return ok
        return paying & (claim >= claim[paying].max() - TOL)

    @staticmethod
    def _out_of_moves(nv: NegotiationView, claim: np.ndarray, allowed: np.ndarray,
                      last: int | None) -> Move:
        """Nothing left to concede: take a counter that still makes money, else hold the last
        offer (the customer decides), and walk away only with nothing on the table."""
        counter = nv.customer_last_offer
        if counter is not None:
            i = nv.index_of(counter)
            if claim[i] >= -TOL and allowed[i]:
                if not needs_authority(nv, counter):
                    return AcceptOffer(account=nv.account)
                return RequestAuthority(account=nv.account, discount=float(counter["price"]))
        if last is None:
            return WalkAway(account=nv.account)
        return MakeOffer(account=nv.account, offer=nv.offer_at(last))

    def next_move(self, nv: NegotiationView, rng: np.random.Generator) -> Move:
        made = offers_made(nv)
        if not made:
            for topic in self.topics:
                if topic not in nv.learned:
                    return AskQuestion(account=nv.account, topic=topic)
        pitch = value_move(nv, self.value_selling)
        if pitch is not None:
            return pitch
        claim = claims(nv)
        deadline = self._deadline(nv)
        aim = self.aim(len(made), deadline)
        if made:  # never hold out for more than the last offer asked
            aim = min(aim, float(claim[nv.index_of(made[-1])]))
        allowed = within_reach(nv)
        if self.escalate_after_trade and not self._traded(nv, made):
            allowed &= moves.within_authority(discounts(nv), nv.authority)
        counter = nv.customer_last_offer
        if counter is not None:
            i = nv.index_of(counter)
            if claim[i] >= max(aim, self.floor) - TOL and allowed[i]:
                if not needs_authority(nv, counter):
                    return AcceptOffer(account=nv.account)
                return RequestAuthority(account=nv.account, discount=float(counter["price"]))
            if len(made) >= deadline + 1 and claim[i] < self.floor:
                return WalkAway(account=nv.account)
        pool = allowed & self._movable(nv)
        last = nv.index_of(made[-1]) if made else None
        ok = pool & (claim >= aim - TOL)
        if last is not None:  # concede or trade, never take back what was offered
            ok &= claim <= claim[last] + TOL
            ok[last] = False
        else:
            ok = self._first_offer(nv, pool, ok, claim)
        if not ok.any():  # nothing new meets the aim: concede the smallest step there is
            below = pool & (claim < claim[last] - TOL) if last is not None else pool
            if not below.any():
                return self._out_of_moves(nv, claim, allowed, last)
            ok = below & (claim >= claim[below].max() - TOL)
        u_c = estimated_customer_utilities(nv)
        candidates = np.flatnonzero(ok)
        keys = [-claim[candidates], -np.round(u_c[candidates], 9)]
        if self.package_moves and made:
            keys.append(~moves.trades_to(nv.issues, issue_values(nv), made[-1], grid(nv)[candidates]))
        ranked = candidates[np.lexsort(tuple(keys))]
        offer = nv.offer_at(int(ranked[0]))
        if needs_authority(nv, offer):
            return RequestAuthority(account=nv.account, discount=float(offer["price"]))
        return MakeOffer(account=nv.account, offer=offer)


class MaxDiscount:
    """Gives the deepest discount it may give or get approved in every offer; otherwise plays
    like the negotiator it wraps."""

    def __init__(self, inner: StepPricer | Packager) -> None:
        self.inner = inner

    def next_move(self, nv: NegotiationView, rng: np.random.Generator) -> Move:
        move = self.inner.next_move(nv, rng)
        if not isinstance(move, MakeOffer | RequestAuthority):
            return move
        refused = refused_from(nv)
        deepest = max(
            float(d) for d in nv.issues["price"]
            if moves.within_authority(float(d), nv.manager_authority) and float(d) < refused - 1e-6
        )
        if not moves.within_authority(deepest, nv.authority):
            return RequestAuthority(account=nv.account, discount=deepest)
        if isinstance(move, RequestAuthority):
            return move
        offer = dict(move.offer)
        offer["price"] = deepest_within(nv, nv.authority)
        return MakeOffer(account=nv.account, offer=offer)


# --------------------------------------------------------------------------- the rep


@dataclass(frozen=True)
class Style:
    """Everything that differs between the tiers."""

    name: str
    research: Literal["none", "broad", "targeted"]
    analyse_from_round: int | None  # first round with a data analysis (None: never)
    forecast: Literal["target", "model", "plan"]
    set_prices: bool
    pricing: Literal["deep", "half", "research"]  # the segment discount: the authority, half of
    # it, or what the planning outlook says earns most (without the research: half)
    set_channels: bool
    target_effort: float | Literal["potential"] | None  # share of field effort on the target
    # segments; "potential": each segment in proportion to its potential squared; None: even
    adjust_from_data: Literal["never", "when_at_risk", "always"]
    negotiator: Literal["steps", "package"]
    topics: tuple[str, ...] = ()
    exponent: float = 1.0
    credit_check: bool = False
    protect_weak: bool = False
    incidents: Literal["never", "now"] = "never"
    complaints: Literal["never", "now"] = "never"
    risks: Literal["never", "struck", "warned"] = "never"
    visit: bool = False
    survey: bool = False
    upsell: bool = False  # offers more to satisfied accounts whose contract still delivers
    win_prior: float = 0.5  # the chance of winning a deal it believes in before its own record
    check_weeks: int = 1  # in fulfilment, looks at incidents and complaints every this many weeks
    all_issues: bool = False  # negotiates every issue (else price and the issues the customer named)
    escalate_after_trade: bool = False  # asks the manager only after trying a package
    expedite_big: bool = False  # expedites incidents on contracts worth 20 expedites or more
    deal_discount: Literal["negotiate", "max"] = "negotiate"  # "max": every offer at the
    # deepest discount the rep may give or get approved
    dilemmas: Manner = "gain"  # how it answers conduct dilemmas (see policy.Manner)
    value_selling: Literal["never", "pitch", "answer"] = "never"  # presents value on what the
    # customer said matters most before quoting ("pitch"), and answers price objections with it

    def conduct(self) -> Conduct:
        return Conduct(
            credit_check=self.credit_check,
            protect_weak=self.protect_weak,
            incidents=self.incidents,
            complaints=self.complaints,
            risks=self.risks,
            expedite_big=self.expedite_big,
            check_weeks=self.check_weeks,
            dilemmas=self.dilemmas,
        )


NOVICE = Style(
    name="novice",
    research="none",
    analyse_from_round=None,
    forecast="target",
    set_prices=True,
    pricing="deep",
    set_channels=False,
    target_effort=None,
    adjust_from_data="never",
    negotiator="steps",
)
INTERMEDIATE = Style(
    name="intermediate",
    research="broad",
    analyse_from_round=2,
    forecast="model",
    set_prices=True,
    pricing="half",
    set_channels=False,
    target_effort=0.8,
    adjust_from_data="when_at_risk",
    negotiator="package",
    topics=("needs", "priorities"),
    exponent=1.0,
    all_issues=True,
    value_selling="pitch",
    credit_check=True,
    protect_weak=False,
    incidents="now",
    complaints="now",
    risks="struck",
    visit=True,
    survey=False,
    check_weeks=4,
    dilemmas="refuse",
)
EXPERT = Style(
    name="expert",
    research="targeted",
    analyse_from_round=1,
    forecast="plan",
    set_prices=True,
    pricing="research",
    set_channels=True,
    target_effort="potential",
    adjust_from_data="always",
    negotiator="package",
    topics=("needs", "priorities", "timeline", "competitors"),
    exponent=0.5,
    credit_check=True,
    protect_weak=True,
    incidents="now",
    complaints="now",
    risks="warned",
    visit=True,
    survey=True,
    upsell=True,
    win_prior=0.75,
    all_issues=True,
    escalate_after_trade=True,
    expedite_big=True,
    dilemmas="straight",
    value_selling="answer",
)


def negotiator_for(style: Style) -> StepPricer | Packager | MaxDiscount:
    negotiator: StepPricer | Packager = (
        StepPricer()
        if style.negotiator == "steps"
        else Packager(
            topics=style.topics,
            opening=0.9 if style.exponent < 1 else 0.7,
            floor=0.25,
            exponent=style.exponent,
            top_issues_only=not style.all_issues,
            escalate_after_trade=style.escalate_after_trade,
            package_moves=True,
            value_selling=style.value_selling,
        )
    )
    return MaxDiscount(negotiator) if style.deal_discount == "max" else negotiator


class GradedRep(Rep):
    """A rep playing one ``Style`` from the trainee view."""

    def __init__(self, seed: int = 0, style: Style = NOVICE) -> None:
        super().__init__(style.name, stream(seed, f"bot:{style.name}"), negotiator_for(style),
                         style.conduct())
        self.style = style

    # ------------------------------------------------------------------ what it aims at

    def target_segments(self, view: TraineeView) -> list[str]:
        """The segments with most potential (CW-12) — two, or all but one when there are fewer
        than three, so that the targets are a choice. Chosen once a round, when its research
        is in (``select_targets``); until then, those with most potential by what it knows."""
        chosen = self._memo.get(("targets", view.round))
        if chosen is not None:
            return list(chosen)
        value = self.potential(view)
        n = max(1, min(2, len(value) - 1))
        return sorted(value, key=lambda k: (-value[k], k))[:n]

    def select_targets(self, view: TraineeView) -> Action | None:
        """The round's targets, chosen once from what its research found; its field effort and
        analysis follow them for the rest of the round."""
        key = (view.round, "targets")
        if key in self._done:
            return None
        self._done.add(key)
        chosen = self.target_segments(view)
        self._memo[("targets", view.round)] = chosen
        return SelectTargets(segments=list(chosen), accounts=self.target_accounts(view))

    @staticmethod
    def potential(view: TraineeView) -> dict[str, float]:
        """Per segment: what one more step of work there would earn by the last figures it has
        (last round's, else the territory's quarter before it): the revenue we earn there times
        the share of its buyers still to win (``game.engine.potential``)."""
        return market_potentials(view.brief.market, view.last_figures)

    @staticmethod
    def target_accounts(view: TraineeView) -> list[str]:
        return list(view.opportunities)

    def analysed_segment(self, view: TraineeView) -> str:
        """The target segment to analyse: the one that earned least last round."""
        targets = self.target_segments(view)
        if not view.kpis:
            return targets[0]
        revenue = view.kpis[-1].segments
        return min(targets, key=lambda s: (revenue[s].revenue if s in revenue else 0.0, s))

    @staticmethod
    def reserve(view: TraineeView) -> float:
        """Effort kept back from research for deals, checks, service and risks."""
        deals = len(view.opportunities) * 2.5
        accounts = sum(1 for a in view.accounts if a.status == "won")
        return deals + accounts + 4.0

    # ------------------------------------------------------------------ analysis

    def research_plan(self, view: TraineeView) -> list[tuple[Action, float]]:
        r = view.round
        style = self.style
        cost = view.brief.company.research
        segments = [s.id for s in view.brief.market.segments]
        plan: list[tuple[Action, float]] = []
        if style.research == "targeted" and r == 1:  # the market first: prices rest on it
            plan.append((MarketResearch(), cost.market_research.effort))
            plan += [(Questionnaire(segment=s), cost.questionnaire.effort) for s in segments]
        if style.research == "broad":
            if r == 1:
                plan.append((MarketResearch(), cost.market_research.effort))
            plan += [(Questionnaire(segment=s), cost.questionnaire.effort) for s in segments]
        # the data analysis of a target once the surveys are in, so that it analyses a segment
        # the targets it then chooses include
        if style.analyse_from_round is not None and r >= style.analyse_from_round:
            plan.append(
                (DataAnalysis(segment=self.analysed_segment(view)), cost.data_analysis.effort)
            )
        if style.research == "targeted":
            plan += [(Interview(account=a), cost.interview.effort) for a in self.target_accounts(view)]
        return plan

    def _analysis(self, view: TraineeView) -> Action | None:
        if self.style.research == "none":
            return None
        r = view.round
        for action, effort in self.research_plan(view):
            key = (r, action.type, getattr(action, "segment", None), getattr(action, "account", None))
            if key in self._done or view.effort_left - effort < self.reserve(view):
                continue
            self._done.add(key)
            return action
        return self.select_targets(view)

    # ------------------------------------------------------------------ planning

    def forecast(self, view: TraineeView) -> float:
        """The round's revenue forecast: the target (novice); last round's small-customer
        revenue plus the key-account pipeline (intermediate, "model"); the same with each
        segment's revenue scaled by how many more buyers the research says the new plan wins —
        its prices, channels and the field coverage its effort brings (expert, "plan"). Before
        the first round the territory's history stands for last round."""
        target = float(view.round_targets.revenue)
        known = [*view.history, *view.kpis]
        if self.style.forecast == "target" or not known:
            return target
        base = self._base(known[-1])
        if self.style.forecast == "plan":
            base = self._plan_base(view, known[-1]) * self._warned_dip(view)
        return base + self.pipeline(view)

    @staticmethod
    def _warned_dip(view: TraineeView) -> float:
        """What a warned or running demand shock leaves of the round's demand, by rule of
        thumb (its size and length are not known): a fifth less for a month."""
        weeks = view.brief.weeks_per_round
        factor = 1.0
        for risk in view.risks:
            if risk.kind != "demand_shock" or risk.response is not None:
                continue
            warned = risk.status == "warning"
            ahead = (risk.expected_in_weeks or 0) if warned else 0
            running = risk.status == "struck" and (risk.end_week or 0) > view.week
            if (warned and ahead < weeks) or running:
                factor *= 1.0 - SHOCK_GUESS * min(1.0, SHOCK_WEEKS / weeks)
        return factor

    def _plan_base(self, view: TraineeView, last: RoundKpis) -> float:
        """Last round's small-customer revenue per segment, times the outlook's share of buyers
        under the plan about to be set over its share under the plan in force."""
        brief, knowledge, plan = view.brief, view.knowledge, view.plan
        shares = self.effort_shares(view)
        total = 0.0
        for seg in brief.market.segments:
            found = last.segments.get(seg.id)
            revenue = float(found.revenue) if found is not None else 0.0
            now = float(view.coverage[seg.id])
            before = segment_outlook(brief, knowledge, seg.id, float(plan.discounts[seg.id]),
                                     plan.channels[seg.id], now)
            discount = self.discount(view, seg.id)
            after = segment_outlook(
                brief, knowledge, seg.id, discount,
                self.channel(view, seg.id) if self.style.set_channels else plan.channels[seg.id],
                round_coverage(brief, now, shares[seg.id]))
            if before is not None and after is not None and before.share > 0:
                revenue *= after.share / before.share * (1.0 - discount) / (
                    1.0 - float(plan.discounts[seg.id]))
            total += revenue
        return total

    @staticmethod
    def _base(kpis: RoundKpis) -> float:
        """A round's revenue from small customers (a round shorter than the game's week count,
        such as one cut by the game's end, is not expected here)."""
        return float(kpis.revenue) - float(kpis.key_account_revenue)

    def pipeline(self, view: TraineeView) -> float:
        """Key-account revenue due this round: deliveries of the contracts it signed, and the
        deals on the table weighted by the rep's chance of winning them."""
        brief = view.brief
        weeks = brief.weeks_per_round
        due = 0.0
        for acc in view.accounts:
            c = acc.contract
            if c is not None and acc.status == "won" and acc.id in self.spans:
                weekly = c.units / max(1, self.spans[acc.id])
                due += min(c.units - c.delivered, weekly * weeks) * c.unit_price
        rounds = brief.economics.accounts.contract_rounds
        span = max(1, min(brief.rounds * weeks - view.week, rounds * weeks))
        chance = self.win_chance(view)
        for account in view.opportunities:
            acc = view.account(account)
            price = brief.product(acc.product).list_price * (1 - brief.company.discount_authority)
            due += chance * acc.volume * price * min(1.0, weeks / span)
        return due

    def win_chance(self, view: TraineeView) -> float:
        """The chance of winning a deal on the table: the rep's own record so far, starting
        from its prior belief (worth two deals)."""
        ended = [a for a in view.accounts
                 if a.negotiation is not None and a.status in ("won", "lost")]
        won = sum(1 for a in ended if a.contract is not None)
        return (won + 2 * self.style.win_prior) / (len(ended) + 2)

    def discount(self, view: TraineeView, segment: str) -> float:
        authority = view.brief.company.discount_authority
        terms = self.researched_terms(view, segment)
        if self.style.pricing == "research" and terms is not None:
            base = terms[0]
        elif self.style.pricing == "deep":
            base = authority
        else:
            base = round(authority / 2, 4)
        return self._adjusted(view, segment, base, authority)

    def channel(self, view: TraineeView, segment: str) -> str:
        """The channel research favours; without research, the one in force."""
        terms = self.researched_terms(view, segment)
        return terms[1] if terms is not None else view.plan.channels[segment]

    def researched_terms(self, view: TraineeView, segment: str) -> tuple[float, str] | None:
        key = ("terms", view.round, segment)
        if key not in self._memo:
            self._memo[key] = self._researched_terms(view, segment)
        return self._memo[key]

    @staticmethod
    def _researched_terms(view: TraineeView, segment: str) -> tuple[float, str] | None:
        """(discount, channel) from the planning outlook, moving away from list price through the
        channel in force only when the outlook expects at least HURDLE more contribution: its
        estimates are rough, and a price cut is hard to take back. None without research."""
        brief, knowledge = view.brief, view.knowledge
        best = best_terms(brief, knowledge, segment)
        if best is None:
            return None
        current = view.plan.channels[segment]
        stay = segment_outlook(brief, knowledge, segment, 0.0, current)
        if stay is not None and best.contribution < stay.contribution * (1.0 + HURDLE):
            return 0.0, current
        return best.discount, best.channel

    def _adjusted(self, view: TraineeView, segment: str, base: float, authority: float) -> float:
        """The discount after what this round's data analysis of ``segment`` showed: an
        intermediate deepens the one in force when many customers are at risk; an expert keeps
        the outlook's price and answers with field effort instead (``effort_shares``)."""
        found = self.fresh_analysis(view, segment)
        if self.style.adjust_from_data != "when_at_risk" or found is None:
            return base
        current = float(view.plan.discounts.get(segment, 0.0))
        if self.at_risk(found):
            return round(min(authority, current + 0.02), 4)
        return min(base, current)

    @staticmethod
    def fresh_analysis(view: TraineeView, segment: str) -> Analysis | None:
        known = view.knowledge.segments.get(segment)
        found = None if known is None else known.data_analysis
        return found if found is not None and found.round == view.round else None

    @staticmethod
    def at_risk(found: Analysis) -> bool:
        return float(found.at_risk_share.mean or 0.0) > AT_RISK

    def _planning(self, view: TraineeView) -> Action | None:
        r = view.round
        style = self.style
        act = self._once((r, "forecast"),
                         lambda: SetForecast(revenue=round(self.forecast(view), 2)))
        if act:
            return act
        for seg in view.brief.market.segments:
            if style.set_prices:
                act = self._once(
                    (r, "price", seg.id),
                    lambda seg=seg: SetPrice(segment=seg.id, discount=self.discount(view, seg.id)),
                )
                if act:
                    return act
            if style.set_channels:
                act = self._once(
                    (r, "channel", seg.id),
                    lambda seg=seg: SetChannel(segment=seg.id, channel=self.channel(view, seg.id)),
                )
                if act:
                    return act
        return self._once((r, "effort"), lambda: AllocateEffort(shares=self.effort_shares(view)))

    def effort_shares(self, view: TraineeView) -> dict[str, float]:
        segs = [s.id for s in view.brief.market.segments]
        if self.style.target_effort is None:
            return {s: 1.0 / len(segs) for s in segs}
        if self.style.target_effort == "potential":  # most where most is to win, some everywhere
            value = self.potential(view)
            analysed = self.analysed_segment(view)
            found = self.fresh_analysis(view, analysed)
            if found is not None and self.at_risk(found):  # customers at risk: call on them more
                value[analysed] *= AT_RISK_BOOST
            split = best_split(value, view.brief.economics.field.response)
            return {s: split.get(s, 0.0) for s in segs}
        targets = self.target_segments(view)
        others = [s for s in segs if s not in targets]
        on = self.style.target_effort if others else 1.0
        shares = {s: on / len(targets) for s in targets}
        shares.update({s: (1.0 - on) / len(others) for s in others})
        analysed = self.analysed_segment(view)
        found = self.fresh_analysis(view, analysed)
        if self.style.adjust_from_data != "never" and found is not None and self.at_risk(found):
            current = float(view.plan.effort_shares.get(analysed, 0.0))
            extra = max(shares[analysed], current) + 0.03 - shares[analysed]
            donors = [s for s in segs if s != analysed]
            for donor in donors:
                shares[donor] = max(0.0, shares[donor] - extra / len(donors))
            shares[analysed] += extra
        total = sum(shares.values())
        return {s: v / total for s, v in shares.items()}

    # ------------------------------------------------------------------ maintenance

    def _maintenance(self, view: TraineeView) -> Action | None:
        act = self._attend(view)
        if act:
            return act
        r = view.round
        effort = view.brief.economics.effort
        if self.style.survey and view.effort_left >= effort.survey:  # the whole base first (CW-43)
            segment = self.target_segments(view)[0]
            act = self._once((r, "survey"), SatisfactionSurvey(segment=segment))
            if act:
                return act
        if self.style.visit:
            for acc in view.accounts:
                if acc.status == "won" and view.effort_left >= effort.visit:
                    act = self._once((r, "visit", acc.id), Visit(account=acc.id))
                    if act:
                        return act
        if self.style.upsell:
            for acc in view.accounts:
                c = acc.contract
                if (acc.status == "won" and (acc.satisfaction or 0.0) >= UPSELL_SATISFACTION
                        and c is not None and c.delivered < c.units
                        and view.effort_left >= effort.upsell):
                    act = self._once(("upsell", acc.id, c.renewals), Upsell(account=acc.id))
                    if act:
                        return act
        return None


def novice(seed: int) -> GradedRep:
    return GradedRep(seed, NOVICE)


def intermediate(seed: int) -> GradedRep:
    return GradedRep(seed, INTERMEDIATE)


def expert(seed: int) -> GradedRep:
    return GradedRep(seed, EXPERT)
