"""The cron cycle: due watch-list entries -> polite concurrent fetching -> feeds -> articles ->
guards -> store -> watch list update.

One cycle holds the store's lock from start to end, so two runs at once never check the same
entry twice: the second waits (or gives up with StoreLocked) and then sees what the first did.
Feeds are fetched first, so the articles they list are checked in the same cycle. The watch list
is saved only after the versions it vouches for are committed, so a run killed at any point is
repaired by the next one: what was not committed is still due, what was committed is unchanged.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any

from tracker.errors import BadSource, FetchFailed, TrackerError
from tracker.fetch.feeds import is_feed, parse_feed
from tracker.fetch.http import FetchJob, FetchPolicy, PoliteFetcher, PrivateAddressRefused
from tracker.fetch.urls import UrlRefused, web_url, without_userinfo
from tracker.models import Page
from tracker.pipeline import FLIP_FLOP_WINDOW, SnapshotResult, record_page
from tracker.store.identity import Identity
from tracker.store.store import Store, StoreWriter, blob_id
from tracker.times import parse_time
from tracker.watch.schedule import SchedulePolicy, after_check, after_failure
from tracker.watch.watchlist import (
    EntryKind,
    WatchEntry,
    WatchList,
    WatchOptions,
    add_entries,
    due_entries,
    load_watchlist,
    new_entry,
    remove_entry,
    save_watchlist,
    watch_key,
)

_FEED_HINT = re.compile(r"(?i)(/feeds?\b|/rss\b|/atom\b|\.(rss|atom|xml)$|[?&]feed=|feed\.json$)")
_MAX_ROUNDS = 3
Progress = Callable[[int, int, SnapshotResult], None]


@dataclass(frozen=True, slots=True)
class CycleOptions:
    """One cycle's settings. `due_only` False checks every enabled entry (`--all`);
    `refuse_private` refuses private addresses for every URL, not only feed-discovered ones."""

    fetch: FetchPolicy = field(default_factory=FetchPolicy)
    schedule: SchedulePolicy = field(default_factory=SchedulePolicy)
    due_only: bool = True
    refuse_private: bool = False
    wait: float = 10.0
    flip_window: int = FLIP_FLOP_WINDOW
    commit_every: int = 100  # new versions between commits (and watch list saves)


@dataclass(frozen=True, slots=True)
class CycleSummary:
    """What one cycle did: a result per checked URL, the HTTP requests made, how long it took."""

    results: tuple[SnapshotResult, ...]
    requests: int
    started: str
    seconds: float
    cpu_seconds: float

    @property
    def failed(self) -> bool:
        return any(r.status == "failed" for r in self.results)

    def counts(self) -> dict[str, int]:
        articles = [r for r in self.results if r.kind == "article"]
        counts = {s: sum(r.status == s for r in articles) for s in ("new", "changed", "unchanged")}
        return {
            **counts,
            "failed": sum(r.status == "failed" for r in self.results),
            "not_modified": sum(r.via == "not-modified" for r in articles),
            "flip_flops": sum(r.flip_flop_of is not None for r in articles),
            "feeds": sum(r.kind == "feed" for r in self.results),
            "discovered": sum(r.discovered for r in self.results),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "started": self.started,
            "seconds": round(self.seconds, 3),
            "cpu_seconds": round(self.cpu_seconds, 3),
            "checked": len(self.results),
            "requests": self.requests,
            "counts": self.counts(),
            "results": [r.to_dict() for r in self.results],
        }


def run_cycle(
    store: Store,
    *,
    now: datetime | None = None,
    options: CycleOptions | None = None,
    progress: Progress | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> CycleSummary:
    """Check the due entries of the store's watch list (all of them unless `due_only`).

    A failed URL is a result, never an exception; the others are still recorded. Raises
    StoreLocked when another run holds the store longer than `options.wait`.
    """
    options = options or CycleOptions()
    moment = now or datetime.now(timezone.utc)
    clock, cpu = time.monotonic(), time.process_time()
    with store.writer(wait=options.wait) as writer, PoliteFetcher(options.fetch, sleep) as fetcher:
        cycle = _Cycle(store, writer, fetcher, options, moment, progress)
        cycle.run()
    from tracker.notify import notify_recorded  # notify: announce the versions just recorded

    notify_recorded(store, cycle.results)
    return CycleSummary(
        results=tuple(cycle.results),
        requests=fetcher.requests,
        started=moment.isoformat(timespec="seconds"),
        seconds=time.monotonic() - clock,
        cpu_seconds=time.process_time() - cpu,
    )


# -- editing the watch list ----------------------------------------------------------------------


def read_watchlist(store: Store) -> WatchList:
    """The store's watch list (empty when nothing was ever added)."""
    return load_watchlist(store.watchlist_path)


