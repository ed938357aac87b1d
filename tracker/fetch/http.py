"""URL -> Page over HTTP(S). The only module that talks to the network.

`fetch_page` fetches one page. `PoliteFetcher` fetches many for a cron cycle: concurrently across
hosts, one request at a time per host with a delay, robots.txt obeyed (cached per site),
conditional GET (a 304 comes back as a `Page` with status 304 and no content), and retries with
backoff for timeouts and 5xx answers.
"""

from __future__ import annotations

import email.utils
import queue
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone

import httpx  # noqa: TID251 - this is the HTTP module

from tracker.errors import FetchFailed
from tracker.fetch.politeness import (
    HostThrottle,
    RobotsCache,
    backoff_delays,
    host_of,
    is_private_address,
    robots_url,
)
from tracker.models import Page

USER_AGENT = "tracker/0.1 (+news change tracker)"
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
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


@contextmanager
def open_client(
    timeout: float = DEFAULT_TIMEOUT, max_connections: int = 10
) -> Iterator[httpx.Client]:
    """An HTTP client to share between many `fetch_page` calls (keeps connections open)."""
    with httpx.Client(
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        follow_redirects=True,
        max_redirects=10,
        limits=httpx.Limits(
            max_connections=max_connections, max_keepalive_connections=max_connections
        ),
        headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
    ) as client:
        yield client


def fetch_page(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    client: httpx.Client | None = None,
) -> Page:
    """Fetch one page; raise FetchFailed with a one-line reason when it cannot be had."""
    if not re.match(r"(?i)https?://", url):
        raise FetchFailed(f"{url}: only http:// and https:// URLs can be fetched")
    if client is not None:
        return _fetch(client, url, timeout, max_bytes)
    with open_client(timeout) as own:
        return _fetch(own, url, timeout, max_bytes)


def _fetch(
    client: httpx.Client,
    url: str,
    timeout: float,
    max_bytes: int,
    conditions: dict[str, str] | None = None,
) -> Page:
    fetched = datetime.now(timezone.utc).isoformat(timespec="seconds")
    try:
        with client.stream("GET", url, headers=conditions or None) as response:
            _check_response(url, response, max_bytes)
            content = _read_capped(url, response, max_bytes, time.monotonic() + timeout)
    except httpx.TimeoutException:
        raise FetchTransient(f"{url}: timed out after {timeout:g} s") from None
    except httpx.TooManyRedirects:
        raise FetchFailed(f"{url}: too many redirects") from None
    except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError) as e:
        raise FetchTransient(f"{url}: {_describe(e)}") from None
    except httpx.HTTPError as e:
        raise FetchFailed(f"{url}: {_describe(e)}") from None
    headers = {k.lower(): v for k, v in response.headers.items()}
    encoding = detect_encoding(content, headers.get("content-type", ""))
    if looks_binary(content, encoding):
        raise FetchFailed(f"{url}: not a web page (binary content)")
    return Page(
        url=url,
        final_url=str(response.url),
        status=response.status_code,
        content=content,
        fetched=fetched,
        headers=headers,
        redirects=tuple(str(r.url) for r in response.history),
        encoding=encoding,
    )


_CONTROL = frozenset(range(32)) - {9, 10, 12, 13, 27}


def looks_binary(content: bytes, encoding: str | None) -> bool:
    """Bytes no text page holds: NULs or many control characters (UTF-16/32 aside)."""
    if encoding and encoding.startswith(("utf-16", "utf-32")):
        return False
    head = content[:4096]
    return b"\0" in head or sum(byte in _CONTROL for byte in head) > len(head) // 20


def _check_response(url: str, response: httpx.Response, max_bytes: int) -> None:
    if response.status_code >= 400:
        reason = response.reason_phrase or "error"
        message = f"{url}: HTTP {response.status_code} {reason}"
        if response.status_code in _RETRY_STATUSES:
            raise FetchTransient(message, _retry_after(response.headers.get("retry-after", "")))
        raise FetchFailed(message)
    media = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if media and not (media in _ACCEPTED_TYPES or media.endswith("+xml")):
        raise FetchFailed(f"{url}: not a web page (content type {media})")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchFailed(f"{url}: too large ({int(declared)} bytes; the limit is {max_bytes})")


