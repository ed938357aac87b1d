"""Errors the library raises. Each message names what happened and what to do next."""

from __future__ import annotations


class TrackerError(Exception):
    """An error the user can act on; the CLI prints 'Error: <message>' and exits 1."""


class FetchFailed(TrackerError):
    """A URL could not be fetched (network error, timeout, HTTP error status, wrong content)."""


class ExtractionEmpty(TrackerError):
    """No article text, or implausibly little (paywall, consent wall, error page)."""


class SnapshotNotFound(TrackerError):
    """The store holds no such article or version."""


class StoreLocked(TrackerError):
    """Another tracker process holds the store's lock."""


class StoreCorrupt(TrackerError):
    """The store exists but cannot be read as a tracker store."""


class StoreWriteFailed(TrackerError):
    """The store could not be written (disk full, no permission, input/output error); nothing
    of the failed write was kept."""


class BadSource(TrackerError):
    """A snapshot source is neither an http(s) URL, a readable file, nor '-'."""


class BadUrl(BadSource, ValueError):
    """A URL that urllib cannot read (a port out of range, a broken IPv6 literal); still a
    ValueError for callers that check URLs themselves."""


class BackdatedVersion(TrackerError):
    """A version seen before the newest stored one, recorded only when asked to."""
