"""Writing exports atomically: a temp file in the same folder, fsync, then os.replace."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from game.records.errors import RecordsError


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` to ``path`` so that a reader sees the old file or the whole new one."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise RecordsError.said(str(path), "cannot_write", why=exc.strerror) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise RecordsError.said(str(path), "write_failed", why=exc.strerror) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_json_atomic(path: str | Path, data: Any) -> Path:
    return write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def read_json(path: str | Path, what: str) -> Any:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RecordsError.said(str(path), "cannot_read", what=what, why=exc.strerror) from exc
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", 0)
        raise RecordsError.said(f"{path}:{line}" if line else str(path), "not_json", what=what,
                                why=exc) from exc
