"""Quantities written into a text (400, 1,200, 六百, 一千二百) and restating them as another number.

A variant that changes a key account's volume restates the volume wherever the account's texts
give it, so the needs never say 六百台 while the deal is for 632.
"""

from __future__ import annotations

import re

_DIGITS = "零一二三四五六七八九"
_SMALL_UNITS = ["", "十", "百", "千"]


def chinese_number(n: int) -> str:
    """``n`` (0 <= n < 10^8) in Chinese numerals, e.g. 1200 -> 一千二百, 632 -> 六百三十二."""
    if not 0 <= n < 10**8:
        raise ValueError(f"{n} is outside 0..99,999,999")
    if n == 0:
        return _DIGITS[0]
    high, low = divmod(n, 10_000)
    if not high:
        return _below_10000(low)
    text = _below_10000(high) + "万"
    if low:
        text += ("零" if low < 1000 else "") + _below_10000(low)
    return text


def _below_10000(n: int) -> str:
    out = ""
    zero = False
    for power in (3, 2, 1, 0):
        digit = n // 10**power % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += _DIGITS[digit] + _SMALL_UNITS[power]
    if out.startswith("一十"):
        out = out[1:]
    return out


def restate(text: str, old: int, new: int) -> str:
    """``text`` with every standalone mention of ``old`` (digits, with or without thousands
    commas, or Chinese numerals) replaced by ``new`` in the same style."""
    if old == new or not 0 < old < 10**8 or not 0 < new < 10**8:
        return text
    for written, replacement in ((f"{old:,}", f"{new:,}"), (str(old), str(new))):
        text = re.sub(rf"(?<![\d.,]){re.escape(written)}(?![\d]|[.,]\d)", replacement, text)
    chinese_old, chinese_new = chinese_number(old), chinese_number(new)
    forms = [chinese_old]
    if chinese_old.startswith("二") and len(chinese_old) > 1:
        forms.append("两" + chinese_old[1:])
    for form in forms:
        text = re.sub(rf"(?<![{_DIGITS}两十百千万]){form}(?![{_DIGITS}两十百千万])", chinese_new, text)
    return text


_CHINESE_DIGIT = {d: i for i, d in enumerate(_DIGITS)} | {"两": 2}
_CHINESE_UNIT = {"十": 10, "百": 100, "千": 1000}


def parse_chinese_number(text: str) -> int | None:
    """A number written in Chinese numerals (六百, 一千二百, 两万, 十二), or None if it is not one."""
    if not text or any(c not in _CHINESE_DIGIT and c not in _CHINESE_UNIT and c != "万" for c in text):
        return None
    total = section = 0
    digit: int | None = None
    for c in text:
        if c in _CHINESE_DIGIT:
            digit = _CHINESE_DIGIT[c]
        elif c in _CHINESE_UNIT:
            section += (1 if digit is None else digit) * _CHINESE_UNIT[c]
            digit = None
        else:  # 万
            total += (section + (digit or 0)) * 10_000
            section, digit = 0, None
    return total + section + (digit or 0)
