"""An unexpected error reaches a person as one line and leaves the details in a crash file."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from game import cli


def _boom(args: object) -> int:
    raise RuntimeError("the disk is on fire")


def test_an_unexpected_error_is_one_line_and_a_private_crash_file(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("SALES_DOJO_DATA", str(tmp_path))
    monkeypatch.setattr(cli, "cmd_simulate", _boom)
    code = cli.main(["simulate", "scenarios/riverside-first-territory.yaml"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_CRASH
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err
    assert "the disk is on fire" in lines[0]
    crashes = list((tmp_path / "crashes").glob("crash-*.txt"))
    assert len(crashes) == 1 and str(crashes[0]) in lines[0]
    text = crashes[0].read_text(encoding="utf-8")
    assert "Traceback" in text and "RuntimeError: the disk is on fire" in text
    assert "python main.py simulate" in text
    assert stat.S_IMODE(crashes[0].stat().st_mode) == 0o600


def test_the_line_is_in_chinese_for_a_chinese_locale(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("SALES_DOJO_DATA", str(tmp_path))
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    monkeypatch.setattr(cli, "cmd_simulate", _boom)
    assert cli.main(["simulate", "scenarios/riverside-first-territory.yaml"]) == cli.EXIT_CRASH
    assert capsys.readouterr().err.startswith("错误：")


def test_an_interrupt_exits_130_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def interrupted(args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setenv("SALES_DOJO_DATA", str(tmp_path))
    monkeypatch.setattr(cli, "cmd_simulate", interrupted)
    assert cli.main(["simulate", "scenarios/riverside-first-territory.yaml"]) == 130
    assert "Traceback" not in capsys.readouterr().err
    assert not (tmp_path / "crashes").exists()


def test_without_a_crash_file_the_line_asks_for_itself_not_for_a_file() -> None:
    from game.crash import one_line

    en = one_line(ValueError("boom"), None, "en")
    assert "could not be written" in en and "send this message" in en and "that file" not in en
    zh = one_line(ValueError("boom"), None, "zh")
    assert "无法写入崩溃报告" in zh and "该文件" not in zh
