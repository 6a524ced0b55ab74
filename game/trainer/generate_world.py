"""The generated scenario's world: company, market segments, competitors and negotiation table.

Every function takes a numpy Generator and returns plain data in the order of the shipped files,
so the YAML writer can print it as it is.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from game.trainer.generate_data import STRATEGIES, GeneratorWords, IndustrySpec, ProductSpec

Data = dict[str, Any]

ISSUE_ORDER = ("price", "volume", "delivery_weeks", "payment_days", "service", "training")
OPTIONAL_ISSUES = {"volume": 0.6, "delivery_weeks": 1.0, "service": 1.0, "training": 0.5}
"""Issues besides price and payment terms, with their chance weight of being on the table."""


def uniform(rng: np.random.Generator, span: tuple[float, float], digits: int = 2) -> float:
    """A uniform draw from ``span``, rounded."""
    return round(float(rng.uniform(span[0], span[1])), digits)


def pick(rng: np.random.Generator, items: list[Any]) -> Any:
    return items[int(rng.integers(len(items)))]


def nice(value: float) -> int:
    """A round number near ``value``: two or three significant figures."""
    if value < 100:
        return max(1, int(round(value)))
    step = 10 ** max(0, int(math.floor(math.log10(value))) - 1)
    if value < 2 * step * 10:
        step //= 2 if step >= 10 else 1
    return int(round(value / step) * step)


def shares(weights: list[float], low: int = 5) -> list[float]:
    """``weights`` as shares in hundredths (each at least ``low``) that add up to exactly 1."""
    total = sum(weights)
    cents = [max(low, round(100 * w / total)) for w in weights]
    cents[int(np.argmax(cents))] += 100 - sum(cents)
    return [c / 100 for c in cents]


# --------------------------------------------------------------------------- company


def choose_products(rng: np.random.Generator, industry: IndustrySpec) -> list[ProductSpec]:
    """A main product, and in half the worlds a second one."""
    mains = [p for p in industry.products if p.main]
    first = pick(rng, mains)
    others = [p for p in industry.products if p.id != first.id]
    return [first, pick(rng, others)] if rng.random() < 0.5 else [first]


def products_data(rng: np.random.Generator, chosen: list[ProductSpec]) -> list[Data]:
    out = []
    for spec in chosen:
        price = nice(rng.uniform(*spec.list_price))
        margin = float(rng.uniform(0.26, 0.44))
        out.append({
            "id": spec.id,
            "name": spec.name.plain(),
            "unit_cost": int(round(price * (1 - margin))),
            "list_price": price,
            "quality": uniform(rng, spec.quality),
            "measure": spec.measure,
        })
    return out


def price_options(products: list[Data]) -> list[float]:
    """Discounts on the table: the deepest still leaves the tightest product some margin."""
    margin = min(1 - p["unit_cost"] / p["list_price"] for p in products)
    step = 0.03 if margin < 0.3 else 0.04 if margin < 0.37 else 0.05
    n = min(7, max(5, int((margin - 0.06) / step) + 1))
    return [round(i * step, 2) for i in range(n)]


def company_data(
    rng: np.random.Generator, words: GeneratorWords, industry: IndustrySpec, products: list[Data],
    discounts: list[float], delivery: list[int], customers: int,
) -> tuple[Data, float]:
    """The company block and the service-ticket rate its capacity was sized for."""
    cheapest = min(p["list_price"] for p in products)
    top = len(discounts) - 1
    manager = discounts[top] if rng.random() < 0.6 else discounts[top - 1]
    own = discounts[max(1, round(0.4 * top))]
    ticket_rate = uniform(rng, (0.004, 0.01), 3)
    fast = cheapest * float(rng.uniform(0.04, 0.06))
    first, last = delivery[0], delivery[-1]
    return {
        "name": pick(rng, industry.companies).plain(),
        "products": products,
        "discount_authority": own,
        "manager_authority": manager,
        "effort_per_round": int(rng.integers(18, 23)),
        "service_capacity": max(5, math.ceil(ticket_rate * customers * 0.45 * rng.uniform(1.0, 1.3))),
        "channels": [
            {"id": "direct", "name": words.text.channels["direct"].plain(), "fee": 0.0,
             "reach": uniform(rng, (0.65, 0.8))},
            {"id": "partner", "name": pick(rng, industry.partner_channels).plain(),
             "fee": uniform(rng, (0.05, 0.09)), "reach": 1.0},
        ],
        "delivery_cost": {
            w: int(round(fast * ((last - w) / (last - first)) ** 1.6)) for w in delivery
        },
        "service_cost": {
            "basic": 0,
            "standard": int(round(cheapest * rng.uniform(0.02, 0.03))),
            "premium": int(round(cheapest * rng.uniform(0.06, 0.08))),
        },
        "credit_rate": uniform(rng, (0.06, 0.09)),
    }, ticket_rate


# --------------------------------------------------------------------------- competitors


def competitors_data(
    rng: np.random.Generator, industry: IndustrySpec, products: list[Data]
) -> list[Data]:
    """2-4 rivals with different strategies, priced and built as their strategy says."""
    n = int(rng.choice([2, 3, 4], p=[0.25, 0.45, 0.30]))
    strategies = [STRATEGIES[i] for i in rng.permutation(len(STRATEGIES))[:n]]
    names = [industry.competitors[i] for i in rng.permutation(len(industry.competitors))[:n]]
    cost = float(np.mean([p["unit_cost"] / p["list_price"] for p in products]))
    ours = float(np.mean([p["quality"] for p in products]))
    out = []
    for strategy, named in zip(strategies, names, strict=True):
        if strategy == "price_leader":
            quality, index, cost_x, every, aggr = (0.5, 0.62), (0.86, 0.93), (0.92, 0.97), 4, (0.4, 0.6)
        elif strategy == "premium":
            quality, index, cost_x, every, aggr = (0.85, 0.93), (1.1, 1.22), (1.05, 1.15), 6, (0.2, 0.35)
        elif strategy == "follower":
            quality, index, cost_x, every, aggr = (ours - 0.04, ours + 0.04), (0.97, 1.04), (0.98, 1.03), 4, (0.4, 0.55)
        else:
            quality, index, cost_x, every, aggr = (0.64, 0.72), (0.94, 0.99), (0.97, 1.02), 3, (0.6, 0.75)
        out.append({
            "id": named.id,
            "name": named.name.plain(),
            "strategy": strategy,
            "quality": uniform(rng, quality),
            "price_index": uniform(rng, index),
            "cost_index": round(cost * float(rng.uniform(*cost_x)), 2),
            "reprice_every_weeks": every,
            "aggressiveness": uniform(rng, aggr),
        })
    return out


# --------------------------------------------------------------------------- market


def choose_segments(
    rng: np.random.Generator, industry: IndustrySpec, products: list[Data]
) -> list[Any]:
    """2-4 segments: one for each product, the rest at random, in the industry's order."""
    ids = {p["id"] for p in products}
    pool = [s for s in industry.segments if s.product in ids]
    chosen = {pick(rng, [s for s in pool if s.product == pid]).id for pid in sorted(ids)}
    want = min(len(pool), int(rng.integers(2, 5)))
    rest = [s.id for s in pool if s.id not in chosen]
    for i in rng.permutation(len(rest))[: max(0, want - len(chosen))]:
        chosen.add(rest[int(i)])
    if not any(s.accounts for s in pool if s.id in chosen):
        chosen.add(next(s.id for s in pool if s.accounts))
    return [s for s in pool if s.id in chosen]


