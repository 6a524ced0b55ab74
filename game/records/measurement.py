"""The measurement error of a competency score: SEM = SD * sqrt(1 - r).

Best from the validity study (``python main.py study SCENARIO --json``): synthetic trainees of
known skill, each playing the scenario on several seeds; r is the test-retest ICC(2,1) of one
trainee across seeds and its ``sem`` is used as it is. Else from the validity lab (its
ICC(2,1) per competency as r and the SD of all its runs: scripted bots, so an upper bound on r).
A report counts only for the scenario it measured (a lab report without a scenario counts for
any). Without one, r is the documented assumption in ``measurement.json`` and SD is the
cohort's. A change between two attempts is called real when it exceeds 1.96 * sqrt(2) * SEM.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from game.assessment.stats import error_on
from game.records.errors import RecordsError
from game.records.scoring import settings

Z95 = 1.96
OVERALL = "overall"
"""The id a study's overall score (the mean of a game's scored competencies) is measured under,
beside the competencies' ids."""


@dataclass(frozen=True)
class Sem:
    value: float | None
    sd: float | None
    reliability: float | None
    source: str  # "validity-study", "validity-lab", "cohort" or "none"
    n: int  # the games (study), runs (lab) or sessions (cohort) behind it
    trainees: int = 0  # the study's synthetic trainees (0 for the other sources)
    scenario_sha256: str = ""  # what a study measured ("" where it does not say)
    rubric_sha256: str = ""
    criterion: tuple[float, float | None, float | None] | None = None
    """The study's rho of the mean competency score with contribution profit, and its 95 %
    interval (None: a lab, or a study that did not measure it)."""
    indicators: tuple[tuple[str, float], ...] = ()
    """(indicator id, test-retest ICC) of the competency's indicators, as a study measured each
    on its own (empty: a lab, or a study that did not measure them)."""
    curve: tuple[float, float, int, int] | None = None
    """How a study found one game's error to go with the game's evidence: the SEM on n
    occasions is sqrt(base + per_occasion / n), for n from the third figure to the fourth, the
    range it measured (None: a lab, or a study that did not measure it)."""
    earlier: float | None = None
    """The SEM of the earlier of two scores compared (``for_scores``): None, the same as this."""

    def at(self, occasions: int | None) -> float | None:
        """The SEM of a score whose game gave it ``occasions`` occasions: the study's curve,
        held within the range it measured; the one figure without a curve or a count."""
        if self.curve is None or not occasions or self.value is None:
            return self.value
        base, per_occasion, low, high = self.curve
        return error_on(base, per_occasion, min(max(occasions, low), high))

    def for_scores(self, occasions: int | None, earlier: int | None = None) -> Sem:
        """This measurement for one score on ``occasions`` occasions and, when it is compared
        with an earlier score on ``earlier`` occasions, that score's too."""
        if self.curve is None:
            return self
        return replace(self, value=self.at(occasions),
                       earlier=None if earlier is None else self.at(earlier))

    def indicator_reliability(self, indicator: str) -> float | None:
        """The test-retest ICC a study measured for one of the competency's indicators."""
        return next((r for i, r in self.indicators if i == indicator), None)

    def fits(self, played: Sequence[tuple[str, str]]) -> bool:
        """Whether it measured scores made as these were: (scenario sha256, rubric sha256) of
        each game concerned. A figure that names a scenario text or rubric fits only games that
        name the same; one that names none (a lab's) fits any."""
        return all((not self.scenario_sha256 or scenario == self.scenario_sha256)
                   and (not self.rubric_sha256 or rubric == self.rubric_sha256)
                   for scenario, rubric in played)

    def real_gap(self) -> float | None:
        """How far apart two attempts' scores must be before the change is called real."""
        if self.value is None:
            return None
        earlier = self.value if self.earlier is None else self.earlier
        return Z95 * math.sqrt(self.value**2 + earlier**2)

    def real_change(self, change: float | None) -> bool | None:
        gap = self.real_gap()
        if change is None or gap is None:
            return None
        return abs(change) > gap


def mean_sd(xs: Sequence[float]) -> tuple[float | None, float | None]:
    if not xs:
        return None, None
    m = sum(xs) / len(xs)
    if len(xs) < 2:
        return m, None
    return m, math.sqrt(sum((x - m) ** 2 for x in xs) / (len(xs) - 1))


def _pooled(tiers: Mapping[str, Mapping[str, float]]) -> tuple[float | None, int]:
    """The SD of all runs together, from each tier's mean, SD and n."""
    parts = [(float(t["mean"]), float(t.get("sd") or 0.0), int(t["n"])) for t in tiers.values()
             if t.get("n") and t.get("mean") is not None and not math.isnan(float(t["mean"]))]
    n = sum(p[2] for p in parts)
    if n < 2:
        return None, n
    grand = sum(m * k for m, _, k in parts) / n
    ss = sum((k - 1) * (0.0 if math.isnan(s) else s) ** 2 + k * (m - grand) ** 2
             for m, s, k in parts)
    return math.sqrt(ss / (n - 1)), n


Validity = dict[str | None, dict[str, list[Sem]]]
"""What validity studies and labs measured, per scenario id (None: a lab report that does not
say, counted for any) and competency, best first: a study before a lab, a later file before an
earlier one."""

SHIPPED = Path(__file__).resolve().parents[2] / "scenarios" / "validity"
"""The validity studies of the shipped scenarios (``python main.py study SCENARIO --json``)."""


def shipped_validity() -> list[Path]:
    """The shipped studies, for the reports to fall back on."""
    return sorted(SHIPPED.glob("*.json"))


class _OldStudy(Exception):
    """A study report written before studies named their scenario."""


