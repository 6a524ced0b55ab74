"""Where the records live: ``--data-dir``, else $SALES_DOJO_DATA, else the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "sales-dojo"
DATA_ENV = "SALES_DOJO_DATA"
DB_NAME = "records.sqlite3"
KEY_NAME = "hmac.key"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The records folder: the argument, else $SALES_DOJO_DATA, else platformdirs' data dir."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(DATA_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def db_path(folder: Path) -> Path:
    return folder / DB_NAME


def key_path(folder: Path) -> Path:
    return folder / KEY_NAME
