"""Shared fixtures: a real git store in a temp folder and a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tracker.store.store import Store

PARAGRAPHS = (
    "The city council voted on Tuesday to approve a new budget for the coming year, "
    "ending weeks of debate over how to pay for road repairs and school buildings.",
    "Mayor Ann Lee said the plan would add 40 bus drivers and keep the central library "
    "open on Sundays, a promise she made during last year's campaign.",
    "Opponents argued that the budget relied on optimistic tax forecasts and warned "
    "that the city could face a shortfall of several million dollars by spring.",
    "The council will meet again next month to decide how the money is spent on "
    "each district, and residents may comment at a public hearing before then.",
)


def article_html(title: str = "Council approves budget", *paragraphs: str, byline: str = "") -> str:
    """A small, complete news page with the given headline and body paragraphs."""
    body = "".join(f"<p>{p}</p>" for p in (paragraphs or PARAGRAPHS))
    by = f'<p class="byline">By {byline}</p>' if byline else ""
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{by}{body}</article>"
        "<footer>Copyright the Daily Example</footer></body></html>"
    )


@dataclass
class Reply:
    """One canned HTTP response."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html"})
    delay: float = 0.0
    send_length: bool = True


class PageServer:
    """Serves canned replies per path; each request takes the next reply, the last one repeats."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.hits: dict[str, int] = {}
        self.user_agents: list[str] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._server.server_port}{path}"

    def serve(self, path: str, *replies: Reply | str | bytes) -> str:
        """Serve `replies` in turn at `path`; a str or bytes is an HTML page. Returns its URL."""
        self.routes[path] = [
            r if isinstance(r, Reply) else Reply(r.encode() if isinstance(r, str) else r)
            for r in replies
        ]
        return self.url(path)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next(self, path: str) -> Reply:
        replies = self.routes.get(path)
        if not replies:
            return Reply(b"not found", status=404, headers={"Content-Type": "text/plain"})
        count = self.hits.get(path, 0)
        self.hits[path] = count + 1
        return replies[min(count, len(replies) - 1)]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                server.user_agents.append(self.headers.get("User-Agent", ""))
                reply = server._next(self.path)
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if reply.send_length:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        return Handler


@pytest.fixture
def server() -> Iterator[PageServer]:
    pages = PageServer()
    pages.start()
    yield pages
    pages.stop()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "snapshots"


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    opened = Store.open(store_path)
    yield opened
    opened.close()


# -- a changing site for the watch cycle: conditional GET, streamed bodies, request log ---------


@dataclass
class SitePage:
    """One page of a `Site`: its current body and how it is served."""

    body: bytes
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: bool = True
    stream: tuple[bytes, int] | None = None  # (chunk, count): a body sent without a length
    delay: float = 0.0  # seconds before answering


class Site:
    """A loopback site whose pages can change between requests.

    Honours If-None-Match (304 when the ETag still matches) and records each request's path and
    headers. Paths not set answer 404.
    """

    def __init__(self) -> None:
        self.pages: dict[str, SitePage] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._server.server_port}{path}"

    def put(self, path: str, body: str | bytes, **how: object) -> str:
        """Serve `body` at `path` from now on; returns the page's URL."""
        data = body.encode() if isinstance(body, str) else body
        self.pages[path] = SitePage(data, **how)  # type: ignore[arg-type]
        return self.url(path)

    def hits(self, path: str) -> int:
        with self._lock:
            return sum(1 for p, _ in self.requests if p == path)

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                with site._lock:
                    site.requests.append((self.path, dict(self.headers.items())))
                page = site.pages.get(self.path) or SitePage(b"not found", 404, "text/plain")
                time.sleep(page.delay)
                tag = '"%08x"' % (hash(page.body) & 0xFFFFFFFF) if page.etag else None
                if tag and self.headers.get("If-None-Match") == tag and page.status == 200:
                    self._send(304, page, tag, b"")
                    return
                if page.stream is not None:
                    self._stream(page)
                    return
                self._send(page.status, page, tag, page.body)

            def _send(self, status: int, page: SitePage, tag: str | None, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", page.content_type)
                if tag:
                    self.send_header("ETag", tag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

            def _stream(self, page: SitePage) -> None:
                chunk, count = page.stream or (b"", 0)
                self.send_response(page.status)
                self.send_header("Content-Type", page.content_type)
                self.send_header("Connection", "close")
                self.end_headers()
                try:
                    for _ in range(count):
                        self.wfile.write(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    served = Site()
    yield served
    served.stop()
