"""The persona line and the needs a structured persona says, in English and Chinese.

Nothing here is written by hand per account: the contact's style comes from the tactic, their
openness from the starting trust (the thresholds at which answers turn vague or truthful), the
issues named as mattering most are the ones the interview names (``stated_top_issues``), and the
option named as wanted on an issue is the one the account's option values favour. So the briefing
cannot contradict the hidden preferences, and no weight or value is ever printed. A hand-written
persona (a plain text) is shown as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from game.scenario.models import KeyAccount, Scenario
from game.scenario.option_values import (
    account_option_values,
    normalised_issue_weights,
    stated_top_issues,
    usual_option_values,
)
from game.scenario.persona import Persona
from game.scenario.persona_words import Openness, WantKind, persona_words
from game.scenario.text import LANGUAGES, Text

CLAIM_GAP = 0.25
"""An option worth this much less to the account than its favourite is one its words must not
ask for; the delivery the needs promise to accept reaches exactly as far as the options within it."""



@dataclass(frozen=True)
class Want:
    """One thing the needs say the account wants on an issue."""

    issue: str
    kind: WantKind  # a key of the word file's ``wants``
    option: float | str  # the option the words name (for delivery: the slowest acceptable)
    enough: bool = False  # said as "... is enough": less than the usual best suits them


@dataclass(frozen=True)
class StatedNeeds:
    """What a structured persona's needs text says, before it is worded."""

    top: list[str]  # the issues named as mattering most
    wants: list[Want]  # in the order they are said


def _options(scenario: Scenario) -> dict[str, list[float | str]]:
    return {issue.id: list(issue.values) for issue in scenario.negotiation.issues}


def stated_needs(scenario: Scenario, ka: KeyAccount) -> StatedNeeds:
    """The issues a persona names and the options it asks for, from the preferences alone.

    Named: the issues tied with the interview's two most important ones, then any other issue
    whose own values favour less than the usual best (said as "... is enough"). Asked for on each: the
    option the values rank first; for delivery, every lead time worth at least the favourite's
    value less ``CLAIM_GAP`` ("within four weeks").
    """
    options = _options(scenario)
    weights = normalised_issue_weights(list(options), ka.preferences.weights)
    top = [i for i in stated_top_issues(weights) if weights[i] > 0]
    bar = min((weights[i] for i in top), default=1.0)
    named = sorted((i for i in options if weights[i] >= bar - 1e-12 and weights[i] > 0),
                   key=lambda i: -weights[i])
    wants = [w for i in named if (w := _want(i, options[i], ka, named=True)) is not None]
    for issue, opts in options.items():
        if issue in named or weights[issue] <= 0 or issue not in ka.preferences.values:
            continue
        want = _want(issue, opts, ka, named=False)
        if want is not None and want.enough:
            wants.append(want)
    return StatedNeeds(top=top, wants=wants)


def _want(issue: str, opts: list[float | str], ka: KeyAccount, named: bool) -> Want | None:
    values = account_option_values(issue, opts, ka.preferences.values)
    best = int(np.argmax(values))
    favourite = opts[best]
    if issue == "price":
        top_discount = max(range(len(opts)), key=lambda k: float(opts[k]))
        return Want(issue, "price_best", favourite) if best == top_discount else None
    if issue == "volume":
        whole = best == max(range(len(opts)), key=lambda k: float(opts[k]))
        return Want(issue, "volume_whole" if whole else "volume_part", favourite)
    if issue == "delivery_weeks":
        fine = [k for k in range(len(opts)) if values[k] >= values[best] - CLAIM_GAP - 1e-12]
        slowest = max(fine, key=lambda k: float(opts[k]))
        if float(opts[slowest]) >= max(float(o) for o in opts):
            return Want(issue, "delivery_any", opts[slowest])
        return Want(issue, "delivery_within", opts[slowest])
    if issue == "payment_days":
        return Want(issue, "payment_now" if float(favourite) == 0 else "payment_days", favourite)
    usual_best = int(np.argmax(usual_option_values(issue, opts)))
    enough = not named and best != usual_best and str(favourite) != "none"
    return Want(issue, "level_enough" if enough else "level", favourite, enough=enough)


