"""Economics values outside the range the game's rules were built for (W207): legal, but the world
they make would surprise its trainees (a write-down of 90%, a relationship gain of 9)."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from game.scenario.economics import plausible_range
from game.scenario.errors import Problem
from game.scenario.messages import msg
from game.trainer.lint_base import LintContext


def economics_rules(ctx: LintContext) -> Iterator[Problem]:
    scenario = ctx.scenario
    if scenario is None:  # only called once the file loaded
        return
    given = ctx.tree.data.get("economics") if isinstance(ctx.tree.data, dict) else None
    if not isinstance(given, dict):
        return
    yield from _ranges(ctx, scenario.economics, given, ("economics",))
    econ = scenario.economics
    if "accounts" in given and econ.accounts.calloff_floor >= econ.retention.reference:
        yield ctx.problem(
            ("economics", "accounts", "calloff_floor"), "W207",
            msg("W207.calloff_floor", floor=econ.accounts.calloff_floor,
                reference=econ.retention.reference),
            msg("W207.calloff_floor_hint"))


def _ranges(ctx: LintContext, block: BaseModel, given: dict, at: tuple[str, ...]) -> Iterator[Problem]:
    """Every numeric value the file gives outside its field's plausible range."""
    for name, value in given.items():
        if name not in type(block).model_fields:
            continue
        current = getattr(block, name)
        if isinstance(current, BaseModel) and isinstance(value, dict):
            yield from _ranges(ctx, current, value, (*at, name))
            continue
        bounds = plausible_range(type(block), name)
        if bounds is None or not isinstance(current, int | float) or isinstance(current, bool):
            continue
        lo, hi = bounds
        if not lo <= current <= hi:
            default = type(block).model_fields[name].default
            yield ctx.problem(
                (*at, name), "W207",
                msg("W207.out_of_range", name=".".join(at[1:] + (name,)), value=current,
                    lo=lo, hi=hi),
                msg("W207.out_of_range_hint", default=default, lo=lo, hi=hi))

