"""The study's table tells a trainer, in the trainer's language, what falls short and why."""

from __future__ import annotations

from typing import Any

from game.assessment.study import checks, profit_leader, shortfalls
from game.commands.study import names_in, study_table


def _summary(**over: Any) -> dict[str, Any]:
    comp = {"convergent_rho": 0.9, "discriminant_max_rho": 0.1, "icc": 0.9, "sem": 0.05,
            "scored_games": 40, "profit_per_skill": 10.0}
    summary: dict[str, Any] = {
        "scenario": "x.yaml", "trainees": 20, "seeds": [1, 2], "games": 40, "seconds": 1.0,
        "competencies": {"alpha": dict(comp, profit_per_skill=1000.0),
                         "beta": dict(comp, convergent_rho=0.6, discriminant_max_rho=0.45),
                         "gamma": dict(comp, icc=0.7, icc_ci=[0.62, 0.77])},
        "criterion_rho": 0.4, "criterion_rho_ci": [0.28, 0.51], "criterion_rho_per_game": 0.35, "profit_icc": 0.7,
        "criterion_ceiling_rho": 0.3,
    }
    summary.update(over)
    return summary


def test_each_shortfall_is_named_once_and_the_json_says_it_in_english() -> None:
    short = shortfalls(_summary())
    assert [(s.check, s.competency) for s in short] == [
        ("convergent", "beta"), ("discriminant", "beta"), ("icc", "gamma"), ("criterion", None)]
    assert checks(_summary()) == [
        "beta: convergent rho 0.6 < 0.7",
        "beta: discriminant |rho| 0.45 is within 0.3 of convergent 0.6",
        "gamma: test-retest ICC 0.7 < 0.75 (95% bootstrap interval 0.62 to 0.77); about 1.29x the"
        " evidence per game would reach the bar (Spearman-Brown)",
        "composite vs contribution profit: rho 0.4 < 0.5 (95% bootstrap interval 0.28 to 0.51)",
    ]
    assert shortfalls(_summary(criterion_rho=0.6, competencies={})) == []


def test_the_table_names_the_competencies_and_says_what_is_short_in_chinese() -> None:
    names = {"alpha": "甲能力", "beta": "乙能力", "gamma": "丙能力"}
    text = study_table(_summary(), "zh", names)
    assert "乙能力：聚合效度 rho 0.6 < 0.7" in text
    assert "乙能力：区分效度 |rho| 0.45 与聚合效度 0.6 相差不到 0.3" in text
    assert "丙能力：重测 ICC 0.7 < 0.75（95% 自助法置信区间 0.62 至 0.77）；按斯皮尔曼–布朗公式，" \
        "每局约需现有证据的 1.29 倍才能达标" in text
    assert "综合得分与贡献利润：rho 0.4 < 0.5（95% 自助法置信区间 0.28 至 0.51）" in text
    assert "乙能力：聚合效度 rho 0.6 < 0.7\n" in text  # no interval where none was measured
    assert "convergent" not in text and "composite" not in text


def test_a_composite_short_because_profit_follows_one_skill_says_so() -> None:
    # alpha earns 1,000 a unit of skill, beta and gamma 10: a tenth is 100, both are under it
    assert profit_leader(_summary()) == ("alpha", 1000.0, ["beta", "gamma"])
    text = study_table(_summary(), "en", {"alpha": "Alpha", "beta": "Beta", "gamma": "Gamma"})
    why = text.splitlines()[-1]
    assert why.startswith("why: ") and "rho = 0.30" in why
    assert "Alpha earns +1,000 per unit of skill; 2 of the other 2 competencies" in why
    assert "(Beta, Gamma)" in why


def test_no_economics_line_when_the_true_skills_follow_profit_or_the_bar_is_met() -> None:
    assert "why:" not in study_table(_summary(criterion_ceiling_rho=0.6), "en")
    assert "why:" not in study_table(_summary(criterion_rho=0.55), "en")
    no_money = _summary()
    for c in no_money["competencies"].values():
        c["profit_per_skill"] = None
    assert profit_leader(no_money) is None
    assert "why:" not in study_table(no_money, "en")


def test_the_names_come_from_the_rubric_the_study_scored_with() -> None:
    rep = names_in("zh")
    assert rep["negotiation-quoting"] and rep["negotiation-quoting"] != "negotiation-quoting"
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in n) for n in rep.values())
    manager = names_in("en", manager=True)
    assert manager and set(manager).isdisjoint(rep)


