"""Charts drawn in the window (no plotting library): KPI bars against target, per-round bars,
weekly bars, and the negotiation map in utility space for the debrief."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pygame

from game.engine.targets import target_met
from game.ui import fonts

BG = (31, 41, 54)
GRID = (52, 69, 90)
TEXT = (232, 238, 245)
MUTED = (159, 176, 195)
GOOD = (95, 214, 154)
BAD = (255, 138, 128)
WARN = (245, 196, 81)
BLUE = (91, 155, 240)
ORANGE = (240, 163, 91)
ZONE = (63, 180, 122, 60)
FRONTIER = (200, 170, 255)

def reset() -> None:
    """Forget fonts opened before ``pygame.quit()``."""
    fonts.reset()


def font(size: int = 12, bold: bool = False) -> pygame.font.Font:
    return fonts.face(size, bold)


def text(surface: pygame.Surface, s: str, pos: tuple[float, float], colour: tuple[int, int, int] = TEXT,
         size: int = 12, bold: bool = False, anchor: str = "topleft") -> pygame.Rect:
    img = font(size, bold).render(s, True, colour)
    rect = img.get_rect(**{anchor: (int(pos[0]), int(pos[1]))})
    surface.blit(img, rect)
    return rect


def dashed_line(surface: pygame.Surface, colour: tuple[int, ...], a: tuple[float, float],
                b: tuple[float, float], dash: int = 6, width: int = 1) -> None:
    length = math.dist(a, b)
    if length == 0:
        return
    n = max(1, int(length // dash))
    for k in range(0, n, 2):
        t0, t1 = k / n, min(1.0, (k + 1) / n)
        p0 = (a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0)
        p1 = (a[0] + (b[0] - a[0]) * t1, a[1] + (b[1] - a[1]) * t1)
        pygame.draw.line(surface, colour, p0, p1, width)


def new_surface(size: tuple[int, int]) -> pygame.Surface:
    surface = pygame.Surface(size, pygame.SRCALPHA)
    surface.fill(BG)
    return surface


# ----------------------------------------------------------------- KPI bars against target


@dataclass(frozen=True)
class KpiRow:
    label: str
    value: float
    target: float
    shown: str  # the value as text
    target_shown: str


def kpi_bars(size: tuple[int, int], rows: Sequence[KpiRow], target_word: str) -> pygame.Surface:
    """One horizontal bar per KPI, scaled to its target (the target is the white tick)."""
    surface = new_surface(size)
    w, h = size
    label_w, right_w = 150, 190
    bar_x, bar_w = label_w, w - label_w - right_w
    row_h = h / max(1, len(rows))
    for i, row in enumerate(rows):
        y = i * row_h
        cy = y + row_h / 2
        text(surface, row.label, (6, cy), TEXT, 13, anchor="midleft")
        scale = max(row.target, row.value, 1e-9) * 1.2
        pygame.draw.rect(surface, GRID, (bar_x, cy - 9, bar_w, 18), border_radius=3)
        share = max(0.0, row.value) / scale
        colour = GOOD if target_met(row.value, row.target) else (WARN if row.value >= 0.8 * row.target else BAD)
        pygame.draw.rect(surface, colour, (bar_x, cy - 9, max(2, int(bar_w * share)), 18), border_radius=3)
        tx = bar_x + bar_w * row.target / scale
        pygame.draw.line(surface, TEXT, (tx, cy - 14), (tx, cy + 14), 2)
        text(surface, row.shown, (w - right_w + 10, cy - 9), colour, 13, bold=True, anchor="midleft")
        text(surface, f"{target_word} {row.target_shown}", (w - right_w + 10, cy + 9), MUTED, 12,
             anchor="midleft")
    return surface


# ----------------------------------------------------------------- bars per round / week


def series_bars(size: tuple[int, int], title: str, labels: Sequence[str], values: Sequence[float | None],
                target: float | None, shown: Callable[[float], str], target_word: str = "") -> pygame.Surface:
    """Vertical bars (one per round or week) with the target as a dashed line; a negative value
    hangs below the zero line."""
    surface = new_surface(size)
    w, h = size
    text(surface, title, (6, 4), TEXT, 13, bold=True)
    top, bottom, left, right = 26, h - 20, 8, w - 8
    known = [v for v in values if v is not None]
    peak = max([*known, target or 0.0, 0.0]) * 1.15
    low = min([*known, 0.0]) * 1.15
    if peak - low < 1e-9:
        peak = 1.0
    if low < 0:
        top += 4  # room for a value label above a bar that reaches the top
        bottom -= 14  # room for the label under a bar that hangs to the bottom

    def y_of(v: float) -> float:
        return bottom - (bottom - top) * (v - low) / (peak - low)

    zero = y_of(0.0)
    pygame.draw.line(surface, GRID, (left, zero), (right, zero))
    n = max(1, len(values))
    slot = (right - left) / n
    bar_w = max(3, min(48, slot * 0.6))
    marks: list[tuple[str, tuple[float, float], str]] = []  # value labels, drawn last
    for i, v in enumerate(values):
        cx = left + slot * (i + 0.5)
        if v is not None:
            y = y_of(v)
            if target is not None:
                colour = GOOD if target_met(v, target) else WARN
            else:
                colour = BLUE if v >= 0 else BAD
            pygame.draw.rect(surface, colour, (cx - bar_w / 2, min(y, zero), bar_w, max(1, abs(zero - y))),
                             border_radius=2)
            if slot >= 40:
                marks.append((shown(v), (cx, y - 2), "midbottom") if v >= 0
                             else (shown(v), (cx, y + 2), "midtop"))
        if n <= 16 or i % 2 == 0:
            text(surface, labels[i], (cx, h - 18), MUTED, 11, anchor="midtop")
    if target is not None:
        ty = y_of(target)
        dashed_line(surface, TEXT, (left, ty), (right, ty))
        text(surface, f"- - {target_word} {shown(target)}".strip(), (right, 6), MUTED, 11,
             anchor="topright")
    for said, at, anchor in marks:  # on a patch of the background: a value the target line
        patch = font(11).size(said)  # crosses stays readable, not struck through
        rect = pygame.Rect((0, 0), (patch[0] + 2, patch[1]))
        setattr(rect, anchor, (int(at[0]), int(at[1])))
        surface.fill(BG, rect)
        text(surface, said, at, TEXT, 11, anchor=anchor)
    return surface


# ----------------------------------------------------------------- profit waterfall


@dataclass(frozen=True)
class Step:
    """One bar of a waterfall: totals stand on zero, the parts between move the running total."""

    key: str
    label: str
    start: float
    end: float
    total: bool


def waterfall_steps(parts: Sequence[tuple[str, str, float]]) -> list[Step]:
    """Bars from ``(key, label, amount)``: the first and the last are totals (drawn from zero),
    each one between starts where the running total stands and moves it by its amount."""
    steps: list[Step] = []
    running = 0.0
    last = len(parts) - 1
    for i, (key, label, amount) in enumerate(parts):
        if i in (0, last):
            steps.append(Step(key, label, 0.0, amount, True))
            running = amount
        else:
            steps.append(Step(key, label, running, running + amount, False))
            running += amount
    return steps


def waterfall(size: tuple[int, int], steps: Sequence[Step], shown: Callable[[Step], str]) -> pygame.Surface:
    """A profit waterfall: the first total in blue, falls in red, rises in green, the final total
    green (or red below zero); every bar labelled with ``shown(step)`` and its category under it."""
    surface = new_surface(size)
    w, h = size
    top, bottom, left, right = 22, h - 40, 8, w - 8
    levels = [0.0, *(s.start for s in steps), *(s.end for s in steps)]
    hi, lo = max(levels), min(levels)
    if hi - lo < 1e-9:
        hi = lo + 1.0
    pad = (hi - lo) * 0.06
    hi, lo = hi + (pad if hi > 0 else 0.0), lo - (pad if lo < 0 else 0.0)

    def y_of(v: float) -> float:
        return bottom - (bottom - top) * (v - lo) / (hi - lo)

    zero = y_of(0.0)
    n = max(1, len(steps))
    slot = (right - left) / n
    bar_w = max(6.0, min(64.0, slot * 0.62))
    for i, step in enumerate(steps):
        cx = left + slot * (i + 0.5)
        y0, y1 = y_of(step.start), y_of(step.end)
        change = step.end - step.start
        if step.total:
            colour = BLUE if i == 0 else (GOOD if step.end >= 0 else BAD)
        else:
            colour = GOOD if change > 0.5 else (BAD if change < -0.5 else MUTED)
        rect = pygame.Rect(round(cx - bar_w / 2), round(min(y0, y1)), round(bar_w), max(2, round(abs(y1 - y0))))
        pygame.draw.rect(surface, colour, rect, border_radius=2)
        if i + 1 < len(steps):
            nx = left + slot * (i + 1.5) - bar_w / 2
            dashed_line(surface, MUTED, (rect.right, y1), (nx, y1), dash=3)
        label = shown(step)
        bold = step.total
        falls = (not step.total and change < -0.5) or (step.total and step.end < 0)
        if falls and rect.bottom + 16 <= bottom + 2:
            text(surface, label, (cx, rect.bottom + 2), colour, 12, bold, anchor="midtop")
        else:
            text(surface, label, (cx, rect.top - 2), colour if not bold else TEXT, 12, bold, anchor="midbottom")
        text(surface, step.label, (cx, h - 34), TEXT if step.total else MUTED, 12, step.total, anchor="midtop")
    pygame.draw.line(surface, GRID, (left, zero), (right, zero))
    return surface


# ----------------------------------------------------------------- the negotiation map


@dataclass(frozen=True)
class MapLabels:
    x_axis: str
    y_axis: str
    ours: str
    theirs: str
    frontier: str
    zone: str
    our_rv: str
    their_rv: str
    agreement: str
    nash: str


def utility_map(size: tuple[int, int], truth: dict[str, Any], labels: MapLabels,
                agreement: tuple[float, float] | None) -> pygame.Surface:
    """Both sides' offers over time in utility space (x: ours, y: the customer's), with both
    reservation values, the zone of agreement and the Pareto frontier revealed."""
    surface = new_surface(size)
    w, h = size
    left, right, top, bottom = 56, w - 16, 16, h - 84
    pw, ph = right - left, bottom - top

    def at(u: float, v: float) -> tuple[float, float]:
        return left + pw * u, bottom - ph * v

    for k in range(5):
        g = k / 4
        pygame.draw.line(surface, GRID, at(g, 0), at(g, 1))
        pygame.draw.line(surface, GRID, at(0, g), at(1, g))
        text(surface, f"{g:.2f}", (at(g, 0)[0], bottom + 3), MUTED, 11, anchor="midtop")
        text(surface, f"{g:.2f}", (left - 4, at(0, g)[1]), MUTED, 11, anchor="midright")
    text(surface, labels.x_axis, (left + pw / 2, bottom + 18), TEXT, 12, anchor="midtop")
    y_label = font(12).render(labels.y_axis, True, TEXT)
    surface.blit(pygame.transform.rotate(y_label, 90), (2, top + ph / 2 - y_label.get_width() / 2))

    rv_s, rv_c = float(truth["seller_reservation"]), float(truth["reservation"])
    frontier = [(float(a), float(b)) for a, b in truth.get("frontier", [])]
    zone = [(a, b) for a, b in frontier if a >= rv_s and b >= rv_c]
    if zone:
        zone.sort()
        poly = [at(rv_s, rv_c), at(rv_s, zone[0][1])]
        for a, b in zone:
            poly.append(at(a, b))
        poly.append(at(zone[-1][0], rv_c))
        layer = pygame.Surface(size, pygame.SRCALPHA)
        pygame.draw.polygon(layer, ZONE, poly)
        surface.blit(layer, (0, 0))
    if len(frontier) > 1:
        pygame.draw.lines(surface, FRONTIER, False, [at(a, b) for a, b in sorted(frontier)], 2)
    for a, b in frontier:
        pygame.draw.circle(surface, FRONTIER, at(a, b), 2)
    dashed_line(surface, BLUE, at(rv_s, 0), at(rv_s, 1), width=2)
    dashed_line(surface, ORANGE, at(0, rv_c), at(1, rv_c), width=2)

    ours = [(m["u_seller"], m["u_customer"]) for m in truth.get("moves", []) if m["kind"] == "trainee_offered"]
    theirs = [(m["u_seller"], m["u_customer"]) for m in truth.get("moves", []) if m["kind"] == "customer_countered"]
    for points, colour in ((ours, BLUE), (theirs, ORANGE)):
        if len(points) > 1:
            pygame.draw.lines(surface, colour, False, [at(a, b) for a, b in points], 2)
        for n, (a, b) in enumerate(points, start=1):
            pygame.draw.circle(surface, colour, at(a, b), 6)
            text(surface, str(n), at(a, b), BG, 9, bold=True, anchor="center")
    nash = truth.get("nash")
    if nash:
        x, y = at(nash["u_seller"], nash["u_customer"])
        pygame.draw.polygon(surface, WARN, [(x, y - 7), (x + 7, y), (x, y + 7), (x - 7, y)], 2)
    if agreement is not None:
        pygame.draw.circle(surface, GOOD, at(*agreement), 10, 3)

    legend = [
        (BLUE, labels.ours), (ORANGE, labels.theirs), (FRONTIER, labels.frontier),
        (GOOD, labels.agreement), (WARN, labels.nash),
    ]
    x, y = left, h - 44
    for colour, name in legend:
        pygame.draw.circle(surface, colour, (x + 6, y + 8), 5)
        r = text(surface, name, (x + 15, y), TEXT, 12)
        x = r.right + 16
    x, y = left, h - 24
    for colour, name, dashed in ((ZONE[:3], labels.zone, False), (BLUE, labels.our_rv, True),
                                 (ORANGE, labels.their_rv, True)):
        if dashed:
            dashed_line(surface, colour, (x, y + 7), (x + 18, y + 7), dash=4, width=2)
        else:
            pygame.draw.rect(surface, colour, (x, y + 2, 18, 10))
        r = text(surface, name, (x + 24, y), TEXT, 12)
        x = r.right + 16
    return surface
