"""``study``: synthetic trainees of known skill play a scenario; do the scores follow the skill?"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

from game.cli_args import seed_arg
from game.commands.output import (
    EXIT_PROBLEMS,
    CliWords,
    CommandError,
    Result,
    add_output_args,
    command,
    lang_of,
)
from game.text.linebreak import align
from game.text.lists import name_list


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "study",
        help="validity study: synthetic trainees of known skill, per-competency validity and reliability",
        description="Draw synthetic trainees with a known skill in every competency, play each "
        "on the scenario's seeds, score them, and report per competency the convergent validity "
        "(Spearman rho of score and skill), the discriminant validity (the largest |rho| with "
        "another skill), the test-retest ICC(2,1) across seeds, the standard error of "
        "measurement, and the composite's correlation with contribution profit.",
    )
    p.add_argument("scenario", help="a scenario YAML file (a manager-track one: synthetic managers)")
    p.add_argument("--trainees", type=int, default=200,
                   help="synthetic trainees, or managers on a manager scenario (default 200)")
    p.add_argument("--seeds", type=int, default=2,
                   help="games per trainee, on the scenario's seed and the next ones (default 2)")
    p.add_argument("--workers", type=int, default=2, help="local worker processes (default 2)")
    p.add_argument("--dask", metavar="ADDRESS", default=None,
                   help="run the games on a Dask cluster at ADDRESS (needs dask[distributed])")
    p.add_argument("--study-seed", type=seed_arg, default=0, help="draws the trainees (default 0)")
    p.add_argument("--skill-correlation", type=float, default=0.0, metavar="R",
                   help="how far a trainee's skills go together, 0 <= R < 1: the correlation of "
                   "the normal scores behind them (default 0: independent; rep scenarios only)")
    add_output_args(p)
    p.set_defaults(func=cmd_study)


@command("study")
def cmd_study(args: argparse.Namespace) -> Result:
    from game.assessment.study import checks, study
    from game.scenario.loader import load_scenario

    for flag, value, ok in (("--trainees", args.trainees, args.trainees >= 3),
                            ("--seeds", args.seeds, args.seeds >= 1),
                            ("--workers", args.workers, args.workers >= 1),
                            ("--skill-correlation", args.skill_correlation,
                             0.0 <= args.skill_correlation < 1.0)):
        if not ok:
            raise CommandError("study.bad_numbers", flag=flag, value=value)
    from game.manager.loader import is_manager_file, load_manager

    path = Path(args.scenario)
    manager = is_manager_file(path)
    if manager and args.skill_correlation:
        raise CommandError("study.correlation_for_reps")
    seed = load_manager(path)[0].seed if manager else load_scenario(path)[0].seed
    executor: Executor | None = None
    client = None
    if args.dask:
        try:
            from distributed import Client
        except ImportError:
            raise CommandError("study.no_dask") from None
        try:
            client = Client(args.dask)
        except (OSError, ValueError) as exc:
            raise CommandError("study.dask_unreachable", EXIT_PROBLEMS, address=args.dask,
                               why=str(exc).splitlines()[0]) from None
        executor = client.get_executor()
    try:
        seeds = [seed + k for k in range(args.seeds)]
        progress = not args.json and sys.stderr.isatty()
        if manager:  # synthetic managers lead the team; the manager rubric scores them
            from game.manager.validity import manager_study

            summary = manager_study(path, managers=args.trainees, seeds=seeds, executor=executor,
                                    workers=args.workers, progress=progress,
                                    study_seed=args.study_seed)
        else:
            summary = study(path, trainees=args.trainees, seeds=seeds, executor=executor,
                            workers=args.workers, progress=progress, study_seed=args.study_seed,
                            skill_correlation=args.skill_correlation)
    finally:
        if client is not None:
            client.close()
    summary["problems"] = checks(summary)
    lang = lang_of(args)
    names = names_in(lang, manager) | indicator_names_in(lang, manager)
    return Result(summary, body=study_table(summary, lang, names), ok=not summary["problems"])


def names_in(lang: str, manager: bool = False) -> dict[str, str]:
    """The rubric's competency names in ``lang``, by id (the manager rubric on a manager study)."""
    if manager:
        from game.manager.scoring import load_rubric

        return {c.id: c.name.pick(lang) for c in load_rubric().competencies}
    from game.commands.classroom import competency_names

    return {c: words[lang] for c, words in competency_names().items()}


