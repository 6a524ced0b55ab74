"""Synthetic trainees: deterministic, independent of the assessment, and skill shows in play."""

from __future__ import annotations

import ast
import copy
import itertools
from pathlib import Path

import pytest

from game.bots.base import play
from game.bots.synthetic import SKILLS, SyntheticTrainee, Workplace
from game.engine.actions import AcceptOffer, EndPhase
from game.engine.game import Game
from game.engine.view_models import TraineeView
from game.negotiation.moves import within_authority
from game.scenario.loader import load_scenario

ROOT = Path(__file__).resolve().parents[2]
RIVERSIDE = ROOT / "scenarios" / "riverside-first-territory.yaml"


def _game(theta: dict[str, float], seed: int) -> Game:
    scenario, _ = load_scenario(RIVERSIDE)
    game = Game(scenario, seed=seed)
    play(game, SyntheticTrainee(theta, seed=seed, label=":t"))
    return game


def test_same_skill_and_seed_play_the_same_game() -> None:
    theta = dict.fromkeys(SKILLS, 0.6)
    a, b = _game(theta, 5), _game(theta, 5)
    assert a.over and b.over
    assert [x.model_dump() for x in a.actions] == [x.model_dump() for x in b.actions]


def test_the_trainee_never_imports_the_assessment() -> None:
    tree = ast.parse((ROOT / "game" / "bots" / "synthetic.py").read_text(encoding="utf-8"))
    imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module]
    imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert imported, "the scan found no imports at all"
    assert not [m for m in imported if m.startswith("game.assessment")]


def test_a_missing_skill_is_refused() -> None:
    with pytest.raises(ValueError, match="theta lacks"):
        SyntheticTrainee({"customer-analysis": 0.5}, seed=1)


def test_a_skilled_carer_visits_and_surveys_more_than_an_unskilled_one() -> None:
    """Behaviour, not scores: the relationship skill shows in the visits and surveys made."""
    def care(skill: float) -> int:
        theta = dict.fromkeys(SKILLS, 0.5) | {"relationship-satisfaction": skill}
        return sum(
            sum(1 for a in _game(theta, seed).actions if a.type in ("visit", "satisfaction_survey"))
            for seed in (1, 2, 3)
        )

    assert care(0.95) > care(0.05)


def test_a_skilled_analyst_targets_the_segments_with_most_still_to_win() -> None:
    """Behaviour, not scores: on East China, where the segments' potentials lie far apart, an
    able analyst's target is the segment with most potential by the figures it had (what it
    earns there times the share of buyers not yet ours) more often than a weak analyst's."""
    from game.engine.potential import potentials

    scenario, _ = load_scenario(ROOT / "scenarios" / "east-china-territory.yaml")
    market = scenario.market

    def best_picks(skill: float) -> int:
        theta = dict.fromkeys(SKILLS, 0.5) | {"customer-analysis": skill}
        hits = 0
        for seed in (1, 2, 3):
            game = Game(scenario, seed=seed)
            trainee = SyntheticTrainee(theta, seed=seed, label=":a")
            figures: dict[int, dict] = {}
            while not game.over:
                view = game.view()
                figures.setdefault(view.round, [*view.history, *view.kpis][-1].segments)
                game.apply(trainee.next_action(view))
            for e in game.events:
                if e.kind == "targets_selected" and e.payload["segments"]:
                    worth = potentials(market.customers,
                                       ((s.id, s.share) for s in market.segments), figures[e.round])
                    hits += max(worth, key=lambda k: worth[k]) in e.payload["segments"]
        return hits

    assert best_picks(0.95) > best_picks(0.05)