def vendor_shares(
    rng: np.random.Generator, competitors: list[Data], sensitivity: float, quality: float
) -> dict[str, float]:
    """Starting shares: 'us' and each rival, leaning to cheap rivals where price matters most."""
    ours = float(rng.uniform(0.18, 0.3))
    lean = {"price_leader": sensitivity, "premium": quality, "follower": 1.0, "poacher": 0.8}
    raw = [lean[c["strategy"]] * float(rng.uniform(0.7, 1.3)) for c in competitors]
    served = float(rng.uniform(0.9, 1.0)) - ours
    out = {"us": round(ours, 2)}
    for c, r in zip(competitors, raw, strict=True):
        out[c["id"]] = math.floor(100 * served * r / sum(raw)) / 100
    return out


def market_data(
    rng: np.random.Generator, segments: list[Any], competitors: list[Data], customers: int,
    main_product: str,
) -> Data:
    weights = [
        float(rng.uniform(1.0, 3.0) if s.product == main_product else rng.uniform(0.4, 1.0))
        for s in segments
    ]
    if not segments[0].accounts:  # the small-firm segment holds most customers
        weights[0] *= 1.6
    out = []
    for seg, share in zip(segments, shares(weights), strict=True):
        sensitivity = round(seg.price_sensitivity * float(rng.uniform(0.9, 1.1)), 2)
        quality = round(seg.quality_weight * float(rng.uniform(0.9, 1.1)), 2)
        rate = float(rng.uniform(0.9, 1.1))
        out.append({
            "id": seg.id,
            "name": seg.name.plain(),
            "share": share,
            "product": seg.product,
            "size": {"lognormal": [round(seg.size[0] + float(rng.normal(0, 0.12)), 2), seg.size[1]],
                     "clip": [int(seg.clip[0]), int(seg.clip[1])]},
            "price_sensitivity": {"normal": [sensitivity, uniform(rng, (0.18, 0.25))], "clip": [0.3, 3]},
            "quality_weight": {"normal": [quality, uniform(rng, (0.2, 0.3))], "clip": [0, 2.5]},
            "credit_score": {"beta": [seg.credit[0], seg.credit[1]]},
            "purchase_rate": {"uniform": [round(seg.purchase_rate[0] * rate, 3),
                                          round(seg.purchase_rate[1] * rate, 3)]},
            "satisfaction": {"normal": [round(seg.satisfaction + float(rng.normal(0, 0.015)), 2),
                                        uniform(rng, (0.1, 0.12))], "clip": [0, 1]},
            "vendor_shares": vendor_shares(rng, competitors, sensitivity, quality),
            "churn": {"base": seg.churn, "threshold": uniform(rng, (0.45, 0.5)),
                      "slope": uniform(rng, (0.05, 0.08))},
        })
    return {
        "customers": customers,
        "demand": {"mean": 1.0, "phi": uniform(rng, (0.78, 0.9)), "sigma": uniform(rng, (0.025, 0.05), 3)},
        "logit": {"price": uniform(rng, (3.6, 4.4), 1), "quality": uniform(rng, (2.0, 2.8), 1),
                  "relationship": uniform(rng, (0.9, 1.3), 1)},
        "segments": out,
    }


