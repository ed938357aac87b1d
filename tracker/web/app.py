"""`tracker serve`: the store read-only over HTTP (Starlette, served by uvicorn).

    /                                   every article, the most recently seen first
    /articles/<host>/<ab>/<slug>/       an article's versions; pick two to compare (its store
                                        folder: `<ab>` is its shard)
    /articles/<host>/<ab>/<slug>/v/A..B the report from version A to B as HTML; as the report
                                        document with `.json` appended or Accept: application/json

GET and HEAD only; every page escapes what it shows and carries a strict Content-Security-Policy
(no scripts, no outside resources). Bound to a loopback address, the app also refuses requests
naming another host (DNS rebinding).
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Collection
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tracker.errors import SnapshotNotFound, TrackerError
from tracker.render import render_report
from tracker.web.library import Library
from tracker.web.pages import PAIR, Links, article_page, diff_page, error_page, front_page

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
_LINKS = Links()
_SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
        b"form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


def create_app(library: Library, *, allowed_hosts: Collection[str] | None = None) -> ASGIApp:
    """The web app over `library`; `allowed_hosts` (host names, no ports) limits the Host
    header (None: any)."""

    def front(request: Request) -> Response:
        return HTMLResponse(front_page(library.articles(), _LINKS, str(library.root)))

    def article(request: Request) -> Response:
        tracked = library.article(_folder(request))
        return HTMLResponse(article_page(tracked, _LINKS, compare_all=True))

    def to_article(request: Request) -> Response:
        tracked = library.article(_folder(request))
        return RedirectResponse(_LINKS.article(tracked), status_code=308)

    def compare(request: Request) -> Response:
        tracked = library.article(_folder(request))
        old, new = request.query_params.get("from", ""), request.query_params.get("to", "")
        if not (old.isdigit() and new.isdigit()):
            return _error(400, "Pick two versions to compare.")
        return RedirectResponse(_LINKS.diff(tracked, int(old), int(new)), status_code=303)

    def diff(request: Request) -> Response:
        tracked = library.article(_folder(request))
        pair = request.path_params["pair"]
        as_json = pair.endswith(".json")
        match = PAIR.fullmatch(pair[:-5] if as_json else pair)
        if match is None:
            return _error(404, "A comparison is named like v/1..2.")
        old, new = int(match[1]), int(match[2])
        report = library.report(tracked, old, new)
        if as_json or _wants_json(request):
            return Response(render_report(report, "json"), media_type="application/json",
                            headers={"vary": "Accept"})  # fmt: skip
        html = diff_page(report, tracked, old, new, _LINKS)
        return HTMLResponse(html, headers={"vary": "Accept"})

    async def not_found(request: Request, exc: Exception) -> Response:
        return _error(404, str(exc) if isinstance(exc, SnapshotNotFound) else "No such page.")

    base = "/articles/{host}/{shard}/{slug}"
    routes = [
        Route("/", front),
        Route("/index.html", front),
        Route(base, to_article),
        Route(base + "/", article),
        Route(base + "/index.html", article),
        Route(base + "/compare", compare),
        Route(base + "/v/{pair}", diff),
        Route(base + "/v/{pair}/", diff),
        Route(base + "/v/{pair}/index.html", diff),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={SnapshotNotFound: not_found, 404: not_found, 405: _not_allowed},
    )
    return _Guard(app, allowed_hosts)


def _folder(request: Request) -> str:
    params = request.path_params
    return f"articles/{params['host']}/{params['shard']}/{params['slug']}"


def _wants_json(request: Request) -> bool:
    """Whether the Accept header prefers the report document to HTML."""
    weights: dict[str, float] = {}
    for part in request.headers.get("accept", "").split(","):
        kind, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        weights[kind.lower()] = max(weights.get(kind.lower(), 0.0), quality)
    wanted = weights.get("application/json", 0.0)
    return wanted > 0 and wanted >= max(weights.get("text/html", 0.0), weights.get("*/*", 0.0))


def _error(status: int, message: str) -> Response:
    return HTMLResponse(error_page(status, message, _LINKS.index()), status_code=status)


async def _not_allowed(request: Request, exc: Exception) -> Response:
    response = _error(405, "This server is read-only: GET and HEAD only.")
    response.headers["allow"] = "GET, HEAD"
    return response


class _Guard:
    """Adds the security headers to every response; refuses a Host header not allowed."""

    def __init__(self, app: ASGIApp, allowed_hosts: Collection[str] | None) -> None:
        self.app = app
        self.allowed = None if allowed_hosts is None else {h.lower() for h in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.allowed is not None and _host_name(scope) not in self.allowed:
            response = HTMLResponse("<!DOCTYPE html><title>421</title><p>Misdirected request.",
                                    status_code=421)  # fmt: skip
            await response(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *_SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


def _host_name(scope: Scope) -> str:
    """The request's Host header without its port (brackets of an IPv6 address dropped)."""
    host = ""
    for name, value in scope.get("headers", []):
        if name == b"host":
            host = value.decode("latin-1").strip().lower()
            break
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def serve(
    root: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    announce: Callable[[str], None] | None = None,
) -> None:
    """Serve the store at `root` until interrupted. SnapshotNotFound when there is no store,
    TrackerError when the address cannot be listened on; `announce` hears the URL once it is."""
    import uvicorn

    library = Library(root)
    allowed = LOOPBACK_NAMES if host in LOOPBACK_NAMES else None
    listening = _listen(host, port)
    try:
        shown = f"[{host}]" if ":" in host else host
        if announce is not None:
            announce(f"http://{shown}:{listening.getsockname()[1]}/")
        config = uvicorn.Config(create_app(library, allowed_hosts=allowed), host=host, port=port,
                                log_level="warning", server_header=False)  # fmt: skip
        uvicorn.Server(config).run(sockets=[listening])
    finally:
        listening.close()
        library.close()


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to `host`:`port` (0: any free port)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        listening = socket.socket(family, kind, proto)
    except OSError as error:
        raise TrackerError(f"cannot listen on {host}: {error.strerror or error}") from None
    try:
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind(address)
    except OSError as error:
        listening.close()
        raise TrackerError(
            f"cannot listen on {host}:{port}: {error.strerror or error}; give another --port"
        ) from None
    return listening
