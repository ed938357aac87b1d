"""The watch list: URLs (articles and feeds) to re-check, kept as one JSON file in the store.

Values are frozen: `add_entry`, `remove_entry` and `update_entry` return a new `WatchList`.
Only `load_watchlist` and `save_watchlist` touch the disk; saving is atomic (temporary file,
fsync, rename), so a crash leaves the old list or the new one, never half of one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Literal, TypeVar
from urllib.parse import urlsplit, urlunsplit

from tracker.errors import TrackerError
from tracker.store.files import write_atomic
from tracker.times import parse_time
from tracker.watch.schedule import CheckState, SchedulePolicy, is_due

EntryKind = Literal["article", "feed"]
_KINDS: tuple[EntryKind, ...] = ("article", "feed")
_FORMAT_VERSION = 1
_T = TypeVar("_T")


class WatchListError(TrackerError):
    """The watch list file could not be read or written."""


class WatchListCorrupt(WatchListError):
    """The watch list file exists but is not a readable watch list."""


class WatchNotFound(WatchListError):
    """The URL is not on the watch list."""


@dataclass(frozen=True, slots=True)
class WatchOptions:
    """Per-entry settings: a fixed check interval, whether private addresses may be fetched."""

    interval: timedelta | None = None
    allow_private: bool = False
    enabled: bool = True


@dataclass(frozen=True, slots=True)
class WatchEntry:
    """One watched URL with its schedule state and what conditional GET needs."""

    url: str
    kind: EntryKind
    added: datetime
    state: CheckState
    options: WatchOptions = field(default_factory=WatchOptions)
    discovered_from: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None

    @property
    def key(self) -> str:
        return watch_key(self.url)

    @property
    def discovered(self) -> bool:
        """Whether a watched feed added this entry (rather than a person)."""
        return self.discovered_from is not None


@dataclass(frozen=True, slots=True)
class WatchList:
    """Watched entries in the order they were added, one per `watch_key` (later duplicates are
    dropped when the list is built)."""

    entries: tuple[WatchEntry, ...] = ()
    _index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, int] = {}
        for position, entry in enumerate(self.entries):
            index.setdefault(entry.key, position)
        if len(index) != len(self.entries):
            kept = sorted(index.values())
            object.__setattr__(self, "entries", tuple(self.entries[i] for i in kept))
            index = {self.entries[i].key: i for i in range(len(self.entries))}
        object.__setattr__(self, "_index", index)

    def find(self, url: str) -> WatchEntry | None:
        position = self._index.get(watch_key(url))
        return None if position is None else self.entries[position]

    def __contains__(self, url: object) -> bool:
        return isinstance(url, str) and watch_key(url) in self._index

    def __iter__(self) -> Iterator[WatchEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


def watch_key(url: str) -> str:
    """The URL as the watch list compares it: no fragment, lower-case scheme and host."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))


def new_entry(
    url: str,
    kind: EntryKind,
    now: datetime,
    options: WatchOptions | None = None,
    discovered_from: str | None = None,
    published: datetime | None = None,
) -> WatchEntry:
    """A fresh entry for `url`, first seen at `now` and due at once."""
    return WatchEntry(
        url=url.strip(),
        kind=kind,
        added=now,
        state=CheckState(first_seen=now, published=published),
        options=options or WatchOptions(),
        discovered_from=discovered_from,
    )


def add_entry(watchlist: WatchList, entry: WatchEntry) -> WatchList:
    """The list with `entry` appended; unchanged when its URL is already watched."""
    return add_entries(watchlist, (entry,))


def add_entries(watchlist: WatchList, entries: Iterable[WatchEntry]) -> WatchList:
    """The list with each new entry appended in order; URLs already watched are skipped."""
    fresh = tuple(entries)
    if all(entry.url in watchlist for entry in fresh):
        return watchlist
    return WatchList(entries=(*watchlist.entries, *fresh))


def remove_entry(watchlist: WatchList, url: str, with_discovered: bool = False) -> WatchList:
    """The list without `url` (and, if asked, without the articles that feed discovered)."""
    key = watch_key(url)
    if url not in watchlist:
        raise WatchNotFound(
            f"{url} is not on the watch list; 'tracker watch list' shows what is watched"
        )
    kept = tuple(
        entry
        for entry in watchlist.entries
        if entry.key != key and not (with_discovered and _found_by(entry, key))
    )
    return WatchList(entries=kept)


def _found_by(entry: WatchEntry, feed_key: str) -> bool:
    return entry.discovered_from is not None and watch_key(entry.discovered_from) == feed_key


def update_entry(watchlist: WatchList, entry: WatchEntry) -> WatchList:
    """The list with the entry of the same URL replaced by `entry`, in place."""
    position = watchlist._index.get(entry.key)
    if position is None:
        raise WatchNotFound(
            f"{entry.url} is not on the watch list; add it with 'tracker watch add'"
        )
    entries = list(watchlist.entries)
    entries[position] = entry
    return WatchList(entries=tuple(entries))


def due_entries(
    watchlist: WatchList, now: datetime, policy: SchedulePolicy
) -> tuple[WatchEntry, ...]:
    """The enabled entries due for a check at `now`, in list order."""
    return tuple(
        entry
        for entry in watchlist.entries
        if entry.options.enabled and is_due(entry.state, now, policy, entry.options.interval)
    )


