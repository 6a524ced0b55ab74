"""The negotiation room (CW-30..32): persona, every issue with a control, the exchange so far,
the customer's last offer against yours, trust, offers left, questions, package moves, the
manager's discount authority, walking away and accepting."""

from __future__ import annotations

from typing import Any, ClassVar

import pygame

from game.engine.actions import (
    AcceptOffer,
    AskQuestion,
    MakeOffer,
    PresentValue,
    ProposeTrade,
    Pursue,
    RequestAuthority,
    WalkAway,
)
from game.engine.phases import Phase
from game.engine.view_models import NegotiationView, TraineeView, Value
from game.negotiation.moves import within_authority
from game.negotiation.questions import TOPICS
from game.ui import fmt, story
from game.ui.screens.base import MARGIN, Screen
from game.ui.screens.names import Names

LEFT_W, CENTRE_W = 270, 604


def option_id(value: float | str) -> str:
    return value if isinstance(value, str) else f"{value:g}"


class NegotiationScreen(Screen):
    key: ClassVar[str] = "negotiation"
    phase: ClassVar[Phase | None] = Phase.NEGOTIATION

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.names = Names(self.brief, app.strings)
        self.account: str | None = None
        self.drafts: dict[str, dict[str, Value]] = {}
        issues = [i.id for i in self.brief.issues]
        self.give_issue = "delivery_weeks" if "delivery_weeks" in issues else issues[-1]
        self.want_issue = "payment_days" if "payment_days" in issues else issues[0]
        aspects = [i for i in issues if i != "price"]
        self.value_aspect: str | None = aspects[0] if aspects else None
        self.give_value: str | None = None
        self.want_value: str | None = None
        self.authority_value: str | None = None
        self.profit_label: Any = None
        self._choose_account()

    # ------------------------------------------------------------------ state

    def _choose_account(self) -> None:
        view = self.view
        talks = view.negotiations()
        open_ = [a for a, n in talks.items() if n.status == "open"]
        inherited = {a.id for a in view.brief.key_accounts if a.inherited}
        if self.account in talks or self.account in view.opportunities or self.account in inherited:
            return
        if open_:
            self.account = open_[0]
        elif view.opportunities:
            self.account = view.opportunities[0]
        elif talks:
            self.account = next(iter(talks))
        else:
            self.account = None

    def _session(self) -> NegotiationView | None:
        """The negotiation with the chosen account as the rep sees it (None before one opens)."""
        return self.view.account(self.account).negotiation if self.account else None

    def _options(self, issue: str) -> list[Value]:
        return list(next(i.values for i in self.brief.issues if i.id == issue))

    def _value(self, issue: str, oid: str) -> Value:
        for v in self._options(issue):
            if option_id(v) == oid:
                return v if isinstance(v, str) else float(v)
        raise KeyError(oid)

    def draft(self) -> dict[str, Value]:
        """The offer being prepared: our last one, else the outcome best for us."""
        session = self._session()
        if session is None or self.account is None:
            raise RuntimeError("an offer is drafted only in open talks")
        if self.account not in self.drafts:
            last = session.trainee_last_offer
            if last is None:
                profits = session.own_profit
                last = session.offer_at(max(range(len(profits)), key=profits.__getitem__))
                if isinstance(last.get("price"), float) and last["price"] > session.authority:
                    last["price"] = 0.0
            self.drafts[self.account] = dict(last)
        return self.drafts[self.account]

    # ------------------------------------------------------------------ moves

    def _select(self, account: str) -> None:
        self.account = account
        self.rebuild()

    def _set_issue(self, issue: str, oid: str) -> None:
        self.draft()[issue] = self._value(issue, oid)
        if self.profit_label is not None:
            self.profit_label.set_text(self._profit_text())

    def pursue(self, account: str) -> None:
        self.account = account
        self.submit(Pursue(account=account))

    def send_offer(self) -> None:
        if self._session() is None:
            return
        self.submit(MakeOffer(account=self.account, offer=dict(self.draft())))
        self._drop_draft_if_moved()

    def _drop_draft_if_moved(self) -> None:
        session = self._session()
        if session is not None and session.status != "open" and self.account is not None:
            self.drafts.pop(self.account, None)

    def ask(self, topic: str) -> None:
        if self._session() is not None:
            self.submit(AskQuestion(account=self.account, topic=topic))

    def present_value(self, answer_objection: bool = False) -> None:
        """Present the product's value on the chosen aspect (CW-30, CW-31), unprompted or as the
        answer to the customer's price objection."""
        if self._session() is not None and self.value_aspect is not None:
            self.submit(PresentValue(account=self.account, aspect=self.value_aspect,
                                     answer_objection=answer_objection))

    def propose_trade(self) -> None:
        if self._session() is None or self.give_value is None or self.want_value is None:
            return
        give = {self.give_issue: self._value(self.give_issue, self.give_value)}
        want = {self.want_issue: self._value(self.want_issue, self.want_value)}
        if self.submit(ProposeTrade(account=self.account, give=give, want=want)):
            session = self._session()
            last = session.trainee_last_offer if session else None
            if last and self.account is not None:
                self.drafts[self.account] = dict(last)
            self.rebuild()

    def request_authority(self) -> None:
        if self._session() is None or self.authority_value is None:
            return
        self.submit(RequestAuthority(account=self.account, discount=float(self.authority_value)))

    def accept(self) -> None:
        session = self._session()
        if session is None:
            return
        offer = session.customer_last_offer
        t = self.t
        self.app.confirm(t("negotiation.accept_title"),
                         t("negotiation.accept_confirm", account=self.names.account(self.account),
                           offer=self.names.offer(offer)) + " " + self.app.irreversible_note(),
                         lambda: self.submit(AcceptOffer(account=self.account)),
                         ok_text=t("negotiation.accept"))

    def walk_away(self) -> None:
        if self._session() is None:
            return
        t = self.t
        self.app.confirm(t("negotiation.walk_title"),
                         t("negotiation.walk_confirm", account=self.names.account(self.account))
                         + " " + self.app.irreversible_note(),
                         lambda: self.submit(WalkAway(account=self.account)),
                         ok_text=t("negotiation.walk_away"))

    def on_key(self, key: int, mod: int) -> bool:
        if mod & pygame.KMOD_CTRL:
            return False
        topics = {pygame.K_1: 0, pygame.K_2: 1, pygame.K_3: 2, pygame.K_4: 3, pygame.K_5: 4}
        if key in topics:
            self.ask(TOPICS[topics[key]])
            return True
        if key == pygame.K_o:
            self.send_offer()
            return True
        if key == pygame.K_a:
            self.accept()
            return True
        if key == pygame.K_w:
            self.walk_away()
            return True
        return False

    # ------------------------------------------------------------------ build

    def build(self, view: TraineeView | None) -> None:
        if view is None:  # a phase screen is built only with a game on show
            return
        self._choose_account()
        self.profit_label = None
        y = self.header(self.t("negotiation.title"))
        self._accounts(view, y)
        session = self._session()
        x = MARGIN + LEFT_W + 14
        if session is None:
            self._no_session(view, x, y)
            return
        self._room(view, session, x, y)
        self._side(view, session, x + CENTRE_W + 14, y)

    def _accounts(self, view: TraineeView, y: int) -> None:
        kit, t, sc = self.kit, self.t, view.brief
        kit.label(MARGIN, y, LEFT_W, t("negotiation.accounts"), "@heading")
        y += 30
        shown = [a for a in view.accounts if a.opportunity_round <= view.round]
        if len(shown) > 5:  # settled deals of earlier rounds make room for the open ones
            shown = [a for a in shown if a.status in ("prospect", "negotiating", "agreed")
                     or a.id == self.account] or shown
        for acc in shown:
            on = acc.id == self.account
            kit.button(MARGIN, y, LEFT_W, self.names.account(acc.id),
                       f"#account_{acc.id}", lambda a=acc.id: self._select(a),
                       tip=t("tip.account_status." + acc.status), cls="@toggle_on" if on else None,
                       h=30)
            status = t("status.account." + acc.status)
            talks = acc.negotiation
            if talks is not None and talks.status != "open":
                status = t("status.session." + talks.status)
            kit.label(MARGIN + 4, y + 30, LEFT_W - 4, status, "@small", h=20)
            y += 54
        if self.account is None:
            return
        ka = sc.account(self.account)
        y += 6
        kit.label(MARGIN, y, LEFT_W, t("negotiation.persona"), "@heading")
        product = kit.pick(sc.product(ka.product).name)
        contract = view.account(ka.id).contract
        if ka.inherited and contract is not None:
            deal = t("negotiation.inherited_deal", units=f"{contract.units:,}", product=product,
                     price=fmt.money(contract.unit_price), measure=sc.product(ka.product).measure)
        else:
            deal = t("negotiation.deal", volume=f"{ka.volume:,}", product=product,
                     list=fmt.money(sc.product(ka.product).list_price),
                     measure=sc.product(ka.product).measure,
                     rival=self.names.competitor(ka.current_vendor) or t("negotiation.no_rival"))
        text = f"{kit.pick(ka.persona)}\n\n{t('negotiation.needs', needs=kit.pick(ka.needs))}\n\n{deal}"
        kit.paragraph(MARGIN, y + 28, LEFT_W, self.height - y - 36, text, object_id="#persona")

    def _no_session(self, view: TraineeView, x: int, y: int) -> None:
        kit, t = self.kit, self.t
        w = CENTRE_W
        if self.account is None:
            kit.paragraph(x, y, w, 120, t("negotiation.none_open"), "@muted")
            return
        kit.label(x, y, w, self.names.account(self.account), "@heading")
        if view.brief.account(self.account).inherited:
            kit.paragraph(x, y + 32, w, 110, t("negotiation.inherited_hint"), "@muted",
                          object_id="#no_deal")
            return
        kit.paragraph(x, y + 32, w, 110, t("negotiation.pursue_hint"), "@muted")
        kit.button(x, y + 154, 260, fmt.with_cost(t("negotiation.pursue"), t, view.brief.economics.effort.pursue), f"#pursue_{self.account}",
                   lambda: self.pursue(self.account), tip=t("tip.pursue"), cls="@primary", h=38,
                   enabled=self.account in view.opportunities)

    def _profit_text(self) -> str:
        session = self._session()
        if session is None:
            return ""
        try:
            value = session.profit_of(self.draft())
        except (KeyError, IndexError):  # an incomplete draft: no figure
            return ""
        return self.t("negotiation.profit_draft", profit=fmt.money(value))

    def _room(self, view: TraineeView, session: NegotiationView, x: int, y: int) -> None:
        kit, t = self.kit, self.t
        w = CENTRE_W
        is_open = session.status == "open"
        kit.label(x, y, w - 250, self.names.account(self.account), "@heading", object_id="#session_title")
        left = session.max_rounds - session.round
        kit.value(x + w - 250, y, 250, t("negotiation.offers_left", left=left, total=session.max_rounds),
                  t("tip.offers_left"), "@warn" if left <= 2 else None, object_id="#offers_left")
        y += 30
        kit.label(x, y, 90, t("negotiation.trust"), "@muted")
        kit.progress(x + 92, y + 2, 200, 20, session.trust * 100, object_id="#trust_meter")
        kit.value(x + 300, y, 90, t("negotiation.trust_value", value=fmt.number(session.trust, 1)),
                  t("tip.trust", walk_away=fmt.number(session.walk_away_below)),
                  object_id="#trust_value")
        kit.label(x + 396, y, w - 396, t("status.session." + session.status),
                  "@good" if session.status in ("open", "agreed") else "@bad", object_id="#session_status")
        y += 32
        cols = [(t("negotiation.col.issue"), 204), (t("negotiation.col.yours"), 160),
                (t("negotiation.col.theirs"), 120), (t("negotiation.col.your_last"), 120)]
        cx = x
        for name, cw in cols:
            kit.label(cx, y, cw, name, "@small")
            cx += cw
        theirs = session.customer_last_offer or {}
        mine = session.trainee_last_offer or {}
        draft = self.draft()
        for r, issue in enumerate(session.issues):
            ry = y + 24 + r * 36
            kit.value(x, ry, 200, self.names.issue(issue), t("tip.issue." + issue))
            values = self._options(issue)
            if issue == "price":  # only the discounts the rep may give now (the manager may
                # widen the authority); an offer beyond it would be refused
                values = [v for v in values if isinstance(v, str) or within_authority(v, session.authority)
                          or option_id(v) == option_id(draft[issue])]
            options = [(self.names.option(issue, v), option_id(v)) for v in values]
            kit.dropdown(x + 204, ry, 150, options, option_id(draft[issue]), f"#issue_{issue}",
                         lambda v, i=issue: self._set_issue(i, v))
            diff = issue in theirs and issue in mine and theirs[issue] != mine[issue]
            kit.label(x + 364, ry, 116, self.names.option(issue, theirs[issue]) if issue in theirs else fmt.DASH,
                      "@warn" if diff else None)
            kit.label(x + 484, ry, 116, self.names.option(issue, mine[issue]) if issue in mine else fmt.DASH)
        y += 24 + 36 * len(session.issues) + 2
        self.profit_label = kit.value(x, y, 356, self._profit_text(), t("tip.profit"), "@muted",
                                      object_id="#draft_profit")
        if theirs:
            kit.value(x + 360, y, w - 360, t("negotiation.profit_theirs",
                                              profit=fmt.money(session.profit_of(theirs))),
                      t("tip.profit"), "@muted")
        y += 30
        bw = (w - 16) // 3
        kit.button(x, y, bw, t("negotiation.send"), "#send_offer", self.send_offer,
                   tip=t("tip.send"), cls="@primary", h=36, enabled=is_open)
        why_not = self._why_not_accept(session)
        kit.button(x + bw + 8, y, bw, t("negotiation.accept"), "#accept_offer", self.accept,
                   tip=why_not or t("tip.accept"), h=36, enabled=is_open and why_not is None)
        kit.button(x + 2 * (bw + 8), y, bw, t("negotiation.walk_away"), "#walk_away", self.walk_away,
                   tip=t("tip.walk_away"), cls="@danger", h=36, enabled=is_open)
        y += 46
        self._trade_row(x, y)
        y += 44
        self._authority_row(session, x, y, is_open)
        y += 44
        kit.label(x, y, w, t("negotiation.questions"), "@heading")
        y += 28
        qw = (w - 4 * 6) // 5
        for i, topic in enumerate(TOPICS):
            kit.button(x + i * (qw + 6), y, qw, t("topic." + topic), f"#ask_{topic}",
                       lambda tp=topic: self.ask(tp), tip=t("tip.topic." + topic), h=34,
                       enabled=is_open)
        y += 42
        self._value_row(session, x, y, is_open)

    def _value_row(self, session: NegotiationView, x: int, y: int, is_open: bool) -> None:
        """Selling value: the aspect to present, the pitch, and the answer to a price objection
        (enabled while the customer's last counter pushed the price down)."""
        kit, t = self.kit, self.t
        aspects = [(self.names.issue(i.id), i.id) for i in self.brief.issues if i.id != "price"]
        if not aspects or self.value_aspect is None:
            return
        kit.label(x, y + 4, 120, t("negotiation.value_on"), "@muted")
        kit.dropdown(x + 120, y, 176, aspects, self.value_aspect, "#value_aspect",
                     lambda v: setattr(self, "value_aspect", v), up=True)
        bw = (CENTRE_W - 300 - 8) // 2
        kit.button(x + 300, y, bw, t("negotiation.present_value"), "#present_value",
                   self.present_value, tip=t("tip.present_value"), h=34, enabled=is_open)
        kit.button(x + 300 + bw + 8, y, bw, t("negotiation.answer_objection"), "#answer_objection",
                   lambda: self.present_value(True),
                   tip=t("tip.answer_objection") if session.objection else t("tip.no_objection"),
                   cls="@warn" if session.objection else None, h=34,
                   enabled=is_open and session.objection)

    def _trade_row(self, x: int, y: int) -> None:
        kit, t = self.kit, self.t
        issues = [(self.names.issue(i.id), i.id) for i in self.brief.issues]
        kit.label(x, y + 4, 44, t("negotiation.give"), "@muted")
        kit.dropdown(x + 44, y, 172, issues, self.give_issue, "#trade_give_issue",
                     lambda v: self._trade_issue("give", v))
        give_opts = [(self.names.option(self.give_issue, v), option_id(v)) for v in self._options(self.give_issue)]
        if self.give_value not in [o for _, o in give_opts]:
            self.give_value = give_opts[0][1]
        kit.dropdown(x + 220, y, 84, give_opts, self.give_value, "#trade_give_value",
                     lambda v: setattr(self, "give_value", v))
        kit.label(x + 310, y + 4, 36, t("negotiation.want"), "@muted")
        kit.dropdown(x + 346, y, 172, issues, self.want_issue, "#trade_want_issue",
                     lambda v: self._trade_issue("want", v))
        want_opts = [(self.names.option(self.want_issue, v), option_id(v)) for v in self._options(self.want_issue)]
        if self.want_value not in [o for _, o in want_opts]:
            self.want_value = want_opts[-1][1]
        kit.dropdown(x + 522, y, 82, want_opts, self.want_value, "#trade_want_value",
                     lambda v: setattr(self, "want_value", v))

    def _trade_issue(self, side: str, issue: str) -> None:
        setattr(self, f"{side}_issue", issue)
        setattr(self, f"{side}_value", None)
        self.rebuild()

    def _why_not_accept(self, session: NegotiationView) -> str | None:
        """Why the customer's offer cannot be accepted now (None: it can)."""
        theirs = session.customer_last_offer
        if not theirs:
            return self.t("negotiation.accept_nothing")
        price = theirs.get("price")
        if isinstance(price, int | float) and not within_authority(price, session.authority):
            return self.t("negotiation.accept_above_authority", discount=fmt.pct(price, 0),
                          authority=fmt.pct(session.authority, 0))
        return None

    def _authority_row(self, session: NegotiationView, x: int, y: int, is_open: bool) -> None:
        kit, t = self.kit, self.t
        kit.button(x, y, 170, t("negotiation.package"), "#propose_trade", self.propose_trade,
                   tip=t("tip.package"), h=34, enabled=is_open)
        kit.value(x + 176, y + 4, 184, t("negotiation.authority", value=fmt.pct(session.authority, 0)),
                  t("tip.authority", own=fmt.pct(session.own_authority, 0),
                    manager=fmt.pct(session.manager_authority, 0)), object_id="#authority")
        above = [v for v in self._options("price")
                 if not isinstance(v, str) and not within_authority(v, session.authority) and v <= 0.99]
        if above:
            opts = [(fmt.option("price", v), option_id(v)) for v in above]
            if self.authority_value not in [o for _, o in opts]:
                self.authority_value = opts[0][1]
            kit.dropdown(x + 364, y, 72, opts, self.authority_value, "#authority_value",
                         lambda v: setattr(self, "authority_value", v))
            kit.button(x + 440, y, CENTRE_W - 440,
                       fmt.with_cost(t("negotiation.ask_manager"), t, self.brief.economics.effort.authority), "#request_authority",
                       self.request_authority, tip=t("tip.ask_manager"), h=34, enabled=is_open)

    def _side(self, view: TraineeView, session: NegotiationView, x: int, y: int) -> None:
        kit, t = self.kit, self.t
        w = self.width - x - MARGIN
        kit.label(x, y, w, t("negotiation.exchange"), "@heading")
        lines: list[tuple[str, str | None]] = []
        ours = [e for e in self.events if e.payload.get("account") == self.account]
        moves = story.counter_moves(ours, self.names)
        for event in reversed(ours):
            text = story.line(event, self.names, with_account=False)
            if text is None:
                continue
            if event.seq in moves:
                text = self.t("counter.line", text=text, trade=moves[event.seq])
            lines.append((text, story.style(event)))
        if not lines:
            lines = [(t("negotiation.no_exchange"), "muted")]
        half = (self.height - y - 70) // 2 + 40
        kit.rich(x, y + 28, w, half, lines[:60], object_id="#exchange")
        y2 = y + 28 + half + 8
        kit.label(x, y2, w, t("negotiation.learned"), "@heading")
        learned: list[tuple[str, str | None]] = []
        for topic, k in session.learned.items():
            learned.append((story.answer(topic, k, self.names, self.account), None))
        iv = view.knowledge.accounts.get(self.account) if self.account else None
        if iv:
            pri = sorted(iv.priorities.items(), key=lambda kv: -(kv[1].mean or 0.0))
            learned.append((t("negotiation.from_interview",
                              list=self.names.join(f"{self.names.issue(i)} {fmt.estimate(v, 2)}" for i, v in pri)),
                            "muted"))
        if not learned:
            learned = [(t("negotiation.nothing_learned"), "muted")]
        kit.rich(x, y2 + 28, w, self.height - y2 - 36, learned, object_id="#learned")