def indicator_names_in(lang: str, manager: bool = False) -> dict[str, str]:
    """The rubric's indicator names in ``lang``, by id (the manager rubric on a manager study;
    they never share an id with a competency: indicators are snake_case, competencies
    kebab-case)."""
    if manager:
        from game.manager.scoring import load_rubric

        return {r.indicator: r.name.pick(lang) for c in load_rubric().competencies
                for r in c.indicators}
    from game.assessment.assess import standard_rubric

    rubric, _ = standard_rubric()
    return {i.id: getattr(i.name, lang) for i in rubric.indicators}


def study_table(summary: dict[str, Any], lang: str = "en",
                names: Mapping[str, str] | None = None) -> str:
    """The study as a plain-text table in ``lang``, with what falls short of the bar below it
    (competencies and indicators by their ``names`` in that language, by id where none is
    given), under a competency short of its bar its indicators' own figures, weakest first, and,
    when the composite cannot follow profit because profit follows few skills, why. A competency
    the scenario does not set out to assess is marked "*" and named below the table: its figures
    are shown, not judged."""
    from game.assessment.study import shortfalls

    t = CliWords(lang)
    names = names or {}
    lines = [
        t("study.title", scenario=summary["scenario"], trainees=summary["trainees"],
          seeds=len(summary["seeds"]), games=summary["games"], seconds=summary["seconds"])
        + (t("study.correlated", r=summary["skill_correlation"])
           if summary.get("skill_correlation") else ""),
        "",
        align(t("study.column.competency"), 28, left=True) + " "
        + " ".join(align(t(f"study.column.{name}"), width)
                   for name, width in (("convergent", 10), ("discriminant", 9), ("icc", 6),
                                       ("icc_ci", 11), ("sem", 6), ("scored", 7),
                                       ("profit", 13))),
    ]

    f = two_places

    def money(x: float | None) -> str:
        return "-" if x is None else f"{x:+,.0f}"

    def span(ci: list[float] | None) -> str:
        return "-" if not ci else f"{ci[0]:.2f}-{ci[1]:.2f}"

    for c, s in summary["competencies"].items():
        mark = "" if s.get("assessed", True) else " *"
        lines.append(f"{c + mark:28s} {f(s['convergent_rho']):>10s} {f(s['discriminant_max_rho']):>9s} "
                     f"{f(s['icc']):>6s} {span(s.get('icc_ci')):>11s} {f(s['sem']):>6s} "
                     f"{s['scored_games']:>7d} "
                     f"{money(s.get('profit_per_skill')):>13s}")
    overall = summary.get("overall")
    if overall and overall.get("icc") is not None:
        lines += ["", t("study.overall", icc=f(overall["icc"]), ci=span(overall.get("icc_ci")),
                        sem=f(overall.get("sem")))]
    errors = error_line(summary, t, names)
    if errors:
        lines.append(errors)
    lines += ["", t("study.criterion", rho=f(summary["criterion_rho"]),
                    game=f(summary.get("criterion_rho_per_game")),
                    icc=f(summary.get("profit_icc")))]
    if summary.get("criterion_ceiling_rho") is not None:
        lines.append(t("study.ceiling", rho=f(summary["criterion_ceiling_rho"])))
    weights = summary.get("profit_weights")
    if weights and summary.get("criterion_rho_weighted") is not None:
        listed = name_list((f"{names.get(c, c)} {w:.2f}" for c, w in
                            sorted(weights.items(), key=lambda cw: -cw[1]) if w >= 0.005), lang)
        lines.append(t("study.weighted", rho=f(summary["criterion_rho_weighted"]), weights=listed))
    incidental = [c for c, s in summary["competencies"].items() if not s.get("assessed", True)]
    if incidental:
        lines += ["", t("study.incidental",
                        names=name_list((names.get(c, c) for c in incidental), lang))]
    short = shortfalls(summary)
    lines += ["", t("study.all_met") if not short else t("study.short")]
    shown: set[str] = set()
    for sf in short:
        lines.append(f"  - {sf.text(lang, names)}")
        c = sf.competency
        if c is not None and c not in shown and sf.check in ("convergent", "icc"):
            shown.add(c)
            evidence = evidence_line(summary["competencies"][c].get("indicators"), t, names)
            if evidence:
                lines.append(f"    {evidence}")
    criterion = next((sf for sf in short if sf.check == "criterion"), None)
    why = None if criterion is None else economics_line(summary, t, names, criterion.bar)
    if why:
        lines += ["", why]
    against = [(c, i, fig["convergent_rho"]) for c, s in summary["competencies"].items()
               for i, fig in (s.get("indicators") or {}).items() if fig.get("against_skill")]
    if against:
        lines += ["", t("study.against")]
        lines += ["  - " + t("study.against_one", name=names.get(i, i),
                             competency=names.get(c, c), rho=f(rho))
                  for c, i, rho in against]
    return "\n".join(lines)


