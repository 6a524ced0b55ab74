"""Numbers out of range and unknown names are usage errors (exit 2, one line), not tracebacks."""

from __future__ import annotations

import subprocess
import sys

import pytest

RIVERSIDE = "scenarios/riverside-first-territory.yaml"


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["simulate", RIVERSIDE, "--seed", "-1"], "argument --seed: -1 is out of range"),
        (["simulate", RIVERSIDE, "--seed", "abc"], "'abc' is not a whole number"),
        (["lab", RIVERSIDE, "--customers", "-5"], "argument --customers: -5 is out of range"),
        (["lab", RIVERSIDE, "--workers", "0"], "argument --workers: 0 is out of range"),
        (["simulate", RIVERSIDE, "--bot", "nosuch"], "unknown bot 'nosuch'"),
        (["autoplay", RIVERSIDE, "--bot", "nosuch"], "unknown bot 'nosuch'"),
        (["generate", "--seed", "-3"], "argument --seed: -3 is out of range"),
    ],
)
def test_bad_arguments_exit_2_with_the_reason(argv: list[str], says: str) -> None:
    run = subprocess.run([sys.executable, "main.py", *argv], capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 2
    assert says in run.stderr
    assert "Traceback" not in run.stderr


def test_verbose_goes_before_or_after_the_command() -> None:
    from game.cli import build_parser

    parser = build_parser()
    assert parser.parse_args(["-v", "simulate", RIVERSIDE]).verbose == 1
    assert parser.parse_args(["simulate", RIVERSIDE, "-vv"]).verbose == 2
    assert parser.parse_args(["simulate", RIVERSIDE]).verbose == 0


def test_validate_takes_json_like_every_other_command(tmp_path) -> None:
    import json

    run = subprocess.run([sys.executable, "main.py", "validate", RIVERSIDE, "--json"],
                         capture_output=True, text=True, timeout=120)
    document = json.loads(run.stdout)
    assert run.returncode == 0 and document["ok"] is True and document["problems"] == []
