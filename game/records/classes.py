"""A class: one case (scenario and seed) played by a roster of trainees on their own machines,
whose statements meet in the organisation's learning record store.

``python main.py class new`` writes a class file: the scenario as stored (so every machine plays
the same case whatever its own files say), the seed, the roster of pseudonymous trainee ids, the
LRS endpoint (with a credential that may only write statements, if the organisation gives one),
and an HMAC signature by the organisation's records key. A trainee's machine that holds the key
refuses a class file changed after signing; one without the key plays it and says it could not
check it. Every statement of a class session carries the class's ``context.registration`` and
the class as a ``grouping`` activity, which is how the dashboard finds them in the LRS.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.records import signing
from game.records.errors import RecordsError
from game.records.files import read_json, write_json_atomic
from game.records.store import check_trainee_id, scenario_body, scenario_from_body
from game.scenario.models import Scenario

CLASS_FORMAT = "sales-dojo-class"
CLASS_VERSION = 1
NAMESPACE = uuid.UUID("5b2c3f60-1d0e-5a7c-8f21-6c4d2a9b7e10")


@dataclass(frozen=True)
class LrsAccess:
    endpoint: str
    user: str | None = None
    password: str | None = None


@dataclass(frozen=True)
class ClassInfo:
    """What a trainee's machine and the dashboard need of a class."""

    id: str
    name: str
    registration: str  # the xAPI context.registration of every statement of the class
    scenario_id: str
    scenario_sha256: str  # of the scenario file the class was made from
    seed: int
    roster: tuple[str, ...]
    lrs: LrsAccess | None
    created_at: str
    body: str  # the scenario as stored

    @property
    def scenario(self) -> Scenario:
        return scenario_from_body(self.body)

    def document(self) -> dict[str, Any]:
        """The class file's content (before its signature)."""
        lrs = None if self.lrs is None else {k: v for k, v in vars(self.lrs).items() if v}
        return {"format": CLASS_FORMAT, "version": CLASS_VERSION,
                "class": {"id": self.id, "name": self.name, "registration": self.registration,
                          "scenario_id": self.scenario_id, "scenario_sha256": self.scenario_sha256,
                          "content_sha256": hashlib.sha256(self.body.encode("utf-8")).hexdigest(),
                          "seed": self.seed, "roster": list(self.roster), "lrs": lrs,
                          "created_at": self.created_at},
                "scenario": self.body}


def class_registration(class_id: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"class:{class_id}"))


def read_roster(path: str | Path) -> tuple[str, ...]:
    """Pseudonymous trainee ids, one per line (blank lines and ``#`` comments skipped)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise RecordsError.said(str(path), "roster_unreadable", why=exc.strerror or str(exc)) from exc
    ids: list[str] = []
    for n, line in enumerate(lines, 1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        try:
            check_trainee_id(text)
        except RecordsError as err:
            raise RecordsError.said(f"{path}:{n}", "roster_id", id=text) from err
        if text in ids:
            raise RecordsError.said(f"{path}:{n}", "roster_twice", id=text)
        ids.append(text)
    if not ids:
        raise RecordsError.said(str(path), "roster_empty")
    return tuple(ids)


def new_class(scenario: Scenario, scenario_sha256: str, *, seed: int | None, roster: tuple[str, ...],
              name: str, lrs: LrsAccess | None, created_at: str) -> ClassInfo:
    class_id = str(uuid.uuid4())
    return ClassInfo(id=class_id, name=name or scenario.title.pick("en"),
                     registration=class_registration(class_id), scenario_id=scenario.id,
                     scenario_sha256=scenario_sha256,
                     seed=scenario.seed if seed is None else int(seed), roster=roster, lrs=lrs,
                     created_at=created_at, body=scenario_body(scenario))


def write_class(info: ClassInfo, path: str | Path, key: bytes) -> Path:
    return write_json_atomic(path, signing.sign(info.document(), key))


def class_from_document(document: Any, where: str, key: bytes | None) -> tuple[ClassInfo, str]:
    """The class in a class file's content, and a note when its signature could not be checked
    (no key here); a RecordsError when it is not a class file or was changed after signing."""
    if not isinstance(document, dict) or document.get("format") != CLASS_FORMAT:
        raise RecordsError.said(where, "not_a_class_file")
    if document.get("version") != CLASS_VERSION:
        raise RecordsError.said(where, "class_version", version=repr(document.get("version")))
    note = ""
    if key is None:
        note = "the class file's signature was not checked: no records key is configured here"
    else:
        wrong = signing.check(document, key)
        if wrong:
            raise RecordsError.said(where, "class_changed", why=wrong)
    try:
        c = document["class"]
        body = str(document["scenario"])
        if hashlib.sha256(body.encode("utf-8")).hexdigest() != c["content_sha256"]:
            raise RecordsError.said(where, "class_changed", why="its scenario differs from the "
                                    "one it names")
        lrs = None if not c.get("lrs") else LrsAccess(str(c["lrs"]["endpoint"]),
                                                     c["lrs"].get("user"), c["lrs"].get("password"))
        info = ClassInfo(id=str(c["id"]), name=str(c["name"]), registration=str(c["registration"]),
                         scenario_id=str(c["scenario_id"]),
                         scenario_sha256=str(c["scenario_sha256"]), seed=int(c["seed"]),
                         roster=tuple(str(t) for t in c["roster"]), lrs=lrs,
                         created_at=str(c["created_at"]), body=body)
        info.scenario  # noqa: B018 - the scenario must load
    except (KeyError, TypeError, ValueError) as exc:
        raise RecordsError.said(where, "class_incomplete",
                                why=str(exc).splitlines()[0]) from exc
    if info.registration != class_registration(info.id):
        raise RecordsError.said(where, "class_changed",
                                why="its registration does not belong to its id")
    return info, note


def load_class(path: str | Path, key: bytes | None) -> tuple[ClassInfo, str]:
    return class_from_document(read_json(path, "class file"), str(path), key)


def stored_class(body: str) -> ClassInfo:
    """A class as the store keeps it for its sessions (its file's content, already checked)."""
    return class_from_document(json.loads(body), "<the class in the records>", None)[0]


def check_on_roster(info: ClassInfo, trainee: str) -> None:
    if trainee not in info.roster:
        raise RecordsError.said("", "not_on_roster", trainee=trainee, name=info.name)
