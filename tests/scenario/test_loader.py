"""Loading scenarios and other data files: what loads, what is refused, and where it points."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, Field

from game.scenario import yaml_nodes
from game.scenario.errors import ScenarioError
from game.scenario.loader import (
    MAX_BYTES,
    load_model,
    load_scenario,
    load_scenario_text,
    parse_tree,
)
from game.scenario.models import Scenario

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))


def located(exc: ScenarioError) -> list[tuple[str, int, int]]:
    return [(p.code, p.line, p.column) for p in exc.problems]


def refused(text: str | bytes) -> ScenarioError:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "t.yaml")
    return caught.value


# --------------------------------------------------------------------------- what loads


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_every_shipped_scenario_loads(path: Path) -> None:
    scenario, digest = load_scenario(path)
    assert isinstance(scenario, Scenario)
    assert digest == hashlib.sha256(path.read_bytes()).hexdigest()


def test_loading_from_text_and_bytes_gives_the_same_scenario(shipped_text: str) -> None:
    from_text = load_scenario_text(shipped_text)
    from_bytes = load_scenario_text(shipped_text.encode("utf-8"))
    assert from_text == from_bytes
    assert from_text.company.delivery_cost == {2: 40.0, 4: 15.0, 6: 5.0, 8: 0.0}


def test_digest_changes_with_any_byte(tmp_path: Path, shipped_text: str) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text(shipped_text, encoding="utf-8")
    second.write_text(shipped_text + "\n# a comment\n", encoding="utf-8")
    (one, digest_one), (two, digest_two) = load_scenario(first), load_scenario(second)
    assert one == two
    assert digest_one != digest_two


def test_utf8_byte_order_mark_is_accepted(shipped_text: str) -> None:
    assert load_scenario_text(b"\xef\xbb\xbf" + shipped_text.encode("utf-8")).id == (
        "east-china-territory"
    )


def test_anchors_and_merge_keys_load_like_pyyaml(shipped_text: str) -> None:
    text = shipped_text.replace(
        "  churn: {base: 0.002, threshold: 0.45, slope: 0.08}",
        "  churn: &churn {base: 0.002, threshold: 0.45, slope: 0.08}",
    ).replace(
        "      churn: {base: 0.0015, threshold: 0.45, slope: 0.06}",
        "      churn: {<<: *churn, slope: 0.06}",
    )
    assert text != shipped_text
    scenario = load_scenario_text(text)
    assert scenario.market.segments[1].churn.base == 0.002
    assert scenario.market.segments[1].churn.slope == 0.06


def test_yaml_1_1_scalars_resolve_as_the_safe_loader_does() -> None:
    tree = parse_tree("a: yes\nb: off\nc: 12:30\nd: 0x1F\ne: 1_000\nf: .inf\ng: ~\nh: '12:30'\n")
    assert tree.data == {
        "a": True,
        "b": False,
        "c": 750,
        "d": 31,
        "e": 1000,
        "f": float("inf"),
        "g": None,
        "h": "12:30",
    }


def test_tree_records_value_and_key_positions() -> None:
    tree = parse_tree("top:\n  items:\n    - {id: a, n: 1}\n    - id: b\n")
    assert tree.position(("top", "items", 1, "id")) == (4, 11)
    assert tree.key_position(("top", "items", 1, "id")) == (4, 7)
    assert tree.position(("top", "items", 0, "n")) == (3, 18)
    assert tree.key_position(("top",)) == (1, 1)


class Criterion(BaseModel):
    """A stand-in for another data file (e.g. a rubric) loaded the same way."""

    model_config = ConfigDict(extra="forbid")
    id: str
    weight: float = Field(gt=0)


class Rubric(BaseModel):
    model_config = ConfigDict(extra="forbid")
    criteria: list[Criterion]


def test_any_model_can_be_loaded_with_positions() -> None:
    rubric = load_model("criteria:\n  - id: revenue\n    weight: 2\n", Rubric)
    assert rubric.criteria[0].weight == 2.0
    with pytest.raises(ScenarioError) as caught:
        load_model("criteria:\n  - id: revenue\n    wieght: 2\n", Rubric, path="r.yaml")
    assert located(caught.value) == [("E102", 2, 5), ("E101", 3, 5)]
    assert "did you mean 'weight'?" in caught.value.problems[1].hint
    assert caught.value.problems[0].path == "r.yaml"


# --------------------------------------------------------------------------- files


def test_missing_file_is_e001(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(tmp_path / "nope.yaml")
    assert located(caught.value) == [("E001", 1, 1)]
    assert str(caught.value).startswith(f"{tmp_path / 'nope.yaml'}:1:1: error E001:")


def test_folder_is_e001(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(tmp_path)
    assert caught.value.codes == ["E001"]


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    target = tmp_path / "huge.yaml"
    target.write_bytes(b"x: [" + b"1," * (MAX_BYTES // 2) + b"1]\n")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(target)
    assert located(caught.value) == [("E002", 1, 1)]
    assert refused("a" * (MAX_BYTES + 1)).codes == ["E002"]


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n"])
def test_empty_documents_are_e004(text: str) -> None:
    assert located(refused(text)) == [("E004", 1, 1)]


# --------------------------------------------------------------------------- YAML level


def test_top_level_list_is_e014() -> None:
    assert located(refused("# scenario\n- id: a\n- id: b\n")) == [("E014", 2, 1)]


def test_tab_indentation_is_a_syntax_error_with_a_hint() -> None:
    exc = refused("id: a\ncompany:\n\tname: x\n")
    assert located(exc) == [("E010", 3, 1)]
    assert "spaces, not tabs" in exc.problems[0].hint


def test_unclosed_quote_points_at_where_it_opens() -> None:
    exc = refused('id: a\ntitle: {en: "East\nrounds: 4\nseed: 1\n')
    assert located(exc) == [("E010", 2, 13)]


def test_second_document_is_e010() -> None:
    assert located(refused("id: a\n---\nid: b\n")) == [("E010", 2, 1)]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("id: !include other.yaml\n", (1, 5)),
        ("seed: !!binary aGVsbG8=\n", (1, 7)),
        ("when: 2026-11-26\n", (1, 7)),
        ("ids: !!set {a, b}\n", (1, 6)),
        ("x: !!python/name:os.system\n", (1, 4)),
    ],
)
def test_non_standard_tags_and_timestamps_are_e011(text: str, where: tuple[int, int]) -> None:
    assert located(refused(text)) == [("E011", *where)]


def test_every_forbidden_tag_is_reported() -> None:
    exc = refused("a: !x 1\nb: 2\nc: !y 3\n")
    assert located(exc) == [("E011", 1, 4), ("E011", 3, 4)]


def test_too_many_aliases_is_e012() -> None:
    text = "a: &a 1\nb: [" + ", ".join(["*a"] * (yaml_nodes.MAX_ALIASES + 1)) + "]\n"
    exc = refused(text)
    assert exc.codes == ["E012"]
    assert exc.problems[0].line == 2


def test_self_referencing_alias_is_e012() -> None:
    assert located(refused("a: &loop [1, *loop]\n")) == [("E012", 1, 14)]


def test_deep_nesting_is_e012_not_a_crash() -> None:
    exc = refused("x: " + "[" * 3000 + "]" * 3000 + "\n")
    assert exc.codes == ["E012"]


def test_node_limit_is_e012(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_nodes, "MAX_NODES", 50)
    exc = refused("x: [" + ", ".join(["1"] * 60) + "]\n")
    assert exc.codes == ["E012"]


def test_expanded_size_limit_is_checked_before_expanding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_nodes, "MAX_NODES", 100)
    text = "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\nb: &b [*a, *a, *a, *a, *a]\nc: [*b, *b, *b]\n"
    assert located(refused(text)) == [("E012", 3, 4)]


def test_duplicate_keys_name_the_first_occurrence() -> None:
    exc = refused("id: a\nseed: 1\nrounds: 2\nseed: 3\n")
    assert located(exc) == [("E013", 4, 1)]
    assert "line 2" in exc.problems[0].hint


def test_keys_that_resolve_to_the_same_value_are_duplicates() -> None:
    assert located(refused("flags:\n  yes: 1\n  true: 2\n")) == [("E013", 3, 3)]


def test_bad_explicit_scalar_tags_are_e103() -> None:
    exc = refused("a: !!int twelve\nb: !!float x\nc: !!bool maybe\n")
    assert located(exc) == [("E103", 1, 4), ("E103", 2, 4), ("E103", 3, 4)]


def test_control_character_is_e003_at_its_position() -> None:
    assert located(refused("id: a\ntitle: b\x07c\n")) == [("E003", 2, 9)]


def test_lone_surrogate_in_text_is_e003() -> None:
    assert refused("id: a\ntitle: \ud800\n").codes == ["E003"]


# --------------------------------------------------------------------------- model level


def test_text_given_as_plain_string_suggests_the_language_mapping(shipped_text: str) -> None:
    text = shipped_text.replace("name: {en: Dragon Tech, zh: 龙腾科技}", "name: Dragon Tech")
    exc = refused(text)
    assert located(exc) == [("E103", 100, 11)]
    assert "{en: ..., zh: ...}" in exc.problems[0].hint


def test_union_alternatives_are_merged_into_one_problem(shipped_text: str) -> None:
    text = shipped_text.replace(
        "values: [basic, standard, premium]", "values: [basic, {a: 1}, premium]"
    )
    exc = refused(text)
    assert located(exc) == [("E103", 143, 23)]
    assert "expected a number or text, got a mapping" in exc.problems[0].hint


def test_bad_mapping_key_type_points_at_the_key(shipped_text: str) -> None:
    text = shipped_text.replace("delivery_cost: {2: 40, 4: 15", "delivery_cost: {2: 40, four: 15")
    assert located(refused(text)) == [("E103", 52, 26)]


def test_unknown_dictionary_key_reference_points_at_the_key(shipped_text: str) -> None:
    text = shipped_text.replace("us: 0.22, dragon: 0.36", "us: 0.22, dragn: 0.36")
    exc = refused(text)
    assert located(exc) == [("E105", 71, 33)]
    assert "did you mean 'dragon'?" in exc.problems[0].hint


def test_boolean_top_level_key_is_reported(shipped_text: str) -> None:
    exc = refused(shipped_text + "yes: 1\n")
    assert located(exc) == [("E103", shipped_text.count("\n") + 1, 1)]
    assert "quotes" in exc.problems[0].hint


def test_short_distribution_list_is_e104(shipped_text: str) -> None:
    exc = refused(shipped_text.replace("credit_score: {beta: [4, 3]}", "credit_score: {beta: [4]}"))
    assert located(exc) == [("E104", 68, 28)]


def test_a_reference_after_the_last_round_is_e105(shipped_text: str) -> None:
    text = shipped_text.replace("rounds: 4\n", "rounds: 2\n", 1)
    exc = refused(text)
    # two accounts' opportunity rounds, and the back-dated contract dilemma of round 3
    assert located(exc) == [("E105", 225, 24), ("E105", 246, 24), ("E105", 538, 12)]
    assert "rounds" in exc.problems[0].hint


def test_every_dangling_reference_is_reported_in_one_run(shipped_text: str) -> None:
    lines = shipped_text.splitlines(keepends=True)
    for number, old, new in [
        (88, "product: server", "product: servers"),
        (197, "segment: datacenter", "segment: datacentre"),
        (289, "target: dragon", "target: dragn"),
    ]:
        assert old in lines[number - 1]
        lines[number - 1] = lines[number - 1].replace(old, new)
    exc = refused("".join(lines))
    assert located(exc) == [("E105", 88, 16), ("E105", 197, 14), ("E105", 289, 13)]
    hints = [p.hint for p in exc.problems]
    assert ["did you mean 'server'?" in hints[0], "did you mean 'datacenter'?" in hints[1],
            "did you mean 'dragon'?" in hints[2]] == [True, True, True]


def test_a_reference_where_nothing_of_its_kind_is_defined_says_to_define_it_first(
        shipped_text: str) -> None:
    """With every key account taken out, a reference to one gets no spelling suggestion (there
    is nothing to be near) but the two ways out: define it, or remove the reference."""
    import yaml

    data = yaml.safe_load(shipped_text)
    data["key_accounts"] = []
    exc = refused(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    dangling = [p for p in exc.problems if p.code == "E105" and "(known: nothing)" in p.message]
    assert dangling, [p.message for p in exc.problems]
    for problem in dangling:
        assert "defines no key account" in problem.hint
        assert "did you mean" not in problem.hint and "nothing is allowed" not in problem.hint


def test_a_duplicate_id_and_a_dangling_reference_come_together(shipped_text: str) -> None:
    text = shipped_text.replace("target: dragon", "target: dragn", 1)
    text = text.replace("- id: harbor", "- id: summit", 1)
    found = located(refused(text))
    assert {code for code, _, _ in found} == {"E105"}
    assert {("E105", 115, 9), ("E105", 289, 13)} <= set(found)


def test_a_full_width_colon_after_a_key_is_named_on_its_own_line(shipped_text: str) -> None:
    text = shipped_text.replace("  service_capacity: 45", "  service_capacity：45", 1)
    (problem,) = refused(text).problems
    assert (problem.code, problem.line, problem.column) == ("E010", 42, 19)
    assert "full-width colon" in problem.message
    assert "'service_capacity: ...'" in problem.hint


def test_an_over_indented_key_gets_an_indentation_hint(shipped_text: str) -> None:
    text = shipped_text.replace("  service_capacity: 45", "   service_capacity: 45", 1)
    (problem,) = refused(text).problems
    assert (problem.code, problem.line) == ("E010", 42)
    assert "indented by 3 spaces and the line above by 2" in problem.hint
    assert "quotes" not in problem.hint


def test_a_colon_inside_a_value_still_gets_the_quoting_hint(shipped_text: str) -> None:
    text = shipped_text.replace("name: {en: Dragon Tech, zh: 龙腾科技}", "name: Dragon: Tech", 1)
    (problem,) = refused(text).problems
    assert "quotes" in problem.hint


# --------------------------------------------------------------------------- inherited accounts


def _with_inherited(text: str, terms: str) -> str:
    anchor = "    current_vendor: summit\n"
    assert anchor in text
    return text.replace(anchor, anchor + f"    inherited: {terms}\n", 1)


def test_an_inherited_contract_names_an_option_on_every_issue(shipped_text: str) -> None:
    ok = _with_inherited(shipped_text, "{price: 0.05, volume: 1.0, delivery_weeks: 4, "
                                       "payment_days: 30, service: standard}")
    scenario = load_scenario_text(ok)
    assert scenario.key_accounts[0].inherited == {"price": 0.05, "volume": 1.0, "delivery_weeks": 4,
                                                  "payment_days": 30, "service": "standard"}
    off_table = refused(_with_inherited(shipped_text, "{price: 0.07, volume: 1.0, delivery_weeks: 4, "
                                                      "payment_days: 30, service: standard}"))
    problem = off_table.problems[0]
    assert problem.code == "E105" and "'price' is 0.07" in problem.message
    assert "negotiation.issues" in problem.hint
    line = ok.splitlines().index(next(x for x in ok.splitlines() if "inherited:" in x)) + 1
    assert problem.line == line
    short = refused(_with_inherited(shipped_text, "{price: 0.05, volume: 1.0}"))
    assert "delivery_weeks, payment_days, service" in short.problems[0].message
    unknown = refused(_with_inherited(shipped_text, "{price: 0.05, volume: 1.0, delivery_weeks: 4, "
                                                    "payment_days: 30, service: standard, colour: red}"))
    assert "colour" in unknown.problems[0].message


# --------------------------------------------------------------------------- the negotiation table


@pytest.mark.parametrize(
    ("old", "new", "said", "at"),
    [
        ("values: [0.0, 0.05, 0.1, 0.15, 0.2, 0.25]", "values: [0.0, 0.05, ten, 0.15, 0.2, 0.25]",
         "option 3 is the text 'ten'", "values: [0.0, 0.05, ten"),
        ("values: [0.0, 0.05, 0.1, 0.15, 0.2, 0.25]", "values: [0.0, 0.05, 0.1, 0.15, 0.2, 1.5]",
         "price option 1.5", "values: [0.0, 0.05, 0.1, 0.15, 0.2, 1.5]"),
        ("values: [0.5, 0.75, 1.0]", "values: [0, 0.75, 1.0]", "volume option 0",
         "values: [0, 0.75, 1.0]"),
        ("service_cost: {basic: 0, standard: 20, premium: 55}",
         "service_cost: {basic: 0, premium: 55}", "service level 'standard' has no cost",
         "values: [basic, standard, premium]"),
    ],
    ids=["text", "discount-of-1.5", "no-volume", "service-without-cost"],
)
def test_an_option_the_game_cannot_play_is_refused_at_the_option(
    shipped_text: str, old: str, new: str, said: str, at: str
) -> None:
    """Once loaded, such a game ran until its first key-account talks and failed there."""
    assert old in shipped_text
    text = shipped_text.replace(old, new, 1)
    (problem,) = refused(text).problems
    assert problem.code == "E105" and said in problem.message
    assert problem.hint
    assert problem.line == next(n for n, x in enumerate(text.splitlines(), 1) if at in x)
