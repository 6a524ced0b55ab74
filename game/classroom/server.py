"""The facilitator's dashboard: a local web page (standard-library HTTP server) that reads the
class's statements from the LRS alone and shows them, refreshing itself.

A feed thread asks the LRS for the class's statements every few seconds (``registration`` = the
class's; after the first read only those stored since), keeps each statement once by its id and
rebuilds the class view; a page request draws the latest view, so it answers at once however
slow the LRS is. Pages: ``/`` (the live dashboard), ``/debrief.html`` (the export), ``/class.csv``
and ``/data.json``; ``?lang=zh|en`` and ``?ranking=0`` choose the language and hide the ranking.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from game.classroom.aggregate import class_view
from game.classroom.export import class_csv
from game.classroom.model import ClassView
from game.records.classes import ClassInfo
from game.records.errors import RecordsError
from game.records.sync import LrsClient

POLL = 3.0  # seconds between two reads of the LRS
LANGS = ("en", "zh")


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


OVERLAP = timedelta(seconds=2)


def overlap(stored: str) -> str:
    """``stored`` moved back by OVERLAP (statements read twice are kept once, by id)."""
    try:
        moment = datetime.fromisoformat(stored.replace("Z", "+00:00"))
    except ValueError:
        return stored
    return (moment - OVERLAP).isoformat()


class ClassFeed:
    """The class's statements as the LRS holds them, read again every ``poll`` seconds."""

    def __init__(self, info: ClassInfo, client: LrsClient,
                 names: dict[str, dict[str, str]] | None = None, poll: float = POLL,
                 clock: Callable[[], str] = now_iso) -> None:
        self.info = info
        self.client = client
        self.names = names or {}
        self.poll = poll
        self.clock = clock
        self.statements: dict[str, dict[str, Any]] = {}
        self.since: str | None = None
        self.error: str | None = None  # why the last read failed (the view stays as it was)
        self._lock = threading.Lock()
        self._view: ClassView | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def refresh(self) -> None:
        """Read what the LRS stored since the last read and rebuild the view."""
        query = {"registration": self.info.registration, "limit": "500", "ascending": "true"}
        if self.since is not None:  # a little before: a statement stored in the same instant
            query["since"] = overlap(self.since)  # as the last one read is read again, not lost
        try:
            found = self.client.statements(query)
        except RecordsError as err:
            self.error = str(err).splitlines()[0]
            return
        self.error = None
        for s in found:
            self.statements.setdefault(str(s.get("id")), s)
            stored = s.get("stored")
            if isinstance(stored, str) and (self.since is None or stored > self.since):
                self.since = stored
        view = class_view(self.info, list(self.statements.values()), lrs=self.client.endpoint,
                          generated=self.clock(), names=self.names)
        with self._lock:
            self._view = view

    @property
    def view(self) -> ClassView:
        with self._lock:
            if self._view is not None:
                return self._view
        return class_view(self.info, [], lrs=self.client.endpoint, generated=self.clock(),
                          names=self.names)

    def start(self) -> ClassFeed:
        self.refresh()

        def run() -> None:
            while not self._stop.wait(self.poll):
                self.refresh()

        self._thread = threading.Thread(target=run, name="class-feed", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)


def _handler(feed: ClassFeed, lang: str, show_ranking: bool,
             refresh: int) -> type[BaseHTTPRequestHandler]:
    from game.classroom.page import dashboard_html, debrief_html

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the standard library's name
            url = urlsplit(self.path)
            query = parse_qs(url.query)
            want = query.get("lang", [lang])[0]
            page_lang = want if want in LANGS else lang
            ranking = show_ranking and query.get("ranking", ["1"])[0] != "0"
            view = feed.view
            if url.path in ("/", "/index.html"):
                self._send(dashboard_html(view, page_lang, refresh_seconds=refresh,
                                          show_ranking=ranking), "text/html; charset=utf-8")
            elif url.path == "/debrief.html":
                self._send(debrief_html(view, page_lang, show_ranking=ranking),
                           "text/html; charset=utf-8")
            elif url.path == "/class.csv":
                self._send(class_csv(view), "text/csv; charset=utf-8")
            elif url.path == "/data.json":
                data = dataclasses.asdict(view) | {"lrs_error": feed.error}
                self._send(json.dumps(data, ensure_ascii=False), "application/json")
            else:
                self._send("not found", "text/plain; charset=utf-8", 404)

        def _send(self, body: str, kind: str, status: int = 200) -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            return  # the facilitator's terminal stays quiet

    return Handler


def serve(feed: ClassFeed, port: int, *, lang: str = "en", show_ranking: bool = True,
          refresh: int = 10, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    """The dashboard's server on ``host:port`` (port 0: a free one); call ``serve_forever``."""
    return ThreadingHTTPServer((host, port), _handler(feed, lang, show_ranking, refresh))
