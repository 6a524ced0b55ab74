"""Lint: each rule trips on its own corpus file at the expected line and column.

Every file in tests/trainer/lint_corpus/ is the Riverside scenario with one thing changed (its
first comment line says what), so each case shows exactly the problem its rule is about.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.engine.game import Game
from game.negotiation.space import OutcomeSpace
from game.scenario.errors import Problem
from game.scenario.loader import load_scenario
from game.trainer.lint import LINT_CODES, check_file, check_source, lint_problem, problems_json
from game.trainer.lint_base import LINT_CODES_ZH
from game.trainer.lint_deals import deal_zone

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")
LINT_CORPUS = Path(__file__).resolve().parent / "lint_corpus"

# file -> every (code, line, column) it must produce, and nothing else
CASES: dict[str, set[tuple[str, int, int]]] = {
    "e201-impossible-deal.yaml": {("E201", 142, 20)},
    "e201-rival-bid-beats-every-deal.yaml": {("E201", 166, 20)},
    "e208-price-war-without-target.yaml": {("E208", 188, 11)},
    # so large a market also dwarfs the revenue target
    "e209-purchase-size-too-large.yaml": {("E209", 76, 13), ("W210", 216, 12)},
    "w210-revenue-target-tiny.yaml": {("W210", 216, 12)},
    "w211-research-cost-absurd.yaml": {("W211", 53, 49)},
    "w213-dilemma-consequence-after-the-end.yaml": {("W213", 180, 40)},
    "w214-dilemma-money-decides-the-game.yaml": {("W214", 176, 16)},
    "w208-delivery-option-without-cost.yaml": {("W208", 111, 19)},
    "w209-unknown-courseware.yaml": {("W209", 25, 91)},
    "w201-beyond-authority.yaml": {("W201", 162, 20)},
    "e202-revenue-impossible.yaml": {("E202", 216, 12)},
    "w202-revenue-whole-market.yaml": {("W202", 216, 12)},
    "e203-share-impossible.yaml": {("E203", 218, 17)},
    "w207-economics-out-of-range.yaml": {("W207", 237, 17)},
    "w203-share-unrealistic.yaml": {("W203", 218, 17)},
    "e204-too-many-customers.yaml": {("E204", 219, 14)},
    "e205-margin-impossible.yaml": {("E205", 217, 11)},
    # options the game cannot play: the loader refuses them, at the option
    "e105-service-without-cost.yaml": {("E105", 117, 33)},
    "e105-text-discount.yaml": {("E105", 108, 38)},
    "w204-certain-risk.yaml": {("W204", 169, 22)},
    "w205-account-product.yaml": {("W205", 131, 14)},
    # each in English and in Chinese, at the text of each language
    "w212-words-contradict-values.yaml": {("W212", 153, 11), ("W212", 154, 11)},
    "w212-lead-time-contradicts-values.yaml": {("W212", 130, 11), ("W212", 131, 11)},
    "w212-payment-days-contradict-values.yaml": {("W212", 153, 11), ("W212", 154, 11)},
    "w212-count-contradicts-volume.yaml": {("W212", 153, 11), ("W212", 154, 11)},
    "w206-deadline-beyond-limit.yaml": {("W206", 158, 15)},
    # manager scenarios (the key-account team with one thing changed; game.manager.lint)
    "w601-manager-seat-cannot-pay.yaml": {("W601", 39, 19)},
    "w602-manager-accounts-beyond-fair-load.yaml": {("W602", 39, 151)},
    "w603-manager-account-after-the-end.yaml": {("W603", 22, 9)},
    "w604-manager-no-interview-possible.yaml": {("W604", 37, 116)},
    "w401-manager-text-in-one-language.yaml": {("W401", 27, 23)},
    "w301-yes-as-number.yaml": {("W301", 180, 21)},
    "w302-clock-time.yaml": {("W302", 210, 18)},
    # the mapping also fails validation: the warning says why
    "w303-colon-in-list.yaml": {("E103", 25, 14), ("W303", 25, 14)},
    "w304-octal-seed.yaml": {("W304", 26, 7)},
    "w305-hash-in-text.yaml": {("W305", 151, 11)},
    # the glued item is also no courseware section
    "w306-full-width-comma.yaml": {("W209", 25, 14), ("W306", 25, 19)},
    "w401-missing-translation.yaml": {("W401", 34, 13)},
    "w501-unused-product.yaml": {("W501", 38, 11)},
    "w502-dominated-channel.yaml": {("W502", 51, 11)},
    "w503-unwanted-issue.yaml": {("W503", 115, 11)},
    "w504-values-without-weight.yaml": {("W504", 163, 9)},
    "w505-warning-never-shown.yaml": {("W505", 195, 7)},
}


# file -> what its own rule's hint tells the trainer to do, in English and in Chinese
HINTS: dict[str, tuple[str, str]] = {
    "e201-impossible-deal.yaml": ("lower preferences.reservation below 0.97", "把 preferences.reservation 降到 0.97 以下"),
    "e201-rival-bid-beats-every-deal.yaml": ("lowering preferences.reservation does not help", "降低 preferences.reservation 没有用，客户会转向对手的报价"),
    "e202-revenue-impossible.yaml": ("use a target below 98,877,800", "请使用低于 98,877,800 的目标"),
    "e203-share-impossible.yaml": ("use a target below 100%", "请使用低于 100% 的目标"),
    "e204-too-many-customers.yaml": ("use a target of at most 3,002", "请使用不超过 3,002 的目标"),
    "e205-margin-impossible.yaml": ("use a target below 35%", "请使用低于 35% 的目标"),
    "e105-service-without-cost.yaml": ("add 'gold: <cost per unit>'", "在 company.service_cost 中加上 'gold: <每单位成本>'"),
    "e105-text-discount.yaml": ("e.g. 0.1 for a 10% discount", "10% 的折扣写成 0.1"),
    "e208-price-war-without-target.yaml": ("add 'target: <competitor id>'", "加上 'target: <竞争对手 id>'（竞争对手：thrifty, northstar）"),
    "e209-purchase-size-too-large.yaml": ("clip: [1, 2147483647]", "请调小采购量，或用 'clip: [1, 2147483647]' 限定范围"),
    "w201-beyond-authority.yaml": ("raise company.manager_authority", "提高 company.manager_authority"),
    "w202-revenue-whole-market.yaml": ("use a target below 8,285,751", "请使用低于 8,285,751 的目标"),
    "w203-share-unrealistic.yaml": ("use a target below 96%", "请使用低于 96% 的目标"),
    "w204-certain-risk.yaml": ("lower hazard_per_week, e.g. to 0.0385", "请降低 hazard_per_week，例如降到 0.0385"),
    "w205-account-product.yaml": ("use product 'notebook'", "改用产品 'notebook'"),
    "w212-words-contradict-values.yaml": ("put 'basic' first (e.g. service: [1.0, 0.8, 0.8])", "设置让 'basic' 排第一的价值"),
    "w212-lead-time-contradicts-values.yaml": ("change the words so they ask for 2", "修改文字，让它要求 2"),
    "w212-payment-days-contradict-values.yaml": ("change the words so they ask for 60", "修改文字，让它要求 60"),
    "w212-count-contradicts-volume.yaml": ("write 300 in the text", "在文字中写 300"),
    "w206-deadline-beyond-limit.yaml": ("use a deadline of at most 10", "把 deadline 设为不超过 10"),
    "w207-economics-out-of-range.yaml": ("keep values in 0.02..0.4", "请保持在 0.02..0.4 之内"),
    "w208-delivery-option-without-cost.yaml": ("add '4: <extra cost per unit>'", "加上 '4: <每单位额外成本>'"),
    "w209-unknown-courseware.yaml": ("CW-15, CW-20", "请使用课程的章节编号之一：CW-01, CW-02"),
    "w210-revenue-target-tiny.yaml": ("35-45% of the average whole market", "请把目标设在 2,900,013-3,728,588 左右"),
    "w211-research-cost-absurd.yaml": ("a small share of a round's revenue", "只占一轮销售额的一小部分"),
    "w213-dilemma-consequence-after-the-end.yaml": ("shorten after_weeks", "缩短 after_weeks"),
    "w214-dilemma-money-decides-the-game.yaml": ("under 620,000", "低于 620,000"),
    "w301-yes-as-number.yaml": ("put it in quotes ('yes')", "请加上引号（'yes'）"),
    "w302-clock-time.yaml": ("put it in quotes ('25:00')", "加上引号（'25:00'）使它保持为文字"),
    "w303-colon-in-list.yaml": ("put the whole text in quotes", "给整段文字加上引号"),
    "w304-octal-seed.yaml": ("drop the leading zero (755)", "去掉开头的 0（755）"),
    "w305-hash-in-text.yaml": ("put the whole text in quotes", "给整段文字加上引号，或改用全角的“＃”"),
    "w306-full-width-comma.yaml": ("ASCII comma between them: CW-01, CW-03", "在条目之间改用半角逗号：CW-01, CW-03"),
    "w401-missing-translation.yaml": ("add 'zh: ...' with the Chinese text", "加上 'zh: ...' 并写出中文"),
    "w401-manager-text-in-one-language.yaml": ("add 'zh: ...' with the Chinese text", "加上 'zh: ...' 并写出中文"),
    "w601-manager-seat-cannot-pay.yaml": ("lower pay.target_pay to at most 57,167", "把 pay.target_pay 降到 57,167 以下"),
    "w602-manager-accounts-beyond-fair-load.yaml": ("raise pay.fair_accounts to 2 or hiring.max_reps to 7", "把 pay.fair_accounts 提高到 2，或把 hiring.max_reps 提高到 7"),
    "w603-manager-account-after-the-end.yaml": ("make rounds at least 3", "把 rounds 设为至少 3"),
    "w604-manager-no-interview-possible.yaml": ("at most 12", "设为不超过 12"),
    "w501-unused-product.yaml": ("or remove it", "或者删除它"),
    "w502-dominated-channel.yaml": ("give each channel a trade-off", "让每个渠道都有取舍"),
    "w503-unwanted-issue.yaml": ("give 'volume' a weight", "给 'volume' 权重"),
    "w504-values-without-weight.yaml": ("give 'payment_days' a weight", "在 preferences.weights 下给 'payment_days' 权重"),
    "w505-warning-never-shown.yaml": ("set warning_weeks", "把 warning_weeks 设为"),
}  # fmt: skip


def check_case(path: Path) -> list[Problem]:
    """The lint of a corpus file: a manager scenario's, or a rep scenario's."""
    from game.manager.lint import check_manager
    from game.manager.loader import is_manager_file

    return check_manager(path) if is_manager_file(path) else check_file(path)


def located(problems: list[Problem]) -> set[tuple[str, int, int]]:
    return {(p.code, p.line, p.column) for p in problems}


@pytest.mark.parametrize("name", sorted(CASES))
def test_rule_trips_at_its_line_and_column(name: str) -> None:
    path = LINT_CORPUS / name
    problems = check_case(path)
    assert located(problems) == CASES[name]
    for problem in problems:
        assert problem.path == str(path)
        assert problem.severity == ("error" if problem.code.startswith("E") else "warning")
        assert problem.message and problem.hint
        head = f"{path}:{problem.line}:{problem.column}: {problem.severity} {problem.code}: "
        assert str(problem).startswith(head)
        assert f"\n  hint: {problem.hint}" in str(problem)


@pytest.mark.parametrize("name", sorted(HINTS))
def test_rule_says_what_to_do_in_english_and_chinese(name: str) -> None:
    english, chinese = HINTS[name]
    code = name[:4].upper()
    problems = [p for p in check_case(LINT_CORPUS / name) if p.code == code]
    assert problems
    for problem in problems:
        assert english in problem.hint
        assert chinese in problem.hint_in("zh")
        assert CJK.search(problem.message_in("zh"))
        severity = "错误" if code.startswith("E") else "警告"
        head = f"{LINT_CORPUS / name}:{problem.line}:{problem.column}: {severity} {code}："
        assert problem.format("zh").startswith(head)
        assert f"\n  提示：{problem.hint_in('zh')}" in problem.format("zh")


def test_every_case_has_its_hint_in_both_languages() -> None:
    assert set(HINTS) == set(CASES)


def test_every_lint_code_has_a_corpus_case_and_every_case_a_file() -> None:
    covered = {code for found in CASES.values() for code, _, _ in found if code in LINT_CODES}
    assert covered == set(LINT_CODES)
    assert {p.name for p in LINT_CORPUS.glob("*.yaml")} == set(CASES)


def test_every_case_file_says_what_it_breaks() -> None:
    for name in CASES:
        first = (LINT_CORPUS / name).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# Lint corpus: " + name[:4].upper())


def test_codes_are_stable_and_described_in_both_languages() -> None:
    for code, meaning in LINT_CODES.items():
        assert code[0] in "EW" and code[1:].isdigit() and len(code) == 4
        assert meaning and LINT_CODES_ZH[code]
    assert set(LINT_CODES_ZH) == set(LINT_CODES)


def test_an_unknown_code_is_refused() -> None:
    with pytest.raises(ValueError):
        lint_problem("x.yaml", 1, 1, "W999", "message", "hint")


def test_problems_come_sorted_by_position() -> None:
    text = (LINT_CORPUS / "w401-missing-translation.yaml").read_text(encoding="utf-8")
    text = text.replace("seed: 20260301", "seed: 0755").replace(
        "expedite_cost: 1500", "expedite_cost: 25:00"
    )
    problems = check_source(text, "several.yaml")
    assert [(p.code, p.line) for p in problems] == [("W304", 26), ("W401", 34), ("W302", 210)]


def test_a_loader_error_stops_the_model_rules_but_not_the_yaml_traps() -> None:
    text = (LINT_CORPUS / "w302-clock-time.yaml").read_text(encoding="utf-8")
    text = text.replace("rounds: 2", "rounds: two")
    codes = [p.code for p in check_source(text, "broken.yaml")]
    assert codes == ["E103", "W302"]


def test_unreadable_and_broken_files_give_the_loaders_problems(tmp_path: Path) -> None:
    assert [p.code for p in check_file(tmp_path / "missing.yaml")] == ["E001"]
    assert [p.code for p in check_source("a: [1, 2", "x.yaml")] == ["E010"]
    assert [p.code for p in check_source("- just\n- a list\n", "x.yaml")] == ["E014"]


# ---------------------------------------------------------------- YAML traps: no false alarms


def _riverside() -> str:
    return (ROOT / "scenarios" / "riverside-first-territory.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("expedite_cost: 1500", "expedite_cost: 1500  # 1,500 per expedited delivery"),
        (
            "name: {en: Office notebook, zh: 办公笔记本}",
            "name: {en: 'Office notebook #1', zh: 办公笔记本}",
        ),
        ("seed: 20260301", "seed: 0"),
        ("    trust: 0.6\n", "    trust: 0.6  # friendly\n"),
    ],
)
def test_quoted_values_and_ordinary_comments_are_not_traps(old: str, new: str) -> None:
    text = _riverside()
    assert old in text
    assert check_source(text.replace(old, new, 1), "ok.yaml") == []


def test_a_comment_right_after_text_is_not_a_cut_when_it_starts_with_a_space() -> None:
    text = _riverside().replace(
        "name: {en: Office notebook, zh: 办公笔记本}",
        "name:\n        en: Office notebook # the product\n        zh: 办公笔记本",
    )
    assert check_source(text, "ok.yaml") == []


def test_an_aliased_trap_is_reported_once_where_it_is_written() -> None:
    text = _riverside().replace(
        "        effort: 1\n        mitigation: 0.3\n",
        "        effort: 1\n        mitigation: &m yes\n",
    )
    text = text.replace(
        "        cost: 6000\n        mitigation: 0.7\n",
        "        cost: 6000\n        mitigation: *m\n",
    )
    found = [(p.code, p.line) for p in check_source(text, "alias.yaml")]
    written = text.splitlines().index("        mitigation: &m yes") + 1
    assert found == [("W301", written)]


def test_a_boolean_key_is_a_trap_too() -> None:
    text = _riverside().replace(
        "service_cost: {basic: 0, standard: 15, premium: 40}",
        "service_cost: {basic: 0, standard: 15, premium: 40, on: 5}",
    )
    problems = check_source(text, "key.yaml")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "on: 5}" in row)
    assert located(problems) == {("E103", line, 3), ("W301", line, 55)}


# ---------------------------------------------------------------- the command line


def run(*args: str) -> subprocess.CompletedProcess:
    english = {**os.environ, "LC_ALL": "C.UTF-8"}  # the messages' language is the locale's
    return subprocess.run(
        [sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env=english,
    )


def test_validate_exit_codes_warnings_pass_errors_fail_usage_is_two() -> None:
    warned = run("validate", str(LINT_CORPUS / "w401-missing-translation.yaml"))
    assert warned.returncode == 0
    assert "ok (1 warning)" in warned.stdout
    assert "warning W401" in warned.stderr and "  hint: " in warned.stderr
    failed = run("validate", str(LINT_CORPUS / "e201-impossible-deal.yaml"))
    assert failed.returncode == 1 and "error E201" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert run("validate", "--format", "xml", "x.yaml").returncode == 2


def test_validate_speaks_chinese_when_asked_or_when_the_locale_is_chinese() -> None:
    path = str(LINT_CORPUS / "w401-missing-translation.yaml")
    asked = run("validate", "--lang", "zh", path)
    assert asked.returncode == 0
    assert "：没有错误（1 个警告）" in asked.stdout
    assert ": 警告 W401：" in asked.stderr and "\n  提示：加上 'zh: ...' 并写出中文" in asked.stderr
    env = {**os.environ, "LC_ALL": "zh_CN.UTF-8"}
    located_zh = subprocess.run(
        [sys.executable, "main.py", "validate", path], cwd=ROOT, capture_output=True, text=True,
        timeout=120, env=env,
    )
    assert "警告 W401" in located_zh.stderr
    english = run("validate", "--lang", "en", path)
    assert "warning W401" in english.stderr and "提示" not in english.stderr


def test_validate_json_carries_the_chosen_language_and_the_catalog_keys() -> None:
    path = str(LINT_CORPUS / "e208-price-war-without-target.yaml")
    document = json.loads(run("validate", "--json", "--lang", "zh", path).stdout)
    assert document["command"] == "validate" and document["ok"] is False
    (found,) = document["problems"]
    assert found["code"] == "E208" and found["lang"] == "zh"
    assert found["key"] == "E208.price_war_without_target"
    assert found["hint_key"] == "E208.price_war_without_target_hint"
    assert "没有指定竞争对手" in found["message"] and "target: <竞争对手 id>" in found["hint"]


def test_validate_json_lists_every_problem_for_tools() -> None:
    files = [LINT_CORPUS / "w303-colon-in-list.yaml", LINT_CORPUS / "w304-octal-seed.yaml"]
    res = run("validate", "--format", "json", *map(str, files))
    assert res.returncode == 1
    document = json.loads(res.stdout)
    assert [f["errors"] for f in document["files"]] == [1, 0] and document["ok"] is False
    found = document["problems"]
    assert [(p["code"], p["line"], p["column"]) for p in found] == [
        ("E103", 25, 14),
        ("W303", 25, 14),
        ("W304", 26, 7),
    ]
    assert set(found[0]) == {
        "path", "line", "column", "severity", "code", "message", "hint", "key", "hint_key", "lang"
    }  # fmt: skip
    assert json.loads(problems_json([])) == []


# ------------------------------------------------- references the game cannot honour: the hints


@pytest.mark.parametrize(
    ("name", "hint_fragment"),
    [
        ("e208-price-war-without-target.yaml", "add 'target: <competitor id>'"),
        ("w208-delivery-option-without-cost.yaml", "add '4: <extra cost per unit>'"),
        ("w209-unknown-courseware.yaml", "CW-15, CW-20"),
        ("e209-purchase-size-too-large.yaml", "clip: [1, 2147483647]"),
        ("w306-full-width-comma.yaml", "ASCII comma between them: CW-01, CW-03"),
        ("w210-revenue-target-tiny.yaml", "35-45% of the average whole market"),
        ("w211-research-cost-absurd.yaml", "a small share of a round's revenue"),
    ],
)
def test_reference_rules_say_what_to_write(name: str, hint_fragment: str) -> None:
    code = name[:4].upper()
    (problem,) = [p for p in check_file(LINT_CORPUS / name) if p.code == code]
    assert hint_fragment in problem.hint


def test_every_courseware_id_the_shipped_scenarios_name_is_a_section() -> None:
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        assert "W209" not in {p.code for p in check_file(path)}


# --------------------------------------------------------------- declared languages (W401)


def _declared(value: str = "[zh, en]") -> str:
    """Riverside with ``languages: <value>`` on the line after its courseware."""
    text = _riverside()
    courseware = next(line for line in text.splitlines() if line.startswith("courseware:"))
    return text.replace(courseware, f"{courseware}\nlanguages: {value}", 1)


def _chinese_only(text: str) -> str:
    """The scenario with every English text removed (flow and block style)."""
    text = re.sub(r"\{en: [^{}]*?, zh: ([^{}]*)\}", r"{zh: \1}", text)
    return re.sub(r"(?m)^(\s*)en: .*\n(?=\1zh: )", "", text)


def test_a_chinese_only_scenario_that_declares_zh_gets_no_translation_noise() -> None:
    chinese = _chinese_only(_declared())
    undeclared = check_source(chinese, "zh.yaml")
    assert len(undeclared) > 20 and {p.code for p in undeclared} == {"W401"}
    assert "languages: [zh]" in undeclared[0].hint
    declared = chinese.replace("languages: [zh, en]", "languages: [zh]")
    assert check_source(declared, "zh.yaml") == []


def test_a_missing_text_in_a_declared_language_is_still_reported() -> None:
    chinese = _chinese_only(_declared()).replace("languages: [zh, en]", "languages: [zh]")
    text = chinese.replace("{zh: 办公笔记本}", "{en: Office notebook}", 1)
    assert text != chinese
    assert [p.code for p in check_source(text, "zh.yaml")] == ["W401"]


def test_a_scenario_without_languages_is_read_as_bilingual() -> None:
    text = _chinese_only(_declared()).replace("languages: [zh, en]\n", "")
    assert {p.code for p in check_source(text, "old.yaml")} == {"W401"}


@pytest.mark.parametrize(
    ("value", "code", "column", "fragment"),
    [
        ("[zh, zh]", "E106", 12, "each language may appear once"),
        ("[]", "E104", 12, "at least one"),
        ("[fr]", "E104", 13, "'zh' or 'en'"),
    ],
)
def test_languages_must_be_zh_or_en_once_each(
    value: str, code: str, column: int, fragment: str
) -> None:
    text = _declared(value)
    line = text.splitlines().index(f"languages: {value}") + 1
    (problem,) = check_source(text, "bad.yaml")
    assert (problem.code, problem.line, problem.column) == (code, line, column)
    assert fragment in problem.message + problem.hint


def test_a_deal_the_reservation_allows_but_the_best_rival_bid_beats_is_impossible() -> None:
    path = LINT_CORPUS / "e201-rival-bid-beats-every-deal.yaml"
    scenario, _ = load_scenario(path)
    greenleaf = scenario.key_accounts[1]
    space = OutcomeSpace(scenario.negotiation)
    assert deal_zone(space, scenario, greenleaf).acceptable > 0  # its reservation alone allows one
    zone = deal_zone(space, scenario, greenleaf, Game(scenario))
    assert zone.acceptable == 0 and zone.floor == pytest.approx(0.8)
    (problem,) = check_file(path)
    assert (problem.code, problem.line, problem.column) == ("E201", 166, 20)
    assert "'greenleaf-design': the best rival bid (price 0, delivery_weeks 4, payment_days 30, " \
        "service standard) is worth 0.80 to it, above its reservation 0.35" in problem.message
    assert "lowering preferences.reservation does not help" in problem.hint


def test_the_certain_risk_hint_promises_the_strikes_its_hazard_gives() -> None:
    text = (LINT_CORPUS / "w204-certain-risk.yaml").read_text(encoding="utf-8")
    text = text.replace("hazard_per_week: 0.5", "hazard_per_week: 1", 1)
    text = text.replace("max_times: 1\n", "max_times: 1000\n", 1)
    (problem,) = check_source(text, "w204.yaml")
    assert problem.code == "W204"
    assert "to 0.5 for about 13 strike(s) over the game's 26 weeks" in problem.hint
    assert "1000 strike" not in problem.hint
