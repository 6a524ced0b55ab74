"""Players written outside the project: a bot named on the command line as ``FILE.py:NAME`` or
``package.module:NAME`` (``NAME`` defaults to ``Player``), or a player in a process of its own,
``exec:COMMAND`` (``game.bots.piped``).

``NAME`` is a class or a function that takes the game's seed and returns a bot: an object with
``next_action(view) -> Action``. It is handed the trainee view and nothing else, like every bot.
A player that cannot be loaded, or that fails while it plays, raises ``PlayerError`` naming the
file and line of its own code, never a traceback into the game's.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from pydantic import BaseModel, ValidationError

from game.bots.base import Bot
from game.bots.errors import LOAD, PLAY, PlayerError
from game.bots.piped import PREFIX, PipedPlayer, command_of
from game.engine.actions import ACTION_ADAPTER, Action
from game.engine.view_models import TraineeView

DEFAULT_NAME = "Player"


def is_player_spec(text: str) -> bool:
    """Whether ``text`` names an outside player rather than a registered bot (whose names have
    neither a colon nor a ``.py``)."""
    return ":" in text or text.endswith(".py")


def _split(spec: str) -> tuple[str, str]:
    source, colon, name = spec.rpartition(":")
    if not colon or (len(source) == 1 and source.isalpha()):  # no name, or a drive letter C:
        return spec, DEFAULT_NAME
    return source, name or DEFAULT_NAME


_loaded: dict[str, Callable[[int], Bot]] = {}  # per process: a lab's workers load it once each
_targets: dict[str, tuple[str, ...]] = {}  # the competencies each player's trick aims at


def player_targets(spec: str) -> tuple[str, ...]:
    """What the player ``spec`` names in ``targets`` (a piped player names none): read from the
    trial player made when it loaded, so no game or process is started to ask."""
    load_player(spec)
    return _targets.get(spec, ())


def load_player(spec: str) -> Callable[[int], Bot]:
    """The factory ``spec`` names: seed in, a bot that checks what its player does out."""
    if spec not in _loaded and spec.startswith(PREFIX):
        command_of(spec)  # a command that is not there is told before any game starts
        _loaded[spec] = lambda seed: Guarded(PipedPlayer(spec, seed), spec)
    if spec not in _loaded:
        source, name = _split(spec)
        module = _module(source)
        factory = getattr(module, name, None)
        if factory is None or not callable(factory):
            found = sorted(n for n, v in vars(module).items()
                           if callable(v) and not n.startswith("_") and hasattr(v, "next_action"))
            raise PlayerError("no_name", LOAD, {"source": source, "name": name,
                                                "found": ", ".join(found) or "-"})
        where = _origin(factory, source)
        made = _guarded(lambda: factory(0), spec, where, "made")
        if not callable(getattr(made, "next_action", None)):
            raise PlayerError("not_a_bot", LOAD, {"spec": spec, "where": where,
                                                  "got": type(made).__name__})
        _targets[spec] = tuple(getattr(made, "targets", ()) or ())
        if callable(getattr(made, "close", None)):  # the trial player lets go what it holds
            _guarded(made.close, spec, where, "made")
        _loaded[spec] = lambda seed: Guarded(_guarded(lambda: factory(seed), spec, where, "made"),
                                             spec)
    return _loaded[spec]


def _module(source: str) -> ModuleType:
    if source.endswith(".py") or "/" in source or "\\" in source:
        path = Path(source)
        if not path.is_file():
            raise PlayerError("no_file", LOAD, {"source": source})
        resolved = path.resolve()
        module_name = "sales_dojo_player_" + hashlib.sha256(str(resolved).encode()).hexdigest()[:12]
        if module_name in sys.modules:
            return sys.modules[module_name]
        spec = importlib.util.spec_from_file_location(module_name, resolved)
        if spec is None or spec.loader is None:
            raise PlayerError("no_file", LOAD, {"source": source})
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module  # as an import would: dataclasses look it up by name
        folder = str(resolved.parent)
        if folder not in sys.path:  # its neighbours import as they would were it run as a script
            sys.path.append(folder)
        try:
            spec.loader.exec_module(module)
        except SyntaxError as err:
            del sys.modules[module_name]
            raise PlayerError("syntax", LOAD, {
                "where": f"{source}:{err.lineno or 1}:{err.offset or 1}", "error": err.msg}) from None
        except Exception as err:  # noqa: BLE001 - the player's own code failed as it loaded
            del sys.modules[module_name]
            raise PlayerError("load_failed", LOAD, {"source": source, **_blame(err, resolved)}) from None
        return module
    try:
        return importlib.import_module(source)
    except ModuleNotFoundError as err:
        if err.name is not None and source.startswith(err.name):
            raise PlayerError("no_module", LOAD, {"source": source}) from None
        raise PlayerError("load_failed", LOAD, {"source": source, **_blame(err, None)}) from None
    except SyntaxError as err:
        raise PlayerError("syntax", LOAD, {
            "where": f"{err.filename}:{err.lineno or 1}:{err.offset or 1}", "error": err.msg}) from None
    except Exception as err:  # noqa: BLE001
        raise PlayerError("load_failed", LOAD, {"source": source, **_blame(err, None)}) from None


def _origin(factory: Callable[..., Any], source: str) -> str:
    """The file a player's code lives in, to find its own frames in a traceback."""
    code = getattr(factory, "__code__", None) or getattr(getattr(factory, "__init__", None),
                                                         "__code__", None)
    module = sys.modules.get(getattr(factory, "__module__", "") or "")
    filename = getattr(module, "__file__", None) or (code.co_filename if code else source)
    return str(Path(filename).resolve())