def watch_document(entry: WatchEntry) -> dict[str, Any]:
    """One watch list entry as `tracker watch list --format json` prints it."""
    state, interval = entry.state, entry.options.interval
    return {
        "url": entry.url,
        "kind": entry.kind,
        "added": entry.added.isoformat(timespec="seconds"),
        "enabled": entry.options.enabled,
        "allow_private": entry.options.allow_private,
        "interval_seconds": None if interval is None else interval.total_seconds(),
        "discovered_from": entry.discovered_from,
        "last_checked": _iso(state.last_checked),
        "last_changed": _iso(state.last_changed),
        "unchanged_streak": state.unchanged_streak,
        "failure_streak": state.failure_streak,
    }


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="seconds")


def watch_url(
    store: Store,
    url: str,
    *,
    kind: EntryKind | None = None,
    options: WatchOptions | None = None,
    now: datetime | None = None,
    wait: float = 10.0,
) -> tuple[WatchEntry, bool]:
    """Add `url` (an article or a feed) to the store's watch list: (its entry, whether it is new).

    Without `kind`, a URL that looks like a feed's is a feed; either way the first check
    corrects the kind from what the URL serves. A URL already watched gets the new options.
    """
    return watch_urls(store, [url], kind=kind, options=options, now=now, wait=wait)[0]


def watch_urls(
    store: Store,
    urls: Iterable[str],
    *,
    kind: EntryKind | None = None,
    options: WatchOptions | None = None,
    now: datetime | None = None,
    wait: float = 10.0,
) -> list[tuple[WatchEntry, bool]]:
    """Add many URLs as `watch_url` adds one, with one lock, one read and one write of the
    list: (entry, whether it is new) for each URL, in order. BadSource for a URL that is not
    http(s), before anything changes."""
    cleaned = [_watchable(url) for url in urls]
    moment = now or datetime.now(timezone.utc)
    results: list[tuple[WatchEntry, bool]] = []
    with store.writer(wait=wait):
        watchlist = load_watchlist(store.watchlist_path)
        updated: dict[str, WatchEntry] = {}  # by watch key: entries already on the list
        fresh: dict[str, WatchEntry] = {}  # by watch key: entries new in this call, in order
        for url in cleaned:
            key = watch_key(url)
            known = fresh.get(key) or updated.get(key) or watchlist.find(url)
            if known is None:
                guessed: EntryKind = kind or (
                    "feed" if _FEED_HINT.search(url.split("#")[0]) else "article"
                )
                entry = new_entry(url, guessed, moment, options)
            else:
                entry = replace(known, kind=kind or known.kind, options=options or known.options)
            (fresh if known is None or key in fresh else updated)[key] = entry
            results.append((entry, known is None))
        if updated:
            watchlist = WatchList(tuple(updated.get(e.key, e) for e in watchlist.entries))
        save_watchlist(store.watchlist_path, add_entries(watchlist, fresh.values()))
    return results


def _watchable(url: str) -> str:
    try:
        url = web_url(url)
    except UrlRefused as error:
        raise BadSource(f"{error}; only web pages and feeds can be watched") from None
    return url


