"""The planning outlook (CW-13, CW-14, CW-20): what research says a segment's price and channel
would earn, before the rep commits to them.

It uses only what the trainee knows — the questionnaire's estimates of the segment's price
sensitivity, quality weight, satisfaction and our share, market research's estimates of the
rivals' prices and quality — with the company's own figures (list price, unit cost, channels)
and the market's choice model, including buyers' loyalty to their current vendor. It is a static
estimate: the rivals answer a cut of ours at once by the share the scenario assumes
(``economics.rivals.outlook_matching``) and make no later move. A guide to the trade-off between
margin per unit and the share of buyers won, never the truth. Without the research it needs it
says so (None) instead of guessing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from game.engine.view_models import Knowledge, ScenarioBrief

DISCOUNT_STEP = 0.01


@dataclass(frozen=True)
class Outlook:
    """Estimated result of one (discount, channel) in a segment, per buyer choosing a vendor."""

    discount: float
    channel: str
    price: float
    unit_margin: float  # price after the channel's fee, less the unit cost
    share: float  # estimated share of the segment's buyers who choose us
    contribution: float  # share x unit margin: contribution per unit the segment buys


def segment_outlook(
    scenario: ScenarioBrief, knowledge: Knowledge, segment: str, discount: float, channel: str,
    coverage: float = 0.0,
) -> Outlook | None:
    """The outlook of ``discount`` through ``channel`` in ``segment`` from the trainee's research
    (None until a questionnaire of the segment and market research are done), with field
    ``coverage`` 0..1 there (what the effort plan brings; 0 leaves it out)."""
    seg = scenario.segment(segment)
    known = knowledge.segments.get(segment)
    q = None if known is None else known.questionnaire
    market = knowledge.market
    if q is None or market is None or q.price_sensitivity.mean is None:
        return None
    rivals = [
        (c.prices[segment].mean, c.quality.mean)
        for c in market.competitors.values()
        if segment in c.prices and c.prices[segment].mean is not None and c.quality.mean is not None
    ]
    product = scenario.product(seg.product)
    ch = scenario.channel(channel)
    logit = scenario.market.logit
    retention = scenario.economics.retention
    sensitivity = max(0.0, float(q.price_sensitivity.mean))
    quality_weight = max(0.0, float(q.quality_weight.mean or 0.0))
    ours_now = min(1.0, max(0.0, float(q.our_share.mean or 0.0)))
    satisfaction = float(q.satisfaction.mean or retention.reference)
    loyalty = logit.relationship + retention.loyalty * (satisfaction - retention.reference)
    price = product.list_price * (1.0 - discount)

    def utility(p: float, quality: float) -> float:
        return -logit.price * sensitivity * p / product.list_price + logit.quality * quality_weight * quality

    ours = (utility(price, product.quality) + math.log(ch.reach)
            + scenario.economics.field.relationship_gain * coverage)
    # rivals answer a cut in part, as far as the outlook assumes (``economics.rivals``)
    follow = 1.0 - scenario.economics.rivals.outlook_matching * discount
    others = [utility(float(p) * follow, float(qu)) for p, qu in rivals]

    def our_chance(loyal_to: int | None) -> float:
        """Chance a buyer loyal to vendor ``loyal_to`` (0: us, i: the i-th rival) picks us."""
        v = [ours + (loyalty if loyal_to == 0 else 0.0)]
        v += [u + (loyalty if loyal_to == i + 1 else 0.0) for i, u in enumerate(others)]
        top = max(v)
        e = [math.exp(x - top) for x in v]
        return e[0] / sum(e)

    # buyers are our customers (loyal to us) or, evenly, the rivals' customers
    share = ours_now * our_chance(0)
    if others:
        share += (1.0 - ours_now) * sum(our_chance(i + 1) for i in range(len(others))) / len(others)
    margin = price * (1.0 - ch.fee) - product.unit_cost
    return Outlook(discount, channel, price, margin, share, share * margin)


def discount_options(scenario: ScenarioBrief) -> list[float]:
    """The segment discounts the rep may set alone, in steps of one per cent."""
    steps = int(round(scenario.company.discount_authority / DISCOUNT_STEP))
    return [round(i * DISCOUNT_STEP, 4) for i in range(steps + 1)]


def best_terms(scenario: ScenarioBrief, knowledge: Knowledge, segment: str) -> Outlook | None:
    """The (discount, channel) with the highest estimated contribution (None without research)."""
    best: Outlook | None = None
    for channel in scenario.company.channels:
        for d in discount_options(scenario):
            o = segment_outlook(scenario, knowledge, segment, d, channel.id)
            if o is None:
                return None
            if best is None or o.contribution > best.contribution + 1e-9:
                best = o
    return best


def round_coverage(scenario: ScenarioBrief, now: float, share: float) -> float:
    """Mean field coverage over the next round when it starts at ``now`` and the effort plan
    gives the segment ``share``: c(t) = p + (now - p) q^t, p = share ** response,
    q = 1 - 1 / coverage_weeks."""
    field = scenario.economics.field
    p = share ** field.response
    q = 1.0 - min(1.0, 1.0 / field.coverage_weeks)
    weeks = scenario.weeks_per_round
    mean_q = (1.0 - q**weeks) / ((1.0 - q) * weeks) if q < 1.0 else 1.0
    return p + (now - p) * mean_q

