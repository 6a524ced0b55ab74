"""Analysis (CW-10..15): the four research methods of CW-11, their estimates, and target picking."""

from __future__ import annotations

from typing import Any, ClassVar

import pygame

from game.engine.actions import (
    DataAnalysis,
    Interview,
    MarketResearch,
    Questionnaire,
    SelectTargets,
)
from game.engine.phases import Phase
from game.engine.potential import market_potentials
from game.engine.view_models import DataAnalysis as Analysed
from game.engine.view_models import Estimate, TraineeView
from game.engine.view_models import Questionnaire as Asked
from game.ui import fmt
from game.ui.screens.base import MARGIN, Screen
from game.ui.screens.names import Names

METHODS = ("questionnaire", "interview", "market_research", "data_analysis")


class AnalysisScreen(Screen):
    key: ClassVar[str] = "analysis"
    phase: ClassVar[Phase | None] = Phase.ANALYSIS

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        view = self.view
        brief = view.brief
        self.names = Names(brief, app.strings)
        self.segment_q = brief.market.segments[0].id
        self.segment_d = brief.market.segments[0].id
        opps = view.opportunities
        self.account_i = next(iter(opps or [k.id for k in brief.key_accounts]), "")  # none: a drill
        chosen = view.targets_selected
        self.pick_segments: set[str] = set(chosen.segments)
        self.pick_accounts: set[str] = set(chosen.accounts)

    # ------------------------------------------------------------------ actions

    def _action(self, method: str) -> Any:
        if method == "questionnaire":
            return Questionnaire(segment=self.segment_q)
        if method == "interview":
            return Interview(account=self.account_i)
        if method == "market_research":
            return MarketResearch()
        return DataAnalysis(segment=self.segment_d)

    def run(self, method: str) -> None:
        self.submit(self._action(method))

    def on_key(self, key: int, mod: int) -> bool:
        numbers = {pygame.K_1: 0, pygame.K_2: 1, pygame.K_3: 2, pygame.K_4: 3,
                   pygame.K_KP1: 0, pygame.K_KP2: 1, pygame.K_KP3: 2, pygame.K_KP4: 3}
        if key in numbers and not mod & pygame.KMOD_CTRL:
            self.run(METHODS[numbers[key]])
            return True
        return False

    def _set(self, attr: str, value: str) -> None:
        setattr(self, attr, value)

    def _toggle(self, group: set[str], item: str) -> None:
        group.symmetric_difference_update({item})
        self.rebuild()

    def save_targets(self) -> None:
        brief = self.brief
        self.submit(SelectTargets(
            segments=[s.id for s in brief.market.segments if s.id in self.pick_segments],
            accounts=[k.id for k in brief.key_accounts if k.id in self.pick_accounts],
        ))

    # ------------------------------------------------------------------ build

    def build(self, view: TraineeView | None) -> None:
        if view is None:  # a phase screen is built only with a game on show
            return
        t = self.t
        y = self.header(t("analysis.title"))
        self._methods(view, y)
        self._results(view, y)

    def _methods(self, view: TraineeView, y: int) -> None:
        kit, t, sc = self.kit, self.t, view.brief
        research = sc.company.research
        w = 400
        seg_options = [(self.names.segment(s.id), s.id) for s in sc.market.segments]
        acc_options = [(self.names.account(k.id), k.id) for k in sc.key_accounts
                       if k.opportunity_round <= view.round + 1]
        if self.account_i not in [v for _, v in acc_options] and acc_options:
            self.account_i = acc_options[0][1]
        card_h = 132
        for i, method in enumerate(METHODS):
            spec = getattr(research, method)
            cy = y + i * card_h
            kit.panel(MARGIN, cy, w, card_h - 8)
            kit.label(MARGIN + 10, cy + 6, w - 20, f"{i + 1} · {t('method.' + method)}", "@heading")
            kit.label(MARGIN + 10, cy + 34, w - 20, t("method." + method + ".what"), "@small")
            cost = t("analysis.cost", effort=fmt.days(spec.effort), money=fmt.money(spec.cost))
            kit.value(MARGIN + 10, cy + 58, w - 20, cost,
                      t("tip.method_cost", sample=spec.sample, noise=fmt.pct(spec.noise, 0)),
                      "@muted", object_id=f"#cost_{method}")
            by = cy + 86
            if method == "questionnaire":
                kit.dropdown(MARGIN + 10, by, 250, seg_options, self.segment_q, "#q_segment",
                             lambda v: self._set("segment_q", v))
            elif method == "interview":
                kit.dropdown(MARGIN + 10, by, 250, acc_options or [("-", "")], self.account_i,
                             "#i_account", lambda v: self._set("account_i", v))
            elif method == "data_analysis":
                kit.dropdown(MARGIN + 10, by, 250, seg_options, self.segment_d, "#d_segment",
                             lambda v: self._set("segment_d", v))
            nobody = method == "interview" and not acc_options  # no account to interview yet
            kit.button(MARGIN + w - 130, by - 2, 120, t("analysis.run", key=i + 1),
                       f"#run_{method}", lambda m=method: self.run(m),
                       tip=t("method.interview.none" if nobody else "method." + method + ".tip"),
                       cls="@primary", h=34,
                       enabled=not nobody and view.effort_left + 1e-9 >= spec.effort)

    def _results(self, view: TraineeView, y: int) -> None:
        kit, t, sc = self.kit, self.t, view.brief
        x = MARGIN + 416
        w = self.width - x - MARGIN
        know = view.knowledge
        # segments
        kit.label(x, y, w, t("analysis.segments"), "@heading")
        cols = [("analysis.col.segment", 150), ("analysis.col.price_sensitivity", 130),
                ("analysis.col.quality_weight", 130), ("analysis.col.satisfaction", 140),
                ("analysis.col.our_share", 130), ("analysis.col.at_risk", w - 680)]
        cx = x
        for key, cw in cols:
            kit.label(cx, y + 28, cw, t(key), "@small")
            cx += cw
        for r, seg in enumerate(sc.market.segments):
            ry = y + 52 + r * 28
            data = know.segments.get(seg.id)
            q = data.questionnaire if data else None
            d = data.data_analysis if data else None
            kit.value(x, ry, 150, self.names.segment(seg.id),
                      t("tip.segment", share=fmt.pct(seg.share, 0),
                        product=kit.pick(sc.product(seg.product).name)))
            cells: list[tuple[Estimate | None, bool, str, Asked | Analysed | None]] = [
                (q.price_sensitivity if q else None, False, "price_sensitivity", q),
                (q.quality_weight if q else None, False, "quality_weight", q),
                (d.satisfaction if d else q.satisfaction if q else None, False, "satisfaction", d or q),
                (q.our_share if q else None, True, "our_share", q),
                (d.at_risk_share if d else None, True, "at_risk", d),
            ]
            cx = x + 150
            for (est, percent, name, source), (_, cw) in zip(cells, cols[1:], strict=True):
                shown = fmt.estimate(est, 2, percent=percent)
                n = "" if est is None or est.n is None else est.n
                tip = (t("tip.estimate." + name, round=source.round if source else "", n=n)
                       if est else t("tip.unknown." + name))
                if est is not None and percent and fmt.share_cut(est.mean, est.sd):
                    tip = self.names.sentences(tip, t("tip.share_cut"))
                kit.value(cx, ry, cw, shown, tip, None if est else "@muted",
                          object_id=f"#est_{seg.id}_{name}")
                cx += cw
        # market
        my = y + 52 + 28 * len(sc.market.segments) + 8
        market = know.market
        heading = t("analysis.market")
        if market is not None:
            heading += "  ·  " + t("analysis.demand", value=fmt.estimate(market.demand, 2))
        kit.label(x, my, w, heading, "@heading", object_id="#market_heading")
        kit.label(x, my + 28, 150, t("analysis.col.competitor"), "@small")
        seg_w = 150
        for i, seg in enumerate(sc.market.segments):
            kit.label(x + 150 + i * seg_w, my + 28, seg_w,
                      t("analysis.col.price_in", segment=self.names.segment(seg.id)), "@small")
        qx = x + 150 + seg_w * len(sc.market.segments)
        kit.label(qx, my + 28, w - (qx - x), t("analysis.col.quality"), "@small")
        for r, comp in enumerate(sc.competitors):
            ry = my + 52 + r * 28
            kit.value(x, ry, 150, self.names.competitor(comp.id), t("tip.rival"))
            info = market.competitors.get(comp.id) if market is not None else None
            for i, seg in enumerate(sc.market.segments):
                est = info.prices.get(seg.id) if info else None
                list_price = sc.product(seg.product).list_price
                kit.value(x + 150 + i * seg_w, ry, seg_w, fmt.estimate(est, 0),
                          t("tip.rival_price", list=fmt.money(list_price)) if est else t("tip.unknown.market"),
                          None if est else "@muted")
            quality = info.quality if info else None
            kit.value(qx, ry, w - (qx - x), fmt.estimate(quality, 2),
                      t("tip.rival_quality", ours=fmt.number(sc.product(sc.market.segments[0].product).quality))
                      if quality else t("tip.unknown.market"), None if quality else "@muted")
        # interviews
        iy = my + 52 + 28 * len(sc.competitors) + 6
        kit.label(x, iy, w, t("analysis.interviews"), "@heading")
        lines: list[tuple[str, str | None]] = []
        for acc, iv in know.accounts.items():
            pri = sorted(iv.priorities.items(), key=lambda kv: -(kv[1].mean or 0.0))
            shown = self.names.join(f"{self.names.issue(k)} {fmt.estimate(v, 2)}" for k, v in pri)
            lines.append((self.names.account(acc), "b"))
            lines.append((t("analysis.priorities", list=shown), None))
            lines.append((t("analysis.needs", needs=kit.pick(iv.needs), deadline=iv.deadline), "muted"))
        if not lines:
            empty = "analysis.no_interviews" if sc.key_accounts else "analysis.no_key_accounts"
            lines = [(t(empty), "muted")]
        box_h = self.height - (iy + 28) - 82
        kit.rich(x, iy + 28, w, box_h, lines, object_id="#interviews")
        # targets
        ty = self.height - 76
        kit.label(x, ty, 110, t("analysis.targets"), "@heading")
        bx = x + 112
        figures = view.last_figures
        worth = market_potentials(sc.market, figures)
        for seg in sc.market.segments:
            on = seg.id in self.pick_segments
            found = figures.get(seg.id)
            tip = t("tip.target_segment")
            if found is not None:
                tip = self.names.sentences(tip, t(
                    "tip.target_potential", revenue=fmt.money(found.revenue),
                    ours=f"{found.customers:,}", buyers=f"{round(sc.market.customers * seg.share):,}",
                    potential=fmt.money(worth[seg.id])))
            kit.button(bx, ty, 140, ("✓ " if on else "") + self.names.segment(seg.id),
                       f"#target_seg_{seg.id}", lambda s=seg.id: self._toggle(self.pick_segments, s),
                       tip=tip, cls="@toggle_on" if on else None, h=30)
            bx += 146
        open_accounts = [k for k in sc.key_accounts
                         if k.opportunity_round <= view.round and view.account(k.id).status == "prospect"]
        bw = min(230, (w - 112 - 160) // max(1, len(open_accounts)) - 6)
        bx = x + 112
        for k in open_accounts:
            on = k.id in self.pick_accounts
            product = sc.product(k.product)
            kit.button(bx, ty + 36, bw, ("✓ " if on else "") + self.names.account(k.id),
                       f"#target_acc_{k.id}", lambda a=k.id: self._toggle(self.pick_accounts, a),
                       tip=t("tip.target_account", volume=f"{k.volume:,}", measure=product.measure,
                             product=kit.pick(product.name)),
                       cls="@toggle_on" if on else None, h=30)
            bx += bw + 6
        kit.button(x + w - 150, ty + 18, 150, t("analysis.save_targets"), "#save_targets",
                   self.save_targets, tip=t("tip.save_targets"), cls="@primary", h=34)
