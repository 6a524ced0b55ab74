"""Screen key (``start``, a phase, ``debrief``) -> the class that draws it."""

from __future__ import annotations

from game.ui.screens.analysis import AnalysisScreen
from game.ui.screens.base import Screen
from game.ui.screens.briefing import BriefingScreen
from game.ui.screens.contract import ContractScreen
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.fulfilment import FulfilmentScreen
from game.ui.screens.maintenance import MaintenanceScreen
from game.ui.screens.negotiation import NegotiationScreen
from game.ui.screens.planning import PlanningScreen
from game.ui.screens.review import ReviewScreen
from game.ui.screens.risk import RiskScreen
from game.ui.screens.start import StartScreen

SCREENS: dict[str, type[Screen]] = {
    cls.key: cls
    for cls in (
        StartScreen, BriefingScreen, AnalysisScreen, PlanningScreen, NegotiationScreen,
        ContractScreen, FulfilmentScreen, MaintenanceScreen, RiskScreen, ReviewScreen,
        DebriefScreen,
    )
}


def screen_class(key: str) -> type[Screen]:
    return SCREENS[key]