def test_a_skilled_negotiator_anchors_higher_and_moves_other_terms_than_price() -> None:
    """Behaviour, not scores: an unskilled negotiator opens nearer what it would settle for and
    moves the price alone; a skilled one anchors high and changes other terms when it moves."""
    def habits(skill: float) -> tuple[float, float]:
        theta = dict.fromkeys(SKILLS, 0.5) | {"negotiation-quoting": skill}
        openings: list[float] = []
        moves = other = 0
        for seed in (1, 2, 3, 4):
            offers: dict[str, list] = {}
            for e in _game(theta, seed).events:
                if e.kind == "trainee_offered":
                    offers.setdefault(e.payload["account"], []).append(e.payload)
            for made in offers.values():
                openings.append(float(made[0]["u_seller"]))
                for a, b in zip(made, made[1:], strict=False):
                    if a["offer"] != b["offer"]:
                        moves += 1
                        other += any(a["offer"][k] != b["offer"][k] for k in a["offer"]
                                     if k != "price")
        return sum(openings) / len(openings), other / max(1, moves)

    novice, expert = habits(0.05), habits(0.95)
    assert expert[0] > novice[0] + 0.1
    assert expert[1] > novice[1] + 0.3


class _Refusals:
    """A game that notes every action the engine refuses (a trainee would see the message)."""

    def __init__(self, game: Game) -> None:
        self.game, self.refused = game, []

    def view(self):  # noqa: ANN201 - the trainee view
        return self.game.view()

    def apply(self, action):  # noqa: ANN001, ANN201
        result = self.game.apply(action)
        if not result.accepted:
            self.refused.append((type(action).__name__, result.code))
        return result


@pytest.mark.parametrize("scenario_file", ["east-china-territory.yaml", "key-account-deals.yaml"])
def test_the_trainee_never_makes_a_move_the_rules_refuse(scenario_file: str) -> None:
    """A move the engine refuses (taking a counter above the authority held, effort shares that
    round to 99.99 %, answering a risk that has run its course) is one a person would not repeat;
    three in a row end the phase, which once left skilled trainees stuck on one counter for the
    whole game and every later key account unworked."""
    import numpy as np

    from game.bots.synthetic import draw_theta

    scenario, _ = load_scenario(ROOT / "scenarios" / scenario_file)
    scenario = scenario.model_copy(update={"market": scenario.market.model_copy(
        update={"customers": 800})})
    rng = np.random.default_rng(11)
    thetas = [dict.fromkeys(SKILLS, v) for v in (0.1, 0.5, 0.9)] + [draw_theta(rng) for _ in range(3)]
    for k, theta in enumerate(thetas):
        table = _Refusals(Game(scenario, seed=scenario.seed + k))
        play(table, SyntheticTrainee(theta, seed=k, label=f":{k}"))
        assert table.game.over
        assert table.refused == [], f"theta {theta}: refused {table.refused}"


def test_a_trainee_keeps_its_habits_from_game_to_game() -> None:
    """Test-retest reliability is about one person playing twice: the traits drawn for a trainee
    (its forecasting lean among them) must not be redrawn from each game's seed."""
    theta = dict.fromkeys(SKILLS, 0.4)
    first, again = SyntheticTrainee(theta, seed=1, label=":7"), SyntheticTrainee(theta, seed=2, label=":7")
    other = SyntheticTrainee(theta, seed=1, label=":8")
    assert first._style == again._style
    assert first._style["forecast_bias"] != other._style["forecast_bias"]


# ---------------------------------------------------------------- the workplace a manager sets


def _played(theta: dict[str, float], seed: int, workplace: Workplace | None) -> Game:
    scenario, _ = load_scenario(RIVERSIDE)
    game = Game(scenario, seed=seed)
    play(game, SyntheticTrainee(theta, seed=seed, label=":w", workplace=workplace))
    return game


def test_the_default_workplace_changes_nothing() -> None:
    theta = dict.fromkeys(SKILLS, 0.4)
    assert _played(theta, 7, None).log_digest() == _played(theta, 7, Workplace()).log_digest()


