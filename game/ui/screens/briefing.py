"""Briefing (CW-01, CW-03): the round's news, its targets and any early warnings."""

from __future__ import annotations

from typing import Any, ClassVar

from game.engine.phases import Phase
from game.engine.view_models import TraineeView
from game.ui import fmt
from game.ui.screens.alerts import live_risks, risk_cards
from game.ui.screens.base import MARGIN, Screen
from game.ui.screens.kpis import KPI_KEYS, kpi_text, kpi_tip, kpi_values


class BriefingScreen(Screen):
    key: ClassVar[str] = "briefing"
    phase: ClassVar[Phase | None] = Phase.BRIEFING

    def _round_event(self, round_no: int) -> dict[str, Any]:
        for event in reversed(self.events):
            if event.kind == "round_started" and event.round == round_no:
                return event.payload
        return {}

    def build(self, view: TraineeView | None) -> None:
        if view is None:  # a phase screen is built only with a game on show
            return
        kit, t, brief = self.kit, self.t, view.brief
        y = self.header(t("briefing.title", round=view.round, rounds=view.rounds))
        left_w = 640
        news = self._round_event(view.round)
        kit.label(MARGIN, y, left_w, t("briefing.news"), "@heading")
        lines: list[str] = []
        if view.round == 1:
            lines.append(kit.pick(brief.briefing))
            for ka in brief.key_accounts:
                contract = view.account(ka.id).contract
                if ka.inherited and contract is not None:
                    product = brief.product(ka.product)
                    lines.append(t("briefing.inherited", account=kit.pick(ka.name),
                                   units=f"{contract.units:,}", product=kit.pick(product.name),
                                   measure=product.measure))
        demand = news.get("demand_index")
        if demand is not None:
            lines.append(t("briefing.demand", index=fmt.number(demand)))
        for acc in news.get("opportunities", []):
            ka = brief.account(acc)
            product = brief.product(ka.product)
            lines.append(t("briefing.opportunity", account=kit.pick(ka.name), volume=f"{ka.volume:,}",
                           product=kit.pick(product.name), measure=product.measure))
        if view.kpis:
            last = view.kpis[-1]
            lines.append(t("briefing.last_round", revenue=fmt.money(last.revenue),
                           share=fmt.pct(last.market_share), customers=f"{last.customers:,}"))
        lines.append(t("briefing.effort", days=fmt.days(view.effort_left)))
        live = live_risks(view)
        alerts_h = 60 if not live else 30 + 134 * min(2, len(live))
        news_h = self.height - y - 30 - alerts_h - 16
        kit.paragraph(MARGIN, y + 30, left_w, news_h, "\n\n".join(lines), object_id="#news")
        ry = y + 30 + news_h + 10
        kit.label(MARGIN, ry, left_w, t("briefing.alerts"), "@heading")
        if live:
            risk_cards(kit, view, MARGIN, ry + 30, left_w, self.submit, limit=2)
        else:
            kit.label(MARGIN, ry + 30, left_w, t("briefing.no_alerts"), "@muted")

        x = MARGIN + left_w + 24
        w = self.width - x - MARGIN
        kit.label(x, y, w, t("briefing.targets"), "@heading")
        kit.label(x, y + 30, 200, t("kpi.name"), "@muted")
        kit.label(x + 200, y + 30, 180, t("kpi.target"), "@muted")
        kit.label(x + 380, y + 30, w - 380, t("kpi.now"), "@muted")
        targets, now = kpi_values(view.round_targets), kpi_values(view.now)
        for i, k in enumerate(KPI_KEYS):
            ry = y + 58 + i * 30
            kit.label(x, ry, 200, t("kpi." + k))
            kit.value(x + 200, ry, 175, kpi_text(k, targets[k]), kpi_tip(k, t, target=True),
                      object_id=f"#target_{k}")
            kit.value(x + 380, ry, w - 380, kpi_text(k, now[k]), kpi_tip(k, t),
                      object_id=f"#now_{k}")
        kit.paragraph(x, y + 224, w, -1, t("briefing.howto"), "@muted")
