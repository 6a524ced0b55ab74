"""Review (CW-51, CW-60, CW-61): the round's KPIs against target, with charts, and the data to
plan the next round with."""

from __future__ import annotations

from typing import Any, ClassVar

from game.engine.phases import Phase
from game.ui import charts, fmt
from game.ui.screens.base import MARGIN, Screen
from game.ui.screens.kpis import KPI_KEYS, kpi_short, kpi_text
from game.ui.screens.names import Names


def kpi_rows(t: Any, values: dict[str, Any], targets: dict[str, Any]) -> list[charts.KpiRow]:
    return [
        charts.KpiRow(t("kpi." + k), float(values.get(k) or 0.0), float(targets[k]),
                      kpi_text(k, values.get(k)), kpi_text(k, targets[k]))
        for k in KPI_KEYS
    ]


class ReviewScreen(Screen):
    key: ClassVar[str] = "review"
    phase: ClassVar[Phase | None] = Phase.REVIEW

    def build(self, view: dict[str, Any] | None) -> None:
        assert view is not None
        kit, t = self.kit, self.t
        names = Names(self.game.scenario, self.app.strings)
        y = self.header(t("review.title", round=view["round"]))
        kpis = view["kpis"][-1] if view["kpis"] else {}
        targets = view["round_targets"]
        kit.label(MARGIN, y, 640, t("review.against_target"), "@heading")
        surface = charts.kpi_bars((640, 250), kpi_rows(t, kpis, targets), t("kpi.target"))
        kit.image(MARGIN, y + 30, surface, object_id="#kpi_chart")
        x = MARGIN + 664
        w = self.width - x - MARGIN
        rounds = range(1, view["rounds"] + 1)
        done = {k["round"]: k["revenue"] for k in view["kpis"]}
        revenue = [done.get(r) for r in rounds]
        chart = charts.series_bars((w, 250), t("review.revenue_by_round"), [t("review.round_n", n=r) for r in rounds],
                                   revenue, targets["revenue"], lambda v: kpi_short("revenue", v, self.app.lang),
                                   t("kpi.target"))
        kit.image(x, y + 30, chart, object_id="#revenue_chart")
        y += 292
        half = (self.width - 3 * MARGIN) // 2
        lines: list[tuple[str, str | None]] = []
        forecast, error = kpis.get("forecast"), kpis.get("forecast_error")
        if forecast is not None:
            lines.append((t("review.forecast", forecast=fmt.money(forecast), actual=fmt.money(kpis.get("revenue")),
                            error=fmt.pct(error)), "good" if error is not None and error <= 0.1 else "warn"))
        else:
            lines.append((t("review.no_forecast"), "warn"))
        lines.append((t("review.key_accounts", revenue=fmt.money(kpis.get("key_account_revenue"))), None))
        lines.append((t("review.costs", costs=fmt.money(kpis.get("costs"))), None))
        for k in KPI_KEYS:
            value = kpis.get(k)
            ok = value is not None and value >= targets[k]
            lines.append((t("review.kpi_line", kpi=t("kpi." + k), value=kpi_text(k, value),
                            target=kpi_text(k, targets[k]),
                            verdict=t("review.met" if ok else "review.missed")), "good" if ok else "bad"))
        kit.label(MARGIN, y, half, t("review.figures"), "@heading")
        kit.rich(MARGIN, y + 28, half, self.height - y - 36, lines, object_id="#review_figures")
        x = MARGIN * 2 + half
        kit.label(x, y, half, t("review.segments"), "@heading")
        seg_lines: list[tuple[str, str | None]] = []
        for seg_id, figs in (kpis.get("segments") or {}).items():
            seg_lines.append((t("review.segment_line", segment=names.segment(seg_id),
                                customers=f"{figs.get('customers', 0):,}"), None))
        seg_lines.append((t("review.next_round_hint"), "muted"))
        kit.rich(x, y + 28, half, self.height - y - 36, seg_lines, object_id="#review_segments")
