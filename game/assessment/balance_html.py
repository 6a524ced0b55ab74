"""The balance preview as one self-contained HTML file with inline SVG charts, in zh or en.

Every word a reader sees comes from ``balance_text.json``; this module only lays out and draws.
The file is written atomically (a temporary file in the same folder, then ``os.replace``), so a
reader never finds half a report.
"""

from __future__ import annotations

import json
import math
import os
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

import numpy as np

from game.assessment.ablation_lab import EFFECT_MIN
from game.assessment.balance import (
    VARIANT_BOTS,
    Amount,
    BalanceReport,
    Dec,
    Fact,
    Flag,
    KpiValue,
    Label,
    Pct,
    TargetRow,
    Variants,
)
from game.assessment.lab import AUC_MIN, G_MIN, ICC_MIN
from game.assessment.rubric import Words
from game.scenario.text import Text

TEXT_FILE = Path(__file__).with_name("balance_text.json")
LANGS = ("en", "zh")

TIER_COLOURS = {"novice": "#c45a00", "intermediate": "#6a3d9a", "expert": "#00796b"}
OTHER_COLOUR = "#555555"
INK, MUTED, RULE, GRID, BAND = "#1f2328", "#59636e", "#c9d1d9", "#eaeef2", "#e6f4ea"
PASS, FAIL = "#1a7f37", "#cf222e"
FONT_STACK = (
    "'Noto Sans SC','Noto Sans CJK SC','Source Han Sans SC','PingFang SC',"
    "'Microsoft YaHei',system-ui,sans-serif"
)

WIDTH = 960
SIZE = 13  # chart text, px
SMALL = 11
LANE = 20  # one tier's lane
GAP = 16  # between groups


# --------------------------------------------------------------------------- words


@cache
def load_text() -> dict[str, Any]:
    """``balance_text.json``: nested sections whose leaves are ``{"en": ..., "zh": ...}``."""
    return json.loads(TEXT_FILE.read_text(encoding="utf-8"))


class Lexicon:
    """The report's words in one language."""

    def __init__(self, lang: str) -> None:
        if lang not in LANGS:
            raise ValueError(f"unknown language '{lang}' (use one of {', '.join(LANGS)})")
        self.lang = lang
        self.text = load_text()

    def has(self, key: str) -> bool:
        node: Any = self.text
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                return False
            node = node[part]
        return isinstance(node, dict) and self.lang in node

    def __call__(self, key: str, **facts: Any) -> str:
        node: Any = self.text
        for part in key.split("."):
            node = node[part]
        template: str = node[self.lang]
        return template.format(**facts) if facts else template

    def fact(self, value: Fact) -> str:
        """A flag's fact in this language."""
        if isinstance(value, int):
            return f"{value:,}"
        if isinstance(value, str):
            return value
        if isinstance(value, Pct):
            return pct(value.value)
        if isinstance(value, Amount):
            return amount(value.value)
        if isinstance(value, Dec):
            return dec(value.value, value.digits)
        if isinstance(value, KpiValue):
            return target_value(value.kpi, value.value)
        if isinstance(value, Label):
            return self(value.key if self.has(value.key) else value.fallback or value.key)
        if isinstance(value, Text | Words):
            return value.pick(self.lang)
        return self("punct.list").join(self.fact(v) for v in value)

    def tier(self, bot: str) -> str:
        return self(f"tier.{bot}") if self.has(f"tier.{bot}") else bot


# --------------------------------------------------------------------------- numbers


def dec(x: float | None, digits: int = 2) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    return f"{round(x, digits) + 0.0:.{digits}f}".replace("-", "−")  # no "−0.00"


def pct(x: float | None) -> str:
    if x is None or math.isnan(x):
        return "–"
    return f"{100 * x:.0f}%"


def amount(x: float | None) -> str:
    if x is None or math.isnan(x):
        return "–"
    return f"{x:,.0f}"


def signed(x: float | None, digits: int = 2) -> str:
    if x is None or math.isnan(x):
        return "–"
    x = round(x, digits) + 0.0  # no "−0.00"
    return ("+" if x >= 0 else "−") + f"{abs(x):.{digits}f}"


