"""The class debrief as a spreadsheet: one row per trainee of the roster."""

from __future__ import annotations

import csv
import io
import statistics

from game.classroom.model import ClassView


def class_csv(view: ClassView) -> str:
    """Trainee, status, round, deals, profit, overall, each competency, and the mean value
    claimed and joint value of its key-account negotiations."""
    comps = [c.id for c in view.competencies]
    claimed: dict[str, list[float]] = {}
    joint: dict[str, list[float]] = {}
    for account in view.accounts:
        for d in account.deals:
            if d.value_claimed is not None:
                claimed.setdefault(d.trainee, []).append(d.value_claimed)
            if d.joint_value is not None:
                joint.setdefault(d.trainee, []).append(d.joint_value)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["trainee", "status", "phase", "round", "rounds", "deals", "profit", "overall",
                     *comps, "value_claimed_mean", "joint_value_mean"])

    def mean(xs: list[float] | None) -> str:
        return "" if not xs else f"{statistics.fmean(xs):.4f}"

    for row in view.trainees:
        writer.writerow([row.trainee, row.status, row.phase or "", row.round or "", row.rounds or "",
                         row.deals, "" if row.profit is None else f"{row.profit:.2f}",
                         "" if row.overall is None else f"{row.overall:.4f}",
                         *["" if row.scores.get(c) is None else f"{row.scores[c]:.4f}"
                           for c in comps],
                         mean(claimed.get(row.trainee)), mean(joint.get(row.trainee))])
    return out.getvalue()
