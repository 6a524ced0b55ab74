"""Scenario names in the chosen language: segments, accounts, competitors, issues, options, read
from the scenario's public brief (``TraineeView.brief``)."""

from __future__ import annotations

import re

from game.engine.view_models import ScenarioBrief
from game.text.lists import name_list
from game.ui import fmt
from game.ui.i18n import Strings


class Names:
    def __init__(self, brief: ScenarioBrief, strings: Strings) -> None:
        self.brief = brief
        self.s = strings
        self.lang = strings.lang

    def join(self, items: object) -> str:
        """A list of phrases: ``a, b`` / ``a，b``."""
        return ("，" if self.lang == "zh" else ", ").join(items)  # type: ignore[arg-type]

    def sentences(self, *texts: str) -> str:
        """Sentences one after another: a space between them in English, none in Chinese."""
        return ("" if self.lang == "zh" else " ").join(t for t in texts if t)

    def join_names(self, items: object) -> str:
        """A list of names: ``a, b`` / ``a、b``."""
        return name_list(items, self.lang)  # type: ignore[arg-type]

    def segment(self, sid: str) -> str:
        for seg in self.brief.market.segments:
            if seg.id == sid:
                return seg.name.pick(self.lang)
        return sid

    def measure(self, account: str | None = None, product: str | None = None) -> str:
        """The Chinese measure word units are counted in: of ``product``, else of ``account``'s
        product, else of the company's first product."""
        if product is None and account is not None:
            product = next((ka.product for ka in self.brief.key_accounts if ka.id == account), None)
        products = self.brief.company.products
        return next((p.measure for p in products if p.id == product), products[0].measure)

    def account(self, aid: str | None) -> str:
        for ka in self.brief.key_accounts:
            if ka.id == aid:
                return ka.name.pick(self.lang)
        return aid or ""

    def competitor(self, cid: str | None) -> str:
        for c in self.brief.competitors:
            if c.id == cid:
                return c.name.pick(self.lang)
        return cid or ""

    def product(self, pid: str) -> str:
        for prod in self.brief.company.products:
            if prod.id == pid:
                return prod.name.pick(self.lang)
        return pid

    def channel(self, cid: str) -> str:
        for c in self.brief.company.channels:
            if c.id == cid:
                return c.name.pick(self.lang)
        return cid

    def risk(self, rid: str) -> str:
        for r in self.brief.risks:
            if r.id == rid:
                return r.name.pick(self.lang)
        return rid

    def response(self, rid: str, resp: str | None) -> str:
        for r in self.brief.risks:
            if r.id == rid:
                for opt in r.responses:
                    if opt.id == resp:
                        return opt.label.pick(self.lang)
        return resp or ""

    def issue(self, iid: str) -> str:
        for issue in self.brief.issues:
            if issue.id == iid:
                return issue.name.pick(self.lang)
        return iid

    def issue_spoken(self, iid: str) -> str:
        """An issue as a customer says it mid-sentence: without its unit ("Lead time (weeks)" ->
        "lead time", "交货周期（周）" -> "交货周期")."""
        name = re.sub(r"\s*[（(][^（()）]*[）)]$", "", self.issue(iid)) or self.issue(iid)
        if self.lang == "en" and len(name) > 1 and name[1].islower():
            name = name[0].lower() + name[1:]
        return name

    def option(self, issue: str, value: float | str) -> str:
        """An option as the rep reads it: ``10%``, ``4``, or a translated service level."""
        if isinstance(value, str):  # catalog keys spell "one-day" as "one_day"
            return self.s.get("option." + value.replace("-", "_"), value)
        return fmt.option(issue, value)

    def offer_short(self, offer: dict[str, float | str] | None) -> str:
        """An offer in a few words: ``10% off · 75% of volume · 4-week delivery · ...``."""
        if not offer:
            return fmt.DASH
        sep = "，" if self.lang == "zh" else " · "
        parts = []
        for k, v in offer.items():
            shown = self.option(k, v)
            key = "short." + k
            parts.append(self.s.t(key, v=shown) if key in self.s.table else f"{self.issue(k)} {shown}")
        return sep.join(parts)

    def offer(self, offer: dict[str, float | str] | None) -> str:
        if not offer:
            return fmt.DASH
        return " · ".join(f"{self.issue(k)} {self.option(k, v)}" for k, v in offer.items())
