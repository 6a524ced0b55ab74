"""The HR reports: a trainee's and a cohort's HTML (zh and en), the CSV, and the measurement
error, as the report command writes them."""

from __future__ import annotations

import csv
import io
import json
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from game.records import scoring
from game.records.autoplay import autoplay
from game.records.measurement import mean_sd
from game.records.store import Store
from game.reports import hr_page
from game.text.numbers import money
from tests.records.conftest import run_main

BOTS = ("novice", "intermediate", "expert", "heuristic", "random")


@pytest.fixture(scope="module")
def played(small, tmp_path_factory) -> tuple[Path, str]:
    """The small scenario as the file the cohort played, and its sha256."""
    from game.scenario.loader import load_scenario

    path = tmp_path_factory.mktemp("played") / "small.yaml"
    path.write_text(yaml.safe_dump(small.model_dump(mode="json", exclude_unset=True),
                                   allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path, load_scenario(path)[1]


@pytest.fixture(scope="module")
def cohort_dir(small, played, tmp_path_factory) -> Path:
    """20 bot sessions by 17 trainees; t-900 plays four times, the last one an assessment."""
    folder = tmp_path_factory.mktemp("cohort")
    sha = played[1]
    with Store.open(folder) as store:
        k = 0
        for bot in BOTS:
            for _ in range(3):
                k += 1
                # Few distinct seeds: the assessment's reference run is cached per seed.
                autoplay(store, small, scenario_sha256=sha, bot=bot, seed=40 + k % 4,
                         trainee=f"t-{k:03d}")
        for n, bot in enumerate(("novice", "intermediate", "heuristic", "expert")):
            autoplay(store, small, scenario_sha256=sha, bot=bot, seed=40 + n, trainee="t-900",
                     mode="assessment" if n == 3 else "practice")
        store.ensure_trainee("t-900", display_name="李明")
        assert len(store.sessions(status="finished")) == 19
        autoplay(store, small, scenario_sha256=sha, bot="expert", seed=41, trainee="t-016")
    return folder


def svgs(html: str) -> list[ET.Element]:
    """Every inline chart, parsed as XML (so each one is well formed)."""
    return [ET.fromstring(m) for m in re.findall(r"<svg .*?</svg>", html, flags=re.S)]


def report(folder: Path, *args: str) -> str:
    out = folder / "out.html"
    res = run_main("report", *args, "--out", str(out), "--data-dir", str(folder))
    assert res.returncode == 0, res.stderr
    return out.read_text(encoding="utf-8")


def test_every_report_string_exists_in_both_languages():
    source = Path(hr_page.__file__).read_text(encoding="utf-8")
    used = set(re.findall(r'\bt\("([a-z_]+)"', source))
    strings = json.loads(hr_page.TEXT_FILE.read_text(encoding="utf-8"))
    assert used <= set(strings), f"missing: {sorted(used - set(strings))}"
    for key, text in strings.items():
        assert set(text) == {"en", "zh"} and all(text.values()), key


def test_trainee_report_shows_radar_kpis_evidence_progress_and_error(cohort_dir):
    html = report(cohort_dir, "--trainee", "t-900", "--lang", "en")
    with Store.open(cohort_dir) as store:
        attempts = store.sessions("t-900")
        latest = store.scores(attempts[-1].id)
        first = store.scores(attempts[0].id)
        cohort = [store.scores(s.id) for s in store.sessions(status="finished")]
    charts = svgs(html)
    assert any("Radar" in (c.get("aria-label") or "") for c in charts)
    assert len(charts) >= 3  # radar, first-vs-latest, overall per attempt
    assert "Human review required before any HR decision" in html
    assert "PIPL Art. 24" in html and "GDPR Art. 22" in html
    assert "李明" in html  # the name on file is shown to HR, never exported
    for comp in scoring.competencies(latest):
        assert comp["name"]["en"] in html
        for ind in comp["indicators"]:
            for seq in ind["evidence"][:3]:
                assert f"#{seq}" in html
    for kpi in scoring.kpis(latest):
        assert kpi["name"]["en"] in html
    assert f"<strong>{latest['overall']:.2f}</strong>" in html
    assert f"<strong>{first['overall']:.2f}</strong>" in html  # first attempt in the progress
    assert "Progress across attempts" in html and "Attempt 4" in html
    # The SEM shown for a competency is the cohort's SD times sqrt(1 - r).
    comp = scoring.competencies(latest)[0]
    values = [c["score"] for sc in cohort for c in scoring.competencies(sc)
              if c["id"] == comp["id"] and c["score"] is not None]
    _, sd = mean_sd(values)
    sem = sd * math.sqrt(1 - scoring.settings()["reliability"])
    row = re.search(re.escape(comp["name"]["en"]) + r"</td>.*?</tr>", html, flags=re.S)
    assert row and f"±{sem:.2f}" in row.group(0)


def test_trainee_report_in_chinese(small, cohort_dir):
    html = report(cohort_dir, "--trainee", "t-900", "--lang", "zh")
    assert '<html lang="zh-CN">' in html
    assert "任何人事决定前须经人工复核" in html and "个人信息保护法" in html
    with Store.open(cohort_dir) as store:
        latest = store.scores(store.sessions("t-900")[-1].id)
    for comp in scoring.competencies(latest):
        assert comp["name"]["zh"] in html
    assert "Competency scores" not in html
    assert f"<td>场景</td><td>{small.title.zh} " in html  # the case's title, then its id


def test_a_practice_only_trainee_gets_no_review_banner(cohort_dir):
    html = report(cohort_dir, "--trainee", "t-001")
    assert "Human review required" not in html and "not an assessment" in html
    assert "Only one finished attempt so far" in html


def test_cohort_report_and_csv_cover_every_session(small, cohort_dir, tmp_path):
    out, table = tmp_path / "cohort.html", tmp_path / "cohort.csv"
    res = run_main("report", "--cohort", "all", "--out", str(out), "--csv", str(table),
                   "--data-dir", str(cohort_dir))
    assert res.returncode == 0, res.stderr
    html = out.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))
    assert len(rows) == 20 and len({r["session_id"] for r in rows}) == 20
    assert any(k.startswith("competency:") for k in rows[0])
    assert any(k.startswith("kpi:") for k in rows[0]) and "vs_market:revenue" in rows[0]
    # practice and assessment are reported apart, each with its own count and charts
    cases: dict[tuple[str, str], list[dict[str, str]]] = {}
    for r in rows:
        cases.setdefault((r["scenario_id"], r["mode"]), []).append(r)
    assert len(cases) == 2 and "2 different scenarios or modes" in html
    for (scenario, mode), group in cases.items():
        trainees = len({r["trainee_id"] for r in group})
        assert f"{len(group)} session(s) by {trainees} trainee(s)" in html
        # the case is named as the trainees saw it: by its title, in the report's language
        assert f"Scenario {small.title.en}, {mode}" in html and small.id == scenario
    assert len(svgs(html)) == 2 * len(cases)  # the distributions and the histogram of each
    for bot in BOTS:
        assert f"bot:{bot} (n=" in html
    assert "Human review required" in html  # t-900's assessment is in the cohort
    only_bots = report(cohort_dir, "--cohort", "player=bot:expert,mode=practice", "--lang", "zh")
    assert "群体报告" in only_bots and "bot:novice" not in only_bots
    assert f"案例 {small.title.zh}，练习" in only_bots


