"""Debrief (CW-61, CW-63): KPIs against targets per round, each negotiation in utility space with
the customer's hidden truth revealed, and the timeline of decisions."""

from __future__ import annotations

from typing import Any, ClassVar

from game.engine.phases import Phase
from game.engine.review import round_targets
from game.ui import charts, fmt, story
from game.ui.screens.base import MARGIN, Screen
from game.ui.screens.kpis import KPI_KEYS, kpi_short
from game.ui.screens.names import Names
from game.ui.screens.review import kpi_rows

NAV_W = 250


class DebriefScreen(Screen):
    key: ClassVar[str] = "debrief"
    phase: ClassVar[Phase | None] = Phase.DEBRIEF

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.names = Names(self.game.scenario, app.strings)
        self.tab = "kpis"
        self.timeline_round = 1

    def _show(self, tab: str) -> None:
        self.tab = tab
        self.rebuild()

    def on_next(self) -> None:
        """The game is over: Enter does nothing here."""

    def build(self, view: dict[str, Any] | None) -> None:
        assert view is not None
        kit, t = self.kit, self.t
        y = self.header(t("debrief.title"))
        tabs = [("kpis", t("debrief.kpis")), ("timeline", t("debrief.timeline"))]
        tabs += [(f"neg_{acc}", self.names.account(acc)) for acc in self.game.sessions]
        ty = y
        for i, (key, name) in enumerate(tabs):
            if i == 2:
                kit.label(MARGIN, ty, NAV_W, t("debrief.negotiations"), "@heading")
                ty += 30
            kit.button(MARGIN, ty, NAV_W, name, f"#debrief_{key}", lambda k=key: self._show(k),
                       cls="@toggle_on" if key == self.tab else None, h=34)
            ty += 40
        x = MARGIN + NAV_W + 16
        w = self.width - x - MARGIN
        if self.tab == "kpis":
            self._kpis(view, x, y, w)
        elif self.tab == "timeline":
            self._timeline(x, y, w)
        else:
            self._negotiation(self.tab.removeprefix("neg_"), x, y, w)

    # ------------------------------------------------------------------ results

    def _ended(self) -> dict[str, Any]:
        for event in reversed(self.game.events):
            if event.kind == "game_ended":
                return event.payload
        return {}

    def _kpis(self, view: dict[str, Any], x: int, y: int, w: int) -> None:
        kit, t = self.kit, self.t
        ended = self._ended()
        totals, targets = ended.get("totals", {}), ended.get("targets", {})
        kit.label(x, y, w, t("debrief.totals"), "@heading")
        if totals and targets:
            surface = charts.kpi_bars((w, 200), kpi_rows(t, totals, targets), t("kpi.target"))
            kit.image(x, y + 28, surface, object_id="#totals_chart")
        y += 240
        kit.label(x, y, w, t("debrief.per_round"), "@heading")
        per_round = round_targets(self.game)
        cw = (w - 4 * 8) // 5
        labels = [t("review.round_n", n=k["round"]) for k in view["kpis"]]
        for i, key in enumerate(KPI_KEYS):
            values = [k.get(key) for k in view["kpis"]]
            chart = charts.series_bars((cw, self.height - y - 40), t("kpi." + key), labels, values,
                                       per_round[key], lambda v, k=key: kpi_short(k, v, self.app.lang),
                                       t("kpi.target"))
            kit.image(x + i * (cw + 8), y + 28, chart, object_id=f"#round_chart_{key}")

    # ------------------------------------------------------------------ negotiations

    def _negotiation(self, account: str, x: int, y: int, w: int) -> None:
        kit, t = self.kit, self.t
        session = self.game.sessions[account]
        truth = session.truth()
        metrics = None
        try:
            metrics = session.metrics()
        except Exception:  # still open (cannot happen after the game) -> no metrics
            metrics = None
        agreement = None
        if metrics and metrics.get("agreement"):
            agreement = (metrics["u_seller"], metrics["u_customer"])
        labels = charts.MapLabels(
            x_axis=t("debrief.map.x"), y_axis=t("debrief.map.y"), ours=t("debrief.map.ours"),
            theirs=t("debrief.map.theirs"), frontier=t("debrief.map.frontier"), zone=t("debrief.map.zone"),
            our_rv=t("debrief.map.our_rv"), their_rv=t("debrief.map.their_rv"),
            agreement=t("debrief.map.agreement"), nash=t("debrief.map.nash"))
        map_w = min(600, w - 330)
        kit.label(x, y, map_w, t("debrief.map.title", account=self.names.account(account)), "@heading")
        surface = charts.utility_map((map_w, self.height - y - 36), truth, labels, agreement)
        kit.image(x, y + 28, surface, object_id="#utility_map")
        rx = x + map_w + 16
        rw = self.width - rx - MARGIN
        lines: list[tuple[str, str | None]] = [(t("debrief.outcome"), "head")]
        status = metrics["status"] if metrics else session.status
        lines.append((t("status.session." + status), "good" if status == "agreed" else "bad"))
        if metrics:
            lines += [
                (t("debrief.m.value_claimed", v=fmt.pct(metrics["value_claimed"], 0)), None),
                (t("debrief.m.customer_advantage", v=fmt.pct(metrics["customer_advantage"], 0)), None),
                (t("debrief.m.distance", v=fmt.number(metrics["distance_to_frontier"])), None),
                (t("debrief.m.rounds", v=metrics["rounds"]), None),
                (t("debrief.m.trust", v=fmt.number(metrics["trust_end"])), None),
            ]
            if metrics.get("concessions_shrank") is not None:
                lines.append((t("debrief.m.shrank_yes" if metrics["concessions_shrank"] else "debrief.m.shrank_no"),
                              "good" if metrics["concessions_shrank"] else "warn"))
            lines.append((t("debrief.m.trade_share", v=fmt.pct(metrics["trade_share"], 0)), None))
            lines.append((t("debrief.m.question_quality", v=fmt.pct(metrics["question_quality"], 0)), None))
        lines.append((t("debrief.truth"), "head"))
        lines.append((t("debrief.t.reservation", theirs=fmt.number(truth["reservation"]),
                        ours=fmt.number(truth["seller_reservation"])), None))
        lines.append((t("debrief.t.tactic", tactic=t("tactic." + truth["tactic"]["kind"]),
                        deadline=truth["deadline"]), None))
        weights = sorted(truth["weights"].items(), key=lambda kv: -kv[1])
        lines.append((t("debrief.t.weights", list=self.names.join(f"{self.names.issue(k)} {v:.2f}" for k, v in weights)),
                      None))
        learned = session.knowledge().get("priorities")
        if learned and learned.get("estimate"):
            est = learned["estimate"]["weights"]
            lines.append((t("debrief.t.learned", list=self.names.join(
                f"{self.names.issue(k)} {v['mean']:.2f}" for k, v in sorted(est.items(), key=lambda kv: -kv[1]["mean"]))),
                "muted"))
        else:
            lines.append((t("debrief.t.not_asked"), "warn"))
        if truth.get("nash"):
            lines.append((t("debrief.t.nash", offer=self.names.offer(truth["nash"]["offer"])), "muted"))
        kit.rich(rx, y, rw, self.height - y - 8, lines, object_id="#negotiation_facts")

    # ------------------------------------------------------------------ timeline

    def _timeline(self, x: int, y: int, w: int) -> None:
        kit, t = self.kit, self.t
        kit.label(x, y, w - 420, t("debrief.timeline_title"), "@heading")
        rounds = self.game.scenario.rounds
        bw = min(96, 400 // rounds)
        for r in range(1, rounds + 1):
            kit.button(x + w - (rounds - r + 1) * (bw + 4), y - 4, bw, t("review.round_n", n=r),
                       f"#timeline_r{r}", lambda r=r: self._timeline_round(r),
                       cls="@toggle_on" if r == self.timeline_round else None, h=30)
        lines = story.timeline(self.game, self.app.strings, self.timeline_round)
        kit.rich(x, y + 32, w, self.height - y - 40, lines, object_id="#timeline")

    def _timeline_round(self, r: int) -> None:
        self.timeline_round = r
        self.rebuild()
