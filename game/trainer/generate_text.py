"""The generated scenario's own words: title, briefing and the comment block at the top."""

from __future__ import annotations

from typing import Any

import numpy as np

from game.trainer.generate_data import Bi, GeneratorWords, IndustrySpec
from game.trainer.generate_world import pick

SCHEMA_LINE = "yaml-language-server: $schema=../schemas/scenario.schema.json"


def _joined(words: GeneratorWords, parts: list[Bi]) -> Bi:
    out = {}
    for lang in ("en", "zh"):
        texts = [getattr(p, lang) for p in parts]
        join = words.text.joiners[lang]
        out[lang] = texts[0] if len(texts) == 1 else join.comma.join(texts[:-1]) + join.last + texts[-1]
    return Bi(**out)


def title_and_briefing(
    rng: np.random.Generator, words: GeneratorWords, industry: IndustrySpec, data: dict[str, Any],
    territory: Bi,
) -> tuple[dict[str, str], dict[str, str]]:
    """The title and briefing of a generated scenario, in both languages."""
    text = words.text
    rounds = data["rounds"]
    company = Bi(**data["company"]["name"])
    specs = [next(p for p in industry.products if p.id == q["id"]) for q in data["company"]["products"]]
    products = [spec.topic or spec.noun for spec in specs]
    customers = data["market"]["customers"]
    values = {
        "territory": territory,
        "company": company,
        "industry": industry.name,
        "period": text.periods[rounds],
        "period_of": text.periods_of[rounds],
        "accounts_n": text.numbers[len(data["key_accounts"])],
        "rivals_n": text.numbers[len(data["competitors"])],
        "products": _joined(words, products),
        "customers": Bi(en=f"{customers:,}", zh=str(customers)),
        "customer_noun": industry.customer_noun,
    }
    title = pick(rng, text.titles).fill(**values)
    if title.en[0].islower():
        title = Bi(en=title.en[0].upper() + title.en[1:], zh=title.zh)
    parts = [text.opening.fill(**values), text.market.fill(**values), pick(rng, text.focus)]
    briefing = {
        "en": " ".join(p.en for p in parts),
        "zh": "".join(p.zh for p in parts),
    }
    return title.plain(), briefing


def header(words: GeneratorWords, data: dict[str, Any], industry: str, **figures: str) -> str:
    """The comment block: the schema line, what the file is and how it was made."""
    body = words.text.header.format(
        title=data["title"]["en"], seed=data["seed"], industry=industry, **figures
    )
    return f"{SCHEMA_LINE}\n{body}"
