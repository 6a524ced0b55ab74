"""Do the scores measure skill? The validity study on the shipped and on generated scenarios.

For every shipped scenario and N generated ones (``python main.py generate``, scenarios nobody
tuned), draws synthetic trainees of known skill (``game.bots.synthetic``), plays each on two
seeds and prints per competency the convergent rho, the largest discriminant |rho|, the
test-retest ICC(2,1) and the SEM, the composite's rho with contribution profit, the wall time
of each study, and what falls short of the bar (convergent >= 0.7, discriminant at least 0.3
below it, ICC >= 0.75, criterion >= 0.5); last, each indicator's own convergent rho and ICC
over all the studies (range and median) and the median occasions at which its evidence is worth
half its weight (the standard rubric's ``half_weight_occasions``). With ``--drills``, the eight
drills too (each judged on the competencies its courseware names), and a last line per drill.

    python bench/study_validity.py [--trainees 200] [--seeds 2] [--generated 10]
                                   [--gen-seed0 201] [--workers 2] [--json FILE]
                                   [--skill-correlation R] [--drills]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))
DRILLS = sorted((ROOT / "scenarios" / "drills").glob("*.yaml"))

from study_consequences import generated  # noqa: E402  (the same generated scenarios)


def main() -> None:
    from game.assessment.study import checks, study
    from game.commands.study import indicator_names_in, names_in, study_table
    from game.scenario.loader import load_scenario

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=200)
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--generated", type=int, default=10)
    parser.add_argument("--gen-seed0", type=int, default=201)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", metavar="FILE", default=None)
    parser.add_argument("--skill-correlation", type=float, default=0.0, metavar="R")
    parser.add_argument("--drills", action="store_true", help="study the drills too")
    args = parser.parse_args()
    out = []
    names = names_in("en", False) | indicator_names_in("en", False)
    with tempfile.TemporaryDirectory() as tmp:
        paths = [*SHIPPED, *generated(args.generated, args.gen_seed0, Path(tmp)),
                 *(DRILLS if args.drills else [])]
        for path in paths:
            base = load_scenario(path)[0].seed
            summary = study(path, trainees=args.trainees,
                            seeds=[base + k for k in range(args.seeds)], workers=args.workers,
                            skill_correlation=args.skill_correlation)
            summary["scenario"] = path.name
            summary["problems"] = checks(summary)
            out.append(summary)
            print(study_table(summary, "en", names), end="\n\n", flush=True)
    times = [s["seconds"] for s in out]
    met = sum(1 for s in out if not s["problems"])
    print(f"{met} of {len(out)} scenarios meet every check; study time median "
          f"{statistics.median(times):.1f} s (min {min(times):.1f}, max {max(times):.1f})")
    for s in out:
        if Path(s["scenario"]).stem in {d.stem for d in DRILLS}:
            print(drill_line(s))
    print()
    print(indicator_table(out))
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2), encoding="utf-8")


def drill_line(s: dict) -> str:
    """One drill's study in a line: the competencies it names (convergent / discriminant / ICC),
    how many meet the bar, the criterion and its ceiling (the docs' drills table)."""
    def f(x: float | None) -> str:
        return "-" if x is None else f"{x:.2f}"

    judged = {c: v for c, v in s["competencies"].items() if v.get("assessed", True)}
    failing = {p.split(":")[0] for p in s["problems"]}
    cells = "; ".join(f"{c} {f(v['convergent_rho'])} / {f(v['discriminant_max_rho'])} / "
                      f"{f(v['icc'])}" for c, v in judged.items())
    met = sum(1 for c in judged if c not in failing)
    return (f"{Path(s['scenario']).stem}: {cells}; bars met {met}/{len(judged)}; criterion "
            f"{f(s['criterion_rho'])}, ceiling {f(s['criterion_ceiling_rho'])}; {s['seconds']:.0f} s")


def indicator_table(studies: list[dict]) -> str:
    """Each indicator's convergent rho and ICC over the studies (range and median), and the
    median of the evidence weighting its reliability and occasions imply (the rubric's
    ``half_weight_occasions`` is this figure, rounded)."""
    found: dict[tuple[str, str], list[tuple[float | None, float | None]]] = {}
    halves: dict[tuple[str, str], list[float]] = {}
    for s in studies:
        for c, figures in s["competencies"].items():
            for i, f in figures.get("indicators", {}).items():
                found.setdefault((c, i), []).append((f["convergent_rho"], f["icc"]))
                if f.get("half_weight_occasions") is not None:
                    halves.setdefault((c, i), []).append(f["half_weight_occasions"])

    def spread(xs: list[float | None]) -> str:
        known = [x for x in xs if x is not None]
        if not known:
            return "-"
        return f"{min(known):+.2f}..{max(known):+.2f} (median {statistics.median(known):+.2f})"

    lines = [f"{'competency':28s} {'indicator':24s} {'convergent rho':>30s} {'ICC':>30s} "
             f"{'half weight at':>15s}"]
    for (c, i), pairs in found.items():
        k = halves.get((c, i))
        lines.append(f"{c:28s} {i:24s} {spread([p[0] for p in pairs]):>30s} "
                     f"{spread([p[1] for p in pairs]):>30s} "
                     f"{statistics.median(k) if k else float('nan'):>15.2f}")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
