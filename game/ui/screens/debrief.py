"""Debrief (CW-61, CW-63): KPIs against targets per round, profit by cause and the occasions
missed, the assessment (objective KPIs against target, performance against what the market
allowed, and behaviour-based competency scores, kept apart), each negotiation in utility space
with the customer's hidden truth revealed, and the timeline of decisions.

The timeline is told and broken into rows once per opening of the debrief; a ``RowView`` draws
only the rows in view."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import pygame

from game.assessment.scoring import counted_less
from game.engine.phases import Phase
from game.engine.view_models import TraineeView
from game.ui import charts, fmt, story
from game.ui.rows import Row, RowView, wrap_rows
from game.ui.screens import profit
from game.ui.screens.base import MARGIN, Screen
from game.ui.screens.kpis import KPI_KEYS, kpi_short, kpi_text, kpi_values
from game.ui.screens.names import Names
from game.ui.screens.review import kpi_rows

if TYPE_CHECKING:
    from game.assessment.indicators.negotiation import Concessions
    from game.assessment.results import Assessment

NAV_W = 250
PAGE_KEYS = {pygame.K_PAGEUP: -1, pygame.K_PAGEDOWN: 1}


def cw_ranges(ids: list[str]) -> str:
    """Courseware ids with runs shortened: CW-10, CW-11, CW-12, CW-20 -> CW-10–12 · CW-20."""
    parts: list[str] = []
    run: list[tuple[str, int]] = []

    def flush() -> None:
        if run:
            first, last = run[0], run[-1]
            parts.append(first[0] if len(run) == 1 else f"{first[0]}–{last[1]}")
            run.clear()

    for cw in ids:
        prefix, _, number = cw.rpartition("-")
        if not number.isdigit():
            flush()
            parts.append(cw)
            continue
        n = int(number)
        if run and (not run[-1][0].startswith(prefix + "-") or run[-1][1] + 1 != n):
            flush()
        run.append((cw, n))
    flush()
    return " · ".join(parts)



def attainment_text(attainment: float, met: bool) -> str:
    """A share of target as a whole percentage, with decimals only where a missed target would
    otherwise read as 100 % ("missed (99.6%)", never "missed (100%)")."""
    for digits in (0, 1, 2):
        if met or round(attainment * 100, digits) < 100:
            return fmt.pct(attainment, digits)
    return "<" + fmt.pct(1.0, 0)

def coaching_style(line: str) -> str | None:
    """How a line of the coaching text reads in the window: its section headings and the
    competencies bold, the plan's items and the occasions missed in colour, the rest plain."""
    depth = len(line) - len(line.lstrip(" "))
    text = line.strip()
    if not text:
        return None
    if depth == 0:
        return "head"
    if depth == 2 and " — " in text:
        return "b"
    if text.startswith("- "):
        return "warn"
    if depth == 2 and text[:2].rstrip(".").isdigit():
        return "good"
    return "muted" if depth >= 6 else None


