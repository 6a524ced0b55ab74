"""Hot reload in practice mode: saving the scenario file rebuilds the game from it (same seed,
the trainee's steps re-applied), or shows what is wrong with it and keeps the game.

The file watcher and the problems to show are in ``game.ui.reload``; this is the window's part.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.records.errors import RecordsError
from game.scenario.errors import Problem, ScenarioError
from game.ui import story
from game.ui.dialogs import ProblemsPanel
from game.ui.reload import Watcher, problems_of
from game.ui.window import SIZE, Window


class HotReload(Window):
    """Watches the file of the game on show (practice only) and reloads it when it changes."""

    def __init__(self, args: argparse.Namespace, size: tuple[int, int] = SIZE) -> None:
        super().__init__(args, size)
        self.watcher: Watcher | None = None
        self.problems: ProblemsPanel | None = None

    def watch_scenario(self) -> None:
        """A game is on show: watch its scenario file in practice mode."""
        self.close_problems()
        play = self.play
        path = Path(play.scenario_path) if play and play.scenario_path else None
        watch = play is not None and play.mode == "practice" and path is not None and path.is_file()
        self.watcher = Watcher(path) if watch and path is not None else None

    def hot_reload(self) -> None:
        """The scenario file changed: reload it; if it loads, rebuild the game from it with the
        same seed and re-apply the actions so far; if not, show why and keep the game."""
        play = self.play
        if play is None or play.mode != "practice" or not play.scenario_path:
            return
        t = self.strings.t
        path = play.scenario_path
        try:
            scenario, sha = self.load(path)
        except ScenarioError as err:
            problems = problems_of(err.problems, path)
            self.show_problems(t("reload.failed_title"), t("reload.failed_intro", file=Path(path).name,
                               n=len(err.problems)), problems)
            self.set_status(t("reload.failed", n=len(err.problems)), "bad")
            self.chrome.build()
            return
        problems = problems_of([], path)
        if sha == play.sha256:
            self.close_problems()
            self.set_status(t("reload.unchanged"), "info")
            self.chrome.build()
            return
        total = len(play.game.actions)
        self.progress(t("working.reloading", done=0, total=total), 0.0)
        try:
            done = play.reload(scenario, sha, lambda n, of: self.progress(
                t("working.reloading", done=n, total=of), n / max(1, of)))
        except RecordsError as err:
            print(str(err), file=sys.stderr)
            self.set_status(t("records.failed", why=self.told(err)), "bad")
            self.refresh(force=True)
            return
        if done.result is None:
            self.set_status(t("reload.done", n=done.applied), "good")
        else:
            why = story.reason(done.result.code, done.result.reason, self.strings)
            self.set_status(t("reload.stopped", n=done.applied, total=done.total,
                              action=t("action." + str(getattr(done.action, "type", "other"))),
                              why=why), "warn")
        if problems:
            self.show_problems(t("reload.warnings_title"),
                               t("reload.warnings_intro", file=Path(path).name, n=len(problems)),
                               problems)
        else:
            self.close_problems()
        self.refresh(force=True)

    def show_problems(self, title: str, intro: str, problems: list[Problem]) -> None:
        self.close_problems()
        self.problems = ProblemsPanel(self.kit(), title, intro, problems, self.strings.t("dialog.close"),
                                      self.size, self.strings.lang)

    def close_problems(self) -> None:
        if self.problems is not None:
            self.problems.close()
            self.problems = None

    def told(self, err: RecordsError | ScenarioError) -> str:
        """What went wrong and what to do, in the window's language, for its status line."""
        lang = self.strings.lang
        if isinstance(err, ScenarioError):
            return err.problems[0].format(lang) if err.problems else str(err)
        if err.key == "engine_changed":  # the common case, said without the session's id
            return self.strings.t("status.engine_changed", **err.facts)
        hint = err.hint_in(lang)
        return self.strings.t("status.why_hint", why=err.message_in(lang), hint=hint) if hint \
            else err.message_in(lang)
