"""What a key account's own words (persona and needs, in English and Chinese) say it wants,
checked against its hidden preferences: a buyer who says "basic service is enough" must not value
premium service more, or it will ask for premium at the table and the trainee learns that words
mean nothing.

Three kinds of claim are read, each clause by clause:

- options written as words (service levels, training): "basic service is enough", 基础服务即可,
  and the phrases of the persona word file ("a full training programme", 完整的培训计划);
- numbers of an issue: delivery weeks ("within four weeks", "in two to four weeks", "within a
  month", 四周内交货, 一个月内), payment days ("60-day terms", "paid in 90 days", 付款期60天,
  90天付款, 货到付款) and the words for the ends of a scale ("fast delivery", "long payment
  terms", 快速交付, 付款期要长); the number names the option it falls on (a lead time "within"
  it: the slowest option no later than it);
- a count of what the account buys ("300 workstations", 300台): it must be its ``volume`` (or a
  share of it the values do not rank low).

An option named is contradicted when the account's values (its own ``preferences.values`` or the
usual ones, ``game.scenario.option_values``) rank it ``CLAIM_GAP`` or more below its favourite.
The texts read are the ones the trainee reads: a structured persona's generated ones too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from game.scenario.models import KeyAccount, Scenario
from game.scenario.option_values import account_option_values
from game.scenario.persona import Persona
from game.scenario.persona_text import CLAIM_GAP, account_texts
from game.scenario.persona_words import persona_words
from game.text.linebreak import NO_END, NO_START
from game.trainer.quantities import parse_chinese_number

GAP = CLAIM_GAP
"""A stated option worth this much less than the account's favourite one contradicts the words."""
CLAUSE = re.compile("[" + re.escape("".join(sorted(
    c for c in NO_START | NO_END if unicodedata.category(c) in ("Po", "Ps", "Pe") and c not in "%％‰'"
))) + "]")
"""What ends a clause: the stops, commas and brackets of both languages (the line breaker's)."""

_EN_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
               "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_EN_N = r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_ZH_N = r"(\d+|[一二两三四五六七八九十]+)"
_MEASURES = "台套把部件"
_UNIT_NOUNS = ("units", "notebooks", "laptops", "workstations", "servers", "computers", "pcs",
               "machines", "devices", "terminals", "sets", "chairs", "desks", "meters",
               "transmitters")


@dataclass(frozen=True)
class Contradiction:
    account: int  # index in key_accounts
    field: str  # "persona" or "needs"
    issue: str
    stated: str  # the option the words name
    favourite: str  # the option the account's values rank first
    stated_value: float
    favourite_value: float
    lang: str = "en"
    said: str = ""  # the words, as written
    kind: str = "option"  # "option" (a worded option), "number" (weeks, days) or "count" (units)
    count: int = 0  # for "count": the number of units the words give


@dataclass(frozen=True)
class Claim:
    """One option of an issue that a clause names."""

    issue: str
    option: float | str
    said: str
    kind: str  # "option" or "number"


def _number(word: str) -> float | None:
    word = word.lower()
    if word.isdigit():
        return float(word)
    if word in _EN_NUMBERS:
        return float(_EN_NUMBERS[word])
    parsed = parse_chinese_number(word)
    return float(parsed) if parsed is not None else None


def _at_most(options: Sequence[float | str], n: float) -> float:
    """The slowest option no later than ``n`` (the fastest when all are later)."""
    numbers = sorted(float(o) for o in options)
    within = [o for o in numbers if o <= n + 1e-9]
    return within[-1] if within else numbers[0]


def _nearest(options: Sequence[float | str], n: float) -> float:
    return min((float(o) for o in options), key=lambda o: (abs(o - n), o))


