"""The tips of the service buttons (answer a complaint, inform a customer of a delivery problem),
with this scenario's own rules in them; the fulfilment and accounts screens both show them."""

from __future__ import annotations

from collections.abc import Callable

from game.engine.view_models import TraineeView
from game.ui import fmt


def resolve_tip(t: Callable[..., str], view: TraineeView) -> str:
    """How fast the satisfaction an answer wins back fades while a complaint waits."""
    return t("tip.resolve", half_life=fmt.days(view.brief.economics.accounts.recovery_half_life_weeks))


def inform_tip(t: Callable[..., str], view: TraineeView) -> str:
    """How many weeks an unanswered delivery problem takes to turn into a late delivery."""
    return t("tip.inform", weeks=view.brief.economics.accounts.late_after_weeks)
