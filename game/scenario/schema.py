"""JSON Schema of the scenario format, for editors (the VS Code YAML extension) and tools.

Generated from the pydantic models, then shaped for JSON Schema draft-07, the draft the YAML
extension validates with: ``definitions`` instead of ``$defs``, tuple items as an ``items``
list. Every property gets a title (the English name and the Chinese term), a description and
examples; the shared ``Text`` and ``Distribution`` blocks get theirs here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from game.scenario.models import Scenario

DRAFT = "http://json-schema.org/draft-07/schema#"
MODELINE = "# yaml-language-server: $schema=../schemas/scenario.schema.json"
"""The first line of a shipped scenario: it points the YAML extension at the schema."""

_SHARED: dict[str, dict[str, Any]] = {
    "Text": {
        "description": "Text 文本 — in English and/or Simplified Chinese, like {en: ..., zh: ...}; "
        "give both so every trainee reads their language.",
        "anyOf": [
            {"required": [lang], "properties": {lang: {"type": "string", "minLength": 1}}}
            for lang in ("en", "zh")
        ],
        "properties": {
            "en": ("English 英文 — the text in English.", "Business notebook"),
            "zh": ("Chinese 中文 — the text in Simplified Chinese.", "商用笔记本"),
        },
    },
    "Distribution": {
        "description": "Distribution 分布 — exactly one kind, optionally clipped, e.g. "
        "{normal: [1.0, 0.2], clip: [0.2, 3]}.",
        "oneOf": [
            {"required": [kind], "properties": {kind: {"not": {"type": "null"}}}}
            for kind in ("constant", "normal", "lognormal", "uniform", "beta", "triangular")
        ],
        "properties": {
            "constant": ("Constant 常数 — every customer gets this value.", 5),
            "normal": ("Normal 正态分布 — [mean, standard deviation].", [1.3, 0.25]),
            "lognormal": (
                "Log-normal 对数正态分布 — [mu, sigma] of the underlying normal; the median is "
                "exp(mu).",
                [1.1, 0.5],
            ),
            "uniform": ("Uniform 均匀分布 — [low, high].", [0.02, 0.06]),
            "beta": ("Beta 贝塔分布 — [a, b]; values in 0..1 with mean a/(a+b).", [4, 3]),
            "triangular": ("Triangular 三角分布 — [low, mode, high].", [0.5, 1.0, 2.0]),
            "clip": ("Clip 截断 — [low, high] bounds applied last.", [0, 1]),
        },
    },
}


def model_schema(model: type[BaseModel], title: str | None = None) -> dict[str, Any]:
    """The draft-07 JSON Schema of ``model`` with titles, descriptions and examples."""
    return draft7_schema(model.model_json_schema(ref_template="#/definitions/{model}"), title)


def draft7_schema(raw: dict[str, Any], title: str | None = None) -> dict[str, Any]:
    """A pydantic JSON Schema (made with ``ref_template="#/definitions/{model}"``) as the
    committed files hold one: draft-07, with titles, descriptions and examples."""
    definitions = raw.pop("$defs", {})
    for name, extra in _SHARED.items():
        if name in definitions:
            _annotate_shared(definitions[name], extra)
    schema: dict[str, Any] = {"$schema": DRAFT}
    if title:
        schema["title"] = title
    schema.update({k: v for k, v in raw.items() if k != "title" or not title})
    if definitions:
        schema["definitions"] = dict(sorted(definitions.items()))
    _walk(schema, _draft7)
    _walk(schema, _titles)
    return schema


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema of a scenario file."""
    return model_schema(Scenario, title="Sales Dojo scenario 销售道场场景")


def schema_text(schema: dict[str, Any]) -> str:
    """The schema as the committed file holds it: 2-space JSON, UTF-8, a final newline."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def title_of(description: str) -> str:
    """``"Unit cost 单位成本 — what ..."`` -> ``"Unit cost 单位成本"``."""
    return description.split(" — ", 1)[0].strip()


def _annotate_shared(definition: dict[str, Any], extra: dict[str, Any]) -> None:
    definition["description"] = extra["description"]
    for key in ("anyOf", "oneOf"):
        if key in extra:
            definition[key] = extra[key]
    for name, (description, example) in extra["properties"].items():
        prop = definition["properties"][name]
        prop["description"] = description
        prop["examples"] = [example]


def _walk(node: Any, visit: Callable[[dict[str, Any]], None]) -> None:
    if isinstance(node, dict):
        visit(node)
        for value in node.values():
            _walk(value, visit)
    elif isinstance(node, list):
        for item in node:
            _walk(item, visit)


def _draft7(node: dict[str, Any]) -> None:
    """Tuples: draft 2020-12 ``prefixItems`` -> draft-07 ``items`` as a list."""
    if "prefixItems" in node:
        node["items"] = node.pop("prefixItems")
        node["additionalItems"] = False


def _titles(node: dict[str, Any]) -> None:
    """Each property's title becomes its description's head, e.g. 'Unit cost 单位成本'."""
    properties = node.get("properties")
    if node.get("type") != "object" or not isinstance(properties, dict):
        return
    for prop in properties.values():
        if isinstance(prop, dict) and isinstance(prop.get("description"), str):
            prop["title"] = title_of(prop["description"])
