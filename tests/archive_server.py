"""A loopback web archive that speaks the Wayback protocol: the CDX index (JSON with
`showResumeKey` paging, or plain text), raw `id_` captures, a Memento TimeMap, and 429 answers
with Retry-After on demand. Used by tests/test_import.py and benchmarks/bench_import.py."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class ArchivedCapture:
    timestamp: str
    original: str
    body: bytes
    status: int = 200
    mimetype: str = "text/html"
    redirect: str | None = None  # the raw capture redirects to this URL's capture

    @property
    def digest(self) -> str:
        return hashlib.sha1(self.body).hexdigest().upper()[:32]


@dataclass
class FakeArchive:
    """What the archive holds and how it answers."""

    captures: list[ArchivedCapture] = field(default_factory=list)
    text_cdx: bool = False  # answer the CDX query in the plain-text form
    page_size: int | None = None  # rows per CDX answer (None: the client's `limit`)
    throttle: list[str] = field(default_factory=list)  # path prefixes answered 429 once each
    retry_after: str = "1"
    requests: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # requests answered 429
    fail_captures: set[str] = field(default_factory=set)  # timestamps answered 503 every time

    def add(self, timestamp: str, original: str, body: str | bytes, **how: object) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.captures.append(ArchivedCapture(timestamp, original, data, **how))  # type: ignore[arg-type]

    # -- answers --------------------------------------------------------------------------

    def answer(self, path: str) -> tuple[int, dict[str, str], bytes]:
        self.requests.append(path)
        for prefix in list(self.throttle):
            if path.startswith(prefix):
                self.throttle.remove(prefix)
                self.refused.append(path)
                return 429, {"Retry-After": self.retry_after, "Content-Type": "text/plain"}, b""
        parts = urlsplit(path)
        if parts.path == "/cdx/search/cdx":
            return self._cdx(parse_qs(parts.query))
        if parts.path.startswith("/web/timemap/link/"):
            return self._timemap(path[len("/web/timemap/link/") :])
        if parts.path.startswith("/web/"):
            return self._capture(path[len("/web/") :])
        return 404, {"Content-Type": "text/plain"}, b"not found"

    def _matching(self, query: dict[str, list[str]]) -> list[ArchivedCapture]:
        url = query.get("url", [""])[0]
        since, until = query.get("from", [""])[0], query.get("to", [""])[0]
        found = [
            c
            for c in self.captures
            if _same_url(c.original, url)
            and (not since or c.timestamp[: len(since)] >= since)
            and (not until or c.timestamp[: len(until)] <= until)
        ]
        if "statuscode:200" in query.get("filter", []):
            found = [c for c in found if c.status == 200]
        found.sort(key=lambda c: c.timestamp)
        if query.get("collapse") == ["digest"]:
            kept: list[ArchivedCapture] = []
            for c in found:
                if not kept or kept[-1].digest != c.digest:
                    kept.append(c)
            found = kept
        return found

    def _cdx(self, query: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
        found = self._matching(query)
        start = int(query.get("resumeKey", ["0"])[0] or 0)
        size = self.page_size or int(query.get("limit", ["100000"])[0])
        chunk = found[start : start + size]
        more = start + size < len(found) and query.get("showResumeKey") == ["true"]
        if self.text_cdx:
            lines = [
                f"{_urlkey(c.original)} {c.timestamp} {c.original} {c.mimetype} {c.status} "
                f"{c.digest} {len(c.body)}"
                for c in chunk
            ]
            if more:
                lines += ["", str(start + size)]
            return 200, {"Content-Type": "text/plain"}, ("\n".join(lines) + "\n").encode()
        fields = query.get("fl", ["urlkey,timestamp,original,mimetype,statuscode,digest,length"])
        names = fields[0].split(",")
        rows: list[list[str]] = [names]
        for c in chunk:
            values = {
                "urlkey": _urlkey(c.original),
                "timestamp": c.timestamp,
                "original": c.original,
                "mimetype": c.mimetype,
                "statuscode": str(c.status),
                "digest": c.digest,
                "length": str(len(c.body)),
            }
            rows.append([values[n] for n in names])
        if more:
            rows += [[], [str(start + size)]]
        if not chunk and start == 0:
            rows = []
        return 200, {"Content-Type": "application/json"}, json.dumps(rows).encode()

    def _timemap(self, url: str) -> tuple[int, dict[str, str], bytes]:
        found = sorted(
            (c for c in self.captures if _same_url(c.original, url)), key=lambda c: c.timestamp
        )
        lines = [f'<{url}>; rel="original"']
        for c in found:
            moment = datetime.strptime(c.timestamp, "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)
            lines.append(
                f'<{self.base}/web/{c.timestamp}/{c.original}>; rel="memento"; '
                f'datetime="{format_datetime(moment, usegmt=True)}"'
            )
        body = ",\n".join(lines) + "\n"
        return 200, {"Content-Type": "application/link-format"}, body.encode()

    def _capture(self, rest: str) -> tuple[int, dict[str, str], bytes]:
        stamp, _, original = rest.partition("/")
        raw = stamp.endswith("id_")
        stamp = stamp.removesuffix("id_")
        if stamp in self.fail_captures:
            return 503, {"Content-Type": "text/plain"}, b"unavailable"
        for c in self.captures:
            if c.timestamp == stamp and _same_url(c.original, original):
                if c.redirect:
                    where = f"{self.base}/web/{stamp}{'id_' if raw else ''}/{c.redirect}"
                    return 302, {"Location": where, "Content-Type": "text/html"}, b""
                body = c.body if raw else b"<div id='wm-toolbar'>Wayback</div>" + c.body
                return c.status, {"Content-Type": f"{c.mimetype}; charset=utf-8"}, body
        return 404, {"Content-Type": "text/html"}, b"<html><body>Not in archive</body></html>"

    base: str = ""


def _same_url(a: str, b: str) -> bool:
    def norm(u: str) -> str:
        u = u.split("://", 1)[-1].lower().rstrip("/")
        return u.removeprefix("www.")

    return norm(a) == norm(b)


def _urlkey(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.").split(".")
    return ",".join(reversed(host)) + ")" + (parts.path or "/")


@contextmanager
def serve_archive(archive: FakeArchive) -> Iterator[str]:
    """Serve `archive` on 127.0.0.1; yields its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            status, headers, body = archive.answer(self.path)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    archive.base = f"http://127.0.0.1:{server.server_port}"
    try:
        yield archive.base
    finally:
        server.shutdown()
        server.server_close()
