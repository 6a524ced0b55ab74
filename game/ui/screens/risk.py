"""Risk (CW-50): market, customer and personnel risks, early warnings, and the responses."""

from __future__ import annotations

from typing import ClassVar

from game.engine.phases import Phase
from game.engine.view_models import TraineeView
from game.ui.screens.alerts import live_risks, open_risks, risk_cards
from game.ui.screens.base import MARGIN, Screen


class RiskScreen(Screen):
    key: ClassVar[str] = "risk"
    phase: ClassVar[Phase | None] = Phase.RISK

    def build(self, view: TraineeView | None) -> None:
        if view is None:  # a phase screen is built only with a game on show
            return
        kit, t = self.kit, self.t
        y = self.header(t("risk.title"))
        left_w = 820
        waiting = open_risks(view)
        if waiting:
            intro = t("risk.waiting_one" if len(waiting) == 1 else "risk.waiting", n=len(waiting))
        else:
            intro = t("risk.none_waiting")
        kit.label(MARGIN, y, left_w, intro, "@warn" if waiting else "@good", object_id="#risk_intro")
        if live_risks(view):
            risk_cards(kit, view, MARGIN, y + 34, left_w, self.submit, limit=4)
        else:
            kit.label(MARGIN, y + 34, left_w, t("risk.all_over" if view.risks else "risk.none"), "@muted",
                      object_id="#risk_none")
        x = MARGIN + left_w + 24
        kit.label(x, y, self.width - x - MARGIN, t("risk.kinds"), "@heading")
        kit.paragraph(x, y + 30, self.width - x - MARGIN, -1, t("risk.guide"), "@muted")
