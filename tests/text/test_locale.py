from game.text.locale import default_lang


def test_chinese_locale_gives_zh_and_the_first_set_variable_wins() -> None:
    assert default_lang({"LANG": "zh_CN.UTF-8"}) == "zh"
    assert default_lang({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert default_lang({"LC_ALL": "", "LANG": "zh_TW.UTF-8"}) == "zh"


def test_no_locale_or_another_language_gives_en() -> None:
    assert default_lang({}) == "en"
    assert default_lang({"LANG": "C.UTF-8"}) == "en"
    assert default_lang({"LANG": "de_DE.UTF-8"}) == "en"