def load_watchlist(path: Path | str) -> WatchList:
    """The watch list stored at `path`; an empty list when the file does not exist yet."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return WatchList()
    except OSError as error:
        raise WatchListError(f"cannot read the watch list {path}: {error.strerror}") from None
    try:
        return _decode(json.loads(raw))
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise WatchListCorrupt(
            f"{path} is not a readable watch list ({_describe(error)}); fix it by hand, "
            f"or move it aside to start an empty list"
        ) from None


def save_watchlist(path: Path | str, watchlist: WatchList) -> None:
    """Write `watchlist` to `path` atomically (temporary file, fsync, rename)."""
    path = Path(path)
    document = json.dumps(_encode(watchlist), indent=2, ensure_ascii=False) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, document.encode("utf-8"), durable=True)
    except OSError as error:
        raise WatchListError(
            f"cannot write the watch list {path}: {error.strerror}; "
            "check that its folder is writable"
        ) from None


def _describe(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"missing field {error}"
    return str(error)


def _encode(watchlist: WatchList) -> dict[str, Any]:
    return {"version": _FORMAT_VERSION, "entries": [_encode_entry(e) for e in watchlist.entries]}


def _encode_entry(entry: WatchEntry) -> dict[str, Any]:
    interval = entry.options.interval
    return {
        "url": entry.url,
        "kind": entry.kind,
        "added": entry.added.isoformat(),
        "enabled": entry.options.enabled,
        "allow_private": entry.options.allow_private,
        "interval_seconds": None if interval is None else interval.total_seconds(),
        "discovered_from": entry.discovered_from,
        "etag": entry.etag,
        "last_modified": entry.last_modified,
        "content_hash": entry.content_hash,
        "state": _encode_state(entry.state),
    }


def _encode_state(state: CheckState) -> dict[str, Any]:
    return {
        "first_seen": state.first_seen.isoformat(),
        "last_checked": _iso(state.last_checked),
        "last_changed": _iso(state.last_changed),
        "unchanged_streak": state.unchanged_streak,
        "failure_streak": state.failure_streak,
        "published": _iso(state.published),
    }


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _decode(document: object) -> WatchList:
    if not isinstance(document, dict):
        raise ValueError("expected a JSON object with 'version' and 'entries'")
    if document.get("version") != _FORMAT_VERSION:
        raise ValueError(f"unknown format version {document.get('version')!r}")
    entries = document["entries"]
    if not isinstance(entries, list):
        raise TypeError("'entries' must be a list")
    decoded: list[WatchEntry] = []
    for number, raw in enumerate(entries, start=1):
        try:
            decoded.append(_decode_entry(raw))
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            raise ValueError(f"entry {number}: {_describe(error)}") from None
    return WatchList(entries=tuple(decoded))


def _decode_entry(raw: dict[str, Any]) -> WatchEntry:
    kind = raw["kind"]
    if kind not in _KINDS:
        raise ValueError(f"kind must be 'article' or 'feed', not {kind!r}")
    interval = _seconds(raw.get("interval_seconds"), "interval_seconds")
    return WatchEntry(
        url=_required(raw["url"], str, "url"),
        kind=kind,
        added=_datetime(raw["added"], "added"),
        state=_decode_state(raw["state"]),
        options=WatchOptions(
            interval=None if interval is None else timedelta(seconds=interval),
            allow_private=_required(raw.get("allow_private", False), bool, "allow_private"),
            enabled=_required(raw.get("enabled", True), bool, "enabled"),
        ),
        discovered_from=_optional(raw.get("discovered_from"), str, "discovered_from"),
        etag=_optional(raw.get("etag"), str, "etag"),
        last_modified=_optional(raw.get("last_modified"), str, "last_modified"),
        content_hash=_optional(raw.get("content_hash"), str, "content_hash"),
    )


def _decode_state(raw: dict[str, Any]) -> CheckState:
    return CheckState(
        first_seen=_datetime(raw["first_seen"], "first_seen"),
        last_checked=_optional_datetime(raw.get("last_checked"), "last_checked"),
        last_changed=_optional_datetime(raw.get("last_changed"), "last_changed"),
        unchanged_streak=_count(raw.get("unchanged_streak", 0), "unchanged_streak"),
        failure_streak=_count(raw.get("failure_streak", 0), "failure_streak"),
        published=_optional_datetime(raw.get("published"), "published"),
    )


def _required(value: object, kind: type[_T], name: str) -> _T:
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        raise TypeError(f"{name} has the wrong type ({type(value).__name__})")
    return value


def _optional(value: object, kind: type[_T], name: str) -> _T | None:
    return None if value is None else _required(value, kind, name)


def _seconds(value: object, name: str) -> float | None:
    """A number of seconds (a JSON int or float), or None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return _optional(value, float, name)


def _count(value: object, name: str) -> int:
    number = _required(value, int, name)
    if number < 0:
        raise ValueError(f"{name} must not be negative")
    return number


def _datetime(value: object, name: str) -> datetime:
    return parse_time(_required(value, str, name))


def _optional_datetime(value: object, name: str) -> datetime | None:
    return None if value is None else _datetime(value, name)