ERROR_SPREAD = 0.02
"""A competency's error is said to go with its evidence when it differs by this much between
the fewest and the most occasions the study saw."""


def error_line(summary: Mapping[str, Any], t: CliWords, names: Mapping[str, str]) -> str | None:
    """How one game's error goes with its evidence, for each competency where it differs by
    ``ERROR_SPREAD`` or more across the occasions the study saw (None where none does)."""
    from game.assessment.stats import error_on

    parts = []
    for c, s in summary["competencies"].items():
        curve = s.get("sem_curve")
        if not curve:
            continue
        low, high = curve["occasions"]
        at = [error_on(curve["base"], curve["per_occasion"], n) for n in (low, high)]
        if at[0] - at[1] >= ERROR_SPREAD:
            parts.append(t("study.error_one", name=names.get(c, c), thin=f"{at[0]:.2f}",
                           low=low, rich=f"{at[1]:.2f}", high=high))
    return t("study.errors", parts=t("study.error_join").join(parts)) if parts else None


def two_places(x: float | None) -> str:
    """A figure of the study table to two places ("-" when not measured)."""
    return "-" if x is None else f"{x:.2f}"


def evidence_line(indicators: Mapping[str, Mapping[str, Any]] | None, t: CliWords,
                  names: Mapping[str, str]) -> str | None:
    """A competency's indicators with their own convergent rho and ICC, the least convergent
    first: what holds its score back (None without the figures)."""
    if not indicators:
        return None
    f = two_places

    def key(item: tuple[str, Mapping[str, Any]]) -> float:
        rho = item[1].get("convergent_rho")
        return -2.0 if rho is None else float(rho)

    sep = "；" if t.lang == "zh" else "; "
    return t("study.evidence", list=sep.join(
        t("study.indicator", name=names.get(i, i), rho=f(s.get("convergent_rho")),
          icc=f(s.get("icc")))
        for i, s in sorted(indicators.items(), key=key)))


def economics_line(summary: dict[str, Any], t: CliWords, names: Mapping[str, str],
                   bar: float) -> str | None:
    """Why the composite falls short of ``bar`` against profit when the true skills do too:
    what the best-earning skill earns and which skills earn little beside it (None when the
    true skills reach the bar or the figures are missing)."""
    from game.assessment.study import profit_leader

    ceiling, leader = summary.get("criterion_ceiling_rho"), profit_leader(summary)
    if ceiling is None or ceiling >= bar or leader is None:
        return None
    top, money, small = leader
    return t("study.economics", ceiling=f"{ceiling:.2f}", top=names.get(top, top),
             money=f"{money:+,.0f}", n=len(small), others=len(summary["competencies"]) - 1,
             small=name_list((names.get(c, c) for c in small), t.lang))
