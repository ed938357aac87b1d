"""Being a polite client, independent of HTTP: per-host pacing, robots.txt, retry delays, and
refusing private addresses for URLs nobody typed (feed-discovered links).

`HostThrottle` is thread-based: it is safe to share between threads (for example a thread pool
fetching many hosts at once). Requests to one host run one at a time, at least `min_delay`
seconds apart (end of one to start of the next); different hosts do not wait for each other.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import urllib.robotparser
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

_LOCAL_NAMES = ("localhost", "localhost.localdomain")
_LEGACY_IPV4 = frozenset("0123456789abcdefxABCDEFX.")


def host_of(url: str) -> str:
    """The lower-case host of `url` (no port, no brackets); empty when there is none."""
    try:
        return (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return ""


class HostThrottle:
    """One request at a time per host, `min_delay` seconds apart. Thread-safe.

    `clock` and `sleep` default to `time.monotonic` and `time.sleep`; tests pass their own.
    """

    def __init__(
        self,
        min_delay: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._min_delay = min_delay
        self._clock = clock
        self._sleep = sleep
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._last_done: dict[str, float] = {}

    @contextmanager
    def slot(self, host: str, delay: float | None = None) -> Iterator[None]:
        """Hold `host`'s turn: wait for the previous request and the delay, run, then release.

        `delay` (for example a robots.txt Crawl-delay) overrides `min_delay` when longer.
        """
        key = host.lower()
        wait_for = max(self._min_delay, delay or 0.0)
        with self._lock_for(key):
            self._wait(key, wait_for)
            try:
                yield
            finally:
                self._last_done[key] = self._clock()

    def _lock_for(self, host: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(host, threading.Lock())

    def _wait(self, host: str, delay: float) -> None:
        last = self._last_done.get(host)
        if last is None:
            return
        remaining = last + delay - self._clock()
        if remaining > 0:
            self._sleep(remaining)


@dataclass(frozen=True, slots=True)
class _Rules:
    parser: urllib.robotparser.RobotFileParser
    fetched: float


class RobotsCache:
    """robots.txt rules per site (scheme, host and port), parsed from bytes the caller fetched.

    Thread-safe. A site with no stored robots.txt is allowed; `robots_url` says what to fetch
    and `needs_fetch` whether the stored copy is missing or older than `max_age` seconds.
    """

    def __init__(self, max_age: float = 86_400.0, clock: Callable[[], float] = time.time) -> None:
        self._max_age = max_age
        self._clock = clock
        self._guard = threading.Lock()
        self._rules: dict[str, _Rules] = {}

    def store(self, url: str, content: bytes, status: int = 200) -> None:
        """Remember the robots.txt of `url`'s site, as fetched with HTTP `status`.

        As RFC 9309 says: 4xx (no robots.txt) allows everything; 5xx disallows everything.
        """
        if status >= 500:
            lines = ["User-agent: *", "Disallow: /"]
        elif status >= 400:
            lines = []
        else:
            lines = content.decode("utf-8", errors="replace").splitlines()
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(lines)
        with self._guard:
            self._rules[_site(url)] = _Rules(parser=parser, fetched=self._clock())

    def allowed(self, url: str, agent: str) -> bool:
        """Whether `agent` may fetch `url`; True when the site's robots.txt is not stored."""
        rules = self._get(url)
        return True if rules is None else rules.parser.can_fetch(agent, url)

    def crawl_delay(self, url: str, agent: str) -> float | None:
        """The site's Crawl-delay for `agent`, in seconds, if its robots.txt gives one."""
        rules = self._get(url)
        delay = None if rules is None else rules.parser.crawl_delay(agent)
        return None if delay is None else float(delay)

    def needs_fetch(self, url: str) -> bool:
        """Whether the robots.txt of `url`'s site is missing or stale."""
        rules = self._get(url)
        return rules is None or self._clock() - rules.fetched > self._max_age

    def _get(self, url: str) -> _Rules | None:
        with self._guard:
            return self._rules.get(_site(url))


def robots_url(url: str) -> str:
    """The robots.txt URL of `url`'s site."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), "/robots.txt", "", ""))


def _site(url: str) -> str:
    parts = urlsplit(url.strip())
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def backoff_delays(retries: int, base: float, cap: float) -> tuple[float, ...]:
    """Seconds to wait before each of `retries` retries: base, 2*base, 4*base, ... at most cap."""
    delays: list[float] = []
    delay = base
    for _ in range(max(retries, 0)):
        delays.append(min(delay, cap))
        delay = min(delay * 2, cap)
    return tuple(delays)


def is_private_address(host: str, resolve: bool = False, within: float | None = None) -> bool:
    """Whether `host` is a loopback, private, link-local, reserved or otherwise non-public address.

    IP literals (also bracketed IPv6 and legacy forms like '2130706433' or '127.1') and the
    'localhost' names are judged without the network. Other names are resolved with
    `socket.getaddrinfo` only when `resolve` is true, and are private when any address is;
    a name that does not resolve (within `within` seconds) is not private (fetching it fails
    anyway: the connection resolves it again, under the request's deadline).
    """
    name = host.strip().strip("[]").rstrip(".").lower()
    if not name:
        return False
    if name in _LOCAL_NAMES or name.endswith(".localhost"):
        return True
    address = _ip_literal(name)
    if address is not None:
        return _is_private_ip(address)
    return resolve and any(_is_private_ip(found) for found in _resolve(name, within))


def is_private_ip(address: str) -> bool:
    """Whether the IP address `address` (as getaddrinfo gives it) is not a public one; text
    that is no IP address counts as private (it cannot be judged)."""
    found = _ip_literal(address.strip("[]").lower())
    return True if found is None else _is_private_ip(found)


def _ip_literal(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(name.split("%", 1)[0])
    except ValueError:
        pass
    if not set(name) <= _LEGACY_IPV4:
        return None
    try:
        return ipaddress.IPv4Address(socket.inet_aton(name))
    except OSError:
        return None


def _is_private_ip(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is not None and _is_private_ip(embedded):
            return True
    return (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
        or not address.is_global
    )


def getaddrinfo_within(
    host: str, port: int | None, seconds: float | None, **options: Any
) -> list[Any]:
    """`socket.getaddrinfo` that gives up after `seconds` (None: no limit). The system resolver
    has no deadline of its own, so a name server that never answers would hold the run (and
    the store lock); the lookup runs in a daemon thread that is left behind when it is late.
    Late is a `TimeoutError` (an OSError, as a failed lookup is)."""
    if seconds is None:
        return socket.getaddrinfo(host, port, **options)
    done = threading.Event()
    box: dict[str, Any] = {}

    def look_up() -> None:
        try:
            box["infos"] = socket.getaddrinfo(host, port, **options)
        except BaseException as error:  # handed to the caller below
            box["error"] = error
        finally:
            done.set()

    threading.Thread(target=look_up, name="tracker-resolve", daemon=True).start()
    if not done.wait(max(seconds, 0.0)):
        raise TimeoutError(f"no answer from the name server within {seconds:g} s")
    if "error" in box:
        raise box["error"]
    return list(box["infos"])


def _resolve(
    name: str, seconds: float | None = None
) -> Iterator[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = getaddrinfo_within(name, None, seconds, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return
    for info in infos:
        found = _ip_literal(str(info[4][0]))
        if found is not None:
            yield found
