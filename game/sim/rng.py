"""Named random streams derived from the scenario seed, one per subsystem."""

from __future__ import annotations

import zlib

import numpy as np


def stream(seed: int, name: str) -> np.random.Generator:
    """A Generator for subsystem ``name``: independent of every other name's stream.

    The stream depends only on (seed, name), so adding a competitor or a research action never
    shifts the draws of the customer population.
    """
    key = zlib.crc32(name.encode("utf-8"))
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(key,))))


def keyed_stream(seed: int, name: str, *parts: str | int) -> np.random.Generator:
    """A Generator for one draw of subsystem ``name`` named by ``parts`` (e.g. a round, a method
    and what it looked at): independent of every other key's, so that doing or dropping one
    such action never shifts what another shows."""
    keys = [zlib.crc32(name.encode("utf-8"))]
    keys += [p if isinstance(p, int) else zlib.crc32(p.encode("utf-8")) for p in parts]
    if any(k < 0 for k in keys):
        raise ValueError("stream key parts must be non-negative")
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=tuple(keys))))
