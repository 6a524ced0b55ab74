"""Screenshots: a PNG of every screen the window passes (``--screenshot-dir``)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Protocol

import pygame


class Shown(Protocol):
    """A window as the recorder sees it: the rep's (``App``) or the manager's."""

    display: pygame.Surface
    lang: str

    @property
    def screen_id(self) -> tuple[str, int] | None: ...


class Recorder:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.count = 0
        self.saved: list[Path] = []
        self.last: object = None

    def capture_new(self, app: Shown) -> Path | None:
        """Save the window if it shows a screen not saved just before."""
        ident = (app.screen_id, app.lang)
        if ident == self.last:
            return None
        self.last = ident
        return self.capture(app)

    def capture(self, app: Shown, name: str | None = None) -> Path:
        """Save the window as it is now, as ``NN-<screen>[-rN].png`` or ``NN-<name>.png``."""
        if name is None:
            key, round_ = app.screen_id or ("screen", 0)
            name = f"{key}-r{round_}" if round_ else key
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") or "screen"
        path = self.directory / f"{self.count:02d}-{safe}.png"
        pygame.image.save(app.display, str(path))  # what the eye sees, at the window's size
        self.count += 1
        self.saved.append(path)
        return path


SIZES = ((1280, 720), (960, 540))
SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "screenshot-script.json"


def shoot_all(out: Path, sizes: tuple[tuple[int, int], ...] = SIZES) -> int:
    """Every screen in zh and en at every size: ``docs/screenshot-script.json`` played once per
    language and size, each into ``out/<lang>-<W>x<H>/`` with its own empty records folder."""
    import os
    import subprocess
    import sys
    import tempfile

    root = SCRIPT.parents[1]
    env = dict(os.environ, SDL_VIDEODRIVER=os.environ.get("SDL_VIDEODRIVER", "dummy"))
    worst = 0
    for lang in ("zh", "en"):
        for w, h in sizes:
            folder = out / f"{lang}-{w}x{h}"
            with tempfile.TemporaryDirectory(prefix="dojo-shots-") as records:
                done = subprocess.run([sys.executable, str(root / "main.py"), "play", "--lang", lang,
                                       "--size", f"{w}x{h}", "--script", str(SCRIPT),
                                       "--screenshot-dir", str(folder), "--data-dir", records],
                                      cwd=root, env=env, text=True, capture_output=True)
            print(f"{lang} {w}x{h}: " + (done.stdout.strip().splitlines() or ["no output"])[-1])
            if done.returncode != 0 or done.stderr:
                print(done.stderr.strip() or done.stdout.strip())
                worst = max(worst, done.returncode or 1)
    return worst


if __name__ == "__main__":
    import sys

    if len(sys.argv) != 2 or sys.argv[1].startswith("-"):
        print("usage: python -m game.ui.shots OUT_DIR   (every screen, zh and en, 1280x720 and 960x540)")
        sys.exit(2)
    sys.exit(shoot_all(Path(sys.argv[1])))
