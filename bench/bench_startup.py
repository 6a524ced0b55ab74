"""Time from ``python main.py play`` to the window's first drawn frame, as a user starts it.

Each run starts the real command in a process of its own and reads two wall-clock times the
window writes when ``SALES_DOJO_FIRST_FRAME`` names a file: the first frame drawn (the window
opens on the game's name, drawn before the game's modules load) and the first frame of the start
screen, ready for input (saved as a PNG; then the window closes). A *fresh* run approximates a first start after installing: the
game's files are a new copy (no compiled bytecode yet) and the file cache is emptied, where the
system lets us, for that copy, the Python standard library and the packages the window imports
(``posix_fadvise(DONTNEED)``; pages other programs have mapped stay cached). A *warm* run starts
again from the same copy. Also checked on every run: nothing on stderr, and a first frame that is
not black.

Target: first frame <= 2 s after the command on a fresh install.

Run: python bench/bench_startup.py [--runs 5] [--real]   (--real: the system's display driver)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 2.0
PACKAGES = ("pygame", "pygame_gui", "pydantic", "pydantic_core", "yaml", "numpy", "platformdirs",
            "i18n", "annotated_types", "typing_extensions")


def game_files() -> list[str]:
    """The files of the game as checked in (what an install holds)."""
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
    return [f for f in out.stdout.decode().split("\0") if f]


def fresh_copy(into: Path) -> Path:
    copy = into / "sales-dojo"
    for name in game_files():
        source = ROOT / name
        if source.is_file():
            target = copy / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return copy


def evict(paths: list[Path]) -> int:
    """Ask the kernel to drop these files from its cache; the number of files asked about."""
    if not hasattr(os, "posix_fadvise"):
        return 0
    count = 0
    for top in paths:
        files = [top] if top.is_file() else (p for p in top.rglob("*") if p.is_file())
        for path in files:
            try:
                fd = os.open(path, os.O_RDONLY)
            except OSError:
                continue
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                count += 1
            finally:
                os.close(fd)
    return count


def cold_paths(copy: Path) -> list[Path]:
    paths = [copy, Path(sysconfig.get_paths()["stdlib"])]
    site = Path(sysconfig.get_paths()["purelib"])
    for name in PACKAGES:
        for found in site.glob(name + "*"):
            paths.append(found)
    return paths


def black_share(png: Path) -> float:
    """Share of pure black pixels in the first frame."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    image = pygame.image.load(str(png))
    w, h = image.get_size()
    points = [(x, y) for x in range(0, w, 8) for y in range(0, h, 8)]
    black = sum(1 for p in points if tuple(image.get_at(p))[:3] == (0, 0, 0))
    return black / len(points)


def start(copy: Path, work: Path, real: bool, n: int) -> tuple[float, float, str, float]:
    """One start: seconds to the first drawn frame and to the start screen, stderr, share of
    black in the start screen's first frame."""
    stamp = work / f"first-{n}.json"
    env = dict(os.environ)
    env["SALES_DOJO_FIRST_FRAME"] = str(stamp)
    env["SALES_DOJO_DATA"] = str(work / "records")
    if not real:
        env["SDL_VIDEODRIVER"] = "dummy"
    env.pop("SDL_AUDIODRIVER", None)
    env.pop("PYGAME_HIDE_SUPPORT_PROMPT", None)
    began = time.time()
    done = subprocess.run([sys.executable, "main.py", "play"], cwd=copy, env=env,
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0 or not stamp.exists():
        raise SystemExit(f"the window did not start (exit {done.returncode}): {done.stderr.strip()}")
    times = json.loads(stamp.read_text(encoding="utf-8"))
    return (times["first_drawn_at"] - began, times["shown_at"] - began, done.stderr,
            black_share(stamp.with_suffix(".png")))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh installs to start (default 5)")
    parser.add_argument("--real", action="store_true", help="use the system's display driver")
    args = parser.parse_args()
    fresh: list[float] = []
    warm: list[float] = []
    fresh_ready: list[float] = []
    warm_ready: list[float] = []
    noise: list[str] = []
    black: list[float] = []
    for n in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="dojo-start-") as tmp:
            work = Path(tmp)
            copy = fresh_copy(work)
            evicted = evict(cold_paths(copy))
            for k, (drawn, ready) in enumerate(((fresh, fresh_ready), (warm, warm_ready))):
                first, screen, err, dark = start(copy, work, args.real, 2 * n + k)
                drawn.append(first)
                ready.append(screen)
                noise.append(err)
                black.append(dark)
            print(f"run {n + 1}: fresh {fresh[-1]:.2f} s (start screen {fresh_ready[-1]:.2f} s), "
                  f"warm {warm[-1]:.2f} s (start screen {warm_ready[-1]:.2f} s); "
                  f"{evicted} files evicted from the cache")
    quiet = all(not e for e in noise)
    for name, values in (("first drawn frame, fresh install", fresh),
                         ("first drawn frame, later starts ", warm),
                         ("start screen ready, fresh install", fresh_ready),
                         ("start screen ready, later starts ", warm_ready)):
        print(f"{name}: median {statistics.median(values):.2f} s "
              f"(min {min(values):.2f}, max {max(values):.2f})")
    print(f"target: first drawn frame <= {TARGET_S:.1f} s on a fresh install")
    print(f"stderr at start: {'empty' if quiet else 'NOT EMPTY: ' + next(e for e in noise if e)[:300]}")
    print(f"black in the first frame: at most {max(black):.1%} of the window")
    ok = statistics.median(fresh) <= TARGET_S and quiet and max(black) < 0.01
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