def test_a_discount_cap_keeps_every_price_and_deal_within_it() -> None:
    theta = dict.fromkeys(SKILLS, 0.3)  # a rep who would discount deeply on its own
    prices: list[float] = []
    deals: list[float] = []
    for seed in range(8, 16):  # a weak planner sets a price in some games only
        capped = _played(theta, seed, Workplace(pull=1.0, max_discount=0.05))
        prices += [float(e.payload["discount"]) for e in capped.events if e.kind == "price_set"]
        deals += [float(e.payload["terms"]["price"]) for e in capped.events
                  if e.kind == "contract_signed"]
    assert prices, "the capped rep set no price at all"
    assert max(prices + deals) <= 0.05 + 1e-9


def test_a_credit_standard_has_every_signed_contract_checked() -> None:
    theta = dict.fromkeys(SKILLS, 0.3) | {"professionalism-ethics": 0.9}  # it signs what it agrees
    signed = []
    for seed in (1, 2, 3):
        game = _played(theta, seed, Workplace(check_credit=True))
        signed += [e for e in game.events if e.kind == "contract_signed"]
    assert signed, "no contract was signed on any seed"
    assert all(e.payload["credit_checked"] for e in signed)


def test_pay_on_revenue_makes_a_rep_discount_more_than_pay_on_margin() -> None:
    theta = dict.fromkeys(SKILLS, 0.6)

    def mean_discount(pull: float) -> float:
        found = [float(e.payload["discount"]) for seed in (1, 2, 3)
                 for e in _played(theta, seed, Workplace(pull=pull)).events if e.kind == "price_set"]
        return sum(found) / len(found)

    assert mean_discount(1.0) > mean_discount(-0.5) + 0.01


def test_learning_grows_a_skill_and_the_habits_that_follow_it() -> None:
    rep = SyntheticTrainee(dict.fromkeys(SKILLS, 0.2), seed=1, label=":l")
    floor = rep._style["floor"]
    rep.learn("negotiation-quoting", 0.5)
    assert rep.theta["negotiation-quoting"] == pytest.approx(0.7)
    assert rep._style["floor"] > floor
    rep.learn("negotiation-quoting", 0.9)
    assert rep.theta["negotiation-quoting"] == 1.0


@pytest.mark.parametrize("r", [0.0, 0.3, 0.6])
def test_skills_are_uniform_and_go_together_as_far_as_asked(r: float) -> None:
    """Each skill stays uniform on 0..1 whatever the correlation, and two skills' rank
    correlation is the Gaussian copula's closed form (6 / pi) asin(r / 2); the tolerance is four
    standard errors of a rank correlation over n trainees."""
    import math

    import numpy as np

    from game.assessment.study import spearman
    from game.bots.synthetic import draw_theta

    n = 4000
    rng = np.random.default_rng(21)
    draws = [draw_theta(rng, r) for _ in range(n)]
    x = np.array([[d[s] for s in SKILLS] for d in draws])
    assert x.min() >= 0.0 and x.max() <= 1.0
    # a uniform's mean 1/2 (SD sqrt(1/12/n)) and its decile counts (binomial n, 1/10)
    assert np.abs(x.mean(axis=0) - 0.5).max() < 4 * math.sqrt(1 / 12 / n)
    counts = np.stack([np.histogram(x[:, k], bins=10, range=(0, 1))[0] for k in range(len(SKILLS))])
    assert np.abs(counts - n / 10).max() < 4 * math.sqrt(n * 0.1 * 0.9) + 1
    expected = 6 / math.pi * math.asin(r / 2)
    pairs = [spearman(x[:, a], x[:, b]) for a in range(len(SKILLS)) for b in range(a + 1, len(SKILLS))]
    assert abs(float(np.mean(pairs)) - expected) < 4 / math.sqrt(n)
    assert max(abs(p - expected) for p in pairs) < 5 / math.sqrt(n - 1)