def _delivery(clause: str, lang: str, options: Sequence[float | str]) -> Iterator[tuple[float, str]]:
    if lang == "en":
        low = clause.lower()
        for m in re.finditer(rf"\b{_EN_N}\s*(?:to|-|or)\s*{_EN_N}\s*weeks?\b", low):
            for g in (1, 2):
                n = _number(m.group(g))
                if n is not None:
                    yield _at_most(options, n), m.group(0)
            low = low.replace(m.group(0), " ")
        for m in re.finditer(rf"\b(?:within|in|under)\s+{_EN_N}\s+(weeks?|months?)\b", low):
            n = _number(m.group(1))
            if n is not None:
                yield _at_most(options, n * (4 if m.group(2).startswith("month") else 1)), m.group(0)
        for m in re.finditer(rf"\b{_EN_N}[- ]weeks?\s+(?:delivery|lead time)", low):
            n = _number(m.group(1))
            if n is not None:
                yield _at_most(options, n), m.group(0)
        for m in re.finditer(r"\b(?:fast|quick|rapid|speedy)\s+delivery\b|\bdelivered\s+(?:fast|quickly)\b", low):
            yield min(float(o) for o in options), m.group(0)
        return
    for m in re.finditer(rf"{_ZH_N}\s*(?:到|至|-|~)\s*{_ZH_N}\s*周", clause):
        for g in (1, 2):
            n = _number(m.group(g))
            if n is not None:
                yield _at_most(options, n), m.group(0)
        clause = clause.replace(m.group(0), " ")
    for m in re.finditer(rf"{_ZH_N}\s*(周|个月)内", clause):
        n = _number(m.group(1))
        if n is not None:
            yield _at_most(options, n * (4 if m.group(2) == "个月" else 1)), m.group(0)
    for m in re.finditer(r"快速交[付货]|交[付货](?:要|要求)?快|尽快交[付货]", clause):
        yield min(float(o) for o in options), m.group(0)


def _payment(clause: str, lang: str, options: Sequence[float | str]) -> Iterator[tuple[float, str]]:
    if lang == "en":
        low = clause.lower()
        patterns = (r"\b(\d+)[- ]days?\s+(?:payment\s+)?terms\b",
                    r"\b(?:payment|paid|pay)\s+(?:on|in|within|after|at)\s+(\d+)\s+days\b",
                    r"\bterms\s+of\s+(\d+)\s+days\b")
        for pattern in patterns:
            for m in re.finditer(pattern, low):
                yield _nearest(options, float(m.group(1))), m.group(0)
        for m in re.finditer(r"\b(?:payment|pay|paid)\s+(?:on|at)\s+delivery\b", low):
            yield _nearest(options, 0.0), m.group(0)
        for m in re.finditer(r"\blong(?:er)?\s+(?:payment\s+)?terms\b|\blong\s+payment\b", low):
            yield max(float(o) for o in options), m.group(0)
        return
    for pattern in (r"付款期(?:为|是)?\s*(\d+)\s*天", r"(\d+)\s*天(?:的)?(?:付款期|账期|付款)"):
        for m in re.finditer(pattern, clause):
            yield _nearest(options, float(m.group(1))), m.group(0)
    for m in re.finditer(r"货到付款", clause):
        yield _nearest(options, 0.0), m.group(0)
    for m in re.finditer(r"付款期要长|(?:较|更)?长的?付款期|长账期|账期要长", clause):
        yield max(float(o) for o in options), m.group(0)


def _mentions(text: str, option: str, issue: str) -> bool:
    """Whether one clause of ``text`` names ``option`` and its issue (``service``, ``training``)."""
    return _mention(text, option, issue) is not None


def _mention(text: str, option: str, issue: str) -> str | None:
    word = re.compile(rf"\b{re.escape(option)}\b", re.IGNORECASE)
    head = re.compile(rf"\b{re.escape(issue.split('_')[0])}", re.IGNORECASE)
    for clause in CLAUSE.split(text):
        if word.search(clause) and head.search(clause):
            return clause.strip()
    return None


def _phrase(text: str, issue: str, option: str, lang: str) -> str | None:
    """The clause of ``text`` that says ``option`` of ``issue`` as the persona words do
    ("a full training programme", 基础服务), if one does."""
    words = persona_words().options.get(issue, {}).get(option)
    if words is None:
        return None
    phrase = words.pick(lang)
    return next((c.strip() for c in CLAUSE.split(text) if phrase.lower() in c.lower()), None)


def claims(text: str, lang: str, options: dict[str, list[float | str]]) -> Iterator[Claim]:
    """Every option of an issue that ``text`` (in ``lang``) names, clause by clause."""
    for issue, values in options.items():
        if all(isinstance(v, str) for v in values):
            for option in values:
                said = _mention(text, str(option), issue) if lang == "en" else None
                said = said or _phrase(text, issue, str(option), lang)
                if said is not None:
                    yield Claim(issue, option, said, "option")
    numeric = {i: v for i, v in options.items() if not any(isinstance(x, str) for x in v)}
    for clause in CLAUSE.split(text):
        if "delivery_weeks" in numeric:
            for option, said in _delivery(clause, lang, numeric["delivery_weeks"]):
                yield Claim("delivery_weeks", option, said, "number")
        if "payment_days" in numeric:
            for option, said in _payment(clause, lang, numeric["payment_days"]):
                yield Claim("payment_days", option, said, "number")


