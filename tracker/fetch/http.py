"""URL -> Page over HTTP(S). The only module that talks to the network.

`fetch_page` fetches one page. `PoliteFetcher` fetches many for a cron cycle: concurrently across
hosts, one request at a time per host with a delay, robots.txt obeyed (cached per site),
conditional GET (a 304 comes back as a `Page` with status 304 and no content), and retries with
backoff for timeouts and 5xx answers.

Every request, page, feed or robots.txt, goes one way (`_get`): redirects are followed here, one
hop at a time (at most `MAX_REDIRECTS`); before each hop the URL is checked (http(s) only, no
control characters, credentials dropped), its host is resolved and, when private addresses are
refused, refused if any address is private, loopback, link-local, multicast or reserved; the
polite fetcher also obeys the hop's robots.txt. A direct connection is made to the very address
that was checked (`_Backend`: no second DNS answer between check and connect), and a pooled
connection to a private address is never reused for a request that refuses them. Each request has
one deadline, headers and body included (`_Stream`), and a size cap read while streaming.
Proxies from HTTP_PROXY / HTTPS_PROXY / ALL_PROXY / NO_PROXY are honoured; through a proxy, the
address policy applies to each hop's host as tracker resolves it, before the request is sent.

A redirect never raises the trust of a fetch: once a hop was on a public address, later hops
are refused private addresses even when the fetch allows them (a URL typed by hand may point
at an intranet; a public site may not redirect tracker into one).
"""

from __future__ import annotations

import email.utils
import queue
import re
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urljoin

import httpcore
import httpx  # noqa: TID251 - this is the HTTP module
from httpx._utils import get_environment_proxies  # noqa: TID251 - proxies as httpx reads them

from tracker.errors import FetchFailed
from tracker.fetch.politeness import (
    HostThrottle,
    RobotsCache,
    backoff_delays,
    getaddrinfo_within,
    host_of,
    is_private_address,
    is_private_ip,
    robots_url,
)
from tracker.fetch.urls import UrlRefused, shown, web_url
from tracker.models import Page

USER_AGENT = "tracker/0.1 (+news change tracker)"
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 10
ROBOTS_MAX_REDIRECTS = 5  # RFC 9309 2.3.1.2: follow at least five
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309 2.5: parse at least 500 KiB; the rest is not read
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_ACCEPTED_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "text/xml",
    "application/xml",
    "application/json",
    "application/feed+json",
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)

_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_HEADER_VALUE = re.compile(r"[\x20-\x7e]{1,1024}")  # validators a site sent back, sent only if sane


class FetchTransient(FetchFailed):
    """A failure that may pass on its own: a timeout, a lost connection, a 5xx or 429 answer.

    `retry_after` is the server's Retry-After, in seconds, when it sent one.
    """

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class FetchRefused(FetchFailed):
    """The URL was not fetched on purpose: robots.txt forbids it, or its address is private."""


class PrivateAddressRefused(FetchRefused):
    """The URL (or a redirect) leads to a private or loopback address and those are refused."""


# -- one request's context: its deadline and address policy, per thread --------------------------


class _Context(threading.local):
    deadline: float | None = None
    refuse_private: bool = False


_CONTEXT = _Context()


@contextmanager
def _request_context(timeout: float, refuse_private: bool) -> Iterator[None]:
    """Within: requests made by this thread end by `timeout` seconds from now, headers and body
    included, and connect only to public addresses when `refuse_private`."""
    saved = (_CONTEXT.deadline, _CONTEXT.refuse_private)
    _CONTEXT.deadline, _CONTEXT.refuse_private = time.monotonic() + timeout, refuse_private
    try:
        yield
    finally:
        _CONTEXT.deadline, _CONTEXT.refuse_private = saved