# --------------------------------------------------------------------------- wording


def _number(n: float, lang: str) -> str:
    table = persona_words().numbers[lang]
    whole = int(n)
    return str(table.get(whole, whole)) if whole == n else f"{n:g}"


def _option_word(issue: str, option: float | str, lang: str) -> str:
    known = persona_words().options.get(issue, {}).get(str(option))
    if known:
        return known.pick(lang)
    said = persona_words().issues[issue].pick(lang)
    return f"{option} {said}" if lang == "en" else f"{option}{said}"


def _want_text(want: Want, lang: str) -> str:
    template = persona_words().wants[want.kind].pick(lang)
    issue = persona_words().issues[want.issue].pick(lang)
    if want.kind == "volume_part":
        return template.format(share=f"{float(want.option):.0%}")
    if want.kind == "delivery_within":
        return template.format(weeks=_number(float(want.option), lang))
    if want.kind == "payment_days":
        return template.format(days=f"{float(want.option):g}")
    return template.format(option=_option_word(want.issue, want.option, lang), issue=issue)


def _listed(items: list[str], lang: str) -> str:
    w = persona_words()
    if len(items) <= 1:
        return "".join(items)
    return w.comma.pick(lang).join(items[:-1]) + w.and_.pick(lang) + items[-1]


_OPENNESS: dict[str, Openness] = {"truthful": "open", "vague": "general", "refused": "guarded"}
"""What the briefing says of a customer who answers this way at its starting trust."""


def persona_line(scenario: Scenario, ka: KeyAccount) -> Text:
    """The persona as the briefing shows it (a hand-written one as written)."""
    persona = ka.persona
    if not isinstance(persona, Persona):
        return persona
    w = persona_words()
    openness: Openness = _OPENNESS[scenario.negotiation.answers.quality(ka.trust)]
    out: dict[str, str] = {}
    for lang in LANGUAGES:
        background = persona.background.pick(lang) if persona.background else ""
        if background and lang == "en":
            background += " "
        out[lang] = w.line.pick(lang).format(
            name=persona.name.pick(lang), role=persona.role.pick(lang), background=background,
            style=w.style[ka.tactic.kind].pick(lang), openness=w.openness[openness].pick(lang),
        )
    return Text(**out)


def needs_line(scenario: Scenario, ka: KeyAccount) -> Text:
    """The needs as the briefing and the interview show them (hand-written ones as written)."""
    persona = ka.persona
    if not isinstance(persona, Persona):
        if ka.needs is None:  # the model refuses a plain persona without needs
            raise ValueError(f"key account '{ka.id}' has no needs")
        return ka.needs
    w = persona_words()
    said = stated_needs(scenario, ka)
    asked = [x for x in said.wants if not x.enough]
    enough = [x for x in said.wants if x.enough]
    out: dict[str, str] = {}
    for lang in LANGUAGES:
        top = _listed([w.issues[i].pick(lang) for i in said.top], lang)
        purpose = persona.purpose.pick(lang) if persona.purpose else ""
        fill = {
            "volume": f"{ka.volume:,}" if lang == "en" else str(ka.volume),
            "buys": persona.buys.pick(lang),
            "measure": persona.measure or scenario.product(ka.product).measure,
            "purpose": purpose,
            "wants": _listed([_want_text(x, lang) for x in asked], lang),
            "enough": "".join(w.enough.pick(lang).format(what=_want_text(x, lang)) for x in enough),
            "top": top[:1].upper() + top[1:] if lang == "en" else top,
            "verb": w.verb["many" if len(said.top) > 1 or top.endswith("terms") else "one"],
        }
        template = (w.needs if asked else w.needs_plain).pick(lang)
        text = template.format(**fill)
        out[lang] = re.sub(r"\s+([:;,.])", r"\1", " ".join(text.split())) if lang == "en" else text
    return Text(**out)


def account_texts(scenario: Scenario, ka: KeyAccount) -> tuple[Text, Text]:
    """(persona line, needs) of ``ka`` as the trainee reads them."""
    return persona_line(scenario, ka), needs_line(scenario, ka)
