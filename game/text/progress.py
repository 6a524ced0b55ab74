"""A progress bar on stderr for long commands (only where a person watches: a terminal)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO

Progress = Callable[[int, int], None]
"""Called with (done, total) after each piece of work."""


def bar(unit: str, stream: TextIO | None = None, force: bool = False) -> Progress | None:
    """A callback drawing ``[#####.....] done/total unit`` on one line of ``stream`` (stderr);
    None when the stream is not a terminal, unless ``force``."""
    out = stream if stream is not None else sys.stderr
    if not force and not out.isatty():
        return None

    def draw(done: int, total: int) -> None:
        width = 30
        filled = int(width * done / max(1, total))
        end = "\n" if done >= total else ""
        out.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {unit}{end}")
        out.flush()

    return draw


class Ticker:
    """A running count ``... 12 games played`` on one line of stderr, for work whose total is not
    known in advance; draws only on a terminal, unless ``force``, and never when ``off`` (a
    command asked for ``--json``)."""

    def __init__(self, unit: str, stream: TextIO | None = None, force: bool = False,
                 off: bool = False) -> None:
        self.out = stream if stream is not None else sys.stderr
        self.unit = unit
        self.count = 0
        self.shown = not off and (force or self.out.isatty())

    def tick(self) -> None:
        self.count += 1
        if self.shown:
            self.out.write(f"\r... {self.count} {self.unit}")
            self.out.flush()

    def close(self) -> None:
        """End the line the count was drawn on (nothing when nothing was drawn)."""
        if self.shown and self.count:
            self.out.write("\n")
            self.out.flush()
