"""``generate``: write a new, tuned scenario from a seed (and an industry) for trainers and tests."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.cli_args import seed_arg
from game.commands.output import EXIT_PROBLEMS, CommandError, Result, add_output_args, command

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
    add_output_args(p)
    p.set_defaults(func=cmd_generate)


@command("generate")
def cmd_generate(args: argparse.Namespace) -> Result:
    from game.assessment.runs import play_named
    from game.text.progress import Ticker
    from game.trainer.generate import MAX_SEED, GenerationError, UnknownIndustry, generate

    if not 0 <= args.seed <= MAX_SEED:
        raise CommandError("generate.bad_seed", most=MAX_SEED)
    out = Path(args.out) if args.out else None
    if out is not None:
        _check_writable(out)
    ticker = Ticker("games played by the reference reps", off=getattr(args, "json", False))

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
        raise CommandError("generate.unknown_industry", name=exc.name,
                           known=", ".join(exc.known)) from None
    except GenerationError as exc:
        raise CommandError("generate.failed", EXIT_PROBLEMS, why=str(exc)) from None
    result = Result({"seed": args.seed, **facts(generated)})
    for warning in generated.warnings:
        result.warn("generate.warning", warning=warning)
    if out is None:
        result.data["yaml"] = generated.text
        result.body = generated.text
        result.warn("generate.summary", **result_facts(generated))  # stderr: stdout is the file
        return result
    try:
        _write(out, generated.text)
    except OSError as exc:
        raise CommandError("common.cannot_write", EXIT_PROBLEMS, path=str(out),
                           why=exc.strerror or str(exc)) from None
    result.data["out"] = str(out)
    return result.say("generate.wrote", path=str(out), **result_facts(generated))


def facts(generated: Generated) -> dict[str, Any]:
    """What was generated and how the reference reps did, for tools."""
    s = generated.scenario
    report = generated.report
    return {"industry": generated.industry, "rounds": s.rounds,
            "segments": len(s.market.segments), "rivals": len(s.competitors),
            "key_accounts": len(s.key_accounts),
            "key_account_share": generated.key_account_share,
            "revenue_target": s.targets.revenue, "expert_median_revenue": report.median("revenue"),
            "idle_revenue": report.idle_revenue}


def result_facts(generated: Generated) -> dict[str, Any]:
    """The same facts as ``facts``, formatted for the one-line summary."""
    f = facts(generated)
    return {**f, "key_account_share": f"{f['key_account_share']:.0%}",
            "revenue_target": f"{f['revenue_target']:,.0f}",
            "expert_median_revenue": f"{f['expert_median_revenue']:,.0f}",
            "idle_revenue": f"{f['idle_revenue']:,.0f}"}


def _check_writable(out: Path) -> None:
    """A problem found (exit 1) when ``out`` is a folder or its folder does not exist."""
    if out.is_dir():
        raise CommandError("generate.out_is_folder", EXIT_PROBLEMS, path=str(out),
                           example=str(out / "my-territory.yaml"))
    if not out.parent.is_dir():
        raise CommandError("generate.no_folder", EXIT_PROBLEMS, path=str(out),
                           folder=str(out.parent))


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