def test_sem_comes_from_a_validity_lab_report_when_given(cohort_dir, tmp_path):
    with Store.open(cohort_dir) as store:
        latest = store.scores(store.sessions("t-900")[-1].id)
    comp = scoring.competencies(latest)[0]
    lab = {"competencies": [{"id": comp["id"], "icc21": 0.91, "tiers": {
        "novice": {"mean": 0.2, "sd": 0.1, "n": 10}, "expert": {"mean": 0.8, "sd": 0.1, "n": 10}}}]}
    path = tmp_path / "lab.json"
    path.write_text(json.dumps(lab), encoding="utf-8")
    html = report(cohort_dir, "--trainee", "t-900", "--validity", str(path))
    # pooled SD of the two tiers: sqrt((9*0.01*2 + 10*0.09*2) / 19)
    sd = math.sqrt((9 * 0.01 * 2 + 10 * 0.09 * 2) / 19)
    row = re.search(re.escape(comp["name"]["en"]) + r"</td>.*?</tr>", html, flags=re.S)
    assert row and f"±{sd * math.sqrt(1 - 0.91):.2f}" in row.group(0)
    assert "test-retest ICC(2,1)" in html


def shown_sem(figures: dict, occasions: int | None) -> float:
    """The error a report shows for a score on ``occasions`` occasions, as the study measured it:
    sqrt(base + per_occasion / n), n held within the occasions the study saw; else its one SEM."""
    curve = figures.get("sem_curve")
    if not curve or not occasions:
        return figures["sem"]
    low, high = curve["occasions"]
    return math.sqrt(curve["base"] + curve["per_occasion"] / min(max(occasions, low), high))


