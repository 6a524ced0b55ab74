"""Hot reload for trainers: watch the scenario file while practice runs, and say what is wrong.

``Watcher`` polls the file's modification time and size every ``interval`` seconds of frame time
(the window's clock; the rules never see it). ``problems_of`` gathers what to show after a
reload: the loader's positioned errors, and the lint's errors and warnings when
``game.trainer.lint`` is there.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from game.scenario.errors import Problem

POLL_SECONDS = 0.5


class Watcher:
    """Tells when a file changed (modification time or size), looking every ``interval`` s."""

    def __init__(self, path: str | Path, interval: float = POLL_SECONDS) -> None:
        self.path = Path(path)
        self.interval = interval
        self.elapsed = 0.0
        self.stamp = self._stamp()

    def _stamp(self) -> tuple[int, int] | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def tick(self, dt: float) -> bool:
        """Count ``dt`` seconds of frame time; True when a look finds the file changed."""
        self.elapsed += dt
        if self.elapsed < self.interval:
            return False
        self.elapsed = 0.0
        now = self._stamp()
        if now is None or now == self.stamp:  # gone (being rewritten?) or unchanged
            return False
        self.stamp = now
        return True


def lint_problems(path: str | Path) -> list[Problem]:
    """The lint's problems of the file (none if there is no lint module)."""
    try:
        from game.trainer.lint import check_file
    except ImportError:
        return []
    try:
        return list(check_file(path))
    except Exception:  # a lint rule that fails must not take the game down with it
        return []


def problems_of(errors: Sequence[Problem], path: str | Path) -> list[Problem]:
    """The loader's ``errors`` first, then every other problem the lint finds, by position."""
    seen = {(p.line, p.column, p.code) for p in errors}
    extra = [p for p in lint_problems(path) if (p.line, p.column, p.code) not in seen]
    return [*errors, *sorted(extra, key=lambda p: p.sort_key)]
