"""The balance report's charts as inline SVG: per competency and per target each tier's runs
(a strip over a box plot), per key account and risk side-by-side bars, and the trainee variants
against their band. Built on ``game.reports.svg``; words come from the page's ``Lexicon``."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.assessment.balance import VARIANT_BOTS, BalanceReport, TargetRow, Variants
from game.reports import svg
from game.reports.svg import BAND, GRID, INK, MUTED, RED, RULE, SIZE, SMALL, quantile
from game.text.numbers import MINUS, kpi_value, number, pct
from game.text.numbers import signed as signed_number

if TYPE_CHECKING:
    from game.reports.balance_page import Lexicon

TIER_COLOURS = {"novice": "#c45a00", "intermediate": "#6a3d9a", "expert": "#00796b"}
OTHER_COLOUR = "#555555"
PASS, FAIL = "#1a7f37", RED

WIDTH = 960
LANE = 20  # one tier's lane
GAP = 16  # between groups


def dec(x: float | None, digits: int = 2) -> str:
    """A decimal as this report prints it (with the typographic minus)."""
    return number(x, digits, minus=MINUS)


def signed(x: float | None, digits: int = 2) -> str:
    return signed_number(x, digits, minus=MINUS)


def colour(bot: str) -> str:
    return TIER_COLOURS.get(bot, OTHER_COLOUR)


# --------------------------------------------------------------------------- layout


@dataclass
class Columns:
    """Label column, tier-name column, plot area and the stat column at the right."""

    label_w: float
    tier_w: float
    stat_w: float

    @property
    def x0(self) -> float:
        return self.label_w + self.tier_w

    @property
    def x1(self) -> float:
        return WIDTH - self.stat_w

    def x(self, value: float, top: float) -> float:
        return self.x0 + (self.x1 - self.x0) * min(max(value / top, 0.0), 1.0)


def _tier_w(w: Lexicon, tiers: Sequence[str]) -> float:
    return max(svg.text_width(w.tier(t), SMALL) for t in tiers) + 14


def _axis(cols: Columns, y_top: float, y_bottom: float, ticks: Sequence[tuple[float, str]],
          top: float) -> str:
    parts = []
    for value, label in ticks:
        x = cols.x(value, top)
        parts.append(
            f'<line x1="{x:.1f}" y1="{y_top:.1f}" x2="{x:.1f}" y2="{y_bottom:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(svg.text(x, y_top - 6, label, SMALL, "middle", MUTED))
        parts.append(svg.text(x, y_bottom + 14, label, SMALL, "middle", MUTED))
    return "".join(parts)


def _lane_labels(w: Lexicon, cols: Columns, tiers: Sequence[str], y: float) -> str:
    return "".join(
        svg.text(cols.x0 - 8, y + (i + 0.5) * LANE + SMALL * 0.35, w.tier(t), SMALL, "end",
                 colour(t))
        for i, t in enumerate(tiers)
    )


def _strip(values: Sequence[float], cols: Columns, y: float, top: float, tint: str,
           box: bool = True) -> str:
    """Dots of one lane (jittered vertically) under a box: quartiles, median, min..max."""
    if not values:
        return ""
    mid = y + LANE / 2
    parts = []
    for i, v in enumerate(values):
        cy = mid + svg.jitter(i) * (LANE - 6)
        if v > top:  # beyond the axis: a triangle at its edge
            x = cols.x1
            parts.append(
                f'<path d="M{x - 6:.1f},{cy - 4:.1f} L{x:.1f},{cy:.1f} '
                f'L{x - 6:.1f},{cy + 4:.1f} Z" fill="{tint}" fill-opacity="0.8"/>'
            )
            continue
        parts.append(
            f'<circle cx="{cols.x(float(v), top):.1f}" cy="{cy:.1f}" r="2.8" fill="{tint}" '
            f'fill-opacity="0.55"/>'
        )
    xs = sorted(values)
    if box and len(xs) >= 2:  # drawn over the dots, so the median stays visible
        lo, q1, med, q3, hi = (quantile(xs, q) for q in (0.0, 0.25, 0.5, 0.75, 1.0))
        parts.append(
            f'<line x1="{cols.x(lo, top):.1f}" y1="{mid:.1f}" x2="{cols.x(hi, top):.1f}" '
            f'y2="{mid:.1f}" stroke="{tint}" stroke-width="1.2"/>'
        )
        bx = cols.x(q1, top)
        parts.append(
            f'<rect x="{bx:.1f}" y="{mid - 6:.1f}" width="{max(cols.x(q3, top) - bx, 1.5):.1f}" '
            f'height="12" fill="{tint}" fill-opacity="0.16" stroke="{tint}" stroke-width="1.2"/>'
        )
        mx = cols.x(med, top)
        parts.append(
            f'<line x1="{mx:.1f}" y1="{mid - 8:.1f}" x2="{mx:.1f}" y2="{mid + 8:.1f}" '
            f'stroke="{INK}" stroke-width="2.4"/>'
        )
    return "".join(parts)


# --------------------------------------------------------------------------- charts


def scores_chart(report: BalanceReport, w: Lexicon) -> str:
    """Per competency, each tier's scores S (0..1): a strip over a box plot, and mean (SD)."""
    tiers = report.tiers
    cols = Columns(230, _tier_w(w, tiers), 110)
    group = LANE * len(tiers)
    head = 36
    height = head + len(report.competencies) * (group + GAP) + 24
    ticks = [(v, dec(v)) for v in (0.0, 0.25, 0.5, 0.75, 1.0)]
    parts = []
    parts.append(_axis(cols, head - 8, height - 26, ticks, 1.0))
    parts.append(svg.text(WIDTH - 4, head - 14, w("scores.mean_sd"), SMALL, "end", MUTED))
    y = head
    for comp, name in report.competencies:
        parts.append(svg.name_block(0, y + group / 2, name.pick(w.lang), cols.label_w - 16))
        parts.append(_lane_labels(w, cols, tiers, y))
        for i, tier in enumerate(tiers):
            values = report.scores[comp][tier]
            parts.append(_strip(values, cols, y + i * LANE, 1.0, colour(tier)))
            stats = report.lab.competencies[[c for c, _ in report.competencies].index(comp)]
            m = stats.tiers[tier]
            parts.append(
                svg.text(WIDTH - 4, y + (i + 0.5) * LANE + SMALL * 0.35,
                         f"{dec(m['mean'])} ({dec(m['sd'])})", SMALL, "end", colour(tier))
            )
        y += group + GAP
        parts.append(_separator(y - GAP / 2))
    return svg.svg(WIDTH, height, "".join(parts), w("scores.title"), fluid=True)