def test_sem_comes_from_the_validity_study_of_the_scenario_played(cohort_dir, played, tmp_path):
    from game.assessment.study import study

    measured = study(played[0], trainees=8)  # synthetic trainees on the records' scenario
    comps = measured["competencies"]
    # as on a scenario where one competency had no occasion on a seed: no ICC, no SEM
    comps["relationship-satisfaction"].update(icc=None, sem=None)
    path = tmp_path / "study.json"
    path.write_text(json.dumps(measured), encoding="utf-8")
    html = report(cohort_dir, "--trainee", "t-900", "--validity", str(path))
    with Store.open(cohort_dir) as store:
        latest = store.scores(store.sessions("t-900")[-1].id)
    shown = 0
    for comp in scoring.competencies(latest):
        row = re.search(re.escape(comp["name"]["en"]) + r"</td>.*?</tr>", html, flags=re.S)
        figures = comps[comp["id"]]
        assert row, comp["id"]
        if figures["sem"] is not None:
            assert f"±{shown_sem(figures, comp['occasions']):.2f}" in row.group(0), comp["id"]
            assert "(assumed)" not in row.group(0)
            shown += 1
        else:  # the study could not measure it: the cohort's figure, marked as assumed
            assert "(assumed)" in row.group(0), comp["id"]
    assert shown >= 3
    assert "validity study of this scenario: 8 synthetic trainees" in html
    # and what the study found of the scores against business results, with its interval
    low, high = measured["criterion_rho_ci"]
    assert (f"follows the contribution profit the trainee earns with Spearman rho = "
            f"{measured['criterion_rho']:.2f} (95% interval {low:.2f} to {high:.2f})") in html
    zh = report(cohort_dir, "--trainee", "t-900", "--validity", str(path), "--lang", "zh")
    assert "效度研究" in zh and "8 名能力已知的模拟学员" in zh
    assert f"斯皮尔曼相关系数为 {measured['criterion_rho']:.2f}（95% 区间" in zh
    # a study of another scenario, or of another text of this one, says nothing of these
    # games: the assumed reliability stands
    for changed in ({"scenario_id": "another-territory"}, {"scenario_sha256": "0" * 64}):
        path.write_text(json.dumps(measured | changed), encoding="utf-8")
        other = report(cohort_dir, "--cohort", "all", "--validity", str(path))
        assert "validity study of this scenario:" not in other
        assert "an assumed reliability" in other


def test_a_score_whose_measured_reliability_is_low_says_so(cohort_dir, played, tmp_path):
    """HR reads beside the error bar when the study found one game's score of that competency
    repeating poorly on this scenario (test-retest ICC under 0.75), and the method says what
    that means; a well-measured competency carries no such mark."""
    from game.assessment.study import study

    measured = study(played[0], trainees=8)
    comps = measured["competencies"]
    ids = [c for c, f in comps.items() if f["sem"] is not None][:2]
    comps[ids[0]].update(icc=0.62)
    comps[ids[1]].update(icc=0.9)
    path = tmp_path / "study.json"
    path.write_text(json.dumps(measured), encoding="utf-8")
    with Store.open(cohort_dir) as store:
        latest = store.scores(store.sessions("t-900")[-1].id)
    names = {c["id"]: c["name"] for c in scoring.competencies(latest)}
    for lang, mark, method in (("en", "(reliability 0.62, low)", "under 0.75"),
                               ("zh", "（信度 0.62，偏低）", "低于 0.75")):
        html = report(cohort_dir, "--trainee", "t-900", "--validity", str(path), "--lang", lang)
        low = re.search(re.escape(names[ids[0]][lang]) + r"</td>.*?</tr>", html, flags=re.S)
        good = re.search(re.escape(names[ids[1]][lang]) + r"</td>.*?</tr>", html, flags=re.S)
        assert low and mark in low.group(0)
        assert good and "0.90" not in good.group(0) and ("low" if lang == "en" else "偏低") \
            not in good.group(0)
        assert method in html


