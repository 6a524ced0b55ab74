"""Attribute distributions declared as data, e.g. ``{normal: [1.0, 0.2], clip: [0.2, 3]}``."""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator

from game.scenario.errors import RuleBroken
from game.scenario.messages import joined, msg

_KINDS = ("constant", "normal", "lognormal", "uniform", "beta", "triangular")


class Distribution(BaseModel):
    """Exactly one of the kinds below, optionally clipped to ``[lo, hi]``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    constant: float | None = Field(None, description="Every customer gets this value.")
    normal: tuple[float, float] | None = Field(None, description="[mean, standard deviation]")
    lognormal: tuple[float, float] | None = Field(
        None, description="[mu, sigma] of the underlying normal (the median is exp(mu))"
    )
    uniform: tuple[float, float] | None = Field(None, description="[low, high]")
    beta: tuple[float, float] | None = Field(None, description="[a, b], values in 0..1")
    triangular: tuple[float, float, float] | None = Field(None, description="[low, mode, high]")
    clip: tuple[float, float] | None = Field(None, description="[low, high] bounds applied last")

    @model_validator(mode="after")
    def _exactly_one_kind(self) -> Distribution:
        given = [k for k in _KINDS if getattr(self, k) is not None]
        if len(given) != 1:
            kinds = joined(_KINDS, "ids")
            raise RuleBroken(
                msg("E106.one_shape_got", kinds=kinds, given=joined(given, "ids"))
                if given
                else msg("E106.one_shape", kinds=kinds)
            )
        if self.normal is not None and self.normal[1] < 0:
            raise RuleBroken(msg("E106.normal_sd"))
        if self.lognormal is not None and self.lognormal[1] < 0:
            raise RuleBroken(msg("E106.lognormal_sigma"))
        if self.uniform is not None and self.uniform[0] > self.uniform[1]:
            raise RuleBroken(msg("E106.uniform_order"))
        if self.beta is not None and min(self.beta) <= 0:
            raise RuleBroken(msg("E106.beta_positive"))
        if self.triangular is not None:
            lo, mode, hi = self.triangular
            if not lo <= mode <= hi or lo == hi:
                raise RuleBroken(msg("E106.triangular_order"))
        if self.clip is not None and self.clip[0] > self.clip[1]:
            raise RuleBroken(msg("E106.clip_order"))
        return self

    @property
    def kind(self) -> str:
        return next(k for k in _KINDS if getattr(self, k) is not None)

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` draws as float64 (clipped if a clip is given)."""
        if self.constant is not None:
            out = np.full(n, self.constant, dtype=np.float64)
        elif self.normal is not None:
            out = rng.normal(self.normal[0], self.normal[1], n)
        elif self.lognormal is not None:
            out = rng.lognormal(self.lognormal[0], self.lognormal[1], n)
        elif self.uniform is not None:
            out = rng.uniform(self.uniform[0], self.uniform[1], n)
        elif self.beta is not None:
            out = rng.beta(self.beta[0], self.beta[1], n)
        elif self.triangular is not None:
            out = rng.triangular(*self.triangular, n)
        else:  # the model's validator makes every distribution name exactly one shape
            raise ValueError("the distribution names no shape")
        if self.clip is not None:
            np.clip(out, self.clip[0], self.clip[1], out=out)
        return out

    def bounds(self) -> tuple[float, float]:
        """The range the values can take (infinite where unbounded)."""
        if self.constant is not None:
            lo = hi = self.constant
        elif self.uniform is not None:
            lo, hi = self.uniform
        elif self.beta is not None:
            lo, hi = 0.0, 1.0
        elif self.triangular is not None:
            lo, hi = self.triangular[0], self.triangular[2]
        elif self.lognormal is not None:
            lo, hi = 0.0, float("inf")
        else:
            lo, hi = float("-inf"), float("inf")
        if self.clip is not None:
            lo, hi = max(lo, self.clip[0]), min(hi, self.clip[1])
        return lo, hi
