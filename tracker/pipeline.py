"""Joins the stages: compare(...), snapshot(...), diff(...), changelog(...)."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

from tracker.errors import BadSource, SnapshotNotFound, TrackerError
from tracker.extract import extract_article
from tracker.fetch import detect_encoding, fetch_page, open_client
from tracker.identity import Identity, article_identity
from tracker.models import Article, Page, Report
from tracker.report import build_report
from tracker.store import Snapshot, Store, StoredVersion, StoreWriter, TrackedArticle, VersionInfo


def compare(old: str | bytes, new: str | bytes) -> Report:
    """Compare two versions of an article (HTML or plain text each)."""
    return build_report(extract_article(old), extract_article(new))


def diff_stored(
    store_path: Path, url: str, from_v: str | None = None, to_v: str | None = None
) -> Report:
    """Compare two stored versions of the article at `url` (default: the last two)."""
    from tracker.store import Store

    store = Store.open(store_path)
    old, new = load_versions(store, url, from_v, to_v)
    return build_report(old.article, new.article, old.meta, new.meta)


# -- snapshots ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SnapshotResult:
    """What happened to one snapshot source."""

    source: str
    status: Literal["new", "changed", "unchanged", "failed"]
    url: str | None = None
    identity: Identity | None = None
    version: int | None = None
    error: str | None = None

    def describe(self) -> str:
        """One line for the terminal: "new v1", "changed v3", "unchanged", "failed: reason"."""
        if self.status == "failed":
            return f"failed: {self.error}"
        if self.status == "unchanged":
            return "unchanged"
        return f"{self.status} v{self.version}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "status": self.status,
            "url": self.url,
            "key": self.identity.key if self.identity else None,
            "path": self.identity.path if self.identity else None,
            "version": self.version,
            "error": self.error,
        }


def snapshot(
    sources: Sequence[str],
    store: Store,
    *,
    url: str | None = None,
    at: datetime | None = None,
    wait: float = 10.0,
    timeout: float = 30.0,
) -> list[SnapshotResult]:
    """Fetch or read each source, extract it, and record a version when the article changed.

    A source is an http(s) URL, a file path, or "-" for stdin; `url` names the article for
    files and stdin; `at` is when the version was seen (default now; naive times are UTC).
    A failed source is reported in its result and never stops the others.
    """
    seen = _aware(at or datetime.now(timezone.utc))
    with store.writer(wait=wait) as writer, open_client(timeout) as client:
        return [_snapshot_one(source, writer, client, url, seen) for source in sources]


def _snapshot_one(
    source: str, writer: StoreWriter, client: Any, url: str | None, seen: datetime
) -> SnapshotResult:
    try:
        page, kind = _load_source(source, client)
        name = url or (page.url if kind != "stdin" else None)
        known = writer.find(name) if name else None
        if known and writer.raw_unchanged(known.key, page.content):
            return SnapshotResult(
                source, "unchanged", known.url, Identity(known.key, known.path), len(known.versions)
            )
        article = extract_article(_decoded(page), url=page.final_url if kind == "url" else url)
        identity = Identity(known.key, known.path) if known else _identify(url, page, kind, article)
        if name:
            writer.alias(name, identity.key)
        status, version = writer.record(
            Snapshot(
                identity, article, page.content, seen, _details(page, kind, url or identity.key)
            )
        )
    except TrackerError as e:
        return SnapshotResult(source, "failed", url or source, error=str(e))
    return SnapshotResult(source, status, url or identity.key, identity, version)  # type: ignore[arg-type]


def _load_source(source: str, client: Any) -> tuple[Page, str]:
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    if source == "-":
        return Page("-", "-", 0, sys.stdin.buffer.read(), now), "stdin"
    if re.match(r"(?i)https?://", source):
        return fetch_page(source, client=client), "url"
    path = Path(source)
    if not path.is_file():
        raise BadSource(
            f"{source} is neither an http(s) URL nor a readable file; give a URL, a file or '-'"
        )
    uri, content = path.resolve().as_uri(), path.read_bytes()
    return Page(uri, uri, 0, content, now, encoding=detect_encoding(content)), "file"


def _decoded(page: Page) -> str | bytes:
    if page.encoding:
        return page.content.decode(page.encoding, "replace")
    return page.content


def _identify(url: str | None, page: Page, kind: str, article: Article) -> Identity:
    """The article's identity: the given URL, else the page's canonical URL, else the file."""
    canonical = article.url if article.url and re.match(r"(?i)https?://", article.url) else None
    if url or kind == "url":
        return article_identity(url or page.url, canonical)
    if canonical:
        return article_identity(canonical)
    if kind == "file":
        return article_identity(page.url)
    raise BadSource("standard input has no canonical URL; give the article's URL with --url")


def _details(page: Page, kind: str, url: str) -> dict[str, Any]:
    return {
        "url": url,
        "source": kind,
        "fetched": page.fetched,
        "status": page.status or None,
        "final_url": page.final_url if kind == "url" else None,
        "redirects": list(page.redirects),
        "encoding": page.encoding,
    }


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


# -- reading versions back ---------------------------------------------------------------------


def load_versions(
    store: Store, url: str, from_v: str | None = None, to_v: str | None = None
) -> tuple[StoredVersion, StoredVersion]:
    """The two stored versions of `url` to compare (default: the last two).

    A version is named by its number, a revision (prefix), or an ISO 8601 date/time meaning
    the version current at that time.
    """
    tracked = store.find(url)
    versions = tracked.versions
    if len(versions) < 2 and (from_v is None or to_v is None):
        raise SnapshotNotFound(
            f"only one version of {url} in {store.root}/; snapshot it again after it changes"
        )
    new = _pick(tracked, to_v, store) if to_v else versions[-1]
    if from_v:
        old = _pick(tracked, from_v, store)
    elif new.version > 1:
        old = versions[new.version - 2]
    else:
        raise SnapshotNotFound(f"version 1 of {url} is the first; nothing comes before it")
    return store.read(tracked, old), store.read(tracked, new)


def _pick(tracked: TrackedArticle, spec: str, store: Store) -> VersionInfo:
    versions = tracked.versions
    spec = spec.strip()
    number = spec[1:] if spec[:1] in "vV" else spec
    if number.isdigit() and 1 <= int(number) <= len(versions) and len(number) < 7:
        return versions[int(number) - 1]
    if re.fullmatch(r"[0-9a-fA-F]{4,40}", spec):
        matches = [v for v in versions if v.revision.startswith(spec.lower())]
        if len(matches) == 1:
            return matches[0]
    moment = _parse_moment(spec)
    if moment is not None:
        current = [v for v in versions if _aware(datetime.fromisoformat(v.seen)) <= moment]
        if current:
            return current[-1]
    raise SnapshotNotFound(
        f"no version '{spec}' of {tracked.url} in {store.root}/; it has versions 1 to "
        f"{len(versions)} (see 'tracker log {tracked.url}')"
    )


def _parse_moment(spec: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(spec)
    except ValueError:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", spec):
        moment = moment.replace(hour=23, minute=59, second=59)
    return _aware(moment)


def load_version(store: Store, url: str, spec: str | None = None) -> StoredVersion:
    """One stored version of `url` (number, revision or date; default the latest)."""
    tracked = store.find(url)
    if not tracked.versions:
        raise SnapshotNotFound(
            f"no snapshot of {url} in {store.root}/; run 'tracker snapshot {url}' first"
        )
    chosen = _pick(tracked, spec, store) if spec else tracked.versions[-1]
    return store.read(tracked, chosen)
