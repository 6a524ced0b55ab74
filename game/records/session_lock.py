"""One session is played by one process at a time: an advisory lock on a file per session, which
the operating system lets go of when the process ends, however it ends (a crash, a kill -9)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from game.records.errors import RecordsError

LOCK_FOLDER = "locks"

_held: dict[Path, IO[str]] = {}  # this process's locks: taking one again here is a no-op


class SessionBusy(RecordsError):
    """Another process is playing the session."""


def _lock_file(fh: IO[str]) -> bool:
    """Take the lock on ``fh`` without waiting; False when another process has it."""
    if os.name == "nt":  # pragma: no cover - the project is tested on POSIX
        import msvcrt

        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def lock_session(folder: Path, session_id: str) -> None:
    """Claim ``session_id`` for this process, or raise SessionBusy naming who holds it."""
    path = (folder / LOCK_FOLDER / f"{session_id}.lock").resolve()
    if path in _held:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        fh = os.fdopen(fd, "r+", encoding="utf-8")
    except OSError as exc:
        raise RecordsError.said(str(path), "cannot_claim", why=exc.strerror) from exc
    if not _lock_file(fh):
        holder = fh.read().strip() or "another process"
        fh.close()
        raise SessionBusy(str(folder), f"session {session_id} is being played right now by "
                          f"{holder}", "finish or close that window first; a window that "
                          "crashed lets go of the session by itself")
    fh.seek(0)
    fh.truncate()
    fh.write(f"process {os.getpid()}")
    fh.flush()
    _held[path] = fh


def unlock_session(folder: Path, session_id: str) -> None:
    """Let go of ``session_id`` (closing the file releases the lock)."""
    fh = _held.pop((folder / LOCK_FOLDER / f"{session_id}.lock").resolve(), None)
    if fh is not None:
        fh.close()
