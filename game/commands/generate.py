"""``generate``: write a new, tuned scenario from a seed (and an industry) for trainers and tests."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.cli_args import seed_arg

if TYPE_CHECKING:
    from game.engine.game import Game
    from game.scenario.models import Scenario
    from game.trainer.generate import Generated


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "generate",
        help="write a new scenario from a seed: varied, tuned by simulation, lint-clean",
        description="Write a new scenario from a seed: an industry's company, market, rivals, "
        "key accounts and risks, with targets set from the expert bot's games. The same seed "
        "and industry always give the same file.",
    )
    p.add_argument("--seed", type=seed_arg, required=True, metavar="N",
                   help="any whole number from 0; the same seed gives the same scenario")
    p.add_argument("--industry", metavar="NAME", default=None,
                   help="e.g. business-pcs, office-furniture, industrial-sensors, "
                   "medical-consumables, cloud-software (default: drawn from the seed)")
    p.add_argument("--out", metavar="FILE", default=None,
                   help="write the scenario here (default: print it)")
    p.set_defaults(func=cmd_generate)


def cmd_generate(args: argparse.Namespace) -> int:
    from game.assessment.runs import play_named
    from game.text.progress import Ticker
    from game.trainer.generate import MAX_SEED, GenerationError, UnknownIndustry, generate

    if not 0 <= args.seed <= MAX_SEED:
        print(f"error: --seed must be a whole number from 0 to {MAX_SEED}", file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else None
    if out is not None:
        problem = _unwritable(out)
        if problem:
            print(problem, file=sys.stderr)
            return 1
    ticker = Ticker("games played by the reference reps")

    def player(scenario: Scenario, name: str, seed: int) -> Game:
        game = play_named(scenario, name, seed)
        ticker.tick()
        return game

    try:
        try:
            generated = generate(args.seed, args.industry, player)
        finally:
            ticker.close()  # the count's line ends before any message
    except UnknownIndustry as exc:
        print(f"error: {exc}\n  hint: pass one of them to --industry, or leave it out to let "
              "the seed choose", file=sys.stderr)
        return 2
    except GenerationError as exc:
        print(f"error: {exc}\n  hint: try another seed", file=sys.stderr)
        return 1
    for warning in generated.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if out is None:
        sys.stdout.write(generated.text)
        print(summary(generated), file=sys.stderr)
        return 0
    try:
        _write(out, generated.text)
    except OSError as exc:
        print(f"{out}: error: the scenario could not be written ({exc.strerror or exc})",
              file=sys.stderr)
        return 1
    print(f"wrote {out}: {summary(generated)}")
    return 0


def summary(generated: Generated) -> str:
    """One line for people: what was generated and how the reference reps did."""
    s = generated.scenario
    report = generated.report
    return (
        f"{generated.industry}, {s.rounds} rounds, {len(s.market.segments)} segments, "
        f"{len(s.competitors)} rivals, {len(s.key_accounts)} key accounts "
        f"({generated.key_account_share:.0%} of the revenue target); revenue target "
        f"{s.targets.revenue:,.0f} (expert median {report.median('revenue'):,.0f}, "
        f"idle at most {report.idle_revenue:,.0f})"
    )


def _unwritable(out: Path) -> str | None:
    """Why ``out`` cannot be written (None if it can)."""
    folder = out.parent
    if out.is_dir():
        return (f"{out}: error: this is a folder, not a file\n"
                f"  hint: give a file name, e.g. --out {out / 'my-territory.yaml'}")
    if not folder.is_dir():
        return (f"{out}: error: the folder {folder} does not exist\n"
                f"  hint: create it first (mkdir -p {folder}) or give --out a path in an "
                "existing folder")
    return None


def _write(target: Path, text: str) -> None:
    """Write through a temporary file in the same folder, so a failure leaves no half file."""
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(temporary, _file_mode(target))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _file_mode(target: Path) -> int:
    """The mode a new file gets (the umask applied), or the mode of the file replaced."""
    if target.exists():
        return target.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
