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


class BadSource(TrackerError):
    """A snapshot source is neither an http(s) URL, a readable file, nor '-'."""


class BackdatedVersion(TrackerError):
    """A version seen before the newest stored one, recorded only when asked to."""