def test_each_indicator_says_how_well_it_repeats_where_a_study_measured_it(cohort_dir, played,
                                                                          tmp_path):
    """HR's evidence table gives each indicator the test-retest ICC its scenario's study
    measured, marking a poor one (under 0.5): one game's value of it says little about the
    person. Without such a study the column is not there."""
    from game.assessment.study import study

    measured = study(played[0], trainees=8)
    with Store.open(cohort_dir) as store:
        latest = store.scores(store.sessions("t-900")[-1].id)
    comp = next(c for c in scoring.competencies(latest)
                if len(c["indicators"]) >= 2 and measured["competencies"][c["id"]]["sem"] is not None)
    weak, sound = comp["indicators"][0], comp["indicators"][1]
    found = measured["competencies"][comp["id"]]["indicators"]
    found[weak["id"]]["icc"], found[sound["id"]]["icc"] = 0.3, 0.8
    path = tmp_path / "study.json"
    path.write_text(json.dumps(measured), encoding="utf-8")
    for lang, header, poor in (("en", "Repeats", "0.30 <span class=\"warn\">poor</span>"),
                               ("zh", "重测信度", "0.30 <span class=\"warn\">差</span>")):
        html = report(cohort_dir, "--trainee", "t-900", "--validity", str(path), "--lang", lang)
        section = html[html.index(f"<h3>{comp['name'][lang]} — "):]
        section = section[:section.index("</table>")]
        assert f"<th class=n>{header}</th>" in section
        rows = re.findall(r"<tr>.*?</tr>", section.split("<tbody>")[1], flags=re.S)
        by_name = {re.search(r"<td>(.*?)</td>", r).group(1): r for r in rows}
        assert poor in by_name[weak["name"][lang]]
        assert "0.80" in by_name[sound["name"][lang]] and "warn" not in by_name[sound["name"][lang]]
        assert ("Under 0.5 it is poor" if lang == "en" else "低于 0.5 为“差”") in html
    # a study without the indicators' figures (one made before they were measured): no column
    for c in measured["competencies"].values():
        c.pop("indicators", None)
    path.write_text(json.dumps(measured), encoding="utf-8")
    html = report(cohort_dir, "--trainee", "t-900", "--validity", str(path))
    assert "<th class=n>Repeats</th>" not in html and "Repeats:" not in html


def test_studies_of_several_scenarios_give_the_range_of_their_criterion() -> None:
    from game.records.measurement import Sem
    from game.reports.hr_page import ReportWords, method

    def measured(rho: float | None) -> Sem:
        criterion = None if rho is None else (rho, rho - 0.1, rho + 0.1)
        return Sem(0.1, 0.3, 0.8, "validity-study", 400, 200, "a" * 64, "b" * 64, criterion)

    text = method(ReportWords("en"), 5, [measured(0.41), measured(0.55), measured(None)], 0.7)
    assert "In those studies (2 scenarios)" in text and "rho from 0.41 to 0.55" in text
    one = method(ReportWords("en"), 5, [measured(0.41), measured(0.41)], 0.7)
    assert "rho = 0.41 (95% interval 0.31 to 0.51)" in one
    assert "contribution profit" not in method(ReportWords("en"), 5, [measured(None)], 0.7)


