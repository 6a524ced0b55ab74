"""Line breaking by Unicode rules: Chinese punctuation never starts a line, Latin words stay whole;
lines cut short end in an ellipsis."""

from __future__ import annotations

import pytest

from game.text.linebreak import ELLIPSIS, NO_END, NO_START, clip, fit, segments, tidy, wrap


def width(text: str) -> int:
    """A monospace stand-in: CJK characters are two units wide, everything else one."""
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text) * 10


CHINESE = "你接手华东区域的商用笔记本和服务器业务。一万家中小企业在我们和三家竞争对手之间采购，五家大客户会在这一年里陆续谈判：报价前先了解客户需求！（签订能够回款的合同）、「留住」客户？"
MIXED = "为1200名网点员工更换ThinkPad笔记本，须在Q3审计季前交付，并提供premium上门服务；折扣15%以内。"


@pytest.mark.parametrize("text", [CHINESE, MIXED])
@pytest.mark.parametrize("w", range(40, 400, 10))
def test_no_line_starts_with_closing_punctuation_nor_ends_with_opening(text, w):
    lines = wrap(text, w, width)
    assert "".join(lines) == text  # nothing lost, nothing inserted (no hyphens)
    for line in lines:
        assert line, "no empty lines"
        assert line[0] not in NO_START, (w, lines)
        assert line[-1] not in NO_END, (w, lines)
        assert width(line) <= w or len(line) == 1 or line[1] in NO_START


def test_latin_words_and_numbers_are_kept_whole():
    lines = wrap(MIXED, 120, width)
    joined = "|".join(lines)
    for word in ("1200", "ThinkPad", "Q3", "premium", "15%"):
        assert any(word in line for line in lines), joined
    assert "-" not in joined


def test_english_breaks_at_spaces_and_drops_them_at_line_ends():
    text = "Learn what customers need before you quote, plan from data."
    lines = wrap(text, 200, width)
    assert lines == ["Learn what customers", "need before you", "quote, plan from", "data."]
    assert all(not line.endswith(" ") and not line.startswith(" ") for line in lines)


def test_break_opportunities_follow_the_rules():
    assert segments("你好，世界。") == ["你", "好，", "世", "界。"]
    assert segments("（高级）服务") == ["（高", "级）", "服", "务"]
    assert segments("long-term 合作") == ["long-", "term ", "合", "作"]
    assert segments("¥800元") == ["¥800", "元"]


def test_newlines_force_breaks_and_a_word_too_long_is_cut_not_hyphenated():
    assert wrap("甲\n\n乙", 100, width) == ["甲", "", "乙"]
    assert wrap("abcdefghij", 40, width) == ["abcd", "efgh", "ij"]


def test_tidy_drops_the_space_folded_yaml_leaves_between_chinese_characters():
    assert tidy("采购， 五家大客户") == "采购，五家大客户"
    assert tidy("Lenovo 的 ThinkPad") == "Lenovo 的 ThinkPad"
    assert tidy("a b") == "a b"


def prefix_wrap(text: str, w: int, measure) -> list[str]:
    """The plain greedy wrap: the whole candidate line measured at every piece."""
    from game.text.linebreak import SPACES, _split_long

    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for piece in segments(paragraph):
            if line.strip() and measure((line + piece).rstrip()) > w:
                lines.append(line.rstrip())
                line = piece.lstrip("".join(SPACES))
            else:
                line += piece
            stripped = line.rstrip()
            if measure(stripped) > w:
                chunks = _split_long(stripped, w, measure)
                lines.extend(chunks[:-1])
                line = chunks[-1] + line[len(stripped):]
        lines.append(line.rstrip())
    return lines


@pytest.mark.parametrize("bold", [False, True])
def test_summed_widths_break_lines_exactly_where_measuring_every_prefix_does(bold):
    """``wrap`` measures a line only near the limit; with the window's own font it must give
    the same lines as measuring every candidate line in full."""
    import pygame

    from game.ui import fonts
    from game.ui.i18n import Strings

    pygame.font.init()
    fonts.reset()  # fonts opened before another test's pygame.quit() are no longer valid
    measure = fonts.measurer(None, 14, bold)
    texts = [t for lang in ("en", "zh") for t in Strings(lang).table.values() if len(t) > 30]
    texts += [CHINESE, MIXED]
    for text in texts:
        for w in (90, 173, 260, 391, 520):
            assert wrap(text, w, measure) == prefix_wrap(text, w, measure), (w, text)


def test_a_no_break_space_glues_a_number_to_its_measure_word():
    text = "按本轮目标10,675,000备货：商用笔记本9,209\u00a0台，机架服务器294\u00a0台。"
    for w in range(60, 700, 10):
        lines = wrap(text, w, width)
        assert "".join(lines) == text
        for line in lines:
            assert not line.startswith(("台", "\u00a0")), (w, lines)
            assert not line.endswith("\u00a0"), (w, lines)


def test_fit_keeps_a_text_that_fits_and_shortens_one_that_does_not():
    assert fit("报价前先了解", 120, width) == "报价前先了解"
    short = fit("Learn what customers need", 120, width)
    assert short.endswith(ELLIPSIS) and width(short) <= 120
    assert short == "Learn what…"  # the space before the ellipsis is dropped
    assert fit("甲乙丙", 5, width) == ELLIPSIS  # not even one character fits


def test_clip_keeps_at_most_n_lines_and_marks_the_cut():
    lines = wrap(CHINESE, 200, width)
    assert len(lines) > 3
    kept = clip(lines, 3, 200, width)
    assert kept[:2] == lines[:2] and len(kept) == 3
    assert kept[2].endswith(ELLIPSIS) and width(kept[2]) <= 200
    assert kept[2][:-1] == lines[2][: len(kept[2]) - 1]
    assert clip(lines[:2], 3, 200, width) == lines[:2]  # nothing cut: no ellipsis


@pytest.mark.parametrize("text", [CHINESE, MIXED, "为3000名网点员工更换笔记本，须在审计季前交付，并提供高级上门服务。"])
@pytest.mark.parametrize("w", range(60, 400, 7))
def test_prose_never_ends_a_paragraph_on_one_lone_chinese_character(text, w):
    plain, prose = wrap(text, w, width), wrap(text, w, width, widows=True)
    assert "".join(prose) == text and len(prose) == len(plain)  # same text, same number of lines
    assert all(width(line) <= w or len(line) <= 2 for line in prose)
    last = prose[-1]
    lone = len(last) <= 2 and len(segments(last)) == 1 and len(prose) > 1
    if lone:  # only when the line before could give nothing up
        assert len(segments(prose[-2])) < 3 or width(segments(prose[-2])[-1] + last) > w


def test_an_orphan_takes_the_character_before_it():
    text = "须在审计季前交付，并提供高级上门服务。"
    w = width("须在审计季前交付，并提供高级上门服")
    assert wrap(text, w, width)[-1] == "务。"  # the plain greedy break leaves it alone
    assert wrap(text, w, width, widows=True) == ["须在审计季前交付，并提供高级上门", "服务。"]
