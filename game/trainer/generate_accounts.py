"""The generated key accounts: who they are, what they buy and what they hide.

Each account follows a buyer archetype of the word file (its weights, option values, tactic and
credit). Its persona is written in the structured form: the contact, the role, what it buys and
why; the game words its style and its needs from the tactic, trust and hidden preferences
(``game.scenario.persona_text``), so they agree by construction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.trainer.generate_data import AccountSpec, Archetype, Bi, GeneratorWords, IndustrySpec
from game.trainer.generate_world import Data, pick, uniform

WEAK = ("cashflow", "quick")
"""Archetypes of buyers with weak credit; every scenario has one of them."""
GRID = 20  # weights are multiples of 1/GRID


@dataclass
class AccountPlan:
    """What the generator decided about one key account (texts are re-written from it)."""

    spec: AccountSpec
    archetype: Archetype
    segment: str
    product: str
    clauses: list[str]
    person: Bi
    role: Bi
    trait: Bi  # drawn so the seed's later draws stay put; the style is written from the tactic
    value_share: float
    data: Data = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.spec.id


def grid_weights(raw: dict[str, float]) -> dict[str, float]:
    """``raw`` normalised to multiples of 1/GRID that add up to 1, each at least 1/GRID."""
    total = sum(raw.values())
    scaled = {k: GRID * v / total for k, v in raw.items()}
    units = {k: max(1, int(v)) for k, v in scaled.items()}
    order = sorted(raw, key=lambda k: (-(scaled[k] - int(scaled[k])), -raw[k], k))
    i = 0
    while sum(units.values()) < GRID:
        units[order[i % len(order)]] += 1
        i += 1
    while sum(units.values()) > GRID:
        k = min((k for k in units if units[k] > 1), key=lambda k: (scaled[k], k))
        units[k] -= 1
    return {k: round(u / GRID, 2) for k, u in units.items()}


def _eligible(words: GeneratorWords, issues: set[str]) -> list[Archetype]:
    return [a for a in words.archetypes if not a.requires or set(a.requires) & issues]


def _archetypes(rng: np.random.Generator, words: GeneratorWords, issues: set[str], n: int) -> list[Archetype]:
    """``n`` archetypes, as varied as the table allows, one of them a buyer with weak credit."""
    pool = _eligible(words, issues)
    order = [pool[int(i)] for i in rng.permutation(len(pool))]
    chosen = (order * (n // len(order) + 1))[:n]
    if not any(a.id in WEAK for a in chosen):
        weak = [a for a in pool if a.id in WEAK]
        chosen[int(rng.integers(n))] = pick(rng, weak)
    return chosen


def _weights(
    rng: np.random.Generator, archetype: Archetype, issues: list[str], clauses: list[str],
    words: GeneratorWords,
) -> dict[str, float]:
    raw = {i: max(0.05, archetype.weights.get(i, 0.05)) for i in issues}
    weights = grid_weights(raw)
    named = {words.clauses[c].issue for c in clauses}
    top = min(weights[i] for i in named)
    for issue in issues:  # a little variety among the issues the account did not name
        others = [o for o in issues if o not in named and o != issue]
        if issue in named or weights[issue] < 0.1 or not others or rng.random() > 0.3:
            continue
        to = pick(rng, others)
        if weights[to] + 0.05 <= top:
            weights[issue] = round(weights[issue] - 0.05, 2)
            weights[to] = round(weights[to] + 0.05, 2)
    return weights


def plan_accounts(
    rng: np.random.Generator, words: GeneratorWords, industry: IndustrySpec, segments: list[Data],
    competitors: list[Data], negotiation: Data, rounds: int,
) -> list[AccountPlan]:
    """4-6 key accounts spread over the rounds, in round order."""
    products = {s["id"]: s["product"] for s in segments}
    hosts = {s.id for s in industry.segments if s.accounts} & set(products)
    pool = [a for a in industry.accounts if set(a.segments) & hosts]
    n = min(len(pool), int(rng.integers(4, 7)) if rounds > 2 else int(rng.integers(4, 6)))
    specs = [pool[int(i)] for i in rng.permutation(len(pool))[:n]]
    issues = [i["id"] for i in negotiation["issues"]]
    archetypes = _archetypes(rng, words, set(issues), n)
    surnames = [words.surnames[int(i)] for i in rng.permutation(len(words.surnames))[:n]]
    value = rng.dirichlet(np.full(n, 3.0))
    value = (value + 0.1) / (value + 0.1).sum()
    plans = []
    for k, (spec, archetype) in enumerate(zip(specs, archetypes, strict=True)):
        segment = pick(rng, [s for s in spec.segments if s in hosts])
        clauses = [c for c in archetype.needs if words.clauses[c].issue in issues] or ["price_low"]
        role = pick(rng, industry.expert_roles if archetype.expert_role else archetype.roles)
        person = pick(rng, words.honorifics)
        plan = AccountPlan(
            spec=spec, archetype=archetype, segment=segment, product=products[segment],
            clauses=clauses, person=Bi(en=f"{person.en} {surnames[k].en}",
                                       zh=f"{surnames[k].zh}{person.zh}"),
            role=role, trait=pick(rng, archetype.traits), value_share=float(value[k]),
        )
        plan.data = _account_data(rng, words, plan, competitors, negotiation, issues, rounds, k, n)
        plans.append(plan)
    return sorted(plans, key=lambda p: p.data["opportunity_round"])


def _account_data(
    rng: np.random.Generator, words: GeneratorWords, plan: AccountPlan, competitors: list[Data],
    negotiation: Data, issues: list[str], rounds: int, k: int, n: int,
) -> Data:
    archetype = plan.archetype
    tactic = pick(rng, archetype.tactics)
    beta = 1.0 if tactic.kind in ("linear", "tit_for_tat") else uniform(rng, tactic.beta, 1)
    values: dict[str, list[float]] = {}
    for clause in plan.clauses:
        table = words.clauses[clause].values
        if table is not None:
            values[words.clauses[clause].issue] = list(table)
    options = {i["id"]: i["values"] for i in negotiation["issues"]}
    if "delivery_fast" in plan.clauses and archetype.expert_role and rng.random() < 0.6:
        n_opts = len(options["delivery_weeks"])
        second = uniform(rng, (0.7, 0.9))
        values["delivery_weeks"] = [1.0, second] + [
            round(second * (1 - j / (n_opts - 2)) * 0.4, 2) for j in range(1, n_opts - 1)
        ]
    return {
        "id": plan.spec.id,
        "name": plan.spec.name.plain(),
        "persona": {},  # written with the volume (persona_data)
        "segment": plan.segment,
        "product": plan.product,
        "volume": 0,
        "current_vendor": _current_vendor(rng, archetype, competitors),
        "credit_rating": pick(rng, archetype.ratings),
        "opportunity_round": 1 + (k * rounds) // n,
        "tactic": {"kind": tactic.kind, "beta": beta},
        "deadline": min(negotiation["max_rounds"], int(rng.integers(archetype.deadline[0],
                                                                   archetype.deadline[1] + 1))),
        "trust": uniform(rng, archetype.trust),
        "preferences": {
            "weights": _weights(rng, archetype, issues, plan.clauses, words),
            **({"values": values} if values else {}),
            "reservation": uniform(rng, archetype.reservation),
        },
        "satisfaction": uniform(rng, (0.55, 0.65)),
    }


PRICE_FOCUSED = ("budget", "cashflow", "quick")
AFFINITY = {
    True: {"poacher": 3.0, "price_leader": 2.0, "follower": 1.0, "premium": 0.5},
    False: {"premium": 2.0, "follower": 2.0, "price_leader": 1.0, "poacher": 0.5},
}
"""How likely a buyer is to buy from each kind of rival now: price-focused buyers from the cheap
ones (a poacher does not attack its own accounts), the others from the premium and the middle."""


def _current_vendor(rng: np.random.Generator, archetype: Archetype, competitors: list[Data]) -> str:
    weights = np.array([AFFINITY[archetype.id in PRICE_FOCUSED][c["strategy"]] for c in competitors])
    return str(competitors[int(rng.choice(len(competitors), p=weights / weights.sum()))]["id"])


def persona_data(industry: IndustrySpec, plan: AccountPlan) -> Data:
    """The structured persona: the contact, their role, what they buy and what for."""
    product = next(p for p in industry.products if p.id == plan.product)
    return {
        "name": plan.person.plain(),
        "role": plan.role.plain(),
        "buys": product.noun.plain(),
        "purpose": plan.spec.purpose.plain(),
    }


def nice_volume(units: float) -> int:
    """A volume a buyer would name: whole tens, fifties or hundreds."""
    step = 1 if units < 40 else 10 if units < 400 else 50 if units < 2000 else 100
    return max(step, int(round(units / step)) * step)


def set_volumes(
    industry: IndustrySpec, plans: list[AccountPlan], prices: dict[str, float], total_value: float,
) -> None:
    """Give the accounts ``total_value`` of list value between them (their personas say it)."""
    for plan in plans:
        plan.data["volume"] = nice_volume(total_value * plan.value_share / prices[plan.product])
        plan.data["persona"] = persona_data(industry, plan)


def list_value(plans: list[AccountPlan], prices: dict[str, float]) -> float:
    """What the key accounts buy in a year at list price."""
    return float(sum(p.data["volume"] * prices[p.product] for p in plans))


def variation_data(
    rng: np.random.Generator, industry: IndustrySpec, plans: list[AccountPlan]
) -> Data:
    """Per-trainee variants: another name for each account from the unused ones of its segment."""
    used = {p.id for p in plans}
    spare = [a for a in industry.accounts if a.id not in used]
    names: dict[str, list[Any]] = {}
    for plan in plans:
        fitting = [a for a in spare if plan.segment in a.segments]
        if fitting:
            chosen = pick(rng, fitting)
            spare.remove(chosen)
            names[plan.id] = [chosen.name.plain()]
    return {
        **({"names": names} if names else {}),
        "volume_jitter": 0.1,
        "reservation_jitter": 0.03,
        "weights_jitter": 0.05,
        "difficulty_band": 0.15 if len(plans) > 4 else 0.1,
    }
