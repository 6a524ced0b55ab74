"""The generated conduct dilemmas (CW-63): one of each kind, put by the scenario's own people at
moments their deals make likely, with money scaled to the deal or to the round's revenue."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import numpy as np
from pydantic import Field

from game.scenario.loader import load_file
from game.trainer.generate_accounts import AccountPlan
from game.trainer.generate_data import Bi, _Data
from game.trainer.generate_world import Data, nice, pick

WORDS = Path(__file__).with_name("dilemma_words.yaml")
KINDS = ("kickback", "backdate", "overpromise", "leaked_price_list")


class Money(_Data):
    share: float = Field(gt=0, le=1)
    of: Literal["deal", "revenue"]


class LaterWords(_Data):
    chance: float = Field(ge=0, le=1)
    after_weeks: int = Field(ge=0, le=52)
    says: Bi
    money: Money | None = None
    trust: float = 0.0
    satisfaction: float = 0.0


class ChoiceWords(_Data):
    id: str
    act: Literal["comply", "refuse", "report", "counter", "ignore"]
    label: Bi
    says: Bi
    proper: bool = False
    best: bool = False
    money: Money | None = None
    effort: float = 0.0
    trust: float = 0.0
    later: list[LaterWords] = Field(default_factory=list)


class DilemmaWords(_Data):
    situation: Bi
    default: str
    choices: list[ChoiceWords] = Field(min_length=2)


class AllDilemmaWords(_Data):
    kickback: DilemmaWords
    backdate: DilemmaWords
    overpromise: DilemmaWords
    leaked_price_list: DilemmaWords


def dilemma_words() -> AllDilemmaWords:
    """The validated dilemma word file."""
    return load_file(WORDS, AllDilemmaWords)[0]


def dilemmas_data(rng: np.random.Generator, plans: list[AccountPlan], competitors: list[Data],
                  negotiation: Data, prices: dict[str, float], revenue: float) -> list[Data]:
    """Four dilemmas: a kickback asked in one account's talks, a back-dated contract asked by one
    that agreed a deal, a promise of a lead time faster than any the rep may offer, and a rival's
    leaked price list in a round's analysis."""
    words = dilemma_words()
    if not plans:
        return []
    delivery = next((i["values"] for i in negotiation["issues"] if i["id"] == "delivery_weeks"),
                    None)
    fastest = int(min(delivery)) if delivery else 2
    out = []
    for kind in KINDS:
        if kind == "overpromise" and fastest <= 1:
            continue  # nothing faster than the fastest week to ask for
        plan = pick(rng, plans)
        deal = float(plan.data["volume"]) * prices[plan.product]
        rival = pick(rng, competitors)
        fill = {"contact": plan.person, "account": plan.spec.name, "competitor": Bi(**rival["name"]),
                "fastest": _weeks(fastest), "asked": _weeks(max(1, fastest // 2))}
        base = {"deal": deal, "revenue": revenue}
        w: DilemmaWords = getattr(words, kind)
        asked_for = next((c.money for c in w.choices if c.act == "comply" and c.money), None)
        fill["fee"] = f"{_money(asked_for, base):,.0f}"  # what going along with it costs
        dilemma: Data = {"id": kind.replace("_", "-"), "kind": kind}
        if kind == "leaked_price_list":
            dilemma.update(round=1, phase="analysis")
        elif kind == "backdate":
            dilemma.update(round=int(plan.data["opportunity_round"]), phase="contract",
                           account=plan.id, when="deal")
        else:
            dilemma.update(round=int(plan.data["opportunity_round"]), phase="negotiation",
                           account=plan.id)
        dilemma["situation"] = w.situation.fill(**fill).plain()
        dilemma["choices"] = [_choice(c, fill, base) for c in w.choices]
        dilemma["default"] = w.default
        out.append(dilemma)
    return out


def _weeks(n: int) -> Bi:
    return Bi(en="a week" if n == 1 else f"{n} weeks", zh=f"{n}周")


def _money(m: Money | None, base: dict[str, float]) -> float:
    return 0.0 if m is None else float(nice(m.share * base[m.of]))


def _choice(c: ChoiceWords, fill: dict[str, object], base: dict[str, float]) -> Data:
    out: Data = {"id": c.id, "act": c.act, "label": c.label.fill(**fill).plain(),
                 "says": c.says.fill(**fill).plain()}
    out.update(_given(proper=c.proper, best=c.best))
    if c.money is not None:
        out["money"] = _money(c.money, base)
    out.update(_given(effort=c.effort, trust=c.trust))
    if c.later:
        out["later"] = []
        for later in c.later:
            item: Data = {"chance": later.chance, "after_weeks": later.after_weeks,
                          "says": later.says.fill(**fill).plain()}
            if later.money is not None:
                item["money"] = _money(later.money, base)
            item.update(_given(trust=later.trust, satisfaction=later.satisfaction))
            out["later"].append(item)
    return out


def _given(**fields: object) -> Data:
    """The fields that say something (a zero or False is the scenario format's default)."""
    return {k: v for k, v in fields.items() if v}