def test_independent_skills_are_drawn_as_they_always_were() -> None:
    """A study without a correlation draws the same trainees as before the option existed, so
    shipped studies and their error bars stay reproducible."""
    import numpy as np

    from game.bots.synthetic import draw_theta

    a, b = np.random.default_rng(5), np.random.default_rng(5)
    assert draw_theta(a) == {s: float(b.uniform()) for s in SKILLS}
    with pytest.raises(ValueError):
        draw_theta(np.random.default_rng(1), 1.0)


def test_a_professional_does_not_ask_the_manager_again_after_a_no() -> None:
    """A rep of high professionalism asks again only for what was not refused; the manager's no
    is in the view (``authority_requests``), so the rep knows it."""
    scenario, _ = load_scenario(ROOT / "scenarios" / "key-account-deals.yaml")
    reasons: list[str] = []
    for seed in (1, 2, 3):
        game = Game(scenario, seed=seed)
        play(game, SyntheticTrainee(dict.fromkeys(SKILLS, 0.9), seed=seed, label=":p"))
        reasons += [str(e.payload.get("reason")) for e in game.events
                    if e.kind == "authority_refused"]
    assert "manager_decision" in reasons  # the manager did say no
    assert "already_refused" not in reasons  # and the rep never asked again for as much


def _near_the_line(view: TraineeView, account: str) -> TraineeView:
    """``view`` with the customer's tone on ``account`` read at the line where it walks out."""
    accounts = tuple(
        a.model_copy(update={"negotiation": a.negotiation.model_copy(
            update={"trust": a.negotiation.walk_away_below})}) if a.id == account else a
        for a in view.accounts)
    return view.model_copy(update={"accounts": accounts})


def test_a_skilled_negotiator_takes_a_paying_counter_when_the_customer_is_near_walking_out() -> None:
    """Reading the tone: with the customer's trust read at its walk-away line, a skilled
    negotiator takes a counter that pays, where the same rep in the same talks with the customer
    at ease often holds out for more; an unskilled one rarely changes what it does."""
    def accepts(skill: float) -> tuple[int, int, int]:
        theta = dict.fromkeys(SKILLS, 0.5) | {"negotiation-quoting": skill}
        strained = calm = moments = 0
        for scenario_file, seed in itertools.product(
                ("east-china-territory.yaml", "key-account-deals.yaml"), range(1, 9)):
            scenario, _ = load_scenario(ROOT / "scenarios" / scenario_file)
            game = Game(scenario, seed=seed)
            bot = SyntheticTrainee(theta, seed=seed, label=":t")
            for _ in range(5_000):
                if game.over:
                    break
                view = game.view()
                talks = [nv for nv in view.negotiations().values() if nv.status == "open"]
                if view.phase == "negotiation" and talks:
                    nv = talks[0]  # the talks the rep turns to first
                    theirs = nv.customer_last_offer
                    if theirs is not None and nv.profit_of(theirs) > 0 \
                            and nv.trust > nv.walk_away_below + 0.1 \
                            and within_authority(float(theirs.get("price", 0.0)), nv.authority):
                        tense = copy.deepcopy(bot).next_action(_near_the_line(view, nv.account))
                        easy = copy.deepcopy(bot).next_action(view)
                        if getattr(easy, "account", None) == nv.account:
                            moments += 1
                            strained += isinstance(tense, AcceptOffer)
                            calm += isinstance(easy, AcceptOffer)
                if not game.apply(bot.next_action(view)).accepted:
                    game.apply(EndPhase())
        return strained, calm, moments

    skilled, unskilled = accepts(0.95), accepts(0.05)
    assert skilled[2] >= 10 and unskilled[2] >= 10, "too few counters to judge"
    assert skilled[0] >= 0.9 * skilled[2]  # near the line it takes what pays
    assert skilled[0] >= skilled[1] + 0.2 * skilled[2]  # and that is because of the tone
    assert unskilled[0] <= unskilled[1] + 0.2 * unskilled[2]
