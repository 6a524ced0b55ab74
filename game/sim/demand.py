"""The market's demand index: an AR(1) process times any active demand shocks."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.scenario.models import Demand


@dataclass
class Shock:
    multiplier: float
    weeks_left: int


class DemandIndex:
    """x[t] = mean + phi (x[t-1] - mean) + sigma eps_t, starting at the mean."""

    def __init__(self, mean: float, phi: float, sigma: float, floor: float = 0.05) -> None:
        if not 0 <= phi < 1:
            raise ValueError("phi must lie in [0, 1) for a stationary index")
        if sigma < 0:
            raise ValueError("sigma must be >= 0")
        self.mean = float(mean)
        self.phi = float(phi)
        self.sigma = float(sigma)
        self.floor = float(floor)  # the effective demand never falls below it
        self.x = float(mean)
        self.shocks: list[Shock] = []
        self.value = max(self.floor, self.x)  # the last effective demand

    @classmethod
    def from_scenario(cls, demand: Demand) -> DemandIndex:
        return cls(demand.mean, demand.phi, demand.sigma, demand.floor)

    def shock(self, multiplier: float, weeks: int) -> None:
        """Multiply the effective demand by ``multiplier`` for the next ``weeks`` steps."""
        if multiplier < 0:
            raise ValueError("a demand shock multiplier must be >= 0")
        if weeks > 0:
            self.shocks.append(Shock(float(multiplier), int(weeks)))

    def step(self, rng: np.random.Generator) -> float:
        """Advance one week; the effective demand: x times active shocks, at least the floor."""
        eps = float(rng.standard_normal())
        self.x = self.mean + self.phi * (self.x - self.mean) + self.sigma * eps
        factor = 1.0
        if self.shocks:
            for shock in self.shocks:
                factor *= shock.multiplier
                shock.weeks_left -= 1
            self.shocks = [s for s in self.shocks if s.weeks_left > 0]
        self.value = max(self.floor, self.x * factor)
        return self.value

    def state(self) -> tuple[float, tuple[tuple[float, int], ...]]:
        """The full state (x and active shocks), e.g. for hashing a replay."""
        return self.x, tuple((s.multiplier, s.weeks_left) for s in self.shocks)