class DebriefScreen(Screen):
    key: ClassVar[str] = "debrief"
    phase: ClassVar[Phase | None] = Phase.DEBRIEF

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.names = Names(self.brief, app.strings)
        self.tab = "kpis"
        self.timeline_round = 1
        self.timeline_lines: dict[int, list[tuple[str, str | None]]] | None = None
        self.timeline_rows: dict[int, list[Row]] = {}  # per round, made once
        self.rows: RowView | None = None
        self.steps: list[charts.Step] = []  # the profit waterfall's bars as drawn
        self.truth: tuple[Any, dict[str, Any]] | None = None  # (game, its hidden truth), once over
        self.concessions: tuple[Any, dict[str, Concessions]] | None = None  # (game, as scored)

    def _show(self, tab: str) -> None:
        if tab == "assessment" and self.app.play is not None and not self.app.play.assessed:
            self.app.progress(self.t("working.scoring"))
        if tab == "coaching" and self.app.play is not None and not self.app.play.coached:
            self.app.progress(self.t("working.coaching"))
        self.tab = tab
        self.rebuild()

    def on_next(self) -> None:
        """The game is over: Enter does nothing here."""

    def update(self, dt: float) -> None:
        if self.rows is not None:
            self.rows.update()

    def on_key(self, key: int, mod: int) -> bool:
        """Page Up / Page Down, Home / End scroll the timeline."""
        if self.tab != "timeline" or self.rows is None:
            return False
        if key in PAGE_KEYS:
            self.rows.scroll_by(PAGE_KEYS[key] * (self.rows.visible - 1))
        elif key == pygame.K_HOME:
            self.rows.scroll_to(0)
        elif key == pygame.K_END:
            self.rows.scroll_to(self.rows.last_first)
        else:
            return False
        return True

    def build(self, view: TraineeView | None) -> None:
        if view is None:  # a phase screen is built only with a game on show
            return
        kit, t = self.kit, self.t
        y = self.header(t("debrief.title"))
        self.rows = None
        tabs = [("kpis", t("debrief.kpis")), ("profit", t("debrief.profit")),
                ("assessment", t("debrief.assessment")), ("coaching", t("debrief.coaching")),
                ("timeline", t("debrief.timeline"))]
        tabs += [(f"neg_{acc}", self.names.account(acc)) for acc in self._truth()["negotiations"]]
        ty = y
        for i, (key, name) in enumerate(tabs):
            if i == 5:
                kit.label(MARGIN, ty, NAV_W, t("debrief.negotiations"), "@heading")
                ty += 30
            kit.button(MARGIN, ty, NAV_W, name, f"#debrief_{key}", lambda k=key: self._show(k),
                       cls="@toggle_on" if key == self.tab else None, h=34)
            ty += 40
        x = MARGIN + NAV_W + 16
        w = self.width - x - MARGIN
        if self.tab == "kpis":
            self._kpis(view, x, y, w)
        elif self.tab == "profit":
            self._profit(view, x, y, w)
        elif self.tab == "assessment":
            self._assessment(x, y, w)
        elif self.tab == "coaching":
            self._coaching(x, y, w)
        elif self.tab == "timeline":
            self._timeline(x, y, w)
        else:
            self._negotiation(self.tab.removeprefix("neg_"), x, y, w)

    # ------------------------------------------------------------------ results

    def _ended(self) -> dict[str, Any]:
        for event in reversed(self.events):
            if event.kind == "game_ended":
                return event.payload
        return {}

    def _kpis(self, view: TraineeView, x: int, y: int, w: int) -> None:
        kit, t = self.kit, self.t
        ended = self._ended()
        totals, targets = ended.get("totals", {}), ended.get("targets", {})
        kit.label(x, y, w, t("debrief.totals"), "@heading")
        if totals and targets:
            surface = charts.kpi_bars((w, 200), kpi_rows(t, totals, targets), t("kpi.target"))
            kit.image(x, y + 28, surface, object_id="#totals_chart")
        y += 240
        kit.label(x, y, w, t("debrief.per_round"), "@heading")
        per_round = kpi_values(view.round_targets)
        rounds = [kpi_values(k) for k in view.kpis]
        cw = (w - 4 * 8) // 5
        labels = [t("review.round_n", n=k.round) for k in view.kpis]
        for i, key in enumerate(KPI_KEYS):
            values = [k[key] for k in rounds]
            chart = charts.series_bars((cw, self.height - y - 40), t("kpi." + key), labels, values,
                                       per_round[key], lambda v, k=key: kpi_short(k, v, self.app.lang),
                                       t("kpi.target"))
            kit.image(x + i * (cw + 8), y + 28, chart, object_id=f"#round_chart_{key}")

    def _profit(self, view: TraineeView, x: int, y: int, w: int) -> None:
        """The whole game's profit by cause, profit round by round, and the occasions missed."""
        kit, t, lang = self.kit, self.t, self.app.lang
        ended = self._ended()
        total = (ended.get("totals") or {}).get("profit")
        kit.value(x, y - 2, w, t("debrief.profit_total", profit=fmt.money(total)), t("tip.waterfall"),
                  "@heading" if total is None or total >= 0 else "@bad", object_id="#game_profit", h=28)
        surface, self.steps = profit.waterfall_chart((w, 236), ended.get("waterfall") or {}, t, lang)
        kit.image(x, y + 28, surface, object_id="#game_waterfall")
        y += 278
        h = self.height - y - 36
        half = (w - 16) * 2 // 5
        kit.label(x, y, half, t("debrief.profit_by_round"), "@heading")
        labels = [t("review.round_n", n=k.round) for k in view.kpis]
        chart = charts.series_bars((half, h), "", labels, [k.profit for k in view.kpis],
                                   None, lambda v: fmt.money_short(v, lang))
        kit.image(x, y + 28, chart, object_id="#profit_by_round")
        mx = x + half + 16
        kit.label(mx, y, w - half - 16, t("debrief.missed"), "@heading")
        kit.rich(mx, y + 28, w - half - 16, h, story.missed(self.events, self.names), object_id="#missed")

    # ------------------------------------------------------------------ assessment

    def _assessment(self, x: int, y: int, w: int) -> None:
        """The three kinds of result side by side, never blended: objective KPIs against target,
        performance against what the market allowed, behaviour-based competencies."""
        kit, t = self.kit, self.t
        play = self.app.play
        result = play.assessment() if play is not None else None
        if result is None:
            kit.label(x, y, w, t("assess.unavailable"), "@warn", object_id="#assessment_missing")
            return
        assessment_mode = play is not None and play.mode == "assessment"
        notice = t("assess.review_notice" if assessment_mode else "assess.practice_notice")
        kit.label(x, y - 2, w, notice, "@warn" if assessment_mode else "@muted",
                  object_id="#review_notice", h=26)
        y += 28
        half = (w - 24) // 2
        self._objective(result, x, y, half)
        self._relative(result, x + half + 24, y, w - half - 24)
        self._competencies(result, x, y + 216, w)

    def _coaching(self, x: int, y: int, w: int) -> None:
        """Per competency what good looks like and the courseware point behind it, the trainee's
        moments beside the reference rep's on the same seed, the occasions missed, profit by cause
        round by round, and the three changes that would have mattered most with their drills."""
        play = self.app.play
        result = play.coaching() if play is not None else None
        if result is None:
            self.kit.label(x, y, w, self.t("assess.unavailable"), "@warn", object_id="#coaching_missing")
            return
        from game.assessment.coaching_text import coaching_lines

        lines = coaching_lines(result, self.app.lang)
        styled = [(line.strip(), coaching_style(line)) for line in lines[1:]]  # the title is the tab's
        self.kit.rich(x, y, w, self.height - y - 8, styled, object_id="#coaching_text")

    def _kpi(self, kpi_id: str, value: float | None) -> str:
        if kpi_id == "forecast_error":
            return fmt.pct(value)
        return kpi_text(kpi_id, value)

    def _table_head(self, x: int, y: int, w: int, cols: tuple[int, ...], keys: tuple[str, ...]) -> None:
        edges = (*cols[1:], w)
        for cx, end, key in zip(cols, edges, keys, strict=True):
            self.kit.label(x + cx, y, end - cx - 4, self.t(key), "@small")

    def _objective(self, result: Assessment, x: int, y: int, w: int) -> None:
        kit, t = self.kit, self.t
        kit.label(x, y, w, t("assess.objective"), "@heading", object_id="#assess_objective")
        cols = (0, 150, 258, 352)
        self._table_head(x, y + 28, w, cols, ("assess.col.kpi", "assess.col.result",
                                             "assess.col.target", "assess.col.met"))
        ry = y + 50
        for kpi in result.objective:
            kit.label(x, ry, cols[1] - 4, kpi.name.pick(self.app.lang))
            kit.label(x + cols[1], ry, cols[2] - cols[1] - 4, self._kpi(kpi.id, kpi.value))
            kit.label(x + cols[2], ry, cols[3] - cols[2] - 4, self._kpi(kpi.id, kpi.target),
                      "@muted")
            if kpi.met is None:
                kit.label(x + cols[3], ry, w - cols[3], fmt.DASH, "@muted")
            else:
                verdict = t("review.met" if kpi.met else "review.missed")
                if kpi.attainment is not None:
                    verdict = t("assess.attainment", verdict=verdict,
                                pct=attainment_text(kpi.attainment, kpi.met))
                kit.label(x + cols[3], ry, w - cols[3], verdict, "@good" if kpi.met else "@bad",
                          object_id=f"#objective_{kpi.id}")
            ry += 24

    def _relative(self, result: Assessment, x: int, y: int, w: int) -> None:
        kit, t = self.kit, self.t
        lang = self.app.lang
        rel = result.relative
        names = {k.id: k.name.pick(lang) for k in result.objective}  # one name per measure
        kit.label(x, y, w, t("assess.relative"), "@heading", object_id="#assess_relative")
        kit.lines(x, y + 26, w, rel.explain.pick(lang), "@small", line_h=18, max_lines=2)
        cols = (0, 150, 258, 366)
        self._table_head(x, y + 64, w, cols, ("assess.col.kpi", "assess.col.you",
                                             "assess.col.reference", "assess.col.share"))
        ry = y + 86
        for kpi in rel.kpis:
            kit.label(x, ry, cols[1] - 4, names.get(kpi.id) or t("kpi." + kpi.id))
            kit.label(x + cols[1], ry, cols[2] - cols[1] - 4, self._kpi(kpi.id, kpi.value))
            kit.label(x + cols[2], ry, cols[3] - cols[2] - 4, self._kpi(kpi.id, kpi.reference),
                      "@muted")
            ratio = kpi.ratio
            cls = None if ratio is None else ("@good" if ratio >= 1 else "@warn")
            kit.label(x + cols[3], ry, w - cols[3], fmt.pct(ratio, 0), cls,
                      object_id=f"#relative_{kpi.id}")
            ry += 24

    def _competencies(self, result: Assessment, x: int, y: int, w: int) -> None:
        kit, t = self.kit, self.t
        lang = self.app.lang
        kit.label(x, y, w, t("assess.competencies"), "@heading", object_id="#assess_competencies")
        cols = (0, 300, 480, 610, 720)
        self._table_head(x, y + 28, w, cols, ("assess.col.competency", "assess.col.level",
                                             "assess.col.score", "assess.col.evidence",
                                             "assess.col.cw"))
        play = self.app.play
        errors = play.measurement() if play is not None else {}
        judged = play.judged_competencies() if play is not None else {c.id for c in result.competencies}
        ry = y + 50
        for comp in result.competencies:
            details = [comp.anchor.pick(lang)] if comp.anchor else []
            for ind in comp.indicators:
                level = t("assess.level", level=ind.level, levels=result.levels) \
                    if ind.level is not None else t("assess.not_observed")
                if counted_less(ind.weight, ind.counted):  # few occasions: counted for less
                    details.append(t("assess.indicator_counted", name=ind.name.pick(lang),
                                     level=level, counted=fmt.number(ind.counted),
                                     weight=fmt.number(ind.weight, 0), occasions=ind.occasions,
                                     text=ind.explanation.pick(lang)))
                else:
                    details.append(t("assess.indicator", name=ind.name.pick(lang), level=level,
                                     text=ind.explanation.pick(lang)))
            kit.value(x, ry, cols[1] - 8, comp.name.pick(lang), "\n".join(details),
                      object_id=f"#competency_{comp.id}")
            if comp.level is None or comp.score is None:
                gap = t("assess.insufficient", occasions=comp.occasions, needed=comp.min_occasions) \
                    if comp.insufficient else t("assess.not_observed")
                kit.label(x + cols[1], ry, cols[2] - cols[1] - 8, gap, "@muted",
                          object_id=f"#level_{comp.id}")
                kit.label(x + cols[2], ry, cols[3] - cols[2], fmt.DASH, "@muted")
            else:
                kit.progress(x + cols[1], ry + 6, 80, 12,
                             100 * (comp.level - 1) / max(1, result.levels - 1))
                kit.label(x + cols[1] + 88, ry, cols[2] - cols[1] - 92,
                          t("assess.level", level=comp.level, levels=result.levels),
                          object_id=f"#level_{comp.id}")
                sem = errors.get(comp.id)
                sem = None if sem is None else sem.for_scores(comp.occasions)  # this game's
                if sem is None:  # no study measured it: the score alone
                    kit.label(x + cols[2], ry, cols[3] - cols[2], fmt.number(comp.score))
                else:
                    kit.value(x + cols[2], ry, cols[3] - cols[2] - 8,
                              t("assess.score_sem", score=fmt.number(comp.score),
                                sem=fmt.number(sem.value)),
                              t("assess.sem_tip" if sem.curve is None
                                else "assess.sem_tip_evidence", sem=fmt.number(sem.value),
                                occasions=comp.occasions, trainees=sem.trainees,
                                icc=fmt.number(sem.reliability), real=fmt.number(sem.real_gap())),
                              object_id=f"#score_{comp.id}")
            seqs = ", ".join(str(n) for n in comp.evidence[:24])
            more = " …" if len(comp.evidence) > 24 else ""
            kit.value(x + cols[3], ry, cols[4] - cols[3] - 8,
                      t("assess.evidence", n=len(comp.evidence)),
                      t("assess.evidence_tip", seqs=seqs + more) if comp.evidence else None,
                      object_id=f"#evidence_{comp.id}")
            mark = "" if comp.id in judged else " *"  # sections the scenario does not name
            kit.label(x + cols[4], ry, w - cols[4], cw_ranges(comp.cw) + mark, "@muted",
                      object_id=f"#cw_{comp.id}")
            ry += 30
        if any(c.id not in judged for c in result.competencies):  # a drill's incidental evidence
            kit.label(x, ry + 2, w, t("assess.incidental"), "@muted", object_id="#assess_incidental")

    # ------------------------------------------------------------------ negotiations

    def _truth(self) -> dict[str, Any]:
        """The game's hidden truth, revealed now that it is over (taken once: it no longer
        changes)."""
        game = self.game
        if self.truth is None or self.truth[0] is not game:
            self.truth = (game, game.truth())
        return self.truth[1]

    def _concessions(self) -> dict[str, Concessions]:
        """Each negotiation's concessions as the rubric reads them (taken once per game)."""
        from game.assessment.assess import concessions_as_scored

        game = self.game
        if self.concessions is None or self.concessions[0] is not game:
            self.concessions = (game, concessions_as_scored(game.events))
        return self.concessions[1]

    def _negotiation(self, account: str, x: int, y: int, w: int) -> None:
        kit, t = self.kit, self.t
        truth = self._truth()["negotiations"][account]
        metrics = truth["metrics"]  # None only while the talks are open, never after the game
        seen = self.view.negotiations().get(account)
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
        status = metrics["status"] if metrics else (seen.status if seen is not None else "open")
        lines.append((t("status.session." + status), "good" if status == "agreed" else "bad"))
        if metrics:
            lines += [
                (t("debrief.m.value_claimed", v=fmt.pct(metrics["value_claimed"], 0)), None),
                (t("debrief.m.joint_value", v=fmt.pct(metrics.get("joint_value"), 0)), None),
                (t("debrief.m.customer_advantage", v=fmt.pct(metrics["customer_advantage"], 0)), None),
                (t("debrief.m.distance", v=fmt.number(metrics["distance_to_frontier"])), None),
                (t("debrief.m.rounds", v=metrics["rounds"]), None),
                (t("debrief.m.trust", v=fmt.number(metrics["trust_end"])), None),
            ]
            said = self._concessions().get(account)  # as the rubric read them for the score
            if said is not None and said.shrank is not None:
                lines.append((t("debrief.m.shrank_yes" if said.shrank else "debrief.m.shrank_no"),
                              "good" if said.shrank else "warn"))
            elif said is not None and said.kind in ("at_once", "still"):
                lines.append((t("debrief.m.shrank_" + said.kind), "warn"))
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
        learned = seen.learned.get("priorities") if seen is not None else None
        estimate = {k: e.mean for k, e in (learned.weights or {}).items() if e.mean is not None} \
            if learned is not None else {}
        if estimate:
            lines.append((t("debrief.t.learned", list=self.names.join(
                f"{self.names.issue(k)} {v:.2f}" for k, v in sorted(estimate.items(), key=lambda kv: -kv[1]))),
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
        rounds = self.brief.rounds
        bw = min(96, 400 // rounds)
        for r in range(1, rounds + 1):
            kit.button(x + w - (rounds - r + 1) * (bw + 4), y - 4, bw, t("review.round_n", n=r),
                       f"#timeline_r{r}", lambda r=r: self._timeline_round(r),
                       cls="@toggle_on" if r == self.timeline_round else None, h=30)
        rows = self._timeline_rows(w)
        self.rows = RowView(kit, x, y + 32, w, self.height - y - 40, rows, "#timeline")

    def _timeline_rows(self, w: int) -> list[Row]:
        """The shown round's timeline rows: the story is told once per opening of the debrief,
        and each round broken into rows the first time it is shown."""
        if self.timeline_lines is None:
            self.timeline_lines = story.timeline_rounds(self.events, self.names)
        r = self.timeline_round
        if r not in self.timeline_rows:
            self.timeline_rows[r] = wrap_rows(self.kit, self.timeline_lines.get(r, []), w)
        return self.timeline_rows[r]

    def _timeline_round(self, r: int) -> None:
        self.timeline_round = r
        self.rebuild()
