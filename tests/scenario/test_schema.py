"""The JSON Schema: committed files match the models, every field is documented, shipped
scenarios pass and the broken corpus fails (where the question is one a schema can answer)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from game.commands.trainer import GUIDES, SCHEMA_DIR, schema_files
from game.scenario.errors import ScenarioError
from game.scenario.loader import parse_tree, read_source
from game.scenario.schema import DRAFT, MODELINE, scenario_schema
from game.trainer.schema_docs import (
    FIELD_TEXT_ZH,
    SECTIONS,
    committed_section,
    explanation,
    generated_sections,
)

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))
CORPUS = Path(__file__).resolve().parent / "corpus"

# Corpus cases a JSON Schema cannot judge, and why.
NOT_SCHEMA_QUESTIONS: dict[str, str] = {
    "alias-bomb.yaml": "an alias bomb is refused while the YAML is read, before there is data",
    "colon-in-text.yaml": "a YAML syntax error: there is no data to validate",
    "full-width-colon.yaml": "a YAML syntax error: there is no data to validate",
    "misindented-key.yaml": "a YAML syntax error: there is no data to validate",
    "python-tag.yaml": "a YAML tag is refused while the YAML is read, before there is data",
    "duplicate-key.yaml": "a duplicate key exists only in the YAML text; the data keeps one",
    "dangling-segment.yaml": "a reference between ids: the loader checks references",
    "dangling-competitor.yaml": "a reference between ids: the loader checks references",
    "duplicate-id.yaml": "unique ids across list items: JSON Schema cannot say this",
    "price-below-cost.yaml": "a rule between two fields (list_price > unit_cost)",
}


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return scenario_schema()


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(schema)


def data_of(path: Path) -> Any:
    """The file's data as an editor sees it: JSON values, keys as text."""
    return json.loads(json.dumps(parse_tree(read_source(path), str(path)).data))


def test_committed_schemas_match_the_models() -> None:
    for name, text in schema_files().items():
        committed = SCHEMA_DIR / name
        assert committed.is_file(), f"{committed} is missing: run python main.py schema"
        assert committed.read_text(encoding="utf-8") == text, (
            f"{committed} is out of date: run python main.py schema --docs"
        )


def test_the_rubric_schema_is_written_when_the_assessment_has_a_rubric_model() -> None:
    from game.commands.trainer import rubric_model

    assert ("rubric.schema.json" in schema_files()) == (rubric_model() is not None)


def test_schema_is_valid_draft_07(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == DRAFT
    jsonschema.Draft7Validator.check_schema(schema)
    assert "$defs" not in json.dumps(schema) and "prefixItems" not in json.dumps(schema)


def _properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    blocks = [("Scenario", schema), *schema["definitions"].items()]
    return [
        (f"{name}.{key}", prop)
        for name, block in blocks
        for key, prop in block["properties"].items()
    ]


def test_every_field_has_a_title_description_and_example(schema: dict[str, Any]) -> None:
    fields = _properties(schema)
    assert len(fields) > 100
    for name, prop in fields:
        assert prop.get("description"), name
        assert prop.get("examples"), name
        assert prop.get("title") == prop["description"].split(" — ")[0], name


def test_every_description_gives_the_chinese_term(schema: dict[str, Any]) -> None:
    for name, prop in _properties(schema):
        head, _, rest = prop["description"].partition(" — ")
        assert rest, f"{name}: 'English term 中文 — explanation'"
        assert any("\u4e00" <= ch <= "\u9fff" for ch in head), f"{name}: no Chinese term"
        assert head[0].isascii(), f"{name}: the English term comes first"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_scenarios_pass_the_schema(
    path: Path, validator: jsonschema.Draft7Validator
) -> None:
    errors = [e.message for e in validator.iter_errors(data_of(path))]
    assert errors == []


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_scenarios_point_the_editor_at_the_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == MODELINE
    target = (path.parent / MODELINE.split("$schema=")[1]).resolve()
    assert target == (SCHEMA_DIR / "scenario.schema.json").resolve()


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.yaml")))
def test_schema_rejects_each_broken_case(name: str, validator: jsonschema.Draft7Validator) -> None:
    if name in NOT_SCHEMA_QUESTIONS:
        pytest.skip(NOT_SCHEMA_QUESTIONS[name])
    path = CORPUS / name
    try:
        data = data_of(path)
    except ScenarioError as err:
        assert err.codes == ["E004"], f"{name}: only an empty file may fail to parse here"
        data = None  # an empty document is null to an editor
    assert list(validator.iter_errors(data)), f"the schema accepts {name}"


def test_the_not_schema_cases_exist() -> None:
    assert set(NOT_SCHEMA_QUESTIONS) <= {p.name for p in CORPUS.glob("*.yaml")}


def test_schema_catches_the_shapes_the_models_refuse(validator: jsonschema.Draft7Validator) -> None:
    base = data_of(SHIPPED[0])
    two_kinds = json.loads(json.dumps(base))
    two_kinds["market"]["segments"][0]["size"] = {"normal": [1, 0.2], "uniform": [1, 2]}
    no_language = json.loads(json.dumps(base))
    no_language["title"] = {}
    for broken in (two_kinds, no_language):
        assert list(validator.iter_errors(broken))


# ---------------------------------------------------------------- the authoring guides


@pytest.mark.parametrize("lang", sorted(GUIDES))
def test_guides_field_reference_and_codes_are_up_to_date(lang: str, schema: dict[str, Any]) -> None:
    document = GUIDES[lang].read_text(encoding="utf-8")
    generated = generated_sections(schema, lang)
    for name in SECTIONS:
        assert committed_section(document, name) == generated[name], (
            f"{GUIDES[lang].name}: the {name} section is out of date: run python main.py schema --docs"
        )


def test_field_reference_names_every_field(schema: dict[str, Any]) -> None:
    text = generated_sections(schema, "en")["field-reference"]
    for name, _ in _properties(schema):
        _, key = name.split(".")
        assert f"| `{key}` |" in text, name


def _explanations(schema: dict[str, Any]) -> set[str]:
    """Every block's and field's explanation, as the guides show them."""
    blocks = [schema, *schema["definitions"].values()]
    texts = {explanation(b["description"]) for b in blocks if b.get("description")}
    texts |= {explanation(p["description"]) for _, p in _properties(schema)}
    return texts


def test_the_chinese_guide_explains_every_field_in_chinese(schema: dict[str, Any]) -> None:
    """Each explanation has its Chinese in the catalogue, which holds nothing else (an English
    text that changed leaves its old entry behind, and the new one without Chinese)."""
    catalogue = json.loads(FIELD_TEXT_ZH.read_text(encoding="utf-8"))
    needed = _explanations(schema)
    assert sorted(needed - set(catalogue)) == [], "explanations without Chinese"
    assert sorted(set(catalogue) - needed) == [], "Chinese for explanations no field has"
    for english, chinese in catalogue.items():
        assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese), english
    zh = generated_sections(schema, "zh")["field-reference"]
    unit_cost = next(p for n, p in _properties(schema) if n.endswith(".unit_cost"))
    assert catalogue[explanation(unit_cost["description"])] in zh


def test_schema_command_writes_files_and_check_reports_nothing_stale(tmp_path: Path) -> None:
    run = [sys.executable, "main.py", "schema"]
    written = subprocess.run(
        [*run, "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert written.returncode == 0, written.stderr
    for name, text in schema_files().items():
        assert (tmp_path / name).read_text(encoding="utf-8") == text
    checked = subprocess.run(
        [*run, "--check"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
