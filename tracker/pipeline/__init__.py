"""Joins the stages in order: compare, diff, snapshot / record_page, reextract, load_version(s);
`changelog.py` builds the change log. The only code that both reads sources and writes versions.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from tracker.analyze.report import build_report
from tracker.charset import decode
from tracker.errors import (
    BackdatedVersion,
    BadSource,
    ExtractionEmpty,
    SnapshotNotFound,
    TrackerError,
)
from tracker.extract import extract_article
from tracker.extract.guards import check_plausible
from tracker.fetch.http import detect_encoding, fetch_page, looks_binary, open_client
from tracker.fetch.urls import UrlRefused, web_url, without_userinfo
from tracker.models import Article, Page, Report
from tracker.store.identity import Identity, article_identity
from tracker.store.store import (
    Decision,
    Snapshot,
    Store,
    StoredVersion,
    StoreWriter,
    TrackedArticle,
    VersionInfo,
)
from tracker.times import aware, parse_time

if TYPE_CHECKING:
    from httpx import Client  # noqa: TID251 - a type only; requests are made in fetch/

FLIP_FLOP_WINDOW = 5

Progress = Callable[[int, int, "SnapshotResult"], None]  # (done, total, the latest result)


def compare(old: str | bytes, new: str | bytes) -> Report:
    """Compare two versions of an article (HTML or plain text each)."""
    before, after = extract_article(old), extract_article(new)
    return build_report(before, after, article_meta(before), article_meta(after))


def diff(
    target: str,
    new: str | None,
    store_path: Path,
    from_v: str | None = None,
    to_v: str | None = None,
) -> Report:
    """`tracker diff`: two sources (files, URLs or '-') when `new` is given, else two stored
    versions of the article at `target` (default: the last two)."""
    if new is not None:
        return compare_sources(target, new)
    return diff_stored(store_path, target, from_v, to_v)


def diff_stored(
    store_path: Path, url: str, from_v: str | None = None, to_v: str | None = None
) -> Report:
    """Compare two stored versions of the article at `url` (default: the last two)."""
    store = Store.open(store_path, create=False)
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
    flip_flop_of: int | None = None
    reextract: bool = False
    via: str | None = None  # how "unchanged" was known: "not-modified" (304), "hash", "text",
    # "already-recorded" (this text at this time is a stored version)
    kind: Literal["article", "feed"] = "article"
    discovered: int = 0  # articles a feed added to the watch list

    @property
    def changed(self) -> bool:
        return self.status in ("new", "changed")

    def describe(self) -> str:
        """One line for the terminal: "new v1", "changed v3", "unchanged", "failed: reason"."""
        if self.status == "failed":
            return f"failed: {self.error}"
        if self.kind == "feed":
            return f"feed: {self.discovered} new article(s)"
        if self.status == "unchanged":
            return (
                f"unchanged (already v{self.version})"
                if self.via == "already-recorded"
                else "unchanged"
            )
        if self.reextract:
            return f"re-extracted v{self.version}"
        if self.flip_flop_of:
            return f"{self.status} v{self.version} (flip-flop: back to v{self.flip_flop_of})"
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
            "kind": self.kind,
            "flip_flop_of": self.flip_flop_of,
            "reextract": self.reextract,
            "via": self.via,
            "discovered": self.discovered,
        }


def snapshot(
    sources: Sequence[str],
    store: Store,
    *,
    url: str | None = None,
    at: datetime | None = None,
    wait: float = 10.0,
    timeout: float = 30.0,
    allow_backdated: bool = False,
    progress: Progress | None = None,
    refuse_private: bool = False,
) -> list[SnapshotResult]:
    """Fetch or read each source, extract it, and record a version when the article changed.

    A source is an http(s) URL, a file path, or "-" for stdin; `url` names the article for
    files and stdin; `at` is when the version was seen (default now; naive times are UTC).
    A failed source is reported in its result and never stops the others. `refuse_private`
    refuses URLs (and redirects) that lead to private or loopback addresses. Credentials in a
    URL (`user:password@`) are dropped: never sent, stored or shown.
    """
    seen = aware(at or datetime.now(timezone.utc))
    url = _article_url(url)
    sources = [_source_name(source) for source in sources]
    with store.writer(wait=wait) as writer, open_client(timeout) as client:
        results = []
        fetch = _Fetch(client, refuse_private, writer)
        for source in sources:
            results.append(_snapshot_one(source, writer, fetch, url, seen, allow_backdated))
            if progress is not None:
                progress(len(results), len(sources), results[-1])
    from tracker.notify import notify_recorded  # notify: announce the versions just recorded

    notify_recorded(store, results)
    return results


def _snapshot_one(
    source: str,
    writer: StoreWriter,
    client: _Fetch | None,
    url: str | None,
    seen: datetime,
    allow_backdated: bool,
) -> SnapshotResult:
    try:
        page, kind = _load_source(source, client)
        return record_page(writer, page, kind, source=source, url=url, seen=seen,
                           allow_backdated=allow_backdated)  # fmt: skip
    except TrackerError as e:
        return SnapshotResult(source, "failed", url or source, error=str(e))


def record_page(
    writer: StoreWriter,
    page: Page,
    kind: str,
    *,
    source: str,
    seen: datetime,
    url: str | None = None,
    flip_window: int = FLIP_FLOP_WINDOW,
    allow_backdated: bool = False,
) -> SnapshotResult:
    """Extract `page` and record it as the next version of its article if its text changed.

    `kind` is "url", "file" or "stdin"; `url` names the article (default: the page's URL).
    A page byte for byte as last seen is "unchanged" without extraction. A page that looks
    broken against the last version (empty, paywall, error page) raises ExtractionEmpty and
    records nothing; one returning to a recent earlier version is marked a flip-flop.
    """
    name = url or (page.url if kind != "stdin" else None)
    known = writer.find(name) if name else None
    if known and writer.raw_unchanged(known.key, page.content):
        identity = Identity(known.key, known.path)
        return SnapshotResult(source, "unchanged", known.url, identity, len(known.versions),
                              via="hash")  # fmt: skip
    article = extract_article(_decoded(page), url=page.final_url if kind == "url" else url)
    identity = Identity(known.key, known.path) if known else _identify(url, page, kind, article)
    if name:
        writer.alias(name, identity.key)
    shown = url or (page.url if kind == "url" else None) or identity.key
    snap = Snapshot(identity, article, page.content, seen, _details(page, kind, shown))
    decision = writer.decide(snap, flip_window)
    if decision.records:
        snap = _checked(writer, snap, decision, shown, allow_backdated)
    status, version = writer.record(snap, decision)
    via = (
        ("already-recorded" if decision.already_recorded else "text")
        if not decision.records
        else None
    )
    return SnapshotResult(source, status, shown, identity, version,  # type: ignore[arg-type]
                          flip_flop_of=decision.flip_flop_of, via=via)  # fmt: skip


def _checked(
    writer: StoreWriter, snap: Snapshot, decision: Decision, shown: str, allow_backdated: bool
) -> Snapshot:
    """`snap` ready to record as `decision` says: refused when backdated (unless allowed) or
    when it looks broken against the last version; marked when it is a flip-flop."""
    if decision.kind == "backdated" and not allow_backdated:
        raise BackdatedVersion(
            f"not recorded: {shown} was seen at {snap.seen.isoformat(timespec='seconds')}, "
            f"before its newest version ({decision.latest_seen}); pass --allow-backdated to "
            "record it anyway"
        )
    previous = writer.latest(snap.identity.key)
    reason = check_plausible(previous.article if previous else None, snap.article)
    if reason:
        raise ExtractionEmpty(f"not recorded: {reason}; the last good version is kept")
    if decision.flip_flop_of:
        return replace(snap, details={**snap.details, "flip_flop_of": decision.flip_flop_of})
    return snap


# -- re-extraction -----------------------------------------------------------------------------

_FETCH_FACTS = ("source", "fetched", "status", "final_url", "redirects", "encoding")


def reextract(
    store: Store,
    urls: Sequence[str] = (),
    *,
    at: datetime | None = None,
    wait: float = 10.0,
    progress: Progress | None = None,
) -> list[SnapshotResult]:
    """Extract the stored page of each article's last version again (after a parser update)
    and record the result as a re-extraction when the article text comes out different.

    Default: every tracked article. Nothing is fetched; a result that looks broken against
    the stored version is a failure and records nothing.
    """
    seen = aware(at or datetime.now(timezone.utc))
    with store.writer(wait=wait) as writer:
        jobs = list(urls) or store.articles()
        results: list[SnapshotResult] = []
        for job in jobs:
            if isinstance(job, str):
                results.append(_reextract_url(store, writer, job, seen))
            else:
                results.append(_reextract_one(store, writer, job, job.url, seen))
            if progress is not None:
                progress(len(results), len(jobs), results[-1])
        return results


def _reextract_url(store: Store, writer: StoreWriter, url: str, seen: datetime) -> SnapshotResult:
    try:
        tracked = store.find(url)
    except TrackerError as e:
        return SnapshotResult(url, "failed", url, error=str(e))
    return _reextract_one(store, writer, tracked, url, seen)


def _reextract_one(
    store: Store, writer: StoreWriter, tracked: TrackedArticle, source: str, seen: datetime
) -> SnapshotResult:
    identity = Identity(tracked.key, tracked.path)
    try:
        if not tracked.versions:
            raise SnapshotNotFound(f"no version of {tracked.url} to re-extract")
        stored = store.read(tracked, tracked.versions[-1])
        meta = stored.meta
        article = extract_article(_decoded(_stored_page(stored)), url=_extraction_url(meta))
        reason = check_plausible(stored.article, article)
        if reason:
            raise ExtractionEmpty(f"re-extraction not recorded: {reason}")
        details = {name: meta.get(name) for name in _FETCH_FACTS}
        details.update(url=meta.get("url") or tracked.url, reextract=True,
                       reextract_of=tracked.versions[-1].version)  # fmt: skip
        status, version = writer.record(Snapshot(identity, article, stored.raw, seen, details))
    except TrackerError as e:
        return SnapshotResult(source, "failed", tracked.url, identity, error=str(e))
    return SnapshotResult(source, status, tracked.url, identity, version,  # type: ignore[arg-type]
                          reextract=status == "changed")  # fmt: skip


def _stored_page(stored: StoredVersion) -> Page:
    meta = stored.meta
    url = meta.get("url") or ""
    return Page(url, meta.get("final_url") or url, meta.get("status") or 0, stored.raw,
                meta.get("fetched") or "", encoding=meta.get("encoding"))  # fmt: skip


def _extraction_url(meta: dict[str, Any]) -> str | None:
    """The URL the page was first extracted with (see `record_page`)."""
    if meta.get("source") == "url":
        return meta.get("final_url") or meta.get("url")
    return meta.get("url") if meta.get("source") == "file" else None


def extract_source(source: str) -> tuple[Article, dict[str, Any]]:
    """Extract one source (an http(s) URL, a file, or '-' for stdin) in its own charset, with
    what is known of where and when it was read."""
    page, kind = _load_source(source, None)
    try:
        article = extract_article(_decoded(page), url=page.final_url if kind == "url" else None)
    except ExtractionEmpty as e:
        raise ExtractionEmpty(str(e) if source in str(e) else f"{source}: {e}") from None
    meta = article_meta(article)
    meta.update(source=kind, fetched=page.fetched, status=page.status or None)
    if kind == "url":
        meta.update(url=page.url, final_url=page.final_url)
    elif kind == "file":
        meta["path"] = source
    return article, meta


def article_meta(article: Article) -> dict[str, Any]:
    """What a version says of itself, for a report's "from"/"to": title, dates, authors, and
    its URL when it names an http(s) one (see `models.VERSION_FIELDS` for the rest)."""
    canonical = article.url
    web = canonical if canonical and re.match(r"(?i)https?://", canonical) else None
    return {
        "title": article.title,
        "url": web,
        "canonical": canonical,
        "published": article.published,
        "modified": article.modified,
        "authors": list(article.authors),
    }


def compare_sources(old: str, new: str) -> Report:
    """Compare two sources (URLs, files or '-') without a store."""
    (old_article, old_meta), (new_article, new_meta) = extract_source(old), extract_source(new)
    return build_report(old_article, new_article, old_meta, new_meta)


@dataclass(frozen=True, slots=True)
class _Fetch:
    """How sources that are URLs are fetched: the shared client, the address policy, and the
    store whose latest version of an article gives the validators of a conditional GET."""

    client: Client
    refuse_private: bool = False
    writer: StoreWriter | None = None


def _load_source(source: str, fetch: _Fetch | None) -> tuple[Page, str]:
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    if re.match(r"(?i)https?://", source):
        if fetch is None:
            return fetch_page(source), "url"
        return _fetch_conditionally(source, fetch), "url"
    if source == "-":
        content, uri, kind = sys.stdin.buffer.read(), "-", "stdin"
    else:
        path = Path(source)
        if not path.is_file():
            raise BadSource(
                f"{source} is neither an http(s) URL nor a readable file; give a URL, a file or '-'"
            )
        content, uri, kind = path.read_bytes(), path.resolve().as_uri(), "file"
    encoding = detect_encoding(content)
    if looks_binary(content, encoding):
        name = "standard input" if source == "-" else source
        raise BadSource(f"{name} is not an HTML or text file (binary content)")
    return Page(uri, uri, 0, content, now, encoding=encoding if kind == "file" else None), kind


def _fetch_conditionally(source: str, fetch: _Fetch) -> Page:
    """Fetch `source`, sending the ETag / Last-Modified kept with its article's latest version;
    a 304 answer comes back as that version's page (so the store sees it unchanged)."""
    known = fetch.writer.find(without_userinfo(source)) if fetch.writer else None
    latest = fetch.writer.latest(known.key) if fetch.writer and known else None
    meta = latest.meta if latest else {}
    conditions = {name: str(meta[key]) for key, name in _VALIDATORS if meta.get(key)}
    page = fetch_page(source, client=fetch.client, refuse_private=fetch.refuse_private,
                      conditions=conditions)  # fmt: skip
    if page.status != 304 or latest is None:
        return page
    return replace(page, content=latest.raw, encoding=meta.get("encoding"))


_VALIDATORS = (("etag", "If-None-Match"), ("last_modified", "If-Modified-Since"))


def _article_url(url: str | None) -> str | None:
    """`--url` checked: an http(s) URL (no other scheme, no control characters), without
    credentials; BadSource otherwise."""
    if url is None:
        return None
    try:
        return web_url(url)
    except UrlRefused as error:
        raise BadSource(f"--url {error}") from None


def _source_name(source: str) -> str:
    """A source as it may be stored and shown: a URL loses its credentials."""
    return without_userinfo(source) if re.match(r"(?i)https?://", source) else source


def _decoded(page: Page) -> str:
    """The page as text: the one page decoder, told the charset the page was served with."""
    return decode(page.content, page.encoding)


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
        "etag": page.headers.get("etag") if kind == "url" else None,  # for a conditional GET
        "last_modified": page.headers.get("last-modified") if kind == "url" else None,
    }


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
        current = [v for v in versions if parse_time(v.seen) <= moment]
        if current:
            return current[-1]
    raise SnapshotNotFound(
        f"no version '{spec}' of {tracked.url} in {store.root}/; it has versions 1 to "
        f"{len(versions)} (see 'tracker log {tracked.url}')"
    )


def _parse_moment(spec: str) -> datetime | None:
    """A date/time naming the version current then; a date alone means its end of day."""
    try:
        return parse_time(spec, end_of_day=True)
    except ValueError:
        return None


def load_version(store: Store, url: str, spec: str | None = None) -> StoredVersion:
    """One stored version of `url` (number, revision or date; default the latest)."""
    tracked = store.find(url)
    if not tracked.versions:
        raise SnapshotNotFound(
            f"no snapshot of {url} in {store.root}/; run 'tracker snapshot {url}' first"
        )
    chosen = _pick(tracked, spec, store) if spec else tracked.versions[-1]
    return store.read(tracked, chosen)
