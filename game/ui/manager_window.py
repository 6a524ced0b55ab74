"""The manager track's window: the team screen (reps, coaching, the incentive plan, standards,
systems, playbooks), the candidates screen, and the debrief. It reads the manager view and applies
manager actions; every rule stays in ``game.manager``.

``python main.py play scenarios/manager/east-china-team.yaml`` opens it. Every accepted action is
committed to the records store as it happens (``game.records.manager_records``), for the trainee
given (or as a guest's practice); ``--resume`` continues the trainee's latest unfinished game of
the scenario. Tests drive it headless with ``press(object_id)`` / ``choose(object_id, value)`` and
save what it shows with ``save``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import UIContainer

from game.manager.actions import (
    AdoptStandard,
    AssignAccount,
    BuySystem,
    Coach,
    DropStandard,
    EndRound,
    Hire,
    InterviewCandidate,
    ManagerAction,
    SetPlan,
    SharePlaybook,
)
from game.manager.game import ManagerGame
from game.manager.loader import load_manager
from game.manager.scoring import manager_scores, rubric_sha256
from game.manager.view import ManagerView, RepView
from game.records.errors import RecordsError
from game.records.manager_records import RecordedManagerGame
from game.records.measurement import measured_sems
from game.records.store import Store
from game.text.lists import name_list
from game.text.locale import default_lang
from game.ui import fonts
from game.ui.i18n import LANGUAGES, Strings
from game.ui.paths import THEME
from game.ui.play import GUEST, PLAYER
from game.ui.shots import Recorder
from game.ui.viewport import ScaledManager, Viewport, canvas, fit_size, set_mode
from game.ui.widgets import Callbacks, Kit

SIZE = (1280, 720)
BACKGROUND = (24, 31, 42)
COACH_HOURS = ("1", "2", "3", "4")
SHARES = ("0.2", "0.3", "0.4", "0.5", "0.6")
ACCELERATORS = ("1", "1.5", "2")
TEAM_SHARES = ("0", "0.2", "0.4")


class ManagerWindow:
    """One manager game on screen, recorded when a records store can be opened."""

    def __init__(self, scenario_path: str, lang: str | None = None, seed: int | None = None, *,
                 trainee: str | None = None, mode: str | None = None,
                 data_dir: str | None = None, resume: bool = False, record: bool = True,
                 size: tuple[int, int] | None = None) -> None:
        self.lang = lang if lang in LANGUAGES else default_lang()
        scenario, territory, sha = load_manager(scenario_path)
        self._game = ManagerGame(scenario, territory, seed=seed)
        self.sha256 = sha  # the text played: a study of it gives the scores' measurement error
        self.recorded: RecordedManagerGame | None = None
        self.store: Store | None = None
        self.record_note = ""  # why the game is not recorded (said on the status line)
        if record:
            self._record(scenario_path, sha, trainee or GUEST, mode or "practice", data_dir, resume)
        pygame.display.init()
        pygame.font.init()
        fonts.reset()
        pygame.display.set_caption("Sales Dojo")
        self.manager = ScaledManager(SIZE, str(THEME), enable_live_theme_updates=False,
                                     starting_language="zh")
        self.resize(size or SIZE)
        fonts.preload(self.manager)
        self.strings = Strings(self.lang)
        self.callbacks = Callbacks()
        self.elements: dict[str, Any] = {}
        self.screen = "debrief" if self.game.over else "team"
        self.status = self.t(self.record_note) if self.record_note else ""
        self.choice: dict[str, str] = {}
        self.root: UIContainer | None = None
        self.running = True
        self.build()

    # ------------------------------------------------------------------ records

    def _record(self, path: str, sha: str, trainee: str, mode: str, data_dir: str | None,
                resume: bool) -> None:
        """Start (or, with ``resume``, continue) the recorded session; unrecorded practice,
        with a note, when the store cannot be opened."""
        try:
            self.store = Store.open(data_dir)
            found = None
            if resume:
                found = next((s for s in reversed(self.store.sessions(trainee, "open"))
                              if s.track == "manager" and s.player == PLAYER
                              and s.scenario_id == self._game.scenario.id), None)
            if found is not None:
                self.recorded = RecordedManagerGame.resume(self.store, found.id)
                self.sha256 = found.scenario_sha256 or sha
            else:
                self.recorded = RecordedManagerGame.start(
                    self.store, trainee, self._game.scenario, self._game.territory,
                    seed=self._game.seed, mode=mode, player=PLAYER, scenario_sha256=sha,
                    scenario_path=str(Path(path).resolve()))
        except (RecordsError, OSError) as err:
            print(str(err), file=sys.stderr)
            self.recorded = None
            self.record_note = "manager.unrecorded"

    @property
    def game(self) -> ManagerGame:
        return self.recorded.game if self.recorded is not None else self._game

    def close(self) -> None:
        """Let go of the session and the store (everything in them is already committed)."""
        if self.recorded is not None:
            self.recorded.release()
            self.recorded = None
        if self.store is not None:
            self.store.close()
            self.store = None

    # ------------------------------------------------------------------ helpers

    def t(self, key: str, /, **fields: object) -> str:
        return self.strings.t(key, **fields)

    def skill(self, competency: str) -> str:
        return self.t(f"manager.skill.{competency.replace('-', '_')}")

    @property
    def view(self) -> ManagerView:
        return self.game.view()

    @property
    def screen_id(self) -> tuple[str, int]:
        """The screen on show and its round (none for the debrief), for the screenshots."""
        return self.screen, 0 if self.screen == "debrief" else self.view.round

    def act(self, action: ManagerAction) -> None:
        result = (self.recorded or self.game).apply(action)
        self.status = self.t("manager.done") if result.accepted else \
            self.t("manager.refused", reason=result.reason)
        if self.game.over:
            self.screen = "debrief"
            if self.recorded is not None:
                self.status = self.t("manager.recorded", session=self.recorded.session_id[:8])
        self.build()

    def _kit(self) -> Kit:
        if self.root is not None:
            self.root.kill()
        self.callbacks.clear()
        self.elements.clear()
        self.root = UIContainer(pygame.Rect(0, 0, *SIZE), self.manager)
        return Kit(self.manager, self.strings, self.root, self.callbacks)

    def _button(self, kit: Kit, x: int, y: int, w: int, text: str, oid: str, fn: Any,
                tip: str | None = None, enabled: bool = True, h: int = 30) -> None:
        self.elements[oid] = kit.button(x, y, w, text, oid, fn, tip=tip, enabled=enabled, h=h)

    def _dropdown(self, kit: Kit, x: int, y: int, w: int, options: list[tuple[str, str]],
                  oid: str, default: str, up: bool = False) -> None:
        self.choice.setdefault(oid, default)
        if self.choice[oid] not in [v for _, v in options]:
            self.choice[oid] = default

        def picked(value: str, oid: str = oid) -> None:
            self.choice[oid] = value

        self.elements[oid] = kit.dropdown(x, y, w, options, self.choice[oid], oid, picked, up=up)

    # ------------------------------------------------------------------ screens

    def build(self) -> None:
        kit = self._kit()
        getattr(self, f"_build_{self.screen}")(kit)

    def _header(self, kit: Kit, title: str) -> None:
        v = self.view
        kit.label(20, 12, 760, title, "@title", h=34)
        profit = sum(r.profit for r in v.team)
        kit.label(20, 48, 1240, self.t("manager.header", round=min(v.round, v.rounds),
                                        rounds=v.rounds, hours=f"{v.hours_left:g}",
                                        profit=f"{profit:,.0f}"), "@muted")

    def _build_team(self, kit: Kit) -> None:
        v = self.view
        self._header(kit, kit.pick(self.game.scenario.title))
        y = 80
        kit.label(20, y, 840, self.t("manager.team"), "@heading")
        y += 30
        name_w, col_w = 176, 66
        kit.label(20, y, name_w, self.t("manager.col.rep"), "@small")
        for k, comp in enumerate(v.competencies):
            kit.label(20 + name_w + k * col_w, y, col_w, self.skill(comp), "@small",
                      )
        x_res = 20 + name_w + len(v.competencies) * col_w
        kit.label(x_res, y, 206, self.t("manager.col.last"), "@small")
        y += 24
        for rep in v.reps:
            y = self._rep_row(kit, rep, y, name_w, col_w, x_res)
        for region in v.regions:
            if region.rep is None:
                kit.label(20, y, 420, self.t("manager.vacant", region=kit.pick(region.name)), "@muted")
                self._button(kit, 440, y, 200, self.t("manager.to_candidates"), f"vacant-{region.id}",
                             lambda: self._go("hiring"))
                y += 34
        if v.assignments_open and v.accounts and v.reps:
            self._accounts_panel(kit, y + 8)
        self._side_panel(kit)
        if self.status:
            kit.label(20, 636, 1240, self.status, "@muted")
        self._button(kit, 20, 670, 220, self.t("manager.candidates", n=len(v.candidates)),
                     "candidates", lambda: self._go("hiring"))
        self._button(kit, 1040, 670, 220, self.t("manager.end_round"), "end-round",
                     lambda: self.act(EndRound()), tip=self.t("manager.end_round_tip"))

    def _rep_row(self, kit: Kit, rep: RepView, y: int, name_w: int, col_w: int, x_res: int) -> int:
        v = self.view
        region = next(r for r in v.regions if r.id == rep.region)
        kit.label(20, y, name_w, f"{kit.pick(rep.name)} · {kit.pick(region.name)}", "@primary")
        for k, comp in enumerate(v.competencies):
            score = rep.scores.get(comp)
            review = rep.review[comp]
            if score is not None and score.score is not None and not score.insufficient:
                text = f"{score.score:.2f}"
                tip = self.t("manager.tip.score", score=text, occasions=score.occasions,
                             review=f"{review.mean:.2f}", sd=f"{review.sd:.2f}")
            else:
                text = f"~{review.mean:.2f}"
                tip = self.t("manager.tip.review", review=f"{review.mean:.2f}", sd=f"{review.sd:.2f}")
            kit.value(20 + name_w + k * col_w, y, col_w - 4, text, tip)
        last = rep.rounds[-1] if rep.rounds else None
        if last is None:
            result = self.t("manager.no_result")
        else:
            result = self.t("manager.result", profit=f"{last.profit / 1e6:.2f}",
                            discount=f"{max(0.0, last.discount):.0%}")
        kit.value(x_res, y, 206, result, self.t("manager.tip.result", morale=f"{rep.morale:.0%}",
                                                  accounts=len(rep.accounts),
                                                  effort=f"{(last.effort_used if last else 0):.0%}"))
        y += 28
        options = [(self.skill(c), c) for c in v.competencies]
        weakest = min(v.competencies, key=lambda c: rep.review[c].mean)
        self._dropdown(kit, 40, y, 220, options, f"coach-skill-{rep.id}", weakest)
        self._dropdown(kit, 266, y, 80, [(self.t("manager.hours", h=h), h) for h in COACH_HOURS],
                       f"coach-hours-{rep.id}", "2")
        self._button(kit, 352, y, 120, self.t("manager.coach"), f"coach-{rep.id}",
                     lambda rep=rep: self._coach(rep.id),
                     tip=self.t("manager.coach_tip"))
        coached = sum(rep.coached.values())
        kit.label(480, y, 380, self.t("manager.coached", hours=f"{coached:g}",
                                      morale=f"{rep.morale:.0%}"), "@muted")
        for deal in rep.won:
            if not deal.shared and deal.value_claimed >= v.playbook_min_value:
                self._button(kit, 700, y, 160, self.t("manager.playbook"), f"playbook-{rep.id}-{deal.account}",
                             lambda rep=rep, deal=deal: self.act(SharePlaybook(rep=rep.id, account=deal.account)),
                             tip=self.t("manager.playbook_tip", account=deal.account,
                                        claimed=f"{deal.value_claimed:.0%}"))
                break
        return y + 40

    def _accounts_panel(self, kit: Kit, y: int) -> None:
        """Who takes each key account: open until the first round is played (CW-71)."""
        v = self.view
        kit.label(20, y, 840, self.t("manager.accounts"), "@heading")
        y += 30
        reps = [(kit.pick(r.name), r.id) for r in v.reps]
        for k, acc in enumerate(v.accounts):
            x, row = 20 + (k % 2) * 420, y + (k // 2) * 34
            name = kit.pick(acc.name)
            kit.value(x, row, 200, kit.fit_words(name, 190) if kit.lang == "en" else name,
                      self.t("manager.account", name=name, volume=f"{acc.volume:,}",
                             round=acc.opportunity_round, measure=acc.measure))
            oid = f"account-{acc.id}"
            self.choice[oid] = acc.rep or reps[0][1]

            def assign(rep: str, account: str = acc.id) -> None:
                self.act(AssignAccount(account=account, rep=rep))

            self.elements[oid] = kit.dropdown(x + 204, row, 200, reps, self.choice[oid], oid, assign)

    def _coach(self, rep: str) -> None:
        skill = self.choice[f"coach-skill-{rep}"]
        hours = float(self.choice[f"coach-hours-{rep}"])
        self.act(Coach(rep=rep, competency=skill, hours=hours))

    def _side_panel(self, kit: Kit) -> None:
        v = self.view
        x, w = 880, 380
        y = 80
        kit.label(x, y, w, self.t("manager.plan"), "@heading")
        y += 28
        kit.label(x, y, w, self.t("manager.plan_now", share=f"{v.plan.variable_share:.0%}",
                                  basis=self.t(f"manager.basis.{v.plan.basis}"),
                                  accelerator=f"{v.plan.accelerator:g}",
                                  team=f"{v.plan.team_share:.0%}"), "@muted")
        y += 26
        self._dropdown(kit, x, y, 180, [(self.t(f"manager.basis.{b}"), b) for b in ("revenue", "margin")],
                       "plan-basis", v.plan.basis)
        self._dropdown(kit, x + 190, y, 190, [(self.t("manager.variable", share=f"{float(s):.0%}"), s)
                                              for s in SHARES], "plan-share", _nearest(SHARES, v.plan.variable_share))
        y += 34
        self._dropdown(kit, x, y, 180, [(self.t("manager.accelerator", a=a), a) for a in ACCELERATORS],
                       "plan-accelerator", _nearest(ACCELERATORS, v.plan.accelerator))
        self._dropdown(kit, x + 190, y, 190, [(self.t("manager.team_share", share=f"{float(s):.0%}"), s)
                                              for s in TEAM_SHARES], "plan-team", _nearest(TEAM_SHARES, v.plan.team_share))
        y += 34
        self._button(kit, x, y, w, self.t("manager.set_plan"), "set-plan", self._set_plan,
                     tip=self.t("manager.plan_tip"))
        y += 48
        kit.label(x, y, w, self.t("manager.standards"), "@heading")
        y += 28
        for s in v.standards:
            label = self.t("manager.drop" if s.in_force else "manager.adopt", name=kit.pick(s.name))
            action = DropStandard(standard=s.id) if s.in_force else AdoptStandard(standard=s.id)
            self._button(kit, x, y, w, label, f"standard-{s.id}", lambda a=action: self.act(a),
                         tip=self.t(f"manager.tip.{s.kind}", hours=f"{s.hours:g}",
                                    cost=f"{s.cost_per_round:,.0f}"))
            y += 34
        y += 12
        kit.label(x, y, w, self.t("manager.systems"), "@heading")
        y += 28
        for s in v.systems:
            label = self.t("manager.owned" if s.owned else "manager.buy", name=kit.pick(s.name),
                           cost=f"{s.cost:,.0f}")
            self._button(kit, x, y, w, label, f"system-{s.id}",
                         lambda s=s: self.act(BuySystem(system=s.id)), enabled=not s.owned,
                         tip=self.t("manager.tip.system", gain=f"{s.effort_gain:.0%}",
                                    running=f"{s.cost_per_round:,.0f}"))
            y += 34

    def _set_plan(self) -> None:
        self.act(SetPlan(variable_share=float(self.choice["plan-share"]),
                         basis=self.choice["plan-basis"],  # type: ignore[arg-type]
                         accelerator=float(self.choice["plan-accelerator"]),
                         team_share=float(self.choice["plan-team"])))

    def _go(self, screen: str) -> None:
        self.screen = screen
        self.status = ""
        self.build()

    def _build_hiring(self, kit: Kit) -> None:
        v = self.view
        self._header(kit, self.t("manager.candidates_title"))
        y = 84
        name_w, col_w = 150, 86
        kit.label(20, y, name_w, self.t("manager.col.candidate"), "@small")
        for k, comp in enumerate(v.competencies):
            kit.label(20 + name_w + k * col_w, y, col_w, self.skill(comp), "@small")
        y += 26
        vacant = [r for r in v.regions if r.rep is None]
        options = [(self.skill(c), c) for c in v.competencies]
        for cand in v.candidates:
            kit.label(20, y, name_w, kit.pick(cand.name), "@primary")
            for k, comp in enumerate(v.competencies):
                e = cand.estimates[comp]
                kit.value(20 + name_w + k * col_w, y, col_w - 4, f"{e.mean:.2f}±{e.sd:.2f}",
                          self.t("manager.tip.estimate", n=cand.interviewed.get(comp, 0)))
            y += 28
            self._dropdown(kit, 40, y, 220, options, f"ask-skill-{cand.id}", v.competencies[0])
            self._button(kit, 266, y, 200, self.t("manager.ask", hours=f"{v.interview_hours:g}"),
                         f"ask-{cand.id}", lambda cand=cand: self.act(InterviewCandidate(
                             candidate=cand.id, competency=self.choice[f"ask-skill-{cand.id}"])))
            if vacant:
                self._dropdown(kit, 480, y, 200, [(kit.pick(r.name), r.id) for r in vacant],
                               f"hire-region-{cand.id}", vacant[0].id)
                self._button(kit, 686, y, 160, self.t("manager.hire"), f"hire-{cand.id}",
                             lambda cand=cand: self.act(Hire(candidate=cand.id,
                                                            region=self.choice[f"hire-region-{cand.id}"])))
            y += 44
        if not vacant:
            kit.label(20, y, 1000, self.t("manager.no_vacancy"), "@muted")
        if self.status:
            kit.label(20, 636, 1240, self.status, "@muted")
        self._button(kit, 20, 670, 220, self.t("manager.back"), "back", lambda: self._go("team"))

    def _build_debrief(self, kit: Kit) -> None:
        v = self.view
        self._header(kit, self.t("manager.debrief"))
        lines: list[tuple[str, str | None]] = [(self.t("manager.debrief_kpis"), "head")]
        for r in v.team:
            err = "-" if r.forecast_error is None else f"{r.forecast_error:.0%}"
            lines.append((self.t("manager.debrief_round", round=r.round, revenue=f"{r.revenue:,.0f}",
                                 contribution=f"{r.contribution:,.0f}", pay=f"{r.pay:,.0f}",
                                 costs=f"{r.costs:,.0f}", profit=f"{r.profit:,.0f}", error=err,
                                 left=len(r.leavers)), None))
        totals = self.game.totals()
        lines.append((self.t("manager.debrief_total", profit=f"{totals['profit']:,.0f}",
                             margin=f"{totals['margin']:.1%}", left=totals["leavers"]), "b"))
        kit.rich(20, 84, 700, 330, lines, object_id="debrief-kpis")
        marks: list[tuple[str, str | None]] = [(self.t("manager.debrief_competencies"), "head")]
        scored = manager_scores(self.game)
        errors = measured_sems([c.id for c in scored], self.game.scenario.id,
                               (self.sha256, rubric_sha256()))
        for c in scored:
            if c.insufficient:
                marks.append((self.t("manager.debrief_insufficient", name=kit.pick(c.name),
                                     occasions=c.occasions, needed=c.min_occasions), "muted"))
                continue
            sem = errors.get(c.id)
            sem = None if sem is None else sem.for_scores(c.occasions)  # this game's evidence
            score = f"{c.score:.2f}" if sem is None else self.t(
                "assess.score_sem", score=f"{c.score:.2f}", sem=f"{sem.value:.2f}")
            marks.append((self.t("manager.debrief_competency", name=kit.pick(c.name),
                                 score=score, level=c.level,
                                 cw=" ".join(c.cw), occasions=c.occasions), "b"))
            if c.anchor is not None:
                marks.append((kit.pick(c.anchor), "muted"))
        kit.rich(730, 84, 530, 330, marks, object_id="debrief-competencies")
        growth = self.game.truth()["growth"]
        rows: list[tuple[str, str | None]] = [(self.t("manager.debrief_growth"), "head")]
        for rep in v.reps:
            start, end = growth[rep.id][0], growth[rep.id][-1]
            if rep.coached:
                moved = self._list(self.t("manager.debrief_moved", skill=self.skill(c),
                                          hours=self.t("manager.hours", h=f"{h:g}"),
                                          start=f"{start[c]:.2f}", end=f"{end[c]:.2f}")
                                   for c, h in sorted(rep.coached.items()))
                rows.append((self.t("manager.debrief_rep", name=kit.pick(rep.name), moved=moved), None))
            else:
                rows.append((self.t("manager.debrief_rep_uncoached", name=kit.pick(rep.name)), None))
            scores = self._list(f"{self.skill(c)} {s.score:.2f}" for c, s in rep.scores.items()
                                if s.score is not None and not s.insufficient)
            rows.append((self.t("manager.debrief_scores", scores=scores or self.t("manager.none")),
                         "muted"))
        kit.rich(20, 424, 1240, 236, rows, object_id="debrief-growth")
        if self.status:
            kit.label(20, 672, 1000, self.status, "@muted")
        self._button(kit, 1040, 670, 220, self.t("manager.quit"), "quit", self._quit)

    def _list(self, items: Iterable[str]) -> str:
        """Items joined as the language writes a list (、 in Chinese)."""
        return name_list(items, self.lang)

    def _quit(self) -> None:
        self.running = False

    # ------------------------------------------------------------------ driving and drawing

    def press(self, object_id: str) -> None:
        """Press the button ``object_id`` as a click would."""
        element = self.elements[object_id]
        self.callbacks.table[element]()

    def choose(self, object_id: str, value: str) -> None:
        """Pick ``value`` in the drop-down ``object_id`` (as the mouse would: its action runs)."""
        element = self.elements.get(object_id)
        handler = self.callbacks.table.get(element) if element is not None else None
        if handler is not None:
            handler(value)
        else:
            self.choice[object_id] = value
        self.build()

    def draw(self) -> None:
        self.window.fill(BACKGROUND)
        self.manager.update(0.016)
        self.manager.draw_ui(self.window)

    def save(self, path: str | Path) -> None:
        """What the eye sees, at the window's size."""
        self.draw()
        self.viewport.present(self.window, self.display, BACKGROUND)
        pygame.image.save(self.display, str(path))

    def resize(self, size: tuple[int, int]) -> None:
        """Show the 1280x720 layout in a window of ``size``, scaled to fit (as a rep's window)."""
        self.display = set_mode(fit_size(size))
        self.viewport = Viewport(SIZE, self.display.get_size())
        self.manager.viewport = self.viewport
        self.window = canvas(self.viewport, self.display)

    def frame(self, dt: float) -> None:
        """One frame: the events, then what the window shows."""
        for event in pygame.event.get():
            if event.type == pygame.QUIT:
                self.running = False
            if event.type == pygame.VIDEORESIZE:
                self.resize((event.w, event.h))
                continue
            self.manager.process_events(event)
            if event.type in (pygame_gui.UI_BUTTON_PRESSED, pygame_gui.UI_DROP_DOWN_MENU_CHANGED):
                self.callbacks.dispatch(event)
        self.window.fill(BACKGROUND)
        self.manager.update(dt)
        self.manager.draw_ui(self.window)
        self.viewport.present(self.window, self.display, BACKGROUND)
        pygame.display.flip()

    def loop(self, screens: Recorder | None = None) -> int:
        clock = pygame.time.Clock()
        while self.running:
            self.frame(clock.tick(30) / 1000.0)
            if screens is not None:
                screens.capture_new(self)
        self.close()
        pygame.quit()
        return 0

    def run_script(self, steps: list[dict[str, Any]], screens: Recorder | None) -> int:
        """Carry out ``steps`` (``game.ui.manager_script``), then close."""
        from game.ui.manager_script import run

        self.frame(1 / 30)
        if screens is not None:
            screens.capture_new(self)
        try:
            return run(self, steps, screens)
        finally:
            self.close()
            pygame.quit()


def _nearest(options: tuple[str, ...], value: float) -> str:
    return min(options, key=lambda o: abs(float(o) - value))


def run(args: argparse.Namespace) -> int:
    """``play`` on a manager scenario (``--script`` and ``--screenshot-dir`` as for a rep's game)."""
    steps = None
    if getattr(args, "script", None):
        from game.ui.script import steps_told

        if (steps := steps_told(args)) is None:
            return 2
    folder = getattr(args, "screenshot_dir", None)
    screens = Recorder(Path(folder)) if folder else None
    window = ManagerWindow(str(args.scenario), getattr(args, "lang", None),
                           getattr(args, "seed", None), trainee=getattr(args, "trainee", None),
                           mode=getattr(args, "mode", None), data_dir=getattr(args, "data_dir", None),
                           resume=bool(getattr(args, "resume", False)),
                           size=getattr(args, "size", None))
    return window.loop(screens) if steps is None else window.run_script(steps, screens)
