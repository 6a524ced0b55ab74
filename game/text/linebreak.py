"""Line breaking for mixed Chinese and Latin text, after the rules of Unicode UAX #14 that matter.

* a line never starts with closing punctuation (``，。、：；！？）」`` ...) nor ends with opening
  punctuation (``（「`` ...): they stay with their neighbour;
* Chinese may break between any two characters; no hyphen is ever inserted;
* a run of Latin letters and digits (a word, ``1,200``, ``15%``) is kept whole, and breaks happen at
  spaces (which are dropped at the end of a line) or between Latin and Chinese;
* a no-break space glues its neighbours (``1.28 ± 0.06``, ``294 台``): no break on either side;
* ``\\n`` forces a break.

The one line breaker of the game: the window wraps with it measuring by its pygame fonts, the
HTML reports' SVG charts measuring by an estimate of the glyphs' advance. Pure Python: the caller
passes a ``measure`` function (text -> width, in pixels or any other unit).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

Measure = Callable[[str], float]

# Characters that may not start a line (closing brackets, stops, commas, small kana, ...).
NO_START = frozenset(
    "，。、：；！？）」』】》〉〕］｝”’％‰℃,.:;!?)]}…—～·・ー々〻ゝゞぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
    "﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞｡､"
)
# Characters that may not end a line (opening brackets, currency prefixes).
NO_END = frozenset("（「『【《〈〔［｛“‘([{$¥￥£€#")
SPACES = frozenset(" \t\u3000")
GLUE = "\u00a0"  # no-break space (UAX #14 class GL)


def is_wide(ch: str) -> bool:
    """Chinese, Japanese and Korean characters and full-width forms: break around them freely."""
    cp = ord(ch)
    return (
        0x2E80 <= cp <= 0x9FFF
        or 0xAC00 <= cp <= 0xD7AF
        or 0xF900 <= cp <= 0xFAFF
        or 0xFE30 <= cp <= 0xFE4F
        or 0xFF00 <= cp <= 0xFFEF
        or 0x20000 <= cp <= 0x3FFFF
    )


def columns(text: str) -> int:
    """How many terminal columns ``text`` takes, a wide character taking two."""
    return sum(2 if is_wide(c) else 1 for c in text)


def align(text: str, width: int, left: bool = False) -> str:
    """``text`` right-aligned (``left``: left-aligned) in ``width`` terminal columns, a wide
    character taking two: a table's headings in Chinese line up with its figures."""
    fill = " " * max(0, width - columns(text))
    return text + fill if left else fill + text


def tidy(text: str) -> str:
    """Drop a single space between two Chinese characters (what folded YAML lines leave)."""
    out = []
    for i, ch in enumerate(text):
        if ch == " " and 0 < i < len(text) - 1 and is_wide(text[i - 1]) and is_wide(text[i + 1]):
            continue
        out.append(ch)
    return "".join(out)


def can_break_before(text: str, i: int) -> bool:
    """Whether a line may end between ``text[i-1]`` and ``text[i]`` (``0 < i < len(text)``)."""
    prev, cur = text[i - 1], text[i]
    if prev == "\n":
        return True
    if cur in SPACES or cur == "\n":
        return False  # spaces and newlines stay with what precedes them
    if prev == GLUE or (cur == GLUE and prev not in SPACES):
        return False
    if cur in NO_START or prev in NO_END:
        return False
    if prev in SPACES:
        return True
    if is_wide(prev) or is_wide(cur):
        return True
    # Latin after a hyphen inside a compound ("long-term") may break; nothing else inside a word.
    return prev == "-" and i >= 2 and text[i - 2].isalpha() and cur.isalpha()


def segments(text: str) -> list[str]:
    """``text`` cut at every break opportunity (each piece keeps its trailing spaces)."""
    out: list[str] = []
    start = 0
    for i in range(1, len(text)):
        if can_break_before(text, i):
            out.append(text[start:i])
            start = i
    if text:
        out.append(text[start:])
    return out


