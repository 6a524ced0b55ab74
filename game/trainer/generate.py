"""The scenario generator: a valid, plausible, lint-clean scenario from a seed and an industry.

``generate(seed, industry)`` draws a world (company, segments, rivals, the negotiation table,
key accounts, risks) from numpy Generators derived from the seed, tunes it by simulation
(``generate_tune``) and writes it as YAML (``generate_yaml``). The same seed and industry give
the same text byte for byte; the words come from ``generator_words.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.scenario.models import Scenario
from game.sim.rng import stream
from game.trainer.generate_accounts import (
    AccountPlan,
    list_value,
    plan_accounts,
    set_volumes,
    variation_data,
)
from game.trainer.generate_data import IndustrySpec, industry_ids, words
from game.trainer.generate_dilemmas import dilemmas_data
from game.trainer.generate_risks import risks_data
from game.trainer.generate_text import header, title_and_briefing
from game.trainer.generate_tune import (
    TARGET_FACTOR,
    Player,
    TuneError,
    TuneReport,
    Tuning,
    set_account_values,
    tune,
)
from game.trainer.generate_world import (
    choose_products,
    choose_segments,
    company_data,
    competitors_data,
    fulfilment_data,
    market_data,
    negotiation_data,
    pick,
    price_options,
    products_data,
)
from game.trainer.generate_yaml import to_yaml
from game.trainer.lint import check_source

ATTEMPTS = 3
"""Drafts tried before giving up; each attempt draws from its own streams."""
POPULATION_SHARE = 0.45
"""First guess of the share of the whole small-customer market a good rep wins."""
MAX_SEED = 2**63 - 1
"""The largest seed a scenario can carry."""


class GenerationError(RuntimeError):
    """No scenario could be generated for this seed and industry."""


class UnknownIndustry(ValueError):
    """An industry the word file does not have."""

    def __init__(self, name: str) -> None:
        self.name, self.known = name, industry_ids()
        super().__init__(f"unknown industry '{name}' (known: {', '.join(self.known)})")


@dataclass
class Generated:
    """A generated scenario: its YAML text, the validated model and how the bots did on it."""

    text: str
    scenario: Scenario
    industry: str
    report: TuneReport
    attempt: int
    warnings: list[str] = field(default_factory=list)

    @property
    def key_account_share(self) -> float:
        """The key accounts' list value as a share of the revenue target."""
        s = self.scenario
        value = sum(a.volume * s.product(a.product).list_price for a in s.key_accounts)
        return value / s.targets.revenue


def pick_industry(seed: int, industry: str | None = None) -> IndustrySpec:
    """The named industry, or one drawn from the seed."""
    data = words()
    if industry is None:
        return pick(stream(seed, "generate:industry"), data.industries)
    if industry not in industry_ids():
        raise UnknownIndustry(industry)
    return data.industry(industry)


def generate(seed: int, industry: str | None, player: Player) -> Generated:
    """A tuned, lint-clean scenario for ``seed`` (0 <= seed < 2**63) and ``industry``; ``player``
    plays the reference reps (``game.assessment.runs.play_named``)."""
    if not 0 <= seed <= MAX_SEED:
        raise ValueError(f"the seed must be a whole number from 0 to {MAX_SEED}")
    spec = pick_industry(seed, industry)
    failures = []
    fallback: Generated | None = None
    for attempt in range(ATTEMPTS):
        try:
            generated = _attempt(seed, spec, attempt, player)
        except TuneError as exc:
            failures.append(str(exc))
            continue
        if not generated.warnings:
            return generated
        fallback = fallback or generated
        failures.append("; ".join(generated.warnings))
    if fallback is not None:
        return fallback  # valid, with lint warnings the caller shows
    raise GenerationError(
        f"no scenario for seed {seed} and industry '{spec.id}' after {ATTEMPTS} drafts "
        f"({'; '.join(failures)})"
    )


def _attempt(seed: int, industry: IndustrySpec, attempt: int, player: Player) -> Generated:
    data, plans, prices = _draft(seed, industry, _streams(seed, industry, attempt))
    if len(plans) < 4:
        raise TuneError("fewer than four key accounts fit the segments drawn")
    report = tune(Tuning(
        data, plans, prices,
        set_account_values(industry, plans, prices), player,
    ))
    data["key_accounts"] = [p.data for p in plans]
    comment = header(
        words(), data, industry.id, seeds=", ".join(map(str, report.seeds)),
        median=f"{report.median('revenue'):,.0f}", idle=f"{report.idle_revenue:,.0f}",
    )
    text = to_yaml(data, comment)
    problems = check_source(text, f"{data['id']}.yaml")
    if any(p.severity == "error" for p in problems):
        raise TuneError("; ".join(f"{p.code} {p.message}" for p in problems))
    warnings = [f"{p.code} {p.message}" for p in problems]
    return Generated(text, Scenario.model_validate(data), industry.id, report, attempt, warnings)


