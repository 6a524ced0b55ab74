"""Planning (CW-20..22): the forecast, segment discounts, effort allocation and channels, with
their live consequences (price and margin per unit, the engine's outlook from the trainee's
research, effort shares) before anything is sent."""

from __future__ import annotations

import math
from typing import Any, ClassVar

from game.engine.actions import AllocateEffort, SetChannel, SetForecast, SetPrice
from game.engine.outlook import best_terms, segment_outlook
from game.engine.phases import Phase
from game.engine.planning import field_plan_in_force, forecast_limit
from game.engine.potential import market_potentials
from game.engine.view_models import TraineeView
from game.ui import fmt
from game.ui.screens.base import MARGIN, Screen
from game.ui.screens.names import Names
from game.ui.widgets import oid

EFFORT_STEP = 1  # percent


def whole_percents(shares: dict[str, float]) -> dict[str, int]:
    """Shares as whole percentages that keep their total (largest remainders get the rest), so a
    plan that adds up to 100% is shown adding up to 100%; all zero stays all zero."""
    raw = {k: v * 100 for k, v in shares.items()}
    out = {k: int(v) for k, v in raw.items()}
    left = int(round(sum(raw.values()))) - sum(out.values())
    for k in sorted(raw, key=lambda k: out[k] - raw[k])[:max(0, left)]:
        out[k] += 1
    return out