def _separator(y: float) -> str:
    """The thin rule between two groups of lanes."""
    return f'<line x1="0" y1="{y:.1f}" x2="{WIDTH}" y2="{y:.1f}" stroke="{RULE}" stroke-width="0.6"/>'


def _target_top(rows: Sequence[TargetRow], tiers: Sequence[str]) -> float:
    highest = max((max(r.attainment(t), default=0.0) for r in rows for t in tiers), default=1.0)
    return min(3.0, max(1.5, math.ceil(highest * 4) / 4))


def targets_chart(report: BalanceReport, w: Lexicon) -> str:
    """Per target, each run's KPI as a share of the target, and how many runs reached it."""
    tiers = report.tiers
    cols = Columns(230, _tier_w(w, tiers), 150)
    top = _target_top(report.targets, tiers)
    group = LANE * len(tiers)
    head = 54
    height = head + len(report.targets) * (group + GAP) + 24
    step = 0.25 if top <= 1.5 else 0.5
    ticks = [(k * step, pct(k * step, 0)) for k in range(int(top / step + 1e-9) + 1)]
    parts = [_axis(cols, head - 8, height - 26, ticks, top)]
    tx = cols.x(1.0, top)
    parts.append(
        f'<line x1="{tx:.1f}" y1="{head - 8:.1f}" x2="{tx:.1f}" y2="{height - 26:.1f}" '
        f'stroke="{INK}" stroke-width="1.4" stroke-dasharray="5 3"/>'
    )
    parts.append(svg.text(tx, head - 32, w("targets.target_line"), SMALL, "middle", INK, "bold"))
    parts.append(svg.text(WIDTH - 4, head - 14, w("targets.reached"), SMALL, "end", MUTED))
    y = head
    for row in report.targets:
        goal = w("targets.goal", value=kpi_value(row.id, row.target, trim=True))
        parts.append(svg.name_block(0, y + group / 2, w(f"target.{row.id}"), cols.label_w - 16, goal))
        parts.append(_lane_labels(w, cols, tiers, y))
        for i, tier in enumerate(tiers):
            ly = y + i * LANE
            parts.append(_strip(row.attainment(tier), cols, ly, top, colour(tier), box=False))
            cell = row.tiers[tier]
            bar_x, bar_w = cols.x1 + 16, 60
            share = 0.0 if math.isnan(cell.share) else cell.share
            parts.append(
                f'<rect x="{bar_x:.1f}" y="{ly + 5:.1f}" width="{bar_w}" height="{LANE - 10}" '
                f'fill="{GRID}"/><rect x="{bar_x:.1f}" y="{ly + 5:.1f}" '
                f'width="{bar_w * share:.1f}" height="{LANE - 10}" fill="{colour(tier)}"/>'
            )
            parts.append(
                svg.text(WIDTH - 4, ly + LANE / 2 + SMALL * 0.35,
                         f"{cell.met}/{cell.runs}", SMALL, "end", colour(tier))
            )
        y += group + GAP
        parts.append(_separator(y - GAP / 2))
    return svg.svg(WIDTH, height, "".join(parts), w("targets.title"), fluid=True)