# --------------------------------------------------------------------------- negotiation


def negotiation_data(
    rng: np.random.Generator, words: GeneratorWords, industry: IndustrySpec,
    discounts: list[float], delivery: list[int],
) -> Data:
    """Price and payment terms, plus 2-4 of volume, delivery, service and training."""
    optional = list(OPTIONAL_ISSUES)
    p = np.array([OPTIONAL_ISSUES[i] for i in optional])
    count = int(rng.choice([2, 3, 4], p=[0.35, 0.4, 0.25]))
    chosen = {optional[int(i)] for i in rng.choice(len(optional), count, replace=False, p=p / p.sum())}
    chosen |= {"price", "payment_days"}
    table = words.options
    options: dict[str, list[Any]] = {
        "price": discounts,
        "volume": table.volume,
        "delivery_weeks": delivery,
        "payment_days": pick(rng, table.payment_days),
        "service": table.service,
        "training": table.training,
    }
    names = {**words.issues, **industry.issue_names}
    return {
        "max_rounds": int(rng.integers(10, 13)),
        "issues": [
            {"id": issue, "name": names[issue].plain(), "values": list(options[issue])}
            for issue in ISSUE_ORDER if issue in chosen
        ],
        # a quote uses what the customer said only by giving more than standard terms there
        "trust": {"opening_beats_standard": True, "ignoring_undoes_asking": True},
    }


def fulfilment_data(rng: np.random.Generator, products: list[Data], ticket_rate: float) -> Data:
    cheapest = min(p["list_price"] for p in products)
    return {
        "incident_rate": uniform(rng, (0.03, 0.05)),
        "expedite_cost": int(min(8000, max(1000, round(cheapest * rng.uniform(2, 5), -2)))),
        "late_penalty": 0.02 if rng.random() < 0.6 else 0.03,
        "ticket_rate": ticket_rate,
        "complaint_rate": uniform(rng, (0.02, 0.05)),
    }
