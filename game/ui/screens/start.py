"""Start: trainee ID (and the trainee's unfinished session to continue), language, practice or
assessment mode, and the scenario with its briefing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pygame
import yaml

from game import engine_compatible
from game.engine.view_models import TraineeView
from game.scenario.errors import Problem, ScenarioError
from game.scenario.loader import load_scenario
from game.scenario.models import Scenario
from game.scenario.text import Text
from game.text.lists import name_list
from game.text.locale import Lang
from game.ui import fmt
from game.ui.help_content import section_key
from game.ui.paths import DRILLS, SCENARIOS
from game.ui.play import valid_trainee
from game.ui.screens.base import Screen

TEAMS = SCENARIOS / "manager"
GROUPS = ("cases", "drills", "team")


@dataclass(frozen=True)
class Choice:
    path: str
    scenario: Scenario | None  # validated (loaded when picked)
    problem: Problem | None  # the first reason it cannot be loaded
    title: Text | None = None  # read quickly for the list
    weeks: int | None = None  # the game's length: the list offers the shortest first
    courseware: tuple[str, ...] = ()  # the sections it trains (a drill is listed by its first)
    manager: Any = None  # a manager-track scenario and its territory (loaded when picked)

    def error_in(self, lang: Lang) -> str | None:
        """Why it cannot be loaded, in ``lang``: where, what and how to fix it."""
        return None if self.problem is None else self.problem.format(lang)


_CACHE: dict[tuple[str, float], Choice] = {}
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _key(path: Path) -> tuple[str, float]:
    return (str(path), path.stat().st_mtime if path.exists() else 0.0)


def load_choice(path: Path) -> Choice:
    """The scenario fully loaded and validated (or why it cannot be)."""
    key = _key(path)
    known = _CACHE.get(key)
    if known is None or (known.scenario is None and known.problem is None):
        try:
            scenario, _ = load_scenario(path)
            known = Choice(str(path), scenario, None, scenario.title,
                           scenario.rounds * scenario.weeks_per_round, tuple(scenario.courseware))
        except ScenarioError as err:
            known = Choice(str(path), None, err.problems[0])
        _CACHE[key] = known
    return known


def team_choice(path: Path) -> Choice:
    """A manager-track scenario, loaded with its territory (or why it cannot be)."""
    from game.manager.loader import load_manager

    key = _key(path)
    known = _CACHE.get(key)
    if known is None or known.manager is None and known.problem is None:
        try:
            scenario, territory, _ = load_manager(path)
            known = Choice(str(path), None, None, scenario.title,
                           (scenario.rounds or territory.rounds) * territory.weeks_per_round,
                           tuple(scenario.courseware), (scenario, territory))
        except ScenarioError as err:
            known = Choice(str(path), None, err.problems[0])
        _CACHE[key] = known
    return known


def shown_choice(path: Path) -> Choice:
    """The scenario to describe on the start screen. A shipped file (checked by the test suite)
    is validated from the fast C parser's data; any other, or any problem, takes the full loader
    with its positions. Starting the game always loads the file fully."""
    if path.resolve().parent == TEAMS.resolve():
        return team_choice(path)
    if path.resolve().parent not in (SCENARIOS.resolve(), DRILLS.resolve()):
        return load_choice(path)
    key = _key(path)
    known = _CACHE.get(key)
    if known is not None and known.scenario is not None:
        return known
    try:
        scenario = Scenario.model_validate(yaml.load(path.read_bytes(), Loader=_LOADER))
    except Exception:  # the full loader says what is wrong, and where
        return load_choice(path)
    known = Choice(str(path), scenario, None, scenario.title,
                   scenario.rounds * scenario.weeks_per_round, tuple(scenario.courseware))
    _CACHE[key] = known
    return known


PEEKED = ("title", "rounds", "weeks_per_round", "courseware")


def top_level(text: str, keys: tuple[str, ...]) -> str:
    """Only the top-level blocks of ``keys`` in a YAML mapping (what the list needs to show)."""
    kept: list[str] = []
    keep = False
    for line in text.splitlines():
        if line[:1] not in ("", " ", "\t", "#", "-"):  # a block list may sit at column 0
            keep = line.split(":", 1)[0].strip() in keys
        if keep:
            kept.append(line)
    return "\n".join(kept)


def peek_choice(path: Path) -> Choice:
    """Only the title, read without validating (the list shows many files; one is picked)."""
    key = _key(path)
    if key in _CACHE:
        return _CACHE[key]
    try:
        data = yaml.load(top_level(path.read_text(encoding="utf-8"), PEEKED), Loader=_LOADER)
        title = Text.model_validate(data["title"])
        weeks = int(data["rounds"]) * int(data["weeks_per_round"])
        courseware = tuple(str(c) for c in data.get("courseware") or ())
    except Exception:  # anything wrong shows when it is picked and fully loaded
        return load_choice(path)
    return Choice(str(path), None, None, title, weeks, courseware)


def scenario_choices(extra: str | None) -> list[Choice]:
    """Every scenarios/*.yaml, shortest game first (the introduction before the long year),
    with the one named on the command line before them (titles only)."""
    shipped = [peek_choice(p) for p in sorted(SCENARIOS.glob("*.yaml"))]
    shipped.sort(key=lambda c: (c.weeks is None, c.weeks or 0))
    if extra:
        p = Path(extra).resolve()
        if p.exists() and p not in [Path(c.path).resolve() for c in shipped]:
            shipped.insert(0, peek_choice(p))
    return shipped


def team_choices() -> list[Choice]:
    """The manager-track scenarios (scenarios/manager/*.yaml), titles only."""
    out = []
    for p in sorted(TEAMS.glob("*.yaml")):
        try:
            data = yaml.load(top_level(p.read_text(encoding="utf-8"), ("title",)), Loader=_LOADER)
            out.append(Choice(str(p), None, None, Text.model_validate(data["title"])))
        except Exception:  # what is wrong shows when it is picked and fully loaded
            out.append(team_choice(p))
    return out


def drill_choices() -> list[Choice]:
    """The short drills (scenarios/drills/*.yaml), in the course's order of their first section."""
    drills = [peek_choice(p) for p in sorted(DRILLS.glob("*.yaml"))]
    drills.sort(key=lambda c: (c.courseware[:1] or ("~",), c.path))
    return drills


class StartScreen(Screen):
    key: ClassVar[str] = "start"
    full_window: ClassVar[bool] = True

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        cases = scenario_choices(app.scenario_path or None)
        drills = drill_choices()
        self.cases = len(cases)  # the full cases come first, then the drills, then the teams
        self.drills = len(drills)
        self.choices = cases + drills + team_choices()
        wanted = Path(app.scenario_path).resolve() if app.scenario_path else None
        self.selected = 0
        self.session_id: str | None = None
        self.continue_widgets: list[Any] = []
        self.trainee_entry: Any = None
        self.continue_at = (48, 120)
        self.class_dialog: Any = None  # the file dialog of "Join a class", while open
        for i, c in enumerate(self.choices):
            if wanted is not None and Path(c.path).resolve() == wanted:
                self.selected = i
        self._load_selected()

    def _load_selected(self) -> None:
        if self.choices:
            self.choices[self.selected] = shown_choice(Path(self.choices[self.selected].path))

    def build(self, view: TraineeView | None) -> None:
        kit, app = self.kit, self.app
        t = self.t
        x = 48
        kit.label(x, 28, 600, t("app.title"), "@title", object_id="#start_title", h=40)
        kit.label(x, 70, 600, t("start.subtitle"), "@muted")
        y = 120
        kit.label(x, y, 440, t("start.trainee"), "@heading")
        self.trainee_entry = kit.entry(x, y + 30, 296, app.trainee, "#trainee_id", self._trainee)
        self.continue_at = (x, y)
        self._continue(x, y)
        y += 112
        kit.label(x, y, 440, t("start.language"), "@heading")
        for i, (lang, name) in enumerate((("en", "English"), ("zh", "中文"))):
            kit.button(x + i * 150, y + 30, 140, name, f"#lang_{lang}",
                       lambda lang=lang: app.set_language(lang),
                       cls="@toggle_on" if app.lang == lang else None)
        y += 82
        kit.label(x, y, 440, t("start.mode"), "@heading")
        for i, mode in enumerate(("practice", "assessment")):
            kit.button(x + i * 220, y + 30, 210, t("chrome.mode." + mode), f"#mode_{mode}",
                       lambda mode=mode: self._mode(mode), tip=t("tip.mode." + mode),
                       cls="@toggle_on" if app.mode == mode else None)
        y += 82
        kit.label(x, y, 140, t("start.scenario"), "@heading")
        shown = self.group_of(self.selected)
        for i, group in enumerate(GROUPS):
            kit.button(x + 146 + i * 98, y - 2, 92, t("start.group." + group), f"#group_{group}",
                       lambda g=group: self._group(g), tip=t("tip.start.group." + group), h=28,
                       cls="@toggle_on" if group == shown else None)
        y += 34
        if shown == "drills":
            self._drill_buttons(x, y)
        elif shown == "team":
            for i in range(self.cases + self.drills, len(self.choices)):
                choice = self.choices[i]
                name = (kit.pick(choice.title) if choice.title
                        else t("start.invalid", file=Path(choice.path).name))
                kit.button(x, y, 440, name, f"#scenario_{Path(choice.path).stem}",
                           lambda i=i: self._pick(i), tip=choice.error_in(kit.lang),
                           cls="@toggle_on" if i == self.selected else None, h=32)
                y += 38
        else:
            for i, choice in enumerate(self.choices[: min(self.cases, 4)]):
                name = (kit.pick(choice.title) if choice.title
                        else t("start.invalid", file=Path(choice.path).name))
                sid = Path(choice.path).stem
                kit.button(x, y, 440, name, f"#scenario_{sid}", lambda i=i: self._pick(i),
                           tip=choice.error_in(kit.lang), cls="@toggle_on" if i == self.selected else None, h=32)
                y += 38
        kit.button(x, self.height - 110, 296, t("start.begin"), "#start_game", self.on_next,
                   cls="@primary", h=44)
        kit.button(x + 304, self.height - 110, 136, t("start.join_class"), "#join_class",
                   self._pick_class_file, tip=t("tip.start.join_class"), h=44)
        status, kind = app.status
        kit.label(x, self.height - 56, 1180, status, {"bad": "@bad", "warn": "@warn"}.get(kind), object_id="#status_line")
        kit.label(x, self.height - 30, 1180, t("start.keys"), "@small")
        self._details(560)

    def _drill_buttons(self, x: int, y: int) -> None:
        """Two columns of drills, each named by its first section (CW id and name)."""
        kit = self.kit
        for n, i in enumerate(range(self.cases, self.cases + self.drills)):
            choice = self.choices[i]
            cw = choice.courseware[0] if choice.courseware else ""
            section = self.app.strings.get(section_key(cw), "") if cw else ""
            name = f"{cw} {section}".strip() or (kit.pick(choice.title) if choice.title else Path(choice.path).stem)
            title = kit.pick(choice.title) if choice.title else None
            shown = kit.fit(name, 200) if kit.lang == "zh" else kit.fit_words(name, 200)
            kit.button(x + (n % 2) * 224, y + (n // 2) * 36, 216, shown,
                       f"#scenario_{Path(choice.path).stem}", lambda i=i: self._pick(i),
                       tip=choice.error_in(kit.lang) or title, cls="@toggle_on" if i == self.selected else None, h=30)

    def group_of(self, i: int) -> str:
        """The group choice ``i`` is listed in: full cases, drills or manager teams."""
        return "cases" if i < self.cases else "drills" if i < self.cases + self.drills else "team"

    def _group(self, group: str) -> None:
        """Show the full cases, the drills or the teams, picking the first of the group shown."""
        if group == self.group_of(self.selected):
            return
        first = {"cases": 0, "drills": self.cases, "team": self.cases + self.drills}[group]
        self._pick(first if first < len(self.choices) else 0)

    def _details(self, x: int) -> None:
        kit, t = self.kit, self.t
        w = self.width - x - 48
        kit.panel(x - 16, 24, w + 32, self.height - 120)
        if not self.choices:
            kit.label(x, 40, w, t("start.none"), "@bad")
            return
        choice = self.choices[self.selected]
        if choice.manager is not None:
            self._team_details(x, w, choice)
            return
        sc = choice.scenario
        if sc is None:
            kit.label(x, 40, w, t("start.invalid", file=Path(choice.path).name), "@bad")
            kit.paragraph(x, 76, w, 200, choice.error_in(kit.lang) or "", object_id="#scenario_problem")
            return
        kit.label(x, 36, w, kit.pick(sc.title), "@heading", object_id="#scenario_title", h=30)
        kit.paragraph(x, 72, w, 190, kit.pick(sc.briefing), object_id="#briefing")
        facts = [
            (t("start.length"), t("start.length_value_one" if sc.rounds == 1 else "start.length_value", rounds=sc.rounds, weeks=sc.weeks_per_round),
             t("tip.start.length")),
            (t("start.company"), kit.pick(sc.company.name), None),
            (t("start.market"), t("start.market_value", customers=f"{sc.market.customers:,}",
                                  segments=len(sc.market.segments),
                                  rivals=len(sc.competitors)), t("tip.start.market")),
            (t("start.accounts"), name_list((kit.pick(k.name) for k in sc.key_accounts), kit.lang),
             None),
            (t("kpi.revenue"), fmt.money(sc.targets.revenue), t("tip.target.revenue")),
            (t("kpi.margin"), fmt.pct(sc.targets.margin), t("tip.target.margin")),
            (t("kpi.market_share"), fmt.pct(sc.targets.market_share), t("tip.target.market_share")),
            (t("kpi.customers"), f"{sc.targets.customers:,}", t("tip.target.customers")),
            (t("kpi.satisfaction"), fmt.number(sc.targets.satisfaction), t("tip.target.satisfaction")),
        ]
        focus = self._assesses(sc)
        if focus is not None:  # a drill says which competencies it assesses
            facts.insert(4, (t("start.assesses"), focus, None))
        y = 272
        kit.label(x, y, w, t("start.facts"), "@heading")
        y += 32
        for name, value, tip in facts:
            kit.label(x, y, 190, name, "@muted")
            if tip:
                kit.value(x + 196, y, w - 196, value, tip)
                y += 27
            else:
                y = max(y + 27, kit.lines(x + 196, y, w - 196, value, line_h=24, max_lines=2) + 3)
        kit.lines(x, y + 6, w, t("start.courseware", ids=" · ".join(sc.courseware)), "@small", max_lines=2)

    def _assesses(self, sc: Scenario) -> str | None:
        """The names of the few competencies a focused scenario (a drill) sets out to assess:
        those sharing a courseware section with it; None when it assesses most of them (a whole
        case: the debrief marks the few it leaves out)."""
        from game.assessment.assess import standard_rubric

        rubric, _ = standard_rubric()
        ids = rubric.assessed_by(sc.courseware)
        if 2 * len(ids) > len(rubric.competencies):
            return None
        names = {c.id: c.name.pick(self.kit.lang) for c in rubric.competencies}
        return name_list((names[c] for c in ids), self.kit.lang)

    def _team_details(self, x: int, w: int, choice: Choice) -> None:
        """A manager-track scenario: its briefing, the team, the regions and what it trains."""
        kit, t = self.kit, self.t
        sc, territory = choice.manager
        kit.label(x, 36, w, kit.pick(sc.title), "@heading", object_id="#scenario_title", h=30)
        kit.paragraph(x, 72, w, 190, kit.pick(sc.briefing), object_id="#briefing")
        staffed = {r.region for r in sc.team}
        facts = [
            (t("start.length"), t("start.length_value", rounds=sc.rounds or territory.rounds,
                                   weeks=territory.weeks_per_round)),
            (t("start.team"), name_list((kit.pick(r.name) for r in sc.team), kit.lang)),
            (t("start.regions"), name_list(
                (kit.pick(r.name) + ("" if r.id in staffed else t("start.region_empty"))
                 for r in sc.regions), kit.lang)),
            (t("start.territory"), kit.pick(territory.title)),
            (t("start.accounts"), str(len(territory.key_accounts))),
        ]
        y = 272
        kit.label(x, y, w, t("start.facts"), "@heading")
        y += 32
        for name, value in facts:
            kit.label(x, y, 190, name, "@muted")
            y = max(y + 27, kit.lines(x + 196, y, w - 196, value, line_h=24, max_lines=2) + 3)
        kit.lines(x, y + 6, w, t("start.courseware", ids=" · ".join(sc.courseware)), "@small", max_lines=2)

    def _continue(self, x: int, y: int) -> None:
        """The Continue button beside the trainee id, and under it what it would continue (or
        the hint on what to type)."""
        kit, t, app = self.kit, self.t, self.app
        for widget in self.continue_widgets:
            widget.kill()
        session = app.latest_open(app.trainee)
        self.session_id = session.id if session else None
        # a game begun under other rules cannot be replayed to where it stopped: say so here
        older = session is not None and not engine_compatible(session.engine_version)
        tip = (t("tip.continue_none") if session is None
               else t("tip.continue_older", played=session.engine_version) if older
               else t("tip.continue"))
        self.continue_widgets = [
            kit.button(x + 304, y + 30, 136, t("start.continue"), "#continue_game", self._resume,
                       tip=tip, h=32, enabled=session is not None and not older),
        ]
        if session is None:
            self.continue_widgets.append(kit.label(x, y + 64, 440, t("start.trainee_hint"), "@small"))
            return
        info = t("start.continue_info_older" if older else "start.continue_info",
                 scenario=app.session_title(session), mode=t("chrome.mode." + session.mode),
                 actions=session.actions, started=app.session_started(session),
                 played=session.engine_version)
        lines = kit.wrap(info, 436, "@small")
        if len(lines) > 2:
            lines = [lines[0], kit.fit(" ".join(lines[1:]), 436, "@small")]
        for i, line in enumerate(lines):
            self.continue_widgets.append(kit.label(x, y + 64 + 20 * i, 440, line, "@small",
                                                   object_id=f"#continue_info_{i}", h=20))

    def _pick_class_file(self) -> None:
        """"Join a class": the class file the facilitator sent, picked in a file dialog."""
        trainee = self.app.trainee
        if not trainee or not valid_trainee(trainee):
            self.app.set_status(self.t("class.need_trainee" if not trainee else "start.bad_trainee"),
                                "bad")
            self.rebuild()
            return
        from game.ui.file_dialog import FileDialog

        width, height = 640, 480
        rect = pygame.Rect((self.width - width) // 2, (self.height - height) // 2, width, height)
        self.class_dialog = FileDialog(rect, self.kit.manager,
                                       window_title=self.t("start.class_dialog"),
                                       allowed_suffixes={".json"},
                                       initial_file_path=str(Path.home()),
                                       allow_existing_files_only=True,
                                       object_id="#class_dialog")
        self.class_dialog.set_blocking(True)

    def on_file_picked(self, path: str) -> None:
        """The class file picked: its case, for the trainee typed above."""
        self.class_dialog = None
        self.app.start_class(path, self.app.mode, self.app.trainee)

    def _resume(self) -> None:
        if self.session_id is not None:
            self.app.resume(self.session_id)

    def _trainee(self, text: str) -> None:
        trainee = text.strip()
        if trainee != self.app.trainee:
            self.app.trainee = trainee
            self._continue(*self.continue_at)

    def _mode(self, mode: str) -> None:
        self.app.mode = mode
        self.rebuild()

    def _pick(self, i: int) -> None:
        self.selected = i
        self._load_selected()
        self.rebuild()

    def on_entry_finished(self, element: Any) -> None:
        """Enter in the trainee ID box starts the game, as the button's "(Enter)" says."""
        if element is self.trainee_entry and element.alive():
            self.on_next()

    def on_key(self, key: int, mod: int) -> bool:
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.on_next()
            return True
        return False

    def on_next(self) -> None:
        if self.choices and self.choices[self.selected].manager is not None:
            trainee = self.app.trainee
            if (trainee and not valid_trainee(trainee)) or (self.app.mode == "assessment"
                                                            and not trainee):
                key = "start.bad_trainee" if trainee else "start.need_trainee"
                self.app.set_status(self.t(key), "bad")
                self.rebuild()
                return
            self.app.hand_off(self.choices[self.selected].path)
            return
        if not self.choices or self.choices[self.selected].scenario is None:
            self.app.set_status(self.t("start.pick_valid"), "bad")
            self.rebuild()
            return
        self.app.start_game(self.choices[self.selected].path, self.app.mode, self.app.trainee)
