"""Every subcommand speaks the same way: ``--json`` gives one JSON document on stdout, ``--lang
zh`` gives Chinese, and a bad input is one message on stderr with exit 1 (problems found) or 2
(usage), never a traceback. Run in-process through ``game.cli.main`` on small inputs."""

from __future__ import annotations

import io
import json
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from game.cli import build_parser, main
from game.commands.output import RESERVED
from game.records.store import Store

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = str(ROOT / "scenarios" / "riverside-first-territory.yaml")
MANAGER = str(ROOT / "scenarios" / "manager" / "key-account-team.yaml")
CJK = re.compile(r"[\u4e00-\u9fff]")
NOWHERE_LRS = "http://127.0.0.1:9/xAPI"  # nothing listens: the test never reaches an LRS


@dataclass
class Paths:
    """One test's files: a copy of the shared records (with a finished session of trainee t-1
    and a signing key), a signed record and a backup of them, a saved game and a free folder."""

    data: Path
    record: Path
    backup: Path
    save: Path
    tmp: Path
    key_only: Path  # the same signing key and empty records
    klass: Path  # a class file for trainees t-1 and t-2, signed with that key


@pytest.fixture(autouse=True)
def english_locale(monkeypatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(scope="module")
def shared(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("shared")
    data = base / "records"
    quiet = ["--json", "--lang", "en", "--data-dir", str(data)]
    assert main(["autoplay", SCENARIO, "--bot", "random", "--seed", "1", "--trainee", "t-1",
                 *quiet]) == 0
    assert main(["keygen", *quiet]) == 0
    assert main(["export", "--record", str(base / "record.json"), "--trainee", "t-1",
                 *quiet]) == 0
    assert main(["backup", str(base / "backup.sqlite3"), *quiet]) == 0
    (base / "roster.txt").write_text("t-1\nt-2\n", encoding="utf-8")
    assert main(["class", "new", SCENARIO, "--roster", str(base / "roster.txt"), "--out",
                 str(base / "class.json"), *quiet]) == 0
    assert main(["simulate", SCENARIO, "--bot", "random", "--seed", "2", "--json",
                 "--save", str(base / "game.jsonl")]) == 0
    return {"data": data, "record": base / "record.json", "backup": base / "backup.sqlite3",
            "save": base / "game.jsonl", "class": base / "class.json",
            "roster": base / "roster.txt"}


def paths(shared: dict[str, Path], tmp: Path) -> Paths:
    tmp.mkdir()
    data = tmp / "records"
    shutil.copytree(shared["data"], data)
    key_only = tmp / "key-only"
    key_only.mkdir()
    shutil.copy2(shared["data"] / "hmac.key", key_only / "hmac.key")
    with Store.open(key_only, create=True):
        pass
    return Paths(data, shared["record"], shared["backup"], shared["save"], tmp, key_only,
                 shared["class"])


Argv = Callable[[Paths], list[str]]


@dataclass
class Case:
    good: Argv
    keys: set[str]  # the command's own top-level fields in its JSON document
    bad: Argv
    bad_exit: int
    says: str  # what the bad input's message names
    good_exit: int = 0
    zh_error: bool = True  # False: the message comes from a part that speaks English only


def d(p: Paths) -> list[str]:
    return ["--data-dir", str(p.data)]


CASES: dict[str, Case] = {
    "validate": Case(lambda p: ["validate", SCENARIO], {"problems", "files"},
                     lambda p: ["validate", str(p.tmp / "missing.yaml")], 1, "E001"),
    "simulate": Case(lambda p: ["simulate", SCENARIO, "--bot", "random", "--seed", "3"],
                     {"rounds", "totals", "negotiations", "event_log_sha256"},
                     lambda p: ["simulate", str(p.tmp / "missing.yaml")], 1, "E001",
                     zh_error=False),  # the scenario loader's problems
    "replay": Case(lambda p: ["replay", str(p.save)], {"replay"},
                   lambda p: ["replay", str(p.tmp / "missing.jsonl")], 1, "missing.jsonl"),
    "lab": Case(lambda p: ["lab", SCENARIO, "--runs", "2", "--customers", "200", "--workers", "1",
                           "--html", str(p.tmp / "balance.html")],
                {"competencies", "runs", "html"},
                lambda p: ["lab", SCENARIO, "--runs", "1"], 2, "--runs must be at least 2"),
    # three trainees are too few for the validity bars: the study says so with exit 1
    "study": Case(lambda p: ["study", SCENARIO, "--trainees", "3", "--seeds", "1", "--workers", "1"],
                  {"competencies", "problems", "criterion_rho"},
                  lambda p: ["study", SCENARIO, "--trainees", "2"], 2, "--trainees 2", good_exit=1),
    "generate": Case(lambda p: ["generate", "--seed", "1", "--out", str(p.tmp / "new.yaml")],
                     {"industry", "revenue_target", "out"},
                     lambda p: ["generate", "--seed", "1", "--out", str(p.tmp / "no" / "x.yaml")],
                     1, "does not exist"),
    "schema": Case(lambda p: ["schema", "--out", str(p.tmp / "schemas")], {"written"},
                   lambda p: ["schema", "--out", SCENARIO], 1, "not a folder"),
    "variant": Case(lambda p: ["variant", SCENARIO, "--trainee", "T-1", "--out",
                               str(p.tmp / "v.yaml")], {"scenario", "trainee", "out"},
                    lambda p: ["variant", str(p.tmp / "missing.yaml"), "--trainee", "T-1"], 1,
                    "E001", zh_error=False),
    "autoplay": Case(lambda p: ["autoplay", SCENARIO, "--bot", "random", "--seed", "4", *d(p)],
                     {"session", "status", "event_log_sha256"},
                     lambda p: ["autoplay", SCENARIO, "--bot", "nosuch", *d(p)], 2,
                     "unknown bot", zh_error=False),  # argparse's own message
    "sessions": Case(lambda p: ["sessions", *d(p)], {"sessions"},
                     lambda p: ["sessions", "--data-dir", str(p.tmp / "none")], 1,
                     "no records here"),
    "report": Case(lambda p: ["report", "--trainee", "t-1", "--out", str(p.tmp / "r.html"), *d(p)],
                   {"html", "attempts"},
                   lambda p: ["report", "--trainee", "nobody", *d(p)], 1, "no trainee 'nobody'"),
    "export": Case(lambda p: ["export", "--csv", str(p.tmp / "s.csv"), *d(p)], {"csv"},
                   lambda p: ["export", *d(p)], 2, "say what to export"),
    "verify": Case(lambda p: ["verify", str(p.record), *d(p)], {"verified", "facts", "problems"},
                   lambda p: ["verify", str(p.tmp / "missing.json"), *d(p)], 1, "missing.json"),
    "import": Case(lambda p: ["import", str(p.record), "--data-dir", str(p.key_only)],
                   {"session", "trainee"},
                   lambda p: ["import", str(p.record), *d(p)], 1, "already in these records"),
    "keygen": Case(lambda p: ["keygen", "--data-dir", str(p.tmp / "fresh")], {"path", "key_id"},
                   lambda p: ["keygen", *d(p)], 1, "already exists"),
    "sync": Case(lambda p: ["sync", "--lrs", NOWHERE_LRS, "--user", "u", "--password", "p",
                            "--data-dir", str(p.key_only)], {"sent", "pending"},
                 lambda p: ["sync", "--lrs", NOWHERE_LRS, "--user", "u", "--password", "p",
                            "--batch", "0", *d(p)], 2, "--batch"),
    "retention": Case(lambda p: ["retention", "--days", "365", *d(p)], {"days", "deleted"},
                      lambda p: ["retention", "--days", "0", *d(p)], 1, "hint:"),
    "delete": Case(lambda p: ["delete", "--trainee", "t-1", "--yes", *d(p)],
                   {"trainee", "deleted", "sessions"},
                   lambda p: ["delete", "--trainee", "nobody", "--yes", *d(p)], 1,
                   "no trainee 'nobody'"),
    "backup": Case(lambda p: ["backup", str(p.tmp / "b.sqlite3"), *d(p)], {"file", "sessions"},
                   lambda p: ["backup", str(p.tmp / "b.sqlite3"), "--data-dir",
                              str(p.tmp / "none")], 1, "no records here"),
    "restore": Case(lambda p: ["restore", str(p.backup), "--yes", *d(p)], {"restored", "sessions"},
                    lambda p: ["restore", str(p.tmp / "none.sqlite3"), *d(p)], 1, "no such file"),
    "class new": Case(lambda p: ["class", "new", SCENARIO, "--roster", str(p.klass.parent / "roster.txt"),
                                 "--out", str(p.tmp / "c.json"), *d(p)],
                      {"class", "path", "registration", "roster"},
                      lambda p: ["class", "new", SCENARIO, "--roster", str(p.tmp / "none.txt"),
                                 "--out", str(p.tmp / "c.json"), *d(p)], 1, "cannot read the roster",
                      zh_error=False),
    "class dashboard": Case(lambda p: ["class", "dashboard", str(p.klass), "--lrs", NOWHERE_LRS,
                                       "--user", "u", "--password", "p", "--port", "0",
                                       "--serve-for", "0.2", *d(p)], {"url", "statements"},
                            lambda p: ["class", "dashboard", str(p.klass), *d(p)], 2, "no LRS"),
    # without a reachable LRS there is nothing to export: the good run is its one message
    "class export": Case(lambda p: ["class", "export", str(p.klass), "--lrs", NOWHERE_LRS,
                                    "--user", "u", "--password", "p", "--csv",
                                    str(p.tmp / "c.csv"), *d(p)], set(),
                         lambda p: ["class", "export", str(p.klass), "--lrs", NOWHERE_LRS,
                                    "--user", "u", "--password", "p", *d(p)], 2,
                         "nothing to export", good_exit=1),
}


def _commands(parser, prefix: str = "") -> dict:
    """Every command that runs (a group such as ``class`` by its subcommands)."""
    import argparse

    sub = next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)
    if sub is None:
        return {prefix: parser}
    out = {}
    for name, p in sub.choices.items():
        out |= _commands(p, f"{prefix} {name}".strip())
    return out


def test_every_subcommand_has_json_and_lang_and_a_case_here() -> None:
    commands = _commands(build_parser())
    for name, p in commands.items():
        options = {o for a in p._actions for o in a.option_strings}
        assert "--lang" in options, name
        assert ("--json" in options) is (name != "play"), name  # the window has no --json
    assert set(commands) - {"play"} == set(CASES)


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_good_input_gives_one_json_document_and_chinese_on_request(name, shared, tmp_path,
                                                                     capsys) -> None:
    case = CASES[name]
    code, out, err = run([*case.good(paths(shared, tmp_path / "json")), "--json", "--lang", "en"],
                         capsys)
    assert code == case.good_exit, err
    assert "Traceback" not in err
    document = json.loads(out)
    assert document["command"] == name and document["ok"] is (code == 0)
    assert set(RESERVED) | case.keys <= set(document), sorted(document)
    english = [m["text"] for m in document["messages"]]

    code, out, err = run([*case.good(paths(shared, tmp_path / "zh")), "--lang", "zh"], capsys)
    assert code == case.good_exit, err
    said = out + err
    assert CJK.search(said), said
    for text in english:
        assert text not in said, text


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_bad_input_is_one_message_and_exit_1_or_2(name, shared, tmp_path, capsys) -> None:
    case = CASES[name]
    argv = case.bad(paths(shared, tmp_path / "bad"))
    code, out, err = run(argv, capsys)
    assert code == case.bad_exit, out + err
    assert "Traceback" not in err and case.says in err, err
    first, *rest = err.rstrip("\n").split("\n")
    assert "error" in first and all(line.startswith("  hint: ") for line in rest), err
    code, out, err = run([*argv, "--json"], capsys)
    assert code == case.bad_exit
    if code == 2:
        assert out == ""  # a usage error prints no document
    else:
        document = json.loads(out)
        assert document["ok"] is False and document["messages"][-1]["level"] == "error"
    if case.zh_error:
        code, out, err = run([*argv, "--lang", "zh"], capsys)
        assert code == case.bad_exit and CJK.search(err) and "error:" not in err, err
        assert "错误" in err.splitlines()[0]


def test_play_refuses_a_missing_scenario_in_the_chosen_language(capsys, tmp_path) -> None:
    code, out, err = run(["play", str(tmp_path / "missing.yaml"), "--lang", "zh"], capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "找不到这个场景文件" in err


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("argv", [
    ["lab", SCENARIO, "--runs", "2", "--customers", "200", "--workers", "1", "--no-html"],
    ["study", SCENARIO, "--trainees", "3", "--seeds", "1", "--workers", "1"],
])
def test_progress_bars_draw_on_a_terminal_but_never_under_json(argv, monkeypatch, capsys) -> None:
    watched = Terminal()
    monkeypatch.setattr(sys, "stderr", watched)
    main(argv)
    assert "] " in watched.getvalue()  # a person at a terminal sees the bar
    quiet = Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    main([*argv, "--json"])
    assert quiet.getvalue() == ""
    assert json.loads(capsys.readouterr().out.splitlines()[-1])["command"] == argv[0]


MORE_BAD: dict[str, tuple[Argv, int, str]] = {
    "sync to an address that is no URL": (
        lambda p: ["sync", "--lrs", "notaurl", "--user", "u", "--password", "p", *d(p)], 2,
        "not an LRS address"),
    "autoplay with a negative pace": (
        lambda p: ["autoplay", SCENARIO, "--pace", "-1", *d(p)], 2, "--pace"),
    "backup onto a folder": (lambda p: ["backup", str(p.tmp), *d(p)], 1, "is a folder"),
    "lab with a missing rubric": (
        lambda p: ["lab", SCENARIO, "--runs", "2", "--no-html", "--rubric",
                   str(p.tmp / "nope.yaml")], 1, "E001"),
    "report with an unreadable validity file": (
        lambda p: ["report", "--trainee", "t-1", "--validity", str(p.tmp / "nope.json"),
                   "--out", str(p.tmp / "r.html"), *d(p)], 1, "validity report"),
    "simulate saving under a file": (
        lambda p: ["simulate", SCENARIO, "--bot", "idle", "--save",
                   str(p.backup / "game.jsonl")], 1, "could not be written"),
    "simulate a manager scenario with a rep bot": (
        lambda p: ["simulate", MANAGER, "--bot", "expert"], 2, "not a manager bot"),
    "simulate a rep scenario with a manager bot": (
        lambda p: ["simulate", SCENARIO, "--bot", "manager-expert"], 2, "is a manager bot"),
    "keygen in a folder that is a file": (
        lambda p: ["keygen", "--data-dir", str(p.backup)], 1, "could not be written"),
    "export with a cohort filter it cannot read": (
        lambda p: ["export", "--csv", str(p.tmp / "x.csv"), "--cohort", "bad", *d(p)], 1,
        "cohort filter"),
}


@pytest.mark.parametrize("what", sorted(MORE_BAD))
def test_more_bad_values_are_one_message_not_a_crash(what, shared, tmp_path, capsys) -> None:
    argv, exit_code, says = MORE_BAD[what]
    code, out, err = run(argv(paths(shared, tmp_path / "bad")), capsys)
    assert code == exit_code and says in err and "something unexpected" not in err, err
    assert len(err.rstrip("\n").split("\n")) <= 2
