"""Signed session records: export, verify (re-play, re-score, check the signature), import.

A record is one JSON document: the session's metadata, the scenario it played, the saved game
(the engine's JSON Lines, as ``python main.py replay`` reads them), the scores (with the
reference rep's run they were measured against), the hashes of each, and an HMAC-SHA256
signature over all of it. ``verify`` re-scores the replay against the stored reference run and
never plays a bot: a later change to the bots leaves stored records verifiable.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path
from typing import Any, Literal, get_type_hints

from pydantic import (
    BaseModel,
    ConfigDict,
    ValidationError,
    create_model,
    field_validator,
    model_validator,
)

from game import ENGINE_VERSION, engine_compatible
from game.assessment.relative import Reference
from game.engine.game import Game
from game.engine.savegame import SaveError, read_save, replay, write_save
from game.records import scoring, signing
from game.records.autosave import resume
from game.records.errors import RecordsError, TamperError
from game.records.privacy import Anonymiser
from game.records.scoring import score_game, scores_rubric
from game.records.store import SessionInfo, Store, canonical, parse_iso, scenario_from_body
from game.records.xapi import statements_for

RECORD_FORMAT = "sales-dojo-record"
RECORD_VERSION = 1
MAX_DIFFS = 8


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def saved_game_text(game: Game) -> str:
    """The engine's saved-game JSON Lines for ``game`` (no local paths in it)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "game.jsonl"
        write_save(game, path, scenario_path=None)
        return path.read_text(encoding="utf-8")


def session_record(store: Store, session_id: str, key: bytes,
                   anonymiser: Anonymiser | None = None) -> dict[str, Any]:
    """The signed record of a finished session."""
    info = store.session(session_id)
    if info.status != "finished":
        raise RecordsError.said(str(store.path), "session_unfinished", session=session_id,
                                status=info.status)
    scores = store.scores(session_id)
    if scores is None:
        raise RecordsError.said(str(store.path), "session_no_scores", session=session_id)
    body = store.scenario_body(info)
    if info.track == "manager":
        from game.records.manager_records import record_rubric, save_text

        save = save_text(store, session_id)
        rubric = store.rubric(scores_rubric(scores)) or record_rubric(scores)
    else:
        save = saved_game_text(resume(store, session_id))
        rubric = store.rubric(scores_rubric(scores)) or scoring.rubric_text(scores_rubric(scores))
    session = {k: v for k, v in info.to_dict().items() if k not in ("scenario_content",
                                                                   "scenario_path")}
    exported_at = store.now()
    if anonymiser is not None:
        session |= {"id": anonymiser.token(info.id),
                    "trainee_id": anonymiser.trainee(info.trainee_id),
                    "started_at": anonymiser.day(info.started_at),
                    "ended_at": anonymiser.day(info.ended_at)}
        exported_at = anonymiser.day(exported_at) or ""
    document = {
        "format": RECORD_FORMAT,
        "version": RECORD_VERSION,
        "anonymised": anonymiser is not None,
        "exported_at": exported_at,
        "session": session,
        "scenario": body,
        "save": save,
        "scores": scores,
        "rubric": rubric,
        "hashes": {
            "save_sha256": sha256(save),
            "scenario_content_sha256": sha256(body),
            "scores_sha256": sha256(canonical(scores)),
            "event_log_sha256": info.event_log_sha256,
        },
    }
    return signing.sign(document, key)


# ---------------------------------------------------------------------- verify


class _SessionRules(BaseModel):
    """What a record's session must hold beyond the types of its fields."""

    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)

    @field_validator("started_at", "ended_at", check_fields=False)
    @classmethod
    def _a_time(cls, text: str) -> str:
        try:
            parse_iso(text)
        except ValueError as exc:
            raise ValueError(f"{text!r} is not an ISO 8601 time") from exc
        return text

    @model_validator(mode="after")
    def _comparable(self) -> _SessionRules:
        try:
            parse_iso(self.ended_at) - parse_iso(self.started_at)  # type: ignore[attr-defined]  # noqa: B018
        except TypeError as exc:  # one with a time zone, one without
            raise ValueError("started_at and ended_at do not both give a time zone") from exc
        return self


def _record_session() -> type[_SessionRules]:
    """A record's session metadata as ``session_record`` writes it: the store's session fields
    (``SessionInfo``, the one definition) but for the scenario's text and path, which the record
    keeps apart, finished, with times; strict, so that a record signed by the key but written by
    other software is refused in words, not in the database."""
    hints = get_type_hints(SessionInfo)
    kept: dict[str, Any] = {}
    for f in fields(SessionInfo):
        if f.name in ("scenario_content", "scenario_path"):
            continue
        default = f.default if f.default is not MISSING else ...
        kept[f.name] = (hints[f.name], default)
    kept["status"] = (Literal["finished"], ...)
    kept["track"] = (Literal["rep", "manager"], "rep")
    kept["ended_at"] = (str, ...)
    return create_model("RecordSession", __base__=_SessionRules, **kept)


