"""The drawing primitives of the reports' inline SVG charts (no plotting library).

Text is escaped, measured with an estimate of the glyphs' advance in the report fonts (a browser
is not asked) and wrapped by the game's one line breaker (``game.text.linebreak``), so a Chinese
label breaks by the same rules in the window, the trainee report and the balance report.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache

from game.reports.html import FONT_STACK, e
from game.text import linebreak

# One palette for every chart.
INK, MUTED, GREY, RULE, GRID = "#1f2328", "#59636e", "#8c959f", "#c9d1d9", "#eaeef2"
BLUE, AMBER, GREEN, RED, BAND = "#1f6feb", "#bf8700", "#1a7f37", "#cf222e", "#e6f4ea"

SIZE = 13  # chart text, px
SMALL = 11


def f1(x: float) -> str:
    """A coordinate with one decimal."""
    return f"{x:.1f}"


# --------------------------------------------------------------------------- measuring text


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


@cache
def measure(size: float) -> Callable[[str], float]:
    """``text_width`` at ``size`` as the line breaker's measure."""
    return lambda text: text_width(text, size)


def wrap(text: str, width: float, size: float = SIZE, max_lines: int = 3) -> list[str]:
    """``text`` in lines no wider than ``width`` px; the last line ends in '…' if cut."""
    m = measure(size)
    lines = [line for line in linebreak.wrap(text, width, m) if line.strip()]
    return linebreak.clip(lines, max_lines, width, m) or [""]


def fit(text: str, width: float, size: float = SIZE) -> str:
    """``text`` on one line of ``width`` px, shortened with '…' if it does not fit."""
    return linebreak.fit(text, width, measure(size))


# --------------------------------------------------------------------------- elements


def text(x: float, y: float, content: str | Sequence[str], size: float = SIZE,
         anchor: str = "start", fill: str = INK, weight: str = "normal") -> str:
    """A ``<text>``; a sequence of lines is stacked downwards from ``y`` (one line per tspan)."""
    if isinstance(content, str):
        body = e(content)
    elif len(content) == 1:
        body = e(content[0])
    else:
        body = "".join(f'<tspan x="{f1(x)}" dy="{0 if i == 0 else size + 2:g}">{e(line)}</tspan>'
                       for i, line in enumerate(content))
    return (f'<text x="{f1(x)}" y="{f1(y)}" font-size="{size:g}" text-anchor="{anchor}" '
            f'fill="{fill}" font-weight="{weight}">{body}</text>')


def block(x: float, y_mid: float, lines: Sequence[tuple[str, float, str, str]]) -> str:
    """Lines (text, size, fill, weight) stacked and centred vertically on ``y_mid``."""
    heights = [size * 1.25 for _, size, _, _ in lines]
    y = y_mid - sum(heights) / 2
    parts = []
    for (line, size, fill, weight), h in zip(lines, heights, strict=True):
        parts.append(text(x, y + h / 2 + size * 0.35, line, size, "start", fill, weight))
        y += h
    return "".join(parts)


def name_block(x: float, y_mid: float, name: str, width: float, extra: str = "") -> str:
    """A bold name wrapped to ``width`` and an optional small grey line under it; the full name
    shows on hover."""
    lines = [(line, SIZE, INK, "bold") for line in wrap(name, width, SIZE, 2 if extra else 3)]
    if extra:
        lines.append((extra, SMALL, MUTED, "normal"))
    return f"<g><title>{e(name)}</title>{block(x, y_mid, lines)}</g>"


def svg(width: float, height: float, body: str, label: str, *, fluid: bool = False) -> str:
    """A whole chart: ``fluid`` ones fill the page's width (at most ``width`` px), the others are
    drawn at their size."""
    size = (f'width="100%" style="max-width:{width:g}px;display:block"' if fluid
            else f'width="{width:g}" height="{height:g}"')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" {size} '
            f'role="img" aria-label="{e(label)}" font-family="{e(FONT_STACK)}">{body}</svg>')


# --------------------------------------------------------------------------- statistics drawn


def quantile(sorted_xs: Sequence[float], q: float) -> float:
    """The ``q`` quantile of sorted values, interpolated linearly between neighbours."""
    pos = (len(sorted_xs) - 1) * q
    lo = math.floor(pos)
    hi = min(lo + 1, len(sorted_xs) - 1)
    return sorted_xs[lo] + (sorted_xs[hi] - sorted_xs[lo]) * (pos - lo)


def jitter(i: int) -> float:
    """A fixed spread in -0.5..0.5 for the i-th dot of a lane (golden-ratio sequence: every dot
    of a long lane gets a place of its own)."""
    return (i * 0.6180339887498949) % 1.0 - 0.5
