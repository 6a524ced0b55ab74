"""Fulfilment (CW-40): run the weeks with a progress bar, deliveries, incidents to expedite or
explain to the customer, and complaints that arrive on the way.

Weeks are stepped one by one (``RunWeeks(weeks=1)``) and the window redraws after each, so the
bar moves; a week that brings an incident, a complaint or a risk stops the run.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import pygame

from game.engine.actions import EndPhase, Expedite, InformCustomer, ResolveComplaint, RunWeeks
from game.engine.events import Event
from game.engine.phases import Phase
from game.engine.view_models import TraineeView
from game.ui import charts, fmt, story
from game.ui.screens.alerts import live_risks, risk_cards
from game.ui.screens.base import MARGIN, Screen
from game.ui.screens.names import Names
from game.ui.screens.service_tips import inform_tip, resolve_tip

ATTENTION = frozenset({"delivery_incident", "complaint_received", "risk_warning", "risk_struck",
                       "delivery_late"})
CHART_SIZE = (600, 230)


def weekly_revenue(events: Sequence[Event], view: TraineeView) -> tuple[list[str], list[float | None]]:
    """Revenue booked in each week of the current round so far, key accounts' deliveries with the
    market's, so the bars add up to the round's revenue (from the event log)."""
    per = view.brief.weeks_per_round
    first = (view.round - 1) * per
    values: list[float | None] = [None] * per
    for event in events:
        if event.kind == "week_simulated" and event.round == view.round:
            k = event.week - 1 - first
            if 0 <= k < per:
                values[k] = event.payload.get("booked_revenue", event.payload["revenue"])
    return [str(first + k + 1) for k in range(per)], values


class FulfilmentScreen(Screen):
    key: ClassVar[str] = "fulfilment"
    phase: ClassVar[Phase | None] = Phase.FULFILMENT

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.names = Names(self.brief, app.strings)
        self.running = False
        self.end_after = False
        self.weeks_target = 0
        self.bar: Any = None
        self.chart: Any = None
        self.run_label: Any = None

    @property
    def busy(self) -> bool:
        return self.running

    # ------------------------------------------------------------------ running weeks

    def start_run(self, weeks: int | None, end_after: bool = False) -> None:
        view = self.view
        left = view.round_end_week - view.week
        if left <= 0:
            if end_after:
                self.submit(EndPhase())
            else:
                self.app.set_status(self.t("fulfilment.round_done"), "info")
                self.app.refresh()
            return
        self.weeks_target = min(left, weeks or left)
        self.running = True
        self.end_after = end_after
        self.app.set_status(self.t("fulfilment.running"), "info")
        self.app.chrome.build()

    def update(self, dt: float) -> None:
        if not self.running:
            return
        result = self.app.play.apply(RunWeeks(weeks=1))  # type: ignore[union-attr]
        self.weeks_target -= 1
        if not result.accepted:
            self.running = False
            self.app.set_status(story.rejection(result.code, result.reason, self.app.strings, result.params), "bad")
            self.app.refresh()
            return
        view = self.view  # the view after the week
        attention = [e for e in result.events if e.kind in ATTENTION]
        done = self.weeks_target <= 0 or view.week >= view.round_end_week
        if attention or done:
            self.running = False
            if attention:
                self.app.set_status(story.summary(attention, self.names), "warn")
                self.app.refresh()
            elif self.end_after:
                self.submit(EndPhase())
            else:
                self.app.set_status(self.t("fulfilment.ran", week=fmt.week_now(view.week, view.round_end_week)), "good")
                self.app.refresh()
            return
        self._show_progress()
        self.app.chrome.build()

    def _show_progress(self) -> None:
        view = self.view
        per = view.brief.weeks_per_round
        done = per - (view.round_end_week - view.week)
        if self.bar is not None:
            self.bar.text = self.t("fulfilment.week_of", done=done, weeks=per)
            self.bar.set_current_progress(100 * done / per)
        if self.chart is not None:
            self.chart.set_image(self._chart_surface())

    def _chart_surface(self) -> pygame.Surface:
        labels, values = weekly_revenue(self.events, self.view)
        return charts.series_bars(CHART_SIZE, self.t("fulfilment.chart"), labels, values, None,
                                  lambda v: fmt.money_short(v, self.app.lang))

    def on_key(self, key: int, mod: int) -> bool:
        if key == pygame.K_SPACE:
            self.start_run(1)
            return True
        if key == pygame.K_r and not mod & pygame.KMOD_CTRL:
            self.start_run(None)
            return True
        return False

    def on_next(self) -> None:
        view = self.view
        left = view.round_end_week - view.week
        if left <= 0:
            self.app.confirm_end_phase()
            return
        t = self.t
        self.app.confirm(t("dialog.end_phase_title", phase=t("phase.fulfilment")),
                         t("fulfilment.finish_confirm", weeks=left) + " " + self.app.irreversible_note(),
                         lambda: self.start_run(None, end_after=True))

    # ------------------------------------------------------------------ actions

    def expedite(self, incident: int) -> None:
        self.submit(Expedite(incident=incident))

    def inform(self, incident: int) -> None:
        self.submit(InformCustomer(incident=incident))

    def resolve(self, complaint: int) -> None:
        self.submit(ResolveComplaint(complaint=complaint))

    # ------------------------------------------------------------------ build

    def build(self, view: TraineeView | None) -> None:
        if view is None:  # a phase screen is built only with a game on show
            return
        kit, t = self.kit, self.t
        y = self.header(t("fulfilment.title"))
        per = view.brief.weeks_per_round
        done = per - (view.round_end_week - view.week)
        kit.label(MARGIN, y, 220, t("fulfilment.progress"), "@heading")
        self.bar = kit.progress(MARGIN + 224, y + 2, 380, 24, 100 * done / per, object_id="#week_progress",
                                text=t("fulfilment.week_of", done=done, weeks=per))
        left = view.round_end_week - view.week
        kit.button(MARGIN + 620, y - 2, 200, t("fulfilment.run_week"), "#run_week",
                   lambda: self.start_run(1), tip=t("tip.run_week"), h=34, enabled=left > 0)
        kit.button(MARGIN + 828, y - 2, 240, t("fulfilment.run_round"), "#run_round",
                   lambda: self.start_run(None), tip=t("tip.run_round"), cls="@primary", h=34,
                   enabled=left > 0)
        y += 44
        self.chart = kit.image(MARGIN, y, self._chart_surface(), object_id="#week_chart")
        self._deliveries(view, MARGIN, y + CHART_SIZE[1] + 12, CHART_SIZE[0])
        self._attention(view, MARGIN + CHART_SIZE[0] + 20, y)

    def _deliveries(self, view: TraineeView, x: int, y: int, w: int) -> None:
        kit, t = self.kit, self.t
        kit.label(x, y, w, t("fulfilment.deliveries"), "@heading")
        y += 30
        shown = 0
        for acc in view.accounts:
            c = acc.contract
            if acc.status != "won" or c is None:
                continue
            kit.label(x, y, 240, self.names.account(acc.id))
            kit.progress(x + 244, y + 3, 200, 18, 100 * c.delivered / max(1, c.units))
            kit.value(x + 450, y, w - 450, f"{c.delivered:,.0f} / {c.units:,}", t("tip.delivered"))
            y += 28
            shown += 1
        if not shown:
            kit.label(x, y, w, t("fulfilment.no_deliveries"), "@muted")
            y += 28
        y += 6
        now = view.now
        kit.value(x, y, w, t("fulfilment.now", revenue=fmt.money(now.revenue),
                             share=fmt.pct(now.market_share), customers=f"{now.customers:,}"),
                  t("tip.now"), "@muted")

    def _said(self, text: str, x: int, y: int, w: int, object_id: str) -> int:
        """An incident or complaint in full, wrapped over as many lines as it needs (never cut
        to "delivery pro…"); the y below it."""
        wrapped = self.kit.wrap(text, w - 6, "@warn")
        for i, line in enumerate(wrapped):
            self.kit.label(x, y + i * 22, w, line, "@warn", object_id=f"{object_id}_{i}", h=22)
        return y + 22 * max(1, len(wrapped))

    def _attention(self, view: TraineeView, x: int, y: int) -> None:
        kit, t = self.kit, self.t
        w = self.width - x - MARGIN
        kit.label(x, y, w, t("fulfilment.incidents"), "@heading")
        y += 30
        cost = fmt.money(view.brief.fulfilment.expedite_cost)
        effort = view.brief.economics.effort
        for inc in view.incidents[:3]:
            said = t("fulfilment.incident", id=inc.id, account=self.names.account(inc.account),
                     week=fmt.week_during(inc.week), cause=self.app.strings.get("cause." + inc.cause, inc.cause))
            below = self._said(said, x, y, w - 260, f"#incident_{inc.id}")
            kit.button(x + w - 252, y - 2, 120,
                       fmt.with_cost(t("fulfilment.expedite"), t, cost=view.brief.fulfilment.expedite_cost), f"#expedite_{inc.id}",
                       lambda i=inc.id: self.expedite(i), tip=t("tip.expedite", cost=cost), h=30)
            kit.button(x + w - 126, y - 2, 126, fmt.with_cost(t("fulfilment.inform"), t, effort.inform), f"#inform_{inc.id}",
                       lambda i=inc.id: self.inform(i), tip=inform_tip(t, view), h=30)
            y = max(y + 36, below + 6)
        if not view.incidents:
            kit.label(x, y, w, t("fulfilment.no_incidents"), "@muted")
            y += 30
        y += 4
        kit.label(x, y, w, t("fulfilment.complaints"), "@heading")
        y += 30
        for comp in view.complaints[:3]:
            said = t("fulfilment.complaint", id=comp.id, account=self.names.account(comp.account),
                     week=fmt.week_during(comp.week), cause=self.app.strings.get("complaint_cause." + comp.cause, comp.cause))
            below = self._said(said, x, y, w - 140, f"#complaint_{comp.id}")
            kit.button(x + w - 126, y - 2, 126, fmt.with_cost(t("fulfilment.resolve"), t, effort.resolve), f"#resolve_{comp.id}",
                       lambda c=comp.id: self.resolve(c), tip=resolve_tip(t, view), h=30)
            y = max(y + 36, below + 6)
        if not view.complaints:
            kit.label(x, y, w, t("fulfilment.no_complaints"), "@muted")
            y += 30
        y += 4
        if live_risks(view):
            kit.label(x, y, w, t("briefing.alerts"), "@heading")
            risk_cards(kit, view, x, y + 30, w, self.submit, limit=2)