def target_value(kpi: str, x: float) -> str:
    """A KPI value written the way its target is (shares as percentages)."""
    if math.isnan(x):
        return "–"
    if kpi in ("margin", "market_share"):
        return f"{100 * x:.1f}%".replace(".0%", "%")
    if kpi == "satisfaction":
        return f"{x:.2f}"
    return amount(x)


def e(text: Any) -> str:
    return escape(str(text), quote=True)


# --------------------------------------------------------------------------- text in SVG


def char_width(ch: str, size: float) -> float:
    """A safe estimate of a glyph's advance in the sans fonts of FONT_STACK."""
    if unicodedata.east_asian_width(ch) in "WF":
        return size
    if ch in "il.,:;'|!()[]" or ch == " ":
        return 0.32 * size
    if ch.isupper() or ch in "mwMW%":
        return 0.72 * size
    return 0.56 * size


def text_width(text: str, size: float = SIZE) -> float:
    return sum(char_width(ch, size) for ch in text)


_NO_LINE_START = set("，。、；：！？）》」』】,.;:!?)%")


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    word = ""
    for ch in text:
        if unicodedata.east_asian_width(ch) in "WF" or ch.isspace():
            if word:
                out.append(word)
                word = ""
            if out and ch in _NO_LINE_START:
                out[-1] += ch  # kinsoku: never start a line with closing punctuation
            else:
                out.append(ch)
        else:
            word += ch
    if word:
        out.append(word)
    return out


def wrap(text: str, width: float, size: float = SIZE, max_lines: int = 3) -> list[str]:
    """``text`` in lines no wider than ``width`` px; the last line ends in '…' if cut."""
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        if line and text_width(line + token, size) > width and not token.isspace():
            lines.append(line.rstrip())
            line = ""
        if not line and token.isspace():
            continue
        line += token
    if line.strip():
        lines.append(line.rstrip())
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + "…", size) > width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last + "…"]
    return lines or [""]


def svg_text(
    x: float,
    y: float,
    text: str,
    size: float = SIZE,
    anchor: str = "start",
    fill: str = INK,
    weight: str = "normal",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{fill}" font-weight="{weight}">{e(text)}</text>'
    )


def svg_block(x: float, y_mid: float, lines: Sequence[tuple[str, float, str, str]]) -> str:
    """Lines (text, size, fill, weight) stacked and centred vertically on ``y_mid``."""
    heights = [size * 1.25 for _, size, _, _ in lines]
    y = y_mid - sum(heights) / 2
    parts = []
    for (text, size, fill, weight), h in zip(lines, heights, strict=True):
        parts.append(svg_text(x, y + h / 2 + size * 0.35, text, size, "start", fill, weight))
        y += h
    return "".join(parts)


def name_block(x: float, y_mid: float, name: str, width: float, extra: str = "") -> str:
    """A bold name wrapped to ``width`` and an optional small grey line under it."""
    lines = [(line, SIZE, INK, "bold") for line in wrap(name, width, SIZE, 2 if extra else 3)]
    if extra:
        lines.append((extra, SMALL, MUTED, "normal"))
    return f"<g><title>{e(name)}</title>{svg_block(x, y_mid, lines)}</g>"  # full name on hover


def svg_open(height: float, label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'width="100%" role="img" aria-label="{e(label)}" '
        f'style="max-width:{WIDTH}px;display:block">'
    )


def _jitter(i: int) -> float:
    """A fixed spread in -0.5..0.5 for the i-th dot of a lane (golden-ratio sequence)."""
    return (i * 0.6180339887498949) % 1.0 - 0.5


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
    return max(text_width(w.tier(t), SMALL) for t in tiers) + 14


