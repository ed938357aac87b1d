"""Errors the library raises. Each message names what happened and what to do next."""

from __future__ import annotations


class TrackerError(Exception):
    """Base of every error a user can act on. The CLI prints it as 'Error: <message>' and exits 1."""


class FetchFailed(TrackerError):
    """A URL could not be fetched (network error, timeout, HTTP error status, wrong content)."""


class ExtractionEmpty(TrackerError):
    """Extraction found no article text, or implausibly little (paywall, consent wall, error page)."""


class SnapshotNotFound(TrackerError):
    """The store holds no such article or version."""


class StoreLocked(TrackerError):
    """Another tracker process holds the store's lock."""


class StoreCorrupt(TrackerError):
    """The store exists but cannot be read as a tracker store."""


class BadSource(TrackerError):
    """A snapshot source is neither an http(s) URL, a readable file, nor '-'."""