def test_a_skill_correlation_out_of_range_or_on_a_manager_study_is_one_message(capsys) -> None:
    from pathlib import Path

    from game.cli import main

    root = Path(__file__).resolve().parents[2]
    rep = str(root / "scenarios" / "riverside-first-territory.yaml")
    manager = str(root / "scenarios" / "manager" / "key-account-team.yaml")
    assert main(["study", rep, "--trainees", "3", "--skill-correlation", "1", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "--skill-correlation" in err and "Traceback" not in err
    assert main(["study", manager, "--trainees", "3", "--skill-correlation", "0.3",
                 "--lang", "zh"]) == 2
    err = capsys.readouterr().err
    assert "经理场景" in err and "提示" in err and err.count("\n") == 2


def test_the_title_says_when_the_trainees_skills_were_drawn_correlated() -> None:
    assert "R = 0.3" in study_table(_summary(skill_correlation=0.3), "en").splitlines()[0]
    assert "技能相关，R = 0.3" in study_table(_summary(skill_correlation=0.3), "zh")
    assert "R =" not in study_table(_summary(skill_correlation=0.0), "en").splitlines()[0]


def test_under_a_competency_short_of_its_bar_its_indicators_show_what_holds_it_back() -> None:
    held = {"weak_one": {"convergent_rho": 0.12, "icc": 0.48, "judged_games": 40},
            "strong_one": {"convergent_rho": 0.88, "icc": 0.85, "judged_games": 40},
            "rare_one": {"convergent_rho": None, "icc": None, "judged_games": 2}}
    summary = _summary()
    summary["competencies"]["gamma"]["indicators"] = held
    summary["competencies"]["alpha"]["indicators"] = held  # meets every bar: nothing shown
    names = {"gamma": "丙能力", "weak_one": "弱指标", "strong_one": "强指标", "rare_one": "稀有指标"}
    lines = study_table(summary, "zh", names).splitlines()
    at = next(k for k, line in enumerate(lines) if "丙能力：重测 ICC" in line)
    # the least convergent first; an indicator never measured before any that was
    assert lines[at + 1].strip() == ("其各项指标（按聚合效度由低到高）：稀有指标 rho -，ICC -；"
                                     "弱指标 rho 0.12，ICC 0.48；强指标 rho 0.88，ICC 0.85")
    assert sum("其各项指标" in line for line in lines) == 1  # alpha meets its bars
    english = study_table(summary, "en", {"weak_one": "Weak"})
    assert "its indicators, least convergent first: rare_one rho -, ICC -; Weak rho 0.12, " \
        "ICC 0.48; strong_one rho 0.88, ICC 0.85" in english


def test_the_indicator_names_are_the_rubrics_in_each_language() -> None:
    from game.commands.study import indicator_names_in

    assert indicator_names_in("en")["joint_value"] == "Joint value"
    assert indicator_names_in("zh")["joint_value"] == "双方满意"


def test_an_indicator_running_against_its_skill_is_named_whether_or_not_a_bar_is_missed() -> None:
    summary = _summary(criterion_rho=0.6)
    summary["competencies"]["alpha"]["indicators"] = {
        "balance": {"convergent_rho": -0.59, "icc": 0.57, "judged_games": 40, "against_skill": True},
        "moves": {"convergent_rho": 0.84, "icc": 0.78, "judged_games": 40, "against_skill": False}}
    names = {"alpha": "甲能力", "balance": "双方满意"}
    zh = study_table(summary, "zh", names).splitlines()
    at = zh.index("与所属胜任力技能反向的指标（在本场景中，对这些模拟学员而言，评分规则在这些指标上奖励的恰恰与该技能相反）：")
    assert zh[at + 1:] == ["  - 双方满意（甲能力）：rho -0.59"]
    en = study_table(summary, "en", {"alpha": "Alpha", "balance": "Joint value"})
    assert en.endswith("  - Joint value (Alpha): rho -0.59")
    summary["competencies"]["alpha"]["indicators"]["balance"]["against_skill"] = False
    assert "run against" not in study_table(summary, "en")


def test_the_table_marks_what_the_scenario_does_not_set_out_to_assess() -> None:
    comps = _summary()["competencies"]
    comps["beta"]["assessed"] = False  # short of two bars, but not the scenario's focus
    summary = _summary(competencies=comps)
    assert [s.competency for s in shortfalls(summary)] == ["gamma", None]
    names = {"alpha": "甲能力", "beta": "乙能力", "gamma": "丙能力"}
    zh = study_table(summary, "zh", names)
    assert "* 不在本场景的考核范围内（与本场景的课程章节没有交集）：照常测量，但不按标准评判：乙能力" in zh
    assert "乙能力：聚合效度" not in zh
    rows = {line.split()[0]: line for line in zh.splitlines()
            if line.startswith(("alpha ", "beta ", "gamma "))}
    assert rows["beta"].split()[1] == "*" and rows["alpha"].split()[1] != "*"
    assert "not judged against the bar: Beta" in study_table(summary, "en", {"beta": "Beta"})
    assert "assess" not in study_table(_summary(), "en")  # a scenario that assesses everything


def test_a_competency_no_game_gave_enough_evidence_says_so_once():
    comps = _summary()["competencies"]
    comps["alpha"] = dict(comps["alpha"], convergent_rho=None, discriminant_max_rho=None,
                          icc=None, sem=None, scored_games=0, occasions_max=2, min_occasions=3)
    summary = _summary(competencies=comps)
    short = shortfalls(summary)
    assert [(s.check, s.competency) for s in short if s.competency == "alpha"] == [
        ("never_scored", "alpha")]  # not also "no convergent rho" and "no ICC"
    assert checks(summary)[0] == (
        "alpha: never scored: no game gave the 3 occasions a score needs (the most was 2)")
    zh = study_table(summary, "zh", {"alpha": "甲能力"})
    assert "甲能力：从未得分：没有一局提供评分所需的 3 次机会（最多 2 次）" in zh


def test_the_table_says_how_one_game_s_error_goes_with_its_evidence_where_it_does() -> None:
    summary = _summary()
    comps = summary["competencies"]
    comps["alpha"]["sem_curve"] = {"base": 0.0, "per_occasion": 0.16, "occasions": [4, 16],
                                   "pairs": 20}  # 0.20 on 4, 0.10 on 16
    comps["beta"]["sem_curve"] = {"base": 0.01, "per_occasion": 0.0, "occasions": [8, 8],
                                  "pairs": 20}  # the same whatever the evidence: not said
    en = study_table(summary, "en", {"alpha": "Alpha", "beta": "Beta"})
    assert "one game's error goes with the evidence it gave" in en
    assert "Alpha ±0.20 on 4 to ±0.10 on 16" in en and "Beta ±" not in en
    zh = study_table(summary, "zh", {"alpha": "甲"})
    assert "甲 4 次时 ±0.20，16 次时 ±0.10" in zh
    del comps["alpha"]["sem_curve"]
    assert "one game's error" not in study_table(summary, "en")
