"""The negotiation room names its rules, driven by real clicks: the discount list holds only what
the rep may give, Accept is off (and says why) when the customer's offer is beyond authority, and
a refusal names the rule and its figures in the interface language."""

from __future__ import annotations

from game.engine.phases import Phase
from game.ui import story
from game.ui.i18n import Strings
from game.ui.script import Driver
from tests.ui.test_phase_end_warnings import _to
from tests.ui.test_window import start_game


def _in_talks(make_app, lang: str) -> tuple[Driver, str]:
    d = Driver(make_app(lang=lang))
    start_game(d, "T-081", lang=lang)
    _to(d.app, Phase.NEGOTIATION)
    d.pump(2)
    account = d.app.view.opportunities[0]
    d.click(f"#pursue_{account}")
    d.pump(3)
    return d, account


def test_the_discount_list_offers_only_what_the_rep_may_give(make_app):
    d, account = _in_talks(make_app, "en")
    nv = d.app.view.negotiations()[account]
    menu = d.find("#issue_price")
    shown = [label for label, _ in menu.options_list]
    allowed = [f"{v:.0%}" for v in nv.issues["price"] if float(v) <= nv.authority + 1e-9]
    assert shown == allowed and len(allowed) < len(nv.issues["price"])


def test_accept_is_off_and_says_why_when_the_customers_offer_is_beyond_authority(make_app):
    d, account = _in_talks(make_app, "zh")
    assert not d.find("#accept_offer").is_enabled  # no offer from the customer yet
    d.click("#send_offer")
    d.pump(3)
    nv = d.app.view.negotiations()[account]
    theirs = nv.customer_last_offer
    assert theirs is not None and float(theirs["price"]) > nv.authority
    button = d.find("#accept_offer")
    assert not button.is_enabled
    assert "超出你的权限" in button.tool_tip_text and f"{float(theirs['price']):.0%}" in \
        button.tool_tip_text


def test_a_refusal_names_the_rule_and_its_figures_in_both_languages() -> None:
    params = {"discount": 0.2, "authority": 0.15}
    en = story.rejection("above_authority", "ignored", Strings("en"), params)
    zh = story.rejection("above_authority", "ignored", Strings("zh"), params)
    assert "20% discount is above your authority of 15%" in en.replace(" %", "%")
    assert "20%" in zh.replace(" ", "") and "15%" in zh.replace(" ", "") and "权限" in zh
    # a refusal the catalog does not know still says something in the interface language
    assert story.reason("some_new_rule", "why in English", Strings("zh")) == \
        Strings("zh").t("reject.other")


def test_resting_the_mouse_on_ask_manager_shows_its_rule_in_the_window(make_app):
    """The ``hover`` script step rests the mouse as a person would; the tip that then shows says
    to use one's own room before asking (what the rubric's authority indicator looks for)."""
    import pygame_gui

    d, _ = _in_talks(make_app, "zh")
    d.hover("#request_authority")
    tips = [e for e in d.elements() if isinstance(e, pygame_gui.elements.UITooltip)]
    assert len(tips) == 1
    shown = tips[0].text_block.html_text.replace("<br>", "")  # the window's CJK line breaks
    assert shown == Strings("zh").t("tip.ask_manager") and "先用足自己的空间" in shown


def test_the_trust_tip_names_the_scenarios_walk_away_line(make_app, monkeypatch, small_scenario):
    """Where the customer walks out is the scenario's rule, not a default the tip assumes."""
    import game.ui.window as window_module

    scenario, digest = small_scenario
    rules = scenario.negotiation.trust.model_copy(update={"walk_away_below": 0.22})
    negotiation = scenario.negotiation.model_copy(update={"trust": rules})
    changed = scenario.model_copy(update={"negotiation": negotiation})
    monkeypatch.setattr(window_module, "load_scenario", lambda path: (changed, digest))
    for lang, said in (("en", "below 0.22 it walks out"), ("zh", "低于0.22会离席")):
        d, _ = _in_talks(make_app, lang)
        assert said in d.find("#trust_value").tool_tip_text
