"""Contract review (CW-31, CW-50): every clause, the credit check, amendments, sign or decline."""

from __future__ import annotations

from typing import Any, ClassVar

from game.engine.actions import AmendContract, CreditCheck, DeclineContract, SignContract
from game.engine.phases import Phase
from game.engine.view_models import AccountView, TraineeView
from game.ui import fmt
from game.ui.screens.base import MARGIN, Screen
from game.ui.screens.names import Names

CLAUSE_VALUES = {
    "advance_payment": (0.1, 0.2, 0.3, 0.4, 0.5),
    "late_penalty": (0.01, 0.02, 0.03, 0.05, 0.1),
}



MAX_CARDS = 3
ACTIONS_HEIGHT = 42 + 46 + 38 + 4  # credit check; clause, value and amend; sign and decline
AMENDMENT_LINE = 22
class ContractScreen(Screen):
    key: ClassVar[str] = "contract"
    phase: ClassVar[Phase | None] = Phase.CONTRACT

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.names = Names(self.brief, app.strings)
        self.clause: dict[str, str] = {}
        self.value: dict[str, str] = {}

    def _credit_event(self, account: str) -> dict[str, Any] | None:
        for event in reversed(self.events):
            if event.kind == "credit_checked" and event.payload.get("account") == account:
                return event.payload
        return None

    def _amendments(self, account: str) -> list[str]:
        out = []
        for event in self.events:
            if event.kind in ("amendment_accepted", "amendment_refused") and event.payload.get("account") == account:
                out.append(self.t("contract." + event.kind, clause=self.t("clause." + event.payload["clause"]),
                                  value=fmt.pct(event.payload["value"], 0)))
        return out

    # ------------------------------------------------------------------ actions

    def credit_check(self, account: str) -> None:
        self.submit(CreditCheck(account=account))

    def amend(self, account: str) -> None:
        clause = self.clause.get(account, "advance_payment")
        value = float(self.value.get(account, str(CLAUSE_VALUES[clause][2])))
        self.submit(AmendContract(account=account, clause=clause, value=value))  # type: ignore[arg-type]

    def sign(self, account: str) -> None:
        t = self.t
        self.app.confirm(t("contract.sign_title"),
                         t("contract.sign_confirm", account=self.names.account(account)) + " "
                         + self.app.irreversible_note(),
                         lambda: self.submit(SignContract(account=account)), ok_text=t("contract.sign"))

    def decline(self, account: str) -> None:
        t = self.t
        self.app.confirm(t("contract.decline_title"),
                         t("contract.decline_confirm", account=self.names.account(account)) + " "
                         + self.app.irreversible_note(),
                         lambda: self.submit(DeclineContract(account=account)),
                         ok_text=t("contract.decline"))

    def _set_clause(self, account: str, clause: str) -> None:
        self.clause[account] = clause
        self.value.pop(account, None)
        self.rebuild()

    # ------------------------------------------------------------------ build

    def build(self, view: TraineeView | None) -> None:
        if view is None:  # a phase screen is built only with a game on show
            return
        kit, t = self.kit, self.t
        y = self.header(t("contract.title"))
        cards = self._cards(view)
        if not cards:
            kit.paragraph(MARGIN, y, 700, 100, t("contract.none"), "@muted", object_id="#no_contracts")
            return
        n = len(cards)
        gap = 14
        w = (self.width - 2 * MARGIN - gap * (n - 1)) // n
        for i, acc in enumerate(cards):
            self._card(acc, MARGIN + i * (w + gap), y, w, self.height - y - 8, acc.status == "agreed")

    @staticmethod
    def _cards(view: TraineeView) -> list[AccountView]:
        """The contracts to show, in the accounts' own order so that a card keeps its place when
        another is signed: every contract still to sign first in claim (at most three cards),
        then those signed this round while room is left."""
        pending = [a for a in view.accounts if a.status == "agreed" and a.contract is not None]
        signed = [a for a in view.accounts if a.status == "won" and a.contract is not None
                  and a.contract.delivered == 0]
        shown = {a.id for a in (pending + signed)[:MAX_CARDS]}
        return [a for a in view.accounts if a.id in shown]

    def _card(self, acc: AccountView, x: int, y: int, w: int, h: int, pending: bool) -> None:
        kit, t = self.kit, self.t
        aid = acc.id
        c = acc.contract
        if c is None:  # only accounts with a drafted contract get a card
            return
        kit.panel(x, y, w, h, object_id=f"#contract_{aid}")
        bottom = y + h - 8
        x += 10
        w -= 20
        status = t("contract.pending") if pending else t("contract.signed")
        kit.label(x, y + 6, w, f"{self.names.account(aid)} · {status}", "@heading")
        y += 38
        lw = min(190, w // 2)
        rows: list[tuple[str, str, str | None]] = []
        for issue, value in c.terms.items():
            rows.append((self.names.issue(issue), self.names.option(issue, value), t("tip.issue." + issue)))
        days = float(c.terms.get("payment_days", 0) or 0)
        rows += [
            (t("contract.unit_price"), fmt.money(c.unit_price), t("tip.unit_price")),
            (t("contract.units"), f"{c.units:,}", t("tip.units")),
            (t("contract.schedule"), t("contract.schedule_value", first=c.first_week, last=c.end_week,
                                       weeks=c.end_week - c.first_week + 1), t("tip.schedule")),
            (t("contract.value"), fmt.money(c.value), t("tip.contract_value")),
            (t("contract.exposure"), fmt.money(c.credit_exposure),
             t("tip.exposure", days=f"{days:g}")),
            (t("clause.late_penalty"), fmt.pct(c.late_penalty, 0), t("tip.late_penalty")),
            (t("clause.advance_payment"), fmt.pct(c.advance_payment, 0), t("tip.advance_payment")),
        ]
        credit = self._credit_event(aid)
        if credit:
            rows.append((t("contract.credit"), t("contract.credit_value", rating=credit["rating"],
                         p=fmt.pct(credit["default_probability"], 1)), t("tip.credit_rating")))
        else:
            rows.append((t("contract.credit"), t("contract.credit_unknown"), t("tip.credit_unknown")))
        for label, value, tip in rows:
            kit.label(x, y, lw, label, "@muted")
            kit.value(x + lw, y, w - lw, value, tip,
                      object_id=f"#schedule_{aid}" if label == t("contract.schedule") else None)
            y += 26
        y += 6
        # the decisions sit at the card's foot; the latest amendments fill the room above them
        actions = bottom - ACTIONS_HEIGHT if pending else bottom
        room = max(0, (actions - y) // AMENDMENT_LINE)
        for line in self._amendments(aid)[-room:] if room else []:
            kit.label(x, y, w, line, "@small")
            y += AMENDMENT_LINE
        if not pending:
            return
        y = actions
        kit.button(x, y, w, fmt.with_cost(t("contract.credit_check"), t, self.brief.economics.effort.credit_check), f"#credit_check_{aid}",
                   lambda: self.credit_check(aid), tip=t("tip.credit_check"), h=34,
                   enabled=not acc.credit_checked)
        y += 42
        clause = self.clause.get(aid, "advance_payment")
        clauses = [(t("clause." + k), k) for k in CLAUSE_VALUES]
        cw, vw = int(w * 0.38), int(w * 0.22)  # clause, its value, then the button that asks
        kit.dropdown(x, y, cw, clauses, clause, f"#amend_clause_{aid}", lambda v: self._set_clause(aid, v))
        values = [(fmt.pct(v, 0), f"{v:g}") for v in CLAUSE_VALUES[clause]]
        chosen = self.value.get(aid, values[2][1])
        kit.dropdown(x + cw + 6, y, vw, values, chosen, f"#amend_value_{aid}",
                     lambda v: self.value.__setitem__(aid, v))
        kit.button(x + cw + vw + 12, y - 2, w - cw - vw - 12, t("contract.amend"), f"#amend_{aid}",
                   lambda: self.amend(aid), tip=t("tip.amend"), h=34)
        y += 46
        bw = (w - 8) // 2
        kit.button(x, y, bw, t("contract.sign"), f"#sign_{aid}", lambda: self.sign(aid),
                   tip=t("tip.sign"), cls="@primary", h=38)
        kit.button(x + bw + 8, y, w - bw - 8, t("contract.decline"), f"#decline_{aid}",
                   lambda: self.decline(aid), tip=t("tip.decline"), cls="@danger", h=38)