class PlanningScreen(Screen):
    key: ClassVar[str] = "planning"
    phase: ClassVar[Phase | None] = Phase.PLANNING

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.names = Names(self.brief, app.strings)
        self.confirmed = False  # the plan on screen applied once this round: later, changes only
        self._load_plan()

    def _load_plan(self) -> None:
        plan = self.view.plan
        self.forecast_text = "" if plan.forecast is None else f"{plan.forecast:.0f}"
        self.discounts = {k: round(v * 100) for k, v in plan.discounts.items()}
        self.shares = whole_percents(plan.effort_shares)
        self.channels = dict(plan.channels)
        self.live: dict[str, Any] = {}

    # ------------------------------------------------------------------ live values

    def _price_text(self, seg_id: str) -> str:
        price, margin = self.brief.segment_terms(seg_id, self.discounts[seg_id] / 100,
                                                 self.channels[seg_id])
        return self.t("planning.price_value", price=fmt.money(price), margin=fmt.money(margin))

    def _outlook_text(self, seg_id: str) -> str:
        """The engine's outlook for the chosen discount and channel, or what research it needs."""
        knowledge = self.view.knowledge
        outlook = segment_outlook(self.brief, knowledge, seg_id, self.discounts[seg_id] / 100,
                                  self.channels[seg_id])
        if outlook is not None:
            return self.t("planning.outlook_value", share=fmt.pct(outlook.share, 0),
                          contribution=fmt.money(outlook.contribution))
        segment = knowledge.segments.get(seg_id)
        has_q = segment is not None and segment.questionnaire is not None
        has_m = knowledge.market is not None
        if has_q and not has_m:
            return self.t("planning.outlook_needs_market")
        if has_m and not has_q:
            return self.t("planning.outlook_needs_questionnaire")
        return self.t("planning.outlook_needs_both")

    def _outlook_tip(self, seg_id: str) -> str:
        tip = self.t("tip.outlook",
                     matching=fmt.pct(self.brief.economics.rivals.outlook_matching, 0))
        best = best_terms(self.brief, self.view.knowledge, seg_id)
        if best is None:
            return tip + "\n" + self.t("tip.outlook_missing")
        return tip + "\n" + self.t("tip.outlook_best", discount=fmt.pct(best.discount, 0),
                                    channel=self.names.channel(best.channel), share=fmt.pct(best.share, 0),
                                    contribution=fmt.money(best.contribution))

    def _days_text(self, seg_id: str) -> str:
        return self.t("planning.effort_value", share=self.shares[seg_id])

    def _total_text(self) -> tuple[str, str | None]:
        total = sum(self.shares.values())
        if total == 0:
            return self.t("planning.no_field_plan"), "@warn"
        text = self.t("planning.effort_total", total=total)
        return (text, None) if total == 100 else (text + " " + self.t("planning.scaled"), "@warn")

    def _set_total(self) -> None:
        """The total's text and colour (a warning when no field effort is allocated)."""
        text, cls = self._total_text()
        label = self.live["total"]
        if self.live.get("total_cls", "") != cls:
            self.live["total_cls"] = cls
            label.change_object_id(oid("#effort_total", "@value" if cls is None else f"@value{cls.replace('@', '_')}"))
        label.set_text(self.kit.fit(text, label.get_relative_rect().width - 6, cls))

    def _refresh_segment(self, seg_id: str) -> None:
        self.live[f"p_{seg_id}"].set_text(self._price_text(seg_id))
        self.live[f"o_{seg_id}"].set_text(self._outlook_text(seg_id))

    def _discount_moved(self, seg_id: str, value: float) -> None:
        self.discounts[seg_id] = int(round(value))
        self.live[f"d_{seg_id}"].set_text(f"{self.discounts[seg_id]}%")
        self._refresh_segment(seg_id)

    def _share_moved(self, seg_id: str, value: float) -> None:
        self.shares[seg_id] = int(round(value / EFFORT_STEP) * EFFORT_STEP)
        self.live[f"e_{seg_id}"].set_text(self._days_text(seg_id))
        self._set_total()

    def _channel(self, seg_id: str, channel: str) -> None:
        self.channels[seg_id] = channel
        self._refresh_segment(seg_id)

    def _forecast(self, text: str) -> None:
        self.forecast_text = text

    # ------------------------------------------------------------------ sending

    def apply_plan(self) -> None:
        """Send the plan as engine actions, one per decision. The first time in a round every
        part on screen is sent, changed or not: pressing "apply" on a plan the trainee has gone
        over decides it for this round, kept parts included, as a bot's decision would; after
        that, only what changed."""
        plan = self.view.plan
        confirm = not self.confirmed
        sent = 0
        if self.forecast_text.strip():
            view = self.view
            limit = forecast_limit(view.brief.economics.forecast_limit,
                                   view.round_targets.revenue)
            try:
                revenue = float(self.forecast_text.replace(",", "").replace("，", "").strip())
            except ValueError:
                revenue = math.nan
            if not 0 <= revenue <= limit:  # NaN, a sign, an exponent beyond the limit: refused
                self.app.set_status(self.t("planning.bad_forecast", maximum=fmt.money(limit)),
                                    "bad")
                self.app.refresh()
                return
            if confirm or plan.forecast is None or abs(revenue - plan.forecast) > 0.5:
                sent += 1
                if not self.submit(SetForecast(revenue=revenue)):
                    return
        for seg in self.brief.market.segments:
            d = self.discounts[seg.id] / 100
            held = plan.discounts.get(seg.id, 0.0)
            if round(held * 100) == self.discounts[seg.id]:
                d = held  # shown in whole percents but not moved: kept exactly as it is
            if confirm or abs(d - held) > 1e-9:
                sent += 1
                if not self.submit(SetPrice(segment=seg.id, discount=d)):
                    return
            if confirm or self.channels[seg.id] != plan.channels.get(seg.id):
                sent += 1
                if not self.submit(SetChannel(segment=seg.id, channel=self.channels[seg.id])):
                    return
        total = sum(self.shares.values())
        kept = False  # all shares at zero while a field plan is in force: the engine keeps it
        if total:
            moved = self.shares != whole_percents(plan.effort_shares)  # by the trainee
            if confirm or moved:
                shares = ({k: v / total for k, v in self.shares.items()} if moved
                          else dict(plan.effort_shares))
                sent += 1
                if not self.submit(AllocateEffort(shares=shares)):
                    return
        else:
            kept = field_plan_in_force(plan.effort_shares)
        self.confirmed = True
        if kept:
            self._load_plan()
            kept_text = self.t("planning.effort_kept")
            self.app.set_status(f"{self.t('planning.applied', n=sent)} {kept_text}" if sent else kept_text, "warn")
        elif sent == 0:
            self.app.set_status(self.t("planning.nothing_changed"), "info")
        else:
            self._load_plan()
            self.app.set_status(self.t("planning.applied", n=sent), "good")
        self.app.refresh()

    # ------------------------------------------------------------------ build

    def build(self, view: TraineeView | None) -> None:
        if view is None:  # a phase screen is built only with a game on show
            return
        kit, t, sc = self.kit, self.t, view.brief
        self.live = {}
        y = self.header(t("planning.title"))
        target = view.round_targets.revenue
        kit.label(MARGIN, y + 4, 260, t("planning.forecast"), "@heading")
        kit.entry(MARGIN + 262, y, 180, self.forecast_text, "#forecast", self._forecast)
        hint = t("planning.forecast_hint", target=fmt.money(target))
        if view.kpis:
            hint += " " + t("planning.forecast_last", revenue=fmt.money(view.kpis[-1].revenue))
        kit.value(MARGIN + 452, y - 6, self.width - MARGIN * 2 - 452, hint, t("tip.forecast"), "@muted")
        kit.value(MARGIN + 452, y + 14, self.width - MARGIN * 2 - 452, t("planning.forecast_note"),
                  t("tip.forecast_stock"), "@muted", object_id="#forecast_note")
        y += 46
        figures = view.last_figures
        worth = market_potentials(sc.market, figures) if figures else {}  # none before any
        self._table(worth, y)
        y = y + 28 + 46 * len(sc.market.segments) + 4
        button_x = self.width - MARGIN - 200
        self.live["total"] = kit.value(MARGIN + 550, y, button_x - MARGIN - 558, "", t("tip.effort_total"),
                                       object_id="#effort_total")
        self._set_total()
        kit.button(button_x, y - 4, 200, t("planning.apply"), "#apply_plan",
                   self.apply_plan, tip=t("tip.apply_plan"), cls="@primary", h=36)
        y += 44
        self._channels_and_plan(view, worth, y)

    def _table(self, worth: dict[str, float], y: int) -> None:
        """One row per segment: discount, price and margin, the outlook, field effort (with what
        is still to win there, ``worth``), channel."""
        kit, t, sc = self.kit, self.t, self.brief
        cols = [(t("planning.col.segment"), 140), (t("planning.col.discount"), 240),
                (t("planning.col.price"), 170), (t("planning.col.outlook"), 282),
                (t("planning.col.effort"), 236), (t("planning.col.channel"), 188)]
        cx = MARGIN
        for name, cw in cols:
            kit.label(cx, y, cw - 4, name, "@small")
            cx += cw
        authority = int(round(sc.company.discount_authority * 100))
        for r, seg in enumerate(sc.market.segments):
            ry = y + 28 + r * 46
            kit.value(MARGIN, ry, 136, self.names.segment(seg.id),
                      t("tip.segment", share=fmt.pct(seg.share, 0), product=kit.pick(sc.product(seg.product).name)))
            x = MARGIN + 140
            kit.slider(x, ry, 172, self.discounts[seg.id], 0, authority, 1, f"#discount_{seg.id}",
                       lambda v, s=seg.id: self._discount_moved(s, v))
            self.live[f"d_{seg.id}"] = kit.value(x + 176, ry, 58, f"{self.discounts[seg.id]}%",
                                                 t("tip.discount", limit=authority))
            x += 240
            self.live[f"p_{seg.id}"] = kit.value(x, ry, 166, self._price_text(seg.id), t("tip.price_margin"))
            x += 170
            self.live[f"o_{seg.id}"] = kit.value(x, ry, 278, self._outlook_text(seg.id), self._outlook_tip(seg.id),
                                                 object_id=f"#outlook_{seg.id}")
            x += 282
            kit.slider(x, ry, 172, self.shares[seg.id], 0, 100, EFFORT_STEP, f"#effort_{seg.id}",
                       lambda v, s=seg.id: self._share_moved(s, v))
            tip = t("tip.effort_share")
            if seg.id in worth:
                tip = self.names.sentences(tip, t("tip.effort_still_to_win",
                                                  potential=fmt.money(worth[seg.id])))
            self.live[f"e_{seg.id}"] = kit.value(x + 176, ry, 58, self._days_text(seg.id), tip,
                                                 object_id=f"#effort_value_{seg.id}")
            x += 236
            options = [(self.names.channel(c.id), c.id) for c in sc.company.channels]
            kit.dropdown(x, ry - 2, self.width - MARGIN - x, options, self.channels[seg.id], f"#channel_{seg.id}",
                         lambda v, s=seg.id: self._channel(s, v))

    def _channels_and_plan(self, view: TraineeView, worth: dict[str, float], y: int) -> None:
        kit, t, sc = self.kit, self.t, view.brief
        half = (self.width - 3 * MARGIN) // 2
        kit.label(MARGIN, y, half, t("planning.channels"), "@heading")
        lines: list[tuple[str, str | None]] = []
        for c in sc.company.channels:
            lines.append((t("planning.channel_line", name=kit.pick(c.name), fee=fmt.pct(c.fee, 0),
                            reach=fmt.pct(c.reach, 0)), None))
        lines.append((t("planning.channels_note"), "muted"))
        lines.append((t("planning.outlook_note"), "muted"))
        if worth:  # where field time pays most, by the figures the analysis screen shows
            listed = " · ".join(f"{self.names.segment(s)} {fmt.money(v)}" for s, v in worth.items())
            lines.append((t("planning.still_to_win", list=listed), None))
        lines.append((t("planning.effort_note", response=fmt.number(sc.economics.field.response)),
                      "muted"))
        kit.rich(MARGIN, y + 30, half, self.height - y - 40, lines, object_id="#channels")
        x = MARGIN * 2 + half
        kit.label(x, y, half, t("planning.current"), "@heading")
        plan = view.plan
        coverage = view.coverage
        lines = [(t("planning.current_forecast", value=fmt.money(plan.forecast)) if plan.forecast is not None
                  else t("planning.current_no_forecast"), None if plan.forecast is not None else "warn")]
        for seg in sc.market.segments:
            lines.append((t("planning.current_segment", segment=self.names.segment(seg.id),
                            discount=fmt.pct(plan.discounts[seg.id], 0),
                            share=fmt.pct(plan.effort_shares[seg.id], 0),
                            channel=self.names.channel(plan.channels[seg.id]),
                            coverage=fmt.pct(coverage.get(seg.id), 0)), None))
        if not field_plan_in_force(plan.effort_shares):
            lines.append((t("planning.no_field_plan_in_force"), "warn"))
        chosen = view.targets_selected
        targets = [self.names.segment(s) for s in chosen.segments]
        targets += [self.names.account(a) for a in chosen.accounts]
        lines.append((t("planning.targets", list=self.names.join_names(targets)) if targets
                      else t("planning.no_targets"), "muted"))
        kit.rich(x, y + 30, half, self.height - y - 40, lines, object_id="#current_plan")