def _blame(err: BaseException, origin: Path | str | None) -> dict[str, str]:
    """Where in the player's own code ``err`` came from (its deepest frame in that file, else
    the deepest frame outside the game), and what it was."""
    frames = traceback.extract_tb(err.__traceback__)
    game_root = str(Path(__file__).resolve().parents[1])
    own = [f for f in frames if origin is not None and str(Path(f.filename).resolve()) == str(origin)]
    outside = [f for f in frames if not str(Path(f.filename).resolve()).startswith(game_root)]
    frame = (own or outside or frames or [None])[-1]
    where = "-" if frame is None else f"{frame.filename}:{frame.lineno}"
    return {"where": where, "error": f"{type(err).__name__}: {err}"}


def _guarded(make: Callable[[], Any], spec: str, where: str, doing: str) -> Any:
    try:
        return make()
    except PlayerError:
        raise
    except Exception as err:  # noqa: BLE001 - the player's code, not the game's
        raise PlayerError(f"failed_{doing}", PLAY, {"spec": spec, **_blame(err, where)}) from None


class Guarded:
    """An outside player as the game's bots are: ``next_action(view)`` returns an action of the
    one action union (a dict is read as one), and a failure of the player's code becomes a
    ``PlayerError`` that names its file and line."""

    def __init__(self, player: Any, spec: str) -> None:
        self.player, self.name = player, spec
        code = getattr(getattr(type(player), "next_action", None), "__code__", None)
        self._where = str(Path(code.co_filename).resolve()) if code is not None else spec

    def close(self) -> None:
        """The game is over: a player that holds a process or files lets them go."""
        close = getattr(self.player, "close", None)
        if callable(close):
            _guarded(close, self.name, self._where, "played")

    def next_action(self, view: TraineeView) -> Action:
        got = _guarded(lambda: self.player.next_action(view), self.name, self._where, "played")
        if isinstance(got, BaseModel):  # an action of the game's, or the player's own model
            got = got.model_dump()
        if not isinstance(got, dict):
            raise PlayerError("not_an_action", PLAY, {"spec": self.name,
                                                      "got": type(got).__name__})
        try:
            return ACTION_ADAPTER.validate_python(got)
        except ValidationError as err:
            first = err.errors()[0]
            at = ".".join(str(p) for p in first["loc"]) or "type"
            raise PlayerError("bad_action", PLAY, {"spec": self.name, "at": at,
                                                   "error": first["msg"]}) from None
