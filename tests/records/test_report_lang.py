"""The report's language follows the locale when --lang is not given."""

from __future__ import annotations

from game.records.autoplay import autoplay
from game.records.store import Store
from tests.records.conftest import run_main


def test_report_without_lang_follows_a_chinese_locale(tmp_path, small):
    with Store.open(tmp_path) as store:
        autoplay(store, small, scenario_sha256="", bot="random", seed=1, trainee="t-801")
    out = tmp_path / "r.html"
    res = run_main("report", "--trainee", "t-801", "--out", str(out), "--data-dir", str(tmp_path),
                   env={"LC_ALL": "zh_CN.UTF-8"})
    assert res.returncode == 0, res.stderr
    assert '<html lang="zh' in out.read_text(encoding="utf-8")