def counts(text: str, lang: str, ka: KeyAccount, measure: str) -> Iterator[tuple[int, str]]:
    """Every count of units the text gives (a number before what the account buys); ``measure``
    is the Chinese measure word of the account's product."""
    if lang == "en":
        nouns = set(_UNIT_NOUNS)
        if isinstance(ka.persona, Persona) and ka.persona.buys.en:
            nouns |= {ka.persona.buys.en.lower(), ka.persona.buys.en.split()[-1].lower()}
        noun = "|".join(sorted(map(re.escape, nouns), key=lambda n: (-len(n), n)))
        for m in re.finditer(rf"(?<![\d.,])(\d{{1,3}}(?:,\d{{3}})+|\d+)\s+(?:[a-z-]+\s+){{0,2}}?(?:{noun})\b",
                             text, re.IGNORECASE):
            yield int(m.group(1).replace(",", "")), m.group(0)
        return
    own = ka.persona if isinstance(ka.persona, Persona) else None
    word = (own.measure if own else None) or measure  # the persona's word, else its product's
    words = sorted({*_MEASURES, word}, key=lambda w: (-len(w), w))
    pattern = "|".join(map(re.escape, words))  # a trainer's measure word is text, not a pattern
    for m in re.finditer(rf"(\d[\d,]*|[一二两三四五六七八九十百千万]+)\s*({pattern})", text):
        if m.group(2) not in _MEASURES and not (own and text[m.end():].startswith(own.buys.pick("zh"))):
            continue  # a measure word as general as 个 counts units only before what they buy
        n = _number(m.group(1).replace(",", ""))
        if n is not None and n >= 2:
            yield int(n), m.group(0)


def _table(issue: str, values: list[float | str], ka: KeyAccount) -> np.ndarray:
    return account_option_values(issue, values, ka.preferences.values)


def contradictions(scenario: Scenario) -> Iterator[Contradiction]:
    """Each claim of a key account's words that its values rank well below its favourite, and
    each count of units that is not its volume."""
    options = {issue.id: list(issue.values) for issue in scenario.negotiation.issues}
    for n, account in enumerate(scenario.key_accounts):
        persona, needs = account_texts(scenario, account)
        for field, text in (("needs", needs), ("persona", persona)):
            for lang in ("en", "zh"):
                said = getattr(text, lang) or ""
                if said:
                    yield from _account_claims(n, account, field, lang, said, options,
                                               scenario.product(account.product).measure)


def _account_claims(
    n: int, account: KeyAccount, field: str, lang: str, text: str,
    options: dict[str, list[float | str]], measure: str,
) -> Iterator[Contradiction]:
    seen: set[tuple[str, str]] = set()
    for claim in claims(text, lang, options):
        values = options[claim.issue]
        table = _table(claim.issue, values, account)
        best = int(np.argmax(table))
        k = next(i for i, v in enumerate(values) if str(v) == str(claim.option) or (
            not isinstance(v, str) and not isinstance(claim.option, str) and abs(float(v) - float(claim.option)) < 1e-9))
        key = (claim.issue, str(values[k]))
        if key in seen or table[best] - table[k] < GAP:
            continue
        seen.add(key)
        yield Contradiction(n, field, claim.issue, _plain(values[k]), _plain(values[best]),
                            float(table[k]), float(table[best]), lang, claim.said, claim.kind)
    wanted = {account.volume}
    if "volume" in options:
        table = _table("volume", options["volume"], account)
        wanted |= {round(account.volume * float(s)) for s, v in zip(options["volume"], table, strict=True)
                   if v >= table.max() - GAP}
    for count, said in counts(text, lang, account, measure):
        if count not in wanted:
            yield Contradiction(n, field, "volume", str(count), str(account.volume), 0.0, 0.0, lang,
                                said, "count", count)


def _plain(value: float | str) -> str:
    return value if isinstance(value, str) else f"{float(value):g}"
