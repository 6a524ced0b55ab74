"""Risk alerts with their response choices (CW-50), shared by every screen where one may come."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.engine.actions import RespondToRisk
from game.engine.view_models import RiskView, TraineeView
from game.ui import fmt
from game.ui.widgets import Kit


def open_risks(view: TraineeView) -> list[RiskView]:
    """Visible risks still waiting for an answer."""
    return [
        r for r in view.risks
        if r.response is None and (r.status == "warning" or (r.end_week or 0) > view.week)
    ]


def live_risks(view: TraineeView) -> list[RiskView]:
    """Risks warned of or still striking: one whose weeks have all run is over and no alert."""
    return [r for r in view.risks if r.status == "warning" or (r.end_week or 0) > view.week]


def labelled_cost(kit: Kit, label: str, width: int, effort: float, cost: float) -> str:
    """``label`` with its cost, shortened so it fits ``width``: the label gives way, never the cost."""
    full = fmt.with_cost(label, kit.t, effort, cost)
    measure = kit.measure(None)
    if measure(full) <= width:
        return full
    room = width - measure(fmt.with_cost("", kit.t, effort, cost))
    return fmt.with_cost(kit.fit(label, max(0, int(room))), kit.t, effort, cost)


def risk_cards(kit: Kit, view: TraineeView, x: int, y: int, w: int,
               submit: Callable[[RespondToRisk], Any], limit: int = 3, card_h: int = 134) -> int:
    """One card per live risk (warned of, or struck and not yet over) with its responses; returns
    the y below the cards."""
    risks = sorted(live_risks(view), key=lambda r: (r.response is not None, r.id))
    for risk in risks[:limit]:
        spec = view.brief.risk(risk.risk)
        kit.panel(x, y, w, card_h - 8, object_id=f"#risk_card_{risk.id}")
        if risk.status == "warning":
            state = kit.t("risk.warning_in", when=fmt.weeks_ahead(risk.expected_in_weeks, kit.t))
            cls = "@warn"
        else:
            # a risk strikes as its week begins (weeks run = strike_week) and acts until end_week
            state = kit.t("risk.struck_at", week=(risk.strike_week or 0) + 1, end=risk.end_week or 0)
            cls = "@bad"
        kit.label(x + 10, y + 4, w - 20, kit.pick(spec.name), cls)
        kit.label(x + 10, y + 28, w - 20, state, "@small", h=20, object_id=f"#risk_state_{risk.id}")
        detail = kit.pick(spec.warning) if spec.warning else kit.t("risk.kind." + spec.kind)
        kit.label(x + 10, y + 48, w - 20, detail, "@small", h=20)
        if risk.response is not None:
            chosen = next((r for r in spec.responses if r.id == risk.response), None)
            kit.label(x + 10, y + 76, w - 20,
                      kit.t("risk.responded", response=kit.pick(chosen.label) if chosen else risk.response),
                      "@good")
        else:
            n = len(spec.responses)
            bw = (w - 20 - 8 * (n - 1)) // max(1, n)
            for i, resp in enumerate(spec.responses):
                tip = kit.pick(resp.label) + "\n" + kit.t("tip.risk_response", effort=fmt.days(resp.effort), cost=fmt.money(resp.cost),
                            mitigation=fmt.pct(resp.mitigation, 0))
                kit.button(x + 10 + i * (bw + 8), y + 76, bw,
                           labelled_cost(kit, kit.pick(resp.label), bw - 16, resp.effort, resp.cost),
                           f"#risk_{risk.id}_{resp.id}",
                           lambda rid=risk.id, resp_id=resp.id: submit(RespondToRisk(strike=rid, response=resp_id)),
                           tip=tip, h=38)
        y += card_h
    if len(risks) > limit:
        kit.label(x, y, w, kit.t("risk.more", n=len(risks) - limit), "@small")
        y += 26
    return y
