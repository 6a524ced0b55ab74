"""Reps of graded skill — novice, intermediate, expert — for the validity lab.

Each tier is one ``Style``: what the rep does in every phase, from what a trainee can see (the
view, the briefing's events, the negotiation's own view and answers, the company's economics).
The novice skips research, quotes before asking, concedes on price only, signs without checks
and leaves problems unanswered; the intermediate does most things, some of them late or broadly;
the expert does each well: researches its targets, plans from data, trades across issues with
shrinking concessions, checks and protects contracts, answers every problem at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from game.bots.base import negotiation_action
from game.bots.negotiators import estimated_customer_utilities
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
from game.engine.outlook import best_terms, round_coverage, segment_outlook
from game.negotiation.session import NegotiationSession
from game.negotiation.space import Offer, standard_index
from game.negotiation.utility import default_value_table
from game.sim.rng import stream

if TYPE_CHECKING:
    from game.engine.game import Game

Move = tuple[Any, ...]
TOL = 1e-9
WEAK = {"BB", "B", "CCC"}
AT_RISK = 0.15  # share of a segment's customers at risk of churning that calls for action
SHOCK_GUESS = 0.2  # the dip in demand an expert expects from a warned demand shock ...
SHOCK_WEEKS = 4  # ... and for how long
UPSELL_SATISFACTION = 0.75  # an expert offers more only to an account this satisfied
AT_RISK_BOOST = 1.5  # the weight an expert's effort plan adds to a segment found at risk
HURDLE = 0.05  # the least gain the outlook must promise before prices or channels change


# --------------------------------------------------------------------------- negotiating


def _allowed_discounts(session: NegotiationSession) -> np.ndarray:
    """Per outcome: whether its discount is within the authority the rep has or could still get
    (up to the manager's limit, below anything already refused)."""
    view = session.view()
    refused = min(
        (r["discount"] for r in view["authority_requests"] if not r["granted"]), default=1.0
    )
    space = session.space
    discounts = np.array(space.options["price"], dtype=float)[space.grid[:, space.column("price")]]
    reachable = (discounts <= float(view["manager_authority"]) + TOL) & (discounts < refused - 1e-6)
    return (discounts <= session.authority + TOL) | reachable


def _needs_authority(session: NegotiationSession, offer: Offer) -> bool:
    return float(offer["price"]) > session.authority + TOL


def _offers_made(session: NegotiationSession) -> list[Offer]:
    return [o["offer"] for o in session.view()["offers"] if o["who"] == "trainee"]


class StepPricer:
    """Standard terms, a small discount, then one more price step per offer; asks the manager as
    soon as the next step needs it; accepts any counter that still makes money; at its limit it
    repeats its last offer until the customer accepts or time runs out."""

    def __init__(self, opening: float = 0.05) -> None:
        self.opening = opening

    def standard(self, session: NegotiationSession, price: float) -> Offer:
        offer: Offer = {i: v[(len(v) - 1) // 2] for i, v in session.space.options.items()}
        offer["price"] = price
        return offer

    def next_move(self, session: NegotiationSession, rng: np.random.Generator) -> Move:
        view = session.view()
        space = session.space
        made = _offers_made(session)
        counter: Offer | None = view["customer_last_offer"]
        allowed = _allowed_discounts(session)
        if (
            counter is not None
            and len(made) >= 2
            and session.seller_utility(counter) >= session.seller_reservation
        ):
            if not _needs_authority(session, counter):
                return ("accept",)
            if allowed[space.index_of(counter)]:
                return ("request_authority", float(counter["price"]))
        discounts = sorted(float(d) for d in space.options["price"])
        if not made:
            price = min(discounts, key=lambda d: abs(d - self.opening))
        else:
            higher = [d for d in discounts if d > float(made[-1]["price"]) + TOL]
            price = higher[0] if higher else float(made[-1]["price"])
        offer = self.standard(session, price)
        if _needs_authority(session, offer):
            if allowed[space.index_of(offer)]:
                return ("request_authority", price)
            offer = self.standard(
                session, max(d for d in discounts if d <= session.authority + TOL)
            )
        return ("offer", offer)  # at its limit it holds the same offer until the deadline


def estimated_issue_values(session: NegotiationSession) -> dict[str, np.ndarray]:
    """The rep's estimate of how the customer values each option of each issue: by closeness to
    the ideal it named, else in the usual direction (bigger discount, faster delivery, ...)."""
    space = session.space
    ideal = (session.knowledge().get("needs", {}).get("estimate") or {}).get("ideal", {})
    tables = {}
    for issue in space.issues:
        n = len(space.options[issue])
        if issue in ideal:
            best = space.option_index(issue, ideal[issue])
            tables[issue] = 1.0 - np.abs(np.arange(n) - best) / max(1, n - 1)
        else:
            tables[issue] = default_value_table(space, issue)
    return tables


def is_package(
    session: NegotiationSession, tables: dict[str, np.ndarray], before: Offer, after: Offer
) -> bool:
    """Whether moving from ``before`` to ``after`` gives the customer something on one issue and
    takes something on another, or gives on a term other than price while holding the price."""
    space = session.space
    changed = [k for k in space.issues if before[k] != after[k]]
    if not changed or changed == ["price"]:
        return False
    deltas = [
        float(
            tables[k][space.option_index(k, after[k])] - tables[k][space.option_index(k, before[k])]
        )
        for k in changed
    ]
    gives, takes = any(d > 1e-12 for d in deltas), any(d < -1e-12 for d in deltas)
    return (gives and takes) or (gives and "price" not in changed)


TOP_STATED = 2  # the issues a stated weighting puts first


def heard_issues(session: NegotiationSession) -> list[str]:
    """The issues the customer said matter most: those it named among its needs, and the two its
    stated priorities weigh most."""
    know = session.knowledge()
    named = list((know.get("needs", {}).get("estimate") or {}).get("top_issues", []))
    weights = (know.get("priorities", {}).get("estimate") or {}).get("weights", {})
    means = {i: float(w["mean"]) if isinstance(w, dict) else float(w) for i, w in weights.items()}
    named += [i for i in sorted(means, key=lambda i: (-means[i], i))[:TOP_STATED] if i not in named]
    return [i for i in named if i in session.space.issues]


def favouring_heard(session: NegotiationSession) -> np.ndarray:
    """Per outcome: whether it gives the customer more than standard terms (the middle option) on
    an issue the customer said matters most — what an offer that used the answers looks like."""
    space = session.space
    tables = estimated_issue_values(session)
    out = np.zeros(space.n_outcomes, dtype=bool)
    for issue in heard_issues(session):
        table = tables[issue]
        mid = standard_index(space, issue, session.authority)
        out |= table[space.grid[:, space.column(issue)]] > table[mid] + 1e-12
    return out


def packages_from(session: NegotiationSession, before: Offer, outcomes: np.ndarray) -> np.ndarray:
    """``is_package`` from ``before`` to each of ``outcomes`` at once."""
    space = session.space
    tables = estimated_issue_values(session)
    rows = space.grid[outcomes]
    start = np.array([space.option_index(k, before[k]) for k in space.issues])
    deltas = np.column_stack(
        [tables[k][rows[:, j]] - tables[k][start[j]] for j, k in enumerate(space.issues)]
    )
    changed = rows != start
    price = space.column("price")
    gives = ((deltas > 1e-12) & changed).any(axis=1)
    takes = ((deltas < -1e-12) & changed).any(axis=1)
    others = np.delete(changed, price, axis=1).any(axis=1)
    return others & gives & (takes | ~changed[:, price])


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
    ) -> None:
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

    def _deadline(self, session: NegotiationSession) -> float:
        guess = (session.knowledge().get("timeline", {}).get("estimate") or {}).get(
            "deadline_rounds"
        )
        if guess:
            return max(2.0, float(guess["mean"]) - float(guess["sd"]))
        return float(session.view()["deadline"]) * 0.75

    def _movable(self, session: NegotiationSession) -> np.ndarray:
        """Outcomes that change only price and the issues the customer named (all, for an
        expert)."""
        space = session.space
        ok = np.ones(space.n_outcomes, dtype=bool)
        if not self.top_issues_only:
            return ok
        needs = session.knowledge().get("needs", {}).get("estimate") or {}
        named = set(needs.get("top_issues", [])) | {"price"}
        for j, issue in enumerate(space.issues):
            if issue not in named:
                ok &= space.grid[:, j] == (len(space.options[issue]) - 1) // 2
        return ok

    def _traded(self, session: NegotiationSession, made: list[Offer]) -> bool:
        """Whether a package move was made since the last request to the manager."""
        requests = session.view()["authority_requests"]
        since = max((int(r["round"]) for r in requests), default=0)
        tables = estimated_issue_values(session)
        return any(
            is_package(session, tables, made[i - 1], made[i])
            for i in range(max(1, since), len(made))
        )

    def _first_offer(
        self, session: NegotiationSession, pool: np.ndarray, ok: np.ndarray, claim: np.ndarray
    ) -> np.ndarray:
        """The first offer's candidates: those within the authority held that meet the aim and
        give the customer more on an issue it said matters most; failing that, the best-paying
        such offers above the floor; else ``ok`` unchanged."""
        space = session.space
        price = np.array(space.options["price"], dtype=float)[space.grid[:, space.column("price")]]
        heard = pool & favouring_heard(session) & (price <= session.authority + TOL)
        if (ok & heard).any():
            return ok & heard
        paying = heard & (claim >= self.floor - TOL)
        if not paying.any():
            return ok
        return paying & (claim >= claim[paying].max() - TOL)

    def _out_of_moves(self, session: NegotiationSession, counter: Offer | None,
                      claim: np.ndarray, allowed: np.ndarray, last: int | None) -> Move:
        """Nothing left to concede: take a counter that still makes money, else hold the last
        offer (the customer decides), and walk away only with nothing on the table."""
        space = session.space
        if counter is not None:
            i = space.index_of(counter)
            if claim[i] >= -TOL and allowed[i]:
                if not _needs_authority(session, counter):
                    return ("accept",)
                return ("request_authority", float(counter["price"]))
        if last is None:
            return ("walk_away",)
        return ("offer", space.offer_at(last))

    def next_move(self, session: NegotiationSession, rng: np.random.Generator) -> Move:
        view = session.view()
        know = session.knowledge()
        made = _offers_made(session)
        if not made:
            for topic in self.topics:
                if topic not in know:
                    return ("ask", topic)
        space = session.space
        u_s = session.seller_utilities()
        rv = session.seller_reservation
        claim = (u_s - rv) / max(1e-12, 1.0 - rv)
        deadline = self._deadline(session)
        aim = self.aim(len(made), deadline)
        if made:  # never hold out for more than the last offer asked
            aim = min(aim, float(claim[space.index_of(made[-1])]))
        allowed = _allowed_discounts(session)
        may_escalate = not self.escalate_after_trade or self._traded(session, made)
        if not may_escalate:
            allowed &= (
                np.array(space.options["price"], dtype=float)[space.grid[:, space.column("price")]]
                <= session.authority + TOL
            )
        counter: Offer | None = view["customer_last_offer"]
        if counter is not None:
            i = space.index_of(counter)
            if claim[i] >= max(aim, self.floor) - TOL and allowed[i]:
                if not _needs_authority(session, counter):
                    return ("accept",)
                return ("request_authority", float(counter["price"]))
            if len(made) >= deadline + 1 and claim[i] < self.floor:
                return ("walk_away",)
        pool = allowed & self._movable(session)
        last = space.index_of(made[-1]) if made else None
        ok = pool & (claim >= aim - TOL)
        if last is not None:  # concede or trade, never take back what was offered
            ok &= claim <= claim[last] + TOL
            ok[last] = False
        else:
            ok = self._first_offer(session, pool, ok, claim)
        if not ok.any():  # nothing new meets the aim: concede the smallest step there is
            below = pool & (claim < claim[last] - TOL) if last is not None else pool
            if not below.any():
                return self._out_of_moves(session, counter, claim, allowed, last)
            ok = below & (claim >= claim[below].max() - TOL)
        u_c = estimated_customer_utilities(session)
        candidates = np.flatnonzero(ok)
        keys = [-claim[candidates], -np.round(u_c[candidates], 9)]
        if self.package_moves and made:
            keys.append(~packages_from(session, made[-1], candidates))
        ranked = candidates[np.lexsort(tuple(keys))]
        offer = space.offer_at(int(ranked[0]))
        if _needs_authority(session, offer):
            return ("request_authority", float(offer["price"]))
        return ("offer", offer)


class MaxDiscount:
    """Gives the deepest discount it may give or get approved in every offer; otherwise plays
    like the negotiator it wraps."""

    def __init__(self, inner: StepPricer | Packager) -> None:
        self.inner = inner

    def next_move(self, session: NegotiationSession, rng: np.random.Generator) -> Move:
        move = self.inner.next_move(session, rng)
        if move[0] not in ("offer", "request_authority"):
            return move
        view = session.view()
        refused = min(
            (r["discount"] for r in view["authority_requests"] if not r["granted"]), default=1.0
        )
        deepest = max(
            float(d) for d in session.space.options["price"]
            if float(d) <= float(view["manager_authority"]) + TOL and float(d) < refused - 1e-6
        )
        if deepest > session.authority + TOL:
            return ("request_authority", deepest)
        if move[0] == "request_authority":
            return move
        offer = dict(move[1])
        offer["price"] = max(float(d) for d in session.space.options["price"]
                             if float(d) <= session.authority + TOL)
        return ("offer", offer)


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
    credit_check=True,
    protect_weak=False,
    incidents="now",
    complaints="now",
    risks="struck",
    visit=True,
    survey=False,
    check_weeks=4,
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
)


class GradedRep:
    """A rep playing one ``Style`` through ``game.apply`` with what a trainee can see."""

    def __init__(self, seed: int = 0, style: Style = NOVICE) -> None:
        self.style = style
        self.name = style.name
        self.rng = stream(seed, f"bot:{style.name}")
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
            )
        )
        self.negotiator: StepPricer | Packager | MaxDiscount = (
            MaxDiscount(negotiator) if style.deal_discount == "max" else negotiator
        )
        self._done: set[tuple[Any, ...]] = set()
        self._memo: dict[tuple[Any, ...], Any] = {}

    def _once(self, key: tuple[Any, ...], action: Action | Callable[[], Action]) -> Action | None:
        """``action`` the first time ``key`` comes up, else None (a callable is only built then)."""
        if key in self._done:
            return None
        self._done.add(key)
        return action() if callable(action) else action

    def next_action(self, game: Game) -> Action:
        handler = getattr(self, f"_{game.phase.value}", None)
        action = handler(game, game.view()) if handler else None
        return action if action is not None else EndPhase()

    # ------------------------------------------------------------------ what it aims at

    def target_segments(self, game: Game, view: dict[str, Any]) -> list[str]:
        """The segments with most potential (CW-12) — two, or all but one when there are fewer
        than three, so that the targets are a choice. Chosen once a round, from what the rep
        knows when the round's work begins."""
        key = ("targets", view["round"])
        if key not in self._memo:
            value = self.potential(game, view)
            n = max(1, min(2, len(value) - 1))
            self._memo[key] = sorted(value, key=lambda k: (-value[k], k))[:n]
        return list(self._memo[key])

    @staticmethod
    def potential(game: Game, view: dict[str, Any]) -> dict[str, float]:
        """Per segment: the revenue we earn there (last round's, else the territory's history)
        times the share still to win (1 - our share, from a questionnaire when there is one,
        else one half)."""
        known = [*(view.get("history") or []), *view["kpis"]]
        segments = known[-1]["segments"] if known else {}
        value = {}
        for seg in game.scenario.market.segments:
            revenue = float(segments.get(seg.id, {}).get("revenue", 0.0))
            if revenue <= 0:
                revenue = seg.share * game.scenario.product(seg.product).list_price
            q = (view["knowledge"]["segments"].get(seg.id) or {}).get("questionnaire")
            share = float(q["our_share"]["mean"]) if q and q["our_share"]["mean"] is not None else 0.5
            value[seg.id] = revenue * (1.0 - min(0.95, max(0.0, share)))
        return value

    def target_accounts(self, view: dict[str, Any]) -> list[str]:
        return list(view["opportunities"])

    def analysed_segment(self, game: Game, view: dict[str, Any]) -> str:
        """The target segment to analyse: the one that earned least last round."""
        targets = self.target_segments(game, view)
        kpis = view["kpis"]
        if not kpis:
            return targets[0]
        revenue = kpis[-1]["segments"]
        return min(targets, key=lambda s: (revenue.get(s, {}).get("revenue", 0.0), s))

    def reserve(self, view: dict[str, Any]) -> float:
        """Effort kept back from research for deals, checks, service and risks."""
        deals = len(view["opportunities"]) * 2.5
        accounts = sum(1 for a in view["accounts"] if a["status"] == "won")
        return deals + accounts + 4.0

    # ------------------------------------------------------------------ analysis

    def research_plan(self, game: Game, view: dict[str, Any]) -> list[tuple[Action, float]]:
        r = game.round
        style = self.style
        cost = game.scenario.company.research
        plan: list[tuple[Action, float]] = []
        if style.research == "targeted" and r == 1:  # the market first: prices rest on it
            plan.append((MarketResearch(), cost.market_research.effort))
            plan += [(Questionnaire(segment=s.id), cost.questionnaire.effort)
                     for s in game.scenario.market.segments]
        if style.analyse_from_round is not None and r >= style.analyse_from_round:
            plan.append(
                (DataAnalysis(segment=self.analysed_segment(game, view)), cost.data_analysis.effort)
            )
        if style.research == "targeted":
            plan += [
                (Interview(account=a), cost.interview.effort) for a in self.target_accounts(view)
            ]
        elif style.research == "broad":
            if r == 1:
                plan.append((MarketResearch(), cost.market_research.effort))
            plan += [
                (Questionnaire(segment=s.id), cost.questionnaire.effort)
                for s in game.scenario.market.segments
            ]
        return plan

    def _analysis(self, game: Game, view: dict[str, Any]) -> Action | None:
        if self.style.research == "none":
            return None
        r = game.round
        for action, effort in self.research_plan(game, view):
            key = (
                r,
                action.type,
                getattr(action, "segment", None),
                getattr(action, "account", None),
            )
            if key in self._done or view["effort_left"] - effort < self.reserve(view):
                continue
            self._done.add(key)
            return action
        return self._once(
            (r, "targets"),
            SelectTargets(
                segments=self.target_segments(game, view), accounts=self.target_accounts(view)
            ),
        )

    # ------------------------------------------------------------------ planning

    def forecast(self, game: Game, view: dict[str, Any]) -> float:
        """The round's revenue forecast: the target (novice); last round's small-customer
        revenue plus the key-account pipeline (intermediate, "model"); the same with each
        segment's revenue scaled by how many more buyers the research says the new plan wins —
        its prices, channels and the field coverage its effort brings (expert, "plan"). Before
        the first round the territory's history stands for last round."""
        target = float(view["round_targets"]["revenue"])
        known = [*(view.get("history") or []), *view["kpis"]]
        if self.style.forecast == "target" or not known:
            return target
        base = self._base(known[-1])
        if self.style.forecast == "plan":
            base = self._plan_base(game, view, known[-1]) * self._warned_dip(game, view)
        return base + self.pipeline(game, view)

    @staticmethod
    def _warned_dip(game: Game, view: dict[str, Any]) -> float:
        """What a warned or running demand shock leaves of the round's demand, by rule of
        thumb (its size and length are not known): a fifth less for a month."""
        weeks = game.scenario.weeks_per_round
        factor = 1.0
        for risk in view["risks"]:
            if risk["kind"] != "demand_shock" or risk.get("response") is not None:
                continue
            ahead = risk.get("expected_in_weeks", 0) if risk["status"] == "warning" else 0
            running = risk["status"] == "struck" and risk.get("end_week", 0) > view["week"]
            if (risk["status"] == "warning" and ahead < weeks) or running:
                factor *= 1.0 - SHOCK_GUESS * min(1.0, SHOCK_WEEKS / weeks)
        return factor

    def _plan_base(self, game: Game, view: dict[str, Any], last: dict[str, Any]) -> float:
        """Last round's small-customer revenue per segment, times the outlook's share of buyers
        under the plan about to be set over its share under the plan in force."""
        scenario, knowledge = game.scenario, view["knowledge"]
        shares = self.effort_shares(game, view)
        plan = view["plan"]
        total = 0.0
        for seg in scenario.market.segments:
            revenue = float(last["segments"].get(seg.id, {}).get("revenue", 0.0))
            now = float(view["coverage"][seg.id])
            before = segment_outlook(scenario, knowledge, seg.id, float(plan["discounts"][seg.id]),
                                     str(plan["channels"][seg.id]), now)
            after = segment_outlook(
                scenario, knowledge, seg.id, self.discount(game, view, seg.id),
                self.channel(game, view, seg.id) if self.style.set_channels
                else str(plan["channels"][seg.id]),
                round_coverage(scenario, now, shares[seg.id]))
            if before is not None and after is not None and before.share > 0:
                revenue *= after.share / before.share * (1.0 - self.discount(game, view, seg.id)) / (
                    1.0 - float(plan["discounts"][seg.id]))
            total += revenue
        return total

    @staticmethod
    def _base(kpis: dict[str, Any]) -> float:
        """A round's revenue from small customers (a round shorter than the game's week count,
        such as one cut by the game's end, is not expected here)."""
        return float(kpis["revenue"]) - float(kpis["key_account_revenue"])

    def pipeline(self, game: Game, view: dict[str, Any]) -> float:
        """Key-account revenue due this round: deliveries of signed contracts, and the deals on
        the table weighted by the rep's chance of winning them."""
        weeks = game.scenario.weeks_per_round
        spans = {
            e.payload["account"]: e.payload["delivery_weeks"]
            for e in game.events
            if e.kind == "contract_signed"
        }
        due = 0.0
        for acc in view["accounts"]:
            c = acc.get("contract")
            if c and acc["status"] == "won" and acc["id"] in spans:
                weekly = c["units"] / max(1, spans[acc["id"]])
                due += min(c["units"] - c["delivered"], weekly * weeks) * c["unit_price"]
        rounds = game.scenario.economics.accounts.contract_rounds
        span = max(1, min(game.total_weeks - view["week"], rounds * weeks))
        chance = self.win_chance(view)
        for account in view["opportunities"]:
            acc = next(a for a in view["accounts"] if a["id"] == account)
            price = game.scenario.product(acc["product"]).list_price * (
                1 - game.scenario.company.discount_authority
            )
            due += chance * acc["volume"] * price * min(1.0, weeks / span)
        return due

    def win_chance(self, view: dict[str, Any]) -> float:
        """The chance of winning a deal on the table: the rep's own record so far, starting
        from its prior belief (worth two deals)."""
        ended = [a for a in view["accounts"] if "negotiation" in a and a["status"] in ("won", "lost")]
        won = sum(1 for a in ended if a.get("contract"))
        return (won + 2 * self.style.win_prior) / (len(ended) + 2)

    def discount(self, game: Game, view: dict[str, Any], segment: str) -> float:
        authority = game.scenario.company.discount_authority
        terms = self.researched_terms(game, view, segment)
        if self.style.pricing == "research" and terms is not None:
            base = terms[0]
        elif self.style.pricing == "deep":
            base = authority
        else:
            base = round(authority / 2, 4)
        return self._adjusted(view, segment, base, authority)

    def channel(self, game: Game, view: dict[str, Any], segment: str) -> str:
        """The channel research favours; without research, the one in force."""
        terms = self.researched_terms(game, view, segment)
        return terms[1] if terms is not None else str(view["plan"]["channels"][segment])

    def researched_terms(self, game: Game, view: dict[str, Any], segment: str
                         ) -> tuple[float, str] | None:
        key = ("terms", view["round"], segment)
        if key not in self._memo:
            self._memo[key] = self._researched_terms(game, view, segment)
        return self._memo[key]

    @staticmethod
    def _researched_terms(game: Game, view: dict[str, Any], segment: str
                          ) -> tuple[float, str] | None:
        """(discount, channel) from the planning outlook, moving away from list price through the
        channel in force only when the outlook expects at least HURDLE more contribution: its
        estimates are rough, and a price cut is hard to take back. None without research."""
        scenario, knowledge = game.scenario, view["knowledge"]
        best = best_terms(scenario, knowledge, segment)
        if best is None:
            return None
        current = str(view["plan"]["channels"][segment])
        stay = segment_outlook(scenario, knowledge, segment, 0.0, current)
        if stay is not None and best.contribution < stay.contribution * (1.0 + HURDLE):
            return 0.0, current
        return best.discount, best.channel

    def _adjusted(self, view: dict[str, Any], segment: str, base: float, authority: float) -> float:
        """The discount after what this round's data analysis of ``segment`` showed: an
        intermediate deepens the one in force when many customers are at risk; an expert keeps
        the outlook's price and answers with field effort instead (``effort_shares``)."""
        mode = self.style.adjust_from_data
        found = self.fresh_analysis(view, segment)
        if mode != "when_at_risk" or found is None:
            return base
        current = float(view["plan"]["discounts"].get(segment, 0.0))
        if self.at_risk(found):
            return round(min(authority, current + 0.02), 4)
        return min(base, current)

    @staticmethod
    def fresh_analysis(view: dict[str, Any], segment: str) -> dict[str, Any] | None:
        found = view["knowledge"]["segments"].get(segment, {}).get("data_analysis")
        return found if found and found["round"] == view["round"] else None

    @staticmethod
    def at_risk(found: dict[str, Any]) -> bool:
        return float(found["at_risk_share"]["mean"] or 0.0) > AT_RISK

    def _planning(self, game: Game, view: dict[str, Any]) -> Action | None:
        r = game.round
        style = self.style
        act = self._once((r, "forecast"),
                         lambda: SetForecast(revenue=round(self.forecast(game, view), 2)))
        if act:
            return act
        for seg in game.scenario.market.segments:
            if style.set_prices:
                act = self._once(
                    (r, "price", seg.id),
                    lambda seg=seg: SetPrice(segment=seg.id,
                                             discount=self.discount(game, view, seg.id)),
                )
                if act:
                    return act
            if style.set_channels:
                act = self._once(
                    (r, "channel", seg.id),
                    lambda seg=seg: SetChannel(segment=seg.id,
                                               channel=self.channel(game, view, seg.id)),
                )
                if act:
                    return act
        return self._once((r, "effort"),
                          lambda: AllocateEffort(shares=self.effort_shares(game, view)))

    def effort_shares(self, game: Game, view: dict[str, Any]) -> dict[str, float]:
        segs = [s.id for s in game.scenario.market.segments]
        if self.style.target_effort is None:
            return {s: 1.0 / len(segs) for s in segs}
        if self.style.target_effort == "potential":  # most where most is to win, some everywhere
            value = self.potential(game, view)
            analysed = self.analysed_segment(game, view)
            found = self.fresh_analysis(view, analysed)
            if found is not None and self.at_risk(found):  # customers at risk: call on them more
                value[analysed] *= AT_RISK_BOOST
            total = sum(v * v for v in value.values()) or 1.0
            return {s: value[s] * value[s] / total for s in segs}
        targets = self.target_segments(game, view)
        others = [s for s in segs if s not in targets]
        on = self.style.target_effort if others else 1.0
        shares = {s: on / len(targets) for s in targets}
        shares.update({s: (1.0 - on) / len(others) for s in others})
        analysed = self.analysed_segment(game, view)
        found = self.fresh_analysis(view, analysed)
        if self.style.adjust_from_data != "never" and found is not None and self.at_risk(found):
            current = float(view["plan"]["effort_shares"].get(analysed, 0.0))
            extra = max(shares[analysed], current) + 0.03 - shares[analysed]
            donors = [s for s in segs if s != analysed]
            for donor in donors:
                shares[donor] = max(0.0, shares[donor] - extra / len(donors))
            shares[analysed] += extra
        total = sum(shares.values())
        return {s: v / total for s, v in shares.items()}

    # ------------------------------------------------------------------ negotiation and contract

    def _negotiation(self, game: Game, view: dict[str, Any]) -> Action | None:
        for account in view["opportunities"]:
            if account not in game.sessions and view["effort_left"] >= 1:
                return Pursue(account=account)
        for account, session in game.sessions.items():
            if session.status == "open":
                move = self.negotiator.next_move(session, self.rng)
                if move[0] == "request_authority" and view["effort_left"] < 0.5:
                    move = ("walk_away",)
                return negotiation_action(account, move)
        return None

    def _contract(self, game: Game, view: dict[str, Any]) -> Action | None:
        style = self.style
        for acc in view["accounts"]:
            if acc["status"] != "agreed":
                continue
            if style.credit_check and not acc["credit_checked"] and view["effort_left"] >= 1:
                return CreditCheck(account=acc["id"])
            rating = acc["credit_rating"]
            if style.protect_weak and rating == "CCC":
                return DeclineContract(account=acc["id"])
            if style.protect_weak and rating in WEAK:
                act = self._once(
                    (acc["id"], "advance"),
                    AmendContract(account=acc["id"], clause="advance_payment", value=0.3),
                )
                if act:
                    return act
            return SignContract(account=acc["id"])
        return None

    # ------------------------------------------------------------------ operations

    def _incident_action(self, game: Game, view: dict[str, Any], inc: dict[str, Any]) -> Action:
        acc = next(a for a in view["accounts"] if a["id"] == inc["account"])
        contract = acc.get("contract") or {}
        value = contract.get("unit_price", 0.0) * contract.get("units", 0)
        if self.style.expedite_big and value > 20 * game.scenario.fulfilment.expedite_cost:
            return Expedite(incident=inc["id"])
        if view["effort_left"] >= 0.25:
            return InformCustomer(incident=inc["id"])
        return Expedite(incident=inc["id"])

    def _risk_choice(self, game: Game, risk: dict[str, Any], effort: float) -> str | None:
        spec = next(r for r in game.scenario.risks if r.id == risk["risk"])
        options = [r for r in spec.responses if r.effort <= effort]
        if not options:
            return None
        return max(options, key=lambda r: (r.mitigation - r.cost / 100_000, r.id)).id

    def _attend(self, game: Game, view: dict[str, Any]) -> Action | None:
        style = self.style
        if style.incidents == "now":
            for inc in view["incidents"]:
                return self._incident_action(game, view, inc)
        if style.complaints == "now":
            for comp in view["complaints"]:
                if view["effort_left"] >= 0.5:
                    return ResolveComplaint(complaint=comp["id"])
        if style.risks != "never":
            for risk in view["risks"]:
                if risk["response"] is not None:
                    continue
                struck = risk["status"] == "struck"
                if struck and risk.get("end_week", 0) <= view["week"]:
                    continue
                if style.risks == "struck" and not struck:
                    continue
                choice = self._risk_choice(game, risk, view["effort_left"])
                if choice:
                    act = self._once(
                        ("risk", risk["id"]), RespondToRisk(strike=risk["id"], response=choice)
                    )
                    if act:
                        return act
        return None

    def _fulfilment(self, game: Game, view: dict[str, Any]) -> Action | None:
        style = self.style
        if style.incidents == "never" and style.complaints != "now" and style.risks != "warned":
            return None
        week, end = view["week"], view["round_end_week"]
        checking = style.check_weeks <= 1 or week % style.check_weeks == 0 or week >= end
        act = self._attend(game, view) if checking else None
        if act:
            return act
        if week < end:
            if style.check_weeks <= 1:
                return RunWeeks()
            return RunWeeks(weeks=style.check_weeks - week % style.check_weeks)
        return None

    def _maintenance(self, game: Game, view: dict[str, Any]) -> Action | None:
        act = self._attend(game, view)
        if act:
            return act
        r = game.round
        if self.style.survey and view["effort_left"] >= 1:  # the whole base first (CW-43)
            segment = self.target_segments(game, view)[0]
            act = self._once((r, "survey"), SatisfactionSurvey(segment=segment))
            if act:
                return act
        if self.style.visit:
            for acc in view["accounts"]:
                if acc["status"] == "won" and view["effort_left"] >= 1:
                    act = self._once((r, "visit", acc["id"]), Visit(account=acc["id"]))
                    if act:
                        return act
        if self.style.upsell:
            for acc in view["accounts"]:
                c = acc.get("contract") or {}
                if (acc["status"] == "won" and acc.get("satisfaction", 0.0) >= UPSELL_SATISFACTION
                        and c and c["delivered"] < c["units"] and view["effort_left"] >= 1):
                    act = self._once(("upsell", acc["id"], c.get("renewals", 0)),
                                     Upsell(account=acc["id"]))
                    if act:
                        return act
        return None

    def _risk(self, game: Game, view: dict[str, Any]) -> Action | None:
        return self._attend(game, view)

    def _briefing(self, game: Game, view: dict[str, Any]) -> Action | None:
        return self._attend(game, view) if self.style.risks == "warned" else None


def novice(seed: int) -> GradedRep:
    return GradedRep(seed, NOVICE)


def intermediate(seed: int) -> GradedRep:
    return GradedRep(seed, INTERMEDIATE)


def expert(seed: int) -> GradedRep:
    return GradedRep(seed, EXPERT)
