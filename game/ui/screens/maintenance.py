"""Maintenance (CW-41..43): accounts with satisfaction, complaints, visits, surveys and upsell."""

from __future__ import annotations

from typing import Any, ClassVar

from game.engine.actions import (
    Expedite,
    InformCustomer,
    ResolveComplaint,
    SatisfactionSurvey,
    Upsell,
    Visit,
)
from game.engine.phases import Phase
from game.engine.view_models import TraineeView
from game.ui import fmt
from game.ui.screens.alerts import live_risks, risk_cards
from game.ui.screens.base import MARGIN, Screen
from game.ui.screens.names import Names
from game.ui.screens.service_tips import inform_tip, resolve_tip


class MaintenanceScreen(Screen):
    key: ClassVar[str] = "maintenance"
    phase: ClassVar[Phase | None] = Phase.MAINTENANCE

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.names = Names(self.brief, app.strings)
        self.segment = self.brief.market.segments[0].id

    def build(self, view: TraineeView | None) -> None:
        if view is None:  # a phase screen is built only with a game on show
            return
        kit, t = self.kit, self.t
        y = self.header(t("maintenance.title"))
        w = 800
        effort = view.brief.economics.effort
        service = view.brief.economics.accounts
        renews = service.renewal_midpoint  # below it, more likely to leave than to renew
        kit.label(MARGIN, y, w, t("maintenance.accounts"), "@heading")
        cols = [(t("maintenance.col.account"), 186), (t("maintenance.col.status"), 80),
                (t("maintenance.col.satisfaction"), 84), (t("maintenance.col.delivered"), 100),
                (t("maintenance.col.complaints"), 90)]
        cx = MARGIN
        for name, cw in cols:
            kit.label(cx, y + 28, cw, name, "@small")
            cx += cw
        ry = y + 52
        complaints: dict[str, int] = {}
        for comp in view.complaints:
            complaints[comp.account] = complaints.get(comp.account, 0) + 1
        for acc in view.accounts:
            if acc.status in ("prospect",) and acc.opportunity_round > view.round:
                continue
            aid = acc.id
            kit.label(MARGIN, ry, 182, kit.fit_words(self.names.account(aid), 178))
            kit.label(MARGIN + 186, ry, 78, t("status.account." + acc.status))
            sat = acc.satisfaction
            kit.value(MARGIN + 266, ry, 80, fmt.number(sat) if sat is not None else fmt.DASH,
                      t("tip.account_satisfaction", midpoint=fmt.number(renews)),
                      None if sat is None or sat >= renews else "@warn",
                      object_id=f"#satisfaction_{aid}")
            c = acc.contract
            kit.label(MARGIN + 350, ry, 98,
                      f"{c.delivered:,.0f} / {c.units:,}" if c and acc.status == "won" else fmt.DASH)
            kit.label(MARGIN + 450, ry, 86, str(complaints.get(aid, 0)),
                      "@warn" if complaints.get(aid) else None)
            if acc.status == "won":
                kit.button(MARGIN + 540, ry - 2, 126, fmt.with_cost(t("maintenance.visit"), t, effort.visit),
                           f"#visit_{aid}",
                           lambda a=aid: self.submit(Visit(account=a)), tip=t("tip.visit"), h=28)
                kit.button(MARGIN + 670, ry - 2, 130, fmt.with_cost(t("maintenance.upsell"), t, effort.upsell),
                           f"#upsell_{aid}",
                           lambda a=aid: self.submit(Upsell(account=a)), tip=t("tip.upsell", share=fmt.pct(service.upsell_share, trim=True)), h=28)
            ry += 32
        ry += 8
        kit.label(MARGIN, ry, w, t("maintenance.service"), "@heading")
        ry += 30
        for comp in view.complaints[:3]:
            kit.label(MARGIN, ry, w - 140, t("fulfilment.complaint", id=comp.id,
                                              account=self.names.account(comp.account),
                                              week=fmt.week_during(comp.week),
                                              cause=self.app.strings.get("complaint_cause." + comp.cause,
                                                                         comp.cause)),
                      "@warn")
            kit.button(MARGIN + w - 130, ry - 2, 130, fmt.with_cost(t("fulfilment.resolve"), t, effort.resolve), f"#resolve_{comp.id}",
                       lambda c=comp.id: self.submit(ResolveComplaint(complaint=c)), tip=resolve_tip(t, view), h=30)
            ry += 34
        cost = fmt.money(view.brief.fulfilment.expedite_cost)
        for inc in view.incidents[:2]:
            kit.label(MARGIN, ry, w - 260, t("fulfilment.incident", id=inc.id,
                                              account=self.names.account(inc.account), week=fmt.week_during(inc.week),
                                              cause=self.app.strings.get("cause." + inc.cause, inc.cause)),
                      "@warn")
            kit.button(MARGIN + w - 256, ry - 2, 122,
                       fmt.with_cost(t("fulfilment.expedite"), t, cost=view.brief.fulfilment.expedite_cost), f"#expedite_{inc.id}",
                       lambda i=inc.id: self.submit(Expedite(incident=i)), tip=t("tip.expedite", cost=cost),
                       h=30)
            kit.button(MARGIN + w - 130, ry - 2, 130, fmt.with_cost(t("fulfilment.inform"), t, effort.inform), f"#inform_{inc.id}",
                       lambda i=inc.id: self.submit(InformCustomer(incident=i)), tip=inform_tip(t, view), h=30)
            ry += 34
        if not view.complaints and not view.incidents:
            kit.label(MARGIN, ry, w, t("maintenance.no_service"), "@muted")
        self._survey(view, MARGIN + w + 24, y)

    def _survey(self, view: TraineeView, x: int, y: int) -> None:
        kit, t, sc = self.kit, self.t, view.brief
        w = self.width - x - MARGIN
        kit.label(x, y, w, t("maintenance.survey"), "@heading")
        options = [(self.names.segment(s.id), s.id) for s in sc.market.segments]
        kit.dropdown(x, y + 30, 200, options, self.segment, "#survey_segment",
                     lambda v: setattr(self, "segment", v))
        kit.button(x + 208, y + 28, w - 208,
                   fmt.with_cost(t("maintenance.run_survey"), t, view.brief.economics.effort.survey), "#run_survey",
                   lambda: self.submit(SatisfactionSurvey(segment=self.segment)), tip=t("tip.survey"),
                   cls="@primary", h=34)
        ry = y + 72
        surveys = view.knowledge.surveys
        for seg in sc.market.segments:
            s = surveys.get(seg.id)
            shown = (fmt.estimate({"mean": s.mean, "sd": s.sd}, 2) + f"  (n={s.n})"
                     if s and s.mean is not None else fmt.DASH)
            kit.label(x, ry, 180, self.names.segment(seg.id), "@muted")
            kit.value(x + 184, ry, w - 184, shown, t("tip.survey_result") if s else t("tip.unknown.survey"),
                      None if s else "@muted", object_id=f"#survey_{seg.id}")
            ry += 28
        ry += 10
        if live_risks(view):
            kit.label(x, ry, w, t("briefing.alerts"), "@heading")
            risk_cards(kit, view, x, ry + 30, w, self.submit, limit=2)
