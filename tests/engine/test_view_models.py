"""The trainee view is a whitelist: its schema names no hidden truth, and every field has a type.

The schema is walked field by field (``$ref``s followed; a dict's values and a list's items are
``*``), so a forbidden name is caught wherever it is nested, and a name that is fine in one place
(``weights`` the customer stated) can be forbidden in another.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from game.engine.view_models import TraineeView

Schema = dict[str, Any]

HIDDEN_ANYWHERE = frozenset({
    "u_customer", "customer_advantage", "reservation", "reservation_floor", "rv",
    "hazard_per_week", "truth", "tactic", "beta", "preferences", "frontier", "nash",
    "alternative_utility", "distance_to_frontier", "distance_to_nash", "question_quality",
    "trust_end", "aggressiveness", "price_index", "cost_index", "strategy", "vendor_shares",
    "churn", "purchase_rate", "credit_score", "warning_weeks", "max_times",
})
"""Names of hidden figures: no field of the view may carry one, at any depth."""

HIDDEN_AT = {
    "brief.key_accounts.*": {"preferences", "tactic", "trust", "deadline", "credit_rating",
                             "satisfaction"},
    "brief.risks.*": {"hazard_per_week", "warning_weeks", "max_times"},
    "brief.market": {"demand"},
    "brief.market.segments.*": {"size", "price_sensitivity", "quality_weight", "credit_score",
                                "purchase_rate", "satisfaction", "vendor_shares", "churn"},
    "brief.competitors.*": {"strategy", "quality", "price_index", "cost_index",
                            "reprice_every_weeks", "aggressiveness", "reaction"},
    "dilemmas.*": {"default", "when", "later"},
    "dilemmas.*.choices.*": {"proper", "later", "chance", "trust"},
}
"""Per parent path: the names of the scenario's hidden parts under it (they are fine elsewhere:
a served account's satisfaction, the timeline the customer stated)."""

ONLY_AT = {
    "weights": {"accounts.*.negotiation.learned.*"},  # what the customer said, with its error
    "trust": {"accounts.*.negotiation"},  # as read from the customer's tone
}
"""Names allowed under these parents only."""


def fields(schema: Schema) -> Iterator[tuple[str, str, Schema]]:
    """(parent path, name, node) of every field of ``schema``, depth first."""
    defs = schema.get("$defs", {})

    def walk(node: Schema, path: str, seen: frozenset[str]) -> Iterator[tuple[str, str, Schema]]:
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            if name not in seen:
                yield from walk(defs[name], path, seen | {name})
            return
        for name, child in node.get("properties", {}).items():
            yield path, name, child
            yield from walk(child, f"{path}.{name}" if path else name, seen)
        extra = node.get("additionalProperties")
        if isinstance(extra, dict):
            yield from walk(extra, f"{path}.*", seen)
        if isinstance(node.get("items"), dict):
            yield from walk(node["items"], f"{path}.*", seen)
        for key in ("prefixItems", "anyOf", "oneOf", "allOf"):
            for child in node.get(key, []):
                yield from walk(child, path, seen)

    yield from walk(schema, "", frozenset())


def untyped(schema: Schema) -> list[str]:
    """Paths of values the schema does not type (``Any``): a node with no type, reference,
    union, constant or enum, or a dict open to anything."""
    typing_keys = {"type", "$ref", "anyOf", "oneOf", "allOf", "const", "enum"}
    found = []
    for parent, name, node in fields(schema):
        path = f"{parent}.{name}" if parent else name
        for where, sub in _values(node, path):
            if not typing_keys & set(sub) or sub.get("additionalProperties") is True:
                found.append(where)
    return found


def _values(node: Schema, path: str) -> Iterator[tuple[str, Schema]]:
    """The node and, through unions, dicts and lists, every schema of a value inside it."""
    yield path, node
    for key in ("anyOf", "oneOf", "allOf", "prefixItems"):
        for child in node.get(key, []):
            yield from _values(child, path)
    for key in ("additionalProperties", "items"):
        if isinstance(node.get(key), dict):
            yield from _values(node[key], f"{path}.*")


def forbidden(schema: Schema) -> list[str]:
    """Paths of fields that name a hidden truth where the rep could read it."""
    found = []
    for parent, name, _ in fields(schema):
        path = f"{parent}.{name}" if parent else name
        if name in HIDDEN_ANYWHERE or name in HIDDEN_AT.get(parent, ()):
            found.append(path)
        elif name in ONLY_AT and parent not in ONLY_AT[name]:
            found.append(path)
    return found


def test_the_trainee_view_names_no_hidden_truth():
    assert forbidden(TraineeView.model_json_schema()) == []


def test_every_field_of_the_trainee_view_has_a_type():
    assert untyped(TraineeView.model_json_schema()) == []


def test_the_walk_reaches_the_nested_fields_it_judges():
    seen = {(parent, name) for parent, name, _ in fields(TraineeView.model_json_schema())}
    assert ("accounts.*.negotiation.learned.*", "weights") in seen
    assert ("accounts.*.negotiation", "trust") in seen
    assert ("brief.key_accounts.*", "volume") in seen
    assert ("brief.risks.*.responses.*", "mitigation") in seen
    assert ("knowledge.accounts.*", "deadline") in seen  # what the customer said in an interview


class _Preferences(BaseModel):
    weights: dict[str, float]


class _Account(BaseModel):
    id: str
    preferences: _Preferences
    notes: Any


class _Brief(BaseModel):
    key_accounts: tuple[_Account, ...]
    extra: dict[str, Any]


class _Leaky(BaseModel):
    brief: _Brief
    trust: float


def test_the_checks_catch_a_hidden_field_and_an_untyped_one():
    schema = _Leaky.model_json_schema()
    assert set(forbidden(schema)) == {
        "brief.key_accounts.*.preferences", "brief.key_accounts.*.preferences.weights", "trust"}
    assert set(untyped(schema)) == {"brief.key_accounts.*.notes", "brief.extra"}