def _budget(timeout: float | None, late: type[httpcore.TimeoutException]) -> float | None:
    """The time one network operation may take: its own timeout, cut to the request's deadline."""
    deadline = _CONTEXT.deadline
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise late("the request's deadline passed")
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    """A connection that keeps to the request's deadline and knows whether its peer is private
    (and then refuses to carry a request that refuses private addresses)."""

    def __init__(self, inner: httpcore.NetworkStream, private_peer: bool) -> None:
        self._inner = inner
        self._private_peer = private_peer

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _budget(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if self._private_peer and _CONTEXT.refuse_private:
            raise PrivateAddressRefused("refused, the connection leads to a private address")
        self._inner.write(buffer, _budget(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        budget = _budget(timeout, httpcore.ConnectTimeout)
        return _Stream(
            self._inner.start_tls(ssl_context, server_hostname, budget), self._private_peer
        )

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    """Opens connections under the request's deadline. With `pin` (direct connections), the
    host is resolved here, checked against the request's address policy, and the connection
    goes to an address that passed: what was checked is what is connected to. TLS still
    names the original host (SNI and certificate check), as does the Host header."""

    def __init__(self, pin: bool) -> None:
        self._inner = httpcore.SyncBackend()
        self._pin = pin

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        if not self._pin:
            budget = _budget(timeout, httpcore.ConnectTimeout)
            stream = self._inner.connect_tcp(host, port, budget, local_address, socket_options)
            return _Stream(stream, private_peer=False)
        addresses = _addresses(host, port, timeout)
        private = [address for address in addresses if is_private_ip(address)]
        if private and _CONTEXT.refuse_private:
            raise PrivateAddressRefused(
                f"refused, {host} has the private or loopback address {private[0]}"
            )
        failure: Exception = httpcore.ConnectError(f"{host} has no address")
        for address in addresses:
            budget = _budget(timeout, httpcore.ConnectTimeout)
            try:
                stream = self._inner.connect_tcp(
                    address, port, budget, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                failure = error
                continue
            return _Stream(stream, private_peer=is_private_ip(address))
        raise failure

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _addresses(host: str, port: int, timeout: float | None) -> list[str]:
    """The addresses of `host`, looked up within the request's deadline."""
    budget = _budget(timeout, httpcore.ConnectTimeout)
    try:
        infos = getaddrinfo_within(host, port, budget, type=socket.SOCK_STREAM)
    except TimeoutError as error:
        raise httpcore.ConnectTimeout(f"cannot resolve {host} ({error})") from None
    except (OSError, UnicodeError) as error:
        raise httpcore.ConnectError(f"cannot resolve {host} ({error})") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class _Transport(httpx.HTTPTransport):
    """httpx's transport over a connection pool built here (with `_Backend`)."""

    def __init__(self, pool: httpcore.ConnectionPool) -> None:
        self._pool = pool


def _pools(
    ssl_context: ssl.SSLContext, limits: httpx.Limits
) -> tuple[httpx.BaseTransport, dict[str, httpx.BaseTransport | None]]:
    """The direct transport (pinned) and one per proxy from the environment (NO_PROXY: None)."""
    sizes: dict[str, Any] = {
        "max_connections": limits.max_connections,
        "max_keepalive_connections": limits.max_keepalive_connections,
        "keepalive_expiry": limits.keepalive_expiry,
    }
    direct = _Transport(
        httpcore.ConnectionPool(
            ssl_context=ssl_context, network_backend=_Backend(pin=True), **sizes
        )
    )
    mounts: dict[str, httpx.BaseTransport | None] = {}
    for pattern, proxy_url in get_environment_proxies().items():
        if proxy_url is None:
            mounts[pattern] = None
            continue
        proxy = httpx.Proxy(url=proxy_url)
        if proxy.url.scheme not in ("http", "https"):  # SOCKS: httpx's own transport
            mounts[pattern] = httpx.HTTPTransport(proxy=proxy, verify=ssl_context, limits=limits)
            continue
        pool = httpcore.HTTPProxy(
            proxy_url=httpcore.URL(
                scheme=proxy.url.raw_scheme,
                host=proxy.url.raw_host,
                port=proxy.url.port,
                target=proxy.url.raw_path,
            ),
            proxy_auth=proxy.raw_auth,
            proxy_headers=proxy.headers.raw,
            ssl_context=ssl_context,
            proxy_ssl_context=proxy.ssl_context,
            network_backend=_Backend(pin=False),
            **sizes,
        )
        mounts[pattern] = _Transport(pool)
    return direct, mounts


@contextmanager
def open_client(
    timeout: float = DEFAULT_TIMEOUT, max_connections: int = 10
) -> Iterator[httpx.Client]:
    """An HTTP client to share between many `fetch_page` calls (keeps connections open)."""
    limits = httpx.Limits(
        max_connections=max_connections, max_keepalive_connections=max_connections
    )
    direct, mounts = _pools(httpx.create_ssl_context(), limits)
    with httpx.Client(
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        follow_redirects=False,
        transport=direct,
        mounts=mounts,
        trust_env=False,  # proxies are read above, once
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
            "Accept-Encoding": "gzip, deflate",  # what _Inflater undoes
        },
    ) as client:
        yield client


def fetch_page(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    client: httpx.Client | None = None,
    refuse_private: bool = False,
    conditions: dict[str, str] | None = None,
) -> Page:
    """Fetch one page; raise FetchFailed with a one-line reason when it cannot be had.

    `refuse_private` refuses private and loopback addresses for the URL and every redirect;
    `conditions` are headers of a conditional GET (a 304 comes back with no content).
    """
    clean = fetchable(url)
    if client is not None:
        return _fetch(client, clean, timeout, max_bytes, conditions, refuse_private=refuse_private)
    with open_client(timeout) as own:
        return _fetch(own, clean, timeout, max_bytes, conditions, refuse_private=refuse_private)


def fetch_answer(
    url: str,
    *,
    client: httpx.Client,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    refuse_private: bool = False,
) -> Page:
    """Like `fetch_page`, for answers of any content type (an archive's index, a TimeMap):
    the same hop checks, deadline and cap; 4xx and 5xx answers raise as for pages."""
    clean = fetchable(url)
    fetched = datetime.now(timezone.utc).isoformat(timespec="seconds")
    answer = _get(client, clean, timeout, max_bytes, refuse_private=refuse_private,
                  check=_check_status)  # fmt: skip
    encoding = detect_encoding(answer.content, answer.headers.get("content-type", ""))
    return Page(clean, answer.final_url, answer.status, answer.content, fetched, answer.headers,
                answer.redirects, encoding)  # fmt: skip


def fetchable(url: str) -> str:
    """`url` checked and cleaned for fetching (see `tracker.fetch.urls.web_url`); FetchFailed
    when it cannot be fetched."""
    try:
        return web_url(url)
    except UrlRefused as error:
        raise FetchFailed(str(error)) from None


Hop = Callable[[str, bool], AbstractContextManager[None]]  # (hop URL, refuse private)
Check = Callable[[str, "httpx.Response", int], None]  # (URL shown, response, max bytes)


def _no_hop(url: str, refuse_private: bool) -> AbstractContextManager[None]:
    return nullcontext()


@dataclass(frozen=True, slots=True)
class _Answer:
    final_url: str
    status: int
    headers: dict[str, str]
    content: bytes
    redirects: tuple[str, ...]


def _fetch(
    client: httpx.Client,
    url: str,
    timeout: float,
    max_bytes: int,
    conditions: dict[str, str] | None = None,
    *,
    refuse_private: bool = False,
    hop: Hop = _no_hop,
) -> Page:
    fetched = datetime.now(timezone.utc).isoformat(timespec="seconds")
    conditions = {k: v for k, v in (conditions or {}).items() if _HEADER_VALUE.fullmatch(v)}
    answer = _get(client, url, timeout, max_bytes, conditions, refuse_private=refuse_private,
                  hop=hop)  # fmt: skip
    encoding = detect_encoding(answer.content, answer.headers.get("content-type", ""))
    if looks_binary(answer.content, encoding):
        raise FetchFailed(f"{shown(url)}: not a web page (binary content)")
    return Page(
        url=url,
        final_url=answer.final_url,
        status=answer.status,
        content=answer.content,
        fetched=fetched,
        headers=answer.headers,
        redirects=answer.redirects,
        encoding=encoding,
    )


def _get(
    client: httpx.Client,
    url: str,
    timeout: float,
    max_bytes: int,
    conditions: dict[str, str] | None = None,
    *,
    refuse_private: bool = False,
    hop: Hop = _no_hop,
    robots: bool = False,
    check: Check | None = None,
) -> _Answer:
    """GET `url`, following redirects one checked hop at a time.

    The final answer passes `check` (default: a page's, 2xx or 304 with a web content type,
    within `max_bytes`); a robots.txt (`robots`) may answer anything, and is cut at
    `max_bytes` rather than refused.
    """
    current, before = url, list[str]()
    refuse = refuse_private
    limit = ROBOTS_MAX_REDIRECTS if robots else MAX_REDIRECTS
    for _ in range(limit + 1):
        if refuse and is_private_address(host_of(current), resolve=True, within=timeout):
            where = "its address is" if not before else f"it redirects to {shown(current)},"
            raise PrivateAddressRefused(f"{shown(url)}: refused, {where} private or loopback")
        with hop(current, refuse), _request_context(timeout, refuse):
            outcome = _get_one(client, url, current, timeout, max_bytes, conditions, robots,
                               check or _check_response)  # fmt: skip
        if isinstance(outcome, _Answer):
            return replace(outcome, redirects=tuple(before))
        if not refuse and not before:  # a redirect never leaves a public address for a private
            refuse = not is_private_address(host_of(current), resolve=True, within=timeout)
        before.append(current)
        current = outcome
    raise FetchFailed(f"{shown(url)}: too many redirects (more than {limit})")


def _get_one(
    client: httpx.Client,
    url: str,
    current: str,
    timeout: float,
    max_bytes: int,
    conditions: dict[str, str] | None,
    robots: bool,
    check: Check,
) -> _Answer | str:
    """One request: its answer, or the URL it redirects to."""
    name = shown(url)
    try:
        with client.stream("GET", current, headers=conditions or None) as response:
            location = response.headers.get("location")
            if response.status_code in _REDIRECT_STATUSES and location:
                return _redirect_target(name, current, location)
            if not robots:
                check(name, response, max_bytes)
            content = _read_capped(name, response, max_bytes, truncate=robots)
    except httpx.TimeoutException:
        raise FetchTransient(f"{name}: timed out after {timeout:g} s") from None
    except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError) as e:
        raise FetchTransient(f"{name}: {_describe(e)}") from None
    except httpx.HTTPError as e:
        raise FetchFailed(f"{name}: {_describe(e)}") from None
    except httpx.InvalidURL as e:
        raise FetchFailed(f"{name}: not a valid URL ({e})") from None
    except PrivateAddressRefused as e:  # found when connecting: the pinned address check
        raise PrivateAddressRefused(f"{name}: {e}") from None
    headers = {k.lower(): v for k, v in response.headers.items()}
    return _Answer(current, response.status_code, headers, content, ())


def _redirect_target(name: str, current: str, location: str) -> str:
    try:
        return web_url(urljoin(current, location.strip()))
    except (UrlRefused, ValueError) as error:
        raise FetchFailed(f"{name}: redirected to a URL tracker does not fetch ({error})") from None


_CONTROL = frozenset(range(32)) - {9, 10, 12, 13, 27}


def looks_binary(content: bytes, encoding: str | None) -> bool:
    """Bytes no text page holds: NULs or many control characters (UTF-16/32 aside)."""
    if encoding and encoding.startswith(("utf-16", "utf-32")):
        return False
    head = content[:4096]
    return b"\0" in head or sum(byte in _CONTROL for byte in head) > len(head) // 20


def _check_status(url: str, response: httpx.Response, max_bytes: int) -> None:
    if response.status_code >= 400:
        reason = response.reason_phrase or "error"
        message = f"{url}: HTTP {response.status_code} {reason}"
        if response.status_code in _RETRY_STATUSES:
            raise FetchTransient(message, _retry_after(response.headers.get("retry-after", "")))
        raise FetchFailed(message)
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchFailed(f"{url}: too large ({int(declared)} bytes; the limit is {max_bytes})")


def _check_response(url: str, response: httpx.Response, max_bytes: int) -> None:
    _check_status(url, response, max_bytes)
    media = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if media and not (media in _ACCEPTED_TYPES or media.endswith("+xml")):
        raise FetchFailed(f"{url}: not a web page (content type {media})")


def _read_capped(
    url: str, response: httpx.Response, max_bytes: int, *, truncate: bool = False
) -> bytes:
    """The body, read while it streams and decompressed here with a bound on the output (a
    small compressed chunk may hold gigabytes): over `max_bytes` is an error (or, with
    `truncate`, the first `max_bytes`); past the request's deadline is a timeout."""
    inflater = _Inflater(url, response.headers.get("content-encoding", ""))
    body = bytearray()
    for chunk in response.iter_raw():
        body += inflater.feed(chunk, max_bytes + 1 - len(body))
        if len(body) > max_bytes:
            if truncate:
                return bytes(body[:max_bytes])
            raise FetchFailed(f"{url}: too large (over {max_bytes} bytes)")
        deadline = _CONTEXT.deadline
        if deadline is not None and time.monotonic() > deadline:
            raise httpx.ReadTimeout("deadline passed", request=response.request)
    return bytes(body)


_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


class _Inflater:
    """Undoes a Content-Encoding (none, gzip or deflate), giving at most `limit` bytes a call."""

    def __init__(self, url: str, header: str) -> None:
        codings = [c.strip().lower() for c in header.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in _WBITS):
            raise FetchFailed(f"{url}: unsupported content encoding ({header.strip()})")
        self._url = url
        self._wbits = _WBITS[codings[0]] if codings else 0
        self._zlib = zlib.decompressobj(self._wbits) if codings else None
        self._started = False

    def feed(self, data: bytes, limit: int) -> bytes:
        if self._zlib is None:
            return data
        out = bytearray()
        while data and len(out) < limit:
            try:
                out += self._zlib.decompress(data, limit - len(out))
            except zlib.error:
                if self._started or self._wbits != zlib.MAX_WBITS:
                    raise FetchFailed(f"{self._url}: the compressed body is damaged") from None
                self._wbits = -zlib.MAX_WBITS  # "deflate" sent raw, as some servers do
                self._zlib = zlib.decompressobj(self._wbits)
                continue
            self._started = True
            if self._zlib.eof:  # another gzip member may follow
                data = self._zlib.unused_data
                self._zlib = zlib.decompressobj(self._wbits)
            else:
                data = self._zlib.unconsumed_tail
        return bytes(out)


def _describe(error: httpx.HTTPError) -> str:
    if isinstance(error, httpx.ConnectError):
        return f"cannot connect ({error})"
    if isinstance(error, httpx.UnsupportedProtocol):
        return "redirected to a URL that is not http(s)"
    return f"{type(error).__name__}: {error}"


def detect_encoding(content: bytes, content_type: str = "") -> str | None:
    """The page's character set: a byte-order mark, else the HTTP header, else a <meta> tag.

    The rules are those of the page decoder, tracker.extract.decode (imported here, not at the
    top, so that fetching stays light for callers that never extract)."""
    from tracker.charset import detect_charset

    declared = _HEADER_CHARSET.search(content_type)
    return detect_charset(content, declared.group(1) if declared else None)


def _retry_after(value: str) -> float | None:
    """Retry-After as seconds from now: a number of seconds or an HTTP date."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return max((moment - datetime.now(timezone.utc)).total_seconds(), 0.0)


# -- many pages, politely ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How a cycle fetches: `host_delay` seconds between requests to one host, `concurrency`
    hosts at once, `retries` more attempts after a transient failure (waiting `backoff`, then
    twice as long, up to `backoff_cap`; a longer Retry-After gives up)."""

    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    host_delay: float = 1.0
    concurrency: int = 8
    retries: int = 2
    backoff: float = 2.0
    backoff_cap: float = 60.0
    respect_robots: bool = True


@dataclass(frozen=True, slots=True)
class FetchJob:
    """One URL to fetch: validators for a conditional GET, and whether private addresses are
    refused (for URLs nobody typed, such as links found in a feed)."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    refuse_private: bool = False


FetchOutcome = tuple[FetchJob, "Page | FetchFailed"]


class PoliteFetcher:
    """Fetches many URLs politely; use as a context manager (it owns an HTTP client).

    `sleep` defaults to `time.sleep`; `requests` counts HTTP requests made (robots.txt included).
    """

    def __init__(self, policy: FetchPolicy, sleep: Callable[[float], None] = time.sleep) -> None:
        self.policy = policy
        self.requests = 0
        self._sleep = sleep
        self._throttle = HostThrottle(policy.host_delay, sleep=sleep)
        self._robots = RobotsCache()
        self._count_lock = threading.Lock()
        self._client_context = open_client(policy.timeout, max(policy.concurrency, 1))
        self._client: httpx.Client | None = None

    def __enter__(self) -> PoliteFetcher:
        self._client = self._client_context.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._client_context.__exit__(None, None, None)
        self._client = None

    def fetch_all(self, jobs: Iterable[FetchJob]) -> Iterator[FetchOutcome]:
        """Fetch every job, yielding each outcome as soon as it is known (not in job order).

        Hosts are fetched in parallel (at most `concurrency` at once); one host's URLs go one
        after another. Every job yields exactly one outcome: a failure, even an unexpected
        one, is yielded as a `FetchFailed`, never raised. Leaving the loop early stops the
        jobs not yet started.
        """
        by_host: dict[str, list[FetchJob]] = {}
        for job in jobs:
            by_host.setdefault(host_of(job.url), []).append(job)
        total = sum(len(group) for group in by_host.values())
        done: queue.Queue[FetchOutcome] = queue.Queue()
        stop = threading.Event()
        workers = max(1, min(self.policy.concurrency, len(by_host)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fetch") as pool:
            try:
                for group in by_host.values():
                    pool.submit(self._fetch_group, group, done, stop)
                for _ in range(total):
                    yield done.get()
            finally:
                stop.set()

    def _fetch_group(
        self, group: Sequence[FetchJob], done: queue.Queue[FetchOutcome], stop: threading.Event
    ) -> None:
        for job in group:
            outcome: Page | FetchFailed
            if stop.is_set():
                outcome = FetchFailed(f"{shown(job.url)}: not fetched, the run was stopped")
            else:
                try:
                    outcome = self.fetch(job)
                except FetchFailed as error:
                    outcome = error
                except Exception as error:  # noqa: BLE001 - one job's failure, not the run's
                    outcome = FetchFailed(
                        f"{shown(job.url)}: unexpected {type(error).__name__}: {error}"
                    )
            done.put((job, outcome))

    def fetch(self, job: FetchJob) -> Page:
        """Fetch one job politely, retrying transient failures; raise FetchFailed otherwise.

        Each hop of a redirect chain is checked (address, robots.txt) before it is requested.
        """
        assert self._client is not None, "use PoliteFetcher as a context manager"
        url = fetchable(job.url)
        conditions = _conditions(job)
        waits = backoff_delays(self.policy.retries, self.policy.backoff, self.policy.backoff_cap)
        for attempt in range(len(waits) + 1):
            try:
                return _fetch(self._client, url, self.policy.timeout, self.policy.max_bytes,
                              conditions, refuse_private=job.refuse_private,
                              hop=self._hop)  # fmt: skip
            except FetchTransient as error:
                if attempt == len(waits) or (error.retry_after or 0) > self.policy.backoff_cap:
                    raise
                self._sleep(max(waits[attempt], error.retry_after or 0.0))
        raise AssertionError("unreachable")  # pragma: no cover

    @contextmanager
    def _hop(self, url: str, refuse_private: bool) -> Iterator[None]:
        """One request of a fetch: robots.txt obeyed for its URL, its host's turn held."""
        delay = self._obey_robots(url, refuse_private)
        with self._throttle.slot(host_of(url), delay):
            self._count()
            yield

    @contextmanager
    def _robots_hop(self, url: str, refuse_private: bool) -> Iterator[None]:
        with self._throttle.slot(host_of(url)):
            self._count()
            yield

    def _obey_robots(self, url: str, refuse_private: bool) -> float | None:
        """The site's Crawl-delay; FetchRefused when its robots.txt forbids `url`."""
        if not self.policy.respect_robots:
            return None
        if self._robots.needs_fetch(url):
            self._load_robots(url, refuse_private)
        if not self._robots.allowed(url, USER_AGENT):
            raise FetchRefused(f"{shown(url)}: refused by the site's robots.txt")
        return self._robots.crawl_delay(url, USER_AGENT)

    def _load_robots(self, url: str, refuse_private: bool) -> None:
        """Fetch `url`'s robots.txt the way pages are fetched (same checks, deadline, cap).

        As RFC 9309 says: 4xx allows everything, 5xx (and 429) disallows everything for now;
        a robots.txt that cannot be reached (timeout, lost connection) fails the page as a
        transient failure, retried like one; a redirect tracker refuses to follow (to a
        private address, too many) counts as no robots.txt.
        """
        assert self._client is not None, "use PoliteFetcher as a context manager"
        where = robots_url(url)
        try:
            answer = _get(self._client, where, self.policy.timeout, ROBOTS_MAX_BYTES,
                          refuse_private=refuse_private, hop=self._robots_hop,
                          robots=True)  # fmt: skip
        except FetchTransient as error:
            raise FetchTransient(
                f"{shown(url)}: not fetched for now, its site's robots.txt cannot be read ({error})"
            ) from None
        except FetchFailed:
            self._robots.store(url, b"", 404)
            return
        status = 503 if answer.status == 429 else answer.status
        self._robots.store(url, answer.content, status)

    def _count(self) -> None:
        with self._count_lock:
            self.requests += 1


def _conditions(job: FetchJob) -> dict[str, str]:
    headers = {}
    if job.etag:
        headers["If-None-Match"] = job.etag
    if job.last_modified:
        headers["If-Modified-Since"] = job.last_modified
    return headers
