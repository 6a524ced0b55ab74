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
