"""The measurement error of a competency score: SEM = SD * sqrt(1 - r).

Preferably from the validity lab (``game.assessment.lab``): its test-retest ICC(2,1) per
competency as r, and the SD of all its runs. A lab report is read from a JSON file (the lab's
``LabReport`` as a dict: ``competencies[].id``, ``.icc21``, ``.tiers[bot] = {mean, sd, n}``).
Without one, r is the documented assumption in ``measurement.json`` and SD is the cohort's.
A change between two attempts is called real when it exceeds 1.96 * sqrt(2) * SEM.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.records.errors import RecordsError
from game.records.scoring import settings

Z95 = 1.96


@dataclass(frozen=True)
class Sem:
    value: float | None
    sd: float | None
    reliability: float | None
    source: str  # "validity-lab", "cohort" or "none"
    n: int

    def real_change(self, change: float | None) -> bool | None:
        if change is None or self.value is None:
            return None
        return abs(change) > Z95 * math.sqrt(2) * self.value


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


def load_validity(path: str | Path | None) -> dict[str, Any] | None:
    if path is None:
        return None
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        comps = {c["id"]: c for c in data["competencies"]}
    except OSError as exc:
        raise RecordsError(str(path), f"cannot read the validity report ({exc.strerror})",
                           "give the JSON the validity lab wrote, or leave --validity out") from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise RecordsError(str(path), "this is not a validity-lab report (no competencies with "
                           "ids)", "give the JSON the validity lab wrote") from exc
    return comps


def sems(competency_ids: Sequence[str], cohort: Mapping[str, Sequence[float]],
         validity: Mapping[str, Any] | None = None) -> dict[str, Sem]:
    """SEM per competency: from the lab where it has the competency, else from the cohort."""
    r_assumed = float(settings()["reliability"])
    min_n = int(settings()["min_cohort_for_sd"])
    out: dict[str, Sem] = {}
    for cid in competency_ids:
        lab = (validity or {}).get(cid)
        if lab is not None and lab.get("icc21") is not None and lab.get("tiers"):
            sd, n = _pooled(lab["tiers"])
            r = max(0.0, min(1.0, float(lab["icc21"])))
            if sd is not None:
                out[cid] = Sem(sd * math.sqrt(1 - r), sd, r, "validity-lab", n)
                continue
        values = list(cohort.get(cid, []))
        _, sd = mean_sd(values)
        if sd is None or len(values) < min_n:
            out[cid] = Sem(None, sd, r_assumed, "none", len(values))
        else:
            out[cid] = Sem(sd * math.sqrt(1 - r_assumed), sd, r_assumed, "cohort", len(values))
    return out