def _read_capped(url: str, response: httpx.Response, max_bytes: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchFailed(f"{url}: too large (over {max_bytes} bytes)")
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("deadline passed", request=response.request)
        chunks.append(chunk)
    return b"".join(chunks)


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
        after another. A failure is yielded as its `FetchFailed`, never raised.
        """
        by_host: dict[str, list[FetchJob]] = {}
        for job in jobs:
            by_host.setdefault(host_of(job.url), []).append(job)
        total = sum(len(group) for group in by_host.values())
        done: queue.Queue[FetchOutcome] = queue.Queue()
        workers = max(1, min(self.policy.concurrency, len(by_host)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fetch") as pool:
            for group in by_host.values():
                pool.submit(self._fetch_group, group, done)
            for _ in range(total):
                yield done.get()

    def _fetch_group(self, group: Sequence[FetchJob], done: queue.Queue[FetchOutcome]) -> None:
        for job in group:
            try:
                outcome: Page | FetchFailed = self.fetch(job)
            except FetchFailed as error:
                outcome = error
            done.put((job, outcome))

    def fetch(self, job: FetchJob) -> Page:
        """Fetch one job politely, retrying transient failures; raise FetchFailed otherwise."""
        if job.refuse_private and is_private_address(host_of(job.url), resolve=True):
            raise PrivateAddressRefused(f"{job.url}: refused, its address is private or loopback")
        delay = self._obey_robots(job.url)
        conditions = _conditions(job)
        waits = backoff_delays(self.policy.retries, self.policy.backoff, self.policy.backoff_cap)
        for attempt in range(len(waits) + 1):
            try:
                page = self._request(job.url, delay, conditions)
                break
            except FetchTransient as error:
                if attempt == len(waits) or (error.retry_after or 0) > self.policy.backoff_cap:
                    raise
                self._sleep(max(waits[attempt], error.retry_after or 0.0))
        if job.refuse_private and is_private_address(host_of(page.final_url), resolve=True):
            raise PrivateAddressRefused(f"{job.url}: refused, it redirects to a private address")
        return page

    def _request(self, url: str, delay: float | None, conditions: dict[str, str]) -> Page:
        assert self._client is not None, "use PoliteFetcher as a context manager"
        with self._throttle.slot(host_of(url), delay):
            self._count()
            return _fetch(self._client, url, self.policy.timeout, self.policy.max_bytes, conditions)

    def _obey_robots(self, url: str) -> float | None:
        """The site's Crawl-delay; FetchRefused when its robots.txt forbids `url`."""
        if not self.policy.respect_robots:
            return None
        if self._robots.needs_fetch(url):
            self._load_robots(url)
        if not self._robots.allowed(url, USER_AGENT):
            raise FetchRefused(f"{url}: refused by the site's robots.txt")
        return self._robots.crawl_delay(url, USER_AGENT)

    def _load_robots(self, url: str) -> None:
        assert self._client is not None, "use PoliteFetcher as a context manager"
        where = robots_url(url)
        with self._throttle.slot(host_of(url)):
            self._count()
            try:
                response = self._client.get(where)
                self._robots.store(url, response.content[:_ROBOTS_MAX], response.status_code)
            except httpx.HTTPError:
                self._robots.store(url, b"", 404)  # unreachable robots.txt: the page decides

    def _count(self) -> None:
        with self._count_lock:
            self.requests += 1


_ROBOTS_MAX = 512 * 1024


def _conditions(job: FetchJob) -> dict[str, str]:
    headers = {}
    if job.etag:
        headers["If-None-Match"] = job.etag
    if job.last_modified:
        headers["If-Modified-Since"] = job.last_modified
    return headers
