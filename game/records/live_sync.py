"""Sending a class's statements while it is played: a background thread that sends the outbox
to the LRS every few seconds. Offline play goes on (the statements wait in the outbox); when the
LRS answers again the thread catches up, and the LRS stores each statement once (their ids are
fixed, and a re-sent one is recognised)."""

from __future__ import annotations

import threading
from pathlib import Path

from game.records.classes import LrsAccess
from game.records.store import Store
from game.records.sync import LrsClient, sync

INTERVAL = 3.0  # seconds between two sends
TIMEOUT = 5.0  # seconds an LRS request may take before it counts as no answer


class LiveSync:
    """Sends the store's outbox at ``folder`` to ``access`` every ``interval`` seconds, on its own
    connection, until ``stop``."""

    def __init__(self, folder: str | Path, access: LrsAccess, interval: float = INTERVAL) -> None:
        self.folder = Path(folder)
        self.client = LrsClient(access.endpoint, access.user or "", access.password or "",
                                timeout=TIMEOUT)
        self.interval = interval
        self.last_error: str | None = None
        self.sent = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="lrs-sync", daemon=True)

    def start(self) -> LiveSync:
        self._thread.start()
        return self

    def _send(self, store: Store) -> None:
        report = sync(store, self.client, retries=0, sleep=lambda _s: None)
        self.sent += report.sent
        self.last_error = report.stopped

    def _run(self) -> None:
        with Store.open(self.folder) as store:
            while not self._stop.wait(self.interval):
                try:
                    self._send(store)
                except Exception as err:  # noqa: BLE001 - play goes on; the outbox keeps it all
                    self.last_error = str(err).splitlines()[0]
            try:
                self._send(store)  # a last try as the game closes
            except Exception as err:  # noqa: BLE001
                self.last_error = str(err).splitlines()[0]

    def stop(self, wait: float = 10.0) -> None:
        self._stop.set()
        self._thread.join(wait)
