"""The balance preview as HTML: complete, well formed, in zh and en, written atomically, and
written by the lab command."""

from __future__ import annotations

import json
import re
import string
import subprocess
import sys
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from game.assessment.balance import TARGETS, BalanceReport, run_balance
from game.assessment.rubric import load_rubric
from game.bots.registry import GAMING, GRADED
from game.records import files
from game.records.errors import RecordsError
from game.reports import balance_page
from game.reports.balance_page import LANGS, load_text, render, write_report
from game.scenario.models import Scenario

ROOT = Path(__file__).resolve().parents[2]
RIVERSIDE = ROOT / "scenarios" / "riverside-first-territory.yaml"
VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "area", "base", "source"}


@pytest.fixture(scope="module")
def report(shipped_path) -> BalanceReport:
    return run_balance(shipped_path, 3, customers=1000)


@pytest.fixture(scope="module")
def varied() -> BalanceReport:
    """A scenario with a variation block, its variants played."""
    return run_balance(RIVERSIDE, 3, customers=1000, variants=2)


class Checker(HTMLParser):
    """Collects problems (unclosed or stray tags) and the text a reader sees."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.texts: list[str] = []
        self.quiet = 0  # inside <style> or <code>
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append(tag)
        if tag in ("style", "code"):
            self.quiet += 1
        for key, value in attrs:
            if key == "aria-label" and value:
                self.texts.append(value)
            if key == "id" and value:
                self.ids.append(value)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # <circle .../> and friends

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()
        if tag in ("style", "code"):
            self.quiet -= 1

    def handle_data(self, data: str) -> None:
        if not self.quiet and data.strip():
            self.texts.append(data)


def parse(html: str) -> Checker:
    checker = Checker()
    checker.feed(html)
    checker.close()
    return checker


def visible(html: str) -> str:
    return "\n".join(parse(html).texts)


# ---------------------------------------------------------------- content


@pytest.mark.parametrize("lang", LANGS)
def test_the_report_names_every_competency_tier_account_risk_and_target(report, shipped, lang):
    text = visible(render(report, lang))
    words = load_text()
    rubric, _ = load_rubric()
    for comp in rubric.competencies:
        assert comp.name.pick(lang) in text and comp.id in text, comp.id
    for tier in GRADED:
        assert words["tier"][tier][lang] in text, tier
    for account in shipped.key_accounts:
        assert account.name.pick(lang) in text and account.id in text, account.id
    for risk in shipped.risks:
        assert risk.name.pick(lang) in text and risk.id in text, risk.id
    for kpi in TARGETS:
        assert words["target"][kpi][lang] in text, kpi
    assert shipped.title.pick(lang) in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_html_is_well_formed(report, varied, lang):
    for r in (report, varied):
        html = render(r, lang)
        checker = parse(html)
        assert checker.problems == []
        assert checker.stack == [], "unclosed tags"
        assert len(checker.ids) == len(set(checker.ids)), "duplicate ids"
        assert html.count("<svg") == html.count("</svg>") >= 4
        assert "<script" not in html and "http://" not in html.replace(
            'xmlns="http://www.w3.org/2000/svg"', ""
        ), "self-contained: no scripts, nothing fetched"


def test_every_flag_shows_its_title_and_fix(report):
    assert report.flags, "the resized quick report still has separation or risk flags"
    for lang in LANGS:
        html = render(report, lang)
        assert html.count('class="flag"') == len(report.flags)
        assert load_text()["flags"]["fix"][lang] in html


def test_the_variants_section_shows_each_variant(varied, report):
    for lang in LANGS:
        text = visible(render(varied, lang))
        assert "trainee-1" in text and "trainee-2" in text
        assert load_text()["variants"]["title"][lang] in text
        quiet = visible(render(report, lang))
        assert load_text()["variants"]["not_run"][lang] in quiet


def _field_names(model: type[BaseModel], seen: set[str] | None = None) -> set[str]:
    """Every key of the scenario format (they are written in the fix texts as they are)."""
    seen = set() if seen is None else seen
    for name, info in model.model_fields.items():
        seen.add(name)
        for arg in _types(info.annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel) and arg is not model:
                _field_names(arg, seen)
    return seen


def _types(annotation: Any) -> list[Any]:
    args = getattr(annotation, "__args__", None)
    if not args:
        return [annotation]
    return [t for a in args for t in _types(a)]


TECHNICAL = {"Hedges", "g", "AUC", "ICC", "S", "BB", "B", "CCC"}
"""Symbols kept in Chinese statistics and credit texts as they are."""


def test_the_zh_report_has_no_english_words_but_ids(report, varied, shipped):
    for r in (report, varied):
        text = visible(render(r, "zh"))
        ids = {r.scenario_id, r.rubric_id, *GRADED, *GAMING}
        ids |= {c for c, _ in r.competencies} | {a.id for a in r.accounts}
        ids |= {k.id for k in r.risks} | {f"trainee-{i}" for i in range(1, 3)}
        names = " ".join(
            [r.title.pick("zh"), *(a.name.pick("zh") for a in r.accounts)]
            + [k.name.pick("zh") for k in r.risks]
        )
        allowed = ids | set(re.findall(r"[A-Za-z]+", names))
        left = _english_left(text, allowed)
        assert left == [], f"English left in the zh report: {sorted(set(left))}"
        assert not set(GRADED) & set(text.split()), "tier ids shown instead of their names"


def _english_left(text: str, allowed: set[str]) -> list[str]:
    fields = _field_names(Scenario)
    text = re.sub(r"[\w/.-]+\.(?:md|yaml)\b", " ", text)  # file names
    left = []
    for token in re.findall(r"--[a-z][a-z-]*|[A-Za-z][A-Za-z0-9_.\-]*", text):
        token = token.rstrip(".-")
        if token in allowed or token in TECHNICAL or token.startswith("--"):
            continue
        if all(part in fields for part in token.split(".")):
            continue  # a key of the scenario format, e.g. targets.revenue
        left.append(token)
    return left


def test_no_chinese_text_of_the_report_has_english_words():
    """Every zh string of balance_text.json (flags included, whether or not a report raised
    them): only keys of the scenario format, command-line options and statistics symbols."""
    text = json.loads(balance_page.TEXT_FILE.read_text(encoding="utf-8"))

    def zh(node: Any) -> list[str]:
        if isinstance(node, dict) and "zh" in node and isinstance(node["zh"], str):
            return [re.sub(r"\{[a-z_]+\}", " ", node["zh"])]
        return [t for v in node.values() for t in zh(v)] if isinstance(node, dict) else []

    strings = zh(text)
    assert len(strings) > 100
    left = [(s, _english_left(s, set())) for s in strings]
    assert [x for x in left if x[1]] == []


def test_every_text_is_given_in_both_languages_with_the_same_fields():
    def leaves(node: Any, path: str = "") -> list[tuple[str, dict[str, str]]]:
        if isinstance(node, dict) and set(node) == set(LANGS):
            return [(path, node)]
        assert isinstance(node, dict), path
        return [leaf for k, v in node.items() for leaf in leaves(v, f"{path}.{k}".strip("."))]

    formatter = string.Formatter()
    found = leaves(json.loads(balance_page.TEXT_FILE.read_text(encoding="utf-8")))
    assert len(found) > 100
    for path, words in found:
        fields = [
            {name for _, name, _, _ in formatter.parse(words[lang]) if name}
            for lang in LANGS
        ]
        assert all(words[lang].strip() for lang in LANGS), path
        assert fields[0] == fields[1], path


# ---------------------------------------------------------------- writing


def test_the_report_is_written_atomically(report, tmp_path, monkeypatch):
    target = tmp_path / "balance.html"
    target.write_text("the previous report", encoding="utf-8")
    moves: list[tuple[Path, Path]] = []
    real = files.os.replace

    def spy(src: Any, dst: Any) -> None:
        assert Path(src).parent == Path(dst).parent, "the temporary file is in the same folder"
        assert target.read_text(encoding="utf-8") == "the previous report"
        moves.append((Path(src), Path(dst)))
        real(src, dst)

    monkeypatch.setattr(files.os, "replace", spy)
    write_report(report, target, "zh")
    assert [dst for _, dst in moves] == [target]
    assert target.read_text(encoding="utf-8") == render(report, "zh")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["balance.html"]

    def broken(src: Any, dst: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "replace", broken)
    with pytest.raises(RecordsError, match="could not write"):
        write_report(report, target, "en")
    assert target.read_text(encoding="utf-8") == render(report, "zh"), "left as it was"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["balance.html"], "no temporary left"


def test_the_same_runs_give_the_same_report(shipped_path, report):
    again = run_balance(shipped_path, 3, customers=1000, workers=1)
    for lang in LANGS:
        assert render(again, lang) == render(report, lang)


# ---------------------------------------------------------------- the command


def _lab(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "lab", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_lab_command_writes_the_report_by_default(shipped_path, tmp_path):
    out = _lab(str(shipped_path), "--runs", "2", "--customers", "400", "--lang", "zh", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    written = tmp_path / "balance-east-china-territory.html"
    assert written.is_file() and "balance-east-china-territory.html" in out.stdout
    assert "胜任力得分" in out.stdout  # the lab's table is still printed, in the report's language
    html = written.read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in html and parse(html).problems == []


def test_the_lab_command_without_a_report_and_with_bad_arguments(shipped_path, tmp_path):
    out = _lab(str(shipped_path), "--runs", "2", "--customers", "400", "--no-html", "--json",
               cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["runs"] == 2
    assert list(tmp_path.iterdir()) == []
    missing = _lab(str(shipped_path), "--runs", "2", "--html", "nowhere/x.html", cwd=tmp_path)
    assert missing.returncode == 1 and "nowhere" in missing.stderr
    assert "Traceback" not in missing.stderr and list(tmp_path.iterdir()) == []
    both = _lab(str(shipped_path), "--runs", "2", "--no-html", "--variants", "2", cwd=tmp_path)
    assert both.returncode == 2 and "--no-html" in both.stderr
    negative = _lab(str(shipped_path), "--runs", "2", "--variants", "-1", cwd=tmp_path)
    assert negative.returncode == 2 and "--variants" in negative.stderr


def test_every_gaming_bot_has_its_own_name_and_trick_in_both_languages():
    words = json.loads((Path(balance_page.__file__).parent / "balance_text.json").read_text("utf-8"))
    for bot in GAMING:
        entry = words["gaming"].get(bot)
        assert entry is not None, f"{bot} would be shown as a generic gaming bot"
        for part in ("name", "trick"):
            assert entry[part]["en"] and entry[part]["zh"]


def test_a_competency_the_scenario_does_not_assess_reads_not_judged(report):
    comps = [replace(c, assessed=c.id != "data-driven") for c in report.lab.competencies]
    aside = replace(report, lab=replace(report.lab, competencies=comps))
    en, zh = render(aside, "en"), render(aside, "zh")
    assert "Not judged: a competency that shares no courseware section with the scenario" in en
    assert "not judged</span>" in en and "not judged</span>" not in render(report, "en")
    assert "不评判：与本场景没有共同课程章节的能力项" in zh and "数据驱动决策" in zh
