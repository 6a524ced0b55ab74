"""Planning (CW-20..22): the forecast, segment discounts, effort allocation and channels, with
their live consequences (price per unit, margin per unit, effort days) before anything is sent."""

from __future__ import annotations

from typing import Any, ClassVar

from game.engine.actions import AllocateEffort, SetChannel, SetForecast, SetPrice
from game.engine.phases import Phase
from game.engine.planning import segment_terms
from game.ui import fmt
from game.ui.screens.base import MARGIN, Screen
from game.ui.screens.names import Names

EFFORT_STEP = 1  # percent


class PlanningScreen(Screen):
    key: ClassVar[str] = "planning"
    phase: ClassVar[Phase | None] = Phase.PLANNING

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.names = Names(self.game.scenario, app.strings)
        self._load_plan()

    def _load_plan(self) -> None:
        plan = self.game.plan
        self.forecast_text = "" if plan.forecast is None else f"{plan.forecast:.0f}"
        self.discounts = {k: round(v * 100) for k, v in plan.discounts.items()}
        self.shares = {k: int(round(v * 100 / EFFORT_STEP)) * EFFORT_STEP for k, v in plan.effort_shares.items()}
        self.channels = dict(plan.channels)
        self.live: dict[str, Any] = {}

    # ------------------------------------------------------------------ live values

    def _price_text(self, seg_id: str) -> str:
        price, margin = segment_terms(self.game.scenario, seg_id, self.discounts[seg_id] / 100,
                                      self.channels[seg_id])
        return self.t("planning.price_value", price=fmt.money(price), margin=fmt.money(margin))

    def _days_text(self, seg_id: str) -> str:
        return self.t("planning.effort_value", share=self.shares[seg_id])

    def _total_text(self) -> tuple[str, str | None]:
        total = sum(self.shares.values())
        text = self.t("planning.effort_total", total=total)
        return (text, None) if total == 100 else (text + " " + self.t("planning.scaled"), "@warn")

    def _discount_moved(self, seg_id: str, value: float) -> None:
        self.discounts[seg_id] = int(round(value))
        self.live[f"d_{seg_id}"].set_text(f"{self.discounts[seg_id]}%")
        self.live[f"p_{seg_id}"].set_text(self._price_text(seg_id))

    def _share_moved(self, seg_id: str, value: float) -> None:
        self.shares[seg_id] = int(round(value / EFFORT_STEP) * EFFORT_STEP)
        self.live[f"e_{seg_id}"].set_text(self._days_text(seg_id))
        self.live["total"].set_text(self._total_text()[0])

    def _channel(self, seg_id: str, channel: str) -> None:
        self.channels[seg_id] = channel
        self.live[f"p_{seg_id}"].set_text(self._price_text(seg_id))

    def _forecast(self, text: str) -> None:
        self.forecast_text = text

    # ------------------------------------------------------------------ sending

    def apply_plan(self) -> None:
        """Send what changed as engine actions, one per decision."""
        plan = self.game.plan
        sent = 0
        if self.forecast_text.strip():
            try:
                revenue = float(self.forecast_text.replace(",", ""))
            except ValueError:
                self.app.set_status(self.t("planning.bad_forecast"), "bad")
                self.app.refresh()
                return
            if plan.forecast is None or abs(revenue - plan.forecast) > 0.5:
                sent += 1
                if not self.submit(SetForecast(revenue=revenue)):
                    return
        for seg in self.game.scenario.market.segments:
            d = self.discounts[seg.id] / 100
            if abs(d - plan.discounts.get(seg.id, 0.0)) > 1e-9:
                sent += 1
                if not self.submit(SetPrice(segment=seg.id, discount=d)):
                    return
            if self.channels[seg.id] != plan.channels.get(seg.id):
                sent += 1
                if not self.submit(SetChannel(segment=seg.id, channel=self.channels[seg.id])):
                    return
        total = sum(self.shares.values())
        shares = {k: v / total for k, v in self.shares.items()} if total else dict(self.shares)
        if any(abs(shares[k] - plan.effort_shares.get(k, 0.0)) > 1e-6 for k in shares):
            sent += 1
            if not self.submit(AllocateEffort(shares=shares)):
                return
        if sent == 0:
            self.app.set_status(self.t("planning.nothing_changed"), "info")
            self.app.refresh()
        else:
            self._load_plan()
            self.app.set_status(self.t("planning.applied", n=sent), "good")
            self.app.refresh()

    # ------------------------------------------------------------------ build

    def build(self, view: dict[str, Any] | None) -> None:
        assert view is not None
        kit, t, sc = self.kit, self.t, self.game.scenario
        self.live = {}
        y = self.header(t("planning.title"))
        target = view["round_targets"]["revenue"]
        kit.label(MARGIN, y + 4, 260, t("planning.forecast"), "@heading")
        kit.entry(MARGIN + 262, y, 180, self.forecast_text, "#forecast", self._forecast,
                  allowed=[*"0123456789.,"])
        hint = t("planning.forecast_hint", target=fmt.money(target))
        if view["kpis"]:
            hint += " " + t("planning.forecast_last", revenue=fmt.money(view["kpis"][-1]["revenue"]))
        kit.value(MARGIN + 452, y + 2, self.width - MARGIN * 2 - 452, hint, t("tip.forecast"), "@muted")
        y += 48
        cols = [(t("planning.col.segment"), 160), (t("planning.col.discount"), 274),
                (t("planning.col.price"), 190), (t("planning.col.effort"), 324),
                (t("planning.col.channel"), 200)]
        cx = MARGIN
        for name, cw in cols:
            kit.label(cx, y, cw, name, "@small")
            cx += cw
        authority = int(round(sc.company.discount_authority * 100))
        for r, seg in enumerate(sc.market.segments):
            ry = y + 28 + r * 46
            kit.value(MARGIN, ry, 160, self.names.segment(seg.id),
                      t("tip.segment", share=fmt.pct(seg.share, 0), product=kit.pick(sc.product(seg.product).name)))
            x = MARGIN + 160
            kit.slider(x, ry, 200, self.discounts[seg.id], 0, authority, 1, f"#discount_{seg.id}",
                       lambda v, s=seg.id: self._discount_moved(s, v))
            self.live[f"d_{seg.id}"] = kit.value(x + 206, ry, 64, f"{self.discounts[seg.id]}%",
                                                 t("tip.discount", limit=authority))
            x += 274
            self.live[f"p_{seg.id}"] = kit.value(x, ry, 186, self._price_text(seg.id), t("tip.price_margin"))
            x += 190
            kit.slider(x, ry, 200, self.shares[seg.id], 0, 100, EFFORT_STEP, f"#effort_{seg.id}",
                       lambda v, s=seg.id: self._share_moved(s, v))
            self.live[f"e_{seg.id}"] = kit.value(x + 206, ry, 116, self._days_text(seg.id), t("tip.effort_share"))
            x += 324
            options = [(self.names.channel(c.id), c.id) for c in sc.company.channels]
            kit.dropdown(x, ry - 2, 200, options, self.channels[seg.id], f"#channel_{seg.id}",
                         lambda v, s=seg.id: self._channel(s, v))
        y = y + 28 + 46 * len(sc.market.segments) + 4
        text, cls = self._total_text()
        self.live["total"] = kit.value(MARGIN + 624, y, 400, text, t("tip.effort_total"), cls)
        kit.button(self.width - MARGIN - 200, y - 4, 200, t("planning.apply"), "#apply_plan",
                   self.apply_plan, tip=t("tip.apply_plan"), cls="@primary", h=36)
        y += 48
        self._channels_and_plan(view, y)

    def _channels_and_plan(self, view: dict[str, Any], y: int) -> None:
        kit, t, sc = self.kit, self.t, self.game.scenario
        half = (self.width - 3 * MARGIN) // 2
        kit.label(MARGIN, y, half, t("planning.channels"), "@heading")
        lines: list[tuple[str, str | None]] = []
        for c in sc.company.channels:
            lines.append((t("planning.channel_line", name=kit.pick(c.name), fee=fmt.pct(c.fee, 0),
                            reach=fmt.pct(c.reach, 0)), None))
        lines.append((t("planning.channels_note"), "muted"))
        kit.rich(MARGIN, y + 30, half, self.height - y - 40, lines, object_id="#channels")
        x = MARGIN * 2 + half
        kit.label(x, y, half, t("planning.current"), "@heading")
        plan = view["plan"]
        lines = [(t("planning.current_forecast", value=fmt.money(plan["forecast"])), None)]
        for seg in sc.market.segments:
            lines.append((t("planning.current_segment", segment=self.names.segment(seg.id),
                            discount=fmt.pct(plan["discounts"][seg.id], 0),
                            share=fmt.pct(plan["effort_shares"][seg.id], 0),
                            channel=self.names.channel(plan["channels"][seg.id])), None))
        chosen = view["targets_selected"]
        targets = [self.names.segment(s) for s in chosen["segments"]]
        targets += [self.names.account(a) for a in chosen["accounts"]]
        lines.append((t("planning.targets", list=self.names.join_names(targets)) if targets
                      else t("planning.no_targets"), "muted"))
        kit.rich(x, y + 30, half, self.height - y - 40, lines, object_id="#current_plan")
