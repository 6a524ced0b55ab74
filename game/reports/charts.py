"""The charts of the trainee and cohort reports as inline SVG: a radar of competency scores,
strips and dumbbells per competency, a histogram, a trend over attempts and a profit waterfall.

Scores are on the 0..1 scale; the waterfall takes money. Built on ``game.reports.svg``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from game.reports import svg
from game.reports.svg import AMBER, BLUE, GREEN, GREY, INK, RED, RULE, f1, quantile, wrap

LABEL = 11  # label text, px


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]
    color: str
    dashed: bool = False
    fill: bool = False


def legend(series: Sequence[Series], x: float, y: float, extra: Sequence[tuple[str, str, bool]]
           = ()) -> tuple[str, float]:
    """Swatches in a row that wraps; returns (svg, height used)."""
    items = [(s.name, s.color, s.dashed) for s in series] + list(extra)
    out, cx, cy = [], x, y
    for name, color, dashed in items:
        width = 28 + svg.text_width(name, LABEL)
        if cx + width > x + 420 and cx > x:
            cx, cy = x, cy + 18
        dash = ' stroke-dasharray="5 3"' if dashed else ""
        out.append(f'<line x1="{f1(cx)}" y1="{f1(cy)}" x2="{f1(cx + 18)}" y2="{f1(cy)}" '
                   f'stroke="{color}" stroke-width="3"{dash}/>')
        out.append(svg.text(cx + 23, cy + 4, name, LABEL))
        cx += width + 10
    return "".join(out), cy - y + 18


def radar(labels: Sequence[str], series: Sequence[Series], *, band: tuple[Sequence[float | None],
          Sequence[float | None]] | None = None, band_label: str = "", label: str = "",
          label_width: float = 110.0) -> str:
    """A radar of 0..1 scores, one axis per label (wrapped to ``label_width`` px, the room
    beside the circle); ``band`` is a (low, high) ribbon."""
    n = max(len(labels), 1)
    radius, margin = 160.0, 120.0
    cx, cy = margin + radius, 46 + radius
    width = 2 * (margin + radius)

    def point(i: int, value: float | None, r: float = radius) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        v = 0.0 if value is None else max(0.0, min(1.0, value))
        return cx + r * v * math.cos(angle), cy + r * v * math.sin(angle)

    def ring(values: Sequence[float | None], r: float = radius) -> str:
        return " ".join(f"{f1(x)},{f1(y)}" for x, y in (point(i, v, r) for i, v in
                                                         enumerate(values)))

    body = []
    for level in (0.25, 0.5, 0.75, 1.0):
        body.append(f'<polygon points="{ring([level] * n)}" fill="none" stroke="{RULE}" '
                    f'stroke-width="1"/>')
        x, y = point(0, level)
        body.append(svg.text(x + 4, y + 11, [f"{level:g}"], 9, "start", GREY))
    for i, text in enumerate(labels):
        x, y = point(i, 1.0)
        body.append(f'<line x1="{f1(cx)}" y1="{f1(cy)}" x2="{f1(x)}" y2="{f1(y)}" '
                    f'stroke="{RULE}"/>')
        lx, ly = point(i, 1.0, radius + 14)
        cos = math.cos(-math.pi / 2 + 2 * math.pi * i / n)
        anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
        lines = wrap(text, label_width, LABEL, 4)
        if ly < cy - radius * 0.5:
            ly -= (len(lines) - 1) * 14
        elif abs(ly - cy) <= radius * 0.5:
            ly -= (len(lines) - 1) * 7
        body.append(svg.text(lx, ly + 4, lines, LABEL, anchor))
    if band is not None:
        low, high = band
        outer = "M" + ring(high).replace(" ", " L") + " Z"
        inner = "M" + ring(low).replace(" ", " L") + " Z"
        body.append(f'<path d="{outer} {inner}" fill="{BLUE}" fill-opacity="0.15" '
                    f'fill-rule="evenodd" stroke="none"/>')
    for s in series:
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        fill = f'fill="{s.color}" fill-opacity="0.12"' if s.fill else 'fill="none"'
        body.append(f'<polygon points="{ring(s.values)}" {fill} stroke="{s.color}" '
                    f'stroke-width="2.2"{dash}/>')
        for i, v in enumerate(s.values):
            if v is not None:
                x, y = point(i, v)
                body.append(f'<circle cx="{f1(x)}" cy="{f1(y)}" r="3" fill="{s.color}"/>')
    extra = [(band_label, "#a5c8f8", False)] if band is not None and band_label else []
    key, used = legend(series, 40, cy + radius + 62, extra)
    return svg.svg(width, cy + radius + 62 + used, "".join(body) + key, label)


def strips(rows: Sequence[tuple[str, Sequence[float]]], *, target: float | None = None,
           target_label: str = "", label: str = "", label_width: float = 166.0) -> str:
    """One row per label: every value as a dot, the box from Q1 to Q3, the median, a target."""
    left, width, row_h = 190.0, 420.0, 46.0
    top = 10.0
    body = []
    for k, (name, values) in enumerate(rows):
        y = top + k * row_h + row_h / 2
        body.append(svg.text(left - 12, y - 3, wrap(name, label_width, LABEL, 2), LABEL, "end"))
        body.append(f'<line x1="{f1(left)}" y1="{f1(y)}" x2="{f1(left + width)}" y2="{f1(y)}" '
                    f'stroke="{RULE}"/>')
        xs = sorted(values)
        if xs:
            q1, med, q3 = (quantile(xs, q) for q in (0.25, 0.5, 0.75))
            body.append(f'<rect x="{f1(left + q1 * width)}" y="{f1(y - 11)}" '
                        f'width="{f1(max(1.5, (q3 - q1) * width))}" height="22" fill="{BLUE}" '
                        f'fill-opacity="0.14" stroke="{BLUE}" stroke-width="1"/>')
            body.append(f'<line x1="{f1(left + med * width)}" y1="{f1(y - 13)}" '
                        f'x2="{f1(left + med * width)}" y2="{f1(y + 13)}" stroke="{BLUE}" '
                        f'stroke-width="2.5"/>')
            for i, v in enumerate(values):
                # up to 13 dots evenly spread across the row, so tied scores stay apart
                jitter = ((i * 7919) % 13 - 6) * 1.3
                body.append(f'<circle cx="{f1(left + v * width)}" cy="{f1(y + jitter)}" r="2.6" '
                            f'fill="{INK}" fill-opacity="0.55"/>')
        body.append(svg.text(left + width + 8, y + 4, [f"n={len(xs)}"], 10, "start", GREY))
    bottom = top + len(rows) * row_h
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        x = left + tick * width
        body.append(f'<line x1="{f1(x)}" y1="{f1(top)}" x2="{f1(x)}" y2="{f1(bottom)}" '
                    f'stroke="{RULE}" stroke-width="0.6"/>')
        body.append(svg.text(x, bottom + 14, [f"{tick:g}"], 10, "middle", GREY))
    if target is not None:
        x = left + target * width
        body.append(f'<line x1="{f1(x)}" y1="{f1(top - 4)}" x2="{f1(x)}" y2="{f1(bottom + 2)}" '
                    f'stroke="{AMBER}" stroke-width="2" stroke-dasharray="5 3"/>')
    key, used = legend([], left, bottom + 34, [(target_label, AMBER, True)] if target_label else [])
    return svg.svg(left + width + 50, bottom + 34 + used, "".join(body) + key, label)


def dumbbells(rows: Sequence[tuple[str, float | None, float | None, float | None]], *,
              target: float | None, names: tuple[str, str, str], label: str = "",
              label_width: float = 166.0) -> str:
    """Per row (label, first, latest, sem): first and latest on 0..1, latest +- SEM."""
    left, width, row_h, top = 190.0, 420.0, 40.0, 10.0
    body = []
    for k, (name, first, latest, sem) in enumerate(rows):
        y = top + k * row_h + row_h / 2
        body.append(svg.text(left - 12, y - 3, wrap(name, label_width, LABEL, 2), LABEL, "end"))
        body.append(f'<line x1="{f1(left)}" y1="{f1(y)}" x2="{f1(left + width)}" y2="{f1(y)}" '
                    f'stroke="{RULE}"/>')
        if latest is not None and sem is not None:
            lo, hi = max(0.0, latest - sem), min(1.0, latest + sem)
            body.append(f'<line x1="{f1(left + lo * width)}" y1="{f1(y)}" '
                        f'x2="{f1(left + hi * width)}" y2="{f1(y)}" stroke="{BLUE}" '
                        f'stroke-width="7" stroke-opacity="0.22"/>')
        if first is not None and latest is not None:
            body.append(f'<line x1="{f1(left + first * width)}" y1="{f1(y)}" '
                        f'x2="{f1(left + latest * width)}" y2="{f1(y)}" stroke="{GREY}" '
                        f'stroke-width="2"/>')
        if first is not None:
            body.append(f'<circle cx="{f1(left + first * width)}" cy="{f1(y)}" r="5" '
                        f'fill="#fff" stroke="{GREY}" stroke-width="2"/>')
        if latest is not None:
            body.append(f'<circle cx="{f1(left + latest * width)}" cy="{f1(y)}" r="5.5" '
                        f'fill="{BLUE}"/>')
    bottom = top + len(rows) * row_h
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        x = left + tick * width
        body.append(svg.text(x, bottom + 14, [f"{tick:g}"], 10, "middle", GREY))
    if target is not None:
        x = left + target * width
        body.append(f'<line x1="{f1(x)}" y1="{f1(top - 4)}" x2="{f1(x)}" y2="{f1(bottom + 2)}" '
                    f'stroke="{AMBER}" stroke-width="2" stroke-dasharray="5 3"/>')
    first_name, latest_name, target_name = names
    key, used = legend([Series(first_name, [], GREY), Series(latest_name, [], BLUE)], left,
                       bottom + 34, [(target_name, AMBER, True)])
    return svg.svg(left + width + 30, bottom + 34 + used, "".join(body) + key, label)


def histogram(values: Sequence[float], *, bins: int = 10, target: float | None = None,
              label: str = "", x_label: str = "") -> str:
    """Counts of 0..1 values in equal bins."""
    left, width, height, top = 40.0, 520.0, 150.0, 22.0
    counts = [0] * bins
    for v in values:
        counts[min(bins - 1, max(0, int(v * bins)))] += 1
    peak = max(counts) or 1
    body = []
    bar = width / bins
    for i, c in enumerate(counts):
        h = height * c / peak
        body.append(f'<rect x="{f1(left + i * bar + 1)}" y="{f1(top + height - h)}" '
                    f'width="{f1(bar - 2)}" height="{f1(h)}" fill="{BLUE}" fill-opacity="0.7"/>')
        if c:
            body.append(svg.text(left + (i + 0.5) * bar, top + height - h - 3, [str(c)], 10, "middle", INK))
    body.append(f'<line x1="{f1(left)}" y1="{f1(top + height)}" x2="{f1(left + width)}" '
                f'y2="{f1(top + height)}" stroke="{INK}"/>')
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        body.append(svg.text(left + tick * width, top + height + 14, [f"{tick:g}"], 10, "middle", GREY))
    if target is not None:
        x = left + target * width
        body.append(f'<line x1="{f1(x)}" y1="{f1(top)}" x2="{f1(x)}" y2="{f1(top + height)}" '
                    f'stroke="{AMBER}" stroke-width="2" stroke-dasharray="5 3"/>')
    body.append(svg.text(left + width / 2, top + height + 32, [x_label], 11, "middle"))
    return svg.svg(left + width + 20, top + height + 40, "".join(body), label)


def trend(values: Sequence[float | None], *, target: float | None = None, label: str = "",
          x_label: str = "") -> str:
    """A line over attempts 1..k of 0..1 values, each point labelled."""
    left, width, height, top = 40.0, 520.0, 140.0, 14.0
    k = len(values)
    step = width / max(k - 1, 1)
    pts = [(left + i * step if k > 1 else left + width / 2, top + height * (1 - v))
           for i, v in enumerate(values) if v is not None]
    body = [f'<line x1="{f1(left)}" y1="{f1(top + height)}" x2="{f1(left + width)}" '
            f'y2="{f1(top + height)}" stroke="{INK}"/>']
    for tick in (0.0, 0.5, 1.0):
        y = top + height * (1 - tick)
        body.append(svg.text(left - 6, y + 4, [f"{tick:g}"], 10, "end", GREY))
    if target is not None:
        y = top + height * (1 - target)
        body.append(f'<line x1="{f1(left)}" y1="{f1(y)}" x2="{f1(left + width)}" y2="{f1(y)}" '
                    f'stroke="{AMBER}" stroke-width="1.5" stroke-dasharray="5 3"/>')
    if len(pts) > 1:
        body.append('<polyline points="' + " ".join(f"{f1(x)},{f1(y)}" for x, y in pts)
                    + f'" fill="none" stroke="{BLUE}" stroke-width="2"/>')
    shown = [v for v in values if v is not None]
    for (x, y), v in zip(pts, shown, strict=True):
        body.append(f'<circle cx="{f1(x)}" cy="{f1(y)}" r="3.5" fill="{BLUE}"/>')
        body.append(svg.text(x, y - 7, [f"{v:.2f}"], 10, "middle"))
    for i in range(k):
        x = left + i * step if k > 1 else left + width / 2
        body.append(svg.text(x, top + height + 14, [str(i + 1)], 10, "middle", GREY))
    body.append(svg.text(left + width / 2, top + height + 30, [x_label], 11, "middle"))
    return svg.svg(left + width + 20, top + height + 38, "".join(body), label)


def waterfall(parts: Sequence[tuple[str, float, str]], *, label: str = "", width: float = 640.0,
              height: float = 230.0) -> str:
    """A profit waterfall from ``(name, amount, amount as text)``: the first and last parts are
    totals standing on zero, each part between moves the running total (falls red, rises green)."""
    left, right, top, bottom = 8.0, width - 8.0, 26.0, height - 30.0
    levels, running = [0.0], 0.0
    bars: list[tuple[float, float, bool]] = []
    for i, (_, amount, _) in enumerate(parts):
        total = i in (0, len(parts) - 1)
        start = 0.0 if total else running
        running = amount if total else running + amount
        bars.append((start, running, total))
        levels += [start, running]
    hi, lo = max(levels), min(levels)
    if hi - lo < 1e-9:
        hi = lo + 1.0

    def y_of(v: float) -> float:
        return bottom - (bottom - top) * (v - lo) / (hi - lo)

    slot = (right - left) / max(1, len(parts))
    bar_w = min(56.0, slot * 0.62)
    body = []
    for i, ((name, _, shown), (start, end, total)) in enumerate(zip(parts, bars, strict=True)):
        cx = left + slot * (i + 0.5)
        change = end - start
        if total:
            color = BLUE if i == 0 else (GREEN if end >= 0 else RED)
        else:
            color = GREEN if change > 0.5 else (RED if change < -0.5 else GREY)
        y0, y1 = y_of(start), y_of(end)
        body.append(f'<rect x="{f1(cx - bar_w / 2)}" y="{f1(min(y0, y1))}" width="{f1(bar_w)}" '
                    f'height="{f1(max(1.5, abs(y1 - y0)))}" fill="{color}"/>')
        if i + 1 < len(parts):
            body.append(f'<line x1="{f1(cx + bar_w / 2)}" y1="{f1(y1)}" x2="{f1(cx + slot - bar_w / 2)}" '
                        f'y2="{f1(y1)}" stroke="{GREY}" stroke-dasharray="3 2"/>')
        falls = (total and end < 0) or (not total and change < -0.5)
        ty = max(y0, y1) + 13 if falls and max(y0, y1) + 14 <= bottom else min(y0, y1) - 4
        body.append(svg.text(cx, ty, shown, LABEL, "middle", INK if total else color,
                             "bold" if total else "normal"))
        body.append(svg.text(cx, height - 12, svg.fit(name, slot, LABEL), LABEL, "middle", INK,
                             "bold" if total else "normal"))
    zero = y_of(0.0)
    body.append(f'<line x1="{f1(left)}" y1="{f1(zero)}" x2="{f1(right)}" y2="{f1(zero)}" '
                f'stroke="{INK}" stroke-width="0.8"/>')
    return svg.svg(width, height, "".join(body), label)