def test_report_errors_are_for_people(cohort_dir, tmp_path):
    res = run_main("report", "--trainee", "t-nobody", "--data-dir", str(cohort_dir))
    assert res.returncode == 1 and "no trainee 't-nobody'" in res.stderr
    res = run_main("report", "--cohort", "colour=blue", "--data-dir", str(cohort_dir))
    assert res.returncode == 1 and "hint:" in res.stderr and "Traceback" not in res.stderr
    bad = tmp_path / "lab.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    res = run_main("report", "--cohort", "all", "--validity", str(bad), "--data-dir",
                   str(cohort_dir))
    assert res.returncode == 1 and "not a validity report" in res.stderr
    empty = run_main("report", "--cohort", "all", "--data-dir", str(tmp_path / "none"))
    assert empty.returncode == 1 and "no records here yet" in empty.stderr


def test_trainee_report_shows_the_latest_games_profit_waterfall(cohort_dir):
    """The waterfall of the whole game and of each round, from a replay of the latest session;
    the bars stand in proportion and the table's profit is the game's."""
    from game.records.autosave import resume
    from game.records.report_data import WATERFALL_KEYS, trainee_data

    with Store.open(cohort_dir) as store:
        data = trainee_data(store, "t-900")
        game = resume(store, store.sessions("t-900")[-1].id)
    ended = next(e for e in reversed(game.events) if e.kind == "game_ended").payload
    rounds = [e.payload["kpis"] for e in game.events if e.kind == "round_reviewed"]
    assert data.profit is not None and data.profit_problem is None
    assert data.profit.game == ended["waterfall"]
    assert [w for _, w in data.profit.rounds] == [k["waterfall"] for k in rounds]
    html = hr_page.trainee_html(data, "en", "2025-01-01")
    assert "Profit by cause (latest attempt)" in html
    assert f"Profit over the game: {money(ended['waterfall']['profit'])}" in html
    charts = {c.get("aria-label"): c for c in svgs(html)}
    whole = charts["Profit waterfall of the whole game"]
    ns = "{http://www.w3.org/2000/svg}"
    bars = whole.findall(f"{ns}rect")
    assert len(bars) == len(WATERFALL_KEYS)
    volume, profit = ended["waterfall"]["volume"], ended["waterfall"]["profit"]
    if profit > 0:  # both stand on zero: their heights are in proportion
        heights = float(bars[0].get("height")), float(bars[-1].get("height"))
        assert heights[1] / heights[0] == pytest.approx(profit / volume, rel=0.02)
    words = "".join(whole.itertext())
    for name in ("Volume", "Price", "Channel", "Terms", "Service", "Stock", "Credit", "Costs", "Profit"):
        assert name in words
    for k in rounds:
        title = f"Round {k['round']}: profit {money(k['waterfall']['profit'])}"
        assert title in charts, title
    zh = hr_page.trainee_html(data, "zh", "2025-01-01")
    assert "利润成因分解（最近一次）" in zh and 'aria-label="整局利润瀑布图"' in zh


def test_a_session_that_cannot_be_replayed_says_so_instead_of_a_waterfall(cohort_dir, monkeypatch):
    from game.records import autosave
    from game.records.errors import RecordsError
    from game.records.report_data import trainee_data

    def refuse(store, session_id):
        raise RecordsError("records.sqlite3", "played with engine 0.9, whose rules differ", "")

    monkeypatch.setattr(autosave, "resume", refuse)
    with Store.open(cohort_dir) as store:
        data = trainee_data(store, "t-900")
    assert data.profit is None and "engine 0.9" in (data.profit_problem or "")
    html = hr_page.trainee_html(data, "en", "2025-01-01")
    assert "The profit figures need a replay of the session" in html
    assert "Profit waterfall" not in html


def test_too_little_evidence_is_reported_as_such_not_as_a_score(small, tmp_path):
    with Store.open(tmp_path) as store:
        autoplay(store, small, scenario_sha256="", bot="idle", seed=41, trainee="t-idle")
        latest = store.scores(store.sessions("t-idle")[-1].id)
    short = [c for c in scoring.competencies(latest) if c["insufficient"]]
    assert short, "the idle rep should leave some competency without enough evidence"
    en = report(tmp_path, "--trainee", "t-idle")
    zh = report(tmp_path, "--trainee", "t-idle", "--lang", "zh")
    for c in short:
        assert f"insufficient evidence ({c['occasions']} of {c['min_occasions']} occasions)" in en
        assert f"证据不足（{c['occasions']}/{c['min_occasions']}次）" in zh


