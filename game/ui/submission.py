"""Sending the trainee's decisions to the engine: an action applied (and told in the status
line), undo in practice mode, and ending a phase, a round or the game after a confirmation."""

from __future__ import annotations

from game.engine.actions import Action, EndPhase
from game.engine.phases import Phase, next_phase
from game.engine.stakes import at_stake
from game.ui import fmt, story
from game.ui.recording import Recording


class Submission(Recording):
    """Applies actions, takes them back, and asks before a phase ends."""

    def submit(self, action: Action) -> bool:
        """Apply an action, say what happened in the status line, redraw."""
        if self.play is None:
            raise RuntimeError("an action was submitted with no game on show")
        view = self.play.game.view()
        if isinstance(action, EndPhase) and view.phase == Phase.REVIEW \
                and view.round >= view.rounds:
            self.progress(self.strings.t("working.scoring"))  # the last step scores the game
        result = self.play.apply(action)
        if result.accepted:
            self.set_status(story.summary(result.events, self.names()), "good")
        else:
            self.set_status(story.rejection(result.code, result.reason, self.strings, result.params), "bad")
        self.refresh()
        return result.accepted

    def undo(self) -> None:
        if self.play is not None and self.play.undo():
            self.set_status(self.strings.t("status.undone"), "info")
        self.refresh(force=True)

    # ------------------------------------------------------------------ the end of a phase

    def next_label(self) -> str:
        view = self.view
        if view is None:
            return ""
        phase = Phase(view.phase)
        if phase == Phase.REVIEW:
            last = view.round >= view.rounds
            return self.strings.t("chrome.finish_game" if last else "chrome.finish_round")
        nxt = next_phase(phase)
        return self.strings.t("chrome.next", phase=self.strings.t("phase." + nxt.value)) if nxt else ""

    def confirm_end_phase(self) -> None:
        view = self.view
        if view is None or view.over:
            return
        t = self.strings.t
        phase = Phase(view.phase)
        now = t("phase." + phase.value)
        ends_game = phase == Phase.REVIEW and view.round >= view.rounds
        if phase == Phase.REVIEW:
            if view.round >= view.rounds:
                message = t("dialog.end_game")
            else:
                message = t("dialog.end_round", round=view.round, next=view.round + 1)
        else:
            nxt = next_phase(phase)
            message = t("dialog.end_phase", phase=now, next=t("phase." + nxt.value) if nxt else "")
        stakes = at_stake(view)
        if not stakes:
            self.confirm(t("dialog.end_phase_title", phase=now),
                         f"{message} {self.irreversible_note(ends_game)}",
                         lambda: self.submit(EndPhase()))
            return
        names = self.names()
        lines = [t("dialog.stakes." + what, accounts=names.join_names([names.account(a)
                                                                       for a in ids]))
                 for what, ids in (("unsigned", stakes.unsigned), ("unpursued", stakes.unpursued),
                                   ("paused", stakes.paused)) if ids]
        if stakes.service_days:
            key = {0: "service_survey", 1: "service_one"}.get(stakes.service_visits, "service")
            lines.append(t("dialog.stakes." + key,
                           left=fmt.days(view.effort_left), need=fmt.days(stakes.service_days),
                           visits=stakes.service_visits))
        title = t("dialog.stakes_title") if stakes.losses else t("dialog.end_phase_title", phase=now)
        self.confirm(title, "\n".join([*lines, f"{message} {self.irreversible_note(ends_game)}"]),
                     lambda: self.submit(EndPhase()),
                     ok_text=t("dialog.lose_deals") if stakes.losses else None,
                     cancel_text=t("dialog.go_back"))

    def on_next(self) -> None:
        if self.screen is not None:
            self.screen.on_next()