def unwatch_url(
    store: Store, url: str, *, with_discovered: bool = False, wait: float = 10.0
) -> int:
    """Remove `url` (and, if asked, the articles its feed added); the number of entries removed.

    Raises WatchNotFound when `url` is not watched.
    """
    with store.writer(wait=wait):
        watchlist = load_watchlist(store.watchlist_path)
        kept = remove_entry(watchlist, url, with_discovered)
        save_watchlist(store.watchlist_path, kept)
    return len(watchlist) - len(kept)


# -- the cycle's parts -----------------------------------------------------------------------------


def _chosen(watchlist: WatchList, now: datetime, options: CycleOptions) -> list[WatchEntry]:
    if options.due_only:
        return list(due_entries(watchlist, now, options.schedule))
    return [entry for entry in watchlist if entry.options.enabled]


class _Cycle:
    """The state of one running cycle (the watch list as it is being updated, the results)."""

    def __init__(
        self,
        store: Store,
        writer: StoreWriter,
        fetcher: PoliteFetcher,
        options: CycleOptions,
        now: datetime,
        progress: Progress | None,
    ) -> None:
        self.store, self.writer, self.fetcher = store, writer, fetcher
        self.options, self.now, self.progress = options, now, progress
        self.loaded = load_watchlist(store.watchlist_path)
        self.updated: dict[str, WatchEntry] = {}  # by entry.url: checked in this cycle
        self.found: dict[str, WatchEntry] = {}  # by watch key: added by feeds in this cycle
        self.results: list[SnapshotResult] = []
        self.total = 0
        self._unsaved = 0

    def run(self) -> None:
        chosen = _chosen(self.loaded, self.now, self.options)
        self.total = len(chosen)
        pending = [e for e in chosen if e.kind == "feed"]
        later = [e for e in chosen if e.kind != "feed"]
        for _ in range(_MAX_ROUNDS):
            if not pending and not later:
                break
            discovered = self._round([*pending, *later])
            pending, later = discovered, []
        self.writer.flush()
        save_watchlist(self.store.watchlist_path, self.watchlist())

    def watchlist(self) -> WatchList:
        """The watch list as this cycle has left it so far."""
        entries = tuple(self.updated.get(entry.url, entry) for entry in self.loaded)
        return WatchList(entries + tuple(self.updated.get(e.url, e) for e in self.found.values()))

    def _watched(self, url: str) -> bool:
        return url in self.loaded or watch_key(url) in self.found

    def _round(self, entries: Sequence[WatchEntry]) -> list[WatchEntry]:
        """Fetch and handle `entries`; return the entries feeds added meanwhile."""
        discovered: list[WatchEntry] = []
        by_url = {entry.url: entry for entry in entries}
        for job, outcome in self.fetcher.fetch_all(self._job(e) for e in entries):
            result, updated, found = self._handle(by_url[job.url], outcome)
            self.updated[updated.url] = updated
            self.found.update((entry.key, entry) for entry in found)
            discovered += found
            self.total += len(found)
            self._done(result)
        return discovered

    def _job(self, entry: WatchEntry) -> FetchJob:
        refuse = self.options.refuse_private or (
            entry.discovered and not entry.options.allow_private
        )
        return FetchJob(entry.url, entry.etag, entry.last_modified, refuse_private=refuse)

    def _done(self, result: SnapshotResult) -> None:
        self.results.append(result)
        if self.progress is not None:
            self.progress(len(self.results), self.total, result)
        self._unsaved += result.changed
        if self._unsaved >= self.options.commit_every:
            self.writer.flush()  # commit first: the saved list never vouches for lost versions
            save_watchlist(self.store.watchlist_path, self.watchlist())
            self._unsaved = 0

    def _handle(
        self, entry: WatchEntry, outcome: Page | FetchFailed
    ) -> tuple[SnapshotResult, WatchEntry, list[WatchEntry]]:
        if isinstance(outcome, FetchFailed):
            return self._failed(entry, outcome), _failed_entry(entry, self.now, outcome), []
        if outcome.status == 304:
            result = self._not_modified(entry)
            return result, _checked(entry, outcome, self.now, changed=False), []
        try:
            if entry.kind == "feed" or _looks_like_feed(outcome):
                return self._feed(entry, outcome)
            url = without_userinfo(entry.url)  # a list written before credentials were dropped
            result = record_page(self.writer, outcome, "url", source=url, seen=self.now,
                                 url=url, flip_window=self.options.flip_window,
                                 allow_backdated=True)  # fmt: skip
        except TrackerError as error:
            return self._failed(entry, error), _failed_entry(entry, self.now, error), []
        return result, _checked(entry, outcome, self.now, changed=result.changed), []

    def _failed(self, entry: WatchEntry, error: TrackerError) -> SnapshotResult:
        url = without_userinfo(entry.url)
        return SnapshotResult(url, "failed", url, error=str(error), kind=entry.kind)

    def _not_modified(self, entry: WatchEntry) -> SnapshotResult:
        if entry.kind == "feed":
            return SnapshotResult(entry.url, "unchanged", entry.url, kind="feed",
                                  via="not-modified")  # fmt: skip
        known = self.writer.find(entry.url)
        identity = Identity(known.key, known.path) if known else None
        version = len(known.versions) if known else None
        return SnapshotResult(entry.url, "unchanged", entry.url, identity, version,
                              via="not-modified")  # fmt: skip

    def _feed(
        self, entry: WatchEntry, page: Page
    ) -> tuple[SnapshotResult, WatchEntry, list[WatchEntry]]:
        feed = parse_feed(page.content, page.final_url)
        found = _new_items(self._watched, entry, feed.items, self.now)
        result = SnapshotResult(entry.url, "changed" if found else "unchanged", entry.url,
                                kind="feed", discovered=len(found))  # fmt: skip
        updated = replace(_checked(entry, page, self.now, changed=bool(found)), kind="feed")
        return result, updated, found


