"""Sending the xAPI outbox to an LRS: batches, HTTP basic auth, retries with backoff.

A statement is marked sent only after the LRS confirms it (2xx), or answers 409 for its id (it
already holds a statement with that id, so sending it again cannot help). Anything else keeps it
in the outbox for the next sync. Statement ids are fixed when the session ends, so a batch sent
again after a lost answer is recognised by the LRS and stored once.
"""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from game.records.errors import RecordsError
from game.records.store import Store
from game.records.xapi import XAPI_VERSION

TRANSIENT = {408, 425, 429, 500, 502, 503, 504}
MAX_BACKOFF = 30.0


@dataclass
class SyncReport:
    sent: int = 0
    conflicts: int = 0
    rejected: list[str] = field(default_factory=list)
    pending: int = 0
    batches: int = 0
    stopped: str | None = None  # why the sync stopped early (the LRS is down, ...)

    def describe(self) -> str:
        text = f"sent {self.sent} statement(s) in {self.batches} batch(es)"
        if self.conflicts:
            text += f"; {self.conflicts} already held by the LRS under the same id (409)"
        if self.rejected:
            text += f"; {len(self.rejected)} refused by the LRS as invalid"
        text += f"; {self.pending} still in the outbox"
        return text


@dataclass
class Response:
    status: int  # 0: no answer (connection refused, timeout)
    body: str


class LrsClient:
    """POST /statements with basic auth and the xAPI version header (stdlib urllib)."""

    def __init__(self, url: str, user: str, password: str, timeout: float = 15.0) -> None:
        base = url.rstrip("/")
        self.endpoint = base if base.endswith("/statements") else base + "/statements"
        token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        self.headers = {
            "Authorization": f"Basic {token}",
            "X-Experience-API-Version": XAPI_VERSION,
            "Content-Type": "application/json; charset=utf-8",
        }
        self.timeout = timeout

    def get(self, query: dict[str, str] | None = None, url: str | None = None) -> Response:
        """GET the statements resource (with ``query``), or the ``more`` link ``url`` an LRS
        gave (absolute, or a path on the LRS's host)."""
        if url is None:
            target = self.endpoint + ("?" + urllib.parse.urlencode(query) if query else "")
        elif url.startswith(("http://", "https://")):
            target = url
        else:
            parts = urllib.parse.urlsplit(self.endpoint)
            target = f"{parts.scheme}://{parts.netloc}{url}"
        request = urllib.request.Request(target, headers=self.headers, method="GET")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                return Response(answer.status, answer.read().decode("utf-8", "replace"))
        except urllib.error.HTTPError as err:
            return Response(err.code, err.read().decode("utf-8", "replace"))
        except (urllib.error.URLError, OSError) as err:
            return Response(0, str(getattr(err, "reason", err)))

    def statements(self, query: dict[str, str], max_pages: int = 1000) -> list[dict[str, Any]]:
        """Every statement matching ``query``, following the LRS's ``more`` links; a
        RecordsError when the LRS does not answer."""
        out: list[dict[str, Any]] = []
        response = self.get(query)
        for _ in range(max_pages):
            if response.status != 200:
                raise RecordsError.said(self.endpoint, "lrs_statements", why=_detail(response))
            page = json.loads(response.body)
            out.extend(page.get("statements", []))
            more = page.get("more")
            if not more:
                break
            response = self.get(url=more)
        return out

    def post(self, statements: list[dict[str, Any]]) -> Response:
        data = json.dumps(statements, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(self.endpoint, data=data, headers=self.headers,
                                         method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                return Response(answer.status, answer.read().decode("utf-8", "replace"))
        except urllib.error.HTTPError as err:
            return Response(err.code, err.read().decode("utf-8", "replace"))
        except (urllib.error.URLError, OSError) as err:
            reason = getattr(err, "reason", err)
            return Response(0, str(reason))


def _detail(response: Response) -> str:
    try:
        detail = json.loads(response.body).get("detail")
    except (ValueError, AttributeError):
        detail = None
    text = str(detail or response.body).strip().replace("\n", " ")[:200]
    return f"HTTP {response.status}: {text}" if response.status else f"no answer ({text})"


def sync(store: Store, client: LrsClient, *, batch_size: int = 50, retries: int = 4,
         backoff: float = 0.5, sleep: Callable[[float], None] = time.sleep,
         on_batch: Callable[[int], None] | None = None) -> SyncReport:
    """Send every unsent statement; stop (keeping the rest) if the LRS stays unreachable."""
    if batch_size < 1:
        raise RecordsError.said("", "batch_size")
    report = SyncReport()
    pending = store.unsent()
    for start in range(0, len(pending), batch_size):
        batch = pending[start:start + batch_size]
        response = _post_with_retries(client, batch, retries, backoff, sleep)
        if response.status in (200, 204):
            store.mark_sent([s["id"] for s in batch])
            report.sent += len(batch)
        elif response.status in (400, 409):
            _one_by_one(store, client, batch, report, retries, backoff, sleep)
        elif response.status in (401, 403):
            raise RecordsError.said(client.endpoint, "lrs_credentials", why=_detail(response))
        elif response.status == 404:
            raise RecordsError.said(client.endpoint, "lrs_no_resource")
        else:
            store.note_failure([s["id"] for s in batch], _detail(response))
            report.stopped = f"the LRS at {client.endpoint} did not take the statements " \
                             f"({_detail(response)})"
            break
        report.batches += 1
        if on_batch is not None:
            on_batch(report.batches)
        if report.stopped:
            break
    report.pending = store.outbox_counts()["pending"]
    return report


def _post_with_retries(client: LrsClient, batch: list[dict[str, Any]], retries: int,
                       backoff: float, sleep: Callable[[float], None]) -> Response:
    response = client.post(batch)
    for attempt in range(retries):
        if response.status and response.status not in TRANSIENT:
            break
        sleep(min(MAX_BACKOFF, backoff * 2 ** attempt))
        response = client.post(batch)
    return response


def _one_by_one(store: Store, client: LrsClient, batch: list[dict[str, Any]],
                report: SyncReport, retries: int, backoff: float,
                sleep: Callable[[float], None]) -> None:
    """A batch the LRS refused as a whole (400/409): find out statement by statement."""
    for statement in batch:
        response = _post_with_retries(client, [statement], retries, backoff, sleep)
        if response.status in (200, 204):
            store.mark_sent([statement["id"]])
            report.sent += 1
        elif response.status == 409:
            store.mark_sent([statement["id"]], note=f"409: {_detail(response)}")
            report.conflicts += 1
        elif response.status == 400:
            store.note_failure([statement["id"]], _detail(response))
            report.rejected.append(statement["id"])
        else:
            store.note_failure([statement["id"]], _detail(response))
            report.stopped = f"the LRS at {client.endpoint} stopped answering ({_detail(response)})"
            return