PREFERENCE = {"validity-lab": 0, "validity-study": 1}
"""Which source comes first when both measured a competency on a scenario: the study's trainees
are not scripted, so its r is the nearer one for people."""


def load_validity(paths: str | Path | Sequence[str | Path] | None) -> Validity | None:
    """The measurements in validity reports: each file holds a study's or a lab's JSON, or a
    list of them (``bench/study_validity.py --json FILE``). None when no file is given."""
    if paths is None:
        return None
    if isinstance(paths, (str, Path)):
        paths = [paths]
    out: Validity = {}
    for path in map(Path, paths):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            reports = data if isinstance(data, list) else [data]
            if not reports:
                raise ValueError("no report")
            found = [m for r in reports for m in _measured(r)]
        except OSError as exc:
            raise RecordsError.said(str(path), "validity_unreadable",
                                    reason=exc.strerror or str(exc)) from exc
        except _OldStudy as exc:
            raise RecordsError.said(str(path), "validity_study_unnamed") from exc
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise RecordsError.said(str(path), "validity_not_report") from exc
        for scenario, comp, m in found:
            out.setdefault(scenario, {}).setdefault(comp, []).insert(0, m)
    for comps in out.values():
        for held in comps.values():
            held.sort(key=lambda m: -PREFERENCE[m.source])  # stable: later files stay first
    return out


def _measured(report: Mapping[str, Any]) -> Iterable[tuple[str | None, str, Sem]]:
    """(scenario id, competency, what was measured) in one study or lab report; a competency
    without a reliability yields nothing."""
    comps = report["competencies"]
    if isinstance(comps, Mapping):  # a study: {id: {"icc", "sem", "sd", "scored_games"}}
        scenario = report.get("scenario_id")
        if not isinstance(scenario, str):
            raise _OldStudy
        crit, ci = report.get("criterion_rho"), report.get("criterion_rho_ci") or (None, None)
        criterion = None if crit is None else (
            float(crit), None if ci[0] is None else float(ci[0]),
            None if ci[1] is None else float(ci[1]))
        overall = report.get("overall")
        for cid, c in [*comps.items(), *([(OVERALL, overall)] if overall else [])]:
            if c.get("icc") is None or c.get("sem") is None:
                continue
            r = max(0.0, min(1.0, float(c["icc"])))
            sd = c.get("sd")
            indicators = tuple((str(i), max(0.0, min(1.0, float(f["icc"]))))
                               for i, f in (c.get("indicators") or {}).items()
                               if f.get("icc") is not None)
            yield scenario, str(cid), Sem(
                float(c["sem"]), None if sd is None else float(sd), r, "validity-study",
                int(c.get("scored_games") or 0), int(report.get("trainees") or 0),
                str(report.get("scenario_sha256") or ""), str(report.get("rubric_sha256") or ""),
                criterion, indicators, _curve(c.get("sem_curve")))
        return
    scenario = report.get("scenario")  # a lab: [{"id", "icc21", "tiers"}]
    for c in comps:
        if c.get("icc21") is None or not c.get("tiers"):
            continue
        sd, n = _pooled(c["tiers"])
        if sd is None:
            continue
        r = max(0.0, min(1.0, float(c["icc21"])))
        yield scenario, str(c["id"]), Sem(sd * math.sqrt(1 - r), sd, r, "validity-lab", n)


def _curve(found: Mapping[str, Any] | None) -> tuple[float, float, int, int] | None:
    """A study's ``sem_curve`` as ``Sem.curve``."""
    if not found:
        return None
    low, high = found["occasions"]
    return (max(0.0, float(found["base"])), max(0.0, float(found["per_occasion"])),
            int(low), int(high))


def sems(competency_ids: Sequence[str], cohort: Mapping[str, Sequence[float]],
         validity: Validity | None = None, scenario: str | None = None,
         played: Sequence[tuple[str, str]] = ()) -> dict[str, Sem]:
    """SEM per competency of games of ``scenario``: from a study or lab of that scenario (or
    one that names none) where it has the competency and measured the scenario text and rubric
    the games were ``played`` and scored with, else from the cohort."""
    r_assumed = float(settings()["reliability"])
    min_n = int(settings()["min_cohort_for_sd"])
    mine = (validity or {}).get(scenario, {}) if scenario is not None else {}
    anyone = (validity or {}).get(None, {})
    out: dict[str, Sem] = {}
    for cid in competency_ids:
        measured = [m for m in (*mine.get(cid, ()), *anyone.get(cid, ())) if m.fits(played)]
        if measured:
            out[cid] = measured[0]
            continue
        values = list(cohort.get(cid, []))
        _, sd = mean_sd(values)
        if sd is None or len(values) < min_n:
            out[cid] = Sem(None, sd, r_assumed, "none", len(values))
        else:
            out[cid] = Sem(sd * math.sqrt(1 - r_assumed), sd, r_assumed, "cohort", len(values))
    return out


@lru_cache(maxsize=1)
def _shipped() -> Validity | None:
    return load_validity(shipped_validity())


def measured_sems(competency_ids: Sequence[str], scenario: str,
                  *played: tuple[str, str]) -> dict[str, Sem]:
    """The SEMs the shipped validity studies measured for games of ``scenario``, each played
    from the text and scored by the rubric its ``played`` pair names (scenario sha256, rubric
    sha256); a competency no study measured for all of them has none (no cohort to stand in for
    one game), and so does everything when no game is named or a shipped study file cannot be
    read (the scores then stand alone; the window and the class pages still open). ``OVERALL`` is
    the overall score's."""
    if not played:
        return {}
    try:
        shipped = _shipped()
    except RecordsError:
        return {}
    found = sems(competency_ids, {}, shipped, scenario, list(played))
    return {c: s for c, s in found.items() if s.source == "validity-study" and s.value is not None}