@dataclass
class Bar:
    value: float | None  # 0..panel top; None: no bar
    text: str
    marker: float | None = None  # a tick at this value (e.g. the expected share)


@dataclass
class Panel:
    title: str
    top: float
    ticks: list[tuple[float, str]]
    bars: list[list[Bar]]  # per row, per tier


def bar_chart(title: str, rows: Sequence[tuple[str, str]], panels: Sequence[Panel],
              tiers: Sequence[str], w: Lexicon) -> str:
    """Horizontal bars, one group per row (name and id at the left), one bar per tier, in
    side-by-side panels."""
    label_w, tier_w = 220.0, _tier_w(w, tiers)
    text_w = 46.0
    gap = 24.0
    x0 = label_w + tier_w
    pw = (WIDTH - x0 - (len(panels) - 1) * gap) / len(panels) - text_w
    group = LANE * len(tiers)
    head = 48
    height = head + len(rows) * (group + GAP) + 24
    parts = []

    def px(panel: int, value: float, top: float) -> float:
        left = x0 + panel * (pw + text_w + gap)
        return left + pw * min(max(value / top, 0.0), 1.0)

    for p, panel in enumerate(panels):
        left = px(p, 0, 1)
        for line_i, line in enumerate(svg.wrap(panel.title, pw + text_w, SIZE, 2)):
            parts.append(svg.text(left, 16 + line_i * 15, line, SIZE, weight="bold"))
        for value, label in panel.ticks:
            x = px(p, value, panel.top)
            parts.append(
                f'<line x1="{x:.1f}" y1="{head - 6}" x2="{x:.1f}" y2="{height - 26:.1f}" '
                f'stroke="{GRID}"/>'
            )
            parts.append(svg.text(x, height - 12, label, SMALL, "middle", MUTED))
    y = head
    for r, (name, ident) in enumerate(rows):
        parts.append(svg.name_block(0, y + group / 2, name, label_w - 16, ident))
        for i, tier in enumerate(tiers):
            ly = y + i * LANE
            parts.append(
                svg.text(x0 - 8, ly + LANE / 2 + SMALL * 0.35, w.tier(tier), SMALL, "end",
                         colour(tier))
            )
            for p, panel in enumerate(panels):
                bar = panel.bars[r][i]
                left = px(p, 0, panel.top)
                end = left
                if bar.value is not None:
                    end = px(p, bar.value, panel.top)
                    parts.append(
                        f'<rect x="{left:.1f}" y="{ly + 4:.1f}" width="{max(end - left, 0):.1f}" '
                        f'height="{LANE - 8}" fill="{colour(tier)}" fill-opacity="0.85"/>'
                    )
                if bar.marker is not None:
                    mx = px(p, bar.marker, panel.top)
                    parts.append(
                        f'<line x1="{mx:.1f}" y1="{ly + 1:.1f}" x2="{mx:.1f}" '
                        f'y2="{ly + LANE - 1:.1f}" stroke="{INK}" stroke-width="2"/>'
                    )
                text_x = end + 5
                if bar.marker is not None:  # keep the number clear of the marker
                    mx = px(p, bar.marker, panel.top)
                    if text_x - 4 <= mx <= text_x + svg.text_width(bar.text, SMALL) + 2:
                        text_x = mx + 5
                parts.append(
                    svg.text(text_x, ly + LANE / 2 + SMALL * 0.35, bar.text, SMALL,
                             fill=colour(tier) if bar.value is not None else MUTED)
                )
        y += group + GAP
        parts.append(_separator(y - GAP / 2))
    return svg.svg(WIDTH, height, "".join(parts), title, fluid=True)


