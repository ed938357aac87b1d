"""`tracker import`: the versions of a URL found in a web archive, recorded at capture time.

Each capture is fetched as archived (`tracker.fetch.archive`), extracted, and recorded through
the store's one decision (`StoreWriter.decide`) at its capture time, like a snapshot with
`--allow-backdated`: a capture with the text of the version before it is no new version, and the
existing guards keep archive error pages, soft-404s and redirects to a home page out. Each
version's meta.json names its source: `archive` (the archive's base URL), `capture` (the raw
capture's URL), `memento` (the capture as people view it), `capture_timestamp` and `digest`.

Resumable: the captures already handled are not fetched again: those between the first and the
last capture timestamp recorded in the article's versions, and those an import journal (in the
store's .git folder, beside the index cache) lists. Each version is committed as soon as it is
recorded, so a killed import loses at most the capture in hand. A capture that could not be
fetched is tried again by the next run.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from tracker.charset import decode
from tracker.errors import FetchFailed, SnapshotNotFound, TrackerError
from tracker.extract import extract_article
from tracker.extract.guards import check_plausible
from tracker.fetch.archive import DEFAULT_ARCHIVE, ArchiveClient, Capture, archive_date
from tracker.models import Page
from tracker.store.files import write_atomic
from tracker.store.identity import Identity, article_identity
from tracker.store.store import Snapshot, Store, StoreWriter

FLIP_FLOP_WINDOW = 5

Status = Literal["new", "changed", "unchanged", "imported", "failed"]


@dataclass(frozen=True, slots=True)
class CaptureOutcome:
    """What became of one capture: a new version, the text of the version before it
    ("unchanged"), already imported by an earlier run ("imported"), or failed (why)."""

    capture: Capture
    status: Status
    version: int | None = None
    error: str | None = None
    final: bool = True  # False: a fetch failure, worth trying again next run

    def to_dict(self, base: str) -> dict[str, Any]:
        return {
            "timestamp": self.capture.timestamp,
            "seen": self.capture.seen.isoformat(timespec="seconds"),
            "capture": self.capture.raw_url(base),
            "digest": self.capture.digest,
            "status": self.status,
            "version": self.version,
            "error": self.error,
        }


@dataclass(slots=True)
class ImportResult:
    """One import: the captures the archive listed and what became of each."""

    url: str
    archive: str
    outcomes: list[CaptureOutcome] = field(default_factory=list)
    requests: int = 0
    waited: float = 0.0

    def count(self, *statuses: Status) -> int:
        return sum(o.status in statuses for o in self.outcomes)

    @property
    def versions(self) -> list[int]:
        return [o.version for o in self.outcomes if o.status in ("new", "changed") and o.version]

    def describe(self) -> str:
        """One line: how many captures, new versions, same texts, already imported, failures."""
        found = len(self.outcomes)
        recorded = self.versions
        parts = [f"{found} capture{'s' if found != 1 else ''}"]
        if recorded:
            span = f"v{recorded[0]}" if len(recorded) == 1 else f"v{recorded[0]}..v{recorded[-1]}"
            parts.append(f"{len(recorded)} new version{'s' if len(recorded) != 1 else ''} ({span})")
        else:
            parts.append("no new version")
        for status, label in (
            ("unchanged", "same text as the version before"),
            ("imported", "imported before"),
            ("failed", "not recorded"),
        ):
            n = self.count(status)  # type: ignore[arg-type]
            if n:
                parts.append(f"{n} {label}")
        return f"{self.url}: " + ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "archive": self.archive,
            "captures": len(self.outcomes),
            "versions": self.versions,
            "unchanged": self.count("unchanged"),
            "imported_before": self.count("imported"),
            "failed": self.count("failed"),
            "requests": self.requests,
            "outcomes": [o.to_dict(self.archive) for o in self.outcomes],
        }


ImportProgress = Callable[[int, int, CaptureOutcome], None]


def import_archive(
    store: Store,
    url: str,
    *,
    archive: str = DEFAULT_ARCHIVE,
    since: str | None = None,
    until: str | None = None,
    protocol: Literal["cdx", "memento"] = "cdx",
    allow_private: bool = False,
    rate: float | None = None,
    timeout: float = 60.0,
    wait: float = 10.0,
    progress: ImportProgress | None = None,
    client: ArchiveClient | None = None,
) -> ImportResult:
    """Record the versions of `url` that the archive at `archive` holds, oldest first, each at
    its capture time. `since` / `until` are dates (see `archive_date`); `rate` is requests a
    minute (None: the archive client's default). `client` replaces the archive client (tests).
    """
    if not re.match(r"(?i)https?://", url):
        raise SnapshotNotFound(f"{url}: give the article's http(s) URL to import")
    first = archive_date(since) if since else None
    last = archive_date(until, end=True) if until else None
    own = client or ArchiveClient(archive, rate=rate, allow_private=allow_private, timeout=timeout)
    with ExitStack() as stack:
        if client is None:
            stack.enter_context(own)
        if protocol == "memento":
            captures = own.timemap(url, first, last)
        else:
            captures = own.captures(url, first, last)
        if not captures:
            span = f" between {first or 'the start'} and {last or 'now'}" if first or last else ""
            raise SnapshotNotFound(f"{own.base} lists no capture of {url}{span}")
        result = ImportResult(url, own.base)
        done = _imported_before(store, url, own.base)
        journal = ImportJournal(store, own.base, url)
        for capture in captures:
            if _was_imported(capture, done) or capture.timestamp in journal.done:
                outcome = CaptureOutcome(capture, "imported")
            else:
                outcome = _import_capture(store, own, capture, url, wait)
                if outcome.final:
                    journal.add(capture.timestamp)
            result.outcomes.append(outcome)
            if progress is not None:
                progress(len(result.outcomes), len(captures), outcome)
        result.requests, result.waited = own.requests, own.waited
    return result


class ImportJournal:
    """The captures of one URL already handled (recorded, same text, or refused by a guard),
    kept beside the store's index cache in its .git folder, outside history. It spares a
    resumed import the captures after the last recorded version that repeated its text."""

    def __init__(self, store: Store, base: str, url: str) -> None:
        git_dir = Path(store.root) / ".git"
        self.path = git_dir / _JOURNAL if git_dir.is_dir() else None
        self.key = f"{base} {url}"
        self.done: set[str] = set()
        if self.path is not None and self.path.is_file():
            try:
                document = json.loads(self.path.read_text("utf-8"))
                self.done = set(document.get(self.key, []))
            except (ValueError, OSError, AttributeError):
                self.done = set()

    def add(self, timestamp: str) -> None:
        self.done.add(timestamp)
        if self.path is None:
            return
        try:
            document = json.loads(self.path.read_text("utf-8")) if self.path.is_file() else {}
        except (ValueError, OSError):
            document = {}
        if not isinstance(document, dict):
            document = {}
        document[self.key] = sorted(self.done)
        write_atomic(self.path, json.dumps(document, indent=1).encode("utf-8"))


_JOURNAL = "tracker-imports.json"


def _imported_before(store: Store, url: str, base: str) -> tuple[set[str], str | None, str | None]:
    """The capture timestamps already imported from `base` for `url`, and their span."""
    try:
        tracked = store.find(url)
    except SnapshotNotFound:
        return set(), None, None
    stamps = set()
    for version in tracked.versions:
        meta = store.read(tracked, version).meta
        if meta.get("archive") == base and meta.get("capture_timestamp"):
            stamps.add(str(meta["capture_timestamp"]))
    if not stamps:
        return set(), None, None
    return stamps, min(stamps), max(stamps)


def _was_imported(capture: Capture, done: tuple[set[str], str | None, str | None]) -> bool:
    stamps, first, last = done
    if capture.timestamp in stamps:
        return True
    return first is not None and last is not None and first <= capture.timestamp <= last


def _import_capture(
    store: Store, client: ArchiveClient, capture: Capture, url: str, wait: float
) -> CaptureOutcome:
    try:
        page = client.fetch_capture(capture)
    except FetchFailed as error:
        return CaptureOutcome(capture, "failed", error=str(error), final=False)
    try:
        refused = _not_the_article(page, capture)
        if refused:
            return CaptureOutcome(capture, "failed", error=f"not recorded: {refused}")
        with store.writer(wait=wait) as writer:
            return _record(writer, page, capture, url, client.base)
    except TrackerError as error:
        return CaptureOutcome(capture, "failed", error=str(error))


def _not_the_article(page: Page, capture: Capture) -> str | None:
    """Why a fetched capture is not the article: an answer other than 200, or a redirect to
    another page (the home page, a section front)."""
    if page.status != 200:
        return f"the capture is an HTTP {page.status} answer"
    landed = re.sub(r"^.*?/\d{4,14}(?:[a-z]{2}_)?/", "", page.final_url, count=1)
    if page.redirects and _page_key(landed) != _page_key(capture.original):
        return f"the capture redirects to another page ({landed})"
    return None


def _page_key(url: str) -> str:
    """A URL without scheme, www., query, fragment or trailing slash, for "same page?"."""
    bare = re.sub(r"(?i)^[a-z]+://(www\.)?", "", url).split("#")[0].split("?")[0]
    return bare.rstrip("/").lower()


def _record(
    writer: StoreWriter, page: Page, capture: Capture, url: str, base: str
) -> CaptureOutcome:
    """Record one capture the way `pipeline.record_page` records a page, at capture time."""
    known = writer.find(url)
    if known and writer.raw_unchanged(known.key, page.content):
        return CaptureOutcome(capture, "unchanged", len(known.versions))
    article = extract_article(decode(page.content, page.encoding), url=capture.original)
    if known:
        identity = Identity(known.key, known.path)
    else:
        canonical = article.url if article.url and re.match(r"(?i)https?://", article.url) else None
        identity = article_identity(url, canonical)
    writer.alias(url, identity.key)
    snap = Snapshot(
        identity, article, page.content, capture.seen, _details(page, capture, url, base)
    )
    decision = writer.decide(snap, FLIP_FLOP_WINDOW)
    if decision.records:
        previous = writer.latest(identity.key)
        reason = check_plausible(previous.article if previous else None, article)
        if reason:
            return CaptureOutcome(capture, "failed", error=f"not recorded: {reason}")
        if decision.flip_flop_of:
            snap = replace(snap, details={**snap.details, "flip_flop_of": decision.flip_flop_of})
    status, version = writer.record(snap, decision)
    return CaptureOutcome(capture, status, version)  # type: ignore[arg-type]


def _details(page: Page, capture: Capture, url: str, base: str) -> dict[str, Any]:
    return {
        "url": url,
        "source": "archive",
        "fetched": capture.seen.isoformat(timespec="seconds"),
        "status": page.status or None,
        "final_url": page.final_url,
        "redirects": list(page.redirects),
        "encoding": page.encoding,
        "archive": base,
        "capture": capture.raw_url(base),
        "memento": capture.view_url(base),
        "capture_timestamp": capture.timestamp,
        "digest": capture.digest,
    }
