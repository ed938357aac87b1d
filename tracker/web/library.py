"""The store as the web pages read it: articles, their versions, and reports between two
versions (cached: stored versions never change). Read-only: nothing here writes to the store."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from pathlib import Path

from tracker.analyze.report import build_report
from tracker.errors import SnapshotNotFound
from tracker.models import Report
from tracker.store.store import Store, TrackedArticle

_REFRESH_SECONDS = 2.0  # how long the article list may lag behind a snapshot run
_CACHED_REPORTS = 64


class Library:
    """Read access to one store for the web app and the site builder.

    The store is opened again (at most every couple of seconds) so that a server running beside
    `tracker snapshot` shows new versions; reports are cached by revision.
    """

    def __init__(self, root: Path, *, refresh: float = _REFRESH_SECONDS) -> None:
        self.root = Path(root)
        self._refresh = refresh
        self._lock = threading.Lock()
        self._store = Store.open(self.root, create=False)
        self._opened = time.monotonic()
        self._by_path = {a.path: a for a in self._store.articles()}
        self._reports: OrderedDict[tuple[str, str, str], Report] = OrderedDict()

    def close(self) -> None:
        with self._lock:
            self._store.close()

    def _current(self) -> Store:
        """The store, opened again when the last opening is older than the refresh interval."""
        if time.monotonic() - self._opened >= self._refresh:
            fresh = Store.open(self.root, create=False)
            self._store.close()
            self._store, self._opened = fresh, time.monotonic()
            self._by_path = {a.path: a for a in fresh.articles()}
        return self._store

    def articles(self) -> list[TrackedArticle]:
        """Every article with at least one version, the most recently seen first."""
        with self._lock:
            self._current()
            found = [a for a in self._by_path.values() if a.versions]
        found.sort(key=lambda a: a.key)
        found.sort(key=lambda a: a.versions[-1].seen, reverse=True)
        return found

    def article(self, path: str) -> TrackedArticle:
        """The article stored in folder `path` (`articles/<host>/<slug>`)."""
        with self._lock:
            self._current()
            found = self._by_path.get(path)
        if found is None or not found.versions:
            raise SnapshotNotFound(f"no article at {path}")
        return found

    def report(self, tracked: TrackedArticle, old: int, new: int) -> Report:
        """The report from version `old` to version `new` (1-based) of `tracked`."""
        count = len(tracked.versions)
        for number in (old, new):
            if not 1 <= number <= count:
                raise SnapshotNotFound(
                    f"no version {number} of {tracked.url}; it has versions 1 to {count}"
                )
        first, second = tracked.versions[old - 1], tracked.versions[new - 1]
        key = (tracked.key, first.revision, second.revision)
        with self._lock:
            cached = self._reports.get(key)
            if cached is not None:
                self._reports.move_to_end(key)
                return cached
            store = self._current()
            before, after = store.read(tracked, first), store.read(tracked, second)
        report = build_report(before.article, after.article, before.meta, after.meta)
        with self._lock:
            self._reports[key] = report
            while len(self._reports) > _CACHED_REPORTS:
                self._reports.popitem(last=False)
        return report
