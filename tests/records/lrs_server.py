"""Starting and stopping a real Ralph LRS (through .ci/lrs.sh) for the xAPI tests."""

from __future__ import annotations

import base64
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / ".ci" / "lrs.sh"
USER, PASSWORD = "dojo-sync", "not-a-real-secret-42"


def ralph_installed() -> bool:
    found = subprocess.run([str(SCRIPT), "bin"], capture_output=True, text=True)
    return found.returncode == 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Lrs:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = folder / "lrs.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI"

    def start(self, timeout: float = 90.0) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [str(SCRIPT), "serve", str(self.folder), str(self.port), USER, PASSWORD],
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the LRS stopped at start:\n{self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__heartbeat__",
                                            timeout=2) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the LRS did not come up:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        """Kill the LRS and every process it started (reloader, server) at once."""
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=30)
        self.proc = None

    def statements(self, **params: str) -> list[dict[str, Any]]:
        """Every statement the LRS holds (following 'more' links), read over HTTP."""
        token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        headers = {"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"}
        path = "/xAPI/statements?" + urllib.parse.urlencode({"limit": "100", **params})
        out: list[dict[str, Any]] = []
        while path:
            request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", headers=headers)
            with urllib.request.urlopen(request, timeout=10) as answer:
                page = json.load(answer)
            out += page["statements"]
            more = page.get("more")
            path = more if more and page["statements"] else ""
        return out
