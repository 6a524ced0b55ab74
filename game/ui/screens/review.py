"""Review (CW-51, CW-60, CW-61): the round's KPIs against target, with charts, and the data to
plan the next round with."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from game.assessment.assess import standard_rubric
from game.engine.phases import Phase
from game.engine.targets import target_met
from game.engine.view_models import RoundKpis, TraineeView
from game.ui import charts, fmt
from game.ui.screens import profit
from game.ui.screens.base import MARGIN, Screen
from game.ui.screens.kpis import KPI_KEYS, kpi_short, kpi_text, kpi_values
from game.ui.screens.names import Names


def kpi_rows(t: Callable[..., str], values: Mapping[str, Any],
             targets: Mapping[str, Any]) -> list[charts.KpiRow]:
    return [
        charts.KpiRow(t("kpi." + k), float(values.get(k) or 0.0), float(targets[k]),
                      kpi_text(k, values.get(k)), kpi_text(k, targets[k]))
        for k in KPI_KEYS
    ]


class ReviewScreen(Screen):
    key: ClassVar[str] = "review"
    phase: ClassVar[Phase | None] = Phase.REVIEW

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.steps: list[charts.Step] = []  # the waterfall's bars as drawn

    def build(self, view: TraineeView | None) -> None:
        if view is None:  # a phase screen is built only with a game on show
            return
        kit, t = self.kit, self.t
        names = Names(view.brief, self.app.strings)
        y = self.header(t("review.title", round=view.round))
        kpis = view.kpis[-1] if view.kpis else None
        events = profit.round_events(self.events, view.round)
        chart_w = 680
        self._profit_heading(kpis, MARGIN, y, chart_w)
        surface, self.steps = profit.waterfall_chart((chart_w, 222), kpis.waterfall if kpis else {}, t,
                                                     self.app.lang)
        kit.image(MARGIN, y + 30, surface, object_id="#profit_waterfall")
        x = MARGIN * 2 + chart_w
        w = self.width - x - MARGIN
        kit.label(x, y, w, t("review.consequences"), "@heading")
        lines = profit.stock_lines(events, names, t) + profit.money_lines(kpis, events, names, t)
        kit.rich(x, y + 30, w, 222, lines, object_id="#review_consequences")
        self._kpis(view, kpis, names, y + 264)

    def _profit_heading(self, kpis: RoundKpis | None, x: int, y: int, w: int) -> None:
        kit, t = self.kit, self.t
        value = kpis.profit if kpis else None
        kit.value(x, y, w, t("review.profit", profit=fmt.money(value), margin=fmt.pct(kpis.margin if kpis else None)),
                  t("tip.waterfall"), "@heading" if value is None or value >= 0 else "@bad",
                  object_id="#round_profit", h=28)

    def _kpis(self, view: TraineeView, kpis: RoundKpis | None, names: Names, y: int) -> None:
        """The round's KPIs against target, revenue by round, and the figures behind them."""
        kit, t = self.kit, self.t
        targets = kpi_values(view.round_targets)
        values = kpi_values(kpis)
        h = self.height - y - 36
        kpi_w, rev_w = 560, 250
        kit.label(MARGIN, y, kpi_w, t("review.against_target"), "@heading")
        surface = charts.kpi_bars((kpi_w, h), kpi_rows(t, values, targets), t("kpi.target"))
        kit.image(MARGIN, y + 30, surface, object_id="#kpi_chart")
        x = MARGIN * 2 + kpi_w
        rounds = range(1, view.rounds + 1)
        done = {k.round: k.revenue for k in view.kpis}
        chart = charts.series_bars((rev_w, h), t("review.revenue_by_round"), [t("review.round_n", n=r) for r in rounds],
                                   [done.get(r) for r in rounds], targets["revenue"],
                                   lambda v: kpi_short("revenue", v, self.app.lang), t("kpi.target"))
        kit.image(x, y + 30, chart, object_id="#revenue_chart")
        x += rev_w + MARGIN
        w = self.width - x - MARGIN
        lines: list[tuple[str, str | None]] = []
        forecast, error = (kpis.forecast, kpis.forecast_error) if kpis else (None, None)
        if kpis is not None and forecast is not None:
            aim = standard_rubric()[0].kpi_target("forecast_error")  # what the assessment asks
            said = dict(forecast=fmt.money(forecast), actual=fmt.money(kpis.revenue), error=fmt.pct(error))
            met = target_met(error, aim, lower=True)
            lines.append((t("review.forecast", **said) if aim is None
                          else t("review.forecast_aim", aim=fmt.pct(aim, trim=True), **said),
                          None if met is None else "good" if met else "warn"))
        else:
            lines.append((t("review.no_forecast"), "warn"))
        lines.append((t("review.key_accounts", revenue=fmt.money(kpis.key_account_revenue if kpis else None)),
                      None))
        lines += profit.cost_lines(kpis, t)
        for k in KPI_KEYS:
            value = values[k]
            ok = bool(target_met(value, targets[k]))
            lines.append((t("review.kpi_line", kpi=t("kpi." + k), value=kpi_text(k, value),
                            target=kpi_text(k, targets[k]),
                            verdict=t("review.met" if ok else "review.missed")), "good" if ok else "bad"))
        for seg_id, figs in (kpis.segments if kpis else {}).items():
            lines.append((t("review.segment_line", segment=names.segment(seg_id),
                            customers=f"{figs.customers:,}"), None))
        lines.append((t("review.next_round_hint"), "muted"))
        kit.label(x, y, w, t("review.figures"), "@heading")
        kit.rich(x, y + 30, w, h, lines, object_id="#review_figures")