PCT_TICKS = [(v, pct(v, 0)) for v in (0.0, 0.25, 0.5, 0.75, 1.0)]
DEC_TICKS = [(v, dec(v)) for v in (0.0, 0.25, 0.5, 0.75, 1.0)]


def accounts_chart(report: BalanceReport, w: Lexicon) -> str:
    tiers = report.tiers
    rows = [(a.name.pick(w.lang), a.id) for a in report.accounts]
    deal = Panel(w("accounts.deal_rate"), 1.0, PCT_TICKS, [])
    value = Panel(w("accounts.value_claimed"), 1.0, DEC_TICKS, [])
    for a in report.accounts:
        deal.bars.append(
            [Bar(a.tiers[t].deal_rate, f"{pct(a.tiers[t].deal_rate, 0)}") for t in tiers]
        )
        value.bars.append(
            [
                Bar(m, dec(m)) if (m := a.tiers[t].mean_value) is not None
                else Bar(None, w("accounts.no_deal"))
                for t in tiers
            ]
        )
    return bar_chart(w("accounts.title"), rows, [deal, value], tiers, w)


def risks_chart(report: BalanceReport, w: Lexicon) -> str:
    tiers = report.tiers
    rows = [(r.name.pick(w.lang), r.id) for r in report.risks]
    struck = Panel(w("risks.struck"), 1.0, PCT_TICKS, [])
    before = Panel(w("risks.before"), 1.0, PCT_TICKS, [])
    for r in report.risks:
        struck.bars.append(
            [
                Bar(r.tiers[t].struck_share, pct(r.tiers[t].struck_share, 0), marker=r.expected)
                for t in tiers
            ]
        )
        cells = []
        for t in tiers:
            share = r.tiers[t].before_share
            if r.warning_weeks == 0:
                cells.append(Bar(None, w("risks.no_warning")))
            elif share is None:
                cells.append(Bar(None, w("risks.not_struck")))
            else:
                cells.append(Bar(share, pct(share, 0)))
        before.bars.append(cells)
    return bar_chart(w("risks.title"), rows, [struck, before], tiers, w)