RecordSession = _record_session()


def session_problems(session: Any) -> list[str]:
    """What is wrong with a record's session metadata, one line each (none: it reads)."""
    try:
        RecordSession.model_validate(session)
    except ValidationError as exc:
        return [f"session: {'.'.join(map(str, e['loc'])) or 'metadata'}: {e['msg']}"
                for e in exc.errors()]
    return []


@dataclass
class Verification:
    problems: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    game: Game | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def _diffs(a: Any, b: Any, path: str = "") -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        out: list[str] = []
        for k in list(a) + [k for k in b if k not in a]:
            out += _diffs(a.get(k), b.get(k), f"{path}.{k}" if path else str(k))
        return out
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        out = []
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            label = x.get("id") if isinstance(x, dict) and "id" in x else i
            out += _diffs(x, y, f"{path}[{label}]")
        return out
    return [] if a == b else [f"{path}: the file says {json.dumps(a)[:60]}, "
                              f"the replay gives {json.dumps(b)[:60]}"]


def verify_record(document: Any, key: bytes | None) -> Verification:
    """Check a record: its signature, the hashes, the replay and the scores."""
    out = Verification()
    if not isinstance(document, dict) or document.get("format") != RECORD_FORMAT:
        out.problems.append("this is not a Sales Dojo session record")
        return out
    if document.get("version") != RECORD_VERSION:
        out.problems.append(f"record version {document.get('version')!r} is not supported")
        return out
    if key is None:
        out.problems.append("the signature cannot be checked: no signing key is configured")
    else:
        wrong = signing.check(document, key)
        if wrong:
            out.problems.append(f"signature: {wrong}")
        else:
            out.facts.append(f"signature good (key id {signing.key_id(key)})")
    hashes = document.get("hashes") or {}
    save, body = document.get("save"), document.get("scenario")
    session, scores = document.get("session") or {}, document.get("scores")
    if not isinstance(save, str) or not isinstance(body, str) or not isinstance(scores, dict):
        out.problems.append("the record is incomplete (saved game, scenario or scores missing)")
        return out
    out.problems += session_problems(session)
    if not isinstance(session, dict):
        return out
    if not isinstance(hashes, dict):
        hashes = {}
    if sha256(save) != hashes.get("save_sha256"):
        out.problems.append("saved game: its sha256 differs from the one recorded at export")
    if sha256(body) != hashes.get("scenario_content_sha256"):
        out.problems.append("scenario: its sha256 differs from the one recorded at export")
    if sha256(canonical(scores)) != hashes.get("scores_sha256"):
        out.problems.append("scores: their sha256 differs from the one recorded at export")
    if session.get("track") == "manager":
        from game.records.manager_records import check_record

        out.game, problems, facts = check_record(body, save, session, scores,  # type: ignore[assignment]
                                                 document.get("rubric"))
        out.problems += problems
        out.facts += facts
        return out
    try:
        scenario = scenario_from_body(body)
    except ValueError as exc:
        out.problems.append(f"scenario: cannot be read ({str(exc).splitlines()[0]})")
        return out
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "game.jsonl"
        path.write_text(save, encoding="utf-8")
        try:
            saved = read_save(path)
        except SaveError as exc:
            out.problems.append(f"saved game line {exc.line}: {exc.message}")
            return out
    if saved.header.get("seed") != session.get("seed"):
        out.problems.append("saved game: its seed differs from the session's")
    report = replay(saved, scenario, str(saved.header.get("scenario_sha256") or ""))
    out.game = report.game
    if not report.match:
        out.problems.append(f"replay: {report.describe()}")
    elif report.event_log_sha256 != session.get("event_log_sha256"):
        out.problems.append("replay: the event log differs from the session's recorded hash")
    else:
        out.facts.append(f"replay matches: {report.actions} actions, event log sha256 "
                         f"{report.event_log_sha256}")
    rubric, rubric_note = _rubric_for(document)
    reference = _stored_reference(scores, session, out)
    if report.match and report.game.over and reference is None:
        out.problems.append("scores: not re-scored, the record keeps no usable reference run")
    elif report.match and report.game.over:
        again = score_game(report.game, rubric, reference)
        if "reference" not in scores:  # scores made before the reference was kept with them
            again = {k: v for k, v in again.items() if k != "reference"} | {
                "format": scores.get("format")}
        diffs = _diffs(scores, again)
        if diffs:
            shown = diffs[:MAX_DIFFS] + ([f"... and {len(diffs) - MAX_DIFFS} more"]
                                        if len(diffs) > MAX_DIFFS else [])
            out.problems.append("scores differ from a re-scoring of the replay"
                                + (f" ({rubric_note})" if rubric_note else "") + ":\n    "
                                + "\n    ".join(shown))
        else:
            out.facts.append("scores match a re-scoring of the replay")
    elif report.match:
        out.problems.append("replay: the saved game does not reach the end")
    return out


