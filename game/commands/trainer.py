"""Trainer tools: ``schema`` writes the JSON Schemas (and the guide's generated sections) and
``variant`` derives a trainee's variant of a scenario."""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.commands.output import EXIT_PROBLEMS, CommandError, Result, add_output_args, command

if TYPE_CHECKING:  # loaded when used: every command's parser is built before ``play`` starts
    from pydantic import BaseModel

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_DIR = ROOT / "schemas"
GUIDES = {"en": ROOT / "docs" / "authoring.md", "zh": ROOT / "docs" / "authoring.zh.md"}
SCENARIO_SCHEMA_FILE = "scenario.schema.json"
RUBRIC_SCHEMA_FILE = "rubric.schema.json"
MANAGER_SCHEMA_FILE = "manager.schema.json"
MANAGER_RUBRIC_SCHEMA_FILE = "manager-rubric.schema.json"
VIEW_SCHEMA_FILE = "player-view.schema.json"
ACTION_SCHEMA_FILE = "player-action.schema.json"


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "schema", help="write the JSON Schemas of scenarios (and rubrics) for editors and tools"
    )
    p.add_argument("--out", metavar="DIR", default=str(SCHEMA_DIR), help="folder to write to")
    p.add_argument(
        "--docs", action="store_true", help="also rewrite the authoring guides' field reference"
    )
    p.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if a file is out of date"
    )
    add_output_args(p)
    p.set_defaults(func=cmd_schema)

    p = subparsers.add_parser("variant", help="derive a trainee's variant of a scenario")
    p.add_argument("scenario", help="the scenario file to vary")
    p.add_argument("--trainee", required=True, metavar="ID", help="pseudonymous trainee id")
    p.add_argument("--out", metavar="FILE", help="write the variant here (default: print it)")
    add_output_args(p)
    p.set_defaults(func=cmd_variant)


def rubric_model() -> type[BaseModel] | None:
    """The assessment package's Rubric model, if it has one."""
    from pydantic import BaseModel

    try:
        module = importlib.import_module("game.assessment.rubric")
    except ImportError:
        return None
    model = getattr(module, "Rubric", None)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def schema_files() -> dict[str, str]:
    """File name -> the text it should hold."""
    from game.scenario.schema import model_schema, scenario_schema, schema_text

    files = {SCENARIO_SCHEMA_FILE: schema_text(scenario_schema())}
    rubric = rubric_model()
    if rubric is not None:
        files[RUBRIC_SCHEMA_FILE] = schema_text(
            model_schema(rubric, title="Sales Dojo rubric 评分标准")
        )
    from game.manager.models import ManagerScenario
    from game.manager.scoring import ManagerRubric

    files[MANAGER_SCHEMA_FILE] = schema_text(
        model_schema(ManagerScenario, title="Sales Dojo manager scenario 经理模式场景"))
    files[MANAGER_RUBRIC_SCHEMA_FILE] = schema_text(
        model_schema(ManagerRubric, title="Sales Dojo manager rubric 经理评分标准"))
    from game.engine.actions import ACTION_ADAPTER
    from game.engine.view_models import TraineeView
    from game.scenario.schema import draft7_schema

    # what a player in its own process hears and answers (docs/players.md)
    files[VIEW_SCHEMA_FILE] = schema_text(model_schema(TraineeView, title="Sales Dojo trainee view 学员视图"))
    files[ACTION_SCHEMA_FILE] = schema_text(draft7_schema(
        ACTION_ADAPTER.json_schema(ref_template="#/definitions/{model}"),
        title="Sales Dojo action 学员动作"))
    return files


@command("schema")
def cmd_schema(args: argparse.Namespace) -> Result:
    from game.scenario.schema import scenario_schema
    from game.trainer.schema_docs import update_doc

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise CommandError("schema.not_a_folder", EXIT_PROBLEMS, path=str(out))
    stale: list[str] = []
    for name, text in schema_files().items():
        target = out / name
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current == text:
            continue
        stale.append(str(target))
        if not args.check:
            _write(target, text)
    if args.docs or args.check:
        schema = scenario_schema()
        for lang, guide in GUIDES.items():
            if not guide.is_file():
                raise CommandError("schema.no_guide", EXIT_PROBLEMS, path=str(guide))
            try:
                if update_doc(guide, schema, lang, dry_run=args.check):
                    stale.append(str(guide))
            except ValueError as exc:
                raise CommandError("schema.guide_error", EXIT_PROBLEMS, path=str(guide),
                                   why=str(exc)) from None
    result = Result({"checked": bool(args.check), "out_of_date" if args.check else "written": stale})
    if args.check:
        for name in stale:
            result.problem("schema.stale", path=name)
        return result.say("schema.up_to_date") if not stale else result
    for name in stale:
        result.say("schema.wrote", path=name)
    return result if stale else result.say("schema.up_to_date")


@command("variant")
def cmd_variant(args: argparse.Namespace) -> Result:
    from game.commands.output import CliWords, lang_of
    from game.scenario.loader import load_scenario
    from game.trainer.variants import make_variant, scenario_yaml

    scenario, _ = load_scenario(args.scenario)
    try:
        variant = make_variant(scenario, args.trainee)
    except ValueError as exc:
        raise CommandError("variant.bad_trainee", why=str(exc)) from None
    result = Result({"scenario": scenario.id, "trainee": args.trainee})
    if scenario.variation is None:
        result.warn("variant.no_variation", path=args.scenario)
    header = CliWords(lang_of(args))("variant.header", file=Path(args.scenario).name,
                                     id=scenario.id, trainee=args.trainee)
    text = scenario_yaml(variant, header)
    if args.out:
        _write(Path(args.out), text)
        result.data["out"] = args.out
        return result.say("variant.wrote", path=args.out)
    result.data["yaml"] = text
    result.body = text
    return result


def _write(target: Path, text: str) -> None:
    """Write through a temporary file, so a failure never leaves half a file; a file that cannot
    be written is a problem found (exit 1), not a crash."""
    temporary = target.with_name(target.name + ".tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(target)
    except OSError as exc:
        if temporary.parent.is_dir():
            temporary.unlink(missing_ok=True)
        raise CommandError("common.cannot_write", EXIT_PROBLEMS, path=str(target),
                           why=exc.strerror or str(exc)) from None
