"""How a list of names reads in each language."""

from __future__ import annotations

from game.text.lists import name_list


def test_a_list_of_names_takes_the_enumeration_comma_in_chinese_and_a_comma_in_english() -> None:
    assert name_list(["华东", "华南", "西南"], "zh") == "华东、华南、西南"
    assert name_list(iter(["East", "South"]), "en") == "East, South"
    assert name_list([], "zh") == ""
