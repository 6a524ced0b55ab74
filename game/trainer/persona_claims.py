"""What a key account's own words (persona and needs, in English) say it wants, checked against its
hidden preferences: a buyer who says "basic service is enough" must not value premium service
more, or it will ask for premium at the table and the trainee learns that words mean nothing.

Only options written as words (service levels, training) are read: a sentence names the option
and its issue in one clause ("basic service is enough", "premium on-site service"). The values
compared are the account's own ``preferences.values`` or, where it gives none, the values every
customer holds by default (``game.negotiation.moves.usual_values``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from game.negotiation.moves import usual_values
from game.scenario.models import Scenario

GAP = 0.25
"""A stated option worth this much less than the account's favourite one contradicts the words."""
CLAUSE = re.compile(r"[;,.!?:()]")


@dataclass(frozen=True)
class Contradiction:
    account: int  # index in key_accounts
    field: str  # "persona" or "needs"
    issue: str
    stated: str  # the option the words name
    favourite: str  # the option the account's values rank first
    stated_value: float
    favourite_value: float


def _mentions(text: str, option: str, issue: str) -> bool:
    """Whether one clause of ``text`` names ``option`` and its issue (``service``, ``training``)."""
    word = re.compile(rf"\b{re.escape(option)}\b", re.IGNORECASE)
    head = re.compile(rf"\b{re.escape(issue.split('_')[0])}", re.IGNORECASE)
    return any(word.search(clause) and head.search(clause) for clause in CLAUSE.split(text))


def contradictions(scenario: Scenario) -> Iterator[Contradiction]:
    """Each key account whose words name a worded option its values rank well below its best."""
    options = {issue.id: issue.values for issue in scenario.negotiation.issues}
    for n, account in enumerate(scenario.key_accounts):
        for issue, values in options.items():
            if not all(isinstance(v, str) for v in values) or len(values) < 2:
                continue
            own = account.preferences.values.get(issue)
            table = list(own) if own and len(own) == len(values) else list(usual_values(options, issue))
            best = max(range(len(values)), key=lambda k: table[k])
            for field in ("needs", "persona"):
                text = getattr(account, field).en or ""
                for k, option in enumerate(values):
                    if k != best and table[best] - table[k] >= GAP and _mentions(text, str(option), issue):
                        yield Contradiction(n, field, issue, str(option), str(values[best]),
                                            float(table[k]), float(table[best]))
