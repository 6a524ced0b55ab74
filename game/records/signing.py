"""HMAC-SHA256 signatures over exports, with a key HR configures.

The key is $SALES_DOJO_HMAC_KEY (its UTF-8 bytes) or, failing that, the key file ``hmac.key`` in
the data folder (``python main.py keygen`` writes one, readable by its owner only). A signature
names its key by a key id (a hash of the key), so a file signed with another key says so.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path
from typing import Any

from game.records.errors import RecordsError
from game.records.paths import key_path
from game.records.store import canonical

KEY_ENV = "SALES_DOJO_HMAC_KEY"
ALGORITHM = "HMAC-SHA256"
MIN_KEY_BYTES = 16


def load_key(folder: Path, required: bool = True) -> bytes | None:
    """The signing key: the environment variable, else the key file in ``folder``."""
    env = os.environ.get(KEY_ENV)
    if env:
        key = env.encode("utf-8")
        where = f"${KEY_ENV}"
    else:
        path = key_path(folder)
        if not path.exists():
            if not required:
                return None
            raise RecordsError.said(str(path), "no_key", env=KEY_ENV, folder=folder)
        try:
            key = path.read_bytes().strip()
        except OSError as exc:
            raise RecordsError.said(str(path), "key_unreadable", why=exc.strerror) from exc
        where = str(path)
    if len(key) < MIN_KEY_BYTES:
        raise RecordsError.said(where, "key_short", size=len(key), least=MIN_KEY_BYTES)
    return key


def require_key(folder: Path) -> bytes:
    """The signing key, or a RecordsError saying how to configure one."""
    key = load_key(folder, required=True)
    if key is None:  # load_key raises first; this keeps the type exact
        raise RecordsError.said(str(key_path(folder)), "no_key", env=KEY_ENV, folder=folder)
    return key


def generate_key(folder: Path) -> Path:
    """Write a new random key file (never replacing an existing one)."""
    path = key_path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as exc:
        raise RecordsError.said(str(path), "key_exists") from exc
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(secrets.token_hex(32) + "\n")
    return path


def key_id(key: bytes) -> str:
    return hashlib.sha256(b"sales-dojo key id\x00" + key).hexdigest()[:16]


def _mac(document: dict[str, Any], key: bytes) -> str:
    body = {k: v for k, v in document.items() if k != "signature"}
    return hmac.new(key, canonical(body).encode("utf-8"), hashlib.sha256).hexdigest()


def sign(document: dict[str, Any], key: bytes) -> dict[str, Any]:
    """``document`` with a ``signature`` over everything else in it."""
    return {**document, "signature": {"algorithm": ALGORITHM, "key_id": key_id(key),
                                      "value": _mac(document, key)}}


def check(document: dict[str, Any], key: bytes) -> str | None:
    """None if the signature is good; otherwise what is wrong with it, in words."""
    sig = document.get("signature")
    if not isinstance(sig, dict) or not isinstance(sig.get("value"), str):
        return "the file has no signature"
    if sig.get("algorithm") != ALGORITHM:
        return f"unknown signature algorithm {sig.get('algorithm')!r}"
    if sig.get("key_id") != key_id(key):
        return (f"it was signed with another key (key id {sig.get('key_id')}; "
                f"the key configured here has id {key_id(key)})")
    if not hmac.compare_digest(sig["value"], _mac(document, key)):
        return "the signature does not match: the file was changed after it was signed"
    return None
