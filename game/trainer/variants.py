"""Per-trainee variants of a scenario, for assessment mode (CW-61).

A variant differs from its scenario only within the ranges the scenario's ``variation`` block
declares: the key accounts' display names are drawn from the alternatives given, and their
volumes, reservation values and hidden issue weights are jittered; a jittered volume is restated
wherever the account's needs or persona write it (400, 六百), so text and deal agree. The draws come from a numpy
Generator seeded with sha256(scenario id, trainee id), so the same trainee always gets the same
variant and trainees cannot compare answers. A variant is a plain scenario: it validates like
one and has no variation block of its own.
"""

from __future__ import annotations

import hashlib
from typing import Any

import numpy as np
import yaml

from game.scenario.models import KeyAccount, Preferences, Scenario
from game.trainer.lint_deals import deal_possible
from game.trainer.quantities import restate

_DECIMALS = 4


def variant_rng(scenario_id: str, trainee_id: str) -> np.random.Generator:
    """The Generator of one trainee's variant: seeded from sha256 of both ids."""
    digest = hashlib.sha256(f"{scenario_id}\n{trainee_id}".encode()).digest()
    return np.random.default_rng(np.random.SeedSequence(int.from_bytes(digest, "big")))


def make_variant(scenario: Scenario, trainee_id: str) -> Scenario:
    """The variant of ``scenario`` for ``trainee_id`` (the scenario itself without variation).

    Per key account, in file order, the Generator draws a name index and then one uniform in
    [-1, 1) each for the volume, the reservation value and every weight, whatever the jitters
    are, so one jitter setting never shifts another's draws. Where the jittered preferences
    would leave no possible deal, the account keeps its original reservation, and if that is
    not enough, its original preferences.
    """
    if not trainee_id.strip():
        raise ValueError("a variant needs a trainee id")
    variation = scenario.variation
    if variation is None:
        return scenario
    rng = variant_rng(scenario.id, trainee_id)
    accounts: list[dict[str, Any]] = []
    for ka in scenario.key_accounts:
        names = [ka.name, *variation.names.get(ka.id, [])]
        pick = int(rng.integers(len(names)))
        volume_u, reservation_u = rng.uniform(-1.0, 1.0, size=2)
        weight_u = rng.uniform(-1.0, 1.0, size=len(ka.preferences.weights))
        data = ka.model_dump()
        data["name"] = names[pick].model_dump()
        data["volume"] = max(1, round(ka.volume * (1.0 + variation.volume_jitter * volume_u)))
        for field in ("needs", "persona"):
            data[field] = _restated(data[field], ka.volume, data["volume"])
        data["preferences"]["weights"] = {
            issue: round(max(0.0, w * (1.0 + variation.weights_jitter * u)), _DECIMALS)
            for (issue, w), u in zip(ka.preferences.weights.items(), weight_u, strict=True)
        }
        reservation = ka.preferences.reservation + variation.reservation_jitter * reservation_u
        data["preferences"]["reservation"] = round(min(0.99, max(0.0, reservation)), _DECIMALS)
        if deal_possible(scenario, ka):
            data["preferences"] = _keep_a_deal(scenario, ka, data["preferences"])
        accounts.append(data)
    data = scenario.model_dump()
    data["key_accounts"] = accounts
    data["variation"] = None
    return Scenario.model_validate(data)


def _restated(text: dict[str, Any] | None, old: int, new: int) -> dict[str, Any] | None:
    """A text's languages with the volume ``old`` written as ``new`` (so needs match the deal);
    a structured persona (and its absent needs) states the volume itself and is left alone."""
    if text is None or "buys" in text:
        return text
    return {lang: restate(v, old, new) if isinstance(v, str) else v for lang, v in text.items()}


def _keep_a_deal(scenario: Scenario, ka: KeyAccount, jittered: dict[str, Any]) -> dict[str, Any]:
    """``jittered`` preferences if a deal stays possible; else with the original reservation;
    else the original preferences."""
    original = ka.preferences.model_dump()
    for preferences in (jittered, {**jittered, "reservation": original["reservation"]}):
        candidate = ka.model_copy(update={"preferences": Preferences.model_validate(preferences)})
        if deal_possible(scenario, candidate):
            return preferences
    return original


def scenario_yaml(scenario: Scenario, header: str = "") -> str:
    """``scenario`` as YAML the loader reads back to an equal scenario; ``header`` lines are
    written first as comments."""
    data = _plain(scenario.model_dump(exclude_none=True))
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    comments = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return comments + body


def _plain(value: Any) -> Any:
    """Tuples as lists, recursively (YAML's safe dumper writes lists, not tuples)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
