"""Answers to the rep's questions: truthful, vague or refused depending on trust (the thresholds
and each answer's spread are the scenario's ``negotiation.answers``).

Every answer carries a numeric estimate with its uncertainty (a mean and an sd), so what the rep
has learned can be measured against the truth in the debrief.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from game.scenario.models import AnswerRules, AnswerSpread
from game.scenario.option_values import stated_top_issues

TOPICS = ("needs", "priorities", "timeline", "competitors", "budget")
Quality = Literal["truthful", "vague", "refused"]

DEFAULT = AnswerRules()
"""The rules a scenario that does not say uses (``negotiation.answers``)."""


@dataclass(frozen=True)
class CustomerFacts:
    """The hidden facts answers are drawn from."""

    weights: dict[str, float]  # normalised
    ideal: dict[str, float | str]  # the customer's best option on each issue
    deadline: int  # offers before it stops
    alternative_discount: float | None  # discount of the best rival bid, if any
    min_discount: float  # smallest discount at which some outcome still beats its reservation
    list_price: float


@dataclass(frozen=True)
class Answer:
    topic: str
    quality: Quality
    estimate: dict[str, object]  # JSON-able
    stated_top: str | None = None  # the issue the customer said matters most, if it said


def quality_for(trust: float, rules: AnswerRules = DEFAULT) -> Quality:
    return rules.quality(trust)


def _sd(spread: AnswerSpread, quality: Quality) -> float:
    return spread.truthful if quality == "truthful" else spread.vague


def _stated_weights(
    facts: CustomerFacts, quality: Quality, rng: np.random.Generator, sd: float
) -> dict[str, float]:
    issues = list(facts.weights)
    true = np.array([facts.weights[i] for i in issues])
    noisy = np.clip(true + rng.normal(0.0, sd, true.size), 0.0, None)
    noisy = noisy / noisy.sum() if noisy.sum() > 0 else np.full(true.size, 1.0 / true.size)
    return {issue: float(w) for issue, w in zip(issues, noisy, strict=True)}


def _mean_sd(mean: float, sd: float, digits: int = 3) -> dict[str, float]:
    return {"mean": round(float(mean), digits), "sd": round(float(sd), digits)}


def answer(topic: str, facts: CustomerFacts, trust: float, rng: np.random.Generator,
           rules: AnswerRules = DEFAULT) -> Answer:
    """The customer's answer about ``topic`` at trust ``trust`` (draws only from ``rng``)."""
    if topic not in TOPICS:
        raise ValueError(f"unknown topic '{topic}' (topics: {', '.join(TOPICS)})")
    quality = quality_for(trust, rules)
    if quality == "refused":
        return Answer(topic, quality, {})
    weight_sd = _sd(rules.weight_sd, quality)
    if topic == "priorities":
        stated = _stated_weights(facts, quality, rng, weight_sd)
        top = max(stated, key=lambda i: stated[i])
        weights = {i: _mean_sd(w, weight_sd) for i, w in stated.items()}
        return Answer(topic, quality, {"weights": weights}, stated_top=top)
    if topic == "needs":
        if quality == "truthful":
            ranked = sorted(facts.weights, key=lambda i: -facts.weights[i])
            top_issues = stated_top_issues(facts.weights)  # what the needs text says too
            ideal = {i: facts.ideal[i] for i in ranked if facts.weights[i] > 0}
        else:
            stated = _stated_weights(facts, quality, rng, weight_sd)
            top_issues = [max(stated, key=lambda i: stated[i])]
            ideal = {top_issues[0]: facts.ideal[top_issues[0]]}
        return Answer(
            topic, quality, {"top_issues": top_issues, "ideal": ideal}, stated_top=top_issues[0]
        )
    if topic == "timeline":
        sd = _sd(rules.deadline_sd, quality)
        mean = (
            facts.deadline
            if quality == "truthful"
            else max(1, round(facts.deadline + rng.normal(0, sd)))
        )
        return Answer(topic, quality, {"deadline_rounds": _mean_sd(mean, sd, 1)})
    if topic == "competitors":
        if facts.alternative_discount is None:
            return Answer(topic, quality, {"has_alternative": False})
        sd = _sd(rules.discount_sd, quality)
        d = facts.alternative_discount
        mean = d if quality == "truthful" else max(0.0, d + rng.normal(0, sd))
        return Answer(topic, quality, {"has_alternative": True, "discount": _mean_sd(mean, sd)})
    # budget: the most they would pay per unit if everything else went their way
    sd = _sd(rules.price_sd, quality) * facts.list_price
    price = facts.list_price * (1.0 - facts.min_discount)
    mean = price if quality == "truthful" else price + rng.normal(0, sd)
    return Answer(topic, quality, {"max_price_per_unit": _mean_sd(mean, sd, 1)})