def _looks_like_feed(page: Page) -> bool:
    return is_feed(page.content, page.headers.get("content-type"))


def _new_items(
    watched: Callable[[str], bool], feed: WatchEntry, items: Iterable[Any], now: datetime
) -> list[WatchEntry]:
    """Watch entries for the feed's items not yet watched (http(s) links only)."""
    options = WatchOptions(allow_private=feed.options.allow_private)
    found: dict[str, WatchEntry] = {}
    for item in items:
        url = item.url
        if not url.lower().startswith(("http://", "https://")) or watched(url):
            continue
        entry = new_entry(url, "article", now, options, discovered_from=feed.url,
                          published=_parse_time(item.published))  # fmt: skip
        found.setdefault(entry.key, entry)
    return list(found.values())


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return parse_time(value)
    except ValueError:
        return None


def _checked(entry: WatchEntry, page: Page, now: datetime, *, changed: bool) -> WatchEntry:
    """The entry after a successful check; a 304 keeps the validators it does not repeat."""
    headers = page.headers
    fresh = page.status != 304
    return replace(
        entry,
        state=after_check(entry.state, now, changed),
        etag=headers.get("etag") or (None if fresh else entry.etag),
        last_modified=headers.get("last-modified") or (None if fresh else entry.last_modified),
        content_hash=blob_id(page.content) if fresh else entry.content_hash,
    )


def _failed_entry(entry: WatchEntry, now: datetime, error: TrackerError) -> WatchEntry:
    """The entry after a failed check; one refused for its private address is switched off
    (reported once, not on every run)."""
    failed = replace(entry, state=after_failure(entry.state, now))
    if isinstance(error, PrivateAddressRefused):
        return replace(failed, options=replace(entry.options, enabled=False))
    return failed
