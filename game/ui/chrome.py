"""The frame around every in-game screen: top bar (scenario, round, week, effort), the strip of
the round's phases, and the bottom bar (status line, undo, save, next)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
from pygame_gui.core import UIContainer

from game.engine.phases import COURSEWARE, ROUND_PHASES, Phase
from game.ui import fmt
from game.ui.widgets import Callbacks, Kit

if TYPE_CHECKING:
    from game.ui.app import App

TOP_H = 40
STRIP_H = 34
BOTTOM_H = 48


class Chrome:
    def __init__(self, app: App) -> None:
        self.app = app
        self.callbacks = Callbacks()
        self.root: UIContainer | None = None

    def destroy(self) -> None:
        self.callbacks.clear()
        if self.root is not None:
            self.root.kill()
            self.root = None

    def build(self) -> None:
        """(Re)build from the trainee's view; nothing on the start screen."""
        self.destroy()
        app = self.app
        if app.play is None:
            return
        self.root = UIContainer(pygame.Rect((0, 0), app.size), app.manager)
        kit = Kit(app.manager, app.strings, self.root, self.callbacks)
        view = app.view
        if view is None:
            raise RuntimeError("the chrome is built only with a game on show")
        brief = view.brief
        w, h = app.size
        t = app.strings.t
        kit.label(16, 6, 150, t("app.title"), "@heading", object_id="#app_title", h=28)
        kit.label(170, 6, 420, kit.pick(brief.title), object_id="#scenario_title", h=28)
        if view.over:
            when = t("chrome.game_over")
        else:
            when = t("chrome.round_week", round=view.round, rounds=view.rounds,
                     week=fmt.week_now(view.week, view.round_end_week), total=brief.total_weeks)
        kit.value(600, 6, 250, when, t("tip.round_week", weeks=brief.weeks_per_round),
                  object_id="#round_week", h=28)
        effort = t("chrome.effort", left=fmt.days(round(view.effort_left, 2)),
                   total=fmt.days(view.effort_per_round))
        kit.value(860, 6, 190, effort, t("tip.effort"), object_id="#effort", h=28)
        who = t("chrome.mode." + app.play.mode)
        if app.play.trainee:
            who = f"{who} · {app.play.trainee}"
        kit.value(1060, 6, w - 1060 - 16, who, t("tip.mode." + app.play.mode),
                  "@muted", object_id="#mode", h=28)

        # the phase strip
        gap = 6
        chip_w = (w - 32 - gap * (len(ROUND_PHASES) - 1)) // len(ROUND_PHASES)
        now = Phase(view.phase)
        order = {p: i for i, p in enumerate(ROUND_PHASES)}
        for i, phase in enumerate(ROUND_PHASES):
            if now == Phase.DEBRIEF or order[phase] < order.get(now, 0):
                cls = "@phase_done"
            elif phase == now:
                cls = "@phase_now"
            else:
                cls = "@phase_next"
            names = "\n".join(f"{cw} {t('cw.' + cw.lower().replace('-', '_'))}"
                              for cw in COURSEWARE[phase])
            kit.button(16 + i * (chip_w + gap), TOP_H + 2, chip_w,
                       f"{i + 1}. {t('phase.' + phase.value)}", f"#phase_{phase.value}",
                       tip=names, cls=cls, h=STRIP_H - 6)

        # the bottom bar
        y = h - BOTTOM_H + 6
        status, kind = app.status
        cls = {"bad": "@bad", "good": "@good", "warn": "@warn"}.get(kind)
        kit.label(16, y, 760, status, cls, object_id="#status_line", h=34)
        if app.play.mode == "practice":
            kit.button(790, y, 130, t("chrome.undo"), "#undo", app.undo, tip=t("tip.undo"),
                       h=36, enabled=app.play.can_undo)
        kit.button(930, y, 130, t("chrome.save"), "#save", app.save, tip=t("tip.save"), h=36)
        if not view.over:
            kit.button(1070, y, w - 1070 - 16, app.next_label(), "#next_phase",
                       app.on_next, tip=t("tip.next"), cls="@primary", h=36)
        else:
            kit.button(1070, y, w - 1070 - 16, t("chrome.quit"), "#quit", app.quit, h=36)