def variants_chart(v: Variants, report: BalanceReport, w: Lexicon) -> str:
    """Per variant, how far the expert's figures moved against the scenario, and the band."""
    expert = VARIANT_BOTS[0]
    deltas = [
        abs(d)
        for row in v.rows
        for d in [row.bots[expert].revenue_delta, *row.bots[expert].deltas().values()]
        if not math.isnan(d)
    ]
    reach = max([v.band * 2, *[d * 1.15 for d in deltas]])
    reach = math.ceil(reach * 20) / 20
    cols = Columns(150, 0, 20)
    head, row_h = 40, 26
    height = head + len(v.rows) * row_h + 40

    def x(d: float) -> float:
        return cols.x0 + (cols.x1 - cols.x0) * (d + reach) / (2 * reach)

    parts = []
    parts.append(
        f'<rect x="{x(-v.band):.1f}" y="{head - 8}" width="{x(v.band) - x(-v.band):.1f}" '
        f'height="{len(v.rows) * row_h + 8}" fill="{BAND}"/>'
    )
    step = 0.05 if reach <= 0.25 else 0.1 if reach <= 0.5 else 0.25
    for k in range(-int(round(reach / step)), int(round(reach / step)) + 1):
        d = k * step
        parts.append(
            f'<line x1="{x(d):.1f}" y1="{head - 8}" x2="{x(d):.1f}" '
            f'y2="{head + len(v.rows) * row_h:.1f}" stroke="{INK if k == 0 else GRID}"/>'
        )
        parts.append(svg.text(x(d), head + len(v.rows) * row_h + 16, signed(d), SMALL, "middle",
                              MUTED))
    parts.append(svg.text(x(0), head - 16, w("variants.band_label", band=dec(v.band)), SMALL,
                          "middle", PASS))
    tint = colour(expert)
    for i, row in enumerate(v.rows):
        cy = head + i * row_h + row_h / 2
        parts.append(svg.text(0, cy + SIZE * 0.35, row.trainee, SIZE, fill=INK if row.within
                              else FAIL, weight="normal" if row.within else "bold"))
        bot = row.bots[expert]
        for d in bot.deltas().values():
            if not math.isnan(d):
                parts.append(
                    f'<circle cx="{x(d):.1f}" cy="{cy:.1f}" r="4" fill="none" stroke="{tint}" '
                    f'stroke-width="1.4"/>'
                )
        if v.revenue_judged and not math.isnan(bot.revenue_delta):
            d = bot.revenue_delta
            parts.append(
                f'<path d="M{x(d):.1f},{cy - 6:.1f} L{x(d) + 6:.1f},{cy:.1f} L{x(d):.1f},'
                f'{cy + 6:.1f} L{x(d) - 6:.1f},{cy:.1f} Z" fill="{tint}"/>'
            )
    legend_y = height - 8
    lx = cols.x0
    parts.append(
        f'<path d="M{lx:.1f},{legend_y - 10:.1f} L{lx + 6:.1f},{legend_y - 4:.1f} '
        f'L{lx:.1f},{legend_y + 2:.1f} L{lx - 6:.1f},{legend_y - 4:.1f} Z" fill="{tint}"/>'
    )
    legend_revenue = w("variants.legend_revenue", tier=w.tier(expert))
    parts.append(svg.text(lx + 12, legend_y, legend_revenue, SMALL, fill=MUTED))
    lx2 = lx + 24 + svg.text_width(legend_revenue, SMALL) + 24
    parts.append(
        f'<circle cx="{lx2:.1f}" cy="{legend_y - 4:.1f}" r="4" fill="none" stroke="{tint}" '
        f'stroke-width="1.4"/>'
    )
    legend_competency = w("variants.legend_competency", tier=w.tier(expert))
    parts.append(svg.text(lx2 + 10, legend_y, legend_competency, SMALL,
                          fill=MUTED))
    return svg.svg(WIDTH, height, "".join(parts), w("variants.title"), fluid=True)
