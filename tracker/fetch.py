"""URL -> Page over HTTP(S). The only module that talks to the network."""

from __future__ import annotations

import codecs
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone

import httpx  # noqa: TID251 - this is the HTTP module

from tracker.errors import FetchFailed
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
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


@contextmanager
def open_client(timeout: float = DEFAULT_TIMEOUT) -> Iterator[httpx.Client]:
    """An HTTP client to share between many `fetch_page` calls (keeps connections open)."""
    with httpx.Client(
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        follow_redirects=True,
        max_redirects=10,
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


def _fetch(client: httpx.Client, url: str, timeout: float, max_bytes: int) -> Page:
    fetched = datetime.now(timezone.utc).isoformat(timespec="seconds")
    try:
        with client.stream("GET", url) as response:
            _check_response(url, response, max_bytes)
            content = _read_capped(url, response, max_bytes, time.monotonic() + timeout)
    except httpx.TimeoutException:
        raise FetchFailed(f"{url}: timed out after {timeout:g} s") from None
    except httpx.TooManyRedirects:
        raise FetchFailed(f"{url}: too many redirects") from None
    except httpx.HTTPError as e:
        raise FetchFailed(f"{url}: {_describe(e)}") from None
    headers = {k.lower(): v for k, v in response.headers.items()}
    return Page(
        url=url,
        final_url=str(response.url),
        status=response.status_code,
        content=content,
        fetched=fetched,
        headers=headers,
        redirects=tuple(str(r.url) for r in response.history),
        encoding=detect_encoding(content, headers.get("content-type", "")),
    )


def _check_response(url: str, response: httpx.Response, max_bytes: int) -> None:
    if response.status_code >= 400:
        reason = response.reason_phrase or "error"
        raise FetchFailed(f"{url}: HTTP {response.status_code} {reason}")
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
    """The page's character set: a byte-order mark, else the HTTP header, else a <meta> tag."""
    declared = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type, re.I)
    for candidate in (_bom_encoding(content), declared.group(1) if declared else None):
        if candidate and _known(candidate):
            return codecs.lookup(candidate).name
    meta = _META_CHARSET.search(content[:4096])
    if meta and _known(meta.group(1).decode("ascii")):
        return codecs.lookup(meta.group(1).decode("ascii")).name
    return None


def _bom_encoding(content: bytes) -> str | None:
    return next((name for bom, name in _BOMS if content.startswith(bom)), None)


def _known(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True
