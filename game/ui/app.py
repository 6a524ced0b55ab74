"""The game window: ``run(args)`` is what ``python main.py play`` calls.

With ``--script`` the window is driven by a JSON list of steps (see ``game.ui.script``) and
``--screenshot-dir`` saves a PNG of every screen. The records store (``--data-dir``) keeps every
accepted action as it happens; ``--resume`` continues the trainee's latest unfinished session. In
practice mode, saving the scenario file reloads it.

``App`` is built in layers, one concern to a module, each using the ones below it:

| module | layer | holds |
|---|---|---|
| ``window.py`` | ``Window`` | display, UI manager, the screen on show and the view it reads, status line, notices, confirmations |
| ``hot_reload.py`` | ``HotReload`` | watching the scenario file in practice, rebuilding the game from it, the problems panel |
| ``recording.py`` | ``Recording`` | the records store, starting and resuming a recorded game, the start screen's sessions, saving to a file |
| ``submission.py`` | ``Submission`` | applying an action and telling it, undo, ending a phase after a confirmation |
| ``frame_loop.py`` | ``FrameLoop`` | events, shortcuts, F1 help, the guided first round, per-frame work, drawing, screenshots, the loop |
"""

from __future__ import annotations

import argparse

import pygame

from game.ui.frame_loop import FrameLoop
from game.ui.window import SIZE


class App(FrameLoop):
    """The window with every layer; built on the start screen, or on the resumed game."""

    def __init__(self, args: argparse.Namespace, size: tuple[int, int] = SIZE) -> None:
        super().__init__(args, size)
        self.refresh()
        if getattr(args, "class_file", None):
            self.start_class(args.class_file, self.mode, self.trainee)
        elif getattr(args, "resume", False):
            self.resume_latest(self.trainee or None)


def run(args: argparse.Namespace) -> int:
    """Open the window (or drive it from ``--script``); returns the exit code."""
    if getattr(args, "script", None):  # start-up loads nothing of scripting unless asked
        from game.ui.script import run_script, steps_told

        if (steps := steps_told(args)) is None:
            return 2
        app = App(args)
        try:
            return run_script(app, steps)
        finally:
            app.close()
            pygame.quit()
    app = App(args)
    code = app.loop()
    if app.handoff is None:
        return code
    # the manager track, picked on the start screen
    from game.ui.manager_window import ManagerWindow

    return ManagerWindow(app.handoff, app.lang, getattr(args, "seed", None), trainee=app.trainee or None,
                         mode=app.mode, data_dir=getattr(args, "data_dir", None),
                         size=app.handoff_size).loop()  # the window as the trainee left it