def test_trainee_report_coaches_the_latest_game_with_its_plan_and_missed_occasions(cohort_dir):
    from game.records.report_data import trainee_data

    with Store.open(cohort_dir) as store:
        data = trainee_data(store, "t-001")  # a novice's game
    c = data.coaching
    assert c is not None and c.plan and c.occasions
    for lang, heading in (("en", "Improvement plan"), ("zh", "改进计划")):
        html = hr_page.trainee_html(data, lang, "2025-01-01")
        assert heading in html
        assert hr_page.e(c.plan[0].text.pick(lang)) in html and c.plan[0].drill in html
        assert hr_page.e(c.occasions[0].text.pick(lang)) in html
        assert hr_page.e(c.competencies[0].indicators[0].looks_for.pick(lang)) in html


def test_a_shipped_case_is_reported_with_the_error_its_shipped_study_measured(tmp_path):
    """No validity file given: a game of a shipped scenario as shipped gets its SEM from the
    study shipped with it, in both languages."""
    from game.records.measurement import SHIPPED
    from game.scenario.loader import load_scenario

    path = Path(__file__).resolve().parents[2] / "scenarios" / "riverside-first-territory.yaml"
    scenario, sha = load_scenario(path)
    measured = json.loads((SHIPPED / f"{scenario.id}.json").read_text(encoding="utf-8"))
    with Store.open(tmp_path) as store:
        autoplay(store, scenario, scenario_sha256=sha, bot="intermediate", trainee="t-r")
        latest = store.scores(store.sessions("t-r")[-1].id)
    en = report(tmp_path, "--trainee", "t-r")
    assert f"validity study of this scenario: {measured['trainees']} synthetic trainees" in en
    for comp in scoring.competencies(latest):
        figures = measured["competencies"][comp["id"]]
        # (Riverside names no section of contract and risk: its row carries the "*" mark)
        row = re.search(re.escape(comp["name"]["en"]) + r'(?: <span class="muted">\*</span>)?'
                        r"</td>.*?</tr>", en, flags=re.S)
        assert row, comp["id"]
        if figures["sem"] is not None:  # the error of this game's own evidence
            assert f"±{shown_sem(figures, comp['occasions']):.2f}" in row.group(0), comp["id"]
    overall = re.search(r"<td>Overall[^<]*</td><td>(.*?)</td>", en, flags=re.S)
    assert overall and f"±{measured['overall']['sem']:.2f}" in overall.group(1)
    assert "效度研究" in report(tmp_path, "--trainee", "t-r", "--lang", "zh")


def test_an_indicator_that_counted_less_for_little_evidence_says_so_in_the_weight_column(
        cohort_dir):
    """The standard rubric weighs evidence: an indicator judged on few occasions counts part of
    its weight, and the trainee report shows what it counted beside the rubric's weight."""
    from game.records.report_data import trainee_data

    with Store.open(cohort_dir) as store:
        data = trainee_data(store, "t-900")
    lighter = [i for r in data.rows for i in r.indicators
               if i.get("counted") is not None and i["counted"] < i["weight"] - 0.005]
    assert lighter, "some indicator should have been judged on few occasions"
    en = hr_page.trainee_html(data, "en", "2025-01-01")
    zh = hr_page.trainee_html(data, "zh", "2025-01-01")
    for i in lighter:
        counted, weight = f"{i['counted']:.2f}", f"{i['weight']:.0f}"
        assert f"<td class=n>{counted} of {weight}</td>" in en, i["id"]
        assert f"{weight}（本局计 {counted}）" in zh, i["id"]
    # an old record's indicator carries no count: its weight alone
    old = {"weight": 2.0, "name": {"en": "x", "zh": "x"}}
    assert hr_page.weight_cell(hr_page.ReportWords("en"), old) == "2"