def _split_long(piece: str, width: float, measure: Measure) -> list[str]:
    """A piece wider than a line (a very long word): cut it by characters, never before NO_START
    nor on either side of a no-break space."""
    parts: list[str] = []
    cur = ""
    for ch in piece:
        if cur and measure(cur + ch) > width and ch not in NO_START and GLUE not in (ch, cur[-1]):
            parts.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        parts.append(cur)
    return parts


# Widths are summed piece by piece and measured exactly only near the limit. A piece measured on
# its own and inside a line differ by the rounding of its advance (under a pixel), so a line whose
# summed width stays ``SLACK`` pixels plus a pixel per piece below the limit surely fits.
SLACK = 4


def wrap(text: str, width: float, measure: Measure, widows: bool = False) -> list[str]:
    """Greedy wrap of ``text`` into lines at most ``width`` wide (as ``measure`` says).

    Each piece is measured once and the line's width is kept as a running sum; the exact width
    of the line is asked only when the sum comes near ``width``, so a long text costs about one
    measurement per piece instead of one per growing prefix. The lines are the same.
    """
    if "\n" not in text and measure(text.rstrip()) <= width:
        return [text.rstrip()]  # fits whole (the common case): no need to look for breaks
    lines: list[str] = []
    strip = "".join(SPACES)
    for paragraph in text.split("\n"):
        first = len(lines)
        line = ""
        line_w = count = 0  # the summed width of the line's pieces, and how many there are
        for piece in segments(paragraph):
            piece_w = measure(piece)
            if line.strip() and line_w + piece_w > width - SLACK - count \
                    and measure((line + piece).rstrip()) > width:
                lines.append(line.rstrip())
                line = piece.lstrip(strip)
                line_w, count = measure(line), 1
            else:
                line += piece
                line_w += piece_w
                count += 1
            if line_w > width - SLACK - count:
                stripped = line.rstrip()
                if measure(stripped) > width:  # one piece wider than the line
                    chunks = _split_long(stripped, width, measure)
                    lines.extend(chunks[:-1])
                    line = chunks[-1] + line[len(stripped):]
                    line_w, count = measure(line), 1
        lines.append(line.rstrip())
        if widows:
            _no_widow(lines, first, width, measure)
    return lines


def _no_widow(lines: list[str], first: int, width: float, measure: Measure) -> None:
    """A paragraph (``lines[first:]``) whose last line would hold one lone Chinese character and
    its punctuation ("务。") takes the previous line's last character with it ("服务。"), when that
    line keeps at least two and the two still fit: the same number of lines, no orphan."""
    last = lines[-1]
    if len(lines) - first < 2 or len(segments(last)) != 1 or not is_wide(last[0]) or len(last) > 2:
        return
    pieces = segments(lines[-2])
    if len(pieces) < 3 or not is_wide(pieces[-1][-1]):
        return
    joined = pieces[-1] + last
    if measure(joined) <= width:
        lines[-2:] = ["".join(pieces[:-1]).rstrip(), joined]


ELLIPSIS = "…"


def _shorten(text: str, width: float, measure: Measure) -> str:
    """``text`` cut (by characters) so that it and an ellipsis fit ``width``; ends in '…'."""
    while text and measure(text + ELLIPSIS) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def fit(text: str, width: float, measure: Measure) -> str:
    """``text`` on one line of ``width``: as it is when it fits, else shortened with '…'."""
    return text if measure(text) <= width else _shorten(text, width, measure)


def clip(lines: Sequence[str], max_lines: int, width: float, measure: Measure) -> list[str]:
    """At most ``max_lines`` of wrapped ``lines``; when some are left out the last line kept
    ends in '…' (shortened to make room for it)."""
    if len(lines) <= max_lines:
        return list(lines)
    return [*lines[: max_lines - 1], _shorten(lines[max_lines - 1], width, measure)]
