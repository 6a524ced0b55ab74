"""What an unexpected error becomes: one line for the person, the details in a crash file."""

from __future__ import annotations

import os
import platform
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

from game import ENGINE_VERSION

CRASH_FOLDER = "crashes"


def crash_folder(data_dir: str | os.PathLike[str] | None) -> Path:
    """Where crash files go: ``crashes/`` in the records folder (``--data-dir`` when given)."""
    from game.records.paths import data_dir as records_dir

    return records_dir(data_dir) / CRASH_FOLDER


def write_crash(exc: BaseException, argv: list[str], folder: Path) -> Path | None:
    """The traceback, version, command line and platform in a new file under ``folder``, readable
    by its owner only; None when the file cannot be written."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")  # a file name, never a rule
    text = "".join([
        f"Sales Dojo {ENGINE_VERSION} crash report\n",
        f"when: {stamp}\n",
        f"command: python main.py {' '.join(argv)}\n",
        f"python: {sys.version.split()[0]} on {platform.platform()}\n\n",
        *traceback.format_exception(exc),
    ])
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{stamp}.txt"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        return path
    except OSError:
        return None


def one_line(exc: BaseException, path: Path | None, lang: str) -> str:
    """The line a person reads: what went wrong and where the details are."""
    what = f"{type(exc).__name__}: {exc}".strip().splitlines()[0][:200]
    if lang == "zh":
        if path is None:
            return f"错误：发生了意外问题（{what}）。无法写入崩溃报告，请把这条信息发给维护人员。"
        return f"错误：发生了意外问题（{what}）。详细信息已写入 {path}；请把该文件发给维护人员。"
    if path is None:
        return f"error: something unexpected went wrong ({what}); the crash report could not be " \
               "written — please send this message to whoever looks after the game"
    return f"error: something unexpected went wrong ({what}); details are in {path} — please " \
           "send that file to whoever looks after the game"
