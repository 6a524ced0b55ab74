"""The generated market risks: one of every kind, worded for the industry."""

from __future__ import annotations

import numpy as np

from game.scenario.economics import WEAK_RATINGS
from game.trainer.generate_accounts import AccountPlan
from game.trainer.generate_data import Bi, GeneratorWords, IndustrySpec
from game.trainer.generate_world import Data, pick, uniform

KINDS = ("demand_shock", "price_war", "credit_default", "churn_wave", "staff_loss", "supply_delay")
AGGRESSIVE = ("price_leader", "poacher")


def risks_data(
    rng: np.random.Generator, words: GeneratorWords, industry: IndustrySpec,
    competitors: list[Data], plans: list[AccountPlan], revenue: float,
) -> list[Data]:
    """Six risks, one per kind; response costs are shares of the expected revenue ``revenue``."""
    out = []
    for kind in KINDS:
        spec = words.risks[kind]
        text = pick(rng, industry.risk_texts.get(kind) or spec.texts)
        fill: dict[str, Bi] = {}
        target = None
        risk_id = kind.replace("_", "-")
        if kind == "price_war":
            rivals = [c for c in competitors if c["strategy"] in AGGRESSIVE] or competitors
            rival = pick(rng, rivals)
            target, risk_id = rival["id"], f"{rival['id']}-price-war"
            fill["competitor"] = Bi(**rival["name"])
        elif kind == "credit_default":
            weak = [p for p in plans if p.data["credit_rating"] in WEAK_RATINGS] or plans
            account = pick(rng, weak)
            target, risk_id = account.id, f"{account.id}-default"
            fill["account"] = account.spec.name
        warning_weeks = int(rng.integers(spec.warning_weeks[0], spec.warning_weeks[1] + 1))
        count = int(rng.integers(1, min(3, len(spec.responses)) + 1))
        chosen = sorted(rng.permutation(len(spec.responses))[:count])
        responses = []
        for i in chosen:
            r = spec.responses[int(i)]
            response: Data = {"id": r.id, "label": r.label.plain()}
            if r.effort:
                response["effort"] = r.effort if r.effort % 1 else int(r.effort)
            if r.cost:
                response["cost"] = max(1000, int(round(r.cost * revenue, -3)))
            response["mitigation"] = uniform(rng, r.mitigation)
            responses.append(response)
        risk: Data = {
            "id": risk_id,
            "kind": kind,
            "name": text.name.fill(**fill).plain(),
            "hazard_per_week": uniform(rng, spec.hazard, 3),
            "impact": uniform(rng, spec.impact),
            "duration_weeks": int(rng.integers(spec.duration[0], spec.duration[1] + 1)),
            "warning_weeks": warning_weeks,
        }
        if warning_weeks > 0 and text.warning is not None:
            risk["warning"] = text.warning.fill(**fill).plain()
        elif warning_weeks > 0:
            risk["warning_weeks"] = 0
        if target is not None:
            risk["target"] = target
        risk["responses"] = responses
        risk["max_times"] = 1
        out.append(risk)
    return out