def _streams(seed: int, industry: IndustrySpec, attempt: int) -> dict[str, np.random.Generator]:
    return {
        part: stream(seed, f"generate:{industry.id}:{attempt}:{part}")
        for part in ("world", "accounts", "risks", "text", "dilemmas")
    }


def draft_scenario(seed: int, industry: str | None = None) -> Scenario:
    """The first draft the generator makes for ``seed``, before the reference reps tune it: the
    same world, accounts and personas, in a fraction of a second (no games are played)."""
    spec = pick_industry(seed, industry)
    data, plans, _ = _draft(seed, spec, _streams(seed, spec, 0))
    data["key_accounts"] = [p.data for p in plans]
    return Scenario.model_validate(data)


def _draft(
    seed: int, industry: IndustrySpec, streams: dict[str, np.random.Generator]
) -> tuple[dict[str, Any], list[AccountPlan], dict[str, float]]:
    """The untuned scenario data, its account plans and the products' list prices."""
    data_words = words()
    rng = streams["world"]
    rounds = int(rng.choice([2, 3, 4], p=[0.15, 0.45, 0.40]))
    products = products_data(rng, choose_products(rng, industry))
    prices = {p["id"]: float(p["list_price"]) for p in products}
    discounts = price_options(products)
    delivery = list(pick(rng, industry.delivery_options))
    customers = int(round(rng.uniform(*industry.customers), -2))
    company, ticket_rate = company_data(
        rng, data_words, industry, products, discounts, delivery, customers
    )
    competitors = competitors_data(rng, industry, products)
    segments = choose_segments(rng, industry, products)
    market = market_data(rng, segments, competitors, customers, products[0]["id"])
    negotiation = negotiation_data(rng, data_words, industry, discounts, delivery)
    fulfilment = fulfilment_data(rng, products, ticket_rate)
    plans = plan_accounts(
        streams["accounts"], data_words, industry, market["segments"], competitors, negotiation,
        rounds,
    )
    data: dict[str, Any] = {
        "format": 1,
        "id": f"{industry.id}-{seed}",
        "title": {},
        "briefing": {},
        "courseware": list(data_words.text.courseware),
        "seed": seed,
        "rounds": rounds,
        "weeks_per_round": 13,
        "company": company,
        "market": market,
        "competitors": competitors,
        "negotiation": negotiation,
        "key_accounts": [p.data for p in plans],
        "risks": [],
        "fulfilment": fulfilment,
        "targets": {},
        "variation": variation_data(streams["accounts"], industry, plans),
    }
    territory = pick(streams["text"], data_words.territories)
    data["title"], data["briefing"] = title_and_briefing(
        streams["text"], data_words, industry, data, territory
    )
    set_volumes(industry, plans, prices, 1.0)
    revenue = _first_targets(data, industry, plans, prices, streams["accounts"])
    data["risks"] = risks_data(streams["risks"], data_words, industry, competitors, plans, revenue)
    data["dilemmas"] = dilemmas_data(streams["dilemmas"], plans, competitors, negotiation, prices,
                                     revenue)
    return data, plans, prices


def market_value(scenario: Scenario, sample: int = 2000) -> float:
    """What the whole small-customer market buys over the game at list price, on average."""
    rng = np.random.default_rng(0)
    market = scenario.market
    weeks = scenario.rounds * scenario.weeks_per_round
    total = 0.0
    for seg in market.segments:
        size = np.maximum(1.0, np.rint(seg.size.sample(rng, sample)))
        rate = np.clip(seg.purchase_rate.sample(rng, sample) * market.demand.mean, 0.0, 1.0)
        price = scenario.product(seg.product).list_price
        total += seg.share * market.customers * float(np.mean(size * rate)) * weeks * price
    return total


def _first_targets(
    data: dict[str, Any], industry: IndustrySpec, plans: list[AccountPlan],
    prices: dict[str, float], rng: np.random.Generator,
) -> float:
    """Size the key accounts and the first targets from a static estimate of the market; the
    tuner corrects both from the expert's games. Returns the revenue estimate."""
    data["targets"] = {"revenue": 1, "margin": 0.2, "market_share": 0.3, "customers": 1,
                       "satisfaction": 0.7}
    population = POPULATION_SHARE * market_value(Scenario.model_validate(data))
    aim = float(rng.uniform(0.3, 0.42))
    af = aim * TARGET_FACTOR
    value = af * population / (1 - af * 0.8)
    set_volumes(industry, plans, prices, value)
    revenue = TARGET_FACTOR * (population + 0.8 * list_value(plans, prices))
    data["targets"] = {
        "revenue": int(round(revenue, -4)),
        "margin": 0.2,
        "market_share": 0.3,
        "customers": int(0.3 * data["market"]["customers"]),
        "satisfaction": 0.7,
    }
    return revenue


__all__ = ["GenerationError", "Generated", "UnknownIndustry", "generate", "industry_ids"]