def _axis(cols: Columns, y_top: float, y_bottom: float, ticks: Sequence[tuple[float, str]],
          top: float) -> str:
    parts = []
    for value, label in ticks:
        x = cols.x(value, top)
        parts.append(
            f'<line x1="{x:.1f}" y1="{y_top:.1f}" x2="{x:.1f}" y2="{y_bottom:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(svg_text(x, y_top - 6, label, SMALL, "middle", MUTED))
        parts.append(svg_text(x, y_bottom + 14, label, SMALL, "middle", MUTED))
    return "".join(parts)


def _lane_labels(w: Lexicon, cols: Columns, tiers: Sequence[str], y: float) -> str:
    return "".join(
        svg_text(cols.x0 - 8, y + (i + 0.5) * LANE + SMALL * 0.35, w.tier(t), SMALL, "end",
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
    xs = np.asarray(values, dtype=float)
    for i, v in enumerate(xs):
        cy = mid + _jitter(i) * (LANE - 6)
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
    if box and xs.size >= 2:  # drawn over the dots, so the median stays visible
        lo, q1, med, q3, hi = np.percentile(xs, [0, 25, 50, 75, 100])
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
    parts = [svg_open(height, w("scores.title"))]
    parts.append(_axis(cols, head - 8, height - 26, ticks, 1.0))
    parts.append(svg_text(WIDTH - 4, head - 14, w("scores.mean_sd"), SMALL, "end", MUTED))
    y = head
    for comp, name in report.competencies:
        parts.append(name_block(0, y + group / 2, name.pick(w.lang), cols.label_w - 16))
        parts.append(_lane_labels(w, cols, tiers, y))
        for i, tier in enumerate(tiers):
            values = report.scores[comp][tier]
            parts.append(_strip(values, cols, y + i * LANE, 1.0, colour(tier)))
            stats = report.lab.competencies[[c for c, _ in report.competencies].index(comp)]
            m = stats.tiers[tier]
            parts.append(
                svg_text(WIDTH - 4, y + (i + 0.5) * LANE + SMALL * 0.35,
                         f"{dec(m['mean'])} ({dec(m['sd'])})", SMALL, "end", colour(tier))
            )
        y += group + GAP
        parts.append(_separator(y - GAP / 2))
    parts.append("</svg>")
    return "".join(parts)


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
    ticks = [(v, pct(v)) for v in np.arange(0.0, top + 1e-9, step)]
    parts = [svg_open(height, w("targets.title")), _axis(cols, head - 8, height - 26, ticks, top)]
    tx = cols.x(1.0, top)
    parts.append(
        f'<line x1="{tx:.1f}" y1="{head - 8:.1f}" x2="{tx:.1f}" y2="{height - 26:.1f}" '
        f'stroke="{INK}" stroke-width="1.4" stroke-dasharray="5 3"/>'
    )
    parts.append(svg_text(tx, head - 32, w("targets.target_line"), SMALL, "middle", INK, "bold"))
    parts.append(svg_text(WIDTH - 4, head - 14, w("targets.reached"), SMALL, "end", MUTED))
    y = head
    for row in report.targets:
        goal = w("targets.goal", value=target_value(row.id, row.target))
        parts.append(name_block(0, y + group / 2, w(f"target.{row.id}"), cols.label_w - 16, goal))
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
                svg_text(WIDTH - 4, ly + LANE / 2 + SMALL * 0.35,
                         f"{cell.met}/{cell.runs}", SMALL, "end", colour(tier))
            )
        y += group + GAP
        parts.append(_separator(y - GAP / 2))
    parts.append("</svg>")
    return "".join(parts)


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
    parts = [svg_open(height, title)]

    def px(panel: int, value: float, top: float) -> float:
        left = x0 + panel * (pw + text_w + gap)
        return left + pw * min(max(value / top, 0.0), 1.0)

    for p, panel in enumerate(panels):
        left = px(p, 0, 1)
        for line_i, line in enumerate(wrap(panel.title, pw + text_w, SIZE, 2)):
            parts.append(svg_text(left, 16 + line_i * 15, line, SIZE, weight="bold"))
        for value, label in panel.ticks:
            x = px(p, value, panel.top)
            parts.append(
                f'<line x1="{x:.1f}" y1="{head - 6}" x2="{x:.1f}" y2="{height - 26:.1f}" '
                f'stroke="{GRID}"/>'
            )
            parts.append(svg_text(x, height - 12, label, SMALL, "middle", MUTED))
    y = head
    for r, (name, ident) in enumerate(rows):
        parts.append(name_block(0, y + group / 2, name, label_w - 16, ident))
        for i, tier in enumerate(tiers):
            ly = y + i * LANE
            parts.append(
                svg_text(x0 - 8, ly + LANE / 2 + SMALL * 0.35, w.tier(tier), SMALL, "end",
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
                    if text_x - 4 <= mx <= text_x + text_width(bar.text, SMALL) + 2:
                        text_x = mx + 5
                parts.append(
                    svg_text(text_x, ly + LANE / 2 + SMALL * 0.35, bar.text, SMALL,
                             fill=colour(tier) if bar.value is not None else MUTED)
                )
        y += group + GAP
        parts.append(_separator(y - GAP / 2))
    parts.append("</svg>")
    return "".join(parts)


PCT_TICKS = [(v, pct(v)) for v in (0.0, 0.25, 0.5, 0.75, 1.0)]
DEC_TICKS = [(v, dec(v)) for v in (0.0, 0.25, 0.5, 0.75, 1.0)]


def accounts_chart(report: BalanceReport, w: Lexicon) -> str:
    tiers = report.tiers
    rows = [(a.name.pick(w.lang), a.id) for a in report.accounts]
    deal = Panel(w("accounts.deal_rate"), 1.0, PCT_TICKS, [])
    value = Panel(w("accounts.value_claimed"), 1.0, DEC_TICKS, [])
    for a in report.accounts:
        deal.bars.append(
            [Bar(a.tiers[t].deal_rate, f"{pct(a.tiers[t].deal_rate)}") for t in tiers]
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
                Bar(r.tiers[t].struck_share, pct(r.tiers[t].struck_share), marker=r.expected)
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
                cells.append(Bar(share, pct(share)))
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

    parts = [svg_open(height, w("variants.title"))]
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
        parts.append(svg_text(x(d), head + len(v.rows) * row_h + 16, signed(d), SMALL, "middle",
                              MUTED))
    parts.append(svg_text(x(0), head - 16, w("variants.band_label", band=dec(v.band)), SMALL,
                          "middle", PASS))
    tint = colour(expert)
    for i, row in enumerate(v.rows):
        cy = head + i * row_h + row_h / 2
        parts.append(svg_text(0, cy + SIZE * 0.35, row.trainee, SIZE, fill=INK if row.within
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
    parts.append(svg_text(lx + 12, legend_y, legend_revenue, SMALL, fill=MUTED))
    lx2 = lx + 24 + text_width(legend_revenue, SMALL) + 24
    parts.append(
        f'<circle cx="{lx2:.1f}" cy="{legend_y - 4:.1f}" r="4" fill="none" stroke="{tint}" '
        f'stroke-width="1.4"/>'
    )
    legend_competency = w("variants.legend_competency", tier=w.tier(expert))
    parts.append(svg_text(lx2 + 10, legend_y, legend_competency, SMALL,
                          fill=MUTED))
    parts.append("</svg>")
    return "".join(parts)


# --------------------------------------------------------------------------- sections


def _mark(w: Lexicon, ok: bool) -> str:
    cls, key = ("pass", "marks.pass") if ok else ("fail", "marks.fail")
    return f'<span class="{cls}">{e(w(key))}</span>'


def _legend(w: Lexicon, tiers: Sequence[str], tick: str = "") -> str:
    """The tiers' colours (and the meaning of the black tick, if the chart has one)."""
    items = "".join(
        f'<span class="key"><span class="swatch" style="background:{colour(t)}"></span>'
        f"{e(w.tier(t))}</span>"
        for t in tiers
    )
    if tick:
        items += f'<span class="key"><span class="tick"></span>{e(tick)}</span>'
    return f'<p class="legend">{items}</p>'


def _items(fact: Fact) -> list[list[Fact]]:
    """A fact that is a list of lists (e.g. pairs of tiers with their statistics)."""
    return [x for x in fact if isinstance(x, list)] if isinstance(fact, list) else []


def flag_html(flag: Flag, w: Lexicon) -> str:
    base = f"flags.{flag.code}.{flag.variant}"
    facts = {k: w.fact(v) for k, v in flag.facts.items()}
    if flag.code == "no_separation":
        facts["pairs"] = w("punct.list").join(
            w("flags.no_separation.pair", lower=w.fact(p[0]), upper=w.fact(p[1]),
              g=w.fact(p[2]), auc=w.fact(p[3]))
            for p in _items(flag.facts["pairs"])
        )
        facts["means"] = w("punct.list").join(
            w("flags.no_separation.mean", tier=w.fact(m[0]), mean=w.fact(m[1]))
            for m in _items(flag.facts["means"])
        )
    return (
        f'<div class="flag" id="flag-{e(flag.code)}-{e(flag.subject or "")}">'
        f'<h3><span class="icon">{e(w("marks.flag"))}</span> {e(w(base + ".title", **facts))}</h3>'
        f"<p>{e(w(base + '.explain', **facts))}</p>"
        f'<p class="fix"><strong>{e(w("flags.fix"))}</strong>{e(w(base + ".fix", **facts))}</p>'
        "</div>"
    )


def _flags(report: BalanceReport, w: Lexicon) -> str:
    out = [f'<section id="flags"><h2>{e(w("flags.heading"))}</h2>']
    if report.resized:
        note = w("notes.resized", customers=amount(report.customers),
                 declared=amount(report.declared_customers))
        out.append(f'<p class="note">{e(note)}</p>')
    if not report.flags:
        out.append(f'<p class="ok">{e(w("flags.none"))}</p>')
    out += [flag_html(f, w) for f in report.flags]
    out.append("</section>")
    return "".join(out)


def _th(text: str, cols: int = 1, rows: int = 1) -> str:
    span = (f' colspan="{cols}"' if cols > 1 else "") + (f' rowspan="{rows}"' if rows > 1 else "")
    return f'<th scope="col"{span}>{e(text)}</th>'


def _separation(report: BalanceReport, w: Lexicon) -> str:
    lab = report.lab
    tiers = report.tiers
    names = dict(report.competencies)
    adjacent = lab.competencies[0].adjacent if lab.competencies else []
    top = [_th(w("separation.competency"), rows=2), _th(w("separation.means"), cols=len(tiers))]
    sub = [_th(w.tier(t)) for t in tiers]
    for a in adjacent:
        top.append(_th(w("separation.pair", lower=w.tier(a["lower"]), upper=w.tier(a["upper"])),
                       cols=2))
        sub += [_th(w("separation.g")), _th(w("separation.auc"))]
    top += [_th(w(f"separation.{k}"), rows=2) for k in ("icc", "ordered", "gaming", "result")]
    rows = []
    for c in lab.competencies:
        name = names[c.id].pick(w.lang) if c.id in names else c.id
        cells = [f'<th scope="row">{e(name)}<br><span class="id">{e(c.id)}</span></th>']
        cells += [f'<td class="num">{dec(c.tiers[t]["mean"])}</td>' for t in tiers]
        for a in c.adjacent:
            cells.append(f'<td class="num">{dec(a["g"])} {_mark(w, a["g"] >= G_MIN)}</td>')
            cells.append(f'<td class="num">{dec(a["auc"])} {_mark(w, a["auc"] >= AUC_MIN)}</td>')
        cells.append(f'<td class="num">{dec(c.icc21)} {_mark(w, c.icc21 >= ICC_MIN)}</td>')
        cells.append(f'<td class="num">{_mark(w, c.ordered)}</td>')
        cells.append(f'<td class="num">{_mark(w, all(g["pass"] for g in c.gaming))}</td>')
        cells.append(f'<td class="num">{_mark(w, c.passed)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    lead = w("separation.lead", g=dec(G_MIN, 1), auc=dec(AUC_MIN, 1), icc=dec(ICC_MIN))
    return (
        f'<section id="separation"><h2>{e(w("separation.title"))}</h2>'
        f'<p class="lead">{e(lead)}</p>'
        f'<div class="scroll"><table class="stats"><thead><tr>{"".join(top)}</tr>'
        f'<tr>{"".join(sub)}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _ablations(report: BalanceReport, w: Lexicon) -> str:
    """What each behaviour of the expert is worth here (``lab --ablations``)."""
    out = [f'<section id="ablations"><h2>{e(w("ablations.title"))}</h2>']
    abl = report.ablations
    if abl is None:
        out.append(f'<p class="note">{e(w("ablations.not_run"))}</p></section>')
        return "".join(out)
    out.append(f'<p class="lead">{e(w("ablations.lead", runs=len(abl.seeds), min=dec(EFFECT_MIN, 1)))}</p>')
    heads = [w(f"ablations.{k}") for k in
             ("removed", "profit_loss", "effect", "kpi", "expert", "without", "effect", "matters")]
    rows = []
    for r in abl.results:
        a, k = r.ablation, r.kpi
        fmt = amount if abs(k.expert_mean) >= 100 else dec
        cells = [
            f'<th scope="row">{e(w(f"ablations.ids.{a.id}"))}<br>'
            f'<span class="id">{e(" ".join(a.cw))}</span></th>',
            f'<td class="num">{amount(r.profit.loss_mean)}</td>',
            f'<td class="num">{dec(r.profit.effect)} {_mark(w, r.profit.effect >= EFFECT_MIN)}</td>',
            f'<td>{e(w(f"ablations.kpis.{a.kpi}"))}</td>',
            f'<td class="num">{fmt(k.expert_mean)}</td>',
            f'<td class="num">{fmt(k.ablated_mean)}</td>',
            f'<td class="num">{dec(k.effect)} {_mark(w, k.effect >= EFFECT_MIN)}</td>',
            f'<td class="num">{_mark(w, r.passed)}</td>',
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    out.append(
        f'<div class="scroll"><table class="stats"><thead><tr>{"".join(_th(h) for h in heads)}'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div></section>"
    )
    return "".join(out)


def _variants(report: BalanceReport, w: Lexicon) -> str:
    v = report.variants
    out = [f'<section id="variants"><h2>{e(w("variants.title"))}</h2>']
    if v is None:
        out.append(f'<p class="note">{e(w("variants.not_run"))}</p></section>')
        return "".join(out)
    if not v.declared:
        out.append(f'<p class="note">{e(w("variants.undeclared"))}</p></section>')
        return "".join(out)
    band_key = "variants.lead_declared" if v.band_declared else "variants.lead_default"
    lead = w(band_key, n=v.requested, band=dec(v.band), seeds=len(v.seeds),
             tier=w.tier(VARIANT_BOTS[0]))
    out.append(f'<p class="lead">{e(lead)}</p>')
    if not v.revenue_judged:
        out.append(f'<p class="note">{e(w("variants.revenue_not_judged"))}</p>')
    out.append(variants_chart(v, report, w))
    names = dict(report.competencies)
    heads = [w("variants.trainee")]
    for bot in VARIANT_BOTS:
        heads += [
            w("variants.revenue_head", tier=w.tier(bot)),
            w("variants.competency_head", tier=w.tier(bot)),
        ]
    heads.append(w("variants.within"))
    rows = []
    for row in v.rows:
        cells = [f'<th scope="row" class="id">{e(row.trainee)}</th>']
        for bot in VARIANT_BOTS:
            b = row.bots[bot]
            cells.append(
                f'<td class="num">{pct(b.base_revenue_share)} → {pct(b.revenue_share)} '
                f"({signed(b.revenue_delta)})</td>"
            )
            deltas = {c: d for c, d in b.deltas().items() if not math.isnan(d)}
            if deltas and not any(deltas.values()):
                cells.append(f'<td class="num">{signed(0.0)}</td>')
            elif deltas:
                worst = max(deltas, key=lambda c: abs(deltas[c]))
                name = names[worst].pick(w.lang) if worst in names else worst
                cells.append(
                    f'<td>{signed(deltas[worst])} <span class="small">{e(name)}</span></td>'
                )
            else:
                cells.append("<td>–</td>")
        cells.append(f'<td class="num">{_mark(w, row.within)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    head = "".join(f'<th scope="col">{e(h)}</th>' for h in heads)
    out.append(
        f'<div class="scroll"><table class="stats"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></section>"
    )
    return "".join(out)


CSS = f"""
body {{ margin: 0; background: #f6f8fa; color: {INK}; font-family: {FONT_STACK};
  font-size: 15px; line-height: 1.55; }}
main {{ max-width: 1000px; margin: 0 auto; padding: 24px 20px 48px; background: #fff; }}
h1 {{ font-size: 26px; margin: 0 0 4px; }}
h2 {{ font-size: 20px; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 2px solid {RULE}; }}
h3 {{ font-size: 16px; margin: 0 0 4px; }}
svg text {{ font-family: {FONT_STACK}; }}
.meta, .small {{ color: {MUTED}; font-size: 13px; }}
.lead {{ margin: 4px 0 10px; }}
.note {{ background: #fff8c5; border-left: 4px solid #d4a72c; padding: 8px 12px; }}
.ok {{ background: #dafbe1; border-left: 4px solid {PASS}; padding: 8px 12px; }}
.flag {{ border: 1px solid #ffcecb; border-left: 5px solid {FAIL}; background: #fff5f5;
  padding: 10px 14px; margin: 10px 0; }}
.flag p {{ margin: 4px 0; }}
.flag .icon {{ color: {FAIL}; }}
.fix {{ color: #24292f; }}
.legend {{ margin: 6px 0; }}
.key {{ display: inline-block; margin-right: 18px; font-size: 14px; }}
.swatch {{ display: inline-block; width: 12px; height: 12px; margin-right: 6px;
  vertical-align: -1px; border-radius: 2px; }}
.tick {{ display: inline-block; width: 3px; height: 14px; margin: 0 8px 0 4px;
  vertical-align: -2px; background: {INK}; }}
th.id, th .id {{ white-space: nowrap; }}
.scroll {{ overflow-x: auto; }}
table.stats {{ border-collapse: collapse; font-size: 13px; width: 100%; }}
table.stats th, table.stats td {{ border-bottom: 1px solid {GRID}; padding: 5px 6px;
  text-align: left; vertical-align: top; }}
table.stats thead th {{ background: #f6f8fa; font-weight: 600; }}
td.num {{ white-space: nowrap; font-variant-numeric: tabular-nums; }}
.id {{ color: {MUTED}; font-size: 12px; font-weight: normal;
  font-family: ui-monospace, monospace; }}
.pass {{ color: {PASS}; font-weight: bold; }}
.fail {{ color: {FAIL}; font-weight: bold; }}
footer {{ margin-top: 36px; color: {MUTED}; font-size: 13px; }}
code {{ font-family: ui-monospace, monospace; font-size: 13px; background: #f6f8fa;
  padding: 1px 4px; }}
"""


def render(report: BalanceReport, lang: str = "en", command: str = "") -> str:
    """The balance report as one HTML document in ``lang`` (zh or en)."""
    w = Lexicon(lang)
    title = report.title.pick(lang)
    seeds = report.seeds
    meta = w(
        "header.meta",
        id=report.scenario_id,
        runs=report.runs,
        first=seeds[0] if seeds else "–",
        last=seeds[-1] if seeds else "–",
        customers=amount(report.customers),
        rubric=report.rubric_id,
    )
    notes = []
    if report.runs < 10:
        notes.append(f'<p class="note">{e(w("notes.few_runs", runs=report.runs))}</p>')
    body = [
        f"<header><h1>{e(w('header.title'))}{e(w('punct.colon'))}{e(title)}</h1>",
        f'<p class="meta">{e(meta)}</p>',
        f'<p class="lead">{e(w("header.lead"))}</p>',
        *notes,
        "</header>",
        _flags(report, w),
        f'<section id="scores"><h2>{e(w("scores.title"))}</h2>'
        f'<p class="lead">{e(w("scores.lead"))}</p>{_legend(w, report.tiers)}'
        f"{scores_chart(report, w)}</section>",
        f'<section id="targets"><h2>{e(w("targets.title"))}</h2>'
        f'<p class="lead">{e(w("targets.lead"))}</p>{_legend(w, report.tiers)}'
        f"{targets_chart(report, w)}</section>",
        f'<section id="accounts"><h2>{e(w("accounts.title"))}</h2>'
        f'<p class="lead">{e(w("accounts.lead"))}</p>{_legend(w, report.tiers)}'
        f"{accounts_chart(report, w) if report.accounts else e(w('accounts.none'))}</section>",
        f'<section id="risks"><h2>{e(w("risks.title"))}</h2>'
        f'<p class="lead">{e(w("risks.lead"))}</p>'
        f'{_legend(w, report.tiers, w("risks.expected_marker"))}'
        f"{risks_chart(report, w) if report.risks else e(w('risks.none'))}</section>",
        _separation(report, w),
        _ablations(report, w),
        _variants(report, w),
        f'<footer><p>{e(w("footer.made"))}</p>'
        + (f"<p><code>{e(command)}</code></p>" if command else "")
        + "</footer>",
    ]
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(w('header.title'))}{e(w('punct.colon'))}{e(title)}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


def write_report(report: BalanceReport, path: str | Path, lang: str = "en",
                 command: str = "") -> Path:
    """Render ``report`` and write it to ``path`` atomically; returns the path written."""
    target = Path(path)
    text = render(report, lang, command)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(temp, "x", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return target

