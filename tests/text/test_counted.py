"""Templates that count say "1 deal" and "3 deals", "1 was" and "2 were"."""

from __future__ import annotations

import re

from game.assessment.rubric import load_rubric
from game.text.counted import counted


def test_the_word_follows_the_number() -> None:
    template = "{deals:deal|deals} from {talks:negotiation|negotiations}; {signed:was|were} signed"
    assert counted(template, deals=1, talks=5, signed=1) == "1 deal from 5 negotiations; 1 was signed"
    assert counted(template, deals=0, talks=1, signed=2) == "0 deals from 1 negotiation; 2 were signed"


def test_plain_fields_and_format_specs_work_as_in_str_format() -> None:
    assert counted("{a} and {b:.1f}%", a="x", b=12.345) == "x and 12.3%"
    assert counted("无需复数：{n}场", n=1) == "无需复数：1场"


def test_no_english_explanation_of_the_standard_rubric_says_1_with_a_plural() -> None:
    """Every count in the rubric's English names its word for that many: filled with ones, no
    explanation reads "1 rounds" or "1 were"."""
    rubric, _ = load_rubric()
    plural_after_one = re.compile(r"\b1 (?:were|(?!was\b)\w+s)\b")
    for spec in rubric.indicators:
        fields = {name for name in re.findall(r"\{(\w+)", spec.explain.en)}
        text = counted(spec.explain.en, **dict.fromkeys(fields, 1))
        assert not plural_after_one.search(text), (spec.id, text)


def test_a_part_about_nothing_is_left_out() -> None:
    template = "{judged:?Focus in {judged:round|rounds}: {share}%. }{level:?{level} level.}"
    assert counted(template, judged=0, share=0.0, level=2) == "2 level."
    assert counted(template, judged=1, share=61.5, level=0) == "Focus in 1 round: 61.5%."
    assert counted(template, judged=3, share=70.0, level=1) == "Focus in 3 rounds: 70.0%. 1 level."
