"""Web archive client: the captures of a URL in a Wayback-compatible archive, and each capture
as archived.

The protocol, as the Internet Archive documents it:

- CDX index: `BASE/cdx/search/cdx?url=URL&output=json&fl=...&showResumeKey=true`; the JSON form's
  first row names the fields, and a last block (an empty row, then the key) means "ask again
  with `&resumeKey=KEY`". The plain-text form (space-separated lines: urlkey timestamp original
  mimetype statuscode digest length) is read too, its resume key after an empty line.
- Raw capture: `BASE/web/<timestamp>id_/<original>`, the page as archived (no toolbar, links not
  rewritten).
- Memento (RFC 7089): a TimeMap in link format at `BASE/web/timemap/link/URL`, for archives
  that speak Memento but not CDX.

Politeness: one connection, `rate` requests a minute (the Internet Archive allows about 15 on
these endpoints; a loopback archive, which is the user's own, is not paced unless asked), and a
429 or 5xx answer is waited out (its Retry-After, else a doubling backoff). All requests go
through `tracker.fetch.http`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import quote, urlsplit

from tracker.errors import BadSource, FetchFailed
from tracker.fetch.http import (
    FetchTransient,
    PrivateAddressRefused,
    fetch_answer,
    fetch_page,
    open_client,
)
from tracker.fetch.politeness import host_of, is_private_address
from tracker.models import Page

if TYPE_CHECKING:
    from httpx import Client  # noqa: TID251 - a type only; requests go through fetch_page

_T = TypeVar("_T")

DEFAULT_ARCHIVE = "https://web.archive.org"
DEFAULT_RATE = 15.0  # requests a minute
CDX_FIELDS = ("timestamp", "original", "mimetype", "statuscode", "digest", "length")
CDX_PAGE = 1000  # rows asked for per CDX request
_TIMESTAMP = re.compile(r"\d{14}")
_MEMENTO_PATH = re.compile(r"^(?P<head>.*?/)(?P<ts>\d{4,14})(?P<mod>[a-z]{2}_)?/(?P<rest>.+)$")


@dataclass(frozen=True, slots=True)
class Capture:
    """One capture of a URL: its 14-digit UTC `timestamp`, the URL as captured (`original`) and
    what the index says of it; `memento` is the capture's own URL when a TimeMap named it."""

    timestamp: str
    original: str
    mimetype: str | None = None
    status: int | None = None
    digest: str | None = None
    length: int | None = None
    memento: str | None = None

    @property
    def seen(self) -> datetime:
        """The capture time (UTC)."""
        return datetime.strptime(self.timestamp, "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)

    def raw_url(self, base: str) -> str:
        """Where the page as archived is: the `id_` form of the capture's URL."""
        if self.memento:
            found = _MEMENTO_PATH.match(self.memento)
            if found:
                return f"{found['head']}{found['ts']}id_/{found['rest']}"
            return self.memento
        return f"{base}/web/{self.timestamp}id_/{self.original}"

    def view_url(self, base: str) -> str:
        """The capture as people open it in the archive (with its toolbar)."""
        return self.memento or f"{base}/web/{self.timestamp}/{self.original}"


def archive_date(value: str, *, end: bool = False) -> str:
    """--from / --to as a CDX timestamp prefix: 2012, 2012-06, 2012-06-17, 2012-06-17T08:38
    (UTC) or the digits themselves (1 to 14 of them)."""
    text = value.strip()
    text = re.sub(r"(Z|[+-]00:?00)$", "", text)
    digits = re.sub(r"[-:T ]", "", text)
    if not digits.isdigit() or len(digits) not in (4, 6, 8, 10, 12, 14):
        flag = "--to" if end else "--from"
        raise BadSource(
            f"{flag} {value!r} is not a date; give YYYY, YYYY-MM, YYYY-MM-DD or a UTC time "
            "(YYYY-MM-DDTHH:MM:SS), or the archive's digits (YYYYMMDDhhmmss)"
        )
    return digits


def in_range(timestamp: str, since: str | None, until: str | None) -> bool:
    """Whether a capture's timestamp lies in [since, until] (prefixes compare as the CDX does)."""
    if since and timestamp[: len(since)] < since:
        return False
    return not (until and timestamp[: len(until)] > until)


class ArchiveClient:
    """Asks one archive for captures; use as a context manager (it owns one HTTP connection).

    `rate` is requests a minute (None: the default, 15, or unpaced for a loopback archive;
    0: unpaced). `sleep` and `clock` are replaceable for tests; `requests` counts requests made.
    """

    def __init__(
        self,
        base: str = DEFAULT_ARCHIVE,
        *,
        rate: float | None = None,
        allow_private: bool = False,
        timeout: float = 60.0,
        retries: int = 5,
        max_wait: float = 900.0,
        page_size: int = CDX_PAGE,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.base = normalise_base(base)
        self.allow_private = allow_private
        host = host_of(self.base)
        if not allow_private and is_private_address(host, resolve=True, within=timeout):
            raise PrivateAddressRefused(
                f"{self.base}: refused, its address is private or loopback; pass --allow-private "
                "to import from an archive on this machine or network"
            )
        if rate is None:
            rate = 0.0 if _is_loopback(host) else DEFAULT_RATE
        self.interval = 60.0 / rate if rate > 0 else 0.0
        self.timeout = timeout
        self.retries = retries
        self.max_wait = max_wait
        self.page_size = page_size
        self.requests = 0
        self.waited = 0.0  # seconds spent waiting out 429s and failures
        self._sleep = sleep
        self._clock = clock
        self._next_at: float | None = None
        self._stack = ExitStack()
        self._client: Client | None = None

    def __enter__(self) -> ArchiveClient:
        self._client = self._stack.enter_context(open_client(self.timeout, max_connections=1))
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()
        self._client = None

    # -- the index --------------------------------------------------------------------------

    def captures(
        self, url: str, since: str | None = None, until: str | None = None
    ) -> list[Capture]:
        """Every 200 capture of `url` in [since, until] from the CDX index, oldest first, one per
        timestamp; follows resume keys until the index has no more."""
        found: list[Capture] = []
        resume: str | None = None
        seen_keys: set[str] = set()
        while True:
            page = self.get(self.cdx_url(url, since, until, resume))
            rows, resume = parse_cdx(_text(page))
            found += rows
            if not resume or resume in seen_keys:
                break
            seen_keys.add(resume)
        return _in_order(found, since, until)

    def cdx_url(
        self,
        url: str,
        since: str | None = None,
        until: str | None = None,
        resume: str | None = None,
    ) -> str:
        params = [
            ("url", url),
            ("output", "json"),
            ("fl", ",".join(CDX_FIELDS)),
            ("filter", "statuscode:200"),
            ("collapse", "digest"),
            ("limit", str(self.page_size)),
            ("showResumeKey", "true"),
        ]
        if since:
            params.append(("from", since))
        if until:
            params.append(("to", until))
        if resume:
            params.append(("resumeKey", resume))
        query = "&".join(f"{k}={quote(v, safe=':/,')}" for k, v in params)
        return f"{self.base}/cdx/search/cdx?{query}"

    def timemap(
        self, url: str, since: str | None = None, until: str | None = None
    ) -> list[Capture]:
        """The captures a Memento TimeMap (link format) lists, oldest first."""
        body = self.get_text(f"{self.base}/web/timemap/link/{url}")
        return _in_order(parse_timemap(body, url), since, until)

    # -- captures ---------------------------------------------------------------------------

    def fetch_capture(self, capture: Capture) -> Page:
        """The page as archived (the `id_` capture)."""
        return self.get(capture.raw_url(self.base))

    def get(self, url: str) -> Page:
        """One request at the archive's pace; 429 and transient failures are waited out."""
        return self._patiently(url, self._fetch)

    def get_text(self, url: str) -> str:
        """A text answer of any content type (a TimeMap is application/link-format, which
        `fetch_page` does not take for a web page), at the archive's pace."""
        return self._patiently(url, self._fetch_text)

    def _fetch(self, url: str) -> Page:
        assert self._client is not None, "use ArchiveClient as a context manager"
        return fetch_page(
            url, timeout=self.timeout, client=self._client, refuse_private=not self.allow_private
        )

    def _fetch_text(self, url: str) -> str:
        assert self._client is not None, "use ArchiveClient as a context manager"
        page = fetch_answer(url, client=self._client, timeout=self.timeout,
                            refuse_private=not self.allow_private)  # fmt: skip
        return page.content.decode(page.encoding or "utf-8", errors="replace")

    def _patiently(self, url: str, request: Callable[[str], _T]) -> _T:
        backoff = max(self.interval, 2.0)
        for attempt in range(self.retries + 1):
            self._pace()
            self.requests += 1
            try:
                return request(url)
            except FetchTransient as error:
                wait = error.retry_after if error.retry_after is not None else backoff
                if attempt == self.retries or wait > self.max_wait:
                    raise
                self._sleep(wait)
                self.waited += wait
                self._next_at = None  # the wait was the pause
                backoff = min(backoff * 2, self.max_wait)
        raise FetchFailed(f"{url}: no answer")  # pragma: no cover - the loop returns or raises

    def _pace(self) -> None:
        now = self._clock()
        if self._next_at is not None and now < self._next_at:
            self._sleep(self._next_at - now)
            now = self._next_at
        self._next_at = now + self.interval if self.interval else None


def normalise_base(base: str) -> str:
    """The archive's base URL without a trailing slash; `web.archive.org` gets its scheme."""
    base = base.strip().rstrip("/")
    if not re.match(r"(?i)https?://", base):
        if "://" in base:
            raise BadSource(f"--archive {base}: only http:// and https:// archives can be used")
        base = f"https://{base}"
    if not urlsplit(base).hostname:
        raise BadSource(f"--archive {base}: not an archive's address")
    return base


def _is_loopback(host: str) -> bool:
    name = host.strip("[]").lower()
    return name in ("localhost", "::1") or name.startswith("127.") or name.endswith(".localhost")


def _text(page: Page) -> str:
    return page.content.decode(page.encoding or "utf-8", errors="replace")


# -- parsing ---------------------------------------------------------------------------------


def parse_cdx(body: str) -> tuple[list[Capture], str | None]:
    """The captures in one CDX answer (JSON or plain text), and its resume key if any."""
    stripped = body.strip()
    if not stripped:
        return [], None
    if stripped.startswith("["):
        return _parse_cdx_json(stripped)
    return _parse_cdx_text(body)


def _parse_cdx_json(body: str) -> tuple[list[Capture], str | None]:
    import json

    try:
        rows = json.loads(body)
    except ValueError as error:
        raise FetchFailed(f"the archive's CDX answer is not valid JSON ({error})") from None
    if not isinstance(rows, list) or not rows:
        return [], None
    header = [str(name) for name in rows[0]]
    resume: str | None = None
    body_rows = rows[1:]
    if len(body_rows) >= 2 and body_rows[-2] == [] and len(body_rows[-1]) == 1:
        resume = str(body_rows[-1][0])
        body_rows = body_rows[:-2]
    captures = []
    for row in body_rows:
        if not row:
            continue
        fields = dict(zip(header, (str(v) for v in row), strict=False))
        capture = _capture(fields)
        if capture is not None:
            captures.append(capture)
    return captures, resume


_TEXT_FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")


def _parse_cdx_text(body: str) -> tuple[list[Capture], str | None]:
    lines = body.splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    resume: str | None = None
    if len(lines) >= 2 and not lines[-2].strip() and len(lines[-1].split()) == 1:
        resume = lines[-1].strip()
        lines = lines[:-2]
    captures = []
    for line in lines:
        parts = line.split()
        if not parts:
            continue
        if len(parts) >= 7:  # the full form (extra columns after `length` are ignored)
            fields = dict(zip(_TEXT_FIELDS, parts, strict=False))
        else:  # the fields asked for with fl=
            fields = dict(zip(CDX_FIELDS, parts, strict=False))
        capture = _capture(fields)
        if capture is not None:
            captures.append(capture)
    return captures, resume


def _capture(fields: dict[str, str]) -> Capture | None:
    timestamp = fields.get("timestamp", "")
    original = fields.get("original", "")
    if not timestamp.isdigit() or not original:
        return None
    timestamp = (timestamp + "00000000000000")[:14]
    status = fields.get("statuscode", "")
    length = fields.get("length", "")
    return Capture(
        timestamp=timestamp,
        original=original,
        mimetype=_known(fields.get("mimetype")),
        status=int(status) if status.isdigit() else None,
        digest=_known(fields.get("digest")),
        length=int(length) if length.isdigit() else None,
    )


def _known(value: str | None) -> str | None:
    return None if value in (None, "", "-") else value


_LINK = re.compile(r"<([^>]*)>((?:\s*;\s*[A-Za-z_-]+\s*=\s*(?:\"[^\"]*\"|[^;,<\s]*))*)")
_PARAM = re.compile(r";\s*([A-Za-z_-]+)\s*=\s*(?:\"([^\"]*)\"|([^;,<\s]*))")


def parse_timemap(body: str, url: str) -> list[Capture]:
    """The mementos of a TimeMap in link format (RFC 7089), as captures of `url`."""
    original = url
    mementos: list[tuple[str, str]] = []
    for target, params in _links(body):
        rels = params.get("rel", "").split()
        if "original" in rels:
            original = target
        if "memento" in rels and "datetime" in params:
            mementos.append((target, params["datetime"]))
    captures = []
    for target, when in mementos:
        try:
            moment = parsedate_to_datetime(when)
        except (TypeError, ValueError):
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        stamp = moment.astimezone(timezone.utc).strftime("%Y%m%d%H%M%S")
        captures.append(Capture(stamp, original, status=200, memento=target))
    return captures


def _links(body: str) -> Iterator[tuple[str, dict[str, str]]]:
    for found in _LINK.finditer(body):
        params = {
            m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
            for m in _PARAM.finditer(found.group(2))
        }
        yield found.group(1), params


def _in_order(captures: list[Capture], since: str | None, until: str | None) -> list[Capture]:
    """Captures with status 200 (or unknown) in range, oldest first, one per timestamp."""
    chosen: dict[str, Capture] = {}
    for capture in captures:
        if capture.status not in (None, 200) or not _TIMESTAMP.fullmatch(capture.timestamp):
            continue
        if not in_range(capture.timestamp, since, until):
            continue
        chosen.setdefault(capture.timestamp, capture)
    return [chosen[stamp] for stamp in sorted(chosen)]