def _stored_reference(scores: dict[str, Any], session: dict[str, Any],
                      out: Verification) -> Reference | None:
    """The reference run kept with the scores, checked against the record (the bot is never
    played again: the re-scoring measures the replay against this stored run)."""
    try:
        reference, note = scoring.stored_reference(scores)
    except ValueError as exc:
        out.problems.append(f"reference: {exc}")
        return None
    assessment = scores.get("assessment") or {}
    wrong = []
    if reference.seed != session.get("seed") or reference.seed != assessment.get("seed"):
        wrong.append(f"it was played on seed {reference.seed}, the session on "
                     f"{session.get('seed')}")
    if reference.engine_version != assessment.get("engine_version"):
        wrong.append(f"it was played by engine {reference.engine_version}, the scores were made "
                     f"by engine {assessment.get('engine_version')}")
    if not engine_compatible(reference.engine_version):
        wrong.append(f"its engine {reference.engine_version} is not compatible with this engine "
                     f"{ENGINE_VERSION}")
    if wrong:
        out.problems.append("reference: " + "; ".join(wrong))
        return None
    out.facts.append(f"reference run as stored at scoring (not re-played): {reference.bot} "
                     f"behaviour version {reference.policy_version}, engine "
                     f"{reference.engine_version}, event log sha256 {reference.event_log_sha256}"
                     + (f" ({note})" if note else ""))
    return reference


def _rubric_for(document: dict[str, Any]) -> tuple[str | None, str]:
    """The rubric to re-score with: the record's own (if its hash is the one the scores name),
    else this installation's standard rubric; and a note when the two differ."""
    wanted = scores_rubric(document.get("scores") or {})
    text = document.get("rubric")
    if isinstance(text, str) and sha256(text) == wanted:
        return text, ""
    if scoring.rubric_text(wanted) is not None:
        return None, ""
    return None, (f"the scores name rubric sha256 {wanted[:12]}..., which neither the record nor "
                  "this installation has; re-scored with this installation's rubric")


# ---------------------------------------------------------------------- import


def import_record(store: Store, path: str | Path, document: Any, key: bytes) -> SessionInfo:
    """Add a verified record to the store; refuse a tampered or anonymised one."""
    check = verify_record(document, key)
    if not check.ok:
        raise TamperError.refused(str(path), check.problems)
    if document.get("anonymised"):
        raise RecordsError.said(str(path), "anonymised_import")
    s = document["session"]
    try:
        store.session(s["id"])
    except RecordsError:
        pass
    else:
        raise RecordsError.said(str(path), "already_imported", session=s["id"])
    same = store.conn.execute(
        "SELECT id, trainee_id FROM sessions WHERE event_log_sha256 = ? AND started_at = ?",
        (s.get("event_log_sha256"), s.get("started_at"))).fetchone()
    if same is not None:  # one game, started at the same moment, with every event the same
        raise RecordsError.said(str(path), "already_imported_as", session=same[0],
                                trainee=same[1])
    game = check.game
    if game is None:  # verify_record always replays a record it accepts
        raise RecordsError.said(str(path), "record_not_replayed")
    kept = RecordSession.model_validate(s).model_dump()  # verify_record checked it reads
    info = SessionInfo(**(kept | {"scenario_content": "", "scenario_path": None, "class_id": None}))
    saved_lines = [json.loads(line) for line in document["save"].splitlines() if line.strip()]
    actions = [(r["action"], r["events"]) for r in saved_lines if r.get("type") == "action"]
    statements = statements_for(info, game.scenario, document["scores"],
                                ended_at=str(info.ended_at), weeks=int(info.weeks or 0),
                                event_log_sha256=str(info.event_log_sha256))
    carried, _ = _rubric_for(document)  # the record's own rubric, if its scores name it
    store.insert_session(info, document["scenario"], None, actions, document["scores"],
                         statements, rubric=carried)
    return store.session(info.id)
