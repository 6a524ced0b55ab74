"""A player in a process of its own, in any language (``exec:COMMAND``): it reads JSON Lines on
stdin — a greeting with the game's seed, then the trainee view each time a move is wanted — and
answers each view with one action as a JSON line on stdout. It shares nothing with the game but
those lines, so it sees the trainee view and nothing else (docs/players.md)."""

from __future__ import annotations

import json
import queue
import shlex
import shutil
import subprocess
import threading
from collections import deque
from pathlib import Path
from typing import IO, Any

from game.bots.errors import LOAD, PLAY, PlayerError
from game.engine.view_models import TraineeView

PREFIX = "exec:"
PROTOCOL = 1
ANSWER_SECONDS = 60.0
"""How long a player may think about one move before the game gives up on it."""


def command_of(spec: str) -> list[str]:
    """The command line of ``exec:COMMAND``; a usage error when there is none to run."""
    try:
        argv = shlex.split(spec[len(PREFIX):])
    except ValueError as err:
        raise PlayerError("no_command", LOAD, {"command": spec[len(PREFIX):],
                                               "error": str(err)}) from None
    if not argv:
        raise PlayerError("no_command", LOAD, {"command": "", "error": "empty"})
    program = argv[0]
    if shutil.which(program) is None and not Path(program).is_file():
        raise PlayerError("no_command", LOAD, {"command": program, "error": "not found"})
    return argv


class PipedPlayer:
    """One game's player process: started with the game, closed when the game ends."""

    def __init__(self, spec: str, seed: int) -> None:
        self.name = spec
        argv = command_of(spec)
        try:
            self._proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                          stderr=subprocess.PIPE, text=True, encoding="utf-8",
                                          bufsize=1)
        except OSError as err:
            raise PlayerError("no_command", LOAD, {"command": argv[0], "error": str(err)}) from None
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._said: deque[str] = deque(maxlen=5)  # the last lines of its stderr, for a failure
        threading.Thread(target=self._pump, args=(self._proc.stdout, self._lines.put),
                         daemon=True).start()
        self._stderr = threading.Thread(target=self._pump,
                                        args=(self._proc.stderr, self._said.append), daemon=True)
        self._stderr.start()
        self._send({"type": "hello", "protocol": PROTOCOL, "seed": seed})

    @staticmethod
    def _pump(stream: IO[str], put: Any) -> None:
        for line in stream:
            put(line.rstrip("\n"))
        put(None)

    def _failure(self, key: str, **facts: Any) -> PlayerError:
        said = " | ".join(line for line in self._said if line) or "-"
        return PlayerError(key, PLAY, {"spec": self.name, "said": said, **facts})

    def _send(self, message: dict[str, Any]) -> None:
        stdin = self._proc.stdin
        try:
            stdin.write(json.dumps(message, ensure_ascii=False) + "\n")  # type: ignore[union-attr]
            stdin.flush()  # type: ignore[union-attr]
        except (BrokenPipeError, ValueError, OSError):
            raise self._exited() from None

    def _exited(self) -> PlayerError:
        try:
            code = self._proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            code = None
        self._stderr.join(timeout=1)  # what it said before it ended
        return self._failure("exited", code="-" if code is None else code)

    def next_action(self, view: TraineeView) -> Any:
        self._send({"type": "view", "view": view.model_dump(mode="json")})
        try:
            line = self._lines.get(timeout=ANSWER_SECONDS)
        except queue.Empty:
            self._proc.kill()  # it may never read again: no time for a polite end
            self._proc.wait()
            raise self._failure("too_slow", seconds=int(ANSWER_SECONDS)) from None
        if line is None:
            raise self._exited()
        try:
            return json.loads(line)
        except json.JSONDecodeError:
            raise self._failure("not_json", line=line[:120]) from None

    def close(self) -> None:
        """Tell the player the game is over and end its process."""
        if self._proc.poll() is None:
            try:
                self._send({"type": "over"})
                self._proc.stdin.close()  # type: ignore[union-attr]
                self._proc.wait(timeout=5)
            except (PlayerError, subprocess.TimeoutExpired, OSError):
                self._proc.kill()
                self._proc.wait()
